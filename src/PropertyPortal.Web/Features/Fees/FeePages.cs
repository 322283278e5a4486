using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Fees;
using PropertyPortal.Web.Features.Shared;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.Fees;

/// <summary>
/// The read models of the fee pages: the arrears list with aging, a unit's account, a receipt, the unit's bill
/// for a reprint and the monthly collection rate. Everything reads through the property filter, so a unit of
/// another property is absent from lists, exports and figures, and null (404) by URL.
/// </summary>
public sealed class FeePages(PortalDbContext db, CaseClocks caseClocks, TimeProvider time, IStringLocalizer<SharedResource> shared)
{
    public const int MaxExportRows = 50_000;

    private DateOnly Today => PortalClock.Today(time);

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task<ArrearsList> ArrearsAsync(ArrearsFilter filter, HttpRequest request, CancellationToken ct)
    {
        var today = Today;
        var grouped = Arrears(filter, today);
        var total = await grouped.CountAsync(ct);
        var sums = await grouped.GroupBy(_ => 1).Select(g => new ArrearsTotals(g.Count(), g.Sum(r => r.Total), g.Sum(r => r.Days30), g.Sum(r => r.Days90), g.Sum(r => r.Days180), g.Sum(r => r.Over180)))
            .SingleOrDefaultAsync(ct) ?? new ArrearsTotals(0, 0, 0, 0, 0, 0);
        var paging = PageInfo.For(request, Math.Clamp(filter.Page, 1, Math.Max(1, (total + PageInfo.DefaultSize - 1) / PageInfo.DefaultSize)), total);
        var rows = await RowsAsync(grouped, paging.Skip, paging.PageSize, ct);
        var buildings = filter.PropertyId is { } pid
            ? (await db.Buildings.AsNoTracking().Where(b => b.PropertyId == pid).OrderBy(b => b.Name).Select(b => new { b.Id, b.Name }).ToListAsync(ct))
                .Select(b => new SelectListItem(b.Name, b.Id.ToString(), b.Id == filter.BuildingId)).ToList()
            : [];
        return new ArrearsList(filter, await db.PropertyOptionsAsync(filter.PropertyId, ct), buildings, rows, sums, paging, today);
    }

    /// <summary>The export's rows (same filters as the page), or null with the count when there are more than <see cref="MaxExportRows"/>.</summary>
    public async Task<(IReadOnlyList<ArrearsRow>? Rows, int Count)> ExportRowsAsync(ArrearsFilter filter, CancellationToken ct)
    {
        var grouped = Arrears(filter, Today);
        var count = await grouped.CountAsync(ct);
        return count > MaxExportRows ? (null, count) : (await RowsAsync(grouped, 0, MaxExportRows, ct), count);
    }

    /// <summary>Member-initialised (not a constructor) so EF can group and sum over it again for the totals.</summary>
    private sealed class ArrearsAgg
    {
        public Guid UnitId { get; init; }
        public decimal Total { get; init; }
        public decimal Days30 { get; init; }
        public decimal Days90 { get; init; }
        public decimal Days180 { get; init; }
        public decimal Over180 { get; init; }
        public DateOnly Oldest { get; init; }
    }

    /// <summary>Overdue charges (deposits excluded) grouped by unit, with their aging buckets summed in SQL.</summary>
    private IQueryable<ArrearsAgg> Arrears(ArrearsFilter f, DateOnly today)
    {
        var d30 = today.AddDays(-30);
        var d90 = today.AddDays(-90);
        var d180 = today.AddDays(-180);
        var charges = db.Charges.AsNoTracking().OverdueOn(today);
        if (f.PropertyId is { } pid)
        {
            charges = charges.Where(c => c.PropertyId == pid);
        }

        if (f.BuildingId is { } bid)
        {
            charges = charges.Where(c => db.Units.Any(u => u.Id == c.UnitId && u.BuildingId == bid));
        }

        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var q = Domain.Registry.Unit.NormalizeNumber(f.Q);
            charges = charges.Where(c => db.Units.Any(u => u.Id == c.UnitId && u.Number.StartsWith(q)));
        }

        var grouped = charges.GroupBy(c => c.UnitId).Select(g => new ArrearsAgg
        {
            UnitId = g.Key,
            Total = g.Sum(c => c.Amount - c.Paid),
            Days30 = g.Sum(c => c.DueDate >= d30 ? c.Amount - c.Paid : 0m),
            Days90 = g.Sum(c => c.DueDate < d30 && c.DueDate >= d90 ? c.Amount - c.Paid : 0m),
            Days180 = g.Sum(c => c.DueDate < d90 && c.DueDate >= d180 ? c.Amount - c.Paid : 0m),
            Over180 = g.Sum(c => c.DueDate < d180 ? c.Amount - c.Paid : 0m),
            Oldest = g.Min(c => c.DueDate),
        });
        return f.MinDays is { } days and > 0 ? grouped.Where(g => g.Oldest <= today.AddDays(-days)) : grouped;
    }

    private async Task<List<ArrearsRow>> RowsAsync(IQueryable<ArrearsAgg> grouped, int skip, int take, CancellationToken ct)
    {
        // Door to door, as a steward walks it: property, building, entrance, room (3-1-201 before 3-1-1102 before 3-2-101).
        // Numbers sort naturally only in memory; the keys of every unit on the list are small, the sums are read for one page.
        var keys = await (from g in grouped
                          join u in db.Units on g.UnitId equals u.Id
                          join b in db.Buildings on u.BuildingId equals b.Id
                          join p in db.Properties on u.PropertyId equals p.Id
                          select new { g.UnitId, Property = p.Code, Building = b.Code, u.Number }).ToListAsync(ct);
        var ids = keys.OrderBy(k => k.Property, StringComparer.Ordinal)
            .ThenBy(k => PropertyPortal.Domain.Registry.Unit.OrderKey(k.Building), StringComparer.Ordinal)
            .ThenBy(k => PropertyPortal.Domain.Registry.Unit.OrderKey(k.Number), StringComparer.Ordinal)
            .Skip(skip).Take(take).Select(k => k.UnitId).ToList();
        var sums = (await grouped.Where(g => ids.Contains(g.UnitId)).ToListAsync(ct)).ToDictionary(g => g.UnitId);
        var page = ids.Where(sums.ContainsKey).Select(id => sums[id]).ToList();
        var units = await UnitLabels.ForAsync(db, ids, ct);
        var households = await UnitLabels.HouseholdsAsync(db, ids, Today, ct);
        var dunning = await db.DunningCases.AsNoTracking().Where(c => ids.Contains(c.UnitId) && c.State != DunningState.Settled)
            .Select(c => new { c.UnitId, c.State, c.Stage }).ToListAsync(ct);
        return page.Where(p => units.ContainsKey(p.UnitId)).Select(p =>
        {
            var u = units[p.UnitId];
            var d = dunning.FirstOrDefault(x => x.UnitId == p.UnitId);
            return new ArrearsRow(p.UnitId, u.Property, u.Building, u.Number, households.GetValueOrDefault(p.UnitId)?.Names, p.Total, p.Days30, p.Days90, p.Days180, p.Over180,
                p.Oldest, d?.State, d?.Stage);
        }).ToList();
    }

    /// <summary>
    /// A unit's account: statement with running balance, what is overdue, deposits held, dunning, the cashier's forms,
    /// and the unit's open counter visit (whose clock the payment form meets). Null when the unit is not the user's.
    /// </summary>
    public async Task<AccountPage?> AccountAsync(Guid unitId, PaymentForm? payment, OneOffForm? oneOff, CancellationToken ct)
    {
        var unit = await (from u in db.Units.AsNoTracking()
                          join b in db.Buildings on u.BuildingId equals b.Id
                          join p in db.Properties on u.PropertyId equals p.Id
                          where u.Id == unitId
                          select new { u.Id, u.PropertyId, u.Number, u.Area, u.InCustody, Building = b.Name, Property = p.Name }).FirstOrDefaultAsync(ct);
        if (unit is null)
        {
            return null;
        }

        var today = Today;
        var charges = await db.Charges.AsNoTracking().Where(c => c.UnitId == unitId).ToListAsync(ct);
        var payments = await db.Payments.AsNoTracking().Where(p => p.UnitId == unitId).ToListAsync(ct);
        var (lines, balance) = Statement(charges, payments);
        var households = await (from o in db.Occupancies.AsNoTracking()
                                join c in db.Customers on o.CustomerId equals c.Id
                                where o.UnitId == unitId && (o.EndDate == null || o.EndDate >= today)
                                orderby o.Role
                                select new { c.Id, c.Name, o.Role }).ToListAsync(ct);
        var items = await db.FeeItems.AsNoTracking().Where(i => i.PropertyId == unit.PropertyId && i.IsActive && (i.Kind == FeeKind.OneOff || i.Kind == FeeKind.Deposit))
            .OrderBy(i => i.SortOrder).Select(i => new SelectListItem(i.Name, i.Id.ToString())).ToListAsync(ct);
        var dunning = await db.DunningCases.AsNoTracking().Include(c => c.Steps).Where(c => c.UnitId == unitId && c.State != DunningState.Settled).FirstOrDefaultAsync(ct);
        var visit = await OpenVisitAsync(unitId, ct);
        var open = charges.Where(c => !c.IsReversed);
        payment ??= new PaymentForm
        {
            Amount = open.Where(c => c.Kind != FeeKind.Deposit || c.Paid < c.Amount).Sum(c => c.Outstanding) is var owed and > 0 ? owed : null,
            PayerName = households.FirstOrDefault()?.Name,
            CustomerId = households.FirstOrDefault()?.Id,
        };
        payment.CounterVisitId ??= visit?.Id;
        oneOff ??= new OneOffForm { DueDate = today };
        return new AccountPage(unit.Id, unit.PropertyId, unit.Property, unit.Building, unit.Number, unit.Area, unit.InCustody,
            households.Select(h => new SelectListItem($"{h.Name}（{shared.Enum(h.Role)}）", h.Name, h.Id == payment.CustomerId)).ToList(),
            lines, balance,
            open.Where(c => c.Kind != FeeKind.Deposit && c.DueDate < today).Sum(c => c.Outstanding),
            open.Sum(c => c.Held),
            items, dunning, payment, oneOff, today)
        {
            OpenVisit = visit,
        };
    }

    /// <summary>The unit's counter visit still being served, with its clock (a unit has at most one).</summary>
    public async Task<OpenVisit?> OpenVisitAsync(Guid unitId, CancellationToken ct)
    {
        var visit = await db.CounterVisits.AsNoTracking().Where(v => v.UnitId == unitId && v.Status == CounterVisitStatus.Open)
            .OrderByDescending(v => v.ArrivedAt).Select(v => new { v.Id, v.Number, v.Kind, v.VisitorName, v.ArrivedAt, v.HandlerName, v.Version }).FirstOrDefaultAsync(ct);
        if (visit is null)
        {
            return null;
        }

        var clock = (await caseClocks.ReadAsync([visit.Id], ct)).LastOrDefault(c => c.Milestone == Domain.Sla.SlaMilestone.CounterService);
        return new OpenVisit(visit.Id, visit.Number, visit.Kind, visit.VisitorName, visit.ArrivedAt, visit.HandlerName, clock?.DueAt, visit.Version, Now);
    }

    /// <summary>The statement: charges (debit) and payments (credit) in time order, with the running balance.</summary>
    private (List<StatementLine> Lines, decimal Balance) Statement(IReadOnlyList<Charge> charges, IReadOnlyList<Payment> payments)
    {
        var lines = new List<StatementLine>();
        var events = charges.Select(c => (At: c.CreatedAt, Charge: (Charge?)c, Payment: (Payment?)null))
            .Concat(payments.Select(p => (At: p.ReceivedAt, Charge: (Charge?)null, Payment: (Payment?)p)))
            .OrderBy(e => e.At).ThenBy(e => e.Charge is null ? 1 : 0);
        var balance = 0m;
        foreach (var e in events)
        {
            if (e.Charge is { } c)
            {
                balance += c.IsReversed ? 0 : c.Amount;
                lines.Add(new StatementLine(c.CreatedAt, c.DueDate, c.Description, c.Amount, null, balance, c.Id, null, null, c.IsReversed,
                    c.IsReversed ? $"{c.ReversedByName} · {ViewHelpers.Time(c.ReversedAt)} · {c.ReversalReason}" : null, c.Version, c.Paid, c.Held, c.DeductionNote));
            }
            else if (e.Payment is { } p)
            {
                // A refund pays money back and releases as much of the deposit: the balance does not move.
                var refund = p.Kind == PaymentKind.Refund;
                balance -= p.IsReversed || refund ? 0 : p.Amount;
                lines.Add(new StatementLine(p.ReceivedAt, null, $"{shared.Enum(p.Kind)} · {shared.Enum(p.Method)} · {p.PayerName}", refund ? -p.Amount : null,
                    refund ? -p.Amount : p.Amount, balance, null, p.Id, p.ReceiptNumber, p.IsReversed,
                    p.IsReversed ? $"{p.ReversedByName} · {ViewHelpers.Time(p.ReversedAt)} · {p.ReversalReason}" : null, p.Version, 0));
            }
        }

        return (lines, balance);
    }

    /// <summary>A payment with what it paid, its clocks (a remittance's invoice): the receipt and the payment page.</summary>
    public async Task<ReceiptPage?> ReceiptAsync(Guid id, CancellationToken ct)
    {
        var payment = await db.Payments.AsNoTracking().Include(p => p.Allocations).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (payment is null)
        {
            return null;
        }

        var unit = (await UnitLabels.ForAsync(db, [payment.UnitId], ct))[payment.UnitId];
        var chargeIds = payment.Allocations.Select(a => a.ChargeId).ToList();
        var charges = await db.Charges.AsNoTracking().Where(c => chargeIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Description, ct);
        var clocks = await caseClocks.ReadAsync([id], ct);
        var now = Now;
        return new ReceiptPage(payment, unit.Property, unit.PropertyPhone, unit.Building, unit.Number,
            payment.Allocations.Select(a => (charges.GetValueOrDefault(a.ChargeId) ?? "?", a.Amount)).ToList(),
            clocks.Select(c => Repairs.ClockView.From(c, now, new Dictionary<string, string>())).ToList(), now)
        {
            Paper = await db.Properties.Where(p => p.Id == payment.PropertyId).Select(p => p.ReceiptPaper).FirstAsync(ct),
        };
    }

    /// <summary>
    /// 管理费单 (补打, 002 L44): what the unit owes today, charge by charge, with the household and the total —
    /// printed at the counter. Null when the unit is not the user's.
    /// </summary>
    public async Task<BillPage?> BillAsync(Guid unitId, Guid? visitId, CancellationToken ct)
    {
        var unit = (await UnitLabels.ForAsync(db, [unitId], ct)).GetValueOrDefault(unitId);
        if (unit is null)
        {
            return null;
        }

        var today = Today;
        var owed = await db.Charges.AsNoTracking().Where(c => c.UnitId == unitId && c.Kind != FeeKind.Deposit).Owed()
            .OrderBy(c => c.DueDate).ThenBy(c => c.CreatedAt)
            .Select(c => new BillLine(c.Description, c.Period, c.DueDate, c.Amount, c.Paid, c.Amount - c.Paid)).ToListAsync(ct);
        var household = (await UnitLabels.HouseholdsAsync(db, [unitId], today, ct)).GetValueOrDefault(unitId);
        var visit = visitId is { } v ? await db.CounterVisits.AsNoTracking().Where(x => x.Id == v && x.UnitId == unitId).Select(x => x.Number).FirstOrDefaultAsync(ct) : null;
        return new BillPage(unit, household?.Names, owed, owed.Where(l => l.DueDate < today).Sum(l => l.Outstanding), owed.Sum(l => l.Outstanding), today, Now, visit);
    }

    /// <summary>
    /// 收缴率 of a month per property and building: of what was billed for the month, how much has been
    /// paid so far; and what was received during the month for any month.
    /// </summary>
    public async Task<CollectionPage> CollectionAsync(string? period, Guid? propertyId, CancellationToken ct)
    {
        var month = BillingPeriod.TryParse(period, out var p) ? p : BillingPeriod.Of(Today);
        var from = PortalClock.ToUtc(month.FirstDay.ToDateTime(TimeOnly.MinValue));
        var to = PortalClock.ToUtc(month.Next.FirstDay.ToDateTime(TimeOnly.MinValue));
        var billed = db.Charges.AsNoTracking().Where(c => c.Period == month.Key && c.ReversedAt == null && c.Kind != FeeKind.Deposit);
        var received = db.Payments.AsNoTracking().Where(x => x.ReversedAt == null && x.ReceivedAt >= from && x.ReceivedAt < to);
        if (propertyId is { } pid)
        {
            billed = billed.Where(c => c.PropertyId == pid);
            received = received.Where(x => x.PropertyId == pid);
        }

        var byUnit = await billed.GroupBy(c => c.UnitId).Select(g => new { UnitId = g.Key, Billed = g.Sum(c => c.Amount), Paid = g.Sum(c => c.Paid) }).ToListAsync(ct);
        var receivedByUnit = await received.GroupBy(x => x.UnitId).Select(g => new { UnitId = g.Key, Amount = g.Sum(x => x.Kind == PaymentKind.Refund ? -x.Amount : x.Amount) }).ToListAsync(ct);
        var unitIds = byUnit.Select(u => u.UnitId).Concat(receivedByUnit.Select(r => r.UnitId)).Distinct().ToList();
        var where = await (from u in db.Units.AsNoTracking()
                           join b in db.Buildings on u.BuildingId equals b.Id
                           join pr in db.Properties on u.PropertyId equals pr.Id
                           where unitIds.Contains(u.Id)
                           select new { u.Id, Building = pr.Name + " " + b.Name, Property = pr.Name }).ToDictionaryAsync(x => x.Id, ct);
        var recv = receivedByUnit.ToDictionary(r => r.UnitId, r => r.Amount);
        var rows = unitIds.Where(where.ContainsKey).Select(id =>
        {
            var b = byUnit.FirstOrDefault(x => x.UnitId == id);
            return (Where: where[id], Billed: b?.Billed ?? 0, Paid: b?.Paid ?? 0, Received: recv.GetValueOrDefault(id));
        }).ToList();
        List<CollectionRow> Group(Func<(string Property, string Building), string> key) =>
            rows.GroupBy(r => key((r.Where.Property, r.Where.Building))).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new CollectionRow(g.Key, g.Sum(r => r.Billed), g.Sum(r => r.Paid), g.Sum(r => r.Received))).ToList();
        return new CollectionPage(month, propertyId, await db.PropertyOptionsAsync(propertyId, ct), Group(k => k.Property), Group(k => k.Building));
    }
}
