using Microsoft.EntityFrameworkCore;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Shared;

/// <summary>Who is calling, as an intake form prefills it: the customer picked, their name, phone and property.</summary>
public sealed record IntakeCaller(Guid? CustomerId, string? Name, string? Phone, Guid? PropertyId)
{
    /// <summary>
    /// Completes the caller of a new intake form the same way for every kind of case: a unit picked without a caller
    /// gets the person living there today (tenant before owner); a customer without a name gives their name, phone and
    /// property; the unit's property when nothing else says. Null when the customer picked does not exist (the caller
    /// answers 404). The query filters of <paramref name="db"/> keep other properties' people out.
    /// </summary>
    public static async Task<IntakeCaller?> CompleteAsync(
        PortalDbContext db, TimeProvider time, Guid? unitId, IntakeCaller given, bool occupantOfUnit, CancellationToken ct)
    {
        var (customerId, name, phone, propertyId) = given;
        if (occupantOfUnit && unitId is { } occupied && customerId is null)
        {
            var today = PortalClock.Today(time);
            customerId = await db.Occupancies.AsNoTracking()
                .Where(o => o.UnitId == occupied && o.StartDate <= today && (o.EndDate == null || o.EndDate >= today))
                .OrderByDescending(o => o.Role).Select(o => (Guid?)o.CustomerId).FirstOrDefaultAsync(ct);
        }

        if (customerId is { } custId && name is null)
        {
            var customer = await db.Customers.AsNoTracking().Where(c => c.Id == custId)
                .Select(c => new { c.Name, c.Phone, c.PropertyId }).FirstOrDefaultAsync(ct);
            if (customer is null)
            {
                return null;
            }

            (name, phone, propertyId) = (customer.Name, customer.Phone, customer.PropertyId);
        }

        if (propertyId is null && unitId is { } forUnit)
        {
            propertyId = await db.Units.Where(u => u.Id == forUnit).Select(u => (Guid?)u.PropertyId).FirstOrDefaultAsync(ct);
        }

        return new IntakeCaller(customerId, name, phone, propertyId);
    }
}
