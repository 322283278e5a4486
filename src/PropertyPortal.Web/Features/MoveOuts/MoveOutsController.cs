using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Idempotency;
using PropertyPortal.Web.Infrastructure.Mvc;

namespace PropertyPortal.Web.Features.MoveOuts;

/// <summary>
/// 迁出 at the counter (002 L40, the property's minutes — 30 by default): the form, keys handed in (onto the office's
/// key register), every fee settled — refused while anything is owed unless a supervisor overrides with a reason —
/// the occupancy ended, and the item-release slip (放行条) printed for the gate. Each action binds, calls one feature
/// method (<see cref="MoveOutPages"/>, <see cref="MoveOutIntake"/>, <see cref="MoveOutSteps"/>) and redirects.
/// </summary>
[Authorize(Policy = Policies.CaseIntake)]
public sealed class MoveOutsController(MoveOutPages pages, MoveOutIntake intake, MoveOutSteps steps, ILogger<MoveOutsController> logger) : PortalController
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken ct) => View(await pages.ListAsync(ct));

    [HttpGet]
    public async Task<IActionResult> Create(Guid? unitId, CancellationToken ct) =>
        await pages.NewFormAsync(unitId, ct) is { } form ? View(form) : NotFound();

    [HttpPost]
    [Idempotent]
    public async Task<IActionResult> Create(MoveOutForm form, CancellationToken ct)
    {
        var result = await intake.OpenAsync(form, !ModelState.IsValid, CurrentActor, ct);
        if (result.Opened)
        {
            logger.LogInformation("Move-out {Number} opened by {User}", result.Step.Number, User.Identity?.Name);
        }

        return Opened(result, null, form, null);
    }

    [HttpGet]
    public async Task<IActionResult> Details(Guid id, CancellationToken ct) =>
        await pages.DetailsAsync(id, ct) is { } model ? View(model) : NotFound();

    /// <summary>放行条 for the gate, A4, once the move-out is completed.</summary>
    [HttpGet]
    public async Task<IActionResult> Slip(Guid id, CancellationToken ct) =>
        await pages.DetailsAsync(id, ct) is { MoveOut.Status: Domain.MoveInOut.MoveOutStatus.Completed } model ? View(model) : NotFound();

    [HttpPost]
    public async Task<IActionResult> Complete(Guid id, int version, string? overrideReason, CancellationToken ct) =>
        Back(await steps.CompleteAsync(Step(id, version), overrideReason, await CanAsync(Policies.Supervision), ct), id);

    [HttpPost]
    public async Task<IActionResult> Cancel(Guid id, int version, CancellationToken ct) =>
        Back(await steps.CancelAsync(Step(id, version), ct), id);

    private IActionResult Back(StepResult result, Guid id) => Outcome(result, r => r.Message ?? "", RedirectToAction(nameof(Details), new { id }));
}
