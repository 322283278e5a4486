using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PropertyPortal.BrowserTests.Infrastructure;

namespace PropertyPortal.BrowserTests;

/// <summary>
/// An owner's renovation, clicked as the desk, the engineer and the Manager do: the application taken at the
/// unit's page (refused while the documents are unchecked), the service and engineering reviews, the
/// Manager's approval putting the deposit and debris fee on the fee account, no permit before the deposit is
/// paid at the counter, then the permit issued and printed. Every step leaves a screenshot (renovation-NN-*.png).
/// </summary>
public sealed partial class RenovationFlowTests(PortalServer portal)
{
    private const string Contractor = "锦华装饰";

    [Fact]
    public async Task An_owners_renovation_application_goes_through_review_and_the_managers_approval_and_its_permit_prints()
    {
        // 1. The desk: 房屋, only occupied units, the first one with a household → its page → 申请装修.
        await using var desk = await portal.NewContextAsync();
        var page = await desk.NewPageAsync();
        await PortalPages.SignInAsync(page, "frontdesk");
        await page.Locator("#mainNav").GetByRole(AriaRole.Link, new() { Name = "房屋", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(UnitsUrl());
        await page.Locator("#status").SelectOptionAsync(new SelectOptionValue { Label = "已入住" });
        await page.GetByRole(AriaRole.Button, new() { Name = "筛选", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("status=Occupied"));
        var occupied = page.Locator("main tbody tr").Filter(new() { Has = page.Locator("td[data-label='住户']", new() { HasTextRegex = new Regex(@"\S") }) });
        await Assertions.Expect(occupied.First).ToBeVisibleAsync();
        var unitLink = occupied.First.Locator("td").First.GetByRole(AriaRole.Link);
        var unitNumber = (await unitLink.InnerTextAsync()).Trim();
        await unitLink.ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(UnitUrl());
        await Assertions.Expect(page.Locator("main h1")).ToContainTextAsync(unitNumber);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("当前住户");
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("当前没有住户。");
        await PortalServer.ScreenshotAsync(page, "renovation-01-unit");
        await page.Locator("main h1 + div").GetByRole(AriaRole.Link, new() { Name = "申请装修", Exact = true }).ClickAsync();

        // The application, everything but the documents box: refused with the reason, nothing created.
        await Assertions.Expect(page).ToHaveURLAsync(CreateUrl());
        var form = page.Locator("#renovation-form");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync(unitNumber);
        await Assertions.Expect(form.Locator("#ApplicantName")).Not.ToHaveValueAsync("");
        await form.GetByLabel("施工单位", new() { Exact = true }).FillAsync(Contractor);
        await form.GetByLabel("施工单位资质/执照号").FillAsync("JZ-2026-118");
        await form.GetByRole(AriaRole.Radio, new() { Name = "涉及中央空调、消防等系统" }).CheckAsync();
        await form.Locator("#Description").FillAsync("客厅隔断、厨房改造，移动两处中央空调出风口");
        await form.GetByLabel("施工人数").FillAsync("3");
        await Assertions.Expect(form.GetByLabel("已核对身份证/委托书及装修图纸")).Not.ToBeCheckedAsync();
        var submit = form.GetByRole(AriaRole.Button, new() { Name = "受理申请", Exact = true });
        await submit.ClickAsync();
        await Assertions.Expect(form).ToContainTextAsync("资料齐全方可受理");
        await Assertions.Expect(page).ToHaveURLAsync(CreateUrl());
        await Assertions.Expect(page.Locator("#status")).ToHaveCountAsync(0);
        await Assertions.Expect(form.Locator("#ContractorName")).ToHaveValueAsync(Contractor);
        await PortalServer.ScreenshotAsync(page, "renovation-02-documents-unchecked");

        // Ticked (the scope and the rest are kept): accepted, numbered, the approval clock running.
        await form.GetByLabel("已核对身份证/委托书及装修图纸").CheckAsync();
        await Assertions.Expect(form.GetByRole(AriaRole.Radio, new() { Name = "涉及中央空调、消防等系统" })).ToBeCheckedAsync();
        await Assertions.Expect(form.GetByLabel("施工人数")).ToHaveValueAsync("3");
        await PortalServer.ScreenshotAsync(page, "renovation-03-application");
        await submit.ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(DetailsUrl());
        var detailsUrl = new Uri(page.Url).PathAndQuery;
        var number = (await page.Locator("main h1").EvaluateAsync<string>("h => h.firstChild.textContent")).Trim();
        Assert.Matches(RenovationNumber(), number);
        await Assertions.Expect(page.Locator("main .alert-success")).ToContainTextAsync($"装修申请 {number} 已受理，须在 3 个工作日内批复");
        var status = page.Locator("#status");
        await Assertions.Expect(status).ToHaveTextAsync("待客服审核");
        await Assertions.Expect(page.Locator("main tr", new() { HasText = "装修审批" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync(Contractor);
        await PortalServer.ScreenshotAsync(page, "renovation-04-submitted");

        // Exactly one application was created, though the form was sent twice.
        await page.GotoAsync("/Renovations?q=" + Uri.EscapeDataString(Contractor));
        await Assertions.Expect(page.Locator("main tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("main tbody tr")).ToContainTextAsync(number);
        await page.Locator("main tbody").GetByRole(AriaRole.Link, new() { Name = number, Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(DetailsUrl());

        // 2. Customer service review at the desk.
        var actions = page.Locator("#actions");
        await actions.GetByRole(AriaRole.Button, new() { Name = "客服审核通过", Exact = true }).ClickAsync();
        await Assertions.Expect(status).ToHaveTextAsync("待工程审核");
        await Assertions.Expect(page.Locator("main .alert-success")).ToContainTextAsync($"{number} 客服审核通过");
        await PortalServer.ScreenshotAsync(page, "renovation-05-service-reviewed");

        // 3. The engineer, in his own browser: engineering review; the approval is not his.
        await using var engineering = await portal.NewContextAsync();
        var tech = await engineering.NewPageAsync();
        await PortalPages.SignInAsync(tech, "technician");
        await tech.GotoAsync(detailsUrl);
        await Assertions.Expect(tech.Locator("#status")).ToHaveTextAsync("待工程审核");
        await tech.Locator("#eng-note").FillAsync("不影响消防喷淋");
        await tech.Locator("#actions").GetByRole(AriaRole.Button, new() { Name = "工程审核通过", Exact = true }).ClickAsync();
        await Assertions.Expect(tech.Locator("#status")).ToHaveTextAsync("待经理审批");
        await Assertions.Expect(tech.Locator("#actions")).ToContainTextAsync("等待经理审批");
        await Assertions.Expect(tech.GetByRole(AriaRole.Button, new() { Name = "经理批准" })).ToHaveCountAsync(0);
        await Assertions.Expect(tech.Locator("#approve-form")).ToHaveCountAsync(0);
        await PortalServer.ScreenshotAsync(tech, "renovation-06-engineering-reviewed");

        // 4. The Manager: deposit 2000, debris fee 300, 经理批准 → both on the unit's fee account.
        await using var office = await portal.NewContextAsync();
        var boss = await office.NewPageAsync();
        await PortalPages.SignInAsync(boss, "manager");
        await boss.GotoAsync(detailsUrl);
        await Assertions.Expect(boss.Locator("#status")).ToHaveTextAsync("待经理审批");
        var approve = boss.Locator("#approve-form");
        await approve.GetByLabel("装修保证金").FillAsync("2000");
        await approve.GetByLabel("装修垃圾清运费").FillAsync("300");
        await PortalServer.ScreenshotAsync(boss, "renovation-07-approval");
        await approve.GetByRole(AriaRole.Button, new() { Name = "经理批准", Exact = true }).ClickAsync();
        await Assertions.Expect(boss.Locator("#status")).ToContainTextAsync("已批准");
        await Assertions.Expect(boss.Locator("main .alert-success")).ToContainTextAsync($"{number} 已批准");
        await Assertions.Expect(boss.Locator("main .alert-success")).ToContainTextAsync("收费账户");
        await Assertions.Expect(boss.Locator("#deposit")).ToContainTextAsync("¥2,000.00");
        await Assertions.Expect(boss.Locator("#deposit")).ToContainTextAsync("¥300.00");
        await PortalServer.ScreenshotAsync(boss, "renovation-08-approved");

        // 5. The desk: agreement signed; the permit refused while the deposit is unpaid.
        await page.ReloadAsync();
        await Assertions.Expect(status).ToContainTextAsync("已批准");
        await actions.GetByRole(AriaRole.Button, new() { Name = "已签装修协议", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("main .alert-success")).ToContainTextAsync($"{number} 装修协议已签");
        await actions.GetByRole(AriaRole.Button, new() { Name = "发放装修许可证", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("main .alert-danger")).ToContainTextAsync("缴清保证金");
        await Assertions.Expect(status).ToContainTextAsync("已批准");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "打印装修许可证" })).ToHaveCountAsync(0);
        await PortalServer.ScreenshotAsync(page, "renovation-09-permit-refused");

        // At the counter: the whole balance (deposit, debris fee and anything else owed) in one payment.
        await page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "收费账户", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(AccountUrl());
        var statement = page.Locator("#statement");
        await Assertions.Expect(statement).ToContainTextAsync($"装修保证金 {number}");
        await Assertions.Expect(statement).ToContainTextAsync($"装修垃圾清运费 {number}");
        var balance = await MoneyAsync(page.Locator("#balance"));
        Assert.True(balance >= 2300m, $"The account owes {balance}, less than the 2,300.00 the Manager just charged.");
        var pay = page.Locator("#pay-form");
        await pay.GetByLabel("金额", new() { Exact = true }).FillAsync(Money(balance));
        await PortalServer.ScreenshotAsync(page, "renovation-10-account");
        await pay.GetByRole(AriaRole.Button, new() { Name = "收款并打印收据", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(ReceiptUrl());
        await Assertions.Expect(page.Locator("#receipt")).ToContainTextAsync("¥" + balance.ToString("N2", CultureInfo.InvariantCulture));

        // Back to the renovation through the unit's page; now the permit is issued and the works run.
        await page.GoBackAsync();
        await Assertions.Expect(page).ToHaveURLAsync(AccountUrl());
        await page.ReloadAsync();
        Assert.Equal(0m, await MoneyAsync(page.Locator("#balance")));
        await page.GetByRole(AriaRole.Link, new() { Name = "房屋资料", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(UnitUrl());
        await page.Locator("#household-renovations").GetByRole(AriaRole.Link, new() { Name = number, Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(DetailsUrl());
        await Assertions.Expect(page.Locator("#deposit")).ToContainTextAsync("代管中 ¥2,000.00");
        await actions.GetByRole(AriaRole.Button, new() { Name = "发放装修许可证", Exact = true }).ClickAsync();
        await Assertions.Expect(status).ToHaveTextAsync("施工中");
        await Assertions.Expect(page.Locator("main .alert-success")).ToContainTextAsync($"{number} 装修许可证已发放");
        await PortalServer.ScreenshotAsync(page, "renovation-11-in-progress");

        // The permit on paper: only the permit, numbered XK-ZX…, no menu.
        await page.GetByRole(AriaRole.Link, new() { Name = "打印装修许可证", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(PermitUrl());
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        var permit = page.Locator("#permit");
        await Assertions.Expect(permit).ToBeVisibleAsync();
        await Assertions.Expect(permit).ToContainTextAsync("装修许可证");
        await Assertions.Expect(permit).ToContainTextAsync($"No. XK-{number}");
        await Assertions.Expect(permit).ToContainTextAsync(unitNumber);
        await Assertions.Expect(permit).ToContainTextAsync(Contractor);
        await Assertions.Expect(page.Locator("header")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#mainNav")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "打印" })).ToBeHiddenAsync();
        await PortalServer.ScreenshotAsync(page, "renovation-12-permit-print");
        await page.EmulateMediaAsync(new() { Media = Media.Screen });
    }

    /// <summary>The invariant text the cashier types, e.g. 2300.00.</summary>
    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>A shown amount such as ¥12,345.60 (or -¥5.00) as a number.</summary>
    private static async Task<decimal> MoneyAsync(ILocator locator)
    {
        var text = (await locator.InnerTextAsync()).Trim();
        var bare = text.Replace("¥", "", StringComparison.Ordinal).Replace("￥", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal);
        Assert.True(decimal.TryParse(bare, NumberStyles.Number, CultureInfo.InvariantCulture, out var value), $"Not an amount: '{text}'.");
        return value;
    }

    [GeneratedRegex(@"/Units/?(\?.*)?$")]
    private static partial Regex UnitsUrl();

    [GeneratedRegex(@"/Units/Details/[0-9a-fA-F-]{36}$")]
    private static partial Regex UnitUrl();

    [GeneratedRegex(@"/Renovations/Create(\?unitId=[0-9a-fA-F-]{36})?$")]
    private static partial Regex CreateUrl();

    [GeneratedRegex(@"/Renovations/Details/[0-9a-fA-F-]{36}$")]
    private static partial Regex DetailsUrl();

    [GeneratedRegex(@"/Renovations/Permit/[0-9a-fA-F-]{36}$")]
    private static partial Regex PermitUrl();

    [GeneratedRegex(@"/Fees/Account/[0-9a-fA-F-]{36}$")]
    private static partial Regex AccountUrl();

    [GeneratedRegex(@"/Fees/Receipt/[0-9a-fA-F-]{36}$")]
    private static partial Regex ReceiptUrl();

    [GeneratedRegex(@"^ZX\d{8}-\d{4}$")]
    private static partial Regex RenovationNumber();
}
