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
        (await RangeAsync([period.PropertyId], period, 1, nowUtc, ct))[(period.PropertyId, period.Yyyymm)];

    public override async Task<IReadOnlyDictionary<(Guid PropertyId, int Yyyymm), IReadOnlyList<ReportFigure>>> RangeAsync(
        IReadOnlyList<Guid> properties, ReportPeriod first, int months, DateTime nowUtc, CancellationToken ct)
    {
        var (from, to) = (first.FromUtc, first.Shift(months - 1).ToUtc);
        var ids = properties.ToList();
        var range = db.RepairOrders.AsNoTracking().Where(o => ids.Contains(o.PropertyId) && o.ReceivedAt >= from && o.ReceivedAt < to);
        var orders = await (from o in range
                            join k in db.RepairCategories on o.CategoryId equals k.Id
                            select new { o.Id, o.PropertyId, o.ReceivedAt, o.Urgency, o.ReopenCount, Category = k.Name }).ToListAsync(ct);
        var callbacks = db.Callbacks.Where(c => c.RepairOrderId != null && range.Select(o => o.Id).Contains(c.RepairOrderId.Value));
        var callbackOrder = await callbacks.Select(c => new { c.Id, Order = c.RepairOrderId!.Value }).ToDictionaryAsync(c => c.Id, c => c.Order, ct);
        var clocks = await ClockFigures.Rows(db.SlaClocks.AsNoTracking().Where(k => ids.Contains(k.PropertyId)
                && ((k.Subject == SlaSubject.RepairOrder && range.Select(o => o.Id).Contains(k.SubjectId))
                    || (k.Subject == SlaSubject.Callback && callbacks.Select(c => c.Id).Contains(k.SubjectId)))))
            .ToListAsync(ct);
        var revenue = await db.RepairOrders.AsNoTracking()
            .Where(o => ids.Contains(o.PropertyId) && o.Billing == RepairBilling.Paid && o.DoneAt >= from && o.DoneAt < to && o.Charge != null)
            .Select(o => new { o.PropertyId, DoneAt = o.DoneAt!.Value, Charge = o.Charge!.Value }).ToListAsync(ct);

        // Each clock counts in the month its order was received (a callback's clock: its order's).
        var monthOf = orders.ToDictionary(o => o.Id, o => (o.PropertyId, ReportPeriod.YyyymmOf(o.ReceivedAt)));
        var clocksBy = clocks.Select(c => (Order: callbackOrder.TryGetValue(c.SubjectId, out var order) ? order : c.SubjectId, Clock: c))
            .Where(c => monthOf.ContainsKey(c.Order)).ToLookup(c => monthOf[c.Order], c => c.Clock);
        var ordersBy = orders.ToLookup(o => (o.PropertyId, ReportPeriod.YyyymmOf(o.ReceivedAt)));
        var revenueBy = revenue.ToLookup(r => (r.PropertyId, ReportPeriod.YyyymmOf(r.DoneAt)), r => r.Charge);
        return first.Range(ids, months).ToDictionary(p => (p.PropertyId, p.Yyyymm), p =>
        {
            var key = (p.PropertyId, p.Yyyymm);
            var month = ordersBy[key].ToList();
            var monthClocks = clocksBy[key].ToList();
            return (IReadOnlyList<ReportFigure>)
            [
                F("received", month.Count),
                .. ByName("category", month.Select(o => o.Category)),
                .. ByEnum("urgency", month.Select(o => o.Urgency)),
                .. Milestones.SelectMany(m => Milestone(m.ToString(), monthClocks.Where(c => c.Milestone == m && c.State != SlaClockState.Cancelled), nowUtc)),
                F("reopened", month.Count(o => o.ReopenCount > 0)),
                F("revenue", revenueBy[key].Sum(), FigureUnit.Yuan),
            ];
        });
    }
}
