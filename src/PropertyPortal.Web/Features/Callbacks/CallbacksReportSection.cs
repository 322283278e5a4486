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
/// 回访 due in the month (withdrawn ones aside): made (done or refused by the household) and the share made, reached,
/// on time by their clocks — for repairs separately, whose target is 100 % — and the satisfaction of the reached ones.
/// One month and the dashboard's range are read by the same two queries and counted by the same code.
/// </summary>
public sealed class CallbacksReportSection(PortalDbContext db, IStringLocalizer<ReportsText> t, IStringLocalizer<SharedResource> l) : SectionBase(t, l)
{
    public override string Key => "callbacks";

    public override int Order => 40;

    public override async Task<IReadOnlyList<ReportFigure>> FiguresAsync(ReportPeriod period, DateTime nowUtc, CancellationToken ct) =>
        (await RangeAsync([period.PropertyId], period, 1, nowUtc, ct))[(period.PropertyId, period.Yyyymm)];

    public override async Task<IReadOnlyDictionary<(Guid PropertyId, int Yyyymm), IReadOnlyList<ReportFigure>>> RangeAsync(
        IReadOnlyList<Guid> properties, ReportPeriod first, int months, DateTime nowUtc, CancellationToken ct)
    {
        var (from, to) = (first.FromUtc, first.Shift(months - 1).ToUtc);
        var ids = properties.ToList();
        var due = db.Callbacks.AsNoTracking().Where(c => ids.Contains(c.PropertyId) && c.DueAt >= from && c.DueAt < to && c.Status != CallbackStatus.Withdrawn);
        var rows = await due.Select(c => new { c.Id, c.PropertyId, c.DueAt, c.Source, c.Status, c.Score, c.Fixed }).ToListAsync(ct);
        var clocks = (await ClockFigures.Rows(db.SlaClocks.AsNoTracking()
                .Where(k => k.Subject == SlaSubject.Callback && k.Milestone == SlaMilestone.Callback && k.State != SlaClockState.Cancelled && due.Select(c => c.Id).Contains(k.SubjectId)))
            .ToListAsync(ct)).ToLookup(c => c.SubjectId);
        var rowsBy = rows.ToLookup(r => (r.PropertyId, ReportPeriod.YyyymmOf(r.DueAt)));
        return first.Range(ids, months).ToDictionary(p => (p.PropertyId, p.Yyyymm), p =>
        {
            var month = rowsBy[(p.PropertyId, p.Yyyymm)].ToList();
            var monthClocks = month.SelectMany(r => clocks[r.Id]).ToList();
            var repairIds = month.Where(r => r.Source == CallbackSource.Repair).Select(r => r.Id).ToHashSet();
            var all = ClockFigures.Of(monthClocks, nowUtc);
            var repairs = ClockFigures.Of(monthClocks.Where(c => repairIds.Contains(c.SubjectId)), nowUtc);
            var scored = month.Where(r => r.Status == CallbackStatus.Done && r.Score is not null).ToList();
            var made = month.Count(r => r.Status is CallbackStatus.Done or CallbackStatus.Refused);
            return (IReadOnlyList<ReportFigure>)
            [
                F("due", month.Count),
                .. ByEnum("source", month.Select(r => r.Source)),
                F("made", made),
                F("completion", ClockFigures.Rate(made, month.Count), FigureUnit.Rate),
                F("reached", month.Count(r => r.Status == CallbackStatus.Done)),
                F("onTime", ClockFigures.Rate(all.OnTime, all.Decided), FigureUnit.Rate),
                F("repairOnTime", ClockFigures.Rate(repairs.OnTime, repairs.Decided), FigureUnit.Rate),
                F("meanScore", scored.Count == 0 ? null : Math.Round((decimal)scored.Average(r => r.Score!.Value), 2), FigureUnit.Score),
                F("satisfied", ClockFigures.Rate(scored.Count(r => r.Score > 5 && r.Fixed != false), scored.Count), FigureUnit.Rate),
            ];
        });
    }
}
