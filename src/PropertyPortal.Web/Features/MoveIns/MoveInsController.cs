using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.MoveInOut;
using PropertyPortal.Web.Features.Reports;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure.Export;
using PropertyPortal.Web.Infrastructure.Idempotency;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Mvc;

namespace PropertyPortal.Web.Features.MoveIns;

/// <summary>
/// 入住/入伙 at the counter (000 L184–L210; 004 L95 §一), batch days, the units in custody and the week's statistics.
/// Each action binds, calls one feature method — <see cref="MoveInPages"/> (reads), <see cref="MoveInIntake"/>
/// (booking), <see cref="MoveInSteps"/> (the move-in's steps), <see cref="CustodySteps"/> (patrols, the heavy-rain
/// order) — and redirects; clocks and notifications go through the case seam.
/// </summary>
[Authorize(Policy = Policies.CaseIntake)]
public sealed class MoveInsController(
    MoveInPages pages, MoveInIntake intake, MoveInSteps steps, CustodySteps custody, WeeklyReports weekly, IStringLocalizer<MoveInsText> t) : PortalController
{
    /// <summary>The owner type of a defect's photos (attachments).</summary>
    public const string DefectPhotos = MoveInPages.DefectPhotos;

    [HttpGet]
    public async Task<IActionResult> Index(MoveInStatus? status, CancellationToken ct)
    {
        ViewData["Status"] = status;
        return View(await pages.ListAsync(status, ct));
    }

    [HttpGet]
    public async Task<IActionResult> Create(Guid? unitId, CancellationToken ct) =>
        await pages.NewFormAsync(unitId, ct) is { } form ? View(form) : NotFound();

    [HttpPost]
    [Idempotent]
    public async Task<IActionResult> Create(MoveInForm form, CancellationToken ct)
    {
        var result = await intake.BookAsync(form, !ModelState.IsValid, CurrentActor, ct);
        return Opened(result, null, form, number => t["MoveIns.Booked", number]);
    }

    [HttpGet]
    public Task<IActionResult> Details(Guid id, CancellationToken ct) => PageAsync(id, ct);

    /// <summary>入住手续单: the checklist with who ticked what, and signature lines — A4.</summary>
    [HttpGet]
    public Task<IActionResult> Checklist(Guid id, CancellationToken ct) => PageAsync(id, ct);

    /// <summary>住户登记表: the household's particulars and its members, with blank rows to fill in by hand — A4.</summary>
    [HttpGet]
    public async Task<IActionResult> Registration(Guid id, CancellationToken ct)
    {
        if (await pages.RegistrationAsync(id, ct) is not { } registration)
        {
            return NotFound();
        }

        ViewData["Customer"] = registration.Customer;
        ViewData["Members"] = registration.Members;
        return View(registration.Page);
    }

    /// <summary>验房记录 (房屋质量验收登记表): base readings, defects and their repairs, the owner's signature — A4.</summary>
    [HttpGet]
    public Task<IActionResult> InspectionRecord(Guid id, CancellationToken ct) => PageAsync(id, ct);

    /// <summary>The move-in's page or one of its print forms: the same model, the action's view.</summary>
    private async Task<IActionResult> PageAsync(Guid id, CancellationToken ct) =>
        await pages.DetailsAsync(id, await CanAsync(Policies.Supervision), await CanAsync(Policies.Cashier), ct) is { } page ? View(page) : NotFound();

    [HttpPost]
    public async Task<IActionResult> Reschedule(Guid id, int version, DateTime? appointmentAt, CancellationToken ct)
    {
        // A day outside the window goes back with its message (the step refuses an invalid ModelState).
        Within(appointmentAt, d => d.MoveIn, nameof(appointmentAt));
        return Back(await steps.RescheduleAsync(Step(id, version), appointmentAt, ct), id);
    }

    [HttpPost]
    public async Task<IActionResult> Receive(Guid id, int version, CancellationToken ct) =>
        Back(await steps.ReceiveAsync(Step(id, version), ct), id);

    [HttpPost]
    public async Task<IActionResult> Check(Guid id, int version, List<MoveInItem>? items, CancellationToken ct) =>
        Back(await steps.CheckAsync(Step(id, version), items, ct), id);

    [HttpPost]
    [Authorize(Policy = Policies.Cashier)]
    public async Task<IActionResult> RaiseCharge(Guid id, int version, Guid? feeItemId, decimal? amount, string? description, CancellationToken ct) =>
        Back(await steps.RaiseChargeAsync(Step(id, version), feeItemId, amount, description, ct), id);

    [HttpPost]
    public async Task<IActionResult> ConfirmCharges(Guid id, int version, CancellationToken ct) =>
        Back(await steps.ConfirmChargesAsync(Step(id, version), ct), id);

    /// <summary>验房: base readings and the defects found, each becoming a repair order for the developer.</summary>
    [HttpPost]
    public Task<IActionResult> Inspect(Guid id, InspectionForm form, CancellationToken ct) => InspectAsync(id, form, false, ct);

    /// <summary>复检: refused while any defect's repair is still open; anything new found starts another round.</summary>
    [HttpPost]
    public Task<IActionResult> Reinspect(Guid id, InspectionForm form, CancellationToken ct) => InspectAsync(id, form, true, ct);

    /// <summary>
    /// A refused inspection comes back on the move-in's page with the reason inside the form and what was
    /// typed still there (readings, every defect row); only the photos must be chosen again.
    /// </summary>
    private async Task<IActionResult> InspectAsync(Guid id, InspectionForm form, bool again, CancellationToken ct)
    {
        var result = await steps.InspectAsync(Step(id, form.Version), form, again, Request.HasFormContentType ? Request.Form.Files : null, CurrentActor, ct);
        switch (result.Status)
        {
            case StepStatus.NotFound:
                return NotFound();
            case StepStatus.Done:
                Flash(result.Message ?? "");
                return RedirectToAction(nameof(Details), new { id });
        }

        if (await pages.DetailsAsync(id, await CanAsync(Policies.Supervision), await CanAsync(Policies.Cashier), ct) is not { } page)
        {
            return NotFound();
        }

        ViewData["Inspection"] = form;
        ViewData["InspectionError"] = result.Message;
        return View(nameof(Details), page);
    }

    /// <summary>More photos of one defect (the developer's repair, before and after).</summary>
    [HttpPost]
    public async Task<IActionResult> AddPhotos(Guid id, Guid defectId, List<IFormFile>? photos, CancellationToken ct)
    {
        if (await steps.AddDefectPhotosAsync(id, defectId, photos ?? [], CurrentActor, ct) is not { } outcome)
        {
            return NotFound();
        }

        if (outcome.Rejected.Count > 0)
        {
            FlashError(t["MoveIns.NotImages", outcome.Added, string.Join("、", outcome.Rejected)]);
        }
        else
        {
            Flash(t["MoveIns.PhotosAdded", outcome.Added]);
        }

        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpPost]
    public async Task<IActionResult> SignOff(Guid id, int version, string? signedBy, CancellationToken ct) =>
        Back(await steps.SignOffAsync(Step(id, version), signedBy, ct), id);

    [HttpPost]
    public async Task<IActionResult> Keys(Guid id, int version, int keys, CancellationToken ct) =>
        Back(await steps.KeysAsync(Step(id, version), keys, ct), id);

    /// <summary>办结: the unit becomes the household's; the new household's callback is scheduled (see <see cref="MoveInSteps.CompleteAsync"/>).</summary>
    [HttpPost]
    public async Task<IActionResult> Complete(Guid id, int version, string? overrideReason, string? stewardId, CancellationToken ct) =>
        Back(await steps.CompleteAsync(Step(id, version), overrideReason, await CanAsync(Policies.Supervision), stewardId, ct), id);

    [HttpPost]
    public async Task<IActionResult> Cancel(Guid id, int version, string? reason, CancellationToken ct) =>
        Back(await steps.CancelAsync(Step(id, version), reason, ct), id);

    // ---------------- 集中入伙 ----------------

    [HttpGet]
    public async Task<IActionResult> Batches(CancellationToken ct) => View(await pages.BatchesAsync(ct));

    [HttpGet]
    public async Task<IActionResult> CreateBatch(Guid? propertyId, Guid? buildingId, CancellationToken ct) =>
        View(await pages.NewBatchFormAsync(propertyId, buildingId, ct));

    [HttpPost]
    public async Task<IActionResult> CreateBatch(BatchForm form, CancellationToken ct)
    {
        var booking = await intake.BookBatchAsync(form, !ModelState.IsValid, CurrentActor, ct);
        booking.Errors.ToList().ForEach(e => ModelState.AddModelError(e.Field, e.Message));
        if (!booking.Booked)
        {
            return View(form);
        }

        Flash(t["MoveIns.BatchBooked", booking.Households]);
        return RedirectToAction(nameof(Batch), new { id = booking.BatchId });
    }

    /// <summary>The batch day at a glance: each unit's slot, checklist progress, inspection and status. Prints as the day's schedule.</summary>
    [HttpGet]
    public async Task<IActionResult> Batch(Guid id, CancellationToken ct) =>
        await pages.BatchAsync(id, ct) is { } page ? View(page) : NotFound();

    // ---------------- 托管 ----------------

    /// <summary>Units in custody (托管): last patrol, when the next regular and rain patrols are due, the base readings and limits; the rain orders.</summary>
    [HttpGet]
    [Authorize(Policy = Policies.HouseholdWrite)]
    public async Task<IActionResult> Custody(CancellationToken ct) => View(await pages.CustodyAsync(await CanAsync(Policies.Supervision), ct));

    /// <summary>A custody patrol: what was seen, and the meters. Meets the unit's patrol clocks and starts the next regular one.</summary>
    [HttpPost]
    [Authorize(Policy = Policies.HouseholdWrite)]
    public async Task<IActionResult> Patrol(Guid unitId, string? finding, bool problem, decimal? water, decimal? electricity, CancellationToken ct) =>
        Outcome(await custody.PatrolAsync(unitId, finding, problem, water, electricity, CurrentActor, ct), r => r.Message ?? "",
            Redirect(Url.Action(nameof(Custody)) + "#u-" + unitId));

    /// <summary>
    /// 大雨前后巡查: a supervisor orders a patrol of every unit in custody of one property, within the property's hours.
    /// A form with bad input comes back on the custody page with each message beside its field.
    /// </summary>
    [HttpPost]
    [Authorize(Policy = Policies.Supervision)]
    public async Task<IActionResult> RainPatrol(RainPatrolForm form, CancellationToken ct)
    {
        var result = await custody.OrderRainPatrolAsync(form, !ModelState.IsValid, CurrentActor, ct);
        if (result.Status == StepStatus.Refused && !ModelState.IsValid)
        {
            return View(nameof(Custody), await pages.CustodyAsync(true, ct, form));
        }

        return Outcome(result, r => r.Message ?? "", Redirect(Url.Action(nameof(Custody)) + "#rain-patrol"));
    }

    // ---------------- 周统计 ----------------

    /// <summary>
    /// 入住周统计 (004 L36): the week (Monday–Sunday, China time) holding <paramref name="week"/> — the monthly report's
    /// move-in section (<see cref="MoveInsReportSection"/>) over a week, for one property or all of the user's.
    /// </summary>
    [HttpGet]
    public async Task<IActionResult> Stats(DateOnly? week, Guid? propertyId, CancellationToken ct) =>
        await WeekAsync(week, propertyId, ct) is { } page ? View("~/Features/Reports/Weekly.cshtml", page) : NotFound();

    /// <summary>The same week as .xlsx: the section's sheet, Chinese headers, the figures as numbers.</summary>
    [HttpGet]
    public async Task<IActionResult> StatsExport(DateOnly? week, Guid? propertyId, CancellationToken ct) =>
        await WeekAsync(week, propertyId, ct) is { } page ? weekly.Export(page) : NotFound();

    private Task<WeeklyPage?> WeekAsync(DateOnly? week, Guid? propertyId, CancellationToken ct) =>
        weekly.PageAsync(t["MoveIns.Stats"], nameof(Stats), nameof(StatsExport), ["moveIns"], week ?? Today, propertyId, ct);

    /// <summary>Back to the move-in with what the step did, or why it was refused.</summary>
    private IActionResult Back(StepResult result, Guid id) => Outcome(result, r => r.Message ?? "", RedirectToAction(nameof(Details), new { id }));
}
