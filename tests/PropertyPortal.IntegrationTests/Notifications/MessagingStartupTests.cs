using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PropertyPortal.Domain.Notifications;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.Web.Features.Fees;
using PropertyPortal.Web.Features.Notifications;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.IntegrationTests.Notifications;

/// <summary>
/// A channel named in the settings but not built, or built but not configured, stops the portal at start-up
/// with a message saying what to set — instead of its messages failing one by one. With nothing configured,
/// nothing changes: the bell only, and no household is messaged.
/// </summary>
public sealed class MessagingStartupTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class ConfiguredPortal(Dictionary<string, string> settings) : SqlitePortalFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Scheduler:Enabled", "false");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }

    private static async Task<string> StartupErrorAsync(Dictionary<string, string> settings)
    {
        await using var portal = new ConfiguredPortal(settings);
        await portal.InitializeAsync();
        var error = Record.Exception(() => portal.Services);
        Assert.NotNull(error);
        return error is AggregateException a ? string.Join(" ", a.Flatten().InnerExceptions.Select(e => e.Message)) : error.Message;
    }

    [Fact]
    public async Task A_channel_that_is_not_built_stops_the_start_with_the_list_of_built_ones()
    {
        var message = await StartupErrorAsync(new() { ["Notifications:Channels:0"] = "InApp", ["Notifications:Channels:1"] = "Fax" });
        Assert.Contains("Notifications:Channels names 'Fax', which is not a built channel. Built channels: InApp, Email, Sms, WeChatWork.", message);
    }

    [Fact]
    public async Task A_channel_named_but_not_configured_stops_the_start_saying_what_to_set()
    {
        var message = await StartupErrorAsync(new() { ["Notifications:Channels:0"] = "InApp", ["Notifications:Channels:1"] = "Sms" });
        Assert.Contains("Notifications:Channels names 'Sms', which is not configured: set Notifications:Sms:Provider (Aliyun), AccessKeyId, AccessKeySecret, SignName", message);
    }

    [Fact]
    public async Task An_SMS_provider_without_an_adapter_or_without_its_secret_stops_the_start()
    {
        var unknown = await StartupErrorAsync(new() { ["Notifications:Sms:Provider"] = "Tencent", ["Notifications:Sms:AccessKeyId"] = "id", ["Notifications:Sms:AccessKeySecret"] = "s", ["Notifications:Sms:SignName"] = "物业" });
        Assert.Contains("Notifications:Sms:Provider is 'Tencent', which is not built. Built SMS providers: Aliyun.", unknown);

        var secretless = await StartupErrorAsync(new() { ["Notifications:Sms:Provider"] = "Aliyun", ["Notifications:Sms:AccessKeyId"] = "id", ["Notifications:Sms:SignName"] = "物业" });
        Assert.Contains("Notifications:Sms:AccessKeySecret is empty", secretless);

        var sender = await StartupErrorAsync(new() { ["Notifications:Email:Host"] = "smtp.example.com", ["Notifications:Email:From"] = "not an address" });
        Assert.Contains("Notifications:Email:From 'not an address' is not a sender address", sender);
    }

    [Fact]
    public async Task With_nothing_configured_staff_get_the_bell_only_and_households_nothing()
    {
        await using var portal = new ConfiguredPortal([]);
        await portal.InitializeAsync();
        var channels = portal.Services.GetRequiredService<NotificationChannels>();
        Assert.Equal([NotificationChannels.InApp], channels.Enabled);
        Assert.False(channels.HouseholdMessaging);
        Assert.False(channels.IsAvailable(NotificationChannels.Sms));
        Assert.True(channels.IsAvailable(NotificationChannels.WeChatWork));
        Assert.Equal(RetryPolicy.Default, portal.Services.GetRequiredService<IOptions<MessagingOptions>>().Value.Retry);

        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var customer = await db.Customers.Where(c => c.Phone != null).Select(c => c.Id).FirstAsync(Ct);
        Assert.False(await scope.ServiceProvider.GetRequiredService<Notifier>().EnqueueToHouseholdAsync(customer, "t:none", NotificationKinds.DunningReminder, ["a"], null, Ct));
        Assert.Empty(db.ChangeTracker.Entries<OutboxMessage>());
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<HouseholdMessages>().QueuePaymentNoticesAsync(Guid.NewGuid(), Guid.NewGuid(), new Domain.Fees.BillingPeriod(2026, 1), Ct));

        // Every kind has its template row, seeded at start-up.
        Assert.Equal(NotificationCatalog.All.Count, await db.MessageTemplates.CountAsync(Ct));
    }
}
