using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Renovations;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.Web.Features.Renovations;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Seeding;

namespace PropertyPortal.IntegrationTests.Renovations;

/// <summary>Renovations in a given state for tests whose subject comes after the review chain (walked over HTTP in <see cref="RenovationFlowTests"/>).</summary>
public static class RenovationTestData
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An occupied unit of 翠湖花园 (the n-th by occupancy id).</summary>
    public static async Task<Guid> OccupiedUnitAsync(PortalFactory app, int skip)
    {
        using var db = app.CreateDbContext(SystemPropertyScope.Instance);
        var property = await db.Properties.Where(p => p.Code == DemoSeeder.ResidentialCode).Select(p => p.Id).SingleAsync(Ct);
        return await db.Occupancies.Where(o => o.PropertyId == property && o.EndDate == null).OrderBy(o => o.Id).Select(o => o.UnitId).Distinct().Skip(skip).FirstAsync(Ct);
    }

    /// <summary>
    /// A renovation of <paramref name="unitId"/> whose works run from now: reviewed, approved and permitted by the
    /// domain's own steps, its clocks through the seam (as the steps over HTTP would save them).
    /// </summary>
    public static async Task<Guid> RunningAsync(PortalFactory app, Guid unitId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var propertyId = await db.Units.Where(u => u.Id == unitId).Select(u => u.PropertyId).SingleAsync(Ct);
        var clocks = await scope.ServiceProvider.GetRequiredService<CaseClocks>().ForNewCaseAsync(propertyId, Ct);
        var now = app.Clock.UtcNow;
        var today = PortalClock.Today(app.Clock);
        var by = new Actor(null, "测试");
        var r = Renovation.Submit("ZX-T-" + Guid.NewGuid().ToString("N")[..10], new RenovationApplication(propertyId, unitId, null, "张先生", null, false, true,
            "锦华装饰", null, null, RenovationScope.SimplePartition, false, "卧室隔断", today, today.AddDays(60), 3, "08:00–18:00", now), by, now, clocks);
        r.ServiceReview(null, by, now, clocks);
        r.EngineeringReview(null, by, now, clocks);
        r.Approve(null, by, now, clocks);
        r.SignAgreement(by, now);
        r.IssuePermit("XK-" + r.Number, depositPaid: true, by, now);
        db.Renovations.Add(r);
        await db.SaveChangesAsync(Ct);
        return r.Id;
    }

    /// <summary>Moves the portal's clock 10 minutes into the next patrol window of the property that opens after now (forward only), and returns it.</summary>
    public static async Task<RenovationPatrolWindow> IntoNextPatrolWindowAsync(PortalFactory app, Guid propertyId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var context = await scope.ServiceProvider.GetRequiredService<SlaSettings>().ContextForAsync(propertyId, Ct);
        var now = app.Clock.UtcNow;
        var today = PortalClock.Today(app.Clock);
        var window = Enumerable.Range(0, 14).SelectMany(d => RenovationPatrolWindows.On(today.AddDays(d), context)).First(w => w.StartUtc > now.AddMinutes(1));
        app.Clock.Set(window.StartUtc.AddMinutes(10));
        return window;
    }

    /// <summary>What the patrol job does, once, in its own scope (as one instance's run).</summary>
    public static async Task<(int Started, int Stopped)> KeepPatrolClocksAsync(PortalFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RenovationPatrolClocks>().KeepAsync(app.Clock.UtcNow, Ct);
    }

    public static async Task<Guid> PropertyOfAsync(PortalFactory app, Guid renovationId)
    {
        using var db = app.CreateDbContext(SystemPropertyScope.Instance);
        return await db.Renovations.Where(r => r.Id == renovationId).Select(r => r.PropertyId).SingleAsync(Ct);
    }
}
