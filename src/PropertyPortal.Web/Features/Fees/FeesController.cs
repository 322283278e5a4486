using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Fees;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Features.Shared;
using PropertyPortal.Web.Infrastructure.Idempotency;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Export;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Fees;

/// <summary>
/// 收费: the arrears list with aging, a unit's account (statement, counter payment, one-off charges,
/// reversals), receipts and the monthly collection rate. Everything reads through the property filter,
/// so a unit of another property is 404 by URL, absent from lists, exports and the collection figures.
/// </summary>
[Authorize(Policy = Policies.FeesRead)]
public sealed class FeesController(PortalDbContext db, Ledger ledger, Sla.CaseClocks caseClocks, IStringLocalizer<FeesText> t, ILogger<FeesController> logger) : PortalController
{
    public const int MaxExportRows = 50_000;

    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] ArrearsFilter filter, CancellationToken ct)
    {
        var today = Today;
        var grouped = Arrears(filter, today);
        var total = await grouped.CountAsync(ct);
        var sums = await grouped.GroupBy(_ => 1).Select(g => new ArrearsTotals(g.Count(), g.Sum(r => r.Total), g.Sum(r => r.Days30), g.Sum(r => r.Days90), g.Sum(r => r.Days180), g.Sum(r => r.Over180)))
            .SingleOrDefaultAsync(ct) ?? new ArrearsTotals(0, 0, 0, 0, 0, 0);
        var paging = PageInfo.For(Request, Math.Clamp(filter.Page, 1, Math.Max(1, (total + PageInfo.DefaultSize - 1) / PageInfo.DefaultSize)), total);
        var rows = await RowsAsync(grouped, paging.Skip, paging.PageSize, ct);
        var buildings = filter.PropertyId is { } pid
            ? (await db.Buildings.AsNoTracking().Where(b => b.PropertyId == pid).OrderBy(b => b.Name).Select(b => new { b.Id, b.Name }).ToListAsync(ct))
                .Select(b => new SelectListItem(b.Name, b.Id.ToString(), b.Id == filter.BuildingId)).ToList()
            : [];
        return View(new ArrearsList(filter, await db.PropertyOptionsAsync(filter.PropertyId, ct), buildings, rows, sums, paging, today));
    }

    /// <summary>The arrears list as .xlsx, same filters as the page.</summary>
    [HttpGet]
    public async Task<IActionResult> Export([FromQuery] ArrearsFilter filter, CancellationToken ct)
    {
        var grouped = Arrears(filter, Today);
        var count = await grouped.CountAsync(ct);
        if (count > MaxExportRows)
        {
            FlashError(t["Fees.ExportTooLarge", count, MaxExportRows]);
            return RedirectToAction(nameof(Index), filter);
        }

        var rows = await RowsAsync(grouped, 0, MaxExportRows, ct);
        logger.LogInformation("User {User} exported arrears of {Count} units", User.Identity?.Name, rows.Count);
        string[] headers =
        [
            Shared["Field.PropertyId"], Shared["Field.BuildingId"], Shared["Field.UnitId"], t["Fees.Household"], t["Fees.Overdue"],
            t["Fees.Days30"], t["Fees.Days90"], t["Fees.Days180"], t["Fees.Over180"], t["Fees.OldestDue"], t["Fees.DunningStage"],
        ];
        var data = rows.Select(r => (IReadOnlyList<object?>)
        [
            r.PropertyName, r.Building, r.UnitNumber, r.Household, r.Total, r.Days30, r.Days90, r.Days180, r.Over180, ViewHelpers.Date(r.Oldest),
            r.Stage is { } s ? Shared.Enum(s) : r.Dunning is { } d ? Shared.Enum(d) : "",
        ]);
        return XlsxExport.File(t["Fees.ArrearsExportName"], Today, t["Fees.Arrears"], headers, data);
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
            var q = PropertyPortal.Domain.Registry.Unit.NormalizeNumber(f.Q);
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

    /// <summary>A unit's account: statement with running balance, what is overdue, deposits held, dunning, and the cashier's forms.</summary>
    [HttpGet]
    public async Task<IActionResult> Account(Guid id, CancellationToken ct)
    {
        var model = await AccountAsync(id, null, null, ct);
        return model is null ? NotFound() : View(model);
    }

    private async Task<AccountPage?> AccountAsync(Guid unitId, PaymentForm? payment, OneOffForm? oneOff, CancellationToken ct)
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
                lines.Add(new StatementLine(p.ReceivedAt, null, $"{Shared.Enum(p.Kind)} · {Shared.Enum(p.Method)} · {p.PayerName}", refund ? -p.Amount : null,
                    refund ? -p.Amount : p.Amount, balance, null, p.Id, p.ReceiptNumber, p.IsReversed,
                    p.IsReversed ? $"{p.ReversedByName} · {ViewHelpers.Time(p.ReversedAt)} · {p.ReversalReason}" : null, p.Version, 0));
            }
        }

        var households = await (from o in db.Occupancies.AsNoTracking()
                                join c in db.Customers on o.CustomerId equals c.Id
                                where o.UnitId == unitId && (o.EndDate == null || o.EndDate >= today)
                                orderby o.Role
                                select new { c.Id, c.Name, o.Role }).ToListAsync(ct);
        var items = await db.FeeItems.AsNoTracking().Where(i => i.PropertyId == unit.PropertyId && i.IsActive && (i.Kind == FeeKind.OneOff || i.Kind == FeeKind.Deposit))
            .OrderBy(i => i.SortOrder).Select(i => new SelectListItem(i.Name, i.Id.ToString())).ToListAsync(ct);
        var dunning = await db.DunningCases.AsNoTracking().Include(c => c.Steps).Where(c => c.UnitId == unitId && c.State != DunningState.Settled).FirstOrDefaultAsync(ct);
        var open = charges.Where(c => !c.IsReversed);
        payment ??= new PaymentForm
        {
            Amount = open.Where(c => c.Kind != FeeKind.Deposit || c.Paid < c.Amount).Sum(c => c.Outstanding) is var owed and > 0 ? owed : null,
            PayerName = households.FirstOrDefault()?.Name,
            CustomerId = households.FirstOrDefault()?.Id,
        };
        return new AccountPage(unit.Id, unit.PropertyId, unit.Property, unit.Building, unit.Number, unit.Area, unit.InCustody,
            households.Select(h => new SelectListItem($"{h.Name}（{Shared.Enum(h.Role)}）", h.Name, h.Id == payment.CustomerId)).ToList(),
            lines, balance,
            open.Where(c => c.Kind != FeeKind.Deposit && c.DueDate < today).Sum(c => c.Outstanding),
            open.Sum(c => c.Held),
            items, dunning, payment, oneOff ?? new OneOffForm { DueDate = today }, today);
    }

    /// <summary>收款 at the counter: oldest charges first, receipt number drawn in the same transaction, then the receipt.</summary>
    [HttpPost]
    [Idempotent]
    [Authorize(Policy = Policies.Cashier)]
    public async Task<IActionResult> Pay(Guid id, PaymentForm form, CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            try
            {
                // The payer is typed (or picked from the unit's households): a household of the unit is linked by name.
                var payer = form.PayerName!.Trim();
                var today = Today;
                form.CustomerId = await (from o in db.Occupancies.AsNoTracking()
                                         join c in db.Customers on o.CustomerId equals c.Id
                                         where o.UnitId == id && (o.EndDate == null || o.EndDate >= today) && c.Name == payer
                                         orderby o.Role
                                         select (Guid?)c.Id).FirstOrDefaultAsync(ct);
                var payment = await ledger.TakeAsync(id, new PaymentInput(form.Amount!.Value, form.Kind, form.Method, payer, form.CustomerId, form.Reference), CurrentActor, ct);
                if (payment is null)
                {
                    return NotFound();
                }

                logger.LogInformation("Payment {Receipt} of {Amount} for unit {Unit} by {User}", payment.ReceiptNumber, payment.Amount, id, User.Identity?.Name);
                Flash(t["Fees.Paid", payment.ReceiptNumber]);
                return RedirectToAction(nameof(Receipt), new { id = payment.Id });
            }
            catch (DomainException ex)
            {
                ModelState.AddModelError(ex.Code == "PaymentExceedsBalance" ? nameof(form.Amount) : string.Empty, DomainMessage(ex));
            }
            catch (DbUpdateException ex) when (!TransientFailures.IsTransient(ex))
            {
                ModelState.AddModelError(string.Empty, Shared["Error.Concurrency"]);
            }
        }

        db.ChangeTracker.Clear();
        var model = await AccountAsync(id, form, null, ct);
        return model is null ? NotFound() : View(nameof(Account), model);
    }

    /// <summary>A one-off charge or deposit (有偿服务, 装修保证金 …) by hand.</summary>
    [HttpPost]
    [Idempotent]
    [Authorize(Policy = Policies.Cashier)]
    public async Task<IActionResult> Charge(Guid id, [Bind(Prefix = "Charge")] OneOffForm form, CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            try
            {
                var charge = await ledger.AddOneOffAsync(id, form.FeeItemId!.Value, form.Amount!.Value, form.Description, form.DueDate!.Value,
                    $"H:{Guid.CreateVersion7():N}", CurrentActor, ct);
                if (charge is null)
                {
                    return NotFound();
                }

                Flash(Shared["Common.Created"]);
                return RedirectToAction(nameof(Account), new { id });
            }
            catch (DomainException ex)
            {
                ModelState.AddModelError(string.Empty, DomainMessage(ex));
            }
        }

        db.ChangeTracker.Clear();
        var model = await AccountAsync(id, null, form, ct);
        return model is null ? NotFound() : View(nameof(Account), model);
    }

    /// <summary>收据: printable, with what it paid.</summary>
    [HttpGet]
    public async Task<IActionResult> Receipt(Guid id, CancellationToken ct)
    {
        var model = await ReceiptAsync(id, ct);
        return model is null ? NotFound() : View(model);
    }

    /// <summary>A payment: its allocations, invoice and reversal.</summary>
    [HttpGet]
    public async Task<IActionResult> Payment(Guid id, CancellationToken ct)
    {
        var model = await ReceiptAsync(id, ct);
        return model is null ? NotFound() : View(model);
    }

    private async Task<ReceiptPage?> ReceiptAsync(Guid id, CancellationToken ct)
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
        var now = UtcNow;
        return new ReceiptPage(payment, unit.Property, unit.PropertyPhone, unit.Building, unit.Number,
            payment.Allocations.Select(a => (charges.GetValueOrDefault(a.ChargeId) ?? "?", a.Amount)).ToList(),
            clocks.Select(c => Repairs.ClockView.From(c, now, new Dictionary<string, string>())).ToList(), now)
        {
            Paper = await db.Properties.Where(p => p.Id == payment.PropertyId).Select(p => p.ReceiptPaper).FirstAsync(ct),
        };
    }

    [HttpPost]
    [Authorize(Policy = Policies.Supervision)]
    public async Task<IActionResult> ReversePayment(Guid id, ReverseForm form, CancellationToken ct) =>
        await LedgerActionAsync(await db.Payments.AnyAsync(p => p.Id == id, ct), () => RedirectToAction(nameof(Payment), new { id }), async () =>
        {
            await ledger.ReversePaymentAsync(id, form.Version, form.Reason!, CurrentActor, ct);
            logger.LogWarning("Payment {Payment} reversed by {User}: {Reason}", id, User.Identity?.Name, form.Reason);
        }, t["Fees.Reversed"]);

    [HttpPost]
    [Authorize(Policy = Policies.Supervision)]
    public async Task<IActionResult> ReverseCharge(Guid id, ReverseForm form, CancellationToken ct)
    {
        var unitId = await db.Charges.Where(c => c.Id == id).Select(c => (Guid?)c.UnitId).FirstOrDefaultAsync(ct);
        return await LedgerActionAsync(unitId is not null, () => RedirectToAction(nameof(Account), new { id = unitId }), async () =>
        {
            await ledger.ReverseChargeAsync(id, form.Version, form.Reason!, CurrentActor, ct);
            logger.LogWarning("Charge {Charge} reversed by {User}: {Reason}", id, User.Identity?.Name, form.Reason);
        }, t["Fees.Reversed"]);
    }

    /// <summary>退还保证金 (supervisor): the deposit paid back less itemised deductions.</summary>
    [HttpPost]
    [Idempotent]
    [Authorize(Policy = Policies.Supervision)]
    public async Task<IActionResult> Refund(Guid id, RefundForm form, CancellationToken ct)
    {
        var unitId = await db.Charges.Where(c => c.Id == id).Select(c => (Guid?)c.UnitId).FirstOrDefaultAsync(ct);
        return await LedgerActionAsync(unitId is not null, () => RedirectToAction(nameof(Account), new { id = unitId }), async () =>
        {
            await ledger.RefundDepositAsync(id, form.Version, form.Deductions, form.DeductionNote, form.Method, form.Reference, CurrentActor, ct);
            logger.LogInformation("Deposit {Charge} refunded by {User}, deductions {Deductions}", id, User.Identity?.Name, form.Deductions);
        }, t["Fees.Refunded"]);
    }

    [HttpPost]
    [Authorize(Policy = Policies.Cashier)]
    public async Task<IActionResult> Invoice(Guid id, InvoiceForm form, CancellationToken ct) =>
        await LedgerActionAsync(await db.Payments.AnyAsync(p => p.Id == id, ct), () => RedirectToAction(nameof(Payment), new { id }),
            () => ledger.RecordInvoiceAsync(id, form.InvoiceNumber!, CurrentActor, ct), Shared["Common.Saved"]);

    /// <summary>A ledger change posted from a page: 404 for a record the user cannot see, else the outcome flashed on the way back.</summary>
    private async Task<IActionResult> LedgerActionAsync(bool exists, Func<IActionResult> back, Func<Task> change, string done)
    {
        if (!exists)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            FlashError(ModelStateErrors());
            return back();
        }

        try
        {
            await change();
            Flash(done);
        }
        catch (DomainException ex)
        {
            FlashError(DomainMessage(ex));
        }
        catch (DbUpdateConcurrencyException)
        {
            FlashError(Shared["Error.Concurrency"]);
        }

        return back();
    }

    /// <summary>
    /// 收缴率 of a month per property and building: of what was billed for the month, how much has been
    /// paid so far; and what was received during the month for any month.
    /// </summary>
    [HttpGet]
    public async Task<IActionResult> Collection(string? period, Guid? propertyId, CancellationToken ct)
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
        return View(new CollectionPage(month, propertyId, await db.PropertyOptionsAsync(propertyId, ct), Group(k => k.Property), Group(k => k.Building)));
    }
}
