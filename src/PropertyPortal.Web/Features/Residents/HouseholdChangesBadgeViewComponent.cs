using System.Globalization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewComponents;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Residents;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Residents;

/// <summary>
/// The staff menu's count of household changes waiting for the desk (住户资料变更): one indexed count of the user's properties'
/// pending requests (the query filter), nothing shown when none wait.
/// </summary>
public sealed class HouseholdChangesBadgeViewComponent(PortalDbContext db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var pending = await db.HouseholdChangeRequests.AsNoTracking().CountAsync(r => r.State == ChangeRequestState.Pending, HttpContext.RequestAborted);
        return new HtmlContentViewComponentResult(pending == 0
            ? HtmlString.Empty
            : new HtmlString($"<span class=\"badge rounded-pill text-bg-warning\" id=\"household-changes-count\">{pending.ToString(CultureInfo.InvariantCulture)}</span>"));
    }
}
