using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Seeding;

namespace PropertyPortal.IntegrationTests.Users;

/// <summary>An administrator creates, scopes and disables a colleague through the real /Users forms.</summary>
public abstract class UserAdministrationTests(PortalFactory factory)
{
    private const string Password = "Counter@2026";

    private PortalFactory App
    {
        get
        {
            factory.EnsureAvailable();
            return factory;
        }
    }

    private async Task<(Guid Office, Guid ResidentialUnit)> IdsAsync()
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        var office = await db.Properties.SingleAsync(p => p.Code == DemoSeeder.OfficeCode, TestContext.Current.CancellationToken);
        var residential = await db.Properties.SingleAsync(p => p.Code == DemoSeeder.ResidentialCode, TestContext.Current.CancellationToken);
        var unit = await db.Units.Where(u => u.PropertyId == residential.Id).Select(u => u.Id).FirstAsync(TestContext.Current.CancellationToken);
        return (office.Id, unit);
    }

    [Fact]
    public async Task A_user_created_for_the_office_tower_sees_only_it_and_cannot_sign_in_once_disabled()
    {
        var (office, residentialUnit) = await IdsAsync();
        using var admin = await PortalClient.SignedInAsync(App, "admin");

        var created = await admin.SubmitFormAsync("/Users/Create", "main form[method='post']", new Dictionary<string, string>
        {
            ["UserName"] = "towerdesk",
            ["DisplayName"] = "国贸前台二",
            ["Password"] = Password,
            ["Roles"] = Roles.FrontDesk,
            ["PropertyIds"] = office.ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        using (var colleague = await PortalClient.SignedInAsync(App, "towerdesk", Password))
        {
            var home = await colleague.GetAsync("/");
            var homeText = await home.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.Contains("国贸大厦", homeText);
            Assert.DoesNotContain("翠湖花园", homeText);
            Assert.Equal(HttpStatusCode.NotFound, (await colleague.GetAsync($"/Units/Details/{residentialUnit}")).StatusCode);
            var search = await (await colleague.GetAsync("/Search?q=" + DemoSeeder.SamplePhone)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.DoesNotContain("/Customers/Details/", search);
        }

        string id;
        using (var scope = App.Services.CreateScope())
        {
            id = (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByNameAsync("towerdesk"))!.Id;
        }

        var details = await (await admin.GetAsync($"/Users/Details/{id}")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("用户角色", details);
        Assert.Contains("前台客服", details);
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == AuditInterceptor.UserRoleEntityType && a.EntityId == Guid.Parse(id), TestContext.Current.CancellationToken),
                "the role assignment is in the audit trail");
        }

        var token = await admin.AntiforgeryTokenAsync($"/Users/Details/{id}");
        var disabled = await admin.PostAsync($"/Users/Disable/{id}", [new(PortalClient.TokenField, token)]);
        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);

        using var again = PortalClient.Anonymous(App);
        var refused = await again.SignInAsync("towerdesk", Password);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("停用", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_front_desk_user_without_any_property_is_refused_with_a_chinese_message_and_not_created()
    {
        using var admin = await PortalClient.SignedInAsync(App, "admin");

        var response = await admin.SubmitFormAsync("/Users/Create", "main form[method='post']", new Dictionary<string, string>
        {
            ["UserName"] = "nowhere",
            ["DisplayName"] = "无项目",
            ["Password"] = Password,
            ["Roles"] = Roles.FrontDesk,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("请至少选择一个负责项目", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        using var scope = App.Services.CreateScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByNameAsync("nowhere"));
    }

    [Fact]
    public async Task Front_desk_cannot_open_user_administration()
    {
        using var client = await PortalClient.SignedInAsync(App, "frontdesk");

        var response = await client.GetAsync("/Users");

        Assert.True(response.IsAccessDenied(), $"expected AccessDenied, got {(int)response.StatusCode}");
    }
}

public sealed class SqliteUserAdministrationTests(SqlitePortalFactory factory) : UserAdministrationTests(factory), IClassFixture<SqlitePortalFactory>;

public sealed class PostgresUserAdministrationTests(PostgresPortalFactory factory) : UserAdministrationTests(factory), IClassFixture<PostgresPortalFactory>;
