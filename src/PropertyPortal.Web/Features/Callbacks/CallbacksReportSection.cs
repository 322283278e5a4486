using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Callbacks;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Features.Reports;
using PropertyPortal.Web.Features.Reports.Sections;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.Callbacks;

/// <summary>
/// 回访 due in the month (withdrawn ones aside): made (done or refused by the household), reached, on time by
/// their clocks — for repairs separately, whose target is 100 % — and the satisfaction of the reached ones.
/// </summary>
public sealed class CallbacksReportSection(PortalDbContext db, IStringLocalizer<ReportsText> t, IStringLocalizer<SharedResource> l) : SectionBase(t, l)
{
    public override string Key => "callbacks";

    public override int Order => 40;

    public override async Task<IReadOnlyList<ReportFigure>> FiguresAsync(ReportPeriod period, DateTime nowUtc, CancellationToken ct)
    {
        var due = db.Callbacks.AsNoTracking().Where(c => c.PropertyId == period.PropertyId && c.DueAt >= period.FromUtc && c.DueAt < period.ToUtc && c.Status != CallbackStatus.Withdrawn);
        var rows = await due.Select(c => new { c.Id, c.Source, c.Status, c.Score, c.Fixed }).ToListAsync(ct);
        var clocks = await ClockFigures.Rows(db.SlaClocks.AsNoTracking()
                .Where(k => k.Subject == SlaSubject.Callback && k.Milestone == SlaMilestone.Callback && k.State != SlaClockState.Cancelled && due.Select(c => c.Id).Contains(k.SubjectId)))
            .ToListAsync(ct);
        var repairIds = rows.Where(r => r.Source == CallbackSource.Repair).Select(r => r.Id).ToHashSet();
        var all = ClockFigures.Of(clocks, nowUtc);
        var repairs = ClockFigures.Of(clocks.Where(c => repairIds.Contains(c.SubjectId)), nowUtc);
        var scored = rows.Where(r => r.Status == CallbackStatus.Done && r.Score is not null).ToList();
        return
        [
            F("due", rows.Count),
            .. ByEnum("source", rows.Select(r => r.Source)),
            F("made", rows.Count(r => r.Status is CallbackStatus.Done or CallbackStatus.Refused)),
            F("reached", rows.Count(r => r.Status == CallbackStatus.Done)),
            F("onTime", ClockFigures.Rate(all.OnTime, all.Decided), FigureUnit.Rate),
            F("repairOnTime", ClockFigures.Rate(repairs.OnTime, repairs.Decided), FigureUnit.Rate),
            F("meanScore", scored.Count == 0 ? null : Math.Round((decimal)scored.Average(r => r.Score!.Value), 2), FigureUnit.Score),
            F("satisfied", ClockFigures.Rate(scored.Count(r => r.Score > 5 && r.Fixed != false), scored.Count), FigureUnit.Rate),
        ];
    }
}
