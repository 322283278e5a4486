using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PropertyPortal.BrowserTests.Infrastructure;

namespace PropertyPortal.BrowserTests;

/// <summary>
/// A complaint from the counter to its first reply, clicked as the clerk does: the call is logged, turned
/// into a complaint prefilled from it, classified, and answered within the hour. Every step leaves a
/// screenshot (complaint-NN-*.png).
/// </summary>
public sealed partial class ComplaintFlowTests(PortalServer portal)
{
    [Fact]
    public async Task A_call_at_the_front_desk_becomes_an_important_complaint_that_the_clerk_answers_within_the_hour()
    {
        await using var desk = await portal.NewContextAsync();
        var page = await desk.NewPageAsync();
        await PortalPages.SignInAsync(page, "frontdesk");

        // 1. The call: the household by the last four digits, the subject, then 保存并受理投诉.
        await page.GotoAsync("/Contacts/Create");
        var lookup = page.GetByRole(AriaRole.Combobox, new() { Name = "查找住户" });
        await lookup.PressSequentiallyAsync("8000");
        var options = page.Locator("#lookup-list [role=option]");
        await Assertions.Expect(options.First).ToBeVisibleAsync();
        var texts = await options.AllInnerTextsAsync();
        var index = texts.ToList().FindIndex(t => t.Contains("138****8000", StringComparison.Ordinal));
        Assert.True(index >= 0, "The sample household (138****8000) is not among the suggestions: " + string.Join(" | ", texts));
        for (var i = 0; i < index; i++)
        {
            await lookup.PressAsync("ArrowDown");
        }

        await lookup.PressAsync("Enter");
        await page.Locator("#Subject").FillAsync("投诉保安夜间巡逻大声喧哗");
        await page.Locator("label[for=Source_Phone]").ClickAsync();
        await PortalServer.ScreenshotAsync(page, "complaint-01-contact");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存并受理投诉", Exact = true }).ClickAsync();

        // 2. The complaint form, prefilled from the call; the clerk picks category and tier.
        await Assertions.Expect(page).ToHaveURLAsync(CreateUrl());
        await Assertions.Expect(page.Locator("#ComplainantName")).Not.ToHaveValueAsync("");
        await Assertions.Expect(page.Locator("#Content")).ToHaveValueAsync(new Regex("夜间巡逻"));
        await page.Locator("#CategoryId").SelectOptionAsync(new SelectOptionValue { Label = "员工服务态度" });
        await page.Locator("#AgainstDepartment").FillAsync("秩序部");
        await page.Locator("#Demand").FillAsync("调整巡逻路线并道歉");
        await page.Locator("label[for=tier-Important]").ClickAsync();
        await Assertions.Expect(page.Locator("#tier-Important")).ToBeCheckedAsync();
        await PortalServer.ScreenshotAsync(page, "complaint-02-form");
        await page.GetByRole(AriaRole.Button, new() { Name = "受理", Exact = true }).ClickAsync();

        // 3. The complaint page: number, tier, the reply and escalation clocks running.
        await Assertions.Expect(page).ToHaveURLAsync(DetailsUrl());
        var number = (await page.Locator("main h1").InnerTextAsync()).Trim();
        Assert.Matches(ComplaintNumber(), number);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync($"投诉 {number} 已受理");
        await Assertions.Expect(page.Locator("main .badge", new() { HasText = "重要投诉" })).ToBeVisibleAsync();
        var clocks = page.Locator(".card", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "服务时限", Exact = true }) });
        await Assertions.Expect(clocks).ToContainTextAsync("投诉答复");
        await Assertions.Expect(clocks).ToContainTextAsync("上报");
        await Assertions.Expect(clocks).ToContainTextAsync("解决");
        await PortalServer.ScreenshotAsync(page, "complaint-03-accepted");

        // 4. The reply, by phone: the 1-hour clock is met and the timeline says who answered.
        await page.Locator("#reply-text").FillAsync("已致电致歉，今晚起调整巡逻路线");
        await page.GetByRole(AriaRole.Button, new() { Name = "记录答复", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync($"投诉 {number}：答复已记录");
        var timeline = page.Locator(".card", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "处理记录", Exact = true }) });
        await Assertions.Expect(timeline).ToContainTextAsync("答复客户");
        await Assertions.Expect(timeline).ToContainTextAsync("张前台");
        await Assertions.Expect(timeline).ToContainTextAsync("电话: 已致电致歉");
        var replyRow = clocks.Locator("tr", new() { HasText = "投诉答复" });
        await Assertions.Expect(replyRow.Locator(".countdown")).ToHaveCountAsync(0);
        await PortalServer.ScreenshotAsync(page, "complaint-04-replied");

        // 5. The register lists it, and on a phone the page still fits.
        await page.GotoAsync("/Complaints?open=true");
        await Assertions.Expect(page.Locator("main tr", new() { Has = page.GetByRole(AriaRole.Link, new() { Name = number, Exact = true }) })).ToBeVisibleAsync();
        await PortalServer.ScreenshotAsync(page, "complaint-05-register");
        await using var field = await portal.NewContextAsync(390, 844, mobile: true);
        var phone = await field.NewPageAsync();
        await PortalPages.SignInAsync(phone, "frontdesk");
        await phone.GotoAsync("/Complaints");
        var width = await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"The complaint register is {width}px wide on a 390px phone.");
        await PortalServer.ScreenshotAsync(phone, "complaint-06-register-phone");
    }

    [GeneratedRegex(@"/Complaints/Create\?")]
    private static partial Regex CreateUrl();

    [GeneratedRegex(@"/Complaints/Details/[0-9a-fA-F-]{36}$")]
    private static partial Regex DetailsUrl();

    [GeneratedRegex(@"^TS\d{8}-\d{4}$")]
    private static partial Regex ComplaintNumber();
}
