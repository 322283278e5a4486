using System.Net;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Domain.Services;
using PropertyPortal.Domain.Sla;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Seeding;

namespace PropertyPortal.IntegrationTests.Services;

/// <summary>What the service tests look up and do over and over: households, catalog entries, a request opened over HTTP, its row and clocks.</summary>
internal static class ServiceTestData
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed record Household(Guid PropertyId, Guid UnitId, Guid CustomerId, string Unit, string Name, OccupancyRole Role);

    /// <summary>The n-th household living in a unit of the property today (owners and tenants by unit number), with its unit's label.</summary>
    public static async Task<Household> HouseholdAsync(PortalFactory app, string propertyCode, int n, OccupancyRole role = OccupancyRole.Owner)
    {
        using var db = app.CreateDbContext(SystemPropertyScope.Instance);
        var found = await (from o in db.Occupancies
                           join p in db.Properties on o.PropertyId equals p.Id
                           join u in db.Units on o.UnitId equals u.Id
                           join b in db.Buildings on u.BuildingId equals b.Id
                           join c in db.Customers on o.CustomerId equals c.Id
                           where p.Code == propertyCode && o.EndDate == null && o.Role == role
                           orderby u.Number, c.Name
                           select new { u.PropertyId, UnitId = u.Id, Building = b.Name, u.Number, CustomerId = c.Id, c.Name })
            .Skip(n).FirstAsync(Ct);
        return new(found.PropertyId, found.UnitId, found.CustomerId, $"{found.Building} {found.Number}", found.Name, role);
    }

    public static async Task<Guid> TypeAsync(PortalFactory app, string code)
    {
        using var db = app.CreateDbContext(SystemPropertyScope.Instance);
        return await db.ServiceTypes.Where(t => t.Code == code).Select(t => t.Id).SingleAsync(Ct);
    }

    public static async Task<BookableResource> ResourceAsync(PortalFactory app, string propertyCode, ResourceKind kind)
    {
        using var db = app.CreateDbContext(SystemPropertyScope.Instance);
        return await (from r in db.BookableResources.AsNoTracking()
                      join p in db.Properties on r.PropertyId equals p.Id
                      where p.Code == propertyCode && r.Kind == kind
                      orderby r.SortOrder
                      select r).FirstAsync(Ct);
    }

    /// <summary>Posts the service form of <paramref name="page"/> and expects the new request's page; its id.</summary>
    public static async Task<Guid> OpenAsync(PortalClient client, string page, Dictionary<string, string> fields)
    {
        var response = await client.SubmitFormAsync(page, "#service-form", fields);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await ErrorsAsync(response));
        var path = response.RedirectPath();
        Assert.StartsWith("/Services/Details/", path);
        return Guid.Parse(path["/Services/Details/".Length..]);
    }

    /// <summary>Where a redirect goes, path and query (the portal answers with relative locations).</summary>
    public static string LocationOf(HttpResponseMessage response)
    {
        var location = response.Headers.Location!;
        return location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
    }

    /// <summary>What a refused form says, field messages and alerts together.</summary>
    public static async Task<string> ErrorsAsync(HttpResponseMessage response)
    {
        var page = await PortalClient.ParseAsync(response);
        return $"{(int)response.StatusCode}: " + string.Join(" | ", page.QuerySelectorAll(".field-validation-error, .alert-danger, .validation-summary-errors")
            .Select(e => e.TextContent.Trim()).Where(t => t.Length > 0));
    }

    public static async Task<ServiceRequest> RequestAsync(PortalFactory app, Guid id)
    {
        using var db = app.CreateDbContext(SystemPropertyScope.Instance);
        return await db.ServiceRequests.AsNoTracking().Include(r => r.Booking).ThenInclude(b => b!.Slots).Include(r => r.Events).SingleAsync(r => r.Id == id, Ct);
    }

    public static async Task<int> RequestCountAsync(PortalFactory app)
    {
        using var db = app.CreateDbContext(SystemPropertyScope.Instance);
        return await db.ServiceRequests.CountAsync(Ct);
    }

    public static async Task<List<SlaClock>> ClocksAsync(PortalFactory app, Guid subjectId)
    {
        using var db = app.CreateDbContext(SystemPropertyScope.Instance);
        return await db.SlaClocks.AsNoTracking().Where(c => c.SubjectId == subjectId).OrderBy(c => c.StartedAt).ToListAsync(Ct);
    }

    public static async Task<List<SlaEventKind>> FiredAsync(PortalFactory app, Guid clockId)
    {
        using var db = app.CreateDbContext(SystemPropertyScope.Instance);
        return await db.SlaEvents.Where(e => e.ClockId == clockId).OrderBy(e => e.Kind).Select(e => e.Kind).ToListAsync(Ct);
    }

    public static async Task<string> UserIdAsync(PortalFactory app, string userName)
    {
        using var db = app.CreateDbContext(SystemPropertyScope.Instance);
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync(Ct);
    }

    public static string Residential => DemoSeeder.ResidentialCode;

    public static string Office => DemoSeeder.OfficeCode;
}
