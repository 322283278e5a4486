using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PropertyPortal.BrowserTests.Infrastructure;
using PropertyPortal.Domain.Services;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Seeding;

namespace PropertyPortal.BrowserTests;

/// <summary>
/// The desk's services as a person clicks them: a free slot of the meeting room's day view opens the booking form on it
/// and the booking takes the slot; the supervisor approves the large-item release waiting in the demo and the slip
/// prints with its number for the guard.
/// </summary>
public sealed class ServiceFlowTests(PortalServer portal)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_desk_books_the_meeting_room_from_its_day_view()
    {
        Guid room;
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            room = await (from r in db.BookableResources
                          join p in db.Properties on r.PropertyId equals p.Id
                          where p.Code == DemoSeeder.ResidentialCode && r.Kind == ResourceKind.MeetingRoom
                          orderby r.SortOrder
                          select r.Id).FirstAsync(Ct);
        }

        var day = PortalClock.Today(TimeProvider.System).AddDays(9).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        await PortalPages.SignInAsync(page, "frontdesk");
        await page.GotoAsync($"/Resources/Day/{room}?date={day}");
        await page.Locator("a[href*='from=15:00']").ClickAsync();

        await page.GetByLabel("申请人").FillAsync("业委会 陈先生");
        await page.Locator("#BookingTo").SelectOptionAsync("16:00");

        // Booked for a visitor, not a household: no charge (a charge goes on a unit's account).
        await page.Locator("#Fee").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "受理" }).ClickAsync();

        try
        {
            await page.WaitForURLAsync("**/Services/Details/**", new() { Timeout = 5000 });
        }
        catch (TimeoutException)
        {
            Assert.Fail("the booking was refused: " + string.Join(" | ", await page.Locator(".field-validation-error, .alert-danger").AllTextContentsAsync()));
        }

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Services/Details/"));
        await Assertions.Expect(page.Locator("#booking")).ToContainTextAsync("15:00");
        await page.GotoAsync($"/Resources/Day/{room}?date={day}");
        await Assertions.Expect(page.Locator("a[href*='from=15:00']")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("业委会 陈先生");
    }

    [Fact]
    public async Task The_supervisor_approves_a_release_and_the_slip_prints_with_its_number()
    {
        (Guid Id, string Number) release;
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var found = await db.ServiceRequests.Where(r => r.Kind == ServiceKind.Release && r.Status == ServiceStatus.PendingApproval)
                .OrderBy(r => r.Number).Select(r => new { r.Id, r.Number }).FirstAsync(Ct);
            release = (found.Id, found.Number);
        }

        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        await PortalPages.SignInAsync(page, "supervisor");
        await page.GotoAsync($"/Services/Details/{release.Id}");
        await page.GetByRole(AriaRole.Button, new() { Name = "批准" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "打印放行条" }).ClickAsync();

        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await PortalServer.ScreenshotAsync(page, "release-slip");
        await Assertions.Expect(page.Locator(".slip-number").First).ToHaveTextAsync(release.Number);
        await Assertions.Expect(page.Locator(".no-print").First).Not.ToBeVisibleAsync();
        var pdf = await page.PdfAsync(new PagePdfOptions { PreferCSSPageSize = true });
        Assert.NotEmpty(pdf);
    }
}
