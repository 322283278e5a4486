using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Callbacks;
using PropertyPortal.Domain.Complaints;
using PropertyPortal.Domain.Sla;
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
/// replied within the hour, resolved in time, reopened, satisfaction at the callback. Clock figures
/// are plain sums over the milestones each complaint keeps (met, minutes early or late).
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

        var complaints = await (from c in week_
                                join k in db.ComplaintCategories on c.CategoryId equals k.Id
                                select new { c.Id, c.Tier, c.IsValid, c.ReopenCount, Category = k.Name }).ToListAsync(ct);
        var ids = complaints.Select(c => c.Id).ToList();
        var clocks = await db.SlaClocks.AsNoTracking()
            .Where(k => ids.Contains(k.SubjectId) && (k.Milestone == SlaMilestone.ComplaintReply || k.Milestone == SlaMilestone.Resolution) && k.State == SlaClockState.Met)
            .Select(k => new { k.SubjectId, k.Milestone, k.MinutesEarly }).ToListAsync(ct);
        var callbacks = await db.Callbacks.AsNoTracking()
            .Where(c => c.ComplaintId != null && ids.Contains(c.ComplaintId.Value) && c.Status == CallbackStatus.Done)
            .Select(c => new { c.Score, c.Fixed }).ToListAsync(ct);

        // Each complaint counts once: its first reply and its last resolution.
        var replies = clocks.Where(k => k.Milestone == SlaMilestone.ComplaintReply).GroupBy(k => k.SubjectId).Select(g => g.First()).ToList();
        var resolutions = clocks.Where(k => k.Milestone == SlaMilestone.Resolution).GroupBy(k => k.SubjectId).Select(g => g.Last()).ToList();
        var scored = callbacks.Where(c => c.Score is not null).ToList();
        return View(new ComplaintStats(monday, propertyId, properties,
            complaints.Count, complaints.Count(c => !c.IsValid),
            complaints.GroupBy(c => c.Tier).OrderByDescending(g => g.Key).Select(g => (Shared.Enum(g.Key), g.Count())).ToList(),
            complaints.GroupBy(c => c.Category).OrderByDescending(g => g.Count()).Select(g => (g.Key, g.Count())).ToList(),
            replies.Count, replies.Count(k => k.MinutesEarly >= 0), resolutions.Count, resolutions.Count(k => k.MinutesEarly >= 0),
            complaints.Count(c => c.ReopenCount > 0), scored.Count, scored.Count(c => c.Score > 5 && c.Fixed != false),
            scored.Count > 0 ? scored.Average(c => c.Score!.Value) : null));
    }
}
