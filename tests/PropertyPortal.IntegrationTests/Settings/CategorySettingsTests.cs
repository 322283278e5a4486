using System.Net;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.IntegrationTests.Settings;

/// <summary>An administrator keeps the repair category table: create, edit, refuse a duplicate, deactivate (never delete).</summary>
public abstract class CategorySettingsTests(PortalFactory factory)
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

    private static Dictionary<string, string> Category(string group, string name, string arrive, string unit, string finish, string rule = "Leak") => new()
    {
        ["Group"] = group,
        ["Name"] = name,
        ["ArriveMinutes"] = arrive,
        ["FinishUnit"] = unit,
        ["Finish"] = finish,
        ["CallbackRule"] = rule,
        ["SortOrder"] = "500",
        ["IsActive"] = "true",
    };

    private async Task<RepairCategory?> FindAsync(string group, string name)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await db.RepairCategories.AsNoTracking().SingleOrDefaultAsync(c => c.Group == group && c.Name == name, Ct);
    }

    [Fact]
    public async Task A_category_is_created_then_edited_and_the_list_shows_its_targets()
    {
        using var admin = await PortalClient.SignedInAsync(App, "admin");

        var created = await admin.SubmitFormAsync("/Settings/Categories/Create", "form[action='/Settings/Categories/Create']",
            Category("水", "热水器漏水", "30", "WorkingDays", "2"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var category = await FindAsync("水", "热水器漏水");
        Assert.NotNull(category);
        Assert.Equal((30, (int?)null, (int?)2, CallbackRule.Leak), (category.ArriveMinutes!.Value, category.FinishMinutes, category.FinishWorkingDays, category.CallbackRule));

        var edited = await admin.SubmitFormAsync($"/Settings/Categories/Edit/{category.Id}", $"form[action='/Settings/Categories/Edit/{category.Id}']",
            Category("水", "热水器漏水", "20", "Minutes", "90"));
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        category = await FindAsync("水", "热水器漏水");
        Assert.Equal((20, (int?)90, (int?)null), (category!.ArriveMinutes!.Value, category.FinishMinutes, category.FinishWorkingDays));

        var list = await admin.GetDocumentAsync("/Settings/Categories");
        var row = list.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains("热水器漏水", StringComparison.Ordinal));
        Assert.Contains("1 小时 30 分钟", row.TextContent);
        Assert.Contains("渗漏", row.TextContent);
    }

    [Fact]
    public async Task A_second_category_with_the_same_group_and_name_is_a_form_error_and_nothing_is_saved()
    {
        using var admin = await PortalClient.SignedInAsync(App, "admin");
        int before;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            before = await db.RepairCategories.CountAsync(Ct);
        }

        var response = await admin.SubmitFormAsync("/Settings/Categories/Create", "form[action='/Settings/Categories/Create']",
            Category("电", "户内跳闸", "15", "None", ""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("该分组下已有同名类别", await response.Content.ReadAsStringAsync(Ct));
        using var after = App.CreateDbContext(SystemPropertyScope.Instance);
        Assert.Equal(before, await after.RepairCategories.CountAsync(Ct));
    }

    [Fact]
    public async Task Invalid_targets_are_refused_in_chinese()
    {
        using var admin = await PortalClient.SignedInAsync(App, "admin");

        var response = await admin.SubmitFormAsync("/Settings/Categories/Create", "form[action='/Settings/Categories/Create']",
            Category("", "无分组", "0", "Minutes", ""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("分组", text);
        Assert.Contains("请填写完成时限", text);
        Assert.Null(await FindAsync("", "无分组"));
    }

    [Fact]
    public async Task A_deactivated_category_stays_in_the_table_as_inactive()
    {
        var category = await FindAsync("门窗", "维修玻璃门");
        Assert.NotNull(category);
        using var admin = await PortalClient.SignedInAsync(App, "admin");
        var token = await admin.AntiforgeryTokenAsync("/Settings/Categories");

        var response = await admin.PostAsync($"/Settings/Categories/Deactivate/{category.Id}", [new(PortalClient.TokenField, token)]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await FindAsync("门窗", "维修玻璃门");
        Assert.NotNull(after);
        Assert.False(after.IsActive);
        var row = (await admin.GetDocumentAsync("/Settings/Categories")).QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains("维修玻璃门", StringComparison.Ordinal));
        Assert.Contains("停用", row.TextContent);
        Assert.Empty(row.QuerySelectorAll("form[action*='Deactivate']"));
    }
}

public sealed class SqliteCategorySettingsTests(SqlitePortalFactory factory) : CategorySettingsTests(factory), IClassFixture<SqlitePortalFactory>;

public sealed class PostgresCategorySettingsTests(PostgresPortalFactory factory) : CategorySettingsTests(factory), IClassFixture<PostgresPortalFactory>;
