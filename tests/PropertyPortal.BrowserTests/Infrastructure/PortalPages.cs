using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace PropertyPortal.BrowserTests.Infrastructure;

/// <summary>Steps a person takes on the portal, written once so every test does them the same way.</summary>
public static partial class PortalPages
{
    /// <summary>Opens the sign-in page and fills the form as a person would; does not wait for the result.</summary>
    public static async Task SubmitLoginAsync(IPage page, string userName, string password, string? screenshot = null)
    {
        await page.GotoAsync("/Account/Login");
        await page.Locator("#UserName").FillAsync(userName);
        await page.Locator("#Password").FillAsync(password);
        if (screenshot is not null)
        {
            await PortalServer.ScreenshotAsync(page, screenshot);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded, new() { Timeout = SignInTimeout });
    }

    /// <summary>
    /// How long a sign-in may take to land: it hashes the password and renders a first home page, and on a CI machine whose
    /// two cores also run the integration suite that has taken longer than the context's 15 s default (a timeout, not a
    /// wrong page). The page must still arrive and be the home page.
    /// </summary>
    private const float SignInTimeout = 60_000;

    /// <summary>Signs in and waits for the home page (the welcome heading).</summary>
    public static async Task SignInAsync(IPage page, string userName, string? screenshot = null)
    {
        await SubmitLoginAsync(page, userName, PortalServer.DemoPassword, screenshot);
        await Assertions.Expect(page).ToHaveURLAsync(HomeUrl(), new() { Timeout = SignInTimeout });
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = Welcome() })).ToBeVisibleAsync(new() { Timeout = SignInTimeout });
    }

    /// <summary>The page's visible text with all white space removed, so "138 0013 8000" matches 13800138000.</summary>
    public static async Task<string> CompactTextAsync(IPage page) =>
        WhiteSpace().Replace(await page.Locator("body").InnerTextAsync(), "");

    [GeneratedRegex(@"^https?://[^/]+/?$")]
    public static partial Regex HomeUrl();

    [GeneratedRegex("^您好，")]
    private static partial Regex Welcome();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
