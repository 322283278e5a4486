using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PropertyPortal.BrowserTests.Infrastructure;

namespace PropertyPortal.BrowserTests;

/// <summary>
/// The manager's dashboard and the monthly report in Chromium: the trend charts are drawn by the vendored Chart.js
/// (under the portal's CSP, which allows no inline script), the page fits a 390 px phone, and the monthly report
/// prints to an A4 PDF without the navigation.
/// </summary>
public sealed partial class ReportTests(PortalServer portal)
{
    [Fact]
    public async Task The_dashboard_draws_its_charts_and_the_monthly_report_prints_on_A4()
    {
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        var scriptErrors = new List<string>();
        page.PageError += (_, error) => scriptErrors.Add(error);
        await PortalPages.SignInAsync(page, "manager");
        await page.GotoAsync("/Reports");
        await Assertions.Expect(page.Locator("body[data-charts-drawn='4']")).ToHaveCountAsync(1);
        await PortalServer.ScreenshotAsync(page, "reports-dashboard");

        // Every canvas has pixels drawn on it (axes, lines, legend), read back from the canvas itself.
        var painted = await page.EvaluateAsync<int[]>("""
            () => Array.from(document.querySelectorAll('canvas[data-chart]')).map(c => {
                const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                let n = 0;
                for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) n++; }
                return n;
            })
            """);
        Assert.Equal(4, painted.Length);
        Assert.All(painted, n => Assert.True(n > 500, $"a chart has only {n} painted pixels"));
        Assert.Empty(scriptErrors);

        // Drill down to the first property's monthly report and print it.
        await page.Locator("#dashboard-headline tbody tr th a").First.ClickAsync();
        await Assertions.Expect(page.Locator("#report-property")).ToBeVisibleAsync();
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await Assertions.Expect(page.Locator("header nav")).Not.ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#report-signoff form")).Not.ToBeVisibleAsync();
        var pdf = await page.PdfAsync(new PagePdfOptions { Format = "A4", PrintBackground = true });
        var text = Encoding.Latin1.GetString(pdf);
        Assert.StartsWith("%PDF-", text, StringComparison.Ordinal);
        Assert.InRange(pdf.Length, 10_000, 20_000_000);
        Assert.True(PdfPage().Count(text) >= 1, "the PDF has at least one page");
        var box = MediaBox().Match(text);
        Assert.True(box.Success, "the PDF names its page size");
        Assert.InRange(double.Parse(box.Groups["w"].Value, System.Globalization.CultureInfo.InvariantCulture) / 72 * 25.4, 209, 211);
    }

    [Fact]
    public async Task The_dashboard_fits_a_phone()
    {
        await using var context = await portal.NewContextAsync(390, 844, mobile: true);
        var page = await context.NewPageAsync();
        await PortalPages.SignInAsync(page, "manager");
        await page.GotoAsync("/Reports");
        await Assertions.Expect(page.Locator("body[data-charts-drawn='4']")).ToHaveCountAsync(1);
        await PortalServer.ScreenshotAsync(page, "reports-dashboard-phone");
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the page is {overflow} px wider than the phone");
    }

    [Theory]
    [InlineData("/ComplaintStats", "complaints")]
    [InlineData("/MoveIns/Stats", "moveIns")]
    public async Task A_weekly_statistics_page_fits_a_phone_steps_back_a_week_and_downloads_its_workbook(string path, string section)
    {
        await using var context = await portal.NewContextAsync(390, 844, mobile: true);
        var page = await context.NewPageAsync();
        await PortalPages.SignInAsync(page, "supervisor");
        await page.GotoAsync(path);
        await Assertions.Expect(page.Locator($"#section-{section} tr[data-key]").First).ToBeVisibleAsync();
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the page is {overflow} px wider than the phone");
        await PortalServer.ScreenshotAsync(page, $"weekly-{section}-phone");

        // The previous week's link: the week shown moves back seven days, the columns with it.
        var week = await page.Locator("#report-week").TextContentAsync();
        await page.Locator("#week-prev").ClickAsync();
        await Assertions.Expect(page.Locator("#report-week")).Not.ToHaveTextAsync(week!);
        var shown = DateOnly.Parse((await page.Locator("#report-week").TextContentAsync())![..10], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(DateOnly.Parse(week![..10], System.Globalization.CultureInfo.InvariantCulture).AddDays(-7), shown);

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#stats-export").ClickAsync());
        Assert.EndsWith($"{shown:yyyy-MM-dd}.xlsx", download.SuggestedFilename, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"/Type\s*/Page(?!s)")]
    private static partial Regex PdfPage();

    [GeneratedRegex(@"/MediaBox\s*\[\s*0\s+0\s+(?<w>[\d.]+)\s+(?<h>[\d.]+)\s*\]")]
    private static partial Regex MediaBox();
}
