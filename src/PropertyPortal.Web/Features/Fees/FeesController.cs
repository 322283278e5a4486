using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PropertyPortal.Web.Features.Shared;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure.Idempotency;
using PropertyPortal.Web.Infrastructure.Export;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Mvc;

namespace PropertyPortal.Web.Features.Fees;

/// <summary>
/// 收费: the arrears list with aging, a unit's account (statement, counter payment, one-off charges,
/// reversals), receipts, the reprinted bill and the monthly collection rate. Each action binds, calls one
/// feature method — reads from <see cref="FeePages"/>, money through <see cref="FeeCashier"/> over the
/// <see cref="Ledger"/> — and redirects. Everything reads through the property filter, so a unit of another
/// property is 404 by URL, absent from lists, exports and the collection figures.
/// </summary>
[Authorize(Policy = Policies.FeesRead)]
public sealed class FeesController(FeePages pages, FeeCashier cashier, IStringLocalizer<FeesText> t, ILogger<FeesController> logger) : PortalController
{
    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] ArrearsFilter filter, CancellationToken ct) => View(await pages.ArrearsAsync(filter, Request, ct));

    /// <summary>The arrears list as .xlsx, same filters as the page.</summary>
    [HttpGet]
    public async Task<IActionResult> Export([FromQuery] ArrearsFilter filter, CancellationToken ct)
    {
        var (rows, count) = await pages.ExportRowsAsync(filter, ct);
        if (rows is null)
        {
            FlashError(t["Fees.ExportTooLarge", count, FeePages.MaxExportRows]);
            return RedirectToAction(nameof(Index), filter);
        }

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

    /// <summary>A unit's account: statement with running balance, what is overdue, deposits held, dunning, the open counter visit and the cashier's forms.</summary>
    [HttpGet]
    public async Task<IActionResult> Account(Guid id, CancellationToken ct) =>
        await pages.AccountAsync(id, null, null, ct) is { } model ? View(model) : NotFound();

    /// <summary>收款 at the counter: oldest charges first, receipt number drawn in the same transaction, then the receipt.</summary>
    [HttpPost]
    [Idempotent]
    [Authorize(Policy = Policies.Cashier)]
    public async Task<IActionResult> Pay(Guid id, PaymentForm form, CancellationToken ct)
    {
        var result = await cashier.PayAsync(id, form, !ModelState.IsValid, CurrentActor, ct);
        if (result.Opened)
        {
            Flash(t["Fees.Paid", result.Step.Number!]);
            return RedirectToAction(nameof(Receipt), new { id = result.Step.CaseId });
        }

        return await AccountAgainAsync(id, result, form, null, ct);
    }

    /// <summary>A one-off charge or deposit (有偿服务, 装修保证金 …) by hand.</summary>
    [HttpPost]
    [Idempotent]
    [Authorize(Policy = Policies.Cashier)]
    public async Task<IActionResult> Charge(Guid id, [Bind(Prefix = "Charge")] OneOffForm form, CancellationToken ct)
    {
        var result = await cashier.ChargeAsync(id, form, !ModelState.IsValid, CurrentActor, ct);
        if (result.Opened)
        {
            Flash(Shared["Common.Created"]);
            return RedirectToAction(nameof(Account), new { id });
        }

        return await AccountAgainAsync(id, result, null, form, ct);
    }

    /// <summary>收据: printable, with what it paid.</summary>
    [HttpGet]
    public async Task<IActionResult> Receipt(Guid id, CancellationToken ct) =>
        await pages.ReceiptAsync(id, ct) is { } model ? View(model) : NotFound();

    /// <summary>A payment: its allocations, invoice and reversal.</summary>
    [HttpGet]
    public async Task<IActionResult> Payment(Guid id, CancellationToken ct) =>
        await pages.ReceiptAsync(id, ct) is { } model ? View(model) : NotFound();

    /// <summary>管理费单 (002 L44): what the unit owes today, to print at the counter (a counter visit's reprint opens it).</summary>
    [HttpGet]
    public async Task<IActionResult> Bill(Guid id, Guid? visitId, CancellationToken ct) =>
        await pages.BillAsync(id, visitId, ct) is { } model ? View(model) : NotFound();

    [HttpPost]
    [Authorize(Policy = Policies.Supervision)]
    public async Task<IActionResult> ReversePayment(Guid id, ReverseForm form, CancellationToken ct) =>
        Outcome(await cashier.ReversePaymentAsync(Step(id, form.Version), form.Reason, ct), _ => t["Fees.Reversed"], RedirectToAction(nameof(Payment), new { id }));

    [HttpPost]
    [Authorize(Policy = Policies.Supervision)]
    public async Task<IActionResult> ReverseCharge(Guid id, ReverseForm form, CancellationToken ct) =>
        ToAccount(await cashier.ReverseChargeAsync(Step(id, form.Version), form.Reason, ct), t["Fees.Reversed"]);

    /// <summary>退还保证金 (supervisor): the deposit paid back less itemised deductions.</summary>
    [HttpPost]
    [Idempotent]
    [Authorize(Policy = Policies.Supervision)]
    public async Task<IActionResult> Refund(Guid id, RefundForm form, CancellationToken ct) =>
        ToAccount(await cashier.RefundAsync(Step(id, form.Version), form, ct), t["Fees.Refunded"]);

    [HttpPost]
    [Authorize(Policy = Policies.Cashier)]
    public async Task<IActionResult> Invoice(Guid id, InvoiceForm form, CancellationToken ct) =>
        Outcome(await cashier.InvoiceAsync(Step(id, 0), form.InvoiceNumber, ct), _ => Shared["Common.Saved"], RedirectToAction(nameof(Payment), new { id }));

    /// <summary>
    /// 收缴率 of a month per property and building: of what was billed for the month, how much has been
    /// paid so far; and what was received during the month for any month.
    /// </summary>
    [HttpGet]
    public async Task<IActionResult> Collection(string? period, Guid? propertyId, CancellationToken ct) =>
        View(await pages.CollectionAsync(period, propertyId, ct));

    /// <summary>A charge's step ends on its unit's account (<see cref="StepResult.CaseId"/>).</summary>
    private IActionResult ToAccount(StepResult result, string done) =>
        Outcome(result, _ => done, RedirectToAction(nameof(Account), new { id = result.CaseId }));

    /// <summary>The account again, with the refused form as typed and its messages beside the fields.</summary>
    private async Task<IActionResult> AccountAgainAsync(Guid id, IntakeResult result, PaymentForm? payment, OneOffForm? oneOff, CancellationToken ct)
    {
        if (result.Step.Status == StepStatus.NotFound)
        {
            return NotFound();
        }

        result.Errors.ToList().ForEach(e => ModelState.AddModelError(e.Field, e.Message));
        return await pages.AccountAsync(id, payment, oneOff, ct) is { } model ? View(nameof(Account), model) : NotFound();
    }
}
