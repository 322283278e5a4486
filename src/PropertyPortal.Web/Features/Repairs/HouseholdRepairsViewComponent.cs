using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Repairs;

public sealed record HouseholdRepairRow(Guid Id, string Number, DateTime ReceivedAt, string Location, RepairUrgency Urgency, RepairStatus Status, string? TechnicianName);

public sealed record HouseholdRepairs(Guid? CustomerId, Guid? UnitId, IReadOnlyList<HouseholdRepairRow> Rows);

/// <summary>
/// The repair orders of a household or a unit, newest first, with a button to open a new one prefilled:
/// <c>@await Component.InvokeAsync("HouseholdRepairs", new { customerId = Model.Id })</c>.
/// </summary>
public sealed class HouseholdRepairsViewComponent(PortalDbContext db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid? customerId = null, Guid? unitId = null)
    {
        var query = db.RepairOrders.AsNoTracking();
        query = customerId is { } c ? query.Where(o => o.CustomerId == c) : query.Where(o => o.UnitId == unitId);
        var rows = await query.OrderByDescending(o => o.ReceivedAt).Take(20)
            .Select(o => new HouseholdRepairRow(o.Id, o.Number, o.ReceivedAt, o.Location, o.Urgency, o.Status, o.TechnicianName))
            .ToListAsync(HttpContext.RequestAborted);
        return View("~/Features/Repairs/_HouseholdRepairs.cshtml", new HouseholdRepairs(customerId, unitId, rows));
    }
}
