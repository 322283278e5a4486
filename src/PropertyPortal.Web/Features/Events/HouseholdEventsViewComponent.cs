using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Events;

/// <summary>The events a household was invited to, its reply and whether it came, on the household's page.</summary>
public sealed class HouseholdEventsViewComponent(PortalDbContext db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid customerId)
    {
        var rows = await (from i in db.EventInvitations.AsNoTracking()
                          join e in db.CommunityEvents on i.EventId equals e.Id
                          where i.CustomerId == customerId
                          orderby e.StartsAt descending
                          select new HouseholdEventRow(e.Id, e.Number, e.Theme, e.StartsAt, e.Status, i.Reply, i.People, i.AttendedAt != null))
            .Take(20).ToListAsync(HttpContext.RequestAborted);
        return View("~/Features/Events/_HouseholdEvents.cshtml", rows);
    }
}
