using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PropertyPortal.BrowserTests.Infrastructure;

namespace PropertyPortal.BrowserTests;

/// <summary>
/// A pause as people click it: the technician asks on his phone, the supervisor finds the request on her home
/// page, approves it from the list, the order's clocks show 已暂停, the technician resumes. Then the admin's
/// ladder page. Screenshots pause-NN-*.png.
/// </summary>
public sealed partial class PauseFlowTests(PortalServer portal)
{
    [Fact]
    public async Task A_technician_asks_to_pause_the_supervisor_approves_from_her_list_and_the_clocks_stop_until_he_resumes()
    {
        // An emergency order for 刘师傅, taken at the desk.
        await using var desk = await portal.NewContextAsync();
        var page = await desk.NewPageAsync();
        await PortalPages.SignInAsync(page, "frontdesk");
        await page.GotoAsync("/Repairs/Create");
        await page.Locator("#ReporterName").FillAsync("暂停测试");
        await page.Locator("#Phone").FillAsync("13900008888");
        await page.Locator("#Location").FillAsync("5-2-301 客厅");
        await page.Locator("#CategoryId").SelectOptionAsync(new SelectOptionValue { Label = "电 · 户内跳闸" });
        await page.Locator("label[for=urgency-Emergency]").ClickAsync();
        await page.Locator("#TechnicianId").SelectOptionAsync(new SelectOptionValue { Label = "刘师傅" });
        await page.Locator("#Description").FillAsync("可视对讲无图像");
        await page.GetByRole(AriaRole.Button, new() { Name = "受理", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(RepairDetailsUrl());
        var orderUrl = new Uri(page.Url).PathAndQuery;
        var number = (await page.Locator("main h1").InnerTextAsync()).Trim();

        // 1. The technician, on his phone, asks: waiting for parts. The clocks keep running meanwhile.
        await using (var field = await portal.NewContextAsync(390, 844, mobile: true))
        {
            var phone = await field.NewPageAsync();
            await PortalPages.SignInAsync(phone, "technician");
            await phone.GotoAsync(orderUrl);
            var panel = phone.Locator("#case-pause");
            await panel.Locator("summary", new() { HasText = "申请暂停" }).TapAsync();
            await panel.GetByRole(AriaRole.Combobox, new() { Name = "暂停原因" }).SelectOptionAsync(new SelectOptionValue { Label = "等待配件" });
            await panel.GetByRole(AriaRole.Textbox, new() { Name = "说明" }).FillAsync("对讲分机缺货");
            await PortalServer.ScreenshotAsync(phone, "pause-01-technician-asks");
            await panel.Locator("#pause-ask button[type=submit]").TapAsync();

            await Assertions.Expect(phone.Locator("main")).ToContainTextAsync($"{number} 已提交暂停申请");
            await Assertions.Expect(panel).ToContainTextAsync("待审批");
            await Assertions.Expect(panel).ToContainTextAsync("批准前计时照常进行");
            await Assertions.Expect(panel.GetByRole(AriaRole.Button, new() { Name = "批准暂停" })).ToHaveCountAsync(0);
            var overflow = await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 0, $"The order page is {overflow}px wider than the phone.");
            await PortalServer.ScreenshotAsync(phone, "pause-02-technician-waiting");
        }

        // 2. The supervisor: her home page says requests wait; the list holds this one; she approves.
        await using var office = await portal.NewContextAsync();
        var sup = await office.NewPageAsync();
        await PortalPages.SignInAsync(sup, "supervisor");
        await Assertions.Expect(sup.Locator("#pending-pauses")).ToContainTextAsync("暂停申请待审批");
        await sup.Locator("#pending-pauses").GetByRole(AriaRole.Link, new() { Name = "暂停审批" }).ClickAsync();
        await Assertions.Expect(sup).ToHaveURLAsync(PausesUrl());
        var row = sup.Locator("#pending tr", new() { Has = sup.GetByRole(AriaRole.Link, new() { Name = number, Exact = true }) });
        await Assertions.Expect(row).ToContainTextAsync("等待配件");
        await Assertions.Expect(row).ToContainTextAsync("刘师傅");
        await row.GetByRole(AriaRole.Textbox, new() { Name = "审批意见" }).FillAsync("同意，配件到货后恢复");
        await PortalServer.ScreenshotAsync(sup, "pause-03-supervisor-list");
        await row.GetByRole(AriaRole.Button, new() { Name = "批准暂停", Exact = true }).ClickAsync();
        await Assertions.Expect(sup.Locator("main")).ToContainTextAsync($"{number} 已暂停，计时停止。");
        await Assertions.Expect(sup.Locator("#recent")).ToContainTextAsync(number);

        await sup.GotoAsync(orderUrl);
        await Assertions.Expect(sup.Locator("main .badge", new() { HasText = "暂停" }).First).ToBeVisibleAsync();
        var clocks = sup.Locator(".card", new() { Has = sup.GetByRole(AriaRole.Heading, new() { Name = "服务时限", Exact = true }) });
        await Assertions.Expect(clocks.Locator("tr", new() { HasText = "到场" })).ToContainTextAsync("暂停中，自");
        await Assertions.Expect(sup.Locator("#case-pause")).ToContainTextAsync("李主管");
        await PortalServer.ScreenshotAsync(sup, "pause-04-order-paused");

        // 3. The technician resumes; the clocks count down again.
        await using (var field = await portal.NewContextAsync(390, 844, mobile: true))
        {
            var phone = await field.NewPageAsync();
            await PortalPages.SignInAsync(phone, "technician");
            await phone.GotoAsync(orderUrl);
            await phone.GetByRole(AriaRole.Button, new() { Name = "恢复计时", Exact = true }).TapAsync();
            await Assertions.Expect(phone.Locator("main")).ToContainTextAsync($"{number} 已恢复计时。");
            await Assertions.Expect(phone.Locator("#pause-history")).ToContainTextAsync("已恢复计时");
            await PortalServer.ScreenshotAsync(phone, "pause-05-technician-resumed");
        }
    }

    [Fact]
    public async Task The_admin_edits_a_milestones_ladder_and_a_refusal_is_shown_beside_its_field()
    {
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        await PortalPages.SignInAsync(page, "admin");
        await page.GotoAsync("/Settings/Sla");
        await page.GetByRole(AriaRole.Row, new() { Name = "国贸大厦" }).GetByRole(AriaRole.Link, new() { Name = "升级阶梯" }).ClickAsync();
        await Assertions.Expect(page.Locator("main h1")).ToContainTextAsync("升级阶梯与暂停审批");
        await PortalServer.ScreenshotAsync(page, "pause-06-ladders");

        var callback = page.Locator(".ladder-row", new() { Has = page.Locator("select[name$='.Milestone'] option[selected][value=Callback]") });
        await callback.GetByRole(AriaRole.Checkbox, new() { Name = "第二级：升级至经理" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();

        // The managers' level needs its after-minutes (left empty) — said beside the field, nothing saved.
        await Assertions.Expect(callback.Locator(".field-validation-error")).ToContainTextAsync("请填写");
        await PortalServer.ScreenshotAsync(page, "pause-07-ladder-refused");
        await callback.Locator("input[name$='.ManagerAfterMinutes']").FillAsync("120");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("升级阶梯已保存");
        await Assertions.Expect(page.Locator(".ladder-row", new() { Has = page.Locator("select[name$='.Milestone'] option[selected][value=Callback]") })
            .Locator("input[name$='.ManagerAfterMinutes']")).ToHaveValueAsync("120");
    }

    [GeneratedRegex(@"/Repairs/Details/[0-9a-fA-F-]{36}$")]
    private static partial Regex RepairDetailsUrl();

    [GeneratedRegex(@"/Pauses$")]
    private static partial Regex PausesUrl();
}
