using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Features.Reports;
using PropertyPortal.Web.Features.Reports.Sections;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.Repairs;

/// <summary>
/// Repair orders received in the month: by category and urgency; per milestone (the order's clocks and its
/// callback's) the on-time rate and the median and p90 minutes late; reopened; revenue of paid repairs done in the month.
/// One month and the dashboard's range of months and properties are read by the same few queries and counted by the same code.
/// </summary>
public sealed class RepairsReportSection(PortalDbContext db, IStringLocalizer<ReportsText> t, IStringLocalizer<SharedResource> l) : SectionBase(t, l)
{
    public static readonly SlaMilestone[] Milestones = [SlaMilestone.WorkOrderIssued, SlaMilestone.PhoneReply, SlaMilestone.OnSite, SlaMilestone.Finished, SlaMilestone.Callback];

    public override string Key => "repairs";

    public override int Order => 20;

    public override async Task<IReadOnlyList<ReportFigure>> FiguresAsync(ReportPeriod period, DateTime nowUtc, CancellationToken ct) =>
        (await RangeAsync([period.PropertyId], period, 1, nowUtc, null, ct))[(period.PropertyId, period.Yyyymm)];

    public override async Task<IReadOnlyDictionary<(Guid PropertyId, int Yyyymm), IReadOnlyList<ReportFigure>>> RangeAsync(
        IReadOnlyList<Guid> properties, ReportPeriod first, int months, DateTime nowUtc, IReadOnlySet<string>? only, CancellationToken ct)
    {
        var (from, to) = (first.FromUtc, first.Shift(months - 1).ToUtc);
        var ends = MonthBuckets.Ends(first, months);
        var ids = properties.ToList();
        var range = db.RepairOrders.AsNoTracking().Where(o => ids.Contains(o.PropertyId) && o.ReceivedAt >= from && o.ReceivedAt < to);

        // The orders counted in the database: one row per property, month, category, urgency and reopened-or-not.
        var orders = new List<OrderCount>();
        if (Wants(only, "received") || Wants(only, "category") || Wants(only, "urgency") || Wants(only, "reopened"))
        {
            orders = await (from o in range
                            join k in db.RepairCategories on o.CategoryId equals k.Id
                            select new OrderRow { PropertyId = o.PropertyId, At = o.ReceivedAt, Category = k.Name, Urgency = o.Urgency, Reopened = o.ReopenCount > 0 })
                .Select(MonthBuckets.Assign<OrderRow>(ends))
                .GroupBy(r => new { r.Bucket, r.PropertyId, r.Category, r.Urgency, r.Reopened })
                .Select(g => new OrderCount(g.Key.Bucket, g.Key.PropertyId, g.Key.Category, g.Key.Urgency, g.Key.Reopened, g.Count()))
                .ToListAsync(ct);
        }

        // Each clock counts in the month its order was received (a callback's clock: its order's) — counted in the
        // database per milestone; only the late clocks are read, for the minutes late.
        var milestones = Milestones.Where(m => Wants(only, $"onTime.{m}") || Wants(only, $"lateMedian.{m}") || Wants(only, $"lateP90.{m}")).ToList();
        var lateToo = Milestones.Any(m => Wants(only, $"lateMedian.{m}") || Wants(only, $"lateP90.{m}"));
        var clockCounts = new List<MonthClockCount>();
        var late = new List<MonthClock>();
        if (milestones.Count > 0)
        {
            // A callback's only clock is its Callback milestone; the order's own clocks are the others. Written as a
            // cross join filtered on the key (not a join): SQLite then keeps the orders outermost and finds each order's
            // clocks by (SubjectId, Milestone); with a join its planner, whose sampled statistics see a milestone as
            // rare, starts from every clock of the milestone instead (2 s against 20 ms for a month on the bench).
            // PostgreSQL plans both forms alike.
            var orderMilestones = milestones.Where(m => m != SlaMilestone.Callback).ToList();
            var ofOrders = from o in range
                           from k in db.SlaClocks
                           where k.SubjectId == o.Id && k.Subject == SlaSubject.RepairOrder && orderMilestones.Contains(k.Milestone) && k.State != SlaClockState.Cancelled
                           select new MonthClock { PropertyId = o.PropertyId, At = o.ReceivedAt, Milestone = k.Milestone, Group = false, State = k.State, DueAt = k.DueAt, MinutesEarly = k.MinutesEarly };
            var ofCallbacks = from o in range
                              from c in db.Callbacks
                              where c.RepairOrderId == o.Id
                              from k in db.SlaClocks
                              where k.SubjectId == c.Id && k.Subject == SlaSubject.Callback && k.Milestone == SlaMilestone.Callback && k.State != SlaClockState.Cancelled
                              select new MonthClock { PropertyId = o.PropertyId, At = o.ReceivedAt, Milestone = k.Milestone, Group = false, State = k.State, DueAt = k.DueAt, MinutesEarly = k.MinutesEarly };
            foreach (var rows in new[] { orderMilestones.Count > 0 ? ofOrders : null, milestones.Contains(SlaMilestone.Callback) ? ofCallbacks : null }.OfType<IQueryable<MonthClock>>())
            {
                var (counts, lateOnes) = await ClockFigures.CountAsync(rows, ends, nowUtc, lateToo, ct);
                clockCounts.AddRange(counts);
                late.AddRange(lateOnes);
            }
        }

        var revenue = new List<RevenueSum>();
        if (Wants(only, "revenue"))
        {
            revenue = await db.RepairOrders.AsNoTracking()
                .Where(o => ids.Contains(o.PropertyId) && o.Billing == RepairBilling.Paid && o.DoneAt >= from && o.DoneAt < to && o.Charge != null)
                .Select(o => new RevenueRow { PropertyId = o.PropertyId, At = o.DoneAt!.Value, Charge = o.Charge!.Value })
                .Select(MonthBuckets.Assign<RevenueRow>(ends))
                .GroupBy(r => new { r.Bucket, r.PropertyId })
                .Select(g => new RevenueSum(g.Key.Bucket, g.Key.PropertyId, g.Sum(r => r.Charge)))
                .ToListAsync(ct);
        }

        var bucketOf = MonthBuckets.Indexes(first, months);
        var ordersBy = orders.ToLookup(o => (o.PropertyId, o.Bucket));
        var countsBy = clockCounts.ToLookup(c => (c.PropertyId, c.Bucket, c.Milestone));
        var lateBy = late.ToLookup(c => (c.PropertyId, c.Bucket, c.Milestone), ClockFigures.Row);
        var revenueBy = revenue.ToLookup(r => (r.PropertyId, r.Bucket), r => r.Amount);
        return first.Range(ids, months).ToDictionary(p => (p.PropertyId, p.Yyyymm), p =>
        {
            var key = (p.PropertyId, bucketOf[p.Yyyymm]);
            var month = ordersBy[key].ToList();
            IEnumerable<ReportFigure> figures =
            [
                F("received", month.Sum(o => o.Count)),
                .. ByName("category", month.SelectMany(o => Enumerable.Repeat(o.Category, o.Count))),
                .. ByEnum("urgency", month.SelectMany(o => Enumerable.Repeat(o.Urgency, o.Count))),
                .. milestones.SelectMany(m =>
                {
                    var counts = countsBy[(p.PropertyId, key.Item2, m)].ToList();
                    var (_, _, lateMinutes) = ClockFigures.Of(lateBy[(p.PropertyId, key.Item2, m)], nowUtc);
                    return Milestone(m.ToString(), counts.Sum(c => c.Decided), counts.Sum(c => c.OnTime), lateMinutes);
                }),
                F("reopened", month.Where(o => o.Reopened).Sum(o => o.Count)),
                F("revenue", revenueBy[key].Sum(), FigureUnit.Yuan),
            ];
            return IMonthlyReportSection.Only(figures, only);
        });
    }

    private sealed record OrderCount(int Bucket, Guid PropertyId, string Category, RepairUrgency Urgency, bool Reopened, int Count);

    private sealed record RevenueSum(int Bucket, Guid PropertyId, decimal Amount);

    private sealed class OrderRow : IMonthRow
    {
        public Guid PropertyId { get; init; }

        public DateTime At { get; init; }

        public string Category { get; init; } = "";

        public RepairUrgency Urgency { get; init; }

        public bool Reopened { get; init; }

        public int Bucket { get; init; }
    }

    private sealed class RevenueRow : IMonthRow
    {
        public Guid PropertyId { get; init; }

        public DateTime At { get; init; }

        public decimal Charge { get; init; }

        public int Bucket { get; init; }
    }
}
