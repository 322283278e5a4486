using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PropertyPortal.BrowserTests.Infrastructure;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.BrowserTests;

/// <summary>
/// What each demo role sees first, on a 390-px phone and a 1366-px desk screen: no card may be wider than
/// its border (content cut off or sticking out), the page may not scroll sideways, and a case number is
/// never broken across two lines. Tables inside a scrolling wrapper (.table-responsive) may be wider: they
/// scroll on purpose.
/// </summary>
public sealed class LayoutTests(PortalServer portal)
{
    public static readonly int[] Widths = [390, 1366];

    public static TheoryData<string, int> LandingPages()
    {
        var data = new TheoryData<string, int>();
        foreach (var user in new[] { "admin", "manager", "supervisor", "frontdesk", "steward", "technician", "officedesk" })
        {
            foreach (var width in Widths)
            {
                data.Add(user, width);
            }
        }

        return data;
    }

    public static TheoryData<int> BothWidths() => new(Widths);

    [Theory]
    [MemberData(nameof(LandingPages))]
    public async Task The_page_a_role_lands_on_fits_the_screen(string user, int width)
    {
        await using var context = await OpenAsync(width);
        var page = await context.NewPageAsync();
        await PortalPages.SignInAsync(page, user);
        await PortalServer.ScreenshotAsync(page, $"layout-{user}-{width}");

        await Layout.AssertFitsAsync(page, $"{user}'s home at {width} px");
    }

    [Theory]
    [MemberData(nameof(BothWidths))]
    public async Task My_orders_with_an_overdue_order_fit_a_phone_and_a_desk(int width)
    {
        // The demo's 急 order was dispatched 11 minutes before seeding with 15 minutes to be on site: 10 minutes on, it is late.
        portal.Clock.Advance(TimeSpan.FromMinutes(10));
        try
        {
            await using var context = await OpenAsync(width);
            var page = await context.NewPageAsync();
            await PortalPages.SignInAsync(page, "technician");
            await page.GotoAsync("/Repairs/Mine");
            await Assertions.Expect(page.Locator(".card .countdown.text-danger").First).ToBeVisibleAsync();
            await PortalServer.ScreenshotAsync(page, $"layout-mine-overdue-{width}");

            await Layout.AssertFitsAsync(page, $"我的工单 at {width} px");
        }
        finally
        {
            portal.Clock.Reset();
        }
    }

    [Fact]
    public async Task On_a_phone_an_order_shows_its_clocks_before_the_timeline_and_no_empty_actions()
    {
        // The demo's order closed last week was 刘师傅's: there is nothing left for him to do on it.
        var closed = await OrderAsync(RepairStatus.Closed);
        await using var context = await OpenAsync(390);
        var page = await context.NewPageAsync();
        await PortalPages.SignInAsync(page, "technician");
        await page.GotoAsync($"/Repairs/Details/{closed}");
        await PortalServer.ScreenshotAsync(page, "layout-order-technician-390");

        var clocks = await page.GetByRole(AriaRole.Heading, new() { Name = "服务时限" }).BoundingBoxAsync();
        var timeline = await page.GetByRole(AriaRole.Heading, new() { Name = "处理记录" }).BoundingBoxAsync();
        Assert.True(clocks!.Y < timeline!.Y, $"the clocks ({clocks.Y}) should come before the timeline ({timeline.Y}) on a phone");
        Assert.Equal(0, await page.Locator("#actions").CountAsync());
        await Layout.AssertFitsAsync(page, "a closed order on a phone");
    }

    [Theory]
    [MemberData(nameof(BothWidths))]
    public async Task The_board_and_an_order_fit_the_supervisors_screens(int width)
    {
        var open = await OrderAsync(RepairStatus.OnSite);
        await using var context = await OpenAsync(width);
        var page = await context.NewPageAsync();
        await PortalPages.SignInAsync(page, "supervisor");

        await page.GotoAsync("/Board");
        await PortalServer.ScreenshotAsync(page, $"layout-board-{width}");
        await Layout.AssertFitsAsync(page, $"the board at {width} px");

        await page.GotoAsync($"/Repairs/Details/{open}");
        await PortalServer.ScreenshotAsync(page, $"layout-order-supervisor-{width}");
        await Layout.AssertFitsAsync(page, $"an order on site at {width} px");
    }

    [Theory]
    [MemberData(nameof(BothWidths))]
    public async Task Queue_rows_with_every_case_expanded_fit_the_desk_and_the_board(int width)
    {
        // The demo's morning: 张前台's undispatched 特急 leak runs three clocks of hers, so its row has milestones to expand.
        await using var context = await OpenAsync(width);
        var page = await context.NewPageAsync();
        await PortalPages.SignInAsync(page, "frontdesk");
        await AssertQueueRowsFitAsync(page, "#queue", $"张前台's queue at {width} px", $"layout-queue-expanded-{width}");

        await using var supervisorContext = await OpenAsync(width);
        page = await supervisorContext.NewPageAsync();
        await PortalPages.SignInAsync(page, "supervisor");
        await page.GotoAsync("/Board");
        await AssertQueueRowsFitAsync(page, "main", $"the board expanded at {width} px", $"layout-board-expanded-{width}");
    }

    /// <summary>Every row says its unit, household and problem; every expand is opened (as a click does) and the page still fits.</summary>
    private static async Task AssertQueueRowsFitAsync(IPage page, string within, string what, string screenshot)
    {
        var rows = page.Locator($"{within} table.queue tbody tr");
        Assert.True(await rows.CountAsync() > 0, $"{what}: no queue rows");
        var expands = page.Locator($"{within} table.queue details.queue-others");
        Assert.True(await expands.CountAsync() > 0, $"{what}: no case with a second milestone to expand");
        for (var i = 0; i < await expands.CountAsync(); i++)
        {
            await expands.Nth(i).Locator("summary").ClickAsync();
            await Assertions.Expect(expands.Nth(i).Locator("li").First).ToBeVisibleAsync();
        }

        // A repair's row (other cases — an event, a notice — have no household): its unit, household and problem are all there.
        var first = rows.Filter(new() { Has = page.Locator("details.queue-others") }).Filter(new() { Has = page.Locator("a[href*='/Repairs/Details/']") }).First;
        foreach (var cell in new[] { ".queue-unit", ".queue-household", ".queue-problem" })
        {
            await Assertions.Expect(first.Locator(cell)).Not.ToBeEmptyAsync();
        }

        // On a phone each row is a card whose cells are labelled by their column: the HTML does not repeat the labels in every
        // cell, site.js copies the table's headings onto them, and the stylesheet shows them before each value.
        if (page.ViewportSize is { Width: < 576 })
        {
            var heads = await page.Locator($"{within} table.queue").First.Locator("thead th").AllTextContentsAsync();
            var labels = await first.Locator("td").EvaluateAllAsync<string[]>("tds => tds.map(td => getComputedStyle(td, '::before').content)");
            Assert.Equal(heads.Select(h => $"\"{h.Trim()}\""), labels);
        }

        await PortalServer.ScreenshotAsync(page, screenshot);
        await Layout.AssertFitsAsync(page, what);
    }

    private async Task<Guid> OrderAsync(RepairStatus status)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.RepairOrders.Where(o => o.Status == status).OrderBy(o => o.Number).Select(o => o.Id).FirstAsync(TestContext.Current.CancellationToken);
    }

    private Task<IBrowserContext> OpenAsync(int width)
    {
        var phone = width < 576;
        return portal.NewContextAsync(width, phone ? 844 : 900, mobile: phone);
    }
}
