using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Registry;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Seeding;

namespace PropertyPortal.IntegrationTests.Import;

/// <summary>
/// A manager imports a registry sheet through the real upload, preview and confirm forms: a valid
/// sheet lands whole, the same sheet again changes nothing, and a sheet with a bad row imports nothing
/// and says which row is wrong, in Chinese.
/// </summary>
public abstract class RegistryImportTests(PortalFactory factory)
{
    private const string Header = "楼栋编号,楼栋名称,房号,楼层,建筑面积,房屋类型,房屋状态,住户姓名,住户类型,证件类型,证件号码,联系电话,备用电话,身份,入住日期";

    private PortalFactory App
    {
        get
        {
            factory.EnsureAvailable();
            return factory;
        }
    }

    private static string Sheet(int units, string building)
    {
        var sb = new StringBuilder(Header).Append('\n');
        for (var i = 1; i <= units; i++)
        {
            var floor = (i - 1) / 4 + 1;
            var number = $"{building}-1-{floor}{(i - 1) % 4 + 1:D2}";
            var household = i % 2 == 0 ? $"导入住户{i},个人,,,1390000{i:D4},,业主,2025-03-01" : ",,,,,,,";
            sb.Append($"{building},{building}号楼,{number},{floor},98.5,住宅,,{household}\n");
        }

        return sb.ToString();
    }

    private async Task<(Guid PropertyId, int Units, int Audits)> CountsAsync(string building)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        var property = await db.Properties.SingleAsync(p => p.Code == DemoSeeder.ResidentialCode, TestContext.Current.CancellationToken);
        var units = await db.Units.CountAsync(u => u.PropertyId == property.Id && u.Number.StartsWith(building + "-"), TestContext.Current.CancellationToken);
        return (property.Id, units, await db.AuditEntries.CountAsync(TestContext.Current.CancellationToken));
    }

    private static async Task<HttpResponseMessage> UploadAsync(PortalClient client, Guid propertyId, string csv)
    {
        var token = await client.AntiforgeryTokenAsync("/Import");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), PortalClient.TokenField },
            { new StringContent(propertyId.ToString()), "PropertyId" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "File", "registry.csv" },
        };
        return await client.Http.PostAsync("/Import/Upload", content, TestContext.Current.CancellationToken);
    }

    private static async Task<HttpResponseMessage> ConfirmAsync(PortalClient client, string previewPath)
    {
        var token = await client.AntiforgeryTokenAsync(previewPath);
        var id = previewPath.Split('/')[^1];
        return await client.PostAsync($"/Import/Confirm/{id}", [new(PortalClient.TokenField, token)]);
    }

    [Fact]
    public async Task A_valid_sheet_imports_whole_and_importing_it_again_changes_nothing()
    {
        var (propertyId, before, _) = await CountsAsync("77");
        Assert.Equal(0, before);
        using var manager = await PortalClient.SignedInAsync(App, "manager");
        var csv = Sheet(40, "77");

        var uploaded = await UploadAsync(manager, propertyId, csv);
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var preview = uploaded.RedirectPath();
        var previewHtml = await (await manager.GetAsync(preview)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain("第 ", previewHtml);
        var confirmed = await ConfirmAsync(manager, preview);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.StartsWith("/Import/Result/", confirmed.RedirectPath());

        var (_, afterFirst, auditsAfterFirst) = await CountsAsync("77");
        Assert.Equal(40, afterFirst);
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            var owner = await db.Customers.SingleAsync(c => c.Name == "导入住户2", TestContext.Current.CancellationToken);
            var occupancy = await db.Occupancies.SingleAsync(o => o.CustomerId == owner.Id, TestContext.Current.CancellationToken);
            var unit = await db.Units.SingleAsync(u => u.Id == occupancy.UnitId, TestContext.Current.CancellationToken);
            Assert.Equal("77-1-102", unit.Number);
            Assert.Equal(UnitStatus.Occupied, unit.Status);
            Assert.Equal(OccupancyRole.Owner, occupancy.Role);
        }

        var again = await UploadAsync(manager, propertyId, csv);
        var reconfirmed = await ConfirmAsync(manager, again.RedirectPath());
        Assert.Equal(HttpStatusCode.Redirect, reconfirmed.StatusCode);
        var (_, afterSecond, auditsAfterSecond) = await CountsAsync("77");
        Assert.Equal(40, afterSecond);
        Assert.Equal(auditsAfterFirst, auditsAfterSecond);
    }

    [Fact]
    public async Task A_sheet_with_a_bad_row_shows_the_row_number_in_chinese_and_imports_nothing()
    {
        var (propertyId, _, audits) = await CountsAsync("78");
        using var manager = await PortalClient.SignedInAsync(App, "manager");
        var csv = Sheet(5, "78").Replace("78-1-201,2,98.5", "78-1-201,2,-3", StringComparison.Ordinal);

        var uploaded = await UploadAsync(manager, propertyId, csv);
        var previewHtml = await (await manager.GetAsync(uploaded.RedirectPath())).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("第 6 行", previewHtml);
        Assert.Contains("建筑面积", previewHtml);

        var confirmed = await ConfirmAsync(manager, uploaded.RedirectPath());
        Assert.NotEqual("/Import/Result/" + uploaded.RedirectPath().Split('/')[^1], confirmed.RedirectPath());
        var (_, units, auditsAfter) = await CountsAsync("78");
        Assert.Equal(0, units);
        Assert.Equal(audits, auditsAfter);
    }

    [Fact]
    public async Task Front_desk_cannot_import()
    {
        using var client = await PortalClient.SignedInAsync(App, "frontdesk");

        var response = await client.GetAsync("/Import");

        Assert.True(response.IsAccessDenied(), $"expected AccessDenied, got {(int)response.StatusCode}");
    }
}

public sealed class SqliteRegistryImportTests(SqlitePortalFactory factory) : RegistryImportTests(factory), IClassFixture<SqlitePortalFactory>;

public sealed class PostgresRegistryImportTests(PostgresPortalFactory factory) : RegistryImportTests(factory), IClassFixture<PostgresPortalFactory>;
