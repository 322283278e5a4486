using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.IntegrationTests.Notifications;
using PropertyPortal.Web.Features.Notifications;
using PropertyPortal.Web.Features.Residents;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Seeding;

namespace PropertyPortal.IntegrationTests.Residents;

/// <summary>
/// The messaging portal (SMS to the provider running in the test) behind a "load balancer": X-Forwarded-For is trusted, so
/// each test's client says which address it comes from — the per-address limits of the sign-in are then tested as they run.
/// </summary>
public sealed class SqliteResidentPortalFactory : SqliteMessagingPortalFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ReverseProxy:Enabled", "true");
    }
}

public sealed class PostgresResidentPortalFactory : PostgresMessagingPortalFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ReverseProxy:Enabled", "true");
    }
}

/// <summary>A household's phone: the resident pages over HTTP from one client address, signed in by the SMS code it received.</summary>
public static class ResidentClient
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A client that says it comes from <paramref name="ip"/> (through the trusted proxy header).</summary>
    public static PortalClient From(WebApplicationFactory<Program> factory, string ip)
    {
        var client = PortalClient.Anonymous(factory);
        client.Http.DefaultRequestHeaders.Add("X-Forwarded-For", ip);
        return client;
    }

    /// <summary>Posts the number on the sign-in form; the response is the redirect to the code page or the form with its message.</summary>
    public static Task<HttpResponseMessage> AskCodeAsync(this PortalClient client, string phone) =>
        client.SubmitFormAsync("/My/SignIn", "main form", new Dictionary<string, string> { ["Phone"] = phone });

    public static Task<HttpResponseMessage> TryCodeAsync(this PortalClient client, string phone, string code) =>
        client.SubmitFormAsync("/My/Code?phone=" + phone, "main form", new Dictionary<string, string> { ["Phone"] = phone, ["Code"] = code });

    /// <summary>Sends what the outbox holds, and returns the newest code the SMS provider received for <paramref name="phone"/>.</summary>
    public static async Task<string?> ReceivedCodeAsync(IMessagingPortal portal, string phone)
    {
        await using (var scope = portal.Portal.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(Ct);
        }

        return portal.Providers.Sms.Where(s => s.PhoneNumbers == phone && s.TemplateCode == MessagingTestSettings.TemplateCodes["ResidentSignInCode"])
            .Select(s => s.TemplateParam.GetValueOrDefault("code")).LastOrDefault();
    }

    /// <summary>A household's phone signed in with the code it was texted; fails the test when any step does not work.</summary>
    public static async Task<PortalClient> SignedInAsync(IMessagingPortal portal, string phone, string ip) =>
        (await SignInAsync(portal, phone, ip)).Client;

    /// <summary><see cref="SignedInAsync"/>, with the cookie the sign-in set.</summary>
    public static async Task<(PortalClient Client, string Cookie)> SignInAsync(IMessagingPortal portal, string phone, string ip)
    {
        var client = From(portal.Portal, ip);
        var asked = await client.AskCodeAsync(phone);
        Assert.True(asked.StatusCode == HttpStatusCode.Redirect, $"Asking a code for {phone} answered {(int)asked.StatusCode}: {await ResponseText.ReadableAsync(asked)}");
        var code = await ReceivedCodeAsync(portal, phone);
        Assert.NotNull(code);
        var signed = await client.TryCodeAsync(phone, code);
        Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        Assert.Equal("/My", signed.RedirectPath());
        return (client, ResidentCookie(signed));
    }

    /// <summary>The message shown beside a field of the page's form.</summary>
    public static async Task<string> FieldMessageAsync(HttpResponseMessage response, string field)
    {
        var document = await PortalClient.ParseAsync(response);
        return document.QuerySelector($"[data-valmsg-for='{field}']")?.TextContent.Trim() ?? "";
    }

    /// <summary>Households of 翠湖花园 living in a unit now, with a mobile: their customer, unit and number (the nth).</summary>
    public static async Task<(Guid Customer, Guid Unit, string Phone, string Name)> HouseholdAsync(PortalFactory app, int nth)
    {
        using var db = app.CreateDbContext(SystemPropertyScope.Instance);
        var property = await db.Properties.SingleAsync(p => p.Code == DemoSeeder.ResidentialCode, Ct);
        var row = await (from o in db.Occupancies
                         join c in db.Customers on o.CustomerId equals c.Id
                         where o.PropertyId == property.Id && o.EndDate == null && c.Phone != null && c.Phone.StartsWith("13") && c.Phone != DemoSeeder.SamplePhone
                         orderby o.Id
                         select new { o.UnitId, o.CustomerId, c.Phone, c.Name }).Skip(nth).FirstAsync(Ct);
        return (row.CustomerId, row.UnitId, row.Phone!, row.Name);
    }

    /// <summary>The resident cookie a sign-in response set ("name=value"), to send where a browser would not: its path is /My.</summary>
    public static string ResidentCookie(HttpResponseMessage signedIn) =>
        signedIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith(ResidentAuth.CookieName + "=", StringComparison.Ordinal));
}
