using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Callbacks;
using PropertyPortal.Domain.Complaints;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Features.Reports;
using PropertyPortal.Web.Features.Reports.Sections;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.Complaints;

/// <summary>What the complaints of a period came to: the weekly statistics page and the monthly report's section count the same way.</summary>
public sealed record ComplaintTally(
    int Received, int Invalid, IReadOnlyList<ComplaintTier> Tiers, IReadOnlyList<string> Categories,
    int Replied, int RepliedOnTime, int Resolved, int ResolvedOnTime, int Reopened, int Repeat, int CallbacksReached, int Satisfied, double? AverageScore)
{
    /// <summary>
    /// Each complaint counts once: its first reply clock and its last resolution clock, picked by start time
    /// (a reopened complaint has a second resolution clock; the reopened one is what it was finally judged on).
    /// Resolved = that clock met; a resolution still open counts as not yet resolved.
    /// </summary>
    public static async Task<ComplaintTally> OfAsync(PortalDbContext db, IQueryable<Complaint> complaints, CancellationToken ct)
    {
        var rows = await (from c in complaints
                          join k in db.ComplaintCategories on c.CategoryId equals k.Id
                          select new { c.Tier, c.IsValid, c.ReopenCount, c.IsRepeat, Category = k.Name }).ToListAsync(ct);
        var ids = complaints.Select(c => c.Id);
        var clocks = await ClockFigures.Rows(db.SlaClocks.AsNoTracking()
                .Where(k => k.Subject == SlaSubject.Complaint && ids.Contains(k.SubjectId) && (k.Milestone == SlaMilestone.ComplaintReply || k.Milestone == SlaMilestone.Resolution)))
            .ToListAsync(ct);
        var callbacks = await db.Callbacks.AsNoTracking()
            .Where(c => c.ComplaintId != null && ids.Contains(c.ComplaintId.Value) && c.Status == CallbackStatus.Done)
            .Select(c => new { c.Score, c.Fixed }).ToListAsync(ct);

        var replies = ClockFigures.PickPerCase(clocks, SlaMilestone.ComplaintReply, last: false).Where(k => k.State == SlaClockState.Met).ToList();
        var resolutions = ClockFigures.PickPerCase(clocks, SlaMilestone.Resolution, last: true).Where(k => k.State == SlaClockState.Met).ToList();
        var scored = callbacks.Where(c => c.Score is not null).ToList();
        return new ComplaintTally(
            rows.Count, rows.Count(c => !c.IsValid), rows.Select(c => c.Tier).ToList(), rows.Select(c => c.Category).ToList(),
            replies.Count, replies.Count(k => k.MinutesEarly >= 0), resolutions.Count, resolutions.Count(k => k.MinutesEarly >= 0),
            rows.Count(c => c.ReopenCount > 0), rows.Count(c => c.IsRepeat), scored.Count, scored.Count(c => c.Score > 5 && c.Fixed != false),
            scored.Count > 0 ? scored.Average(c => c.Score!.Value) : null);
    }
}

/// <summary>
/// Complaints received in the period: by tier and category, replied within the hour, resolved on time, reopened,
/// repeat, and how the complainants rated the callback. The monthly report's section and the weekly statistics page
/// (/ComplaintStats, one property or all of the user's) are this section over a month or a week.
/// </summary>
public sealed class ComplaintsReportSection(PortalDbContext db, IStringLocalizer<ReportsText> t, IStringLocalizer<SharedResource> l) : SectionBase(t, l)
{
    public override string Key => "complaints";

    public override int Order => 30;

    public override bool CountsAllProperties => true;

    public override async Task<IReadOnlyList<ReportFigure>> FiguresAsync(ReportPeriod period, DateTime nowUtc, CancellationToken ct)
    {
        var tally = await ComplaintTally.OfAsync(db,
            period.Scope(db.Complaints.AsNoTracking()).Where(c => c.ReceivedAt >= period.FromUtc && c.ReceivedAt < period.ToUtc), ct);
        return
        [
            F("received", tally.Received),
            F("invalid", tally.Invalid),
            .. ByEnum("tier", tally.Tiers),
            .. ByName("category", tally.Categories),
            F("replied", tally.Replied),
            F("repliedInTime", tally.RepliedOnTime),
            F("replyOnTime", ClockFigures.Rate(tally.RepliedOnTime, tally.Replied), FigureUnit.Rate),
            F("resolved", tally.Resolved),
            F("resolvedInTime", tally.ResolvedOnTime),
            F("resolvedOnTime", ClockFigures.Rate(tally.ResolvedOnTime, tally.Resolved), FigureUnit.Rate),
            F("reopened", tally.Reopened),
            F("repeat", tally.Repeat),
            F("callbacksScored", tally.CallbacksReached),
            F("satisfied", tally.Satisfied),
            F("satisfiedRate", ClockFigures.Rate(tally.Satisfied, tally.CallbacksReached), FigureUnit.Rate),
            F("meanScore", tally.AverageScore is { } mean ? Math.Round((decimal)mean, 2) : null, FigureUnit.Score),
        ];
    }
}
