using Microsoft.AspNetCore.Mvc;

namespace PropertyPortal.Web.Features.Customers;

/// <summary>
/// The household's story on its page, paged by <c>?story=n</c>:
/// <c>@await Component.InvokeAsync("HouseholdStory", new { customerId = Model.Id, page })</c>.
/// </summary>
public sealed class HouseholdStoryViewComponent(HouseholdStory story) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid customerId, int page = 1)
    {
        var household = await story.HouseholdAsync(customerId, HttpContext.RequestAborted);
        return household is null
            ? Content("")
            : View("~/Features/Customers/_HouseholdStory.cshtml", await story.PageAsync(household, page, HttpContext.RequestAborted));
    }
}
