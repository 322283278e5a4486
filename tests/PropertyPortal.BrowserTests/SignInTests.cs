using Microsoft.Playwright;
using PropertyPortal.BrowserTests.Infrastructure;

namespace PropertyPortal.BrowserTests;

public sealed class SignInTests(PortalServer portal)
{
    [Fact]
    public async Task Front_desk_signs_in_and_sees_her_property_in_chinese()
    {
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();

        await PortalPages.SignInAsync(page, "frontdesk", screenshot: "signin-01-login-filled");

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "您好，张前台" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".card-title", new() { HasText = "翠湖花园" })).ToBeVisibleAsync();
        // The front desk is limited to 翠湖花园; the office building must not appear on her home page.
        await Assertions.Expect(page.Locator(".card-title", new() { HasText = "国贸大厦" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "住户查询" })).ToBeVisibleAsync();
        await PortalServer.ScreenshotAsync(page, "signin-02-home");
    }

    [Fact]
    public async Task Wrong_password_is_refused_with_a_message_in_the_form()
    {
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();

        await PortalPages.SubmitLoginAsync(page, "frontdesk", "not-the-password");

        var form = page.Locator("main form");
        await Assertions.Expect(form.GetByText("用户名或密码不正确")).ToBeVisibleAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));
        // The password field is emptied, the user name kept, so the person only retypes the password.
        await Assertions.Expect(page.Locator("#UserName")).ToHaveValueAsync("frontdesk");
        await PortalServer.ScreenshotAsync(page, "signin-03-wrong-password");
    }
}
