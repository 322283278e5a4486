using Microsoft.Extensions.Options;
using MimeKit;
using PropertyPortal.Domain.Notifications;

namespace PropertyPortal.Web.Features.Notifications;

/// <summary>
/// The "Notifications" section: which channels staff notifications go out on, each external channel's
/// provider settings, and the outbox's retry, lease and throughput. Secrets (SMS access key secret,
/// SMTP password) come from environment variables (Notifications__Sms__AccessKeySecret …).
/// </summary>
public sealed class MessagingOptions
{
    public const string Section = "Notifications";

    /// <summary>Channels every staff notification goes out on (default: the bell only).</summary>
    public string[]? Channels { get; set; }

    public EmailOptions Email { get; set; } = new();
    public SmsOptions Sms { get; set; } = new();
    public WeChatWorkOptions WeChatWork { get; set; } = new();

    /// <summary>Attempts before a failing send is dead.</summary>
    public int MaxAttempts { get; set; } = RetryPolicy.Default.MaxAttempts;

    /// <summary>Wait after the first failure; doubled after each further one.</summary>
    public int RetryBaseSeconds { get; set; } = (int)RetryPolicy.Default.BaseDelay.TotalSeconds;

    public int RetryMaxSeconds { get; set; } = (int)RetryPolicy.Default.MaxDelay.TotalSeconds;

    /// <summary>How long a claimed send stays with its dispatcher; longer than any provider timeout.</summary>
    public int LeaseSeconds { get; set; } = 120;

    /// <summary>Sends in flight at once per dispatcher.</summary>
    public int Parallelism { get; set; } = 8;

    /// <summary>Rows a dispatcher reads at a time.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>How long one run of the outbox job keeps sending before it hands over to the next run.</summary>
    public int MaxRunSeconds { get; set; } = 50;

    /// <summary>The portal's public address (https://portal.example.com), for links in e-mail and WeChat Work; none when empty.</summary>
    public string? PublicBaseUrl { get; set; }

    public IReadOnlyList<string> StaffChannels => Channels is { Length: > 0 } c ? c : [NotificationChannels.InApp];

    public RetryPolicy Retry => new(MaxAttempts, TimeSpan.FromSeconds(RetryBaseSeconds), TimeSpan.FromSeconds(RetryMaxSeconds));

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);
}

public sealed class EmailOptions
{
    /// <summary>The SMTP server; e-mail is off while it is empty.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 465;

    /// <summary>MailKit's SecureSocketOptions: None, Auto, SslOnConnect (465), StartTls (587), StartTlsWhenAvailable.</summary>
    public string Security { get; set; } = "Auto";

    public string? UserName { get; set; }
    public string? Password { get; set; }

    /// <summary>Sender, e.g. "翠湖物业客服中心 &lt;service@example.com&gt;".</summary>
    public string? From { get; set; }

    public int TimeoutSeconds { get; set; } = 30;
    public double RatePerSecond { get; set; } = 5;

    public bool Configured => !string.IsNullOrWhiteSpace(Host);
}

public sealed class SmsOptions
{
    /// <summary>The SMS provider adapter (Aliyun); SMS is off while it is empty.</summary>
    public string? Provider { get; set; }

    public string Endpoint { get; set; } = "https://dysmsapi.aliyuncs.com/";
    public string? AccessKeyId { get; set; }
    public string? AccessKeySecret { get; set; }
    public string RegionId { get; set; } = "cn-hangzhou";

    /// <summary>The approved signature (签名), e.g. 翠湖物业; it counts towards the 70 characters.</summary>
    public string? SignName { get; set; }

    /// <summary>The provider's approved template code per kind, e.g. Templates:PaymentNotice = SMS_123456789.</summary>
    public Dictionary<string, string> Templates { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The provider's rate limit for this account (sends per second).</summary>
    public double RatePerSecond { get; set; } = 100;

    public int TimeoutSeconds { get; set; } = 10;

    public bool Configured => !string.IsNullOrWhiteSpace(Provider);
}

public sealed class WeChatWorkOptions
{
    /// <summary>The group robot's webhook; the key per property is set on 系统设置 → 消息发送 → 设置.</summary>
    public string Endpoint { get; set; } = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send";

    /// <summary>WeChat Work allows a robot 20 messages a minute.</summary>
    public double RatePerMinute { get; set; } = 20;

    public int TimeoutSeconds { get; set; } = 10;
}

/// <summary>
/// An SMS adapter that is built in, by the name Notifications:Sms:Provider uses. Registered beside the adapter
/// (the validator cannot ask the adapters themselves: they need the options it validates).
/// </summary>
public sealed record SmsProviderRegistration(string Name);

/// <summary>
/// Fails the start (ValidateOnStart) when the section names a channel that is not built, a channel that is
/// not configured, an SMS provider without its adapter, or a provider without its credentials: a clear
/// message at start-up instead of sends failing one by one for ever.
/// </summary>
public sealed class MessagingOptionsValidator(IEnumerable<SmsProviderRegistration> smsProviders) : IValidateOptions<MessagingOptions>
{
    public ValidateOptionsResult Validate(string? name, MessagingOptions o)
    {
        var errors = new List<string>();
        foreach (var channel in o.StaffChannels)
        {
            if (!NotificationChannels.Built.Contains(channel, StringComparer.Ordinal))
            {
                errors.Add($"Notifications:Channels names '{channel}', which is not a built channel. Built channels: {string.Join(", ", NotificationChannels.Built)}.");
            }
            else if (!NotificationChannels.IsConfigured(o, channel))
            {
                errors.Add($"Notifications:Channels names '{channel}', which is not configured: {NotificationChannels.HowToConfigure(channel)}");
            }
        }

        if (o.Sms.Configured)
        {
            var providers = smsProviders.Select(p => p.Name).ToList();
            if (!providers.Contains(o.Sms.Provider!, StringComparer.Ordinal))
            {
                errors.Add($"Notifications:Sms:Provider is '{o.Sms.Provider}', which is not built. Built SMS providers: {string.Join(", ", providers)}.");
            }

            foreach (var (value, key) in new[] { (o.Sms.AccessKeyId, "AccessKeyId"), (o.Sms.AccessKeySecret, "AccessKeySecret"), (o.Sms.SignName, "SignName") })
            {
                if (string.IsNullOrWhiteSpace(value))
                {
                    errors.Add($"Notifications:Sms:{key} is empty; SMS through {o.Sms.Provider} needs it (environment variable Notifications__Sms__{key}).");
                }
            }

            if (!IsHttpUrl(o.Sms.Endpoint))
            {
                errors.Add($"Notifications:Sms:Endpoint '{o.Sms.Endpoint}' is not an http(s) address.");
            }

            if (o.Sms.RatePerSecond <= 0 || o.Sms.TimeoutSeconds <= 0)
            {
                errors.Add("Notifications:Sms:RatePerSecond and TimeoutSeconds must be positive.");
            }

            foreach (var kind in o.Sms.Templates.Keys.Where(k => NotificationCatalog.Find(k) is null))
            {
                errors.Add($"Notifications:Sms:Templates names '{kind}', which is not a kind of notification.");
            }
        }

        if (o.Email.Configured)
        {
            if (string.IsNullOrWhiteSpace(o.Email.From) || !MailboxAddress.TryParse(o.Email.From, out _))
            {
                errors.Add($"Notifications:Email:From '{o.Email.From}' is not a sender address (e.g. 物业客服 <service@example.com>).");
            }

            if (o.Email.Port is < 1 or > 65535)
            {
                errors.Add($"Notifications:Email:Port {o.Email.Port} is not a port.");
            }

            if (!Enum.TryParse<MailKit.Security.SecureSocketOptions>(o.Email.Security, ignoreCase: true, out _))
            {
                errors.Add($"Notifications:Email:Security '{o.Email.Security}' is not one of None, Auto, SslOnConnect, StartTls, StartTlsWhenAvailable.");
            }

            if (o.Email.RatePerSecond <= 0 || o.Email.TimeoutSeconds <= 0)
            {
                errors.Add("Notifications:Email:RatePerSecond and TimeoutSeconds must be positive.");
            }
        }

        if (!IsHttpUrl(o.WeChatWork.Endpoint) || o.WeChatWork.RatePerMinute <= 0 || o.WeChatWork.TimeoutSeconds <= 0)
        {
            errors.Add("Notifications:WeChatWork needs an http(s) Endpoint and positive RatePerMinute and TimeoutSeconds.");
        }

        if (o.MaxAttempts < 1 || o.RetryBaseSeconds < 1 || o.RetryMaxSeconds < o.RetryBaseSeconds || o.Parallelism < 1 || o.BatchSize < 1 || o.MaxRunSeconds < 1)
        {
            errors.Add("Notifications: MaxAttempts, RetryBaseSeconds, Parallelism, BatchSize and MaxRunSeconds must be positive, RetryMaxSeconds at least RetryBaseSeconds.");
        }

        var longest = new[] { o.Sms.TimeoutSeconds, o.Email.TimeoutSeconds, o.WeChatWork.TimeoutSeconds }.Max();
        if (o.LeaseSeconds <= longest)
        {
            errors.Add($"Notifications:LeaseSeconds ({o.LeaseSeconds}) must be longer than the longest provider timeout ({longest} s), or live sends would be taken for dead ones.");
        }

        if (!string.IsNullOrWhiteSpace(o.PublicBaseUrl) && !IsHttpUrl(o.PublicBaseUrl))
        {
            errors.Add($"Notifications:PublicBaseUrl '{o.PublicBaseUrl}' is not an http(s) address.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsHttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
