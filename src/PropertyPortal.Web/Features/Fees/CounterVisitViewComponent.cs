using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Fees;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Fees;

/// <summary>A front-desk contact's counter visit: the visit it became, or (for a contact about a unit) the form that opens one.</summary>
public sealed record ContactCounter(Guid ContactId, Guid? UnitId, Guid? VisitId, string? VisitNumber, CounterVisitStatus? Status, bool CanOpen);

/// <summary>
/// On a contact's page: <c>@await Component.InvokeAsync("CounterVisit", new { contactId = r.Id })</c>. A payment, fee
/// enquiry or bill reprint logged at the desk is timed from the contact's received time once the clerk opens it here.
/// </summary>
public sealed class CounterVisitViewComponent(PortalDbContext db, IAuthorizationService authz) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid contactId)
    {
        var ct = HttpContext.RequestAborted;
        var unitId = await db.Contacts.AsNoTracking().Where(c => c.Id == contactId).Select(c => c.UnitId).FirstOrDefaultAsync(ct);
        var visit = await db.CounterVisits.AsNoTracking().Where(v => v.ContactId == contactId)
            .Select(v => new { v.Id, v.Number, v.Status }).FirstOrDefaultAsync(ct);
        var canOpen = visit is null && unitId is not null && (await authz.AuthorizeAsync(UserClaimsPrincipal, Policies.Cashier)).Succeeded;
        return visit is null && !canOpen
            ? Content("")
            : View(new ContactCounter(contactId, unitId, visit?.Id, visit?.Number, visit?.Status, canOpen));
    }
}
