using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Complaints;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Export;
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
public sealed class ComplaintStatsController(PortalDbContext db, IStringLocalizer<ComplaintsText> t) : PortalController
{
    public async Task<IActionResult> Index(DateOnly? week, Guid? propertyId, CancellationToken ct) =>
        await StatsAsync(week, propertyId, ct) is { } stats ? View(stats) : NotFound();

    /// <summary>The same week as .xlsx: one sheet, Chinese headers, counts as numbers and shares as percentages.</summary>
    public async Task<IActionResult> Export(DateOnly? week, Guid? propertyId, CancellationToken ct)
    {
        if (await StatsAsync(week, propertyId, ct) is not { } s)
        {
            return NotFound();
        }

        static XlsxNumber N(decimal v, XlsxFormat f = XlsxFormat.General) => new(v, f);
        static XlsxNumber? Rate(int part, int whole) => whole == 0 ? null : N(Math.Round((decimal)part / whole, 4), XlsxFormat.Percent);
        var rows = new List<IReadOnlyList<object?>>
        {
            new object?[] { t["Complaints.StatReceived"].Value, N(s.Received) },
            new object?[] { t["Complaints.ValidNo"].Value, N(s.Invalid) },
            new object?[] { t["Complaints.X.Replied"].Value, N(s.Replied) },
            new object?[] { t["Complaints.X.RepliedOnTime"].Value, N(s.RepliedOnTime) },
            new object?[] { t["Complaints.StatRepliedOnTime"].Value, Rate(s.RepliedOnTime, s.Replied) },
            new object?[] { t["Complaints.X.Resolved"].Value, N(s.Resolved) },
            new object?[] { t["Complaints.X.ResolvedOnTime"].Value, N(s.ResolvedOnTime) },
            new object?[] { t["Complaints.StatResolvedOnTime"].Value, Rate(s.ResolvedOnTime, s.Resolved) },
            new object?[] { t["Complaints.Reopens"].Value, N(s.Reopened) },
            new object?[] { t["Complaints.X.Reached"].Value, N(s.CallbacksReached) },
            new object?[] { t["Complaints.X.Satisfied"].Value, N(s.Satisfied) },
            new object?[] { t["Complaints.StatSatisfied"].Value, Rate(s.Satisfied, s.CallbacksReached) },
            new object?[] { t["Complaints.X.AverageScore"].Value, s.AverageScore is { } avg ? N(Math.Round((decimal)avg, 2), XlsxFormat.TwoDecimals) : null },
        };
        rows.AddRange(s.ByTier.Select(x => (IReadOnlyList<object?>)[t["Complaints.X.Tier", x.Name].Value, N(x.Count)]));
        rows.AddRange(s.ByCategory.Select(x => (IReadOnlyList<object?>)[t["Complaints.X.Category", x.Name].Value, N(x.Count)]));
        return XlsxExport.File(t["Complaints.Weekly"], s.Monday, t["Complaints.Weekly"],
            [t["Complaints.X.Figure"].Value, $"{ViewHelpers.Date(s.Monday)} – {ViewHelpers.Date(s.Monday.AddDays(6))}"], rows);
    }

    /// <summary>The week's tally; null when <paramref name="propertyId"/> is not one of the user's properties.</summary>
    private async Task<ComplaintStats?> StatsAsync(DateOnly? week, Guid? propertyId, CancellationToken ct)
    {
        if (propertyId is { } asked && !await db.Properties.AnyAsync(p => p.Id == asked, ct))
        {
            return null;
        }

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
        return new ComplaintStats(monday, propertyId, properties,
            tally.Received, tally.Invalid,
            tally.Tiers.GroupBy(x => x).OrderByDescending(g => g.Key).Select(g => (Shared.Enum(g.Key), g.Count())).ToList(),
            tally.Categories.GroupBy(c => c).OrderByDescending(g => g.Count()).Select(g => (g.Key, g.Count())).ToList(),
            tally.Replied, tally.RepliedOnTime, tally.Resolved, tally.ResolvedOnTime, tally.Reopened, tally.CallbacksReached, tally.Satisfied, tally.AverageScore);
    }
}
