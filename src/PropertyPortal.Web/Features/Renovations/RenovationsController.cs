using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Renovations;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure.Idempotency;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Mvc;

namespace PropertyPortal.Web.Features.Renovations;

/// <summary>
/// 装修: the register, the patrol list, a renovation's page and its prints, the application and every step —
/// review chain, agreement, permit, passes and work permits, patrols and violation notices, inspection, refund.
/// Each action binds, calls one feature method (<see cref="RenovationPages"/>, <see cref="RenovationIntake"/>,
/// <see cref="RenovationSteps"/>) and redirects; clocks and notifications go through the case seam.
/// </summary>
[Authorize(Policy = Policies.RepairWork)]
public sealed class RenovationsController(RenovationPages pages, RenovationIntake intake, RenovationSteps steps, IStringLocalizer<RenovationsText> t)
    : PortalController
{
    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] RenovationFilter filter, CancellationToken ct) => View(await pages.ListAsync(filter, Request, ct));

    /// <summary>巡查清单: running works of the user's properties, the patrol due soonest first.</summary>
    [HttpGet]
    [Authorize(Policy = Policies.HouseholdWrite)]
    public async Task<IActionResult> Patrols(CancellationToken ct) => View(await pages.PatrolsAsync(ct));

    [HttpGet]
    [Authorize(Policy = Policies.CaseIntake)]
    public async Task<IActionResult> Create(Guid? unitId, CancellationToken ct) =>
        await pages.NewFormAsync(unitId, ct) is { } form ? View(form) : NotFound();

    [HttpPost]
    [Idempotent]
    [Authorize(Policy = Policies.CaseIntake)]
    public async Task<IActionResult> Create(RenovationForm form, CancellationToken ct)
    {
        var (result, days) = await intake.OpenAsync(form, !ModelState.IsValid, CurrentActor, ct);
        return Opened(result, null, form, number => t["Renovations.Submitted", number, days]);
    }

    [HttpGet]
    public async Task<IActionResult> Details(Guid id, CancellationToken ct) =>
        await pages.DetailsAsync(id, ct) is { } model ? View(model) : NotFound();

    /// <summary>装修许可证, A4, to post at the door of the works.</summary>
    [HttpGet]
    public async Task<IActionResult> Permit(Guid id, CancellationToken ct) =>
        await pages.DetailsAsync(id, ct) is { Renovation.PermitNumber: not null } model ? View(model) : NotFound();

    /// <summary>验收合格单, A4, for the owner and Finance.</summary>
    [HttpGet]
    public async Task<IActionResult> Acceptance(Guid id, CancellationToken ct) =>
        await pages.DetailsAsync(id, ct) is { Renovation.AcceptedAt: not null } model ? View(model) : NotFound();

    /// <summary>业主装修违规整改通知书 of one violation, A4, for the owner and the contractor.</summary>
    [HttpGet]
    public async Task<IActionResult> Notice(Guid id, Guid patrolId, CancellationToken ct) =>
        await pages.NoticeAsync(id, patrolId, ct) is { } model ? View(model) : NotFound();

    [HttpPost]
    [Authorize(Policy = Policies.CaseIntake)]
    public async Task<IActionResult> Review(Guid id, int version, string? note, CancellationToken ct) =>
        Done(await steps.ServiceReviewAsync(Step(id, version), note, ct), "Renovations.ServiceReviewed", id);

    [HttpPost]
    [Authorize(Policy = Policies.RenovationEngineering)]
    public async Task<IActionResult> Engineering(Guid id, int version, string? note, CancellationToken ct) =>
        Done(await steps.EngineeringReviewAsync(Step(id, version), note, ct), "Renovations.EngineeringReviewed", id);

    [HttpPost]
    [Authorize(Policy = Policies.CaseIntake)]
    public async Task<IActionResult> Return(Guid id, int version, string? note, CancellationToken ct) =>
        Done(await steps.ReturnAsync(Step(id, version), note, ct), "Renovations.Returned", id);

    [HttpPost]
    [Authorize(Policy = Policies.CaseIntake)]
    public async Task<IActionResult> Resubmit(Guid id, int version, string? note, CancellationToken ct) =>
        Done(await steps.ResubmitAsync(Step(id, version), note, ct), "Renovations.Resubmitted", id);

    /// <summary>The authority's approval of a structural change, as photos of the document.</summary>
    [HttpPost]
    [Authorize(Policy = Policies.CaseIntake)]
    public async Task<IActionResult> Authority(Guid id, int version, List<IFormFile>? photos, CancellationToken ct) =>
        Done(await steps.AttachAuthorityAsync(Step(id, version), photos, ct), "Renovations.AuthorityAttached", id);

    /// <summary>Plans, drawings and site photos of the renovation.</summary>
    [HttpPost]
    [Authorize(Policy = Policies.CaseIntake)]
    public async Task<IActionResult> AddPhotos(Guid id, List<IFormFile>? photos, CancellationToken ct)
    {
        if (await steps.AddFilesAsync(id, photos, CurrentActor, ct) is not { } saved)
        {
            return NotFound();
        }

        var (added, rejected) = saved;

        if (rejected.Count > 0)
        {
            FlashError(t["Renovations.SomeFilesRejected", string.Join("、", rejected)]);
        }
        else
        {
            Flash(t["Renovations.PhotosAdded", added]);
        }

        return RedirectToAction(nameof(Details), new { id });
    }

    /// <summary>经理批准 — the Manager only. The deposit and the debris fee go on the unit's account in the same save.</summary>
    [HttpPost]
    [Authorize(Roles = Roles.Manager)]
    public async Task<IActionResult> Approve(Guid id, ApproveForm form, CancellationToken ct) =>
        Done(await steps.ApproveAsync(Step(id, form.Version), form, ct), "Renovations.Approved", id);

    [HttpPost]
    [Authorize(Policy = Policies.CaseIntake)]
    public async Task<IActionResult> Agreement(Guid id, int version, CancellationToken ct) =>
        Done(await steps.SignAgreementAsync(Step(id, version), ct), "Renovations.AgreementSigned", id);

    /// <summary>装修许可证: needs the agreement and the deposit paid (at the fee counter); the unit shows 装修中.</summary>
    [HttpPost]
    [Authorize(Policy = Policies.CaseIntake)]
    public async Task<IActionResult> IssuePermit(Guid id, int version, CancellationToken ct) =>
        Done(await steps.IssuePermitAsync(Step(id, version), ct), "Renovations.PermitIssued", id);

    [HttpPost]
    [Authorize(Policy = Policies.CaseIntake)]
    public async Task<IActionResult> IssuePass(Guid id, int version, string? workerName, string? idLast4, CancellationToken ct) =>
        Done(await steps.IssuePassAsync(Step(id, version), workerName, idLast4, ct), "Renovations.PassIssued", id);

    [HttpPost]
    [Authorize(Policy = Policies.CaseIntake)]
    public async Task<IActionResult> ReturnPass(Guid id, int version, Guid passId, CancellationToken ct) =>
        Done(await steps.ReturnPassAsync(Step(id, version), passId, ct), "Renovations.PassReturned", id);

    [HttpPost]
    [Authorize(Policy = Policies.CaseIntake)]
    public async Task<IActionResult> AddPermit(Guid id, int version, RenovationPermitKind kind, DateOnly? from, DateOnly? to, string? note, CancellationToken ct)
    {
        // Out-of-range days go back with their message (the step refuses an invalid ModelState).
        Within(from, d => d.RenovationStart, nameof(from));
        Within(to, d => d.RenovationEnd(from), nameof(to));
        return Done(await steps.AddPermitAsync(Step(id, version), kind, from, to, note, ct), "Renovations.PermitAdded", id);
    }

    /// <summary>巡查 (stewards too): a finding, optionally a violation with its rectification deadline (整改通知), and photos — all saved or nothing.</summary>
    [HttpPost]
    [Authorize(Policy = Policies.HouseholdWrite)]
    [RequestSizeLimit(64 * 1024 * 1024)]
    public async Task<IActionResult> Patrol(Guid id, PatrolForm form, CancellationToken ct)
    {
        Within(form.RectifyBy, d => d.Appointment, nameof(form.RectifyBy));
        return Done(await steps.PatrolAsync(Step(id, form.Version), form, ct), "Renovations.Patrolled", id);
    }

    /// <summary>出具整改通知书: the written notice of a violation is issued; its page prints.</summary>
    [HttpPost]
    [Authorize(Policy = Policies.HouseholdWrite)]
    public async Task<IActionResult> IssueNotice(Guid id, int version, Guid patrolId, CancellationToken ct) =>
        Outcome(await steps.IssueNoticeAsync(Step(id, version), patrolId, ct), r => t["Renovations.NoticeIssued", r.Number!],
            RedirectToAction(nameof(Notice), new { id, patrolId }));

    [HttpPost]
    [Authorize(Policy = Policies.HouseholdWrite)]
    public async Task<IActionResult> Rectified(Guid id, int version, string? note, CancellationToken ct) =>
        Done(await steps.RectifiedAsync(Step(id, version), note, ct), "Renovations.RectifiedDone", id);

    [HttpPost]
    [Authorize(Policy = Policies.CaseIntake)]
    public async Task<IActionResult> BookInspection(Guid id, int version, DateTime? at, CancellationToken ct)
    {
        Within(at, d => d.Appointment, nameof(at));
        return Done(await steps.BookInspectionAsync(Step(id, version), at, ct), "Renovations.InspectionBooked", id);
    }

    [HttpPost]
    [Authorize(Policy = Policies.RenovationEngineering)]
    public async Task<IActionResult> Arrived(Guid id, int version, CancellationToken ct) =>
        Done(await steps.ArrivedAsync(Step(id, version), ct), "Renovations.InspectorArrived", id);

    /// <summary>验收: a pass restores the unit's status and opens the refund; a fail issues a rectification notice.</summary>
    [HttpPost]
    [Authorize(Policy = Policies.RenovationEngineering)]
    public async Task<IActionResult> Inspect(Guid id, int version, bool passed, string? note, DateTime? rectifyBy, CancellationToken ct)
    {
        Within(rectifyBy, d => d.Appointment, nameof(rectifyBy));
        return Done(await steps.InspectAsync(Step(id, version), passed, note, rectifyBy, ct), passed ? "Renovations.Accepted" : "Renovations.InspectionFailed", id);
    }

    /// <summary>退保证金办理 (supervisor): within the property's working days of acceptance. Refused before acceptance.</summary>
    [HttpPost]
    [Authorize(Policy = Policies.Supervision)]
    public async Task<IActionResult> ProcessRefund(Guid id, int version, CancellationToken ct) =>
        Done(await steps.ProcessRefundAsync(Step(id, version), ct), "Renovations.RefundProcessed", id);

    /// <summary>
    /// 退还保证金 and close (supervisor): passes back, the deposit refunded through the ledger less itemised
    /// deductions (with a receipt number), the renovation closed — in one transaction, refused before acceptance.
    /// </summary>
    [HttpPost]
    [Idempotent]
    [Authorize(Policy = Policies.Supervision)]
    public async Task<IActionResult> Refund(Guid id, int version, Fees.RefundForm form, CancellationToken ct) =>
        Done(await steps.RefundAsync(Step(id, version), form, ct), "Renovations.Closed", id);

    [HttpPost]
    [Authorize(Policy = Policies.CaseIntake)]
    public async Task<IActionResult> Cancel(Guid id, int version, string? note, CancellationToken ct) =>
        Done(await steps.CancelAsync(Step(id, version), note, ct), "Renovations.Cancelled", id);

    /// <summary>Back to the renovation with what happened (or 404 / 403).</summary>
    private IActionResult Done(StepResult result, string doneKey, Guid id) =>
        Outcome(result, r => t[doneKey, r.Number!], RedirectToAction(nameof(Details), new { id }));
}
