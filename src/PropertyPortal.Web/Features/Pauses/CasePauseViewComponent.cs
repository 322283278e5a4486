using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace PropertyPortal.Web.Features.Pauses;

/// <summary>
/// The pause panel of a case page (repair order, complaint, renovation): the open request and what the
/// signed-in user may do with it — ask, approve or refuse, withdraw, resume — and the case's earlier
/// requests. <c>@await Component.InvokeAsync("CasePause", new { caseId })</c>.
/// </summary>
public sealed class CasePauseViewComponent(PauseRequests pauses) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid caseId)
    {
        var panel = await pauses.PanelAsync(caseId, UserClaimsPrincipal, HttpContext.RequestAborted);
        return panel is null ? Content("") : View("~/Features/Pauses/_CasePause.cshtml", panel);
    }
}

/// <summary>
/// One line for supervisors and managers on their home page and board: how many pause requests wait for
/// them, linking to the list. Renders nothing for anyone else, nor when none wait unless <c>always</c> (the board keeps the link).
/// </summary>
public sealed class PendingPausesViewComponent(PauseRequests pauses, IAuthorizationService authz) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(bool always = false)
    {
        if (!(await authz.AuthorizeAsync(UserClaimsPrincipal, Infrastructure.Identity.Policies.PauseApproval)).Succeeded)
        {
            return Content("");
        }

        var count = await pauses.CountPendingAsync(HttpContext.RequestAborted);
        return count == 0 && !always ? Content("") : View("~/Features/Pauses/_PendingPauses.cshtml", count);
    }
}
