using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Renovations;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Renovations;

public sealed record HouseholdRenovationRow(Guid Id, string Number, DateTime ReceivedAt, RenovationScope Scope, RenovationStatus Status, DateOnly StartDate, DateOnly EndDate);

public sealed record HouseholdRenovations(Guid? UnitId, IReadOnlyList<HouseholdRenovationRow> Rows);

/// <summary>The renovations of a household or a unit on its page, so the household's record shows each step's progress.</summary>
public sealed class HouseholdRenovationsViewComponent(PortalDbContext db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid? customerId = null, Guid? unitId = null)
    {
        var query = db.Renovations.AsNoTracking();
        query = customerId is { } c ? query.Where(x => x.CustomerId == c) : query.Where(x => x.UnitId == unitId);
        var rows = await query.OrderByDescending(x => x.ReceivedAt)
            .Select(x => new HouseholdRenovationRow(x.Id, x.Number, x.ReceivedAt, x.Scope, x.Status, x.StartDate, x.EndDate))
            .Take(20).ToListAsync(HttpContext.RequestAborted);
        return View("~/Features/Renovations/_HouseholdRenovations.cshtml", new HouseholdRenovations(unitId, rows));
    }
}
