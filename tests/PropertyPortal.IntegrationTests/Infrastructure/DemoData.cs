using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Seeding;

namespace PropertyPortal.IntegrationTests.Infrastructure;

/// <summary>Everything the demo seeder put into one property, read with the system scope (no HTTP request, so every property).</summary>
public sealed record PropertyRecords(
    Guid PropertyId,
    string Code,
    string Name,
    IReadOnlyList<Guid> Buildings,
    IReadOnlyList<(Guid Id, string Number)> Units,
    IReadOnlyList<(Guid Id, string Name, string? Phone)> Customers,
    IReadOnlyList<Guid> Occupancies,
    IReadOnlyList<(Guid Id, string Name, string? Phone)> Members,
    IReadOnlyList<Guid> Keys,
    IReadOnlyList<string> UserIds)
{
    /// <summary>One id of every kind of record the property owns, for walking every route with every kind.</summary>
    public IReadOnlyList<(string Kind, string Id)> SampleIds =>
    [
        ("Property", PropertyId.ToString()),
        ("Building", Buildings[0].ToString()),
        ("Unit", Units[0].Id.ToString()),
        ("Customer", Customers[^1].Id.ToString()),
        ("Occupancy", Occupancies[^1].ToString()),
        ("HouseholdMember", Members[0].Id.ToString()),
        ("OfficeKey", Keys[0].ToString()),
        .. UserIds.Take(1).Select(id => ("User", id)),
    ];

    public static async Task<PropertyRecords> LoadAsync(IServiceProvider services, string code)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        Assert.True(db.Scope.AllProperties, "Outside an HTTP request the portal must use the system scope.");
        var property = await db.Properties.AsNoTracking().SingleAsync(p => p.Code == code);
        var id = property.Id;
        return new PropertyRecords(
            id,
            property.Code,
            property.Name,
            await db.Buildings.AsNoTracking().Where(x => x.PropertyId == id).OrderBy(x => x.Code).Select(x => x.Id).ToListAsync(),
            (await db.Units.AsNoTracking().Where(x => x.PropertyId == id).OrderBy(x => x.Number).Select(x => new { x.Id, x.Number }).ToListAsync()).Select(x => (x.Id, x.Number)).ToList(),
            (await db.Customers.AsNoTracking().Where(x => x.PropertyId == id).OrderBy(x => x.Name).Select(x => new { x.Id, x.Name, x.Phone }).ToListAsync()).Select(x => (x.Id, x.Name, x.Phone)).ToList(),
            await db.Occupancies.AsNoTracking().Where(x => x.PropertyId == id).Select(x => x.Id).ToListAsync(),
            (await db.HouseholdMembers.AsNoTracking().Where(x => x.PropertyId == id).OrderBy(x => x.Name).Select(x => new { x.Id, x.Name, x.Phone }).ToListAsync()).Select(x => (x.Id, x.Name, x.Phone)).ToList(),
            await db.OfficeKeys.AsNoTracking().Where(x => x.PropertyId == id).Select(x => x.Id).ToListAsync(),
            await db.UserProperties.AsNoTracking().Where(x => x.PropertyId == id).Select(x => x.UserId).ToListAsync());
    }

    public static Task<PropertyRecords> OfficeAsync(IServiceProvider services) => LoadAsync(services, DemoSeeder.OfficeCode);

    public static Task<PropertyRecords> ResidentialAsync(IServiceProvider services) => LoadAsync(services, DemoSeeder.ResidentialCode);
}

/// <summary>A user limited to the given properties, for DbContexts built outside a request.</summary>
public sealed class FixedPropertyScope(string userName, params Guid[] propertyIds) : IPropertyScope
{
    public bool AllProperties => false;

    public IReadOnlyList<Guid> PropertyIds => propertyIds;

    public string? UserId => null;

    public string? UserName => userName;
}

internal static class UnitExtensions
{
    public static void Resize(this Unit unit, decimal area) => unit.SetDetails(unit.Floor, area, unit.Type, unit.WarrantyUntil, unit.Notes);
}
