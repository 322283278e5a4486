using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PropertyPortal.BrowserTests.Infrastructure;

namespace PropertyPortal.BrowserTests;

public sealed partial class SearchTests(PortalServer portal)
{
    /// <summary>The demo seeder's first household (DemoSeeder.SamplePhone); "8000" is what a caller reads out.</summary>
    private const string SamplePhone = "13800138000";

    [Fact]
    public async Task Front_desk_finds_a_household_by_the_last_digits_of_its_phone()
    {
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        await PortalPages.SignInAsync(page, "frontdesk");

        // The big search box on the home page (the navbar has a second, smaller one).
        var box = page.Locator("main").GetByRole(AriaRole.Searchbox);
        await box.FillAsync("8000");
        await PortalServer.ScreenshotAsync(page, "search-01-typed");
        await box.PressAsync("Enter");

        await Assertions.Expect(page).ToHaveURLAsync(SearchUrl());
        var links = page.Locator("main a[href*='/Customers/Details/']");
        await Assertions.Expect(links.First).ToBeVisibleAsync();
        await PortalServer.ScreenshotAsync(page, "search-02-results");

        // "8000" may match several phones; open the household whose phone is the sample one.
        var sample = page.Locator(
            "xpath=//main//a[contains(@href,'/Customers/Details/')]"
            + "[ancestor::*[self::tr or self::li or contains(@class,'card') or contains(@class,'list-group-item')]"
            + $"[contains(translate(normalize-space(.),' ',''),'{SamplePhone}')]]");
        var target = await sample.CountAsync() > 0 ? sample.First : links.First;
        await target.ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(DetailsUrl());
        Assert.Contains(SamplePhone, await PortalPages.CompactTextAsync(page), StringComparison.Ordinal);
        await PortalServer.ScreenshotAsync(page, "search-03-household");
    }

    [GeneratedRegex(@"/Search\?q=8000")]
    private static partial Regex SearchUrl();

    [GeneratedRegex(@"/Customers/Details/[^/?#]+")]
    private static partial Regex DetailsUrl();
}
