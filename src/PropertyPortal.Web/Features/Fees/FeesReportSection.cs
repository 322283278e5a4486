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
/// each step at its end (the furthest step fired by then). Reversed bills and payments do not count. One month and the dashboard's range of months
/// and properties are read by the same five queries and counted by the same code.
/// </summary>
public sealed class FeesReportSection(PortalDbContext db, IStringLocalizer<ReportsText> t, IStringLocalizer<SharedResource> l) : SectionBase(t, l)
{
    public override string Key => "fees";

    public override int Order => 70;

    public override async Task<IReadOnlyList<ReportFigure>> FiguresAsync(ReportPeriod period, DateTime nowUtc, CancellationToken ct) =>
        (await RangeAsync([period.PropertyId], period, 1, nowUtc, ct))[(period.PropertyId, period.Yyyymm)];

    public override async Task<IReadOnlyDictionary<(Guid PropertyId, int Yyyymm), IReadOnlyList<ReportFigure>>> RangeAsync(
        IReadOnlyList<Guid> properties, ReportPeriod first, int months, DateTime nowUtc, CancellationToken ct)
    {
        var lastPeriod = first.Shift(months - 1);
        var (start, to, end, firstMonth, lastMonth) = (first.FromUtc, lastPeriod.ToUtc, lastPeriod.EndDate, first.Yyyymm, lastPeriod.Yyyymm);
        var ids = properties.ToList();
        var charges = db.Charges.AsNoTracking().Where(c => ids.Contains(c.PropertyId) && c.ReversedAt == null && c.Kind != FeeKind.Deposit);
        var billed = (await charges.Where(c => c.Period >= firstMonth && c.Period <= lastMonth).Select(c => new { c.PropertyId, c.Period, c.Amount }).ToListAsync(ct))
            .ToLookup(c => (c.PropertyId, c.Period), c => c.Amount);
        var paidInRange = (await (from a in db.PaymentAllocations.AsNoTracking()
                                  join p in db.Payments on a.PaymentId equals p.Id
                                  join c in charges on a.ChargeId equals c.Id
                                  where ids.Contains(a.PropertyId) && p.ReceivedAt >= start && p.ReceivedAt < to && p.ReversedAt == null
                                  select new { a.PropertyId, p.ReceivedAt, c.Period, a.Amount }).ToListAsync(ct))
            .ToLookup(p => (p.PropertyId, ReportPeriod.YyyymmOf(p.ReceivedAt)));

        // What was owed at each month's end: each bill due before it, less what had been paid on it by then.
        var due = (await charges.Where(c => c.DueDate < end && c.CreatedAt < to).Select(c => new { c.Id, c.PropertyId, c.Amount, c.DueDate, c.CreatedAt }).ToListAsync(ct))
            .ToLookup(c => c.PropertyId);
        var paid = (await (from a in db.PaymentAllocations.AsNoTracking()
                           join p in db.Payments on a.PaymentId equals p.Id
                           where ids.Contains(a.PropertyId) && p.ReceivedAt < to && p.ReversedAt == null
                           select new { a.ChargeId, a.Amount, p.ReceivedAt }).ToListAsync(ct))
            .ToLookup(a => a.ChargeId);
        var steps = (await db.DunningSteps.AsNoTracking().Where(s => ids.Contains(s.PropertyId) && s.DoneAt >= start && s.DoneAt < to)
                .Select(s => new { s.PropertyId, DoneAt = s.DoneAt!.Value, s.Stage }).ToListAsync(ct))
            .ToLookup(s => (s.PropertyId, ReportPeriod.YyyymmOf(s.DoneAt)), s => s.Stage);
        // A household's step at a month's end is the furthest step fired by then, not the case's step today.
        var cases = (await (from c in db.DunningCases.AsNoTracking()
                            join s in db.DunningSteps on c.Id equals s.CaseId
                            where ids.Contains(c.PropertyId) && c.OpenedAt < to && (c.SettledAt == null || c.SettledAt >= start) && s.CreatedAt < to
                            select new { c.Id, c.PropertyId, c.OpenedAt, c.SettledAt, s.Stage, s.CreatedAt }).ToListAsync(ct))
            .ToLookup(c => c.PropertyId);

        return first.Range(ids, months).ToDictionary(p => (p.PropertyId, p.Yyyymm), period =>
        {
            var (pid, monthTo, monthEnd, yyyymm) = (period.PropertyId, period.ToUtc, period.EndDate, period.Yyyymm);
            var billedSum = billed[(pid, yyyymm)].Sum();
            var paidInMonth = paidInRange[(pid, yyyymm)].ToList();
            var collected = paidInMonth.Where(x => x.Period == yyyymm).Sum(x => x.Amount);
            var recovered = paidInMonth.Where(x => x.Period < yyyymm).Sum(x => x.Amount);
            var owed = due[pid].Where(c => c.DueDate < monthEnd && c.CreatedAt < monthTo)
                .Select(c => (Age: monthEnd.DayNumber - c.DueDate.DayNumber, Owed: c.Amount - paid[c.Id].Where(a => a.ReceivedAt < monthTo).Sum(a => a.Amount)))
                .Where(c => c.Owed > 0).ToList();
            decimal Aged(int min, int max) => owed.Where(c => c.Age >= min && c.Age <= max).Sum(c => c.Owed);
            var atStep = cases[pid].Where(c => c.OpenedAt < monthTo && (c.SettledAt == null || c.SettledAt >= monthTo) && c.CreatedAt < monthTo)
                .GroupBy(c => c.Id).Select(g => g.Max(c => c.Stage));
            return (IReadOnlyList<ReportFigure>)
            [
                F("billed", billedSum, FigureUnit.Yuan),
                F("collected", collected, FigureUnit.Yuan),
                F("collectionRate", billedSum == 0 ? null : Math.Round(collected / billedSum, 4), FigureUnit.Rate),
                F("recovered", recovered, FigureUnit.Yuan),
                F("aged0", Aged(0, 30), FigureUnit.Yuan),
                F("aged31", Aged(31, 90), FigureUnit.Yuan),
                F("aged91", Aged(91, 180), FigureUnit.Yuan),
                F("aged181", Aged(181, int.MaxValue), FigureUnit.Yuan),
                .. ByEnum("steps", steps[(pid, yyyymm)]),
                .. ByEnum("atStep", atStep),
            ];
        });
    }
}
