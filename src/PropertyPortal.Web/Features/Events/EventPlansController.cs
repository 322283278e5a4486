using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure.Export;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Mvc;

namespace PropertyPortal.Web.Features.Events;

/// <summary>
/// 年度客户活动计划: the plans by year, a plan's rows (edited by the supervisor), submission, the general manager's
/// approval or return, revisions, every kept version, A4 print and Excel export. Binds, calls one feature method, redirects.
/// </summary>
[Authorize(Policy = Policies.Events)]
public sealed class EventPlansController(EventPlanPages pages, EventPlanSteps steps, IStringLocalizer<EventsText> t) : PortalController
{
    public async Task<IActionResult> Index(int? year, Guid? propertyId, CancellationToken ct) =>
        View(await pages.ListAsync(year, propertyId, await CanAsync(Policies.EventReview), ct));

    [HttpPost]
    [Authorize(Policy = Policies.EventReview)]
    public async Task<IActionResult> Open(PlanOpenForm form, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            FlashError(ModelStateErrors());
            return RedirectToAction(nameof(Index));
        }

        var result = await steps.OpenAsync(form.PropertyId!.Value, form.Year!.Value, CurrentActor, ct);
        return Outcome(result, r => t["Events.PlanOpened", r.Number!], result.Done ? RedirectToAction(nameof(Details), new { id = result.CaseId }) : RedirectToAction(nameof(Index)));
    }

    public async Task<IActionResult> Details(Guid id, CancellationToken ct) =>
        await pages.DetailsAsync(id, await CanAsync(Policies.EventReview), Decider, await CanAsync(Policies.Events), ct) is { } model ? View(model) : NotFound();

    [HttpGet]
    [Authorize(Policy = Policies.EventReview)]
    public async Task<IActionResult> Rows(Guid id, CancellationToken ct) =>
        await pages.RowsFormAsync(id, null, ct) is { } form ? View(form) : NotFound();

    [HttpPost]
    [Authorize(Policy = Policies.EventReview)]
    public async Task<IActionResult> Rows(Guid id, PlanRowsForm form, CancellationToken ct)
    {
        if (await pages.RowsFormAsync(id, form, ct) is null)
        {
            return NotFound();
        }

        var result = await steps.SetRowsAsync(Step(id, form.Version), form, ct);
        if (result.Status is StepStatus.NotFound or StepStatus.Forbidden)
        {
            return Outcome(result, _ => "", RedirectToAction(nameof(Details), new { id }));
        }

        if (!Saved(result))
        {
            return View(form);
        }

        Flash(t["Events.PlanRowsSaved", result.Number!]);
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpPost]
    [Authorize(Policy = Policies.EventReview)]
    public async Task<IActionResult> Submit(Guid id, int version, CancellationToken ct) =>
        Done(await steps.SubmitAsync(Step(id, version), ct), "Events.PlanSubmitted", id);

    [HttpPost]
    [Authorize(Policy = Policies.EventDecision)]
    public async Task<IActionResult> Approve(Guid id, EventNoteForm form, CancellationToken ct) =>
        Done(await steps.ApproveAsync(Step(id, form.Version), form.DecisionNote, Decider, ct), "Events.PlanApproved", id);

    [HttpPost]
    [Authorize(Policy = Policies.EventDecision)]
    public async Task<IActionResult> Return(Guid id, EventNoteForm form, CancellationToken ct) =>
        Done(await steps.ReturnAsync(Step(id, form.Version), form.DecisionNote, Decider, ct), "Events.PlanReturned", id);

    [HttpPost]
    [Authorize(Policy = Policies.EventReview)]
    public async Task<IActionResult> Revise(Guid id, EventNoteForm form, CancellationToken ct) =>
        Done(await steps.ReviseAsync(Step(id, form.Version), form.DecisionNote, ct), "Events.PlanRevised", id);

    /// <summary>The plan's rows as they are now, on A4.</summary>
    public async Task<IActionResult> Print(Guid id, CancellationToken ct) =>
        await pages.DetailsAsync(id, false, new Decider(false, false), false, ct) is { } model ? View(model) : NotFound();

    /// <summary>A kept version (V1, V2 …) with its rows as submitted and its decision, on A4.</summary>
    public async Task<IActionResult> Version(Guid id, int number, CancellationToken ct) =>
        await pages.VersionAsync(id, number, ct) is { } v ? View(v) : NotFound();

    /// <summary>The plan's rows as .xlsx.</summary>
    public async Task<IActionResult> Export(Guid id, CancellationToken ct)
    {
        if (await pages.DetailsAsync(id, false, new Decider(false, false), false, ct) is not { } model)
        {
            return NotFound();
        }

        string[] headers = [Shared["Field.Month"], Shared["Field.PlanDate"], Shared["Field.Theme"], Shared["Field.Format"], Shared["Field.RowContent"], Shared["Field.Budget"], Shared["Field.PublicWelfare"]];
        var data = model.Rows.Select(r => (IReadOnlyList<object?>)
        [
            r.Row.Month, ViewHelpers.Date(r.Row.Date), r.Row.Theme, r.Row.Form, r.Row.Content, r.Row.Budget, r.Row.PublicWelfare ? t["Events.Yes"].Value : "",
        ]);
        return XlsxExport.File(model.Plan.Number, Today, model.Plan.Number, headers, data);
    }

    private Decider Decider => new(User.IsInRole(Roles.GeneralManager), User.IsInRole(Roles.Manager));

    private IActionResult Done(StepResult result, string doneKey, Guid id) =>
        Outcome(result, r => t[doneKey, r.Number!], RedirectToAction(nameof(Details), new { id }));
}
