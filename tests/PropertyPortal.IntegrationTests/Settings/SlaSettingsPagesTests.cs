using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Seeding;

namespace PropertyPortal.IntegrationTests.Settings;

/// <summary>An administrator sets a property's service time limits through /Settings/Sla; nobody else may.</summary>
public abstract class SlaSettingsPagesTests(PortalFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private PortalFactory App
    {
        get
        {
            factory.EnsureAvailable();
            return factory;
        }
    }

    private async Task<Guid> PropertyIdAsync(string code)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await db.Properties.Where(p => p.Code == code).Select(p => p.Id).SingleAsync(Ct);
    }

    private SlaSettings NewSlaSettings(PortalDbContext db) => new(db, App.Services.GetRequiredService<IMemoryCache>());

    [Fact]
    public async Task A_property_without_its_own_policy_is_listed_with_the_defaults_marked_as_default()
    {
        using var admin = await PortalClient.SignedInAsync(App, "admin");

        var page = await admin.GetDocumentAsync("/Settings/Sla");

        var office = page.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains("国贸大厦", StringComparison.Ordinal));
        Assert.Contains("默认", office.TextContent);
        Assert.Contains("15 分钟", office.TextContent);
        Assert.Contains("之后新受理", page.Body!.TextContent);
    }

    [Fact]
    public async Task An_admin_edits_a_policy_and_the_next_sla_context_of_that_property_uses_it()
    {
        var residential = await PropertyIdAsync(DemoSeeder.ResidentialCode);
        using var admin = await PortalClient.SignedInAsync(App, "admin");
        var form = $"form[action='/Settings/Sla/Edit/{residential}']";

        var first = await admin.SubmitFormAsync($"/Settings/Sla/Edit/{residential}", form, new Dictionary<string, string>
        {
            ["PhoneReplyMinutes"] = "20",
            ["UrgentOnSiteMinutes"] = "12",
            ["CallbackMaxAttempts"] = "4",
            ["ComplaintReplyMinutes"] = "30",
            ["ComplaintWrittenReplyHours"] = "72",
            ["MajorResolutionDays"] = "7",
        });
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);

        // The second save edits the row the first one created, through its version.
        var second = await admin.SubmitFormAsync($"/Settings/Sla/Edit/{residential}", form, new Dictionary<string, string> { ["WarningPercent"] = "70" });
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);

        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        var context = await NewSlaSettings(db).ContextForAsync(residential, Ct);
        Assert.Equal(20, context.Policy.PhoneReplyMinutes);
        Assert.Equal(12, context.Policy.UrgentOnSiteMinutes);
        Assert.Equal(4, context.Policy.CallbackMaxAttempts);
        Assert.Equal(70, context.Policy.WarningPercent);
        Assert.Equal(3, context.Policy.WorkOrderIssueMinutes);
        Assert.Equal((30, (int?)72, 7, 3), (context.Policy.ComplaintReplyMinutes, context.Policy.ComplaintWrittenReplyHours, context.Policy.MajorResolutionDays, context.Policy.ComplaintCallbackDays));
        Assert.Equal(1, await db.SlaPolicies.CountAsync(p => p.PropertyId == residential, Ct));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == "SlaPolicy", Ct), "the policy's changes are in the audit trail");

        var list = await admin.GetDocumentAsync("/Settings/Sla");
        var row = list.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains("翠湖花园", StringComparison.Ordinal));
        Assert.DoesNotContain("默认", row.TextContent);
        Assert.Contains("20 分钟", row.TextContent);
    }

    [Fact]
    public async Task A_form_based_on_an_older_version_is_refused_as_a_concurrent_edit()
    {
        var residential = await PropertyIdAsync(DemoSeeder.ResidentialCode);
        using var admin = await PortalClient.SignedInAsync(App, "admin");
        var url = $"/Settings/Sla/Edit/{residential}";
        var form = $"form[action='{url}']";
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitFormAsync(url, form, new Dictionary<string, string> { ["EmergencyOnSiteMinutes"] = "9" })).StatusCode);

        var stale = await admin.SubmitFormAsync(url, form, new Dictionary<string, string> { ["EmergencyOnSiteMinutes"] = "8", ["Version"] = "-1" });

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        Assert.Equal(9, (await db.SlaPolicies.SingleAsync(p => p.PropertyId == residential, Ct)).EmergencyOnSiteMinutes);
    }

    [Fact]
    public async Task Invalid_values_are_refused_with_chinese_messages_and_nothing_is_saved()
    {
        var office = await PropertyIdAsync(DemoSeeder.OfficeCode);
        using var admin = await PortalClient.SignedInAsync(App, "admin");

        var response = await admin.SubmitFormAsync($"/Settings/Sla/Edit/{office}", $"form[action='/Settings/Sla/Edit/{office}']", new Dictionary<string, string>
        {
            ["PhoneReplyMinutes"] = "",
            ["WarningPercent"] = "150",
            ["EscalateSupervisorAfterMinutes"] = "60",
            ["EscalateManagerAfterMinutes"] = "30",
            ["ComplaintReplyMinutes"] = "",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = (await PortalClient.ParseAsync(response)).Body!.TextContent;
        Assert.Contains("请填写“电话回复时限”", text);
        Assert.Contains("预警比例", text);
        Assert.Contains("通知经理的时间不能早于通知主管的时间", text);
        Assert.Contains("请填写“投诉答复时限”", text);
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        Assert.False(await db.SlaPolicies.AnyAsync(p => p.PropertyId == office, Ct));
    }

    [Theory]
    [InlineData("manager")]
    [InlineData("frontdesk")]
    public async Task Only_administrators_may_open_or_post_the_settings_pages(string userName)
    {
        var residential = await PropertyIdAsync(DemoSeeder.ResidentialCode);
        using var client = await PortalClient.SignedInAsync(App, userName);

        foreach (var url in new[] { "/Settings/Sla", $"/Settings/Sla/Edit/{residential}", "/Settings/Categories", "/Settings/Categories/Create", "/Settings/Calendar", "/Settings/Calendar/Load", "/Settings/Calendar/Hours" })
        {
            var response = await client.GetAsync(url);
            Assert.True(response.IsAccessDenied(), $"GET {url} as {userName} answered {(int)response.StatusCode}");
        }

        var token = await client.AntiforgeryTokenAsync();
        var post = await client.PostAsync($"/Settings/Sla/Edit/{residential}", [new(PortalClient.TokenField, token), new("WorkOrderIssueMinutes", "99")]);
        Assert.True(post.IsAccessDenied(), $"POST as {userName} answered {(int)post.StatusCode}");
        var home = await (await client.GetAsync("/")).Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("calendar-warning", home);
    }
}

public sealed class SqliteSlaSettingsPagesTests(SqlitePortalFactory factory) : SlaSettingsPagesTests(factory), IClassFixture<SqlitePortalFactory>;

public sealed class PostgresSlaSettingsPagesTests(PostgresPortalFactory factory) : SlaSettingsPagesTests(factory), IClassFixture<PostgresPortalFactory>;
