using System.Globalization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewComponents;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Residents;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Residents;

/// <summary>
/// The staff menu's count of household changes waiting for the desk (住户资料变更), nothing shown when none wait. It is on
/// every page of the desk, so it costs no statement of its own: the pending requests per property are counted once for all
/// users into the instance's reference cache (a new or decided request clears it there at once, other instances within the
/// minute — ADR 0027) and the user's own properties summed.
/// </summary>
public sealed class HouseholdChangesBadgeViewComponent(PortalDbContext db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var ct = HttpContext.RequestAborted;
        var perProperty = await ReferenceNames.Cached(db, "household-changes:pending", [typeof(HouseholdChangeRequest)], async () =>
            await db.HouseholdChangeRequests.IgnoreQueryFilters().AsNoTracking().Where(r => r.State == ChangeRequestState.Pending)
                .GroupBy(r => r.PropertyId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct));
        var pending = perProperty.Where(p => db.Scope.CanSee(p.Key)).Sum(p => p.Value);
        return new HtmlContentViewComponentResult(pending == 0
            ? HtmlString.Empty
            : new HtmlString($"<span class=\"badge rounded-pill text-bg-warning\" id=\"household-changes-count\">{pending.ToString(CultureInfo.InvariantCulture)}</span>"));
    }
}
