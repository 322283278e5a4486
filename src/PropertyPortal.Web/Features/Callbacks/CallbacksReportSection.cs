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
        (await RangeAsync([period.PropertyId], period, 1, nowUtc, null, ct))[(period.PropertyId, period.Yyyymm)];

    public override async Task<IReadOnlyDictionary<(Guid PropertyId, int Yyyymm), IReadOnlyList<ReportFigure>>> RangeAsync(
        IReadOnlyList<Guid> properties, ReportPeriod first, int months, DateTime nowUtc, IReadOnlySet<string>? only, CancellationToken ct)
    {
        var (from, to) = (first.FromUtc, first.Shift(months - 1).ToUtc);
        var ends = MonthBuckets.Ends(first, months);
        var ids = properties.ToList();
        var due = db.Callbacks.AsNoTracking().Where(c => ids.Contains(c.PropertyId) && c.DueAt >= from && c.DueAt < to && c.Status != CallbackStatus.Withdrawn);

        // Counted in the database: one row per property, month, source, status, score and fixed-or-not.
        var counts = await due.Select(c => new CallbackRow { PropertyId = c.PropertyId, At = c.DueAt, Source = c.Source, Status = c.Status, Score = c.Score, Fixed = c.Fixed })
            .Select(MonthBuckets.Assign<CallbackRow>(ends))
            .GroupBy(r => new { r.Bucket, r.PropertyId, r.Source, r.Status, r.Score, r.Fixed })
            .Select(g => new CallbackCount(g.Key.Bucket, g.Key.PropertyId, g.Key.Source, g.Key.Status, g.Key.Score, g.Key.Fixed, g.Count()))
            .ToListAsync(ct);

        // The callbacks' clocks, decided and on time, per month and for repairs or not: counted in the database too.
        var clockCounts = new List<MonthClockCount>();
        if (Wants(only, "onTime") || Wants(only, "repairOnTime"))
        {
            // A cross join filtered on the key, so SQLite starts from the month's callbacks (see RepairsReportSection).
            var clocks = from c in due
                         from k in db.SlaClocks
                         where k.SubjectId == c.Id && k.Subject == SlaSubject.Callback && k.Milestone == SlaMilestone.Callback && k.State != SlaClockState.Cancelled
                         select new MonthClock { PropertyId = c.PropertyId, At = c.DueAt, Milestone = k.Milestone, Group = c.Source == CallbackSource.Repair, State = k.State, DueAt = k.DueAt, MinutesEarly = k.MinutesEarly };
            (clockCounts, _) = await ClockFigures.CountAsync(clocks, ends, nowUtc, lateToo: false, ct);
        }

        var bucketOf = MonthBuckets.Indexes(first, months);
        var countsBy = counts.ToLookup(r => (r.PropertyId, r.Bucket));
        var clocksBy = clockCounts.ToLookup(r => (r.PropertyId, r.Bucket));
        return first.Range(ids, months).ToDictionary(p => (p.PropertyId, p.Yyyymm), p =>
        {
            var key = (p.PropertyId, bucketOf[p.Yyyymm]);
            var month = countsBy[key].ToList();
            var monthClocks = clocksBy[key].ToList();
            var repairs = monthClocks.Where(c => c.Group).ToList();
            var scored = month.Where(r => r.Status == CallbackStatus.Done && r.Score is not null).ToList();
            var scoredCount = scored.Sum(r => r.Count);
            var dueCount = month.Sum(r => r.Count);
            var made = month.Where(r => r.Status is CallbackStatus.Done or CallbackStatus.Refused).Sum(r => r.Count);
            IEnumerable<ReportFigure> figures =
            [
                F("due", dueCount),
                .. ByEnum("source", month.SelectMany(r => Enumerable.Repeat(r.Source, r.Count))),
                F("made", made),
                F("completion", ClockFigures.Rate(made, dueCount), FigureUnit.Rate),
                F("reached", month.Where(r => r.Status == CallbackStatus.Done).Sum(r => r.Count)),
                F("onTime", ClockFigures.Rate(monthClocks.Sum(c => c.OnTime), monthClocks.Sum(c => c.Decided)), FigureUnit.Rate),
                F("repairOnTime", ClockFigures.Rate(repairs.Sum(c => c.OnTime), repairs.Sum(c => c.Decided)), FigureUnit.Rate),
                F("meanScore", scoredCount == 0 ? null : Math.Round((decimal)scored.Sum(r => r.Score!.Value * r.Count) / scoredCount, 2), FigureUnit.Score),
                F("satisfied", ClockFigures.Rate(scored.Where(r => r.Score > 5 && r.Fixed != false).Sum(r => r.Count), scoredCount), FigureUnit.Rate),
            ];
            return IMonthlyReportSection.Only(figures, only);
        });
    }

    private sealed record CallbackCount(int Bucket, Guid PropertyId, CallbackSource Source, CallbackStatus Status, int? Score, bool? Fixed, int Count);

    private sealed class CallbackRow : IMonthRow
    {
        public Guid PropertyId { get; init; }

        public DateTime At { get; init; }

        public CallbackSource Source { get; init; }

        public CallbackStatus Status { get; init; }

        public int? Score { get; init; }

        public bool? Fixed { get; init; }

        public int Bucket { get; init; }
    }
}
