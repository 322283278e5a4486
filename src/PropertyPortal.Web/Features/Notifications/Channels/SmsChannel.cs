using Microsoft.Extensions.Options;
using PropertyPortal.Domain.Notifications;

namespace PropertyPortal.Web.Features.Notifications;

/// <summary>One templated SMS to one number, as every Chinese provider takes it: the approved signature and
/// template code, and the template's parameters in the order the text names them.</summary>
public sealed record SmsRequest(string PhoneNumber, string SignName, string TemplateCode, IReadOnlyList<KeyValuePair<string, string>> Parameters, string OutId);

/// <summary>
/// A Chinese SMS provider's API (Alibaba Cloud's SendSms today; Tencent Cloud's SendSms fits the same
/// shape: SmsSdkAppId + TemplateId + TemplateParamSet in order + SessionContext). Returns the provider's
/// id of the send; throws <see cref="DeliveryException"/> saying whether to retry.
/// </summary>
public interface ISmsProvider
{
    /// <summary>As Notifications:Sms:Provider names it.</summary>
    string Name { get; }

    /// <summary>Whether the provider deduplicates a repeated request by <see cref="SmsRequest.OutId"/> (Alibaba Cloud: no).</summary>
    bool Idempotent { get; }

    Task<string> SendAsync(SmsRequest request, CancellationToken ct);
}

/// <summary>
/// SMS through the configured provider. Chinese carriers only deliver approved templates, so the portal
/// sends the kind's template code (Notifications:Sms:Templates:{Kind}) and its parameters; the admin's
/// text of the kind must say what the registered template says, and is what the parts are counted on.
/// </summary>
public sealed class SmsChannel(IOptions<MessagingOptions> options, IEnumerable<ISmsProvider> providers) : INotificationChannel
{
    private readonly SmsOptions _o = options.Value.Sms;
    private readonly ISmsProvider? _provider = providers.FirstOrDefault(p => p.Name == options.Value.Sms.Provider);

    public string Name => NotificationChannels.Sms;

    public bool Idempotent => _provider?.Idempotent ?? false;

    public async Task<DeliveryReceipt> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        if (_provider is null)
        {
            throw new DeliveryException(FailureKind.Permanent, DeliveryReason.ChannelNotConfigured + ":" + Name);
        }

        if (!_o.Templates.TryGetValue(message.Row.Kind, out var code) || string.IsNullOrWhiteSpace(code))
        {
            throw new DeliveryException(FailureKind.Permanent, DeliveryReason.With(DeliveryReason.NoTemplateCode, message.Row.Kind));
        }

        var id = await _provider.SendAsync(new SmsRequest(message.Address, _o.SignName!, code, message.Content.Parameters, message.IdempotencyKey), ct);
        return new DeliveryReceipt(id, SmsSegments.Count(_o.SignName!, message.Content.Text));
    }
}
