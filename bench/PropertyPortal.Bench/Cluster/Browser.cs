using System.Diagnostics;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace PropertyPortal.Bench.Cluster;

/// <summary>One request as the load saw it: what kind of page, how long, what status, and whether it was a retry.</summary>
internal sealed record Sample(string Kind, double Ms, int Status, bool Retry);

/// <summary>A request the clerk could not get through, even after resubmitting: the load's "errors".</summary>
internal sealed record Failure(string Kind, string Url, string Detail);

/// <summary>
/// A browser without JavaScript for one clerk: cookies, no automatic redirects, forms read from the
/// page with their hidden fields (antiforgery token, one-time key) and selects, posted as a browser
/// would. A clerk whose request meets a gateway error (502/503/504) or a dropped connection — the
/// instance behind nginx was killed — reloads the page or presses submit again with the same form,
/// up to <see cref="Attempts"/> times.
/// </summary>
internal sealed class Browser : IDisposable
{
    public const int Attempts = 6;

    private static readonly HtmlParser Parser = new();
    private readonly HttpClient _http;
    private readonly Action<Sample> _record;

    public Browser(Uri baseUrl, Action<Sample> record)
    {
        _record = record;
        _http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = new CookieContainer(),
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        })
        {
            BaseAddress = baseUrl,
            Timeout = TimeSpan.FromSeconds(30),
        };
        _http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
    }

    public int Resubmits { get; private set; }

    public async Task<(HttpResponseMessage Response, string Body)> GetAsync(string kind, string url, CancellationToken ct) =>
        await SendAsync(kind, () => new HttpRequestMessage(HttpMethod.Get, url), ct);

    public async Task<IHtmlDocument> PageAsync(string kind, string url, CancellationToken ct)
    {
        var (response, body) = await GetAsync(kind, url, ct);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new LoadException(kind, url, $"GET answered {(int)response.StatusCode}");
        }

        return await Parser.ParseDocumentAsync(body, ct);
    }

    /// <summary>The form as the browser would send it: every named input (checked boxes only), select and textarea, then <paramref name="fields"/>.</summary>
    public static (string Action, List<KeyValuePair<string, string>> Values) ReadForm(IHtmlDocument page, string selector, IReadOnlyDictionary<string, string> fields, string pageUrl)
    {
        var form = page.QuerySelector<IHtmlFormElement>(selector) ?? throw new LoadException("form", pageUrl, $"no form '{selector}'");
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.QuerySelectorAll("input[name], select[name], textarea[name]"))
        {
            var name = element.GetAttribute("name")!;
            if (fields.ContainsKey(name))
            {
                continue;
            }

            switch (element)
            {
                case IHtmlInputElement input when input.Type is "checkbox" or "radio":
                    if (input.IsChecked)
                    {
                        values.Add(new(name, input.Value));
                    }

                    break;
                case IHtmlInputElement { Type: "file" or "submit" or "button" }:
                    break;
                case IHtmlInputElement input:
                    values.Add(new(name, input.Value));
                    break;
                case IHtmlSelectElement select:
                    var option = select.Options.FirstOrDefault(o => o.IsSelected) ?? select.Options.FirstOrDefault();
                    if (option is not null)
                    {
                        values.Add(new(name, option.Value));
                    }

                    break;
                case IHtmlTextAreaElement area:
                    values.Add(new(name, area.Value));
                    break;
            }
        }

        values.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));
        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : pageUrl;
        return (action, values);
    }

    /// <summary>Posts a form and expects the redirect that means "done"; returns where it points.</summary>
    public async Task<string> SubmitAsync(string kind, string action, List<KeyValuePair<string, string>> values, CancellationToken ct)
    {
        var (response, body) = await SendAsync(kind, () => new HttpRequestMessage(HttpMethod.Post, action) { Content = new FormUrlEncodedContent(values) }, ct);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location is null)
        {
            var message = Parser.ParseDocument(body).QuerySelector(".alert-danger, .text-danger:not(:empty), .validation-summary-errors")?.TextContent.Trim();
            throw new LoadException(kind, action, $"POST answered {(int)response.StatusCode} {message}");
        }

        var location = response.Headers.Location;
        return location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
    }

    private async Task<(HttpResponseMessage, string)> SendAsync(string kind, Func<HttpRequestMessage> request, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                var response = await _http.SendAsync(request(), ct);
                var body = await response.Content.ReadAsStringAsync(ct);
                var status = (int)response.StatusCode;
                _record(new Sample(kind, Stopwatch.GetElapsedTime(started).TotalMilliseconds, status, attempt > 1));
                if (status is 502 or 503 or 504 && attempt < Attempts)
                {
                    Resubmits++;
                    await Task.Delay(TimeSpan.FromSeconds(attempt), ct);
                    continue;
                }

                return (response, body);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                _record(new Sample(kind, Stopwatch.GetElapsedTime(started).TotalMilliseconds, 0, attempt > 1));
                if (attempt >= Attempts)
                {
                    throw new LoadException(kind, "", ex.GetBaseException().Message);
                }

                Resubmits++;
                await Task.Delay(TimeSpan.FromSeconds(attempt), ct);
            }
        }
    }

    public void Dispose() => _http.Dispose();
}

internal sealed class LoadException(string kind, string url, string detail) : Exception($"{kind} {url}: {detail}")
{
    public Failure Failure { get; } = new(kind, url, detail);
}
