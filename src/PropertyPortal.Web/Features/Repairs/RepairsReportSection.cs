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
/// </summary>
public sealed class RepairsReportSection(PortalDbContext db, IStringLocalizer<ReportsText> t, IStringLocalizer<SharedResource> l) : SectionBase(t, l)
{
    public static readonly SlaMilestone[] Milestones = [SlaMilestone.WorkOrderIssued, SlaMilestone.PhoneReply, SlaMilestone.OnSite, SlaMilestone.Finished, SlaMilestone.Callback];

    public override string Key => "repairs";

    public override int Order => 20;

    public override async Task<IReadOnlyList<ReportFigure>> FiguresAsync(ReportPeriod period, DateTime nowUtc, CancellationToken ct)
    {
        var month = db.RepairOrders.AsNoTracking().Where(o => o.PropertyId == period.PropertyId && o.ReceivedAt >= period.FromUtc && o.ReceivedAt < period.ToUtc);
        var orders = await (from o in month
                            join k in db.RepairCategories on o.CategoryId equals k.Id
                            select new { o.Urgency, o.ReopenCount, Category = k.Name }).ToListAsync(ct);
        var callbacks = db.Callbacks.Where(c => c.RepairOrderId != null && month.Select(o => o.Id).Contains(c.RepairOrderId.Value)).Select(c => c.Id);
        var clocks = await ClockFigures.Rows(db.SlaClocks.AsNoTracking().Where(k => k.PropertyId == period.PropertyId
                && ((k.Subject == SlaSubject.RepairOrder && month.Select(o => o.Id).Contains(k.SubjectId))
                    || (k.Subject == SlaSubject.Callback && callbacks.Contains(k.SubjectId)))))
            .ToListAsync(ct);
        var revenue = await db.RepairOrders.AsNoTracking()
            .Where(o => o.PropertyId == period.PropertyId && o.Billing == RepairBilling.Paid && o.DoneAt >= period.FromUtc && o.DoneAt < period.ToUtc && o.Charge != null)
            .Select(o => o.Charge!.Value).ToListAsync(ct);
        return
        [
            F("received", orders.Count),
            .. ByName("category", orders.Select(o => o.Category)),
            .. ByEnum("urgency", orders.Select(o => o.Urgency)),
            .. Milestones.SelectMany(m => Milestone(m.ToString(), clocks.Where(c => c.Milestone == m && c.State != SlaClockState.Cancelled), nowUtc)),
            F("reopened", orders.Count(o => o.ReopenCount > 0)),
            F("revenue", revenue.Sum(), FigureUnit.Yuan),
        ];
    }
}
