using Microsoft.AspNetCore.Mvc;

namespace PropertyPortal.Web.Features.Events;

/// <summary>The half-year public-welfare alert, for pages outside the events feature (the supervisors' board).</summary>
public sealed class PublicWelfareAlertViewComponent(PublicWelfareRule rule) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync() =>
        View("~/Features/Events/_PublicWelfareAlert.cshtml", await rule.AlertsAsync(HttpContext.RequestAborted));
}
