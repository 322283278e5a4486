using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Fees;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Fees;

/// <summary>What the cashier typed.</summary>
/// <param name="CounterVisitId">The counter visit the payment serves: its clock is met in the payment's transaction.</param>
public sealed record PaymentInput(decimal Amount, PaymentKind Kind, PaymentMethod Method, string PayerName, Guid? CustomerId, string? Reference,
    Guid? CounterVisitId = null);

/// <summary>
/// The money operations of a unit's account, each in one transaction: take a payment (receipt number
/// drawn inside the same transaction), reverse a payment or a charge, add a one-off charge, record an
/// invoice. Every change that can clear an overdue balance settles the unit's dunning at once.
/// </summary>
public sealed class Ledger(PortalDbContext db, TimeProvider time, CaseClocks caseClocks, CounterSteps counter, PaymentMonthTotals totals, ILogger<Ledger> logger)
{
    private const int Attempts = 3;

    public async Task<FeePolicy> PolicyForAsync(Guid propertyId, CancellationToken ct) =>
        await db.FeePolicies.FirstOrDefaultAsync(p => p.PropertyId == propertyId, ct) ?? new FeePolicy(propertyId);

    /// <summary>
    /// Takes a payment for a unit, oldest charges first. Two cashiers at once each get their own receipt
    /// number; if both paid the same charge the later one is retried against the fresh balance (and
    /// refused if it is now more than owed). Returns null when the unit is not visible to the user.
    /// </summary>
    public Task<Payment?> TakeAsync(Guid unitId, PaymentInput input, Actor by, CancellationToken ct) =>
        RetriedAsync(token => TakeOnceAsync(unitId, input, by, token), ex => ex is DbUpdateConcurrencyException || ex.IsUniqueViolation(),
            (ex, attempt) => logger.LogInformation("Payment for unit {Unit} met another cashier's on the same charges or receipt sequence ({Reason}); retrying against the fresh balance (attempt {Attempt} of {Attempts})",
                unitId, ex.GetType().Name, attempt, Attempts), ct);

    /// <summary>
    /// Runs <paramref name="once"/> in a transaction, and again on a fresh change tracker (up to <see cref="Attempts"/> times
    /// in all) when it fails with a clash another cashier caused (<paramref name="clash"/>), noting each retry.
    /// </summary>
    private async Task<T> RetriedAsync<T>(Func<CancellationToken, Task<T>> once, Func<DbUpdateException, bool> clash, Action<DbUpdateException, int> retrying, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await db.InTransactionAsync(once, ct);
            }
            catch (DbUpdateException ex) when (attempt < Attempts && clash(ex))
            {
                db.ChangeTracker.Clear();
                retrying(ex, attempt + 1);
            }
        }
    }

    private async Task<Payment?> TakeOnceAsync(Guid unitId, PaymentInput input, Actor by, CancellationToken ct)
    {
        var unit = await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => new { u.Id, u.PropertyId }).FirstOrDefaultAsync(ct);
        if (unit is null)
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var open = await OpenChargesAsync(unitId, ct);
        var (sequence, number) = await NextReceiptAsync(unit.PropertyId, ct);
        var payment = Payment.Take(unit.PropertyId, unitId, input.CustomerId, input.PayerName, input.Kind, input.Method, input.Amount, input.Reference,
            open, sequence, number, by, now);
        db.Payments.Add(payment);
        if (input.Kind == PaymentKind.Remittance)
        {
            var policy = await PolicyForAsync(unit.PropertyId, ct);
            var clocks = await caseClocks.ForNewCaseAsync(unit.PropertyId, ct);
            clocks.Start(unit.PropertyId, SlaSubject.Payment, payment.Id, SlaMilestone.Invoice, by.UserId, SlaTarget.WorkingDays(policy.InvoiceWorkingDays), now);
        }

        await counter.ServedByPaymentAsync(input.CounterVisitId, payment, by, now, ct);
        await totals.AddAsync(payment, ct);
        await db.SaveChangesAsync(ct);
        await SettleDunningIfClearAsync(unitId, ct);
        return payment;
    }

    /// <summary>
    /// 退还保证金 (supervisor): a fully paid deposit paid back less itemised deductions, with a receipt
    /// number from the same sequence. Returns false when the deposit is not visible to the user. Inside a
    /// caller's transaction (a renovation closing with its refund) it joins it: both are saved or neither.
    /// </summary>
    public Task<bool> RefundDepositAsync(Guid chargeId, int version, decimal deductions, string? deductionNote, PaymentMethod method, string? reference,
        Actor by, CancellationToken ct) =>
        db.InTransactionAsync(token => RefundDepositOnceAsync(chargeId, version, deductions, deductionNote, method, reference, by, token), ct);

    private async Task<bool> RefundDepositOnceAsync(Guid chargeId, int version, decimal deductions, string? deductionNote, PaymentMethod method, string? reference,
        Actor by, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var deposit = await db.Charges.FirstOrDefaultAsync(c => c.Id == chargeId, ct);
        if (deposit is null)
        {
            return false;
        }

        db.Entry(deposit).Property(nameof(Entity.Version)).OriginalValue = version;
        var payee = await PayersAsync(deposit.PropertyId, PortalClock.Today(time), PortalClock.Today(time), [deposit.UnitId], ct);
        var customerId = payee.TryGetValue(deposit.UnitId, out var c) ? c : deposit.CustomerId;
        var name = customerId is { } id ? await db.Customers.Where(x => x.Id == id).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        // A number is drawn only when money goes back; everything deducted moves no money.
        var (sequence, number) = deposit.Paid > deductions ? await NextReceiptAsync(deposit.PropertyId, ct) : (0L, "");
        var refund = Payment.RefundDeposit(deposit, customerId, name ?? deposit.Description, method, deductions, deductionNote, reference, sequence, number, by, now);
        if (refund is not null)
        {
            db.Payments.Add(refund);
            // A refund pays back a deposit, which the totals do not count: this adds nothing, and says so in one place.
            await totals.AddAsync(refund, ct);
        }

        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>收据号: the property's code and the sequence, e.g. GMDS-00000042.</summary>
    public static string ReceiptNumber(string propertyCode, long sequence) => $"{propertyCode}-{sequence:D8}";

    /// <summary>
    /// The next receipt number of a property, inside the caller's transaction. The UPDATE takes the
    /// row's write lock (PostgreSQL) or the database's (SQLite, which the IMMEDIATE transaction already
    /// holds), so concurrent cashiers queue here and a rollback gives the number back.
    /// </summary>
    private async Task<(long Sequence, string Number)> NextReceiptAsync(Guid propertyId, CancellationToken ct)
    {
        var code = await db.Properties.Where(p => p.Id == propertyId).Select(p => p.Code).FirstAsync(ct);
        var updated = await db.ReceiptSequences.Where(s => s.PropertyId == propertyId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Last, x => x.Last + 1), ct);
        if (updated == 0)
        {
            db.ReceiptSequences.Add(new ReceiptSequence { PropertyId = propertyId, Last = 1 });
            await db.SaveChangesAsync(ct);
            return (1, ReceiptNumber(code, 1));
        }

        var last = await db.ReceiptSequences.Where(s => s.PropertyId == propertyId).Select(s => s.Last).FirstAsync(ct);
        return (last, ReceiptNumber(code, last));
    }

    public Task<List<Charge>> OpenChargesAsync(Guid unitId, CancellationToken ct) =>
        db.Charges.Where(c => c.UnitId == unitId).Owed().ToListAsync(ct);

    /// <summary>
    /// Reverses a payment (supervisor, with a reason); the dunning of the unit picks up again tomorrow if anything is overdue.
    /// One transaction takes the allocations back from the charges and from the payment month's totals; a clash with another
    /// cashier's first payment of the same totals group is retried.
    /// </summary>
    public Task<bool> ReversePaymentAsync(Guid paymentId, int version, string reason, Actor by, CancellationToken ct) =>
        RetriedAsync(token => ReversePaymentOnceAsync(paymentId, version, reason, by, token), ex => ex is not DbUpdateConcurrencyException && ex.IsUniqueViolation(),
            (_, attempt) => logger.LogInformation("Reversal of payment {Payment} met another cashier's payment on the same month's totals; retrying (attempt {Attempt} of {Attempts})",
                paymentId, attempt, Attempts), ct);

    private async Task<bool> ReversePaymentOnceAsync(Guid paymentId, int version, string reason, Actor by, CancellationToken ct)
    {
        var payment = await db.Payments.Include(p => p.Allocations).FirstOrDefaultAsync(p => p.Id == paymentId, ct);
        if (payment is null)
        {
            return false;
        }

        db.Entry(payment).Property(nameof(Entity.Version)).OriginalValue = version;
        var chargeIds = payment.Allocations.Select(a => a.ChargeId).ToList();
        var charges = await db.Charges.Where(c => chargeIds.Contains(c.Id)).ToListAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        payment.Reverse(reason, charges, by, now);
        (await caseClocks.ForSubjectsAsync(payment.PropertyId, [paymentId], ct)).Cancel(SlaMilestone.Invoice);
        await totals.SubtractAsync(payment, ct);

        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<bool> ReverseChargeAsync(Guid chargeId, int version, string reason, Actor by, CancellationToken ct)
    {
        var charge = await db.Charges.FirstOrDefaultAsync(c => c.Id == chargeId, ct);
        if (charge is null)
        {
            return false;
        }

        db.Entry(charge).Property(nameof(Entity.Version)).OriginalValue = version;
        charge.Reverse(reason, by, time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        await SettleDunningIfClearAsync(charge.UnitId, ct);
        return true;
    }

    /// <summary>A one-off charge or a deposit for a unit (有偿服务, 装修保证金 …), billed to its current household.</summary>
    /// <param name="payerId">Who pays, when not (yet) the unit's payer on record — a household moving in.</param>
    public async Task<Charge?> AddOneOffAsync(Guid unitId, Guid feeItemId, decimal amount, string? description, DateOnly dueDate, string sourceKey, Actor by, CancellationToken ct,
        Guid? payerId = null)
    {
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct);
        var item = await db.FeeItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == feeItemId, ct);
        if (unit is null || item is null || item.PropertyId != unit.PropertyId)
        {
            return null;
        }

        if (item.Kind is not (FeeKind.OneOff or FeeKind.Deposit) || !item.IsActive)
        {
            throw new DomainException("FeeItemNotOneOff", "Only an active one-off or deposit item can be charged by hand.");
        }

        var today = PortalClock.Today(time);
        var payer = await PayersAsync(unit.PropertyId, today, today, [unitId], ct);
        var charge = new Charge(unit.PropertyId, unitId, payerId ?? (payer.TryGetValue(unitId, out var p) ? p : null), item.Id, item.Kind, null,
            string.IsNullOrWhiteSpace(description) ? item.Name : $"{item.Name}：{description.Trim()}", 1, amount, amount, dueDate, sourceKey, by, time.GetUtcNow().UtcDateTime);
        db.Charges.Add(charge);
        await db.SaveChangesAsync(ct);
        return charge;
    }

    public async Task<bool> RecordInvoiceAsync(Guid paymentId, string invoiceNumber, Actor by, CancellationToken ct)
    {
        var payment = await db.Payments.FirstOrDefaultAsync(p => p.Id == paymentId, ct);
        if (payment is null)
        {
            return false;
        }

        var now = time.GetUtcNow().UtcDateTime;
        payment.RecordInvoice(invoiceNumber, by, now);
        (await caseClocks.ForSubjectsAsync(payment.PropertyId, [paymentId], ct)).Meet(SlaMilestone.Invoice, now);

        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>What the unit owes that is past due today (deposits excluded: they are not dunned).</summary>
    public async Task<decimal> OverdueBalanceAsync(Guid unitId, CancellationToken ct)
    {
        var today = PortalClock.Today(time);
        return await db.Charges.Where(c => c.UnitId == unitId).OverdueOn(today).SumAsync(c => c.Amount - c.Paid, ct);
    }

    /// <summary>A payment or reversal that leaves nothing overdue stops the ladder there and then.</summary>
    public async Task SettleDunningIfClearAsync(Guid unitId, CancellationToken ct)
    {
        var open = await db.DunningCases.Include(c => c.Steps).Where(c => c.UnitId == unitId && c.State != DunningState.Settled).ToListAsync(ct);
        if (open.Count == 0 || await OverdueBalanceAsync(unitId, ct) > 0)
        {
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        foreach (var c in open)
        {
            c.Settle(now);
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>Who pays for each unit over a period: the owner, else the tenant, whose occupancy overlaps it.</summary>
    public async Task<Dictionary<Guid, Guid>> PayersAsync(Guid propertyId, DateOnly from, DateOnly to, IReadOnlyCollection<Guid>? unitIds, CancellationToken ct)
    {
        var q = db.Occupancies.AsNoTracking().Where(o => o.PropertyId == propertyId && o.StartDate <= to && (o.EndDate == null || o.EndDate >= from));
        if (unitIds is not null)
        {
            q = q.Where(o => unitIds.Contains(o.UnitId));
        }

        var rows = await q.Select(o => new { o.UnitId, o.CustomerId, o.Role, o.StartDate }).ToListAsync(ct);
        return rows.GroupBy(r => r.UnitId)
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.Role).ThenByDescending(r => r.StartDate).First().CustomerId);
    }

    /// <summary>
    /// A one-off charge another workflow's step adds in its own save (a service request's fee): checked, billed to the
    /// unit's current household, keyed by <paramref name="sourceKey"/> so it is charged once (the unique key refuses a
    /// second, whichever instance tries). Returns null when the key was charged already. Nothing is saved here.
    /// </summary>
    public async Task<Charge?> StageOneOffAsync(Guid propertyId, Guid unitId, Guid? customerId, decimal amount, string description, string sourceKey,
        Actor by, CancellationToken ct)
    {
        if (await db.Charges.AnyAsync(c => c.SourceKey == sourceKey, ct))
        {
            return null;
        }

        var today = PortalClock.Today(time);
        var payer = customerId ?? (await PayersAsync(propertyId, today, today, [unitId], ct)).GetValueOrDefault(unitId);
        var charge = new Charge(propertyId, unitId, payer == Guid.Empty ? null : payer, null, FeeKind.OneOff, null, description, 1, amount, amount, today,
            sourceKey, by, time.GetUtcNow().UtcDateTime);
        db.Charges.Add(charge);
        return charge;
    }

    /// <summary>The charge a workflow put on the ledger under <paramref name="sourceKey"/>, tracked (null: none).</summary>
    public Task<Charge?> BySourceAsync(string sourceKey, CancellationToken ct) => db.Charges.FirstOrDefaultAsync(c => c.SourceKey == sourceKey, ct);

    /// <summary>What the unit owes in all, due or not (deposits excluded): "every fee settled" means this is nothing (002 L40).</summary>
    public async Task<decimal> OutstandingAsync(Guid unitId, CancellationToken ct) =>
        await db.Charges.Where(c => c.UnitId == unitId && c.Kind != FeeKind.Deposit).Owed().SumAsync(c => c.Amount - c.Released - c.Paid, ct);
}
