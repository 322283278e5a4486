using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Notifications;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.IntegrationTests.Notifications;
using PropertyPortal.Web.Features.Notifications;
using PropertyPortal.Web.Features.Residents;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Seeding;

namespace PropertyPortal.IntegrationTests.Residents;

/// <summary>
/// A household signs in at /My with a code texted to a number the registry knows (through the outbox and the SMS provider
/// running in the test), or with the invitation code printed on its payment notice: wrong, expired and spent codes, the
/// limits per number and per address, and the same answer for a number nobody knows. Then the wall between the two kinds
/// of account: every staff route refuses the household's cookie, every household route refuses a staff cookie.
/// </summary>
public abstract class ResidentSignInTests(IMessagingPortal messaging, ITestOutputHelper output)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private PortalFactory App
    {
        get
        {
            messaging.Portal.EnsureAvailable();
            return messaging.Portal;
        }
    }

    [Fact]
    public async Task A_known_number_gets_a_six_digit_code_by_SMS_that_is_stored_only_as_a_hash_and_signs_the_household_in()
    {
        var (_, _, phone, name) = await ResidentClient.HouseholdAsync(App, 1);
        using var client = ResidentClient.From(App, "10.1.0.1");

        var asked = await client.AskCodeAsync(phone);
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.StartsWith("/My/Code", asked.RedirectPath());

        var row = Assert.Single(await OutboxRowsAsync(NotificationKinds.ResidentSignInCode, phone));
        Assert.Equal((RecipientKind.Resident, NotificationChannels.Sms, true), (row.Recipient, row.Channel, row.BypassQuietHours));
        var code = await ResidentClient.ReceivedCodeAsync(messaging, phone);
        Assert.Matches("^[0-9]{6}$", code);
        Assert.DoesNotContain(code!, row.Args);

        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            var stored = await db.ResidentSignInCodes.AsNoTracking().Where(c => c.Phone == phone).SingleAsync(Ct);
            Assert.DoesNotContain(code!, stored.Hash + stored.Salt);
            Assert.Equal(Domain.Residents.ResidentSignInCode.HashOf(code!, stored.Salt), stored.Hash);
            Assert.NotNull(stored.AccountId);
        }

        var signed = await client.TryCodeAsync(phone, code!);
        Assert.Equal("/My", signed.RedirectPath());
        var home = await ResponseText.ReadableAsync(await client.GetAsync("/My"));
        Assert.Contains(name, home);
    }

    [Fact]
    public async Task A_wrong_code_says_how_many_tries_are_left_and_the_fifth_wrong_one_spends_the_code()
    {
        var (_, _, phone, _) = await ResidentClient.HouseholdAsync(App, 2);
        using var client = ResidentClient.From(App, "10.1.0.2");
        await client.AskCodeAsync(phone);
        var code = await ResidentClient.ReceivedCodeAsync(messaging, phone);
        var wrong = code == "000000" ? "111111" : "000000";

        var first = await client.TryCodeAsync(phone, wrong);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("验证码不正确，还可以再试 4 次。", await ResidentClient.FieldMessageAsync(first, "Code"));
        for (var i = 0; i < 3; i++)
        {
            await client.TryCodeAsync(phone, wrong);
        }

        var fifth = await client.TryCodeAsync(phone, wrong);
        Assert.Equal("尝试次数过多，请重新获取验证码。", await ResidentClient.FieldMessageAsync(fifth, "Code"));

        // The right code is worth nothing now: five tries is all a code gives.
        var right = await client.TryCodeAsync(phone, code!);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal("尝试次数过多，请重新获取验证码。", await ResidentClient.FieldMessageAsync(right, "Code"));
    }

    [Fact]
    public async Task A_code_works_for_five_minutes_to_the_second_and_not_after()
    {
        var (_, _, phone, _) = await ResidentClient.HouseholdAsync(App, 3);
        using var late = ResidentClient.From(App, "10.1.0.3");
        await late.AskCodeAsync(phone);
        var code = await ResidentClient.ReceivedCodeAsync(messaging, phone);
        App.Clock.Advance(TimeSpan.FromMinutes(5).Add(TimeSpan.FromSeconds(2)));
        var expired = await late.TryCodeAsync(phone, code!);
        Assert.Equal("验证码已过期，请重新获取。", await ResidentClient.FieldMessageAsync(expired, "Code"));

        // A new code, tried just inside its five minutes, signs in.
        await late.AskCodeAsync(phone);
        var fresh = await ResidentClient.ReceivedCodeAsync(messaging, phone);
        App.Clock.Advance(TimeSpan.FromMinutes(5).Subtract(TimeSpan.FromSeconds(5)));
        Assert.Equal("/My", (await late.TryCodeAsync(phone, fresh!)).RedirectPath());
    }

    [Fact]
    public async Task An_unknown_number_gets_the_same_answer_as_a_known_one_and_no_message()
    {
        var (_, _, known, _) = await ResidentClient.HouseholdAsync(App, 4);
        const string unknown = "19900001111";
        using var a = ResidentClient.From(App, "10.1.0.4");
        using var b = ResidentClient.From(App, "10.1.0.5");

        var forKnown = await a.AskCodeAsync(known);
        var forUnknown = await b.AskCodeAsync(unknown);
        Assert.Equal((forKnown.StatusCode, forKnown.RedirectPath().Replace(known, "N", StringComparison.Ordinal)),
            (forUnknown.StatusCode, forUnknown.RedirectPath().Replace(unknown, "N", StringComparison.Ordinal)));
        var pageKnown = (await ResponseText.ReadableAsync(await a.GetAsync(forKnown.RedirectPath()))).Replace(known, "N", StringComparison.Ordinal);
        var pageUnknown = (await ResponseText.ReadableAsync(await b.GetAsync(forUnknown.RedirectPath()))).Replace(unknown, "N", StringComparison.Ordinal);
        Assert.Equal(Strip(pageKnown), Strip(pageUnknown));

        Assert.Empty(await OutboxRowsAsync(NotificationKinds.ResidentSignInCode, unknown));
        Assert.Null(await ResidentClient.ReceivedCodeAsync(messaging, unknown));
        var guess = await b.TryCodeAsync(unknown, "123456");
        Assert.Equal("验证码不正确，还可以再试 4 次。", await ResidentClient.FieldMessageAsync(guess, "Code"));
    }

    [Fact]
    public async Task One_code_a_minute_and_ten_a_day_per_number_and_per_address_for_known_and_unknown_numbers_alike()
    {
        var (_, _, phone, _) = await ResidentClient.HouseholdAsync(App, 5);
        const string unknown = "19900002222";
        foreach (var number in new[] { phone, unknown })
        {
            // Per number: a second request within the minute is refused, from another address too.
            using var first = ResidentClient.From(App, "10.2.0.1");
            Assert.Equal(HttpStatusCode.Redirect, (await first.AskCodeAsync(number)).StatusCode);
            using var other = ResidentClient.From(App, "10.2.0.2");
            var soon = await other.AskCodeAsync(number);
            Assert.Equal("获取太频繁，请 60 秒后再试。", await ResidentClient.FieldMessageAsync(soon, "Phone"));

            // Ten a day: nine more a minute apart (each from its own address) go through, the eleventh does not.
            for (var i = 0; i < 9; i++)
            {
                App.Clock.Advance(TimeSpan.FromSeconds(61));
                using var c = ResidentClient.From(App, $"10.3.{i}.{number.Length}");
                Assert.Equal(HttpStatusCode.Redirect, (await c.AskCodeAsync(number)).StatusCode);
            }

            App.Clock.Advance(TimeSpan.FromSeconds(61));
            using var eleventh = ResidentClient.From(App, "10.4.0.1");
            var refused = await eleventh.AskCodeAsync(number);
            Assert.Equal("今天获取验证码次数已达上限，请明天再试或使用邀请码。", await ResidentClient.FieldMessageAsync(refused, "Phone"));
            App.Clock.Advance(TimeSpan.FromDays(1));
        }

        // Per address: one address asking for ten numbers is stopped the same way.
        using var busy = ResidentClient.From(App, "10.5.0.1");
        Assert.Equal(HttpStatusCode.Redirect, (await busy.AskCodeAsync("19900003000")).StatusCode);
        Assert.Equal("获取太频繁，请 60 秒后再试。", await ResidentClient.FieldMessageAsync(await busy.AskCodeAsync("19900003001"), "Phone"));
        for (var i = 2; i <= 10; i++)
        {
            App.Clock.Advance(TimeSpan.FromSeconds(61));
            Assert.Equal(HttpStatusCode.Redirect, (await busy.AskCodeAsync($"199000030{i:D2}")).StatusCode);
        }

        App.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal("今天获取验证码次数已达上限，请明天再试或使用邀请码。", await ResidentClient.FieldMessageAsync(await busy.AskCodeAsync("19900003099"), "Phone"));
    }

    [Fact]
    public async Task The_printed_invitation_code_binds_the_number_on_first_use_and_is_spent()
    {
        using var phone = ResidentClient.From(App, "10.6.0.1");
        var wrong = await phone.SubmitFormAsync("/My/Invitation", "main form", new Dictionary<string, string> { ["Phone"] = DemoSeeder.SamplePhone, ["Code"] = "ZZZZZ-ZZZZZ" });
        Assert.Equal("邀请码无效或已使用，请到客服中心领取新的邀请码。", await ResidentClient.FieldMessageAsync(wrong, "Code"));

        var bound = await phone.SubmitFormAsync("/My/Invitation", "main form",
            new Dictionary<string, string> { ["Phone"] = DemoSeeder.SamplePhone, ["Code"] = DemoSeeder.DemoInvitationCode.ToLowerInvariant() });
        Assert.Equal("/My", bound.RedirectPath());
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/My")).StatusCode);

        using var again = ResidentClient.From(App, "10.6.0.2");
        var reused = await again.SubmitFormAsync("/My/Invitation", "main form", new Dictionary<string, string> { ["Phone"] = "13912340001", ["Code"] = DemoSeeder.DemoInvitationCode });
        Assert.Equal("邀请码无效或已使用，请到客服中心领取新的邀请码。", await ResidentClient.FieldMessageAsync(reused, "Code"));
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        var invitation = await db.HouseholdInvitations.AsNoTracking().SingleAsync(i => i.Code == "HUAYU23456", Ct);
        var account = await db.ResidentAccounts.AsNoTracking().SingleAsync(a => a.Phone == DemoSeeder.SamplePhone, Ct);
        Assert.Equal((account.Id, account.CustomerId), (invitation.UsedByAccountId, invitation.CustomerId));
        Assert.NotNull(account.VerifiedAt);
    }

    [Fact]
    public async Task Invitation_codes_tried_from_one_address_are_limited_per_hour_across_instances()
    {
        // A second portal on the same database, behind the same load balancer: the address's tries are counted on both.
        await using var second = new SecondInstance(App);
        second.Clock.Set(App.Clock.UtcNow);
        using var one = ResidentClient.From(App, "10.7.0.1");
        using var two = ResidentClient.From(second, "10.7.0.1");
        for (var i = 0; i < 10; i++)
        {
            var wrong = await (i % 2 == 0 ? one : two).SubmitFormAsync("/My/Invitation", "main form",
                new Dictionary<string, string> { ["Phone"] = "13912340007", ["Code"] = "ZZZZZ-ZZZZ" + (char)('A' + i) });
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Equal("邀请码无效或已使用，请到客服中心领取新的邀请码。", await ResidentClient.FieldMessageAsync(wrong, "Code"));
        }

        // The eleventh try, on either instance, is refused before any code is looked at.
        foreach (var client in new[] { one, two })
        {
            var over = await client.SubmitFormAsync("/My/Invitation", "main form", new Dictionary<string, string> { ["Phone"] = "13912340007", ["Code"] = "ZZZZZ-ZZZZZ" });
            Assert.Equal(HttpStatusCode.TooManyRequests, over.StatusCode);
            Assert.Equal("尝试次数过多，请一小时后再试。", await ResidentClient.FieldMessageAsync(over, "Code"));
        }

        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            Assert.Equal(10, await db.InvitationTries.CountAsync(t => t.Ip == "10.7.0.1", Ct));
        }

        // Another address is not held up; an hour after its tries this address may try again.
        using var other = ResidentClient.From(second, "10.7.0.2");
        Assert.Equal(HttpStatusCode.OK, (await other.SubmitFormAsync("/My/Invitation", "main form", new Dictionary<string, string> { ["Phone"] = "13912340008", ["Code"] = "ZZZZZ-ZZZZZ" })).StatusCode);
        App.Clock.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal(HttpStatusCode.OK, (await one.SubmitFormAsync("/My/Invitation", "main form", new Dictionary<string, string> { ["Phone"] = "13912340007", ["Code"] = "ZZZZZ-ZZZZZ" })).StatusCode);
    }

    [Fact]
    public async Task Every_staff_route_refuses_a_households_cookie()
    {
        var (_, _, phone, _) = await ResidentClient.HouseholdAsync(App, 6);
        var (resident, cookie) = await ResidentClient.SignInAsync(messaging, phone, "10.7.0.1");
        resident.Dispose();

        // Sent by hand: a browser would not even send it outside /My (its path).
        using var http = App.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var failures = new List<string>();
        var walked = 0;
        foreach (var route in ActionRoutes.All(App.Services).Where(r => r.Controller != "My"))
        {
            if (route.Descriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.Authorization.IAllowAnonymous>().Any())
            {
                continue;
            }

            if (route.Path(Guid.NewGuid().ToString()) is not { } path)
            {
                continue;
            }

            foreach (var method in new[] { HttpMethod.Get, HttpMethod.Post }.Where(m => m == HttpMethod.Get ? route.AllowsGet : route.AllowsPost))
            {
                using var request = new HttpRequestMessage(method, path);
                request.Headers.Add("Cookie", cookie);
                var response = await http.SendAsync(request, Ct);
                walked++;
                var refused = response.StatusCode == HttpStatusCode.Redirect && response.RedirectPath().StartsWith("/Account/Login", StringComparison.Ordinal);
                if (!refused)
                {
                    failures.Add($"{method} {path} answered {(int)response.StatusCode} {response.Headers.Location}");
                }
            }
        }

        output.WriteLine($"{walked} staff requests with the household's cookie, all sent to the staff sign-in");
        Assert.True(walked > 100, $"only {walked} staff routes walked");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task Every_household_route_refuses_a_staff_cookie_and_a_staff_account_is_no_household()
    {
        using var staff = await PortalClient.SignedInAsync(App, "admin");
        var failures = new List<string>();
        var walked = 0;
        var token = await staff.AntiforgeryTokenAsync();
        foreach (var route in ActionRoutes.All(App.Services).Where(r => r.Controller == "My"))
        {
            if (route.Descriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.Authorization.IAllowAnonymous>().Any() || route.Path(Guid.NewGuid().ToString()) is not { } path)
            {
                continue;
            }

            var response = route.AllowsGet
                ? await staff.GetAsync(path)
                : await staff.PostAsync(path, new Dictionary<string, string> { [PortalClient.TokenField] = token });
            walked++;
            if (response.StatusCode != HttpStatusCode.Redirect || !response.RedirectPath().StartsWith(ResidentAuth.SignInPath, StringComparison.Ordinal))
            {
                failures.Add($"{route} {path} answered {(int)response.StatusCode} {response.Headers.Location}");
            }
        }

        output.WriteLine($"{walked} household routes walked with the admin's cookie");
        Assert.True(walked > 0);
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private async Task<List<OutboxMessage>> OutboxRowsAsync(string kind, string phone)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        var accounts = (await db.ResidentAccounts.AsNoTracking().Where(a => a.Phone == phone).Select(a => a.Id).ToListAsync(Ct)).Select(id => id.ToString()).ToList();
        return await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == kind && accounts.Contains(m.RecipientUserId!)).ToListAsync(Ct);
    }

    /// <summary>The page without the antiforgery token (random on every request).</summary>
    private static string Strip(string page) => System.Text.RegularExpressions.Regex.Replace(page, "__RequestVerificationToken[^>]*", "");
}

public sealed class SqliteResidentSignInTests(SqliteResidentPortalFactory factory, ITestOutputHelper output)
    : ResidentSignInTests(factory, output), IClassFixture<SqliteResidentPortalFactory>;

public sealed class PostgresResidentSignInTests(PostgresResidentPortalFactory factory, ITestOutputHelper output)
    : ResidentSignInTests(factory, output), IClassFixture<PostgresResidentPortalFactory>;

/// <summary>A second portal on the first one's database, trusting the same proxy header: another instance behind the load balancer.</summary>
internal sealed class SecondInstance(PortalFactory first) : PortalFactory
{
    public override DatabaseProvider Provider => first.Provider;

    public override string ConnectionString => first.ConnectionString;

    protected override bool SeedDemo => false;

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Database:MigrateOnStartup", "false");
        builder.UseSetting("Scheduler:Enabled", "false");
        builder.UseSetting("ReverseProxy:Enabled", "true");
    }
}
