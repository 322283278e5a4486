using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Common;
using PropertyPortal.Web.Features.Shared;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.Fees;

/// <summary>
/// The cashier's and the supervisor's ledger actions as use cases over <see cref="Ledger"/> (which stays the
/// one service that moves money, each operation in its own transaction): take a payment, add a one-off charge,
/// reverse a payment or a charge, refund a deposit, record an invoice. Each answers as the case seam does —
/// done, not found (another property's record), refused with the reason, or a conflict with another desk.
/// </summary>
public sealed class FeeCashier(Ledger ledger, PortalDbContext db, Saving saving, TimeProvider time, IStringLocalizer<SharedResource> shared, ILogger<FeeCashier> logger)
{
    /// <summary>收款 at the counter: oldest charges first; the receipt number and the counter visit's clock in the same transaction.</summary>
    /// <returns>Done with the payment's id and receipt number, not found, or the form's errors (a too large amount beside the amount).</returns>
    public async Task<IntakeResult> PayAsync(Guid unitId, PaymentForm form, bool formInvalid, Actor by, CancellationToken ct)
    {
        if (formInvalid)
        {
            return IntakeResult.Invalid([]);
        }

        return await LedgerAsync(async () =>
        {
            // The payer is typed (or picked from the unit's households): a household of the unit is linked by name.
            var payer = form.PayerName!.Trim();
            var today = PortalClock.Today(time);
            form.CustomerId = await (from o in db.Occupancies.AsNoTracking()
                                     join c in db.Customers on o.CustomerId equals c.Id
                                     where o.UnitId == unitId && (o.EndDate == null || o.EndDate >= today) && c.Name == payer
                                     orderby o.Role
                                     select (Guid?)c.Id).FirstOrDefaultAsync(ct);
            var payment = await ledger.TakeAsync(unitId,
                new PaymentInput(form.Amount!.Value, form.Kind, form.Method, payer, form.CustomerId, form.Reference, form.CounterVisitId), by, ct);
            if (payment is not null)
            {
                logger.LogInformation("Payment {Receipt} of {Amount} for unit {Unit} by {User}", payment.ReceiptNumber, payment.Amount, unitId, by.Name);
            }

            return payment is null ? StepResult.NotFound : new StepResult(StepStatus.Done, null, payment.Id, payment.ReceiptNumber);
        }, "PaymentExceedsBalance", nameof(form.Amount));
    }

    /// <summary>A one-off charge or deposit (有偿服务, 装修保证金 …) by hand.</summary>
    public Task<IntakeResult> ChargeAsync(Guid unitId, OneOffForm form, bool formInvalid, Actor by, CancellationToken ct) =>
        formInvalid
            ? Task.FromResult(IntakeResult.Invalid([]))
            : LedgerAsync(async () =>
            {
                var charge = await ledger.AddOneOffAsync(unitId, form.FeeItemId!.Value, form.Amount!.Value, form.Description, form.DueDate!.Value,
                    $"H:{Guid.CreateVersion7():N}", by, ct);
                return charge is null ? StepResult.NotFound : new StepResult(StepStatus.Done, null, charge.Id);
            });

    /// <summary>冲正 of a payment (supervisor, with a reason); its invoice clock is cancelled.</summary>
    public async Task<StepResult> ReversePaymentAsync(StepRequest request, string? reason, CancellationToken ct) =>
        await StepAsync(request, await db.Payments.AnyAsync(p => p.Id == request.Id, ct) ? request.Id : null, async () =>
        {
            await ledger.ReversePaymentAsync(request.Id, request.Version, reason!, request.Actor, ct);
            logger.LogWarning("Payment {Payment} reversed by {User}: {Reason}", request.Id, request.Actor.Name, reason);
        });

    /// <summary>冲正 of a charge nothing has been paid on; <see cref="StepResult.CaseId"/> is the unit (the account to go back to).</summary>
    public async Task<StepResult> ReverseChargeAsync(StepRequest request, string? reason, CancellationToken ct) =>
        await StepAsync(request, await UnitOfChargeAsync(request.Id, ct), async () =>
        {
            await ledger.ReverseChargeAsync(request.Id, request.Version, reason!, request.Actor, ct);
            logger.LogWarning("Charge {Charge} reversed by {User}: {Reason}", request.Id, request.Actor.Name, reason);
        });

    /// <summary>退还保证金 (supervisor): the deposit paid back less itemised deductions; <see cref="StepResult.CaseId"/> is the unit.</summary>
    public async Task<StepResult> RefundAsync(StepRequest request, RefundForm form, CancellationToken ct) =>
        await StepAsync(request, await UnitOfChargeAsync(request.Id, ct), async () =>
        {
            await ledger.RefundDepositAsync(request.Id, request.Version, form.Deductions, form.DeductionNote, form.Method, form.Reference, request.Actor, ct);
            logger.LogInformation("Deposit {Charge} refunded by {User}, deductions {Deductions}", request.Id, request.Actor.Name, form.Deductions);
        });

    /// <summary>开具发票 for a remittance: its invoice clock is met.</summary>
    public async Task<StepResult> InvoiceAsync(StepRequest request, string? invoiceNumber, CancellationToken ct) =>
        await StepAsync(request, await db.Payments.AnyAsync(p => p.Id == request.Id, ct) ? request.Id : null,
            () => ledger.RecordInvoiceAsync(request.Id, invoiceNumber!, request.Actor, ct));

    private Task<Guid?> UnitOfChargeAsync(Guid chargeId, CancellationToken ct) =>
        db.Charges.Where(c => c.Id == chargeId).Select(c => (Guid?)c.UnitId).FirstOrDefaultAsync(ct);

    /// <summary>
    /// A ledger change posted from a page: not found for a record the user cannot see (<paramref name="back"/> null),
    /// refused with the form's errors, else the ledger's own outcome; <see cref="StepResult.CaseId"/> is <paramref name="back"/>.
    /// </summary>
    private async Task<StepResult> StepAsync(StepRequest request, Guid? back, Func<Task> change)
    {
        if (back is null)
        {
            return StepResult.NotFound;
        }

        if (request.InputErrors is { } errors)
        {
            return new StepResult(StepStatus.Refused, errors, back);
        }

        var result = await LedgerAsync(async () =>
        {
            await change();
            return new StepResult(StepStatus.Done, null, back);
        });
        return result.Step with { CaseId = back };
    }

    /// <summary>The ledger saves on its own; what it refuses (a broken rule, another desk first) comes back as the user's message.</summary>
    private async Task<IntakeResult> LedgerAsync(Func<Task<StepResult>> change, string? fieldCode = null, string? field = null)
    {
        try
        {
            var step = await change();
            return step.Status == StepStatus.NotFound ? IntakeResult.NotFound : new IntakeResult(step, []);
        }
        catch (DomainException ex)
        {
            db.ChangeTracker.Clear();
            var message = saving.DomainMessage(ex);
            return new IntakeResult(new StepResult(StepStatus.Refused, message), [new FieldError(ex.Code == fieldCode ? field ?? "" : "", message)]);
        }
        catch (DbUpdateException ex) when (!TransientFailures.IsTransient(ex))
        {
            db.ChangeTracker.Clear();
            var message = shared["Error.Concurrency"];
            return new IntakeResult(new StepResult(ex is DbUpdateConcurrencyException ? StepStatus.Conflict : StepStatus.Refused, message), [new FieldError("", message)]);
        }
    }
}
