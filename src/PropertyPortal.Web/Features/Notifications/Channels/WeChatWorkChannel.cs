using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace PropertyPortal.Web.Features.Notifications;

/// <summary>
/// A WeChat Work (企业微信) group robot: a markdown message to a property's team chat, posted to the
/// robot's webhook with the property's key (the row's address). errcode 0 is sent; 45009 (too many
/// messages — a robot takes 20 a minute) and -1 (busy) are retried; any other error (a key that is
/// wrong or revoked) is permanent. No idempotency key exists: a timeout is unknown.
/// </summary>
public sealed class WeChatWorkChannel(HttpClient http, IOptions<MessagingOptions> options) : INotificationChannel
{
    /// <summary>WeChat Work's limit for a markdown message's content, in UTF-8 bytes.</summary>
    public const int MaxContentBytes = 4096;

    private readonly WeChatWorkOptions _o = options.Value.WeChatWork;

    public string Name => NotificationChannels.WeChatWork;

    public bool Idempotent => false;

    public static string Markdown(RenderedMessage content, string? link)
    {
        var text = $"### {content.Subject}\n{content.Text}" + (link is null ? "" : $"\n[查看详情]({link})");
        while (Encoding.UTF8.GetByteCount(text) > MaxContentBytes)
        {
            text = text[..(text.Length - 16)];
        }

        return text;
    }

    public async Task<DeliveryReceipt> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        var url = new Uri(_o.Endpoint + (_o.Endpoint.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "key=" + Uri.EscapeDataString(message.Address));
        var body = new { msgtype = "markdown", markdown = new { content = Markdown(message.Content, message.Link) } };
        HttpResponseMessage response;
        string text;
        try
        {
            response = await http.PostAsJsonAsync(url, body, ct);
            text = await response.Content.ReadAsStringAsync(ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            throw DeliveryException.FromHttp(ex, "WeChat Work");
        }

        using (response)
        {
            int? errcode = null;
            string? errmsg = null;
            try
            {
                using var doc = JsonDocument.Parse(text);
                if (doc.RootElement.TryGetProperty("errcode", out var c) && c.TryGetInt32(out var code))
                {
                    errcode = code;
                }

                errmsg = doc.RootElement.TryGetProperty("errmsg", out var m) ? m.GetString() : null;
            }
            catch (JsonException)
            {
            }

            if (response.IsSuccessStatusCode && errcode == 0)
            {
                return new DeliveryReceipt(null);
            }

            var retry = errcode is 45009 or -1 || (errcode is null && (int)response.StatusCode >= 500);
            throw new DeliveryException(retry ? FailureKind.Retryable : FailureKind.Permanent,
                $"WeChat Work {(int)response.StatusCode} errcode {errcode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}: {errmsg ?? (text.Length > 200 ? text[..200] : text)}");
        }
    }
}
