using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Complaints;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Complaints;

public sealed record ComplaintStats(
    DateOnly Monday, Guid? PropertyId, IReadOnlyList<SelectListItem> Properties,
    int Received, int Invalid, IReadOnlyList<(string Name, int Count)> ByTier, IReadOnlyList<(string Name, int Count)> ByCategory,
    int Replied, int RepliedOnTime, int Resolved, int ResolvedOnTime, int Reopened, int CallbacksReached, int Satisfied, double? AverageScore);

/// <summary>
/// 投诉周统计 (004 L65): what came in during a week (Monday to Sunday, China time) and how it was served —
/// replied within the hour, resolved in time, reopened, satisfaction at the callback — counted by
/// <see cref="ComplaintTally"/>, as the monthly report's complaints section counts them.
/// </summary>
[Authorize(Policy = Policies.CaseIntake)]
public sealed class ComplaintStatsController(PortalDbContext db) : PortalController
{
    public async Task<IActionResult> Index(DateOnly? week, Guid? propertyId, CancellationToken ct)
    {
        var day = week ?? Today;
        var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        var from = PortalClock.ToUtc(monday.ToDateTime(TimeOnly.MinValue));
        var to = PortalClock.ToUtc(monday.AddDays(7).ToDateTime(TimeOnly.MinValue));
        var properties = (await db.Properties.AsNoTracking().OrderBy(p => p.Code).Select(p => new { p.Id, p.Name }).ToListAsync(ct))
            .Select(p => new SelectListItem(p.Name, p.Id.ToString(), p.Id == propertyId)).ToList();

        var week_ = db.Complaints.AsNoTracking().Where(c => c.ReceivedAt >= from && c.ReceivedAt < to);
        if (propertyId is { } pid)
        {
            week_ = week_.Where(c => c.PropertyId == pid);
        }

        var tally = await ComplaintTally.OfAsync(db, week_, ct);
        return View(new ComplaintStats(monday, propertyId, properties,
            tally.Received, tally.Invalid,
            tally.Tiers.GroupBy(t => t).OrderByDescending(g => g.Key).Select(g => (Shared.Enum(g.Key), g.Count())).ToList(),
            tally.Categories.GroupBy(c => c).OrderByDescending(g => g.Count()).Select(g => (g.Key, g.Count())).ToList(),
            tally.Replied, tally.RepliedOnTime, tally.Resolved, tally.ResolvedOnTime, tally.Reopened, tally.CallbacksReached, tally.Satisfied, tally.AverageScore));
    }
}
