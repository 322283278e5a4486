using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PropertyPortal.BrowserTests.Infrastructure;

namespace PropertyPortal.BrowserTests;

/// <summary>
/// 系统设置 → 消息发送 as the administrator clicks it: the payment notice's Chinese text edited with a placeholder
/// the kind does not have (refused beside the field), corrected, previewed with its SMS length, saved; then the
/// households' quiet hours. Screenshots messaging-NN-*.png.
/// </summary>
public sealed partial class MessagingTests(PortalServer portal)
{
    [Fact]
    public async Task The_admin_edits_the_payment_notice_text_sees_a_wrong_placeholder_refused_previews_it_and_saves()
    {
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        await PortalPages.SignInAsync(page, "admin");
        await page.Locator("#mainNav").GetByRole(AriaRole.Button, new() { Name = "系统管理", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "消息发送", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(MessagesUrl());
        await Assertions.Expect(page.Locator("#channelStatus")).ToContainTextAsync("站内通知");
        await PortalServer.ScreenshotAsync(page, "messaging-01-sends");

        await page.GetByRole(AriaRole.Link, new() { Name = "模板", Exact = true }).ClickAsync();
        await page.Locator("#templates").GetByRole(AriaRole.Link, new() { Name = "缴费通知", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("main h1")).ToContainTextAsync("编辑模板：缴费通知");

        var text = page.Locator("#Text");
        await text.FillAsync("{name}您好，{unit}应缴{total}元，请于{due}前缴纳。");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        var error = page.Locator("span[data-valmsg-for='Text']");
        await Assertions.Expect(error).ToContainTextAsync("{total} 不是这类消息的占位符。");
        await Assertions.Expect(error).ToContainTextAsync("内容必须保留 {amount}。");
        await Assertions.Expect(text).ToHaveValueAsync("{name}您好，{unit}应缴{total}元，请于{due}前缴纳。");
        await PortalServer.ScreenshotAsync(page, "messaging-02-refused");

        await text.FillAsync("{name}您好，{unit}{period}物业费共{amount}元，请于{due}前缴纳，谢谢！");
        await page.GetByRole(AriaRole.Button, new() { Name = "预览", Exact = true }).ClickAsync();
        var preview = page.Locator("#templatePreview");
        await Assertions.Expect(preview.Locator("#previewText")).ToContainTextAsync("物业费共");
        await Assertions.Expect(preview.Locator("#previewText")).Not.ToContainTextAsync("{amount}");
        await Assertions.Expect(preview.Locator("#smsCount")).ToContainTextAsync(SmsCount());
        await PortalServer.ScreenshotAsync(page, "messaging-03-preview");

        await page.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("模板“缴费通知”已保存。");
        await Assertions.Expect(page.Locator("#Text")).ToHaveValueAsync("{name}您好，{unit}{period}物业费共{amount}元，请于{due}前缴纳，谢谢！");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("系统管理员 于");

        await page.GetByRole(AriaRole.Link, new() { Name = "设置", Exact = true }).ClickAsync();
        await page.Locator("#QuietStart").FillAsync("22:00");
        await page.Locator("#quietHours").GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("已保存");
        await Assertions.Expect(page.Locator("#QuietStart")).ToHaveValueAsync("22:00");
        await PortalServer.ScreenshotAsync(page, "messaging-04-settings");

        // Put the default back for whatever runs next on the shared server.
        await page.Locator("#QuietStart").FillAsync("21:00");
        await page.Locator("#quietHours").GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#QuietStart")).ToHaveValueAsync("21:00");
    }

    [GeneratedRegex(@"/Settings/Messages$")]
    private static partial Regex MessagesUrl();

    [GeneratedRegex(@"共 \d+ 字，按 [12] 条短信计费")]
    private static partial Regex SmsCount();
}
