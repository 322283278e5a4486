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
/// and properties are read by the same queries (the aging one a month, summed in SQL) and counted by the same code.
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
        var (start, to, firstMonth, lastMonth) = (first.FromUtc, lastPeriod.ToUtc, first.Yyyymm, lastPeriod.Yyyymm);
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

        // What was owed at each month's end by age, summed in the database (one grouped statement a month): each bill
        // due before the month's end and made before it, less what had been paid on it by then. Ages are compared as
        // due dates against the month's end, so no date arithmetic runs in SQL.
        var aged = new Dictionary<(Guid, int), (decimal A0, decimal A31, decimal A91, decimal A181)>();
        foreach (var month in Enumerable.Range(0, months).Select(first.Shift))
        {
            var (monthTo, monthEnd) = (month.ToUtc, month.EndDate);
            var (d30, d90, d180) = (monthEnd.AddDays(-30), monthEnd.AddDays(-90), monthEnd.AddDays(-180));
            var rows = await (from c in charges
                              where c.DueDate < monthEnd && c.CreatedAt < monthTo
                              let owed = c.Amount - ((from a in db.PaymentAllocations
                                                      join p in db.Payments on a.PaymentId equals p.Id
                                                      where a.ChargeId == c.Id && p.ReceivedAt < monthTo && p.ReversedAt == null
                                                      select (decimal?)a.Amount).Sum() ?? 0m)
                              where owed > 0
                              group new { c.DueDate, Owed = owed } by c.PropertyId into g
                              select new
                              {
                                  PropertyId = g.Key,
                                  A0 = g.Sum(x => x.DueDate >= d30 ? x.Owed : 0m),
                                  A31 = g.Sum(x => x.DueDate < d30 && x.DueDate >= d90 ? x.Owed : 0m),
                                  A91 = g.Sum(x => x.DueDate < d90 && x.DueDate >= d180 ? x.Owed : 0m),
                                  A181 = g.Sum(x => x.DueDate < d180 ? x.Owed : 0m),
                              }).ToListAsync(ct);
            foreach (var r in rows)
            {
                aged[(r.PropertyId, month.Yyyymm)] = (r.A0, r.A31, r.A91, r.A181);
            }
        }

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
            var (pid, monthTo, yyyymm) = (period.PropertyId, period.ToUtc, period.Yyyymm);
            var billedSum = billed[(pid, yyyymm)].Sum();
            var paidInMonth = paidInRange[(pid, yyyymm)].ToList();
            var collected = paidInMonth.Where(x => x.Period == yyyymm).Sum(x => x.Amount);
            var recovered = paidInMonth.Where(x => x.Period < yyyymm).Sum(x => x.Amount);
            var owed = aged.GetValueOrDefault((pid, yyyymm));
            var atStep = cases[pid].Where(c => c.OpenedAt < monthTo && (c.SettledAt == null || c.SettledAt >= monthTo) && c.CreatedAt < monthTo)
                .GroupBy(c => c.Id).Select(g => g.Max(c => c.Stage));
            return (IReadOnlyList<ReportFigure>)
            [
                F("billed", billedSum, FigureUnit.Yuan),
                F("collected", collected, FigureUnit.Yuan),
                F("collectionRate", billedSum == 0 ? null : Math.Round(collected / billedSum, 4), FigureUnit.Rate),
                F("recovered", recovered, FigureUnit.Yuan),
                F("aged0", owed.A0, FigureUnit.Yuan),
                F("aged31", owed.A31, FigureUnit.Yuan),
                F("aged91", owed.A91, FigureUnit.Yuan),
                F("aged181", owed.A181, FigureUnit.Yuan),
                .. ByEnum("steps", steps[(pid, yyyymm)]),
                .. ByEnum("atStep", atStep),
            ];
        });
    }
}
