using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Complaints;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Complaints;

public sealed record HouseholdComplaintRow(Guid Id, string Number, DateTime ReceivedAt, string Category, ComplaintTier Tier, ComplaintStatus Status, bool IsValid);

public sealed record HouseholdComplaints(Guid? CustomerId, Guid? UnitId, IReadOnlyList<HouseholdComplaintRow> Rows);

/// <summary>The complaints of a household or a unit, newest first, on its page (the household's timeline).</summary>
public sealed class HouseholdComplaintsViewComponent(PortalDbContext db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid? customerId = null, Guid? unitId = null)
    {
        var query = db.Complaints.AsNoTracking();
        query = customerId is { } c ? query.Where(x => x.CustomerId == c) : query.Where(x => x.UnitId == unitId);
        var rows = await (from x in query
                          join k in db.ComplaintCategories on x.CategoryId equals k.Id
                          orderby x.ReceivedAt descending
                          select new HouseholdComplaintRow(x.Id, x.Number, x.ReceivedAt, k.Name, x.Tier, x.Status, x.IsValid))
            .Take(20).ToListAsync(HttpContext.RequestAborted);
        return View("~/Features/Complaints/_HouseholdComplaints.cshtml", new HouseholdComplaints(customerId, unitId, rows));
    }
}
