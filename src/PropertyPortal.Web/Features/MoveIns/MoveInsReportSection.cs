using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Callbacks;
using PropertyPortal.Domain.MoveInOut;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Features.Reports;
using PropertyPortal.Web.Features.Reports.Sections;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.MoveIns;

/// <summary>
/// 入住办理 (004 L36): how move-ins were handled in the period — booked, received, completed (and how many a supervisor
/// let through), cancelled, the first inspection passed or not, defects raised and fixed, the new residents' callbacks,
/// the units in custody and their patrols. The monthly report's section and the weekly statistics page
/// (/MoveIns/Stats, one property or all of the user's) are this section over a month or a week; seven grouped
/// statements, one per table, each counting its figures with conditional counts.
/// </summary>
public sealed class MoveInsReportSection(PortalDbContext db, IStringLocalizer<ReportsText> t, IStringLocalizer<SharedResource> l) : SectionBase(t, l)
{
    public override string Key => "moveIns";

    public override int Order => 55;

    public override bool CountsAllProperties => true;

    public override async Task<IReadOnlyList<ReportFigure>> FiguresAsync(ReportPeriod period, DateTime nowUtc, CancellationToken ct)
    {
        var (from, to) = (period.FromUtc, period.ToUtc);
        var cutoff = nowUtc < to ? nowUtc : to;
        // Each grouped statement answers one row or none (GroupBy a constant), read as a list: FirstOrDefault would make EF warn of an unordered First.
        var moveIns = (await period.Scope(db.MoveIns.AsNoTracking())
            .Where(m => (m.BookedAt >= from && m.BookedAt < to) || (m.ReceivedAt >= from && m.ReceivedAt < to) || (m.CompletedAt >= from && m.CompletedAt < to))
            .GroupBy(m => 1)
            .Select(g => new
            {
                Booked = g.Count(m => m.BookedAt >= from && m.BookedAt < to),
                Received = g.Count(m => m.ReceivedAt >= from && m.ReceivedAt < to),
                Completed = g.Count(m => m.CompletedAt >= from && m.CompletedAt < to),
                Overridden = g.Count(m => m.CompletedAt >= from && m.CompletedAt < to && m.OverrideReason != null),
            }).ToListAsync(ct)).FirstOrDefault();
        var events = await period.Scope(db.MoveInEvents.AsNoTracking())
            .Where(e => e.At >= from && e.At < to && (e.Kind == MoveInEventKind.Cancelled || e.Kind == MoveInEventKind.Inspected))
            .GroupBy(e => new { e.Kind, Clean = e.Note == null }).Select(g => new { g.Key.Kind, g.Key.Clean, Count = g.Count() }).ToListAsync(ct);
        var defects = (await period.Scope(db.MoveInDefects.AsNoTracking())
            .Where(d => (d.RecordedAt >= from && d.RecordedAt < to) || (d.FixedAt >= from && d.FixedAt < to))
            .GroupBy(d => 1)
            .Select(g => new { Raised = g.Count(d => d.RecordedAt >= from && d.RecordedAt < to), Fixed = g.Count(d => d.FixedAt >= from && d.FixedAt < to) })
            .ToListAsync(ct)).FirstOrDefault();
        var callbacks = (await period.Scope(db.Callbacks.AsNoTracking())
            .Where(c => c.Source == CallbackSource.MoveIn && ((c.DueAt >= from && c.DueAt < to) || (c.CompletedAt >= from && c.CompletedAt < to)))
            .GroupBy(c => 1)
            .Select(g => new
            {
                Due = g.Count(c => c.DueAt >= from && c.DueAt < to),
                Done = g.Count(c => c.CompletedAt >= from && c.CompletedAt < to && (c.Status == CallbackStatus.Done || c.Status == CallbackStatus.Refused)),
            }).ToListAsync(ct)).FirstOrDefault();

        // Custody is a state, not an event, and the portal keeps no history of it: it is shown for the period that holds now, "—" for others.
        int? custody = from <= nowUtc && nowUtc < to ? await period.Scope(db.Units.AsNoTracking()).CountAsync(u => u.InCustody, ct) : null;
        var patrols = (await period.Scope(db.CustodyPatrols.AsNoTracking()).Where(p => p.At >= from && p.At < to)
            .GroupBy(p => 1).Select(g => new { Count = g.Count(), Alarms = g.Count(p => p.MeterAlarm) }).ToListAsync(ct)).FirstOrDefault();
        var overdue = await period.Scope(db.SlaClocks.AsNoTracking()).CountAsync(c => c.Milestone == SlaMilestone.CustodyPatrol
            && c.DueAt >= from && c.DueAt < cutoff && ((c.MetAt != null && c.MetAt > c.DueAt) || (c.MetAt == null && c.State != SlaClockState.Cancelled)), ct);
        int Events(MoveInEventKind kind, bool? clean) => events.Where(e => e.Kind == kind && (clean == null || e.Clean == clean)).Sum(e => e.Count);
        return
        [
            F("booked", moveIns?.Booked ?? 0),
            F("received", moveIns?.Received ?? 0),
            F("completed", moveIns?.Completed ?? 0),
            F("overridden", moveIns?.Overridden ?? 0),
            F("cancelled", Events(MoveInEventKind.Cancelled, null)),
            F("passedFirstTime", Events(MoveInEventKind.Inspected, true)),
            F("withDefects", Events(MoveInEventKind.Inspected, false)),
            F("defectsRaised", defects?.Raised ?? 0),
            F("defectsFixed", defects?.Fixed ?? 0),
            F("callbacksDue", callbacks?.Due ?? 0),
            F("callbacksDone", callbacks?.Done ?? 0),
            F("custodyUnits", custody),
            F("patrols", patrols?.Count ?? 0),
            F("patrolsOverdue", overdue),
            F("meterAlarms", patrols?.Alarms ?? 0),
        ];
    }
}
