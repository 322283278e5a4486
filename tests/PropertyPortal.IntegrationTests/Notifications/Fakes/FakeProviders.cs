using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PropertyPortal.IntegrationTests.Notifications.Fakes;

/// <summary>An SMS request as the provider received it, with whether its signature checked out.</summary>
public sealed record SmsCall(DateTime At, string PhoneNumbers, string SignName, string TemplateCode, IReadOnlyDictionary<string, string> TemplateParam,
    string OutId, string AccessKeyId, bool SignatureValid);

public sealed record WeChatCall(DateTime At, string Key, string MsgType, string Content);

/// <summary>How the fake answers one request.</summary>
public abstract record Reply
{
    public static readonly Reply Ok = new OkReply(TimeSpan.Zero);

    /// <summary>Answers OK after a pause (a slow provider).</summary>
    public static Reply Slow(TimeSpan delay) => new OkReply(delay);

    /// <summary>Answers with the provider's error code and HTTP status.</summary>
    public static Reply Error(HttpStatusCode status, string code, string message = "error") => new ErrorReply(status, code, message);

    /// <summary>Takes the request and never answers (until the test releases it or the caller gives up).</summary>
    public static Reply Hang(TaskCompletionSource? release = null) => new HangReply(release);
}

public sealed record OkReply(TimeSpan Delay) : Reply;

public sealed record ErrorReply(HttpStatusCode Status, string Code, string Message) : Reply;

public sealed record HangReply(TaskCompletionSource? Release) : Reply;

/// <summary>
/// A local Kestrel server playing Alibaba Cloud SMS (SendSms, RPC-signed form POST at "/") and the WeChat Work
/// group robot webhook ("/cgi-bin/webhook/send?key=…"). It checks the SMS signature with its own implementation
/// of the documented algorithm, refuses a reused SignatureNonce as the real service does, records every call,
/// and answers as the test says: OK, an error code, slowly, or not at all.
/// </summary>
public sealed class FakeProviders : IAsyncDisposable
{
    public const string AccessKeyId = "LTAI-test-key";
    public const string AccessKeySecret = "test-secret-1234";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, byte> _nonces = new();
    private long _bizId;

    private FakeProviders(WebApplication app) => _app = app;

    public ConcurrentQueue<SmsCall> Sms { get; } = new();
    public ConcurrentQueue<WeChatCall> WeChat { get; } = new();

    /// <summary>Decides each SMS answer (default: OK).</summary>
    public Func<SmsCall, Reply> SmsReply { get; set; } = _ => Reply.Ok;

    public Func<WeChatCall, Reply> WeChatReply { get; set; } = _ => Reply.Ok;

    /// <summary>Called when an SMS request arrives, before it is answered.</summary>
    public Action<SmsCall>? OnSms { get; set; }

    public string BaseUrl { get; private set; } = "";
    public string SmsEndpoint => BaseUrl + "/";
    public string WeChatEndpoint => BaseUrl + "/cgi-bin/webhook/send";

    public static async Task<FakeProviders> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var fake = new FakeProviders(app);
        app.MapPost("/", fake.SendSmsAsync);
        app.MapPost("/cgi-bin/webhook/send", fake.WebhookAsync);
        await app.StartAsync();
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return fake;
    }

    public void Reset()
    {
        Sms.Clear();
        WeChat.Clear();
        SmsReply = _ => Reply.Ok;
        WeChatReply = _ => Reply.Ok;
        OnSms = null;
    }

    private async Task SendSmsAsync(HttpContext http)
    {
        var form = await http.Request.ReadFormAsync();
        var parameters = form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        var valid = parameters.TryGetValue("Signature", out var signature) && signature == Sign(http.Request.Method, parameters, AccessKeySecret);
        var template = parameters.TryGetValue("TemplateParam", out var json) && json.Length > 0
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? []
            : [];
        var call = new SmsCall(DateTime.UtcNow, Get(parameters, "PhoneNumbers"), Get(parameters, "SignName"), Get(parameters, "TemplateCode"), template,
            Get(parameters, "OutId"), Get(parameters, "AccessKeyId"), valid);
        Sms.Enqueue(call);
        OnSms?.Invoke(call);

        if (!valid || call.AccessKeyId != AccessKeyId)
        {
            await ErrorAsync(http, HttpStatusCode.BadRequest, valid ? "InvalidAccessKeyId.NotFound" : "SignatureDoesNotMatch", "Specified signature is not matched with our calculation.");
            return;
        }

        if (!_nonces.TryAdd(Get(parameters, "SignatureNonce"), 0))
        {
            await ErrorAsync(http, HttpStatusCode.BadRequest, "SignatureNonceUsed", "Specified signature nonce was used already.");
            return;
        }

        switch (SmsReply(call))
        {
            case OkReply ok:
                await Task.Delay(ok.Delay, http.RequestAborted);
                var biz = "biz" + Interlocked.Increment(ref _bizId).ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
                await JsonAsync(http, HttpStatusCode.OK, new { Message = "OK", RequestId = Guid.NewGuid().ToString(), BizId = biz, Code = "OK" });
                break;
            case ErrorReply e:
                await ErrorAsync(http, e.Status, e.Code, e.Message);
                break;
            case HangReply h:
                await WaitAsync(h.Release, http.RequestAborted);
                break;
        }
    }

    private async Task WebhookAsync(HttpContext http)
    {
        using var doc = await JsonDocument.ParseAsync(http.Request.Body);
        var type = doc.RootElement.GetProperty("msgtype").GetString() ?? "";
        var content = doc.RootElement.TryGetProperty(type, out var body) && body.TryGetProperty("content", out var c) ? c.GetString() ?? "" : "";
        var call = new WeChatCall(DateTime.UtcNow, http.Request.Query["key"].ToString(), type, content);
        WeChat.Enqueue(call);
        switch (WeChatReply(call))
        {
            case OkReply ok:
                await Task.Delay(ok.Delay, http.RequestAborted);
                await JsonAsync(http, HttpStatusCode.OK, new { errcode = 0, errmsg = "ok" });
                break;
            case ErrorReply e:
                await JsonAsync(http, e.Status, new { errcode = int.Parse(e.Code, System.Globalization.CultureInfo.InvariantCulture), errmsg = e.Message });
                break;
            case HangReply h:
                await WaitAsync(h.Release, http.RequestAborted);
                break;
        }
    }

    private static async Task WaitAsync(TaskCompletionSource? release, CancellationToken aborted)
    {
        try
        {
            await (release?.Task ?? Task.Delay(Timeout.Infinite, aborted)).WaitAsync(aborted);
        }
        catch (OperationCanceledException)
        {
            // The caller gave up (its timeout) or died.
        }
    }

    private static Task ErrorAsync(HttpContext http, HttpStatusCode status, string code, string message) =>
        JsonAsync(http, status, new { Message = message, RequestId = Guid.NewGuid().ToString(), Code = code });

    /// <summary>JSON with the member names as written (the providers' own casing: Code, BizId; errcode).</summary>
    private static async Task JsonAsync<T>(HttpContext http, HttpStatusCode status, T body)
    {
        http.Response.StatusCode = (int)status;
        http.Response.ContentType = "application/json; charset=utf-8";
        await http.Response.WriteAsync(JsonSerializer.Serialize(body));
    }

    private static string Get(Dictionary<string, string> p, string key) => p.TryGetValue(key, out var v) ? v : "";

    /// <summary>
    /// The RPC signature, written here from the documentation and independently of the portal's:
    /// sorted parameters, RFC 3986 encoding (Uri.EscapeDataString), METHOD&amp;%2F&amp;encoded query, HMAC-SHA1 with secret&amp;.
    /// </summary>
    public static string Sign(string method, IReadOnlyDictionary<string, string> parameters, string secret)
    {
        var query = string.Join("&", parameters.Where(p => p.Key != "Signature").OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
        var toSign = method.ToUpperInvariant() + "&" + Uri.EscapeDataString("/") + "&" + Uri.EscapeDataString(query);
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret + "&"), Encoding.UTF8.GetBytes(toSign)));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
