using Microsoft.AspNetCore.Hosting;
using PropertyPortal.IntegrationTests.Notifications.Fakes;

namespace PropertyPortal.BrowserTests.Infrastructure;

/// <summary>
/// The portal and browser of <see cref="PortalServer"/>, with SMS configured against the test SMS provider (the notification
/// tests' <see cref="FakeProviders"/>): a household's sign-in code arrives there, sent by the real outbox job.
/// </summary>
public sealed class SmsPortalServer : PortalServer
{
    public const string SignInTemplate = "SMS_900021";

    private FakeProviders? _providers;

    public FakeProviders Providers => _providers!;

    public override async ValueTask InitializeAsync()
    {
        _providers = await FakeProviders.StartAsync();
        await base.InitializeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Notifications:Sms:Provider", "Aliyun");
        builder.UseSetting("Notifications:Sms:Endpoint", Providers.SmsEndpoint);
        builder.UseSetting("Notifications:Sms:AccessKeyId", FakeProviders.AccessKeyId);
        builder.UseSetting("Notifications:Sms:AccessKeySecret", FakeProviders.AccessKeySecret);
        builder.UseSetting("Notifications:Sms:SignName", "翠湖物业");
        builder.UseSetting("Notifications:Sms:Templates:ResidentSignInCode", SignInTemplate);
        builder.UseSetting("Scheduler:OutboxSeconds", "1");
    }

    /// <summary>The newest sign-in code the provider received for <paramref name="phone"/>, waiting for the outbox job to send it.</summary>
    public async Task<string> CodeForAsync(string phone)
    {
        for (var i = 0; i < 150; i++)
        {
            if (Providers.Sms.Where(s => s.PhoneNumbers == phone && s.TemplateCode == SignInTemplate).Select(s => s.TemplateParam.GetValueOrDefault("code")).LastOrDefault() is { } code)
            {
                return code;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"No sign-in code reached the SMS provider for {phone} in 30 s.");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_providers is not null)
        {
            await _providers.DisposeAsync();
        }
    }
}
