using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Fees;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Seeding;

namespace PropertyPortal.IntegrationTests.Polish;

/// <summary>
/// What a Chinese property office noticed first when trying the portal, page by page: the receipt and the payment
/// notice as paper, the fee account's counter forms, the arrears list's order, each role's own work on its home
/// page, the words of the recent changes and the repair order's paper copy.
/// </summary>
public sealed class CounterPagesTests(DemoMorning app) : IClassFixture<DemoMorning>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_receipt_carries_the_amount_in_capitals_the_payer_the_cashier_and_lines_to_sign_on_the_propertys_paper()
    {
        var ids = await app.IdsAsync();
        using var db = app.CreateDbContext(SystemPropertyScope.Instance);
        var payment = await db.Payments.AsNoTracking().SingleAsync(p => p.Id == ids.Payment, Ct);
        using var desk = await PortalClient.SignedInAsync(app, "frontdesk");

        var receipt = await desk.GetDocumentAsync($"/Fees/Receipt/{payment.Id}");

        Assert.Equal(ChineseAmount.ToCapitals(payment.Amount), receipt.QuerySelector("#capitals")?.TextContent);
        Assert.Equal(payment.PayerName, receipt.QuerySelector("#payer")?.TextContent);
        Assert.Equal("张前台", receipt.QuerySelector("#cashier")?.TextContent);
        var text = receipt.QuerySelector("#receipt")!.TextContent;
        Assert.Contains("收款单位（盖章）", text);
        Assert.Contains("交款人签字", text);
        Assert.Contains("size: 210mm 99mm", receipt.Head!.InnerHtml);

        // 国贸大厦 prints on the dot-matrix printer's 241 mm three-part form, each copy named.
        var tower = await db.Payments.AsNoTracking().Where(p => p.PropertyId != ids.Property).Select(p => p.Id).FirstAsync(Ct);
        using var officeDesk = await PortalClient.SignedInAsync(app, "officedesk");
        var towerReceipt = await officeDesk.GetDocumentAsync($"/Fees/Receipt/{tower}");
        Assert.Contains("size: 241mm 93mm", towerReceipt.Head!.InnerHtml);
        Assert.Contains("第二联 交款人", towerReceipt.QuerySelector("#receipt")!.TextContent);
        Assert.Equal("赵前台(国贸)", towerReceipt.QuerySelector("#cashier")?.TextContent);
    }

    [Fact]
    public async Task The_admin_sets_the_account_and_counter_hours_on_the_propertys_page_and_the_payment_notice_prints_them()
    {
        await app.IdsAsync();
        using var db = app.CreateDbContext(SystemPropertyScope.Instance);
        var tower = await db.Properties.AsNoTracking().Where(p => p.Code == DemoSeeder.OfficeCode).Select(p => p.Id).SingleAsync(Ct);
        using var admin = await PortalClient.SignedInAsync(app, "admin");
        var saved = await admin.SubmitFormAsync($"/Properties/Edit/{tower}", "main form[method='post']", new Dictionary<string, string>
        {
            ["PayeeName"] = "上海国贸物业管理有限公司", ["BankName"] = "中国建设银行上海静安支行", ["BankAccount"] = "3105 0161 3600 0000 1234",
            ["CounterHours"] = "每天 08:00–20:00", ["ReceiptPaper"] = nameof(ReceiptPaper.Continuous241),
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var details = await admin.GetDocumentAsync($"/Properties/Details/{tower}");
        Assert.Contains("31050161360000001234", details.Body!.TextContent);
        Assert.Contains("每天 08:00–20:00", details.Body.TextContent);

        var run = await db.BillingRuns.AsNoTracking().Where(r => r.PropertyId == tower).OrderByDescending(r => r.Period).Select(r => r.Id).FirstAsync(Ct);
        using var manager = await PortalClient.SignedInAsync(app, "manager");
        var notices = await manager.GetDocumentAsync($"/Billing/Notices/{run}");

        var sheet = notices.QuerySelector("section.notice")!;
        Assert.StartsWith("尊敬的", sheet.QuerySelector(".notice-salutation")!.TextContent);
        Assert.Matches("(业主|住户)：$", sheet.QuerySelector(".notice-salutation")!.TextContent.Trim());
        Assert.Contains("31050161360000001234", sheet.TextContent);
        Assert.Contains("中国建设银行上海静安支行", sheet.TextContent);
        Assert.Contains("每天 08:00–20:00", sheet.TextContent);
    }

    [Fact]
    public async Task The_fee_account_has_one_payer_box_the_area_once_and_the_one_off_charge_its_own_words()
    {
        var ids = await app.IdsAsync();
        using var desk = await PortalClient.SignedInAsync(app, "frontdesk");
        var account = await desk.GetDocumentAsync($"/Fees/Account/{ids.Unit}");

        var pay = account.QuerySelector("#pay-form")!;
        Assert.Single(pay.QuerySelectorAll("[name='PayerName']"));
        Assert.Empty(pay.QuerySelectorAll("select[name='CustomerId']"));
        Assert.NotEmpty(account.QuerySelectorAll("datalist#payers option"));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(account.QuerySelector("main p.small")!.TextContent, "m²"));
        var charge = account.QuerySelector("#charge-form")!;
        Assert.DoesNotContain("故障描述", charge.OuterHtml);
        Assert.Contains("摘要", charge.QuerySelector("label[for='ChargeNote']")!.TextContent);

        // The payer typed (or picked) as the household's name is the household's payment.
        using var db = app.CreateDbContext(SystemPropertyScope.Instance);
        var household = await db.Customers.AsNoTracking().Where(c => c.Id == ids.Customer).Select(c => c.Name).SingleAsync(Ct);
        await using (var ledgerDb = app.CreateDbContext(SystemPropertyScope.Instance))
        {
            ledgerDb.Charges.Add(new Charge(ids.Property, ids.Unit, null, null, FeeKind.OneOff, null, "有偿维修费", 1, 88m, 88m, new DateOnly(2026, 12, 31),
                "T:payer-link", new PropertyPortal.Domain.Common.Actor(null, "t"), DateTime.UtcNow));
            await ledgerDb.SaveChangesAsync(Ct);
        }

        var paid = await desk.SubmitFormAsync($"/Fees/Account/{ids.Unit}", "#pay-form", new Dictionary<string, string> { ["PayerName"] = household, ["Amount"] = "88.00" });
        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        var receipt = Guid.Parse(paid.RedirectPath()[(paid.RedirectPath().LastIndexOf('/') + 1)..]);
        Assert.Equal(ids.Customer, await db.Payments.AsNoTracking().Where(p => p.Id == receipt).Select(p => p.CustomerId).SingleAsync(Ct));
    }

    [Fact]
    public async Task The_arrears_list_runs_door_to_door()
    {
        var ids = await app.IdsAsync();
        using var desk = await PortalClient.SignedInAsync(app, "frontdesk");
        var list = await desk.GetDocumentAsync($"/Fees?propertyId={ids.Property}");

        var units = list.QuerySelectorAll("main table tbody a[href*='/Fees/Account/']").Select(a => a.TextContent.Trim()).ToList();

        Assert.True(units.Count > 10, $"the demo leaves a fifth of the units owing; the page lists {units.Count}");
        Assert.Equal(units.OrderBy(Unit.OrderKey, StringComparer.Ordinal).ToList(), units);
    }

    [Fact]
    public async Task Each_role_lands_on_its_own_work_named_in_its_own_words()
    {
        await app.IdsAsync();
        using var steward = await PortalClient.SignedInAsync(app, "steward");
        var home = await steward.GetDocumentAsync("/");

        var calls = home.QuerySelector("#work-DunningCalls")!;
        Assert.Contains("催缴电话", calls.TextContent);
        Assert.True(int.Parse(calls.QuerySelector(".badge")!.TextContent, CultureInfo.InvariantCulture) > 0, "the ladder gave the stewards reminder calls");
        Assert.NotEmpty(calls.QuerySelectorAll("a[href*='/Dunning/Case/']"));
        Assert.NotNull(home.QuerySelector("#work-CustodyPatrols"));
        Assert.NotNull(home.QuerySelector("#work-RenovationPatrols"));

        foreach (var (user, tile) in new[] { ("manager", "RenovationsToApprove"), ("frontdesk", "MoveInsToday"), ("technician", "RenovationsToEngineer"), ("supervisor", "CallbacksHandedUp") })
        {
            using var client = await PortalClient.SignedInAsync(app, user);
            var page = await client.GetDocumentAsync("/");
            Assert.True(page.QuerySelector($"#work-{tile}") is not null, $"{user}'s home has no {tile}");
            Assert.DoesNotContain("Home.Work.", page.Body!.TextContent);
            Assert.DoesNotContain("Entity.", page.Body.TextContent);
        }

        // The manager's approval is there by name: the renovation the desk and engineering passed on.
        using var manager = await PortalClient.SignedInAsync(app, "manager");
        var managerHome = await manager.GetDocumentAsync("/");
        Assert.Equal("1", managerHome.QuerySelector("#work-RenovationsToApprove .badge")!.TextContent);

        // Jobs and seeding act as 系统, not "system".
        using var supervisor = await PortalClient.SignedInAsync(app, "supervisor");
        var recent = (await supervisor.GetDocumentAsync("/")).QuerySelectorAll("main table tbody tr td:nth-child(2)").Select(td => td.TextContent.Trim()).ToList();
        Assert.NotEmpty(recent);
        Assert.DoesNotContain("system", recent);
    }

    [Fact]
    public async Task A_repair_order_prints_with_signature_lines_without_an_empty_photo_heading_or_a_ticking_countdown_and_lists_clocks_by_due_time()
    {
        var ids = await app.IdsAsync();
        using var desk = await PortalClient.SignedInAsync(app, "frontdesk");
        var order = await desk.GetDocumentAsync($"/Repairs/Details/{ids.OnSiteOrder}");

        var signatures = order.QuerySelector(".signature-lines.print-only")!;
        Assert.Contains("维修人员签字", signatures.TextContent);
        Assert.Contains("客户签字确认", signatures.TextContent);
        var photos = order.QuerySelectorAll(".card").First(c => c.QuerySelector("h2")?.TextContent == "照片");
        Assert.Contains("no-print", photos.ClassName);
        Assert.All(order.QuerySelectorAll(".countdown"), c => Assert.NotNull(c.NextElementSibling is { } next && next.ClassList.Contains("print-only") ? next : null));

        var dues = order.QuerySelectorAll("td[data-label='截止']").Select(td => DateTime.ParseExact(td.TextContent.Trim()[..16], "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)).ToList();
        Assert.True(dues.Count >= 3, "an order on site has its issued, reply, on-site and finish clocks");
        Assert.Equal(dues.Order().ToList(), dues);
    }
}
