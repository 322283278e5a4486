using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.Domain.Sla;
using PropertyPortal.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using PropertyPortal.Web.Features.Notifications;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Seeding;

namespace PropertyPortal.IntegrationTests.Sla;

/// <summary>A repair order opened at 翠湖花园 by frontdesk, saved with the clocks RepairOrder.Open started.</summary>
public sealed record OpenedOrder(Guid Id, string Number, IReadOnlyList<SlaClock> Clocks)
{
    public SlaClock Clock(SlaMilestone milestone) => Clocks.Single(c => c.Milestone == milestone);
}

public static class SlaTestData
{
    /// <summary>Whole seconds: both databases store the instant exactly, so due times read back unchanged.</summary>
    public static DateTime Second(DateTime utc) => new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);

    public static async Task<string> UserIdAsync(PortalFactory app, string userName)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(userName))!.Id;
    }

    /// <summary>Opens an urgent repair received at <paramref name="receivedUtc"/> the way the intake form does.</summary>
    public static async Task<OpenedOrder> OpenRepairAsync(PortalFactory app, DateTime receivedUtc)
    {
        var frontdesk = await UserIdAsync(app, "frontdesk");
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var property = await db.Properties.SingleAsync(p => p.Code == DemoSeeder.ResidentialCode);
        var category = await db.RepairCategories.Where(c => c.IsActive).OrderBy(c => c.SortOrder).FirstAsync();
        var context = await scope.ServiceProvider.GetRequiredService<SlaSettings>().ContextForAsync(property.Id, default);
        var clocks = new ClockSet([], context);
        var number = "BX-T" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var intake = new RepairOrder.Intake(property.Id, null, null, null, "张先生", "13800000000", "1-1-101 厨房", "水管漏水",
            category, RepairUrgency.Urgent, RepairBilling.Warranty, null, null, receivedUtc);
        var order = RepairOrder.Open(number, intake, new Actor(frontdesk, "张前台"), receivedUtc, clocks);
        db.RepairOrders.Add(order);
        db.SlaClocks.AddRange(clocks.Started);
        await db.SaveChangesAsync();
        return new OpenedOrder(order.Id, number, [.. clocks.Started]);
    }

    /// <summary>Bare clocks at 翠湖花园 (no case behind them), for load and race tests.</summary>
    public static async Task<IReadOnlyList<Guid>> AddClocksAsync(PortalFactory app, int count, DateTime startUtc, int targetMinutes, string? assigneeId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var property = await db.Properties.SingleAsync(p => p.Code == DemoSeeder.ResidentialCode);
        var calendar = await scope.ServiceProvider.GetRequiredService<SlaSettings>().CalendarAsync(default);
        var clocks = Enumerable.Range(0, count)
            .Select(_ => new SlaClock(property.Id, SlaSubject.RepairOrder, Guid.NewGuid(), SlaMilestone.OnSite, assigneeId,
                SlaTarget.Minutes(targetMinutes), startUtc, calendar, SlaLadder.Default))
            .ToList();
        db.SlaClocks.AddRange(clocks);
        await db.SaveChangesAsync();
        return [.. clocks.Select(c => c.Id)];
    }

    /// <summary>Sweeps with time stopped at <paramref name="nowUtc"/>: for "at exactly the due instant".</summary>
    public static async Task<SweepResult> SweepAtAsync(IServiceProvider services, DateTime nowUtc)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<PortalDbContext>();
        var time = new FrozenTime(nowUtc);
        var notifier = new Notifier(db, time, sp.GetRequiredService<NotificationChannels>());
        var sweeper = new SlaSweeper(db, notifier, time, NullLogger<SlaSweeper>.Instance);
        return await sweeper.SweepAsync(TestContext.Current.CancellationToken);
    }

    public static async Task<SweepResult> SweepAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SlaSweeper>().SweepAsync(TestContext.Current.CancellationToken);
    }
}

public sealed class FrozenTime(DateTime utc) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
}

/// <summary>The demo portal with the scheduler off: only the test sweeps, so what fired is what the test caused.</summary>
public sealed class SqliteQuietPortalFactory : SqlitePortalFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Scheduler:Enabled", "false");
    }
}

/// <inheritdoc cref="SqliteQuietPortalFactory"/>
public sealed class PostgresQuietPortalFactory : PostgresPortalFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Scheduler:Enabled", "false");
    }
}
