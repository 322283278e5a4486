using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.MoveInOut;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.MoveIns;

public sealed record HouseholdMoveInRow(Guid Id, string Number, DateTime AppointmentAt, MoveInStatus Status, MoveInInspectionState Inspection, int Done, int Required);

public sealed record HouseholdMoveIns(Guid? UnitId, IReadOnlyList<HouseholdMoveInRow> Rows);

/// <summary>The move-ins of a household or a unit on its page: where the household's move-in stands.</summary>
public sealed class HouseholdMoveInsViewComponent(PortalDbContext db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid? customerId = null, Guid? unitId = null)
    {
        var query = db.MoveIns.AsNoTracking();
        query = customerId is { } c ? query.Where(x => x.CustomerId == c) : query.Where(x => x.UnitId == unitId);
        var rows = await query.OrderByDescending(x => x.AppointmentAt)
            .Select(x => new HouseholdMoveInRow(x.Id, x.Number, x.AppointmentAt, x.Status, x.Inspection, x.Checks.Count(k => k.Done), x.Checks.Count()))
            .Take(20).ToListAsync(HttpContext.RequestAborted);
        return View("~/Features/MoveIns/_HouseholdMoveIns.cshtml", new HouseholdMoveIns(unitId, rows));
    }
}
