using Microsoft.AspNetCore.Hosting;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.IntegrationTests.Notifications.Fakes;

namespace PropertyPortal.IntegrationTests.Notifications;

/// <summary>
/// The demo portal with every channel configured against providers running inside the test: an SMTP server,
/// and a local HTTP server playing Alibaba Cloud SMS and the WeChat Work robot. The scheduler is off: what is
/// sent is what the test dispatches.
/// </summary>
public static class MessagingTestSettings
{
    public const string SignName = "翠湖物业";
    public const string From = "翠湖物业客服中心 <service@cuihu.example>";

    public static readonly IReadOnlyDictionary<string, string> TemplateCodes = new Dictionary<string, string>
    {
        ["PaymentNotice"] = "SMS_900001",
        ["DunningReminder"] = "SMS_900002",
        ["DunningSecondReminder"] = "SMS_900003",
        ["OutageNotice"] = "SMS_900004",
        ["SlaEscalated"] = "SMS_900005",
        ["RepairAccepted"] = "SMS_900011",
        ["RepairTechnicianAssigned"] = "SMS_900012",
        ["RepairCompleted"] = "SMS_900013",
        ["CallbackRequest"] = "SMS_900014",
        ["ComplaintReplied"] = "SMS_900015",
        ["RenovationApprovedForHousehold"] = "SMS_900016",
        ["MoveInBooked"] = "SMS_900017",
        ["StewardIntroduction"] = "SMS_900018",
        ["NoticeToHousehold"] = "SMS_900019",
        ["EventInvitation"] = "SMS_900020",
        ["ResidentSignInCode"] = "SMS_900021",
    };

    /// <summary>As appsettings and environment variables would say it (Notifications:…).</summary>
    public static Dictionary<string, string> For(FakeProviders providers, TestSmtpServer smtp, int leaseSeconds = 5, double smsRate = 1000)
    {
        var settings = new Dictionary<string, string>
        {
            ["Notifications:Email:Host"] = "127.0.0.1",
            ["Notifications:Email:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Notifications:Email:Security"] = "None",
            ["Notifications:Email:UserName"] = TestSmtpServer.UserName,
            ["Notifications:Email:Password"] = TestSmtpServer.Password,
            ["Notifications:Email:From"] = From,
            ["Notifications:Email:TimeoutSeconds"] = "2",
            ["Notifications:Email:RatePerSecond"] = "1000",
            ["Notifications:Sms:Provider"] = "Aliyun",
            ["Notifications:Sms:Endpoint"] = providers.SmsEndpoint,
            ["Notifications:Sms:AccessKeyId"] = FakeProviders.AccessKeyId,
            ["Notifications:Sms:AccessKeySecret"] = FakeProviders.AccessKeySecret,
            ["Notifications:Sms:SignName"] = SignName,
            ["Notifications:Sms:RatePerSecond"] = smsRate.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Notifications:Sms:TimeoutSeconds"] = "2",
            ["Notifications:WeChatWork:Endpoint"] = providers.WeChatEndpoint,
            ["Notifications:WeChatWork:TimeoutSeconds"] = "2",
            ["Notifications:WeChatWork:RatePerMinute"] = "6000",
            ["Notifications:LeaseSeconds"] = leaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Notifications:MaxAttempts"] = "3",
            ["Notifications:RetryBaseSeconds"] = "60",
            ["Notifications:RetryMaxSeconds"] = "600",
            ["Notifications:PublicBaseUrl"] = "https://portal.cuihu.example",
        };
        foreach (var (kind, code) in TemplateCodes)
        {
            settings[$"Notifications:Sms:Templates:{kind}"] = code;
        }

        return settings;
    }
}

/// <summary>What the messaging tests need of their factory: the portal plus its fake providers.</summary>
public interface IMessagingPortal
{
    PortalFactory Portal { get; }

    FakeProviders Providers { get; }

    TestSmtpServer Smtp { get; }
}

public class SqliteMessagingPortalFactory : SqlitePortalFactory, IMessagingPortal
{
    private FakeProviders? _providers;
    private readonly TestSmtpServer _smtp = new();

    public PortalFactory Portal => this;

    public FakeProviders Providers => _providers!;

    public TestSmtpServer Smtp => _smtp;

    public override async ValueTask InitializeAsync()
    {
        _providers = await FakeProviders.StartAsync();
        await base.InitializeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Scheduler:Enabled", "false");
        foreach (var (key, value) in MessagingTestSettings.For(Providers, Smtp))
        {
            builder.UseSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_providers is not null)
        {
            await _providers.DisposeAsync();
        }

        await _smtp.DisposeAsync();
    }
}

public class PostgresMessagingPortalFactory : PostgresPortalFactory, IMessagingPortal
{
    private FakeProviders? _providers;
    private readonly TestSmtpServer _smtp = new();

    public PortalFactory Portal => this;

    public FakeProviders Providers => _providers!;

    public TestSmtpServer Smtp => _smtp;

    public override async ValueTask InitializeAsync()
    {
        _providers = await FakeProviders.StartAsync();
        await base.InitializeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Scheduler:Enabled", "false");
        foreach (var (key, value) in MessagingTestSettings.For(Providers, Smtp))
        {
            builder.UseSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_providers is not null)
        {
            await _providers.DisposeAsync();
        }

        await _smtp.DisposeAsync();
    }
}
