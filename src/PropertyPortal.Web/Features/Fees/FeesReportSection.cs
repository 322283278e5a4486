using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Fees;
using PropertyPortal.Web.Features.Reports;
using PropertyPortal.Web.Features.Reports.Sections;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.Fees;

/// <summary>
/// The month's fees from the ledger: billed (this month's periodic bills), collected against them within the
/// month and the collection rate, arrears recovered (older bills paid in the month), arrears at the month's end
/// by age (days past due: 0–30, 31–90, 91–180, over 180), dunning steps done in the month and households at
/// each step at its end. Reversed bills and payments do not count.
/// </summary>
public sealed class FeesReportSection(PortalDbContext db, IStringLocalizer<ReportsText> t, IStringLocalizer<SharedResource> l) : SectionBase(t, l)
{
    public override string Key => "fees";

    public override int Order => 70;

    public override async Task<IReadOnlyList<ReportFigure>> FiguresAsync(ReportPeriod period, DateTime nowUtc, CancellationToken ct)
    {
        var (pid, start, to, yyyymm) = (period.PropertyId, period.FromUtc, period.ToUtc, period.Yyyymm);
        var end = period.EndDate;
        var charges = db.Charges.AsNoTracking().Where(c => c.PropertyId == pid && c.ReversedAt == null && c.Kind != FeeKind.Deposit);
        var billed = await charges.Where(c => c.Period == yyyymm).Select(c => c.Amount).ToListAsync(ct);
        var paidInMonth = await (from a in db.PaymentAllocations.AsNoTracking()
                                 join p in db.Payments on a.PaymentId equals p.Id
                                 join c in charges on a.ChargeId equals c.Id
                                 where a.PropertyId == pid && p.ReceivedAt >= start && p.ReceivedAt < to && p.ReversedAt == null
                                 select new { c.Period, a.Amount }).ToListAsync(ct);
        var collected = paidInMonth.Where(p => p.Period == yyyymm).Sum(p => p.Amount);
        var recovered = paidInMonth.Where(p => p.Period < yyyymm).Sum(p => p.Amount);

        // What was owed at the end: each bill due before it, less what had been paid on it by then.
        var due = await charges.Where(c => c.DueDate < end && c.CreatedAt < to).Select(c => new { c.Id, c.Amount, c.DueDate }).ToListAsync(ct);
        var paidBy = (await (from a in db.PaymentAllocations.AsNoTracking()
                             join p in db.Payments on a.PaymentId equals p.Id
                             where a.PropertyId == pid && p.ReceivedAt < to && p.ReversedAt == null
                             select new { a.ChargeId, a.Amount }).ToListAsync(ct))
            .GroupBy(a => a.ChargeId).ToDictionary(g => g.Key, g => g.Sum(a => a.Amount));
        var owed = due.Select(c => (Age: end.DayNumber - c.DueDate.DayNumber, Owed: c.Amount - paidBy.GetValueOrDefault(c.Id))).Where(c => c.Owed > 0).ToList();
        decimal Aged(int min, int max) => owed.Where(c => c.Age >= min && c.Age <= max).Sum(c => c.Owed);

        var steps = await db.DunningSteps.AsNoTracking().Where(s => s.PropertyId == pid && s.DoneAt >= start && s.DoneAt < to).Select(s => s.Stage).ToListAsync(ct);
        var atStep = await db.DunningCases.AsNoTracking()
            .Where(c => c.PropertyId == pid && c.OpenedAt < to && (c.SettledAt == null || c.SettledAt >= to) && c.Stage != null)
            .Select(c => c.Stage!.Value).ToListAsync(ct);
        return
        [
            F("billed", billed.Sum(), FigureUnit.Yuan),
            F("collected", collected, FigureUnit.Yuan),
            F("collectionRate", billed.Sum() == 0 ? null : Math.Round(collected / billed.Sum(), 4), FigureUnit.Rate),
            F("recovered", recovered, FigureUnit.Yuan),
            F("aged0", Aged(0, 30), FigureUnit.Yuan),
            F("aged31", Aged(31, 90), FigureUnit.Yuan),
            F("aged91", Aged(91, 180), FigureUnit.Yuan),
            F("aged181", Aged(181, int.MaxValue), FigureUnit.Yuan),
            .. ByEnum("steps", steps),
            .. ByEnum("atStep", atStep),
        ];
    }
}
