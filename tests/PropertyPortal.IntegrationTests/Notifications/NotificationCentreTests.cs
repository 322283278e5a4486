using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPortal.Domain.Notifications;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.IntegrationTests.Sla;
using PropertyPortal.Web.Features.Notifications;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.IntegrationTests.Notifications;

/// <summary>The bell and the notification centre over HTTP, fed through the real outbox and dispatcher.</summary>
public abstract class NotificationCentreTests(PortalFactory factory)
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

    /// <summary>Queues an escalation of 电话回复 for <paramref name="userName"/> and delivers the outbox.</summary>
    private async Task<long> NotifyAsync(string userName, string link)
    {
        var user = await SlaTestData.UserIdAsync(App, userName);
        var key = "test:" + Guid.NewGuid().ToString("N");
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            scope.ServiceProvider.GetRequiredService<Notifier>().Enqueue(key, NotificationKinds.SlaEscalated,
                ["BX20261122-0007", "PhoneReply", "2026-11-22 10:15", Roles.Supervisor], link, null, [user]);
            await db.SaveChangesAsync(Ct);
            await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(Ct);
        }

        // The scheduler's own dispatcher may hold the row's lease at this moment; it delivers it within its
        // lease, so wait for the delivery (either dispatcher's) instead of assuming ours did it.
        using var check = App.CreateDbContext(SystemPropertyScope.Instance);
        var messageId = await check.OutboxMessages.Where(m => m.DedupKey.StartsWith(key)).Select(m => m.Id).SingleAsync(Ct);
        for (var attempt = 0; ; attempt++)
        {
            var id = await check.Notifications.Where(n => n.OutboxMessageId == messageId).Select(n => (long?)n.Id).SingleOrDefaultAsync(Ct);
            if (id is { } found)
            {
                return found;
            }

            Assert.True(attempt < 100, "The notification was not delivered within 10 s.");
            await Task.Delay(100, Ct);
            await using var retry = App.Services.CreateAsyncScope();
            await retry.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(Ct);
        }
    }

    private async Task<int> UnreadAsync(string userName)
    {
        var user = await SlaTestData.UserIdAsync(App, userName);
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await db.Notifications.CountAsync(n => n.UserId == user && n.ReadAt == null, Ct);
    }

    private static async Task<string?> BadgeAsync(PortalClient client) =>
        (await client.GetDocumentAsync("/")).QuerySelector("#notificationBell .badge")?.TextContent.Trim();

    [Fact]
    public async Task The_bell_counts_unread_notifications_and_marking_one_read_lowers_it()
    {
        var first = await NotifyAsync("steward", "/Repairs/Details/" + Guid.NewGuid());
        await NotifyAsync("steward", "/Repairs/Details/" + Guid.NewGuid());
        using var steward = await PortalClient.SignedInAsync(App, "steward");
        var unread = await UnreadAsync("steward");
        Assert.True(unread >= 2);
        Assert.Equal(unread.ToString(System.Globalization.CultureInfo.InvariantCulture), await BadgeAsync(steward));

        var page = await steward.GetDocumentAsync("/Notifications");
        var item = page.QuerySelector($"li[data-id='{first}']")!;
        Assert.Contains("notification-unread", item.ClassName);
        Assert.Contains("BX20261122-0007「电话回复」超时未处理（截止 2026-11-22 10:15），已升级至客服主管", item.TextContent);

        var token = await steward.AntiforgeryTokenAsync("/Notifications");
        var marked = await steward.PostAsync($"/Notifications/MarkRead/{first}", [new(PortalClient.TokenField, token)]);
        Assert.Equal(HttpStatusCode.Redirect, marked.StatusCode);
        Assert.Equal(unread - 1, await UnreadAsync("steward"));
        Assert.DoesNotContain("notification-unread", (await steward.GetDocumentAsync("/Notifications")).QuerySelector($"li[data-id='{first}']")!.ClassName);

        var all = await steward.PostAsync("/Notifications/MarkAllRead", [new(PortalClient.TokenField, token)]);
        Assert.Equal(HttpStatusCode.Redirect, all.StatusCode);
        Assert.Equal(0, await UnreadAsync("steward"));
        Assert.Null(await BadgeAsync(steward));
    }

    [Fact]
    public async Task Opening_a_notification_marks_it_read_and_goes_to_its_case()
    {
        var link = "/Repairs/Details/" + Guid.NewGuid();
        var id = await NotifyAsync("technician", link);
        using var technician = await PortalClient.SignedInAsync(App, "technician");

        var opened = await technician.GetAsync($"/Notifications/Open/{id}");

        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal(link, opened.RedirectPath());
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        Assert.NotNull(await db.Notifications.Where(n => n.Id == id).Select(n => n.ReadAt).SingleAsync(Ct));
    }

    [Fact]
    public async Task A_user_cannot_read_or_mark_someone_elses_notification()
    {
        var id = await NotifyAsync("supervisor", "/Repairs/Details/" + Guid.NewGuid());
        using var frontdesk = await PortalClient.SignedInAsync(App, "frontdesk");
        var token = await frontdesk.AntiforgeryTokenAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await frontdesk.PostAsync($"/Notifications/MarkRead/{id}", [new(PortalClient.TokenField, token)])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await frontdesk.GetAsync($"/Notifications/Open/{id}")).StatusCode);
        Assert.DoesNotContain($"data-id=\"{id}\"", await (await frontdesk.GetAsync("/Notifications")).Content.ReadAsStringAsync(Ct));
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        Assert.Null(await db.Notifications.Where(n => n.Id == id).Select(n => n.ReadAt).SingleAsync(Ct));
    }

    [Fact]
    public async Task A_message_for_a_channel_that_is_not_configured_is_dead_at_once_with_a_clear_reason()
    {
        var user = await SlaTestData.UserIdAsync(App, "manager");
        var key = "test:sms:" + Guid.NewGuid().ToString("N");
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            db.OutboxMessages.Add(new OutboxMessage(key, "Sms", user, null, NotificationKinds.SlaBreach, "[]", null, App.Clock.UtcNow.AddSeconds(-1)));
            await db.SaveChangesAsync(Ct);
        }

        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(Ct);
        }

        using var check = App.CreateDbContext(SystemPropertyScope.Instance);
        var message = await check.OutboxMessages.SingleAsync(m => m.DedupKey == key, Ct);
        Assert.Null(message.NextAttemptAt);
        Assert.NotNull(message.ProcessedAt);
        Assert.Equal(DeliveryState.Dead, message.State);
        Assert.Equal(0, message.Attempts);
        Assert.Equal("ChannelNotConfigured:Sms", message.LastError);
        Assert.False(await check.Notifications.AnyAsync(n => n.OutboxMessageId == message.Id, Ct));
    }
}

public sealed class SqliteNotificationCentreTests(SqlitePortalFactory factory) : NotificationCentreTests(factory), IClassFixture<SqlitePortalFactory>;

public sealed class PostgresNotificationCentreTests(PostgresPortalFactory factory) : NotificationCentreTests(factory), IClassFixture<PostgresPortalFactory>;
