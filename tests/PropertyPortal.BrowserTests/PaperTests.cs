using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PropertyPortal.BrowserTests.Infrastructure;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Seeding;

namespace PropertyPortal.BrowserTests;

/// <summary>
/// What comes out of the printer, as Chromium prints it: a receipt is one form of the property's paper (a third of
/// A4, or the 241 mm continuous form), the repair order's copy has lines to sign and no ticking countdown, the
/// payment notice greets the household and says how to pay, and date boxes are marked Chinese for the browser.
/// </summary>
public sealed partial class PaperTests(PortalServer portal)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DemoSeeder.ResidentialCode, "frontdesk", 210, 99)]
    [InlineData(DemoSeeder.OfficeCode, "officedesk", 241, 93)]
    public async Task A_receipt_prints_on_one_form_of_the_propertys_paper(string property, string cashier, int widthMm, int heightMm)
    {
        var receipt = await FirstPaymentAsync(property);
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        await PortalPages.SignInAsync(page, cashier);
        await page.GotoAsync($"/Fees/Receipt/{receipt}");
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });

        // The screenshot at the paper's own width (96 px to the inch), to look at the form as it prints.
        await page.SetViewportSizeAsync((int)(widthMm / 25.4 * 96), (int)(heightMm / 25.4 * 96));
        await PortalServer.ScreenshotAsync(page, $"paper-receipt-{property}");

        var pdf = Encoding.Latin1.GetString(await page.PdfAsync(new PagePdfOptions { PreferCSSPageSize = true, PrintBackground = true }));

        Assert.Equal(1, PdfPage().Count(pdf));
        var box = MediaBox().Match(pdf);
        Assert.True(box.Success, "the PDF names its page size");
        var (width, height) = (double.Parse(box.Groups["w"].Value, System.Globalization.CultureInfo.InvariantCulture), double.Parse(box.Groups["h"].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.InRange(width / 72 * 25.4, widthMm - 1, widthMm + 1);
        Assert.InRange(height / 72 * 25.4, heightMm - 1, heightMm + 1);
    }

    [Fact]
    public async Task A_repair_order_prints_with_lines_to_sign_and_no_ticking_countdown()
    {
        var order = await OrderAsync(RepairStatus.OnSite);
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        await PortalPages.SignInAsync(page, "frontdesk");
        await page.GotoAsync($"/Repairs/Details/{order}");
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await PortalServer.ScreenshotAsync(page, "paper-repair-order");

        await Assertions.Expect(page.GetByText("维修人员签字")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("客户签字确认")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".countdown").First).Not.ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "照片" })).Not.ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#actions")).Not.ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_payment_notice_greets_the_household_and_says_how_to_pay()
    {
        Guid run, building;
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var chhy = await db.Properties.Where(p => p.Code == DemoSeeder.ResidentialCode).Select(p => p.Id).SingleAsync(Ct);
            run = await db.BillingRuns.Where(r => r.PropertyId == chhy).OrderByDescending(r => r.Period).Select(r => r.Id).FirstAsync(Ct);
            building = await db.Buildings.Where(b => b.PropertyId == chhy).OrderBy(b => b.Code).Select(b => b.Id).FirstAsync(Ct);
        }

        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        await PortalPages.SignInAsync(page, "supervisor");
        await page.GotoAsync($"/Billing/Notices/{run}?buildingId={building}");
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await PortalServer.ScreenshotAsync(page, "paper-payment-notices");

        var first = page.Locator("section.notice").First;
        await Assertions.Expect(first.Locator(".notice-salutation")).ToHaveTextAsync(Salutation());
        await Assertions.Expect(first).ToContainTextAsync("1001 2066 0901 0012 345".Replace(" ", "", StringComparison.Ordinal));
        await Assertions.Expect(first).ToContainTextAsync("每天 08:30–17:30");
    }

    [Fact]
    public async Task Date_boxes_read_year_month_day_on_a_Chinese_browser()
    {
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        await PortalPages.SignInAsync(page, "frontdesk");
        await page.GotoAsync("/Contacts");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        var date = page.Locator("input[type=date]").First;
        await date.FillAsync("2026-12-07");
        await PortalServer.ScreenshotAsync(page, "paper-date-box");

        // The browser draws the box in its own language (a Chinese browser: 年/月/日); the page says it is Chinese and
        // keeps years to four digits. (Debian's Chromium here has only its en-US locale pack, so it draws mm/dd/yyyy.)
        Assert.Equal("zh-CN", await page.EvaluateAsync<string>("() => navigator.language"));
        Assert.Equal("1950-01-01", await date.GetAttributeAsync("min"));
    }

    private async Task<Guid> FirstPaymentAsync(string propertyCode)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var property = await db.Properties.Where(p => p.Code == propertyCode).Select(p => p.Id).SingleAsync(Ct);
        return await db.Payments.Where(p => p.PropertyId == property).OrderBy(p => p.Sequence).Select(p => p.Id).FirstAsync(Ct);
    }

    private async Task<Guid> OrderAsync(RepairStatus status)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.RepairOrders.Where(o => o.Status == status).OrderBy(o => o.Number).Select(o => o.Id).FirstAsync(Ct);
    }

    [GeneratedRegex(@"/Type\s*/Page(?!s)")]
    private static partial Regex PdfPage();

    [GeneratedRegex(@"/MediaBox\s*\[\s*0\s+0\s+(?<w>[\d.]+)\s+(?<h>[\d.]+)\s*\]")]
    private static partial Regex MediaBox();

    [GeneratedRegex("^尊敬的.+(业主|住户)：$")]
    private static partial Regex Salutation();
}
