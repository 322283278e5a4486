using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Mvc;

namespace PropertyPortal.Web.Features.Fees;

/// <summary>
/// 柜台办理 (002 L41–L44): a customer at the fee counter, timed from their arrival until the payment, the answer
/// or the reprinted bill. Each action binds, calls one of <see cref="CounterSteps"/> / <see cref="CounterPages"/> and redirects;
/// the visit is served from the unit's fee account, where the open visit's clock is shown.
/// </summary>
[Authorize(Policy = Policies.FeesRead)]
public sealed class CounterController(CounterPages pages, CounterSteps steps, IStringLocalizer<CounterText> t) : PortalController
{
    public async Task<IActionResult> Details(Guid id, CancellationToken ct) =>
        await pages.DetailsAsync(id, ct) is { } model ? View(model) : NotFound();

    /// <summary>开始办理: from a contact of the front-desk log (timed from its received time) or from the unit's account (timed from now).</summary>
    [HttpPost]
    [Authorize(Policy = Policies.Cashier)]
    public async Task<IActionResult> Open(CounterOpenForm form, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            FlashError(ModelStateErrors());
            return form.ContactId is { } contact ? Redirect($"/Contacts/Details/{contact}") : RedirectToAction(nameof(FeesController.Account), "Fees", new { id = form.UnitId });
        }

        var (step, already) = await steps.OpenAsync(form.UnitId, form.ContactId, form.Kind, CurrentActor, ct);
        return Outcome(step, r => already ? t["Counter.AlreadyOpen", r.Number!] : t["Counter.Opened", r.Number!],
            RedirectToAction(nameof(FeesController.Account), "Fees", new { id = form.UnitId }));
    }

    [HttpPost]
    [Authorize(Policy = Policies.Cashier)]
    public async Task<IActionResult> Answer(Guid id, CounterAnswerForm form, CancellationToken ct) =>
        Done(await steps.AnswerAsync(Step(id, form.Version), form.Answer, ct), "Counter.Answered", id);

    /// <summary>补打: the visit is met and the bill opens for printing.</summary>
    [HttpPost]
    [Authorize(Policy = Policies.Cashier)]
    public async Task<IActionResult> Reprint(Guid id, int version, Guid unitId, CancellationToken ct)
    {
        var result = await steps.ReprintAsync(Step(id, version), ct);
        return Outcome(result, r => t["Counter.Reprinted", r.Number!],
            result.Done ? RedirectToAction(nameof(FeesController.Bill), "Fees", new { id = unitId, visitId = id }) : RedirectToAction(nameof(Details), new { id }));
    }

    [HttpPost]
    [Authorize(Policy = Policies.Cashier)]
    public async Task<IActionResult> Abandon(Guid id, CounterAbandonForm form, CancellationToken ct) =>
        Done(await steps.AbandonAsync(Step(id, form.Version), form.Reason, ct), "Counter.AbandonedFlash", id);

    private IActionResult Done(StepResult result, string doneKey, Guid id) =>
        Outcome(result, r => t[doneKey, r.Number!], RedirectToAction(nameof(Details), new { id }));
}
