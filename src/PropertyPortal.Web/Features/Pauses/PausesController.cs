using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Pauses;

public sealed record PausesPage(Guid? PropertyId, IReadOnlyList<SelectListItem> Properties, IReadOnlyList<PendingPause> Pending,
    IReadOnlyList<PastPause> Recent, string? MyId, DateTime Now);

/// <summary>
/// 暂停审批: the supervisor's list of pending pause requests (their properties only), and every pause step
/// posted from a case page or the list. Request and resume take the case's id (a repair order, complaint
/// or renovation); approve, refuse and withdraw take the request's. Each action binds, calls one method of
/// <see cref="PauseRequests"/> and redirects.
/// </summary>
[Authorize(Policy = Policies.RepairWork)]
public sealed class PausesController(PortalDbContext db, PauseRequests pauses, IStringLocalizer<PausesText> t) : PortalController
{
    [Authorize(Policy = Policies.PauseApproval)]
    public async Task<IActionResult> Index(Guid? propertyId, CancellationToken ct)
    {
        var properties = await Features.Shared.CaseFilters.PropertyOptionsAsync(db, propertyId, ct);
        if (propertyId is { } pid && properties.All(p => p.Value != pid.ToString()))
        {
            return NotFound();
        }

        return View(new PausesPage(propertyId, properties, await pauses.PendingAsync(propertyId, ct), await pauses.RecentAsync(propertyId, ct),
            CurrentActor.UserId, UtcNow));
    }

    /// <summary>Asks to pause the case <paramref name="id"/>.</summary>
    [HttpPost]
    public async Task<IActionResult> Ask(Guid id, PauseRequestForm form, CancellationToken ct) =>
        Answer(await pauses.RequestAsync(id, form.Version, form.Reason, form.Note, Errors(), User, ct), "Pauses.Requested", null);

    [HttpPost]
    [Authorize(Policy = Policies.PauseApproval)]
    public async Task<IActionResult> Approve(Guid id, PauseDecisionForm form, CancellationToken ct) =>
        Answer(await pauses.ApproveAsync(id, form.Version, form.Note, Errors(), User, ct), "Pauses.Approved", form.ReturnTo);

    [HttpPost]
    [Authorize(Policy = Policies.PauseApproval)]
    public async Task<IActionResult> Refuse(Guid id, PauseRefusalForm form, CancellationToken ct) =>
        Answer(await pauses.RefuseAsync(id, form.Version, form.Note, Errors(), User, ct), "Pauses.Refused", form.ReturnTo);

    /// <summary>Takes the pending request <paramref name="id"/> back.</summary>
    [HttpPost]
    public async Task<IActionResult> Withdraw(Guid id, int version, CancellationToken ct) =>
        Answer(await pauses.WithdrawAsync(id, version, User, ct), "Pauses.Withdrawn", null);

    /// <summary>Restarts the clocks of the paused case <paramref name="id"/>.</summary>
    [HttpPost]
    public async Task<IActionResult> Resume(Guid id, int version, CancellationToken ct) =>
        Answer(await pauses.ResumeAsync(id, version, User, ct), "Pauses.Resumed", null);

    private string? Errors() => ModelState.IsValid ? null : ModelStateErrors();

    private IActionResult Answer(PauseOutcome outcome, string doneKey, string? returnTo)
    {
        switch (outcome.Result)
        {
            case PauseOutcome.Kind.NotFound:
                return NotFound();
            case PauseOutcome.Kind.Forbidden:
                return Forbid();
            case PauseOutcome.Kind.Refused:
                FlashError(outcome.Error ?? "");
                break;
            default:
                Flash(t[doneKey, outcome.Number]);
                break;
        }

        return returnTo == "list" ? RedirectToAction(nameof(Index)) : LocalRedirect(outcome.CaseLink);
    }
}
