using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PropertyPortal.BrowserTests.Infrastructure;

namespace PropertyPortal.BrowserTests;

/// <summary>
/// 社区活动 as the supervisor's desk works it in Chromium: a new ad hoc event proposed from the events page, its plan form
/// (策划表) filled in with an itemised budget, and the plan printed on one A4 width with its theme and budget total; the
/// events list on a 390 px phone without sideways scrolling.
/// </summary>
public sealed partial class EventFlowTests(PortalServer portal)
{
    private const int A4WidthPx = 794; // 210 mm at 96 px to the inch

    [Fact]
    public async Task The_supervisor_proposes_an_event_fills_its_plan_and_prints_it_on_A4_with_its_theme_and_budget_total()
    {
        await using var context = await portal.NewContextAsync(1366, 900);
        var page = await context.NewPageAsync();
        await PortalPages.SignInAsync(page, "supervisor");
        await ProposeAsync(page, "社区义诊进万家", "义诊", "南门广场");
        await Assertions.Expect(page).ToHaveURLAsync(DetailsUrl());
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("待立项");
        await PortalServer.ScreenshotAsync(page, "event-proposed");

        // The plan form: every part the seed's 策划表 names, and an itemised budget.
        await page.GetByRole(AriaRole.Link, new() { Name = "填写策划表" }).ClickAsync();
        await page.FillAsync("#EventContent", "测血压、血糖；中医问诊；用药咨询");
        await page.FillAsync("#Schedule", "D-10 联系社区医院；D-3 张贴通知；D-1 布场");
        await page.FillAsync("#DepartmentDuties", "客服部接待登记；工程部供电；秩序部维持秩序");
        await page.FillAsync("#PartnerProposals", "街道社区卫生服务中心派医生 4 名");
        await page.FillAsync("#EmergencyPlan", "设急救点，配 AED；遇雨移至会所");
        await page.FillAsync("#EvaluationMethod", "现场满意度问卷");
        await page.FillAsync("#DayRoles", "总指挥：李主管；登记：张前台");
        await page.FillAsync("input[name='Budget[0].BudgetItem']", "帐篷及桌椅租赁");
        await page.FillAsync("input[name='Budget[0].Amount']", "1200");
        await page.FillAsync("input[name='Budget[1].BudgetItem']", "宣传物料");
        await page.FillAsync("input[name='Budget[1].Amount']", "350.50");
        await PortalServer.ScreenshotAsync(page, "event-plan-form");
        await page.Locator("#event-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(DetailsUrl());
        await Assertions.Expect(page.Locator("#missing")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#budget tfoot")).ToContainTextAsync("1,550.50");

        // The printed 策划表: A4, nothing wider than the paper, the theme and the budget's total on it.
        await page.GetByRole(AriaRole.Link, new() { Name = "打印策划表" }).ClickAsync();
        await page.SetViewportSizeAsync(A4WidthPx, 1123);
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await PortalServer.ScreenshotAsync(page, "event-plan-print");
        var sheet = page.Locator("#print-plan-sheet");
        await Assertions.Expect(sheet).ToContainTextAsync("社区义诊进万家");
        await Assertions.Expect(sheet.Locator("tfoot")).ToContainTextAsync("1,550.50");
        await Assertions.Expect(sheet).ToContainTextAsync("街道社区卫生服务中心");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "打印" })).Not.ToBeVisibleAsync();
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, Math.ceil(document.querySelector('#print-plan-sheet').getBoundingClientRect().right)]");
        Assert.True(widths[0] <= A4WidthPx + 1 && widths[1] <= A4WidthPx, $"the printed plan is {widths[0]} px wide (sheet ends at {widths[1]} px) on A4's {A4WidthPx} px");

        var pdf = Encoding.Latin1.GetString(await page.PdfAsync(new PagePdfOptions { PreferCSSPageSize = true, PrintBackground = true }));
        var box = MediaBox().Match(pdf);
        Assert.True(box.Success, "the PDF names its page size");
        Assert.InRange(double.Parse(box.Groups["w"].Value, CultureInfo.InvariantCulture) / 72 * 25.4, 209, 211);
        Assert.InRange(double.Parse(box.Groups["h"].Value, CultureInfo.InvariantCulture) / 72 * 25.4, 296, 298);
    }

    [Fact]
    public async Task The_events_list_and_the_notice_ledger_fit_a_390_px_phone()
    {
        await using var context = await portal.NewContextAsync(390, 844, mobile: true);
        var page = await context.NewPageAsync();
        await PortalPages.SignInAsync(page, "supervisor");
        await ProposeAsync(page, "楼道清洁志愿日", "志愿服务", "各楼栋大堂");
        await page.GotoAsync("/Events");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("楼道清洁志愿日");
        await PortalServer.ScreenshotAsync(page, "events-list-390");
        await AssertNoSidewaysScrollAsync(page, "the events list");
        await Layout.AssertFitsAsync(page, "events list at 390 px");

        // The notice ledger's head has the same row of buttons.
        await page.GotoAsync("/Notices");
        await PortalServer.ScreenshotAsync(page, "notices-list-390");
        await AssertNoSidewaysScrollAsync(page, "the notice ledger");
        await Layout.AssertFitsAsync(page, "notice ledger at 390 px");
    }

    private static async Task AssertNoSidewaysScrollAsync(IPage page, string what)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"{what} is {widths[0]} px wide on a {widths[1]} px screen");
    }

    /// <summary>From the events page: 新建临时活动, the first fields of the plan form, 提交.</summary>
    private static async Task ProposeAsync(IPage page, string theme, string format, string place)
    {
        await page.GotoAsync("/Events");
        await page.GetByRole(AriaRole.Link, new() { Name = "新建临时活动" }).ClickAsync();
        var property = page.Locator("select#PropertyId");
        if (await property.IsVisibleAsync())
        {
            await property.SelectOptionAsync(new SelectOptionValue { Label = "翠湖花园" });
        }

        var starts = DateTime.Today.AddDays(35).AddHours(9).AddMinutes(30);
        await page.FillAsync("#Theme", theme);
        await page.FillAsync("#Format", format);
        await page.FillAsync("#Place", place);
        await page.FillAsync("#StartsAt", starts.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        await page.FillAsync("#EndsAt", starts.AddHours(3).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        await page.FillAsync("#ExpectedAttendance", "120");
        await page.CheckAsync("#PublicWelfare");
        await page.Locator("#event-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(DetailsUrl());
    }

    [GeneratedRegex(@"/Events/Details/[0-9a-f-]{36}$")]
    private static partial Regex DetailsUrl();

    [GeneratedRegex(@"/MediaBox\s*\[\s*0\s+0\s+(?<w>[\d.]+)\s+(?<h>[\d.]+)\s*\]")]
    private static partial Regex MediaBox();
}
