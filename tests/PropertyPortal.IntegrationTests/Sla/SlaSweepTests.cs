using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPortal.Domain.Sla;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.Web.Features.Notifications;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.IntegrationTests.Sla;

/// <summary>
/// The minute sweep over a real repair order at 翠湖花园 (电话回复 in 15 minutes: warning at 12, breach
/// after 15, supervisor at 30, manager at 75), with the portal's clock moved to each instant.
/// </summary>
public abstract class SlaSweepTests(PortalFactory factory)
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

    private async Task<SlaClock> PhoneReplyClockAsync()
    {
        var start = SlaTestData.Second(App.Clock.UtcNow);
        App.Clock.Set(start);
        var order = await SlaTestData.OpenRepairAsync(App, start);
        return order.Clock(SlaMilestone.PhoneReply);
    }

    private async Task<List<SlaEventKind>> FiredAsync(Guid clockId)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return [.. (await db.SlaEvents.Where(e => e.ClockId == clockId).Select(e => e.Kind).ToListAsync(Ct)).Order()];
    }

    [Fact]
    public async Task Nothing_fires_before_the_warning_instant_and_the_warning_fires_at_it_for_the_handler()
    {
        var clock = await PhoneReplyClockAsync();
        Assert.Equal(clock.StartedAt.AddMinutes(12), clock.WarnAt);

        App.Clock.Set(clock.WarnAt.AddSeconds(-1));
        await SlaTestData.SweepAsync(App.Services);
        Assert.Empty(await FiredAsync(clock.Id));

        App.Clock.Set(clock.WarnAt);
        await SlaTestData.SweepAsync(App.Services);
        Assert.Equal([SlaEventKind.Warning], await FiredAsync(clock.Id));

        var frontdesk = await SlaTestData.UserIdAsync(App, "frontdesk");
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        var queued = await db.OutboxMessages.Where(m => m.DedupKey.StartsWith($"sla:{clock.Id}:")).ToListAsync(Ct);
        var warning = Assert.Single(queued);
        Assert.Equal(frontdesk, warning.RecipientUserId);
        Assert.Equal(NotificationKinds.SlaWarning, warning.Kind);
        Assert.Equal($"/Repairs/Details/{clock.SubjectId}", warning.Link);
        Assert.Contains("PhoneReply", warning.Args);
    }

    [Fact]
    public async Task The_breach_fires_only_after_the_due_instant()
    {
        var clock = await PhoneReplyClockAsync();

        // The portal's clock keeps running; a frozen one sweeps at exactly the due instant.
        await SlaTestData.SweepAtAsync(App.Services, clock.DueAt);
        Assert.Equal([SlaEventKind.Warning], await FiredAsync(clock.Id));

        await SlaTestData.SweepAtAsync(App.Services, clock.DueAt.AddSeconds(1));
        Assert.Equal([SlaEventKind.Warning, SlaEventKind.Breach], await FiredAsync(clock.Id));
    }

    [Fact]
    public async Task Fifteen_minutes_after_the_breach_the_supervisor_gets_an_in_app_notification_and_the_other_property_does_not()
    {
        var clock = await PhoneReplyClockAsync();

        App.Clock.Set(clock.DueAt.AddMinutes(15));
        await SlaTestData.SweepAsync(App.Services);
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(Ct);
        }

        Assert.Equal([SlaEventKind.Warning, SlaEventKind.Breach, SlaEventKind.EscalatedToSupervisor], await FiredAsync(clock.Id));
        var supervisor = await SlaTestData.UserIdAsync(App, "supervisor");
        var officedesk = await SlaTestData.UserIdAsync(App, "officedesk");
        var link = $"/Repairs/Details/{clock.SubjectId}";
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        var escalation = Assert.Single(await db.Notifications.Where(n => n.UserId == supervisor && n.Link == link && n.Args.Contains("\"PhoneReply\"")).ToListAsync(Ct));
        Assert.Equal(NotificationKinds.SlaEscalated, escalation.Kind);
        Assert.Null(escalation.ReadAt);
        Assert.False(await db.Notifications.AnyAsync(n => n.UserId == officedesk, Ct));
        Assert.False(await db.OutboxMessages.AnyAsync(m => m.RecipientUserId == officedesk, Ct));
    }

    [Fact]
    public async Task A_sweep_three_hours_late_fires_every_step_once_and_a_second_sweep_fires_nothing()
    {
        var start = SlaTestData.Second(App.Clock.UtcNow);
        App.Clock.Set(start);
        var order = await SlaTestData.OpenRepairAsync(App, start);
        var ids = order.Clocks.Select(c => c.Id).ToList();

        App.Clock.Set(start.AddHours(3));
        var first = await SlaTestData.SweepAsync(App.Services);
        var second = await SlaTestData.SweepAsync(App.Services);

        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        var events = await db.SlaEvents.Where(e => ids.Contains(e.ClockId)).ToListAsync(Ct);
        Assert.All(order.Clocks, c => Assert.Equal(
            [SlaEventKind.Warning, SlaEventKind.Breach, SlaEventKind.EscalatedToSupervisor, SlaEventKind.EscalatedToManager],
            events.Where(e => e.ClockId == c.Id).Select(e => e.Kind).Order()));
        Assert.All(events, e => Assert.InRange(e.FiredAt, start.AddHours(3), start.AddHours(3).AddSeconds(30)));
        Assert.True(first.EventsFired >= order.Clocks.Count * 4, $"the late sweep fired {first.EventsFired}");
        Assert.Equal(0, second.EventsFired);
        Assert.Equal(0, second.ClocksExamined);

        // One outbox row per step and recipient: handler, handler, supervisor, manager.
        var keys = await db.OutboxMessages.Where(m => m.DedupKey.StartsWith("sla:")).Select(m => m.DedupKey).ToListAsync(Ct);
        Assert.All(ids, id => Assert.Equal(4, keys.Count(k => k.StartsWith($"sla:{id}:", StringComparison.Ordinal))));
        Assert.All(await db.SlaClocks.Where(c => ids.Contains(c.Id)).ToListAsync(Ct), c => Assert.Null(c.NextCheckAt));
    }
}

public sealed class SqliteSlaSweepTests(SqliteQuietPortalFactory factory) : SlaSweepTests(factory), IClassFixture<SqliteQuietPortalFactory>;

public sealed class PostgresSlaSweepTests(PostgresQuietPortalFactory factory) : SlaSweepTests(factory), IClassFixture<PostgresQuietPortalFactory>;
