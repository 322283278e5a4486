using Microsoft.Playwright;
using PropertyPortal.BrowserTests.Infrastructure;

namespace PropertyPortal.BrowserTests;

/// <summary>Staff on patrol use their phones: the same portal at 375×812.</summary>
public sealed class PhoneTests(PortalServer portal)
{
    [Fact]
    public async Task On_a_phone_the_menu_folds_into_the_toggler_and_sign_in_works()
    {
        await using var context = await portal.NewContextAsync(375, 812, mobile: true);
        var page = await context.NewPageAsync();

        await PortalPages.SignInAsync(page, "frontdesk", screenshot: "phone-01-login");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "您好，张前台" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".card-title", new() { HasText = "翠湖花园" })).ToBeVisibleAsync();

        var toggler = page.Locator(".navbar-toggler");
        var menu = page.Locator("#mainNav");
        await Assertions.Expect(toggler).ToBeVisibleAsync();
        await Assertions.Expect(menu).Not.ToBeVisibleAsync();
        await PortalServer.ScreenshotAsync(page, "phone-02-home");

        await toggler.ClickAsync();
        await Assertions.Expect(menu).ToBeVisibleAsync();
        await Assertions.Expect(menu.GetByRole(AriaRole.Link, new() { Name = "首页" })).ToBeVisibleAsync();
        await PortalServer.ScreenshotAsync(page, "phone-03-menu-open");

        // Nothing may stick out sideways: a page wider than the phone means sideways scrolling.
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"The home page is {overflow}px wider than a 375px phone.");
    }

    [Fact]
    public async Task On_a_desktop_the_menu_is_open_without_the_toggler()
    {
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        await PortalPages.SignInAsync(page, "frontdesk");

        await Assertions.Expect(page.Locator(".navbar-toggler")).Not.ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#mainNav")).ToBeVisibleAsync();
    }
}
