using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace PropertyPortal.Web.Features.Notifications;

/// <summary>
/// Alibaba Cloud SMS (短信服务) <c>SendSms</c>, API version 2017-05-25, over HTTPS with the RPC signature
/// (<see cref="AliyunSignature"/>). The endpoint is a setting, so tests point it at a local server.
/// Answers: Code "OK" with a BizId is sent; flow control, balance and the provider's own faults are
/// retried; any other code (a wrong number, a template or signature not approved, bad credentials) is
/// permanent. A timeout is unknown: SendSms has no idempotency key (OutId is only echoed in receipts).
/// </summary>
public sealed class AliyunSmsProvider(HttpClient http, IOptions<MessagingOptions> options, TimeProvider time) : ISmsProvider
{
    public const string ProviderName = "Aliyun";

    private static readonly string[] RetryableCodes =
        ["isv.BUSINESS_LIMIT_CONTROL", "isv.AMOUNT_NOT_ENOUGH", "isv.OUT_OF_SERVICE", "InternalError", "ServiceUnavailable"];

    private readonly SmsOptions _o = options.Value.Sms;

    public string Name => ProviderName;

    public bool Idempotent => false;

    public async Task<string> SendAsync(SmsRequest request, CancellationToken ct)
    {
        var parameters = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["AccessKeyId"] = _o.AccessKeyId!,
            ["Action"] = "SendSms",
            ["Format"] = "JSON",
            ["OutId"] = request.OutId,
            ["PhoneNumbers"] = request.PhoneNumber,
            ["RegionId"] = _o.RegionId,
            ["SignName"] = request.SignName,
            ["SignatureMethod"] = "HMAC-SHA1",

            // Fresh per request: the provider refuses a nonce it has seen in the last 15 minutes.
            ["SignatureNonce"] = Guid.NewGuid().ToString(),
            ["SignatureVersion"] = "1.0",
            ["TemplateCode"] = request.TemplateCode,
            ["TemplateParam"] = JsonSerializer.Serialize(request.Parameters.ToDictionary(p => p.Key, p => p.Value)),
            ["Timestamp"] = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["Version"] = "2017-05-25",
        };
        parameters["Signature"] = AliyunSignature.Sign("POST", parameters, _o.AccessKeySecret!);
        var body = string.Join("&", parameters.Select(p => AliyunSignature.PercentEncode(p.Key) + "=" + AliyunSignature.PercentEncode(p.Value)));

        HttpResponseMessage response;
        string text;
        try
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded");
            response = await http.PostAsync(new Uri(_o.Endpoint), content, ct);
            text = await response.Content.ReadAsStringAsync(ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            throw DeliveryException.FromHttp(ex, "Aliyun SMS");
        }

        using (response)
        {
            var (code, message, bizId) = Parse(text);
            if (code == "OK" && response.IsSuccessStatusCode)
            {
                return bizId ?? "";
            }

            var reason = $"Aliyun {(int)response.StatusCode} {code ?? "-"}: {message ?? Truncate(text)}";
            var retry = code is null
                ? response.StatusCode >= HttpStatusCode.InternalServerError || response.StatusCode == HttpStatusCode.TooManyRequests
                : RetryableCodes.Contains(code, StringComparer.Ordinal) || code.StartsWith("isp.", StringComparison.Ordinal) || code.StartsWith("Throttling", StringComparison.Ordinal);
            throw new DeliveryException(retry ? FailureKind.Retryable : FailureKind.Permanent, reason);
        }
    }

    private static (string? Code, string? Message, string? BizId) Parse(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            return (Get(root, "Code"), Get(root, "Message"), Get(root, "BizId"));
        }
        catch (JsonException)
        {
            return (null, null, null);
        }

        static string? Get(JsonElement e, string name) =>
            e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    }

    private static string Truncate(string text) => text.Length > 200 ? text[..200] : text;
}

/// <summary>
/// Alibaba Cloud's RPC request signature (SignatureVersion 1.0, HMAC-SHA1): parameters sorted by name,
/// each name and value percent-encoded (RFC 3986: A–Z a–z 0–9 - _ . ~ kept, space as %20, UTF-8 bytes
/// as %XY) and joined with '=' and '&amp;'; the string to sign is METHOD &amp; %2F &amp; the encoded query;
/// the key is the AccessKey secret followed by '&amp;'; the signature is the Base64 of the HMAC.
/// </summary>
public static class AliyunSignature
{
    public static string Sign(string method, IEnumerable<KeyValuePair<string, string>> parameters, string accessKeySecret)
    {
        var key = Encoding.UTF8.GetBytes(accessKeySecret + "&");
        var hash = HMACSHA1.HashData(key, Encoding.UTF8.GetBytes(StringToSign(method, parameters)));
        return Convert.ToBase64String(hash);
    }

    public static string StringToSign(string method, IEnumerable<KeyValuePair<string, string>> parameters) =>
        method + "&" + PercentEncode("/") + "&" + PercentEncode(CanonicalQuery(parameters));

    /// <summary>The sorted, encoded query without the Signature parameter.</summary>
    public static string CanonicalQuery(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join("&", parameters
            .Where(p => p.Key != "Signature")
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => PercentEncode(p.Key) + "=" + PercentEncode(p.Value)));

    public static string PercentEncode(string value)
    {
        var sb = new StringBuilder(value.Length * 3);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                sb.Append(c);
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }
}
