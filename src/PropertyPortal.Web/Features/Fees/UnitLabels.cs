using Microsoft.EntityFrameworkCore;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Fees;

/// <summary>How a unit is named on the fee pages: property, building, number.</summary>
public sealed record UnitLabel(Guid Id, Guid PropertyId, string Property, string? PropertyPhone, string Building, string Number);

/// <summary>A unit's current household as the fee pages show it: every name (owner first) and the first one's phone.</summary>
public sealed record HouseholdLabel(string Names, string? Phone);

/// <summary>The lookups the arrears list, receipts, notices and dunning tasks share (through the property filter).</summary>
public static class UnitLabels
{
    public static Task<Dictionary<Guid, UnitLabel>> ForAsync(PortalDbContext db, IReadOnlyCollection<Guid> unitIds, CancellationToken ct) =>
        (from u in db.Units.AsNoTracking()
         join b in db.Buildings on u.BuildingId equals b.Id
         join p in db.Properties on u.PropertyId equals p.Id
         where unitIds.Contains(u.Id)
         select new UnitLabel(u.Id, u.PropertyId, p.Name, p.Phone, b.Name, u.Number)).ToDictionaryAsync(u => u.Id, ct);

    public static async Task<Dictionary<Guid, HouseholdLabel>> HouseholdsAsync(PortalDbContext db, IReadOnlyCollection<Guid> unitIds, DateOnly today, CancellationToken ct)
    {
        var rows = await (from o in db.Occupancies.AsNoTracking()
                          join c in db.Customers on o.CustomerId equals c.Id
                          where unitIds.Contains(o.UnitId) && o.StartDate <= today && (o.EndDate == null || o.EndDate >= today)
                          select new { o.UnitId, o.Role, c.Name, c.Phone }).ToListAsync(ct);
        return rows.GroupBy(r => r.UnitId).ToDictionary(g => g.Key, g =>
        {
            var ordered = g.OrderBy(r => r.Role).ToList();
            return new HouseholdLabel(string.Join("、", ordered.Select(r => r.Name)), ordered[0].Phone);
        });
    }
}
