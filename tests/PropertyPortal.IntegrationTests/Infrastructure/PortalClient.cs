using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using PropertyPortal.Web.Infrastructure.Seeding;

namespace PropertyPortal.IntegrationTests.Infrastructure;

/// <summary>
/// A browser without JavaScript: keeps cookies, follows no redirects (tests assert them), signs in through
/// the real login form and posts forms with the antiforgery token the page rendered (after eShopOnWeb's
/// WebPageHelpers).
/// </summary>
public sealed class PortalClient : IDisposable
{
    public const string TokenField = "__RequestVerificationToken";

    private static readonly HtmlParser Parser = new();

    private PortalClient(HttpClient http) => Http = http;

    public HttpClient Http { get; }

    /// <summary>A client of a portal running as its own process at <paramref name="baseAddress"/>.</summary>
    public static PortalClient ForServer(Uri baseAddress) =>
        new(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = baseAddress });

    public static PortalClient Anonymous(WebApplicationFactory<Program> factory) =>
        new(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    /// <summary>A client signed in as a demo user; fails the test when the sign-in does not succeed.</summary>
    public static async Task<PortalClient> SignedInAsync(WebApplicationFactory<Program> factory, string userName, string password = DemoSeeder.DemoPassword)
    {
        var client = Anonymous(factory);
        var response = await client.SignInAsync(userName, password);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Sign-in as {userName} answered {(int)response.StatusCode}, expected a redirect.");
        return client;
    }

    /// <summary>Posts the login form; the response is the redirect on success or the form with its message.</summary>
    public Task<HttpResponseMessage> SignInAsync(string userName, string password) =>
        SubmitFormAsync("/Account/Login", "form[action*='Login']", new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = password,
        });

    public Task<HttpResponseMessage> GetAsync(string url) => Http.GetAsync(url, TestContext.Current.CancellationToken);

    public async Task<IHtmlDocument> GetDocumentAsync(string url)
    {
        var response = await GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}.");
        return await ParseAsync(response);
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

    /// <summary>An antiforgery token valid for this client's cookies and user, read from a page with a form.</summary>
    public async Task<string> AntiforgeryTokenAsync(string pageUrl = "/Account/ChangePassword")
    {
        var document = await GetDocumentAsync(pageUrl);
        return TokenOf(document, "form[method='post']", pageUrl);
    }

    /// <summary>Reads the form on <paramref name="pageUrl"/>, fills in <paramref name="fields"/> over its own inputs, and posts it.</summary>
    public async Task<HttpResponseMessage> SubmitFormAsync(string pageUrl, string formSelector, IReadOnlyDictionary<string, string> fields)
    {
        var (action, values) = await ReadFormAsync(pageUrl, formSelector, fields);
        return await PostAsync(action, values);
    }

    /// <summary>
    /// The form as a browser would send it — its action and its own inputs (the one-time key among them)
    /// with <paramref name="fields"/> filled in — without sending it: post it once, twice, or twice at once.
    /// </summary>
    public async Task<(string Action, Dictionary<string, string> Values)> ReadFormAsync(string pageUrl, string formSelector, IReadOnlyDictionary<string, string> fields)
    {
        var document = await GetDocumentAsync(pageUrl);
        var form = document.QuerySelector<IHtmlFormElement>(formSelector)
            ?? throw new InvalidOperationException($"No form '{formSelector}' on {pageUrl}.");
        var values = new Dictionary<string, string>();
        foreach (var input in form.QuerySelectorAll<IHtmlInputElement>("input[name]"))
        {
            if (input.Type is "checkbox" or "radio" && !input.IsChecked)
            {
                continue;
            }

            values[input.Name!] = input.Value;
        }

        foreach (var (name, value) in fields)
        {
            values[name] = value;
        }

        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : pageUrl;
        return (action, values);
    }

    /// <summary>Posts exactly these fields (add <see cref="TokenField"/> yourself, or leave it out to test the refusal).</summary>
    public Task<HttpResponseMessage> PostAsync(string url, IEnumerable<KeyValuePair<string, string>> fields) =>
        Http.PostAsync(url, new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken);

    public void Dispose() => Http.Dispose();

    private static string TokenOf(IHtmlDocument document, string formSelector, string pageUrl) =>
        document.QuerySelector($"{formSelector} input[name='{TokenField}']")?.GetAttribute("value")
        ?? throw new InvalidOperationException($"No antiforgery token in '{formSelector}' on {pageUrl}.");
}

public static class ResponseAssertions
{
    /// <summary>The path a redirect points to, without scheme and host.</summary>
    public static string RedirectPath(this HttpResponseMessage response)
    {
        var location = response.Headers.Location ?? throw new InvalidOperationException("Not a redirect: " + (int)response.StatusCode);
        return location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
    }

    public static bool IsAccessDenied(this HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Forbidden
        || (response.StatusCode == HttpStatusCode.Redirect && response.RedirectPath().StartsWith("/Account/AccessDenied", StringComparison.OrdinalIgnoreCase));
}
