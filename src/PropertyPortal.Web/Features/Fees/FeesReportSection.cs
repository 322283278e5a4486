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
/// and properties are read by the same queries (the payments from the per-month summary the Ledger keeps, the bills open now summed in SQL) and counted by the same code.
/// </summary>
public sealed class FeesReportSection(PortalDbContext db, IStringLocalizer<ReportsText> t, IStringLocalizer<SharedResource> l) : SectionBase(t, l)
{
    public override string Key => "fees";

    public override int Order => 70;

    public override async Task<IReadOnlyList<ReportFigure>> FiguresAsync(ReportPeriod period, DateTime nowUtc, CancellationToken ct) =>
        (await RangeAsync([period.PropertyId], period, 1, nowUtc, null, ct))[(period.PropertyId, period.Yyyymm)];

    public override async Task<IReadOnlyDictionary<(Guid PropertyId, int Yyyymm), IReadOnlyList<ReportFigure>>> RangeAsync(
        IReadOnlyList<Guid> properties, ReportPeriod first, int months, DateTime nowUtc, IReadOnlySet<string>? only, CancellationToken ct)
    {
        var lastPeriod = first.Shift(months - 1);
        var (start, to, firstMonth, lastMonth) = (first.FromUtc, lastPeriod.ToUtc, first.Yyyymm, lastPeriod.Yyyymm);
        var ids = properties.ToList();
        var charges = db.Charges.AsNoTracking().Where(c => ids.Contains(c.PropertyId) && c.ReversedAt == null && c.Kind != FeeKind.Deposit);
        var billed = (await charges.Where(c => c.Period >= firstMonth && c.Period <= lastMonth)
                .GroupBy(c => new { c.PropertyId, c.Period }).Select(g => new { g.Key.PropertyId, g.Key.Period, Amount = g.Sum(c => c.Amount) }).ToListAsync(ct))
            .ToLookup(c => (c.PropertyId, c.Period), c => c.Amount);

        // What was paid per payment month: the summary the Ledger keeps in the payment's own transaction (PaymentMonthTotal,
        // ADR 0030) — by the bill's property, month, due date and billing instant, a handful of rows a month where the ledger
        // has an allocation per bill paid. One more bucket for what came in after the range (the aging below needs it).
        var monthIndex = MonthBuckets.Indexes(first, months);
        var totals = await db.PaymentMonthTotals.AsNoTracking().Where(t => ids.Contains(t.PropertyId) && t.PaidMonth >= firstMonth && t.Fen != 0)
            .Select(t => new { t.PaidMonth, t.PropertyId, t.Period, t.DueDate, t.BilledAt, t.Fen }).ToListAsync(ct);
        var paidBy = Enumerable.Range(0, months + 1)
            .Select(i => (IReadOnlyList<Sum>)totals.Where(t => (monthIndex.TryGetValue(t.PaidMonth, out var m) ? m : months) == i)
                .Select(t => new Sum(t.PropertyId, t.Period == 0 ? null : t.Period, t.DueDate, t.BilledAt, t.Fen / 100m)).ToList())
            .ToList();

        // What was owed at each month's end by age: each bill due before the month's end and made before it, less what had
        // been paid on it by then. Paid by then = paid now less what came in after, so it is the bills open now (amount
        // less paid, grouped as above) plus the payments received after the month's end (read above) — no statement per
        // month over every bill ever made. A bill is never paid beyond its amount, so none owes less than nothing.
        // Each reading below only when its figures are asked for (the dashboard wants the collection rate alone).
        var open = !Wants(only, "aged") ? [] : await charges.Where(c => c.DueDate < lastPeriod.EndDate && c.CreatedAt < to && c.Paid < c.Amount)
            .GroupBy(c => new { c.PropertyId, c.DueDate, c.CreatedAt })
            .Select(g => new Sum(g.Key.PropertyId, null, g.Key.DueDate, g.Key.CreatedAt, g.Sum(c => c.Amount) - g.Sum(c => c.Paid))).ToListAsync(ct);
        var aged = new Dictionary<(Guid, int), (decimal A0, decimal A31, decimal A91, decimal A181)>();
        for (var i = 0; i < months && Wants(only, "aged"); i++)
        {
            var month = first.Shift(i);
            var (monthTo, monthEnd) = (month.ToUtc, month.EndDate);
            var (d30, d90, d180) = (monthEnd.AddDays(-30), monthEnd.AddDays(-90), monthEnd.AddDays(-180));
            foreach (var g in open.Concat(paidBy.Skip(i + 1).SelectMany(p => p)).Where(x => x.DueDate < monthEnd && x.CreatedAt < monthTo).GroupBy(x => x.PropertyId))
            {
                aged[(g.Key, month.Yyyymm)] = (
                    g.Where(x => x.DueDate >= d30).Sum(x => x.Amount),
                    g.Where(x => x.DueDate < d30 && x.DueDate >= d90).Sum(x => x.Amount),
                    g.Where(x => x.DueDate < d90 && x.DueDate >= d180).Sum(x => x.Amount),
                    g.Where(x => x.DueDate < d180).Sum(x => x.Amount));
            }
        }

        var steps = (!Wants(only, "steps") ? [] : await db.DunningSteps.AsNoTracking().Where(s => ids.Contains(s.PropertyId) && s.DoneAt >= start && s.DoneAt < to)
                .Select(s => new { s.PropertyId, DoneAt = s.DoneAt!.Value, s.Stage }).ToListAsync(ct))
            .ToLookup(s => (s.PropertyId, ReportPeriod.YyyymmOf(s.DoneAt)), s => s.Stage);
        // A household's step at a month's end is the furthest step fired by then, not the case's step today.
        var cases = (!Wants(only, "atStep") ? [] : await (from c in db.DunningCases.AsNoTracking()
                            join s in db.DunningSteps on c.Id equals s.CaseId
                            where ids.Contains(c.PropertyId) && c.OpenedAt < to && (c.SettledAt == null || c.SettledAt >= start) && s.CreatedAt < to
                            select new { c.Id, c.PropertyId, c.OpenedAt, c.SettledAt, s.Stage, s.CreatedAt }).ToListAsync(ct))
            .ToLookup(c => c.PropertyId);

        return first.Range(ids, months).ToDictionary(p => (p.PropertyId, p.Yyyymm), period =>
        {
            var (pid, monthTo, yyyymm) = (period.PropertyId, period.ToUtc, period.Yyyymm);
            var billedSum = billed[(pid, yyyymm)].Sum();
            var paidInMonth = paidBy[monthIndex[yyyymm]].Where(x => x.PropertyId == pid).ToList();
            var collected = paidInMonth.Where(x => x.Period == yyyymm).Sum(x => x.Amount);
            var recovered = paidInMonth.Where(x => x.Period < yyyymm).Sum(x => x.Amount);
            var owed = aged.GetValueOrDefault((pid, yyyymm));
            var atStep = cases[pid].Where(c => c.OpenedAt < monthTo && (c.SettledAt == null || c.SettledAt >= monthTo) && c.CreatedAt < monthTo)
                .GroupBy(c => c.Id).Select(g => g.Max(c => c.Stage));
            IEnumerable<ReportFigure> figures =
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
            return IMonthlyReportSection.Only(figures, only);
        });
    }

    /// <summary>An amount on bills of one property, month (null: not asked), due date and billing instant.</summary>
    private sealed record Sum(Guid PropertyId, int? Period, DateOnly DueDate, DateTime CreatedAt, decimal Amount);
}
