using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Seeding;

namespace PropertyPortal.IntegrationTests.Account;

/// <summary>
/// Signing in and out, lockout, antiforgery, password change, language and the role's menu, through the
/// real forms. Each test that changes a user uses a user no other test of the class signs in as.
/// </summary>
public abstract class SignInTests(PortalFactory factory)
{
    private PortalFactory App
    {
        get
        {
            factory.EnsureAvailable();
            return factory;
        }
    }

    [Fact]
    public async Task Anonymous_visitor_of_the_home_page_is_sent_to_the_login_page()
    {
        using var client = PortalClient.Anonymous(App);

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.RedirectPath());
    }

    [Fact]
    public async Task Signing_in_with_the_right_password_redirects_to_the_home_page_which_greets_the_user()
    {
        using var client = PortalClient.Anonymous(App);

        var response = await client.SignInAsync("frontdesk", DemoSeeder.DemoPassword);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.RedirectPath());
        var home = await client.GetDocumentAsync("/");
        Assert.Contains("张前台", home.QuerySelector("#userMenu")?.TextContent);
    }

    [Fact]
    public async Task Wrong_password_is_refused_with_a_Chinese_message()
    {
        using var client = PortalClient.Anonymous(App);

        var response = await client.SignInAsync("manager", "Wrong@12345");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalClient.ParseAsync(response);
        Assert.Contains("用户名或密码不正确", page.QuerySelector(".validation-summary-errors, [role=alert]")?.TextContent);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_password()
    {
        using var client = PortalClient.Anonymous(App);
        for (var i = 0; i < 5; i++)
        {
            await client.SignInAsync("steward", "Wrong@12345");
        }

        var response = await client.SignInAsync("steward", DemoSeeder.DemoPassword);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("锁定", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused_with_400()
    {
        using var client = await PortalClient.SignedInAsync(App, "supervisor");

        var response = await client.PostAsync("/Account/ChangePassword", new Dictionary<string, string>
        {
            ["CurrentPassword"] = DemoSeeder.DemoPassword,
            ["NewPassword"] = "Changed@12345",
            ["ConfirmPassword"] = "Changed@12345",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var again = PortalClient.Anonymous(App);
        Assert.Equal(HttpStatusCode.Redirect, (await again.SignInAsync("supervisor", DemoSeeder.DemoPassword)).StatusCode);
    }

    [Fact]
    public async Task An_anonymous_login_post_without_the_antiforgery_token_is_refused_with_400()
    {
        using var client = PortalClient.Anonymous(App);

        var response = await client.PostAsync("/Account/Login", new Dictionary<string, string>
        {
            ["UserName"] = "admin",
            ["Password"] = DemoSeeder.DemoPassword,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Changing_the_password_makes_the_new_one_work_and_the_old_one_stop_working()
    {
        using var client = await PortalClient.SignedInAsync(App, "technician");

        var response = await client.SubmitFormAsync("/Account/ChangePassword", "main form[method='post']", new Dictionary<string, string>
        {
            ["CurrentPassword"] = DemoSeeder.DemoPassword,
            ["NewPassword"] = "Fixed@2026x",
            ["ConfirmPassword"] = "Fixed@2026x",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("密码已修改", await (await client.GetAsync("/")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        using var withOld = PortalClient.Anonymous(App);
        Assert.Equal(HttpStatusCode.OK, (await withOld.SignInAsync("technician", DemoSeeder.DemoPassword)).StatusCode);
        using var withNew = PortalClient.Anonymous(App);
        Assert.Equal(HttpStatusCode.Redirect, (await withNew.SignInAsync("technician", "Fixed@2026x")).StatusCode);
    }

    [Fact]
    public async Task A_weak_new_password_is_refused_and_the_old_one_keeps_working()
    {
        using var client = await PortalClient.SignedInAsync(App, "officedesk");

        var response = await client.SubmitFormAsync("/Account/ChangePassword", "main form[method='post']", new Dictionary<string, string>
        {
            ["CurrentPassword"] = DemoSeeder.DemoPassword,
            ["NewPassword"] = "weakweak",
            ["ConfirmPassword"] = "weakweak",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var again = PortalClient.Anonymous(App);
        Assert.Equal(HttpStatusCode.Redirect, (await again.SignInAsync("officedesk", DemoSeeder.DemoPassword)).StatusCode);
    }

    [Fact]
    public async Task Choosing_English_shows_the_portal_in_English()
    {
        using var client = await PortalClient.SignedInAsync(App, "manager");
        Assert.Contains("退出登录", await (await client.GetAsync("/")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        var response = await client.PostAsync("/Home/SetLanguage", new Dictionary<string, string>
        {
            ["culture"] = "en",
            ["returnUrl"] = "/",
            [PortalClient.TokenField] = await client.AntiforgeryTokenAsync(),
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var html = await (await client.GetAsync("/")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("Sign out", html);
        Assert.DoesNotContain("退出登录", html);
    }

    [Fact]
    public async Task Admin_sees_the_administration_menu_and_frontdesk_does_not()
    {
        using var admin = await PortalClient.SignedInAsync(App, "admin");
        using var frontdesk = await PortalClient.SignedInAsync(App, "frontdesk");

        var adminNav = (await admin.GetDocumentAsync("/")).QuerySelector("nav")!.TextContent;
        var frontdeskNav = (await frontdesk.GetDocumentAsync("/")).QuerySelector("nav")!.TextContent;

        Assert.Contains("系统管理", adminNav);
        Assert.DoesNotContain("系统管理", frontdeskNav);
        Assert.DoesNotContain("/Users", (await frontdesk.GetDocumentAsync("/")).QuerySelector("nav")!.InnerHtml);
    }

    [Fact]
    public async Task Frontdesk_asking_for_user_administration_is_denied()
    {
        using var client = await PortalClient.SignedInAsync(App, "frontdesk");

        var response = await client.GetAsync("/Users");

        if (ActionRoutes.All(App.Services).Any(r => r.Controller == "Users"))
        {
            Assert.True(response.IsAccessDenied(), $"GET /Users as frontdesk answered {(int)response.StatusCode} {response.Headers.Location}");
        }
        else
        {
            // The Users feature is not in this build: nothing there to deny.
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    [Fact]
    public async Task A_disabled_user_cannot_sign_in()
    {
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = await users.CreateAsync(new AppUser { UserName = "leaver", DisplayName = "离职员工", IsDisabled = true }, DemoSeeder.DemoPassword);
            Assert.True(user.Succeeded);
        }

        using var client = PortalClient.Anonymous(App);
        var response = await client.SignInAsync("leaver", DemoSeeder.DemoPassword);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("停用", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}

public sealed class SqliteSignInTests(SqlitePortalFactory factory) : SignInTests(factory), IClassFixture<SqlitePortalFactory>;

public sealed class PostgresSignInTests(PostgresPortalFactory factory) : SignInTests(factory), IClassFixture<PostgresPortalFactory>;
