using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PropertyPortal.BrowserTests.Infrastructure;

namespace PropertyPortal.BrowserTests;

/// <summary>
/// A move-in clicked at the desk: booked from a vacant unit's page (an agent without a name refused in the
/// form), received, the papers ticked, the inspection with its base readings passed and signed, the keys
/// handed over; completion refused while the charges are open; the checklist and inspection record
/// printed on A4 without the menu. Every step leaves a screenshot (movein-NN-*.png).
/// </summary>
public sealed partial class MoveInFlowTests(PortalServer portal)
{
    private const string Owner = "吴新业主";

    [Fact]
    public async Task A_household_is_booked_and_worked_through_the_checklist_and_its_forms_print()
    {
        await using var desk = await portal.NewContextAsync();
        var page = await desk.NewPageAsync();
        await PortalPages.SignInAsync(page, "frontdesk");

        // A vacant unit → 办理入住.
        await page.Locator("#mainNav").GetByRole(AriaRole.Link, new() { Name = "房屋", Exact = true }).ClickAsync();
        await page.Locator("#status").SelectOptionAsync(new SelectOptionValue { Label = "空置" });
        await page.GetByRole(AriaRole.Button, new() { Name = "筛选", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("status=Vacant"));
        var unitLink = page.Locator("main tbody tr").Last.Locator("td").First.GetByRole(AriaRole.Link);
        var unitNumber = (await unitLink.InnerTextAsync()).Trim();
        await unitLink.ClickAsync();
        await page.Locator("main h1 + div").GetByRole(AriaRole.Link, new() { Name = "办理入住", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(CreateUrl());

        // An agent must be named: refused in the form, what was typed kept.
        var form = page.Locator("#move-in-form");
        await form.Locator("#CustomerId").SelectOptionAsync(new SelectOptionValue { Value = "" });
        await form.Locator("#NewName").FillAsync(Owner);
        await form.Locator("#NewPhone").FillAsync("13700004444");
        await form.GetByRole(AriaRole.Radio, new() { Name = "受托人代办" }).CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "预约", Exact = true }).ClickAsync();
        await Assertions.Expect(form).ToContainTextAsync("须填写受托人");
        await Assertions.Expect(form.Locator("#NewName")).ToHaveValueAsync(Owner);
        await PortalServer.ScreenshotAsync(page, "movein-01-agent-unnamed");
        await form.GetByRole(AriaRole.Radio, new() { Name = "业主本人" }).CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "预约", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(DetailsUrl());
        var status = page.Locator("#status");
        await Assertions.Expect(status).ToHaveTextAsync("已预约");

        // Received; the papers and agreements ticked.
        await page.GetByRole(AriaRole.Button, new() { Name = "开始办理", Exact = true }).ClickAsync();
        await Assertions.Expect(status).ToHaveTextAsync("办理中");
        var check = page.Locator("#check-form");
        foreach (var box in await check.Locator("input[type=checkbox]").AllAsync())
        {
            await box.CheckAsync();
        }

        await check.GetByRole(AriaRole.Button, new() { Name = "勾选已完成项", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#checklist-progress")).ToHaveTextAsync("9 / 12");
        await PortalServer.ScreenshotAsync(page, "movein-02-papers-ticked");

        // The joint inspection with the owner: readings, nothing wrong → passed; the owner signs; keys.
        var inspection = page.Locator("#inspection-form");
        await inspection.GetByLabel("验房人").FillAsync("周工");
        await inspection.GetByLabel("水表底数").FillAsync("8.25");
        await inspection.GetByLabel("电表底数").FillAsync("120");
        await inspection.GetByRole(AriaRole.Button, new() { Name = "保存验房结果", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#inspection-state")).ToContainTextAsync("合格待签字");
        await Assertions.Expect(page.Locator("#base-readings")).ToContainTextAsync("8.25");
        await page.Locator("#signoff-form").GetByRole(AriaRole.Button, new() { Name = "业主签字确认", Exact = true }).ClickAsync();
        await page.Locator("#keys-form").GetByLabel("交付钥匙数量").FillAsync("2");
        await page.Locator("#keys-form").GetByRole(AriaRole.Button, new() { Name = "交付钥匙", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#checklist-progress")).ToHaveTextAsync("11 / 12");

        // The charges are still open: the desk cannot complete.
        await Assertions.Expect(page.Locator("#missing")).ToContainTextAsync("入住费用");
        await page.Locator("#complete-form").GetByRole(AriaRole.Button, new() { Name = "办结入住", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("main .alert-danger")).ToContainTextAsync("入住手续未办齐");
        await Assertions.Expect(status).ToHaveTextAsync("办理中");
        await PortalServer.ScreenshotAsync(page, "movein-03-incomplete-refused");

        // The forms on paper: no menu, no buttons.
        await page.GetByRole(AriaRole.Link, new() { Name = "打印入住手续单", Exact = true }).ClickAsync();
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        var sheet = page.Locator("#print-checklist");
        await Assertions.Expect(sheet).ToBeVisibleAsync();
        await Assertions.Expect(sheet).ToContainTextAsync("入住手续单");
        await Assertions.Expect(sheet).ToContainTextAsync(unitNumber);
        await Assertions.Expect(sheet).ToContainTextAsync(Owner);
        await Assertions.Expect(sheet).ToContainTextAsync("临时管理规约");
        await Assertions.Expect(page.Locator("#mainNav")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "打印" })).ToBeHiddenAsync();
        await PortalServer.ScreenshotAsync(page, "movein-04-checklist-print");
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        await page.GetByRole(AriaRole.Link, new() { Name = "返回" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "打印验房记录", Exact = true }).ClickAsync();
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        var record = page.Locator("#print-inspection");
        await Assertions.Expect(record).ToContainTextAsync("验房记录");
        await Assertions.Expect(page.Locator("#print-water")).ToHaveTextAsync("8.25");
        await Assertions.Expect(record).ToContainTextAsync(Owner);
        await Assertions.Expect(page.Locator("header")).ToBeHiddenAsync();
        await PortalServer.ScreenshotAsync(page, "movein-05-inspection-print");
        await page.EmulateMediaAsync(new() { Media = Media.Screen });
    }

    [GeneratedRegex(@"/MoveIns/Create(\?unitId=[0-9a-fA-F-]{36})?$")]
    private static partial Regex CreateUrl();

    [GeneratedRegex(@"/MoveIns/Details/[0-9a-fA-F-]{36}$")]
    private static partial Regex DetailsUrl();
}
