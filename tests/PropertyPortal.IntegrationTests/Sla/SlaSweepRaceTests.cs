using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPortal.Domain.Sla;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.Web.Features.Notifications;
using PropertyPortal.Web.Infrastructure.Persistence;
using Quartz;

namespace PropertyPortal.IntegrationTests.Sla;

/// <summary>
/// Exactly once with company: sweeps racing each other on PostgreSQL (the production set-up with
/// several instances) fire each step of each clock once, and queue each notification once.
/// </summary>
public sealed class PostgresSlaSweepRaceTests(PostgresQuietPortalFactory factory) : IClassFixture<PostgresQuietPortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private PortalFactory App
    {
        get
        {
            factory.EnsureAvailable();
            return factory;
        }
    }

    [Fact]
    public async Task Two_sweepers_running_at_once_over_50_due_clocks_fire_each_step_once_and_queue_each_notification_once()
    {
        var frontdesk = await SlaTestData.UserIdAsync(App, "frontdesk");
        var start = SlaTestData.Second(App.Clock.UtcNow);
        var ids = await SlaTestData.AddClocksAsync(App, 50, start, 10, frontdesk);
        App.Clock.Set(start.AddHours(3));

        // Separate DI scopes: separate DbContexts and connections, as on two instances.
        using var gate = new SemaphoreSlim(0);
        var sweeps = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            await gate.WaitAsync(Ct);
            return await SlaTestData.SweepAsync(App.Services);
        }, Ct)).ToList();
        gate.Release(2);
        var results = await Task.WhenAll(sweeps);

        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        var events = await db.SlaEvents.Where(e => ids.Contains(e.ClockId)).Select(e => new { e.ClockId, e.Kind }).ToListAsync(Ct);
        Assert.Equal(50 * 4, events.Count);
        Assert.All(events.GroupBy(e => (e.ClockId, e.Kind)), g => Assert.Single(g));
        Assert.Equal(50 * 4, results.Sum(r => r.EventsFired));

        var keys = await db.OutboxMessages.Where(m => m.DedupKey.StartsWith("sla:")).Select(m => m.DedupKey).ToListAsync(Ct);
        var ours = keys.Where(k => ids.Any(id => k.StartsWith($"sla:{id}:", StringComparison.Ordinal))).ToList();
        Assert.Equal(ours.Count, ours.Distinct().Count());
        Assert.Equal(50 * 4, ours.Count);
        Assert.All(await db.SlaClocks.Where(c => ids.Contains(c.Id)).ToListAsync(Ct), c => Assert.Equal((int)SlaEventKind.EscalatedToManager, c.Stage));
    }
}

/// <summary>
/// Two running portals on one PostgreSQL database, each with its scheduler sweeping every second:
/// the clustered scheduler and the sweep's own guards let each escalation happen once, and the
/// supervisor's bell gets one notification per escalation.
/// </summary>
public sealed class PostgresTwoInstanceSweepTests(PostgresTwoInstanceSweepTests.FirstInstance factory) : IClassFixture<PostgresTwoInstanceSweepTests.FirstInstance>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Escalations_due_while_two_instances_sweep_fire_exactly_once()
    {
        factory.EnsureAvailable();
        var frontdesk = await SlaTestData.UserIdAsync(factory, "frontdesk");
        var supervisor = await SlaTestData.UserIdAsync(factory, "supervisor");

        // 10-minute target started 25 minutes ago less a few seconds: the supervisor step falls due
        // a few seconds from now, while both instances are sweeping.
        var start = DateTime.UtcNow.AddMinutes(-25).AddSeconds(4);
        var ids = await SlaTestData.AddClocksAsync(factory, 20, start, 10, frontdesk);
        await using var second = new SecondInstance(factory.ConnectionString);
        _ = second.Server;
        Assert.NotEqual(await InstanceIdAsync(factory.Services), await InstanceIdAsync(second.Services));

        var deadline = DateTime.UtcNow.AddSeconds(40);
        int escalated = 0, delivered = 0;
        while (DateTime.UtcNow < deadline)
        {
            using var db = factory.CreateDbContext(SystemPropertyScope.Instance);
            escalated = await db.SlaEvents.CountAsync(e => ids.Contains(e.ClockId) && e.Kind == SlaEventKind.EscalatedToSupervisor, Ct);
            delivered = await db.Notifications.CountAsync(n => n.UserId == supervisor && n.Kind == NotificationKinds.SlaEscalated, Ct);
            if (escalated == ids.Count && delivered >= ids.Count)
            {
                break;
            }

            await Task.Delay(500, Ct);
        }

        Assert.Equal(ids.Count, escalated);

        // Let both schedulers run a few more sweeps: nothing may fire again.
        await Task.Delay(TimeSpan.FromSeconds(3), Ct);
        using (var db = factory.CreateDbContext(SystemPropertyScope.Instance))
        {
            var events = await db.SlaEvents.Where(e => ids.Contains(e.ClockId)).Select(e => new { e.ClockId, e.Kind }).ToListAsync(Ct);
            Assert.Equal(ids.Count * 3, events.Count);
            Assert.All(events.GroupBy(e => (e.ClockId, e.Kind)), g => Assert.Single(g));
            var notifications = await db.Notifications.Where(n => n.UserId == supervisor && n.Kind == NotificationKinds.SlaEscalated).CountAsync(Ct);
            Assert.Equal(ids.Count, notifications);
            Assert.False(await db.OutboxMessages.AnyAsync(m => m.LastError != null, Ct), "no delivery failed");
        }

    }

    private static async Task<string> InstanceIdAsync(IServiceProvider services) =>
        (await services.GetRequiredService<ISchedulerFactory>().GetScheduler(Ct)).SchedulerInstanceId;

    /// <summary>The first portal: creates the database from the demo template, sweeps every second.</summary>
    public sealed class FirstInstance : PostgresPortalFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Scheduler:SweepSeconds", "1");
        }
    }

    /// <summary>A second portal on the first one's database: no migrating, no seeding, same schedules.</summary>
    private sealed class SecondInstance(string connectionString) : PortalFactory
    {
        public override DatabaseProvider Provider => DatabaseProvider.Postgres;

        public override string ConnectionString => connectionString;

        protected override bool SeedDemo => false;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Database:MigrateOnStartup", "false");
            builder.UseSetting("Scheduler:SweepSeconds", "1");
        }
    }
}
