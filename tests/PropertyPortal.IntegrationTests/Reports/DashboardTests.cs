using System.Globalization;
using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Seeding;

namespace PropertyPortal.IntegrationTests.Reports;

/// <summary>
/// The manager's dashboard (/Reports): each user sees only their properties, a property not theirs cannot be asked
/// for, the figures are the monthly report's own, and the statements it sends do not grow with the number of
/// properties (each section reads the whole range of properties and months at once).
/// </summary>
public abstract class DashboardTests(PortalFactory factory)
{
    private PortalFactory App
    {
        get
        {
            factory.EnsureAvailable();
            return factory;
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_dashboard_lists_only_assigned_properties_with_the_reports_figures_and_a_fixed_number_of_statements()
    {
        Guid chhy, gmds;
        int all;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            chhy = await db.Properties.Where(p => p.Code == DemoSeeder.ResidentialCode).Select(p => p.Id).SingleAsync(Ct);
            gmds = await db.Properties.Where(p => p.Code == DemoSeeder.OfficeCode).Select(p => p.Id).SingleAsync(Ct);
            all = await db.Properties.CountAsync(Ct);
        }

        App.Clock.Set(PortalClock.ToUtc(new DateTime(2026, 8, 10, 10, 0, 0)));
        using var supervisor = await PortalClient.SignedInAsync(App, "supervisor");
        var own = await supervisor.GetAsync("/Reports?month=2026-07");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var page = await PortalClient.ParseAsync(own);
        Assert.Equal([chhy.ToString()], page.QuerySelectorAll("#dashboard-headline tbody tr").Select(r => r.GetAttribute("data-property")));
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync($"/Reports?month=2026-07&property={gmds}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync("/Reports?month=2026-13")).StatusCode);

        // Drill-down to the property's report, whose figures the dashboard shows.
        var link = page.QuerySelector<IHtmlAnchorElement>("#dashboard-headline tbody tr th a")!.GetAttribute("href");
        Assert.Equal($"/Reports/Monthly?property={chhy}&month=2026-07", link);
        var report = await supervisor.GetDocumentAsync(link!);
        foreach (var cell in page.QuerySelectorAll("#dashboard-headline tbody td[data-key]").Where(c => c.GetAttribute("data-key") != "openBreaches"))
        {
            var key = cell.GetAttribute("data-key");
            Assert.Equal(report.QuerySelector($"tr[data-key='{key}'] td")!.GetAttribute("data-value"), cell.GetAttribute("data-value"));
        }

        // Four trend charts over the twelve months to July, each with its numbers in a table.
        Assert.Equal(4, page.QuerySelectorAll("canvas[data-chart]").Length);
        Assert.Equal(4, page.QuerySelectorAll("table.chart-table").Length);
        using var data = JsonDocument.Parse(page.QuerySelector("#dashboard-data")!.TextContent);
        var months = data.RootElement.GetProperty("months").EnumerateArray().Select(m => m.GetString()).ToList();
        Assert.Equal(12, months.Count);
        Assert.Equal(("2025-08", "2026-07"), (months[0], months[^1]));

        // The manager sees every property, with as many statements as the supervisor's one property needed.
        using var manager = await PortalClient.SignedInAsync(App, "manager");
        var every = await manager.GetAsync("/Reports?month=2026-07");
        var managerPage = await PortalClient.ParseAsync(every);
        Assert.Equal(all, managerPage.QuerySelectorAll("#dashboard-headline tbody tr").Length);
        Assert.True(all > 1);
        // Counted on a second request of each: the first of a user may fill the instance's reference cache (ADR 0027).
        Assert.Equal(Statements(await supervisor.GetAsync("/Reports?month=2026-07")), Statements(await manager.GetAsync("/Reports?month=2026-07")));
        Assert.Contains(managerPage.QuerySelectorAll("nav a"), a => a.GetAttribute("href") == "/Reports" && a.TextContent == "报表");
    }

    private static int Statements(HttpResponseMessage response)
    {
        var timing = string.Join(",", response.Headers.GetValues("Server-Timing"));
        var start = timing.IndexOf("desc=\"", StringComparison.Ordinal) + 6;
        return int.Parse(timing[start..timing.IndexOf(' ', start)], CultureInfo.InvariantCulture);
    }
}

public sealed class SqliteDashboardTests(SqlitePortalFactory factory) : DashboardTests(factory), IClassFixture<SqlitePortalFactory>;

public sealed class PostgresDashboardTests(PostgresPortalFactory factory) : DashboardTests(factory), IClassFixture<PostgresPortalFactory>;
