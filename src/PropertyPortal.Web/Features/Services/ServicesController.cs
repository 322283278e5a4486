using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Mvc;

namespace PropertyPortal.Web.Features.Services;

/// <summary>
/// 服务请求: the register, the catalog to pick from, intake, a request's page and every transition, the release slip
/// and the gate's check. Each action binds, calls one feature method (<see cref="ServicePages"/>, <see cref="ServiceIntake"/>,
/// <see cref="ServiceSteps"/>) and redirects; clocks and notifications go through the case seam. A technician who
/// handles a request may open it and complete it; everything else is the desk's.
/// </summary>
[Authorize(Policy = Policies.RepairWork)]
public sealed class ServicesController(ServicePages pages, ServiceIntake intake, ServiceSteps steps, IStringLocalizer<ServicesText> t) : PortalController
{
    [Authorize(Policy = Policies.CaseIntake)]
    public async Task<IActionResult> Index([FromQuery] ServiceFilter filter, CancellationToken ct) =>
        View(await pages.ListAsync(filter, Request, true, ct));

    /// <summary>Without a service: the catalog to pick from. With one: its form, prefilled from a contact, unit, household or free slot.</summary>
    [HttpGet]
    [Authorize(Policy = Policies.CaseIntake)]
    public async Task<IActionResult> Create(Guid? typeId, Guid? contactId, Guid? unitId, Guid? customerId, Guid? propertyId, Guid? resourceId, DateOnly? date,
        TimeOnly? from, CancellationToken ct)
    {
        if (typeId is not { } type)
        {
            return await pages.PickerAsync(contactId, unitId, customerId, propertyId, ct) is { } picker ? View("Pick", picker) : NotFound();
        }

        var (form, openedAlready) = await pages.NewFormAsync(type, contactId, unitId, customerId, propertyId, resourceId, date, from, ct);
        if (openedAlready is { } existing)
        {
            Flash(t["Services.ContactAlreadyOpened"]);
            return RedirectToAction(nameof(Details), new { id = existing });
        }

        return form is null ? NotFound() : View("Create", form);
    }

    [HttpPost]
    [Authorize(Policy = Policies.CaseIntake)]
    public async Task<IActionResult> Create(ServiceForm form, CancellationToken ct)
    {
        var result = await intake.OpenAsync(form, !ModelState.IsValid, CurrentActor, ct);
        return Opened(result, "Create", form, number => t["Services.Accepted", number]);
    }

    public async Task<IActionResult> Details(Guid id, CancellationToken ct)
    {
        var canIntake = await CanAsync(Policies.CaseIntake);
        var model = await pages.DetailsAsync(id, canIntake, await CanAsync(Policies.Supervision), ct);
        if (model is null)
        {
            return NotFound();
        }

        return canIntake || model.Request.HandlerId == CurrentActor.UserId ? View(model) : Forbid();
    }

    [HttpPost]
    [Authorize(Policy = Policies.CaseIntake)]
    public async Task<IActionResult> Assign(Guid id, ServiceStepForm form, CancellationToken ct) =>
        Done(await steps.AssignAsync(Step(id, form.Version), form.HandlerId, ct), "Services.Assigned", id);

    [HttpPost]
    [Authorize(Policy = Policies.Supervision)]
    public async Task<IActionResult> Approve(Guid id, ServiceStepForm form, CancellationToken ct) =>
        Done(await steps.ApproveAsync(Step(id, form.Version), form.Note, ct), "Services.Approved", id);

    [HttpPost]
    [Authorize(Policy = Policies.Supervision)]
    public async Task<IActionResult> Reject(Guid id, ServiceStepForm form, CancellationToken ct) =>
        Done(await steps.RejectAsync(Step(id, form.Version), form.Note, ct), "Services.Rejected", id);

    /// <summary>办结: the desk, or the technician the request is assigned to.</summary>
    [HttpPost]
    public async Task<IActionResult> Complete(Guid id, ServiceStepForm form, CancellationToken ct) =>
        Done(await steps.CompleteAsync(Step(id, form.Version), form.Note, form.Fee, await CanAsync(Policies.CaseIntake), ct), "Services.Completed", id);

    [HttpPost]
    [Authorize(Policy = Policies.CaseIntake)]
    public async Task<IActionResult> Cancel(Guid id, ServiceStepForm form, CancellationToken ct) =>
        Done(await steps.CancelAsync(Step(id, form.Version), form.Note, ct), "Services.Cancelled", id);

    [HttpPost]
    [Authorize(Policy = Policies.CaseIntake)]
    public async Task<IActionResult> CancelBooking(Guid id, ServiceStepForm form, CancellationToken ct) =>
        Done(await steps.CancelBookingAsync(Step(id, form.Version), form.Note, ct), "Services.BookingCancelled", id);

    /// <summary>放行条: A4, the guard's half and the counter's stub; only once approved.</summary>
    [Authorize(Policy = Policies.CaseIntake)]
    public async Task<IActionResult> Slip(Guid id, CancellationToken ct)
    {
        var slip = await pages.SlipAsync(id, ct);
        if (slip is null)
        {
            return NotFound();
        }

        if (!slip.Request.SlipPrintable)
        {
            FlashError(t["Services.SlipNotApproved"]);
            return RedirectToAction(nameof(Details), new { id });
        }

        return View(slip);
    }

    /// <summary>门岗核验: the number on a slip, checked at the gate.</summary>
    [HttpGet]
    [Authorize(Policy = Policies.CaseIntake)]
    public async Task<IActionResult> Check(string? number, CancellationToken ct) => View(await pages.CheckAsync(number, ct));

    private IActionResult Done(StepResult result, string doneKey, Guid id) =>
        Outcome(result, r => t[doneKey, r.Number!], RedirectToAction(nameof(Details), new { id }));
}
