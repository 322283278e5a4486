using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PropertyPortal.BrowserTests.Infrastructure;

namespace PropertyPortal.BrowserTests;

/// <summary>
/// The front-desk clerk's day in one piece: a call comes in, becomes a repair order, the technician does it
/// on his phone, the clerk calls back and the order closes. Every step leaves a screenshot (repair-NN-*.png).
/// </summary>
public sealed partial class RepairFlowTests(PortalServer portal)
{
    /// <summary>The demo seeder's first household (DemoSeeder.SamplePhone); a caller reads out "8000".</summary>
    private const string SamplePhone = "13800138000";

    private const string Category = "电 · 户内跳闸";

    [Fact]
    public async Task A_call_at_the_front_desk_becomes_a_repair_that_the_technician_finishes_and_the_callback_closes()
    {
        // 1. The clerk signs in; her home page starts with her queue.
        await using var desk = await portal.NewContextAsync();
        var page = await desk.NewPageAsync();
        await PortalPages.SignInAsync(page, "frontdesk");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "我的待办", Exact = true })).ToBeVisibleAsync();
        await PortalServer.ScreenshotAsync(page, "repair-01-home-queue");

        // 2. The call: "8000" finds the household, Enter picks it, the subject and source follow.
        await page.GotoAsync("/Contacts/Create");
        var lookup = page.GetByRole(AriaRole.Combobox, new() { Name = "查找住户" });
        await Assertions.Expect(lookup).ToBeFocusedAsync();
        await lookup.PressSequentiallyAsync("8000");
        var options = page.Locator("#lookup-list [role=option]");
        await Assertions.Expect(options.First).ToBeVisibleAsync();
        await Assertions.Expect(options.First).ToHaveClassAsync(Active());

        // "8000" may match several households; walk down to the sample one (138****8000) with the arrow key.
        var texts = await options.AllInnerTextsAsync();
        var index = texts.ToList().FindIndex(t => t.Contains("138****8000", StringComparison.Ordinal));
        Assert.True(index >= 0, "The sample household (138****8000) is not among the suggestions: " + string.Join(" | ", texts));
        for (var i = 0; i < index; i++)
        {
            await lookup.PressAsync("ArrowDown");
        }

        await Assertions.Expect(options.Nth(index)).ToHaveClassAsync(Active());
        await PortalServer.ScreenshotAsync(page, "repair-02-lookup-suggestions");
        await lookup.PressAsync("Enter");

        // Picking fills the caller's name and phone and moves on to the subject.
        var subject = page.Locator("#Subject");
        await Assertions.Expect(subject).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("#lookup-list")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#Phone")).ToHaveValueAsync(SamplePhone);
        var caller = await page.Locator("#Name").InputValueAsync();
        Assert.False(string.IsNullOrWhiteSpace(caller), "Picking the household did not fill the caller's name.");

        await subject.FillAsync("厨房插座跳闸，整户没电");
        await page.Locator("label[for=Source_Phone]").ClickAsync();
        await Assertions.Expect(page.Locator("#Source_Phone")).ToBeCheckedAsync();
        await PortalServer.ScreenshotAsync(page, "repair-03-contact-filled");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存并转报修", Exact = true }).ClickAsync();

        // 3. The repair form arrives prefilled from the call; the clerk adds category, urgency and technician.
        await Assertions.Expect(page).ToHaveURLAsync(RepairCreateUrl());
        await Assertions.Expect(page.Locator("#ReporterName")).ToHaveValueAsync(caller);
        await Assertions.Expect(page.Locator("#Phone")).ToHaveValueAsync(SamplePhone);
        await Assertions.Expect(page.Locator("#Location")).Not.ToHaveValueAsync("");
        await Assertions.Expect(page.Locator("#Description")).ToHaveValueAsync(new Regex("厨房插座跳闸"));
        await Assertions.Expect(page.Locator("main form")).ToContainTextAsync("翠湖花园");
        await page.Locator("#CategoryId").SelectOptionAsync(new SelectOptionValue { Label = Category });
        await page.Locator("label[for=urgency-Emergency]").ClickAsync();
        await Assertions.Expect(page.Locator("#urgency-Emergency")).ToBeCheckedAsync();
        await page.Locator("#TechnicianId").SelectOptionAsync(new SelectOptionValue { Label = "刘师傅" });
        await PortalServer.ScreenshotAsync(page, "repair-04-order-form");
        await page.GetByRole(AriaRole.Button, new() { Name = "受理", Exact = true }).ClickAsync();

        // 4. The order: its number, 已派工, a running countdown and the timeline.
        await Assertions.Expect(page).ToHaveURLAsync(RepairDetailsUrl());
        var orderUrl = new Uri(page.Url).PathAndQuery;
        var number = (await page.Locator("main h1").InnerTextAsync()).Trim();
        Assert.Matches(OrderNumber(), number);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync($"报修单 {number} 已受理。");
        await Assertions.Expect(page.Locator("main .badge", new() { HasText = "已派工" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main .badge", new() { HasText = "特急" })).ToBeVisibleAsync();

        var clocks = page.Locator(".card", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "服务时限", Exact = true }) });
        var countdown = clocks.Locator("table .countdown").First;
        await Assertions.Expect(countdown).ToHaveTextAsync(Countdown());
        var before = await countdown.InnerTextAsync();
        // The one timed wait: a live countdown must visibly tick within about two seconds.
        await Assertions.Expect(countdown).Not.ToHaveTextAsync(before, new() { Timeout = 2_500 });

        var timeline = page.Locator(".card", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "处理记录", Exact = true }) });
        await Assertions.Expect(timeline.Locator("li")).Not.ToHaveCountAsync(0);
        await Assertions.Expect(timeline).ToContainTextAsync("刘师傅");
        await PortalServer.ScreenshotAsync(page, "repair-05-order-dispatched");

        // 5. The technician, on his phone: 到场, then 维修情况 and 完工; the order leaves his list.
        await using (var field = await portal.NewContextAsync(390, 844, mobile: true))
        {
            var phone = await field.NewPageAsync();
            await PortalPages.SignInAsync(phone, "technician");
            await phone.GotoAsync("/Repairs/Mine");
            await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "我的工单", Exact = true })).ToBeVisibleAsync();
            var card = phone.Locator(".card", new() { Has = phone.GetByRole(AriaRole.Link, new() { Name = number, Exact = true }) });
            await Assertions.Expect(card).ToBeVisibleAsync();
            await AssertFitsThePhoneAsync(phone, "/Repairs/Mine");
            await PortalServer.ScreenshotAsync(phone, "repair-06-technician-mine");

            await card.GetByRole(AriaRole.Button, new() { Name = "到场", Exact = true }).TapAsync();
            var workDone = card.GetByRole(AriaRole.Textbox, new() { Name = "维修情况", Exact = true });
            await Assertions.Expect(workDone).ToBeVisibleAsync();
            await Assertions.Expect(phone).ToHaveURLAsync(MineUrl());
            await workDone.FillAsync("更换漏电保护开关，复电正常");
            await PortalServer.ScreenshotAsync(phone, "repair-07-technician-on-site");

            await card.GetByRole(AriaRole.Button, new() { Name = "完工", Exact = true }).TapAsync();
            await Assertions.Expect(phone.Locator("main")).ToContainTextAsync($"{number} 已完工，已安排回访。");
            await Assertions.Expect(card).ToHaveCountAsync(0);
            await PortalServer.ScreenshotAsync(phone, "repair-08-technician-done");
        }

        // 6. Back at the desk: the callback is hers; 已联系上, fixed, polite, 9/10 closes the order.
        await page.GotoAsync("/Callbacks");
        var row = page.Locator("main tr", new() { Has = page.GetByRole(AriaRole.Link, new() { Name = number, Exact = true }) });
        await Assertions.Expect(row).ToBeVisibleAsync();
        await PortalServer.ScreenshotAsync(page, "repair-09-callbacks");
        await row.GetByRole(AriaRole.Link, new() { Name = number, Exact = true }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(CallbackDetailsUrl());
        var record = page.Locator("main form", new() { Has = page.Locator("#Score") });
        await record.Locator("label[for=outcome-Reached]").ClickAsync();
        await Assertions.Expect(record.Locator("#outcome-Reached")).ToBeCheckedAsync();
        await record.Locator("#Fixed-yes").CheckAsync();
        await record.Locator("#AttitudeSatisfied-yes").CheckAsync();
        await record.Locator("#Score").FillAsync("9");
        await PortalServer.ScreenshotAsync(page, "repair-10-callback-filled");
        await record.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        await Assertions.Expect(record).ToHaveCountAsync(0);

        await page.GotoAsync(orderUrl);
        await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync(number);
        await Assertions.Expect(page.Locator("main .badge", new() { HasText = "已关闭" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("9 / 10");
        await PortalServer.ScreenshotAsync(page, "repair-11-order-closed");
    }

    [Fact]
    public async Task The_supervisors_wall_board_shows_an_emergency_order_overdue_once_its_deadline_has_passed()
    {
        await using var desk = await portal.NewContextAsync();
        var page = await desk.NewPageAsync();
        await PortalPages.SignInAsync(page, "frontdesk");

        await page.GotoAsync("/Repairs/Create");
        await page.Locator("#ReporterName").FillAsync("看板测试");
        await page.Locator("#Phone").FillAsync("13900009999");
        await page.Locator("#Location").FillAsync("3 号楼电梯厅");
        await page.Locator("#CategoryId").SelectOptionAsync(new SelectOptionValue { Label = Category });
        await page.Locator("label[for=urgency-Emergency]").ClickAsync();
        await page.Locator("#Description").FillAsync("电梯厅整层停电");
        await page.GetByRole(AriaRole.Button, new() { Name = "受理", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(RepairDetailsUrl());
        var number = (await page.Locator("main h1").InnerTextAsync()).Trim();
        Assert.Matches(OrderNumber(), number);

        // Half a day later nobody has gone: every clock of this 特急 order is past due. The server is
        // shared, so its clock goes back to real time whatever happens here.
        portal.Clock.Advance(TimeSpan.FromHours(12));
        try
        {
            await using var wall = await portal.NewContextAsync(1920, 1080);
            var board = await wall.NewPageAsync();
            await PortalPages.SignInAsync(board, "supervisor");
            await board.GotoAsync("/Board?wall=true");
            await Assertions.Expect(board.GetByRole(AriaRole.Heading, new() { NameRegex = BoardTitle() })).ToBeVisibleAsync();
            await Assertions.Expect(board.Locator(".board-wall")).ToBeVisibleAsync();

            var overdue = board.Locator(".card", new() { Has = board.GetByRole(AriaRole.Heading, new() { NameRegex = OverdueHeading() }) });
            var row = overdue.Locator("tr", new() { Has = board.GetByRole(AriaRole.Link, new() { Name = number, Exact = true }) });
            // One row for the order: the first milestone's countdown on it, the other two behind its expand.
            await Assertions.Expect(row).ToHaveCountAsync(1);
            await Assertions.Expect(row.Locator(".queue-due .countdown")).ToHaveClassAsync(new Regex(@"\btext-danger\b"));
            await Assertions.Expect(row.Locator("details.queue-others li")).ToHaveCountAsync(2);
            await PortalServer.ScreenshotAsync(board, "board-01-wall-overdue");
        }
        finally
        {
            portal.Clock.Reset();
        }
    }

    /// <summary>Nothing may stick out sideways on a phone: sideways scrolling hides the buttons.</summary>
    private static async Task AssertFitsThePhoneAsync(IPage page, string what)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"{what} is {overflow}px wider than the phone.");
    }

    [GeneratedRegex(@"\bactive\b")]
    private static partial Regex Active();

    [GeneratedRegex(@"/Repairs/Create\?")]
    private static partial Regex RepairCreateUrl();

    [GeneratedRegex(@"/Repairs/Details/[0-9a-fA-F-]{36}$")]
    private static partial Regex RepairDetailsUrl();

    [GeneratedRegex(@"/Repairs/Mine")]
    private static partial Regex MineUrl();

    [GeneratedRegex(@"/Callbacks/Details/[0-9a-fA-F-]{36}$")]
    private static partial Regex CallbackDetailsUrl();

    [GeneratedRegex(@"^\S+$")]
    private static partial Regex OrderNumber();

    /// <summary>A running countdown with seconds, e.g. 00:09:58.</summary>
    [GeneratedRegex(@"\d\d:\d\d:\d\d")]
    private static partial Regex Countdown();

    [GeneratedRegex("^时限看板")]
    private static partial Regex BoardTitle();

    [GeneratedRegex(@"^已超时 \(\d+\)$")]
    private static partial Regex OverdueHeading();
}
