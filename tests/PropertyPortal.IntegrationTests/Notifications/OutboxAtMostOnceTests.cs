using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Fees;
using PropertyPortal.Domain.Notifications;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.IntegrationTests.Notifications.Fakes;
using PropertyPortal.Web.Features.Fees;
using PropertyPortal.Web.Features.Notifications;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Seeding;

namespace PropertyPortal.IntegrationTests.Notifications;

/// <summary>
/// At most once, the hard way: two portals dispatching the same outbox at the same moment, and a portal
/// process killed with SIGKILL while the SMS provider holds its request — alone, and in the middle of a
/// billing run's batch that the surviving instance then finishes. Nobody gets a message twice; a send whose
/// fate its dead instance took with it is "unknown", never resent on its own.
/// </summary>
public abstract class OutboxAtMostOnceTests
{
    private readonly IMessagingPortal messaging;

    /// <summary>The instances started as processes run on real time: so does the test's portal, from each test's start.</summary>
    protected OutboxAtMostOnceTests(IMessagingPortal messaging)
    {
        this.messaging = messaging;
        messaging.Portal.Clock.Set(DateTime.UtcNow);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Sends everything due, however many rounds the dispatcher's batch size takes.</summary>
    private async Task DrainAsync()
    {
        for (var round = 0; round < 100; round++)
        {
            await using var scope = App.Services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(Ct);
            if (result.Delivered + result.Failed + result.Held + result.Skipped + result.Unknown == 0)
            {
                return;
            }
        }
    }

    private PortalFactory App
    {
        get
        {
            messaging.Portal.EnsureAvailable();
            return messaging.Portal;
        }
    }

    private FakeProviders Providers => messaging.Providers;

    /// <summary>The separate processes run on real time, in which quiet hours may have begun: they are off for these tests.</summary>
    private async Task NoQuietHoursAsync()
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        var settings = await db.MessagingSettings.FirstOrDefaultAsync(Ct);
        if (settings is null)
        {
            settings = new MessagingSettings();
            db.MessagingSettings.Add(settings);
        }

        settings.Update(new TimeOnly(0, 0), new TimeOnly(0, 0));
        await db.SaveChangesAsync(Ct);
    }

    /// <summary>Queues a reminder to every household of both properties that has a mobile number; returns the rows.</summary>
    private async Task<List<OutboxMessage>> QueueToEveryHouseholdAsync(string tag)
    {
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var notifier = scope.ServiceProvider.GetRequiredService<Notifier>();
            var ids = await db.Customers.AsNoTracking().Where(c => c.Phone != null).Select(c => c.Id).ToListAsync(Ct);
            var contacts = await notifier.HouseholdContactsAsync(ids, Ct);
            foreach (var contact in contacts.Values.Where(c => !c.OptedOut))
            {
                notifier.EnqueueToHousehold(contact, $"{tag}:{contact.CustomerId:N}", NotificationKinds.DunningReminder, [contact.Name, "1-1-101", "100.00", "2026-10-31"],
                    null, DeliveryPriority.Bulk, tag);
            }

            await db.SaveChangesAsync(Ct);
        }

        using var check = App.CreateDbContext(SystemPropertyScope.Instance);
        return await check.OutboxMessages.AsNoTracking().Where(m => m.Batch == tag && m.Channel == NotificationChannels.Sms).ToListAsync(Ct);
    }

    private async Task<List<OutboxMessage>> BatchAsync(string batch)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await db.OutboxMessages.AsNoTracking().Where(m => m.Batch == batch && m.Channel == NotificationChannels.Sms).ToListAsync(Ct);
    }

    private Dictionary<string, int> CallsByOutId() => Providers.Sms.GroupBy(c => c.OutId).ToDictionary(g => g.Key, g => g.Count());

    [Fact]
    public async Task Two_portals_dispatching_the_same_outbox_at_once_send_every_SMS_exactly_once()
    {
        await NoQuietHoursAsync();

        // The second portal starts first (its start-up may queue messages of its own); then whatever is due is
        // sent, so that what the two send below is this batch only.
        await using var second = new SecondInstance(App, Providers, messaging.Smtp);
        _ = second.Server;
        await DrainAsync();
        var rows = await QueueToEveryHouseholdAsync("race:" + Guid.NewGuid().ToString("N")[..8]);
        Assert.True(rows.Count > 100, $"only {rows.Count} households to text");

        // A provider slow enough for the two to overlap all the way through.
        Providers.SmsReply = _ => Reply.Slow(TimeSpan.FromMilliseconds(15));
        try
        {
            using var gate = new SemaphoreSlim(0);
            var runs = new[] { App.Services, second.Services }.Select(services => Task.Run(async () =>
            {
                await gate.WaitAsync(Ct);
                await using var scope = services.CreateAsyncScope();
                return await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(Ct);
            }, Ct)).ToList();
            gate.Release(2);
            var results = await Task.WhenAll(runs);

            var calls = CallsByOutId();
            var after = await BatchAsync(rows[0].Batch!);
            Assert.All(after, r => Assert.Equal(DeliveryState.Sent, r.State));
            Assert.All(after, r => Assert.Equal(1, calls.GetValueOrDefault(r.IdempotencyKey)));
            // Every row of the batch went out by one of the two (messages other features queued meanwhile may go too).
            Assert.True(results.Sum(r => r.Delivered) >= rows.Count, $"{results.Sum(r => r.Delivered)} delivered for {rows.Count} rows");
            Assert.All(results, r => Assert.True(r.Delivered > 0, "both instances sent part of the batch"));
        }
        finally
        {
            Providers.SmsReply = _ => Reply.Ok;
        }
    }

    [Fact]
    public async Task A_portal_killed_while_the_provider_holds_its_SMS_leaves_a_lease_that_runs_out_into_unknown_and_the_household_got_it_once()
    {
        await NoQuietHoursAsync();
        Guid customer;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            customer = await db.Customers.Where(c => c.Phone != null && !c.MessagesOptedOut).OrderByDescending(c => c.Phone).Select(c => c.Id).FirstAsync(Ct);
        }

        var key = "kill:" + Guid.NewGuid().ToString("N");
        await using (var scope = App.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<Notifier>().EnqueueToHouseholdAsync(customer, key, NotificationKinds.DunningReminder,
                ["王先生", "1-1-101", "100.00", "2026-10-31"], null, Ct));
            await scope.ServiceProvider.GetRequiredService<PortalDbContext>().SaveChangesAsync(Ct);
        }

        using var check = App.CreateDbContext(SystemPropertyScope.Instance);
        var row = await check.OutboxMessages.AsNoTracking().SingleAsync(m => m.DedupKey.StartsWith(key), Ct);
        var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Providers.SmsReply = c => c.OutId == row.IdempotencyKey ? Reply.Hang() : Reply.Ok;
        Providers.OnSms = c =>
        {
            if (c.OutId == row.IdempotencyKey)
            {
                received.TrySetResult();
            }
        };
        try
        {
            await using var instance = PortalProcess.Start(App.Provider, App.ConnectionString, MessagingTestSettings.For(Providers, messaging.Smtp, leaseSeconds: 5));
            await WaitAsync(received.Task, instance, "the instance to hand the SMS to the provider");

            // The provider has the message; the instance dies before it hears back.
            await instance.KillAsync();
            var leased = await check.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == row.Id, Ct);
            Assert.Equal((DeliveryState.Sending, 1), (leased.State, leased.Attempts));

            // Another instance, once the lease has run out.
            App.Clock.Advance(TimeSpan.FromSeconds(6));
            await using (var scope = App.Services.CreateAsyncScope())
            {
                var result = await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(Ct);
                Assert.Equal(1, result.LeasesExpired);
            }

            var after = await check.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == row.Id, Ct);
            Assert.Equal((DeliveryState.Unknown, DeliveryReason.LeaseExpiredUnknown), (after.State, after.LastError));
            Assert.Equal(1, CallsByOutId()[row.IdempotencyKey]);

            App.Clock.Advance(TimeSpan.FromHours(1));
            await using (var scope = App.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(Ct);
            }

            Assert.Equal(1, CallsByOutId()[row.IdempotencyKey]);
        }
        finally
        {
            Providers.SmsReply = _ => Reply.Ok;
            Providers.OnSms = null;
        }
    }

    [Fact]
    public async Task A_billing_runs_SMS_batch_whose_instance_is_killed_midway_is_finished_by_another_and_nobody_gets_two()
    {
        await NoQuietHoursAsync();
        var runId = await BillAsync(new BillingPeriod(2026, 5));
        var batch = HouseholdMessages.BillingBatch(runId);
        var rows = await BatchAsync(batch);
        Assert.True(rows.Count > 100, $"only {rows.Count} SMS in the batch");

        // The provider takes the first 60; the 61st it holds, and then the instance is killed.
        var count = 0;
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Providers.SmsReply = c => Interlocked.Increment(ref count) > 60 ? Reply.Hang() : Reply.Ok;
        Providers.OnSms = _ =>
        {
            if (Volatile.Read(ref count) >= 60)
            {
                held.TrySetResult();
            }
        };
        try
        {
            await using (var instance = PortalProcess.Start(App.Provider, App.ConnectionString, MessagingTestSettings.For(Providers, messaging.Smtp, leaseSeconds: 5, smsRate: 20)))
            {
                await WaitAsync(held.Task, instance, "60 SMS of the batch to reach the provider");
                await instance.KillAsync();
            }

            var killed = await BatchAsync(batch);
            var sentBefore = killed.Count(r => r.State == DeliveryState.Sent);
            var inFlight = killed.Count(r => r.State == DeliveryState.Sending);
            Assert.InRange(sentBefore, 1, 60);
            Assert.InRange(inFlight, 1, 8);

            // The surviving instance: after the lease, it finishes the batch.
            Providers.SmsReply = _ => Reply.Ok;
            App.Clock.Advance(TimeSpan.FromSeconds(6));
            await using (var scope = App.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(Ct);
            }

            var after = await BatchAsync(batch);
            var calls = CallsByOutId();
            Assert.All(after, r => Assert.Contains(r.State, new[] { DeliveryState.Sent, DeliveryState.Unknown }));
            Assert.Equal(inFlight, after.Count(r => r.State == DeliveryState.Unknown));
            Assert.All(after.Where(r => r.State == DeliveryState.Sent), r => Assert.Equal(1, calls.GetValueOrDefault(r.IdempotencyKey)));
            Assert.All(after, r => Assert.InRange(calls.GetValueOrDefault(r.IdempotencyKey), 0, 1));
            Assert.Equal(rows.Count - inFlight, after.Count(r => r.State == DeliveryState.Sent));
        }
        finally
        {
            Providers.SmsReply = _ => Reply.Ok;
            Providers.OnSms = null;
        }
    }

    private static async Task WaitAsync(Task signal, PortalProcess instance, string what)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (!signal.IsCompleted)
        {
            Assert.False(instance.HasExited, $"The instance exited before {what}:\n{instance.Output}");
            Assert.True(DateTime.UtcNow < deadline, $"Waited 3 minutes for {what}:\n{instance.Output}");
            await Task.WhenAny(signal, Task.Delay(250, Ct));
        }
    }

    private async Task<Guid> BillAsync(BillingPeriod period)
    {
        Guid property;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            property = (await db.Properties.SingleAsync(p => p.Code == DemoSeeder.ResidentialCode, Ct)).Id;
            if (!await db.FeeItems.AnyAsync(i => i.PropertyId == property && i.Name == "短信测试物业费", Ct))
            {
                var item = new FeeItem(property, "短信测试物业费", FeeKind.PerArea, null, null, 1);
                item.SetRate(new DateOnly(2025, 1, 1), 2.35m);
                db.FeeItems.Add(item);
                await db.SaveChangesAsync(Ct);
            }
        }

        await using var scope = App.Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<BillingService>().RunAsync(property, period, new Actor(null, "test"), Ct);
        return outcome.RunId!.Value;
    }

    /// <summary>A second portal on the first one's database, with the same providers: another instance behind the load balancer.</summary>
    private sealed class SecondInstance(PortalFactory first, FakeProviders providers, TestSmtpServer smtp) : PortalFactory
    {
        public override DatabaseProvider Provider => first.Provider;

        public override string ConnectionString => first.ConnectionString;

        protected override bool SeedDemo => false;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Database:MigrateOnStartup", "false");
            builder.UseSetting("Scheduler:Enabled", "false");
            foreach (var (key, value) in MessagingTestSettings.For(providers, smtp))
            {
                builder.UseSetting(key, value);
            }
        }
    }
}

public sealed class SqliteOutboxAtMostOnceTests(SqliteMessagingPortalFactory factory) : OutboxAtMostOnceTests(factory), IClassFixture<SqliteMessagingPortalFactory>;

public sealed class PostgresOutboxAtMostOnceTests(PostgresMessagingPortalFactory factory) : OutboxAtMostOnceTests(factory), IClassFixture<PostgresMessagingPortalFactory>;
