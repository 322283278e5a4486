using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.Domain.Sla;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.Web.Features.Board;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Seeding;

namespace PropertyPortal.IntegrationTests.Board;

/// <summary>
/// What the desk's busiest pages cost the database, counted by the portal's own statement counter (the one behind
/// the request log line and the <c>Server-Timing</c> header): a queue screen reads the clocks of all its sections in
/// one statement and the cases behind them once per kind of case, property and staff names come from the instance's
/// reference cache — which a rename clears at once — and the home page and the registers stay within their budget (#21).
/// </summary>
public abstract partial class StatementBudgetTests(PortalFactory factory)
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
    public async Task A_screens_sections_share_one_look_up_of_their_cases()
    {
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        Guid[] orders = [await AcceptUrgentRepairAsync(desk), await AcceptUrgentRepairAsync(desk)];

        await using var scope = App.Services.CreateAsyncScope();
        var http = scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>();
        var work = new RequestDbWork();
        http.HttpContext = new DefaultHttpContext
        {
            User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, Web.Infrastructure.Identity.Roles.Admin)], "test")),
        };
        http.HttpContext.Features.Set(work);
        try
        {
            var queue = scope.ServiceProvider.GetRequiredService<WorkQueue>();
            var property = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Properties
                .Where(p => p.Code == DemoSeeder.ResidentialCode).Select(p => p.Id).SingleAsync(Ct);
            var now = App.Clock.UtcNow;
            IReadOnlyList<QueueWindow> windows =
                [new(SlaClockState.Running, null, now.AddDays(1)), new(SlaClockState.Running, null, null, SlaSubject.RepairOrder), new(SlaClockState.Paused, null, null)];

            // Cold: the names of the properties and of the staff are read once and kept for the instance.
            await queue.ScreenAsync(property, null, windows, Ct);
            var before = work.Statements;

            // Two sections holding both orders (every running clock; the repairs' running clocks) and one without them (paused).
            var sections = await queue.ScreenAsync(property, null, windows, Ct);
            var ours = sections.Select(s => s.Where(r => orders.Contains(r.Next.SubjectId)).ToList()).ToList();

            Assert.Equal(2, ours[0].Count);
            Assert.Equal(2, ours[1].Count);
            Assert.Empty(ours[2]);
            Assert.All(ours[0], r => Assert.Equal("厨房水管漏水", r.Case.Problem));
            Assert.All(ours[0], r => Assert.False(string.IsNullOrEmpty(r.Next.PropertyName)));

            // The 3 sections' clocks in one statement + the repair orders (one kind of case); the names from the cache.
            Assert.Equal(1 + 1, work.Statements - before);
        }
        finally
        {
            http.HttpContext = null;
        }
    }

    [Fact]
    public async Task Every_page_says_how_many_statements_it_ran_in_its_server_timing_header()
    {
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        Assert.True(await StatementsAsync(desk, "/") > 0);
    }

    [Fact]
    public async Task The_desks_home_page_and_the_repair_register_stay_within_their_statement_budget()
    {
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        await AcceptUrgentRepairAsync(desk);
        await desk.GetAsync("/");
        await desk.GetAsync("/Repairs");

        // Home: the queue's clocks, its cases (repairs, callbacks, service requests), four work tiles of one statement each
        // (households' repairs and complaints, move-ins today, renovations to check), the bell.
        Assert.InRange(await StatementsAsync(desk, "/"), 1, 1 + 3 + 4 + 1);

        // A register: the count, the page, the bell; the property and category options are reference data.
        Assert.InRange(await StatementsAsync(desk, "/Repairs"), 1, 3);
    }

    [Fact]
    public async Task A_renamed_property_shows_its_new_name_at_once_on_the_instance_that_saved_it()
    {
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        await AcceptUrgentRepairAsync(desk);
        Guid office;
        string name;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            var row = await db.Properties.Where(p => p.Code == DemoSeeder.ResidentialCode).Select(p => new { p.Id, p.Name }).SingleAsync(Ct);
            (office, name) = (row.Id, row.Name);
        }

        // Warm: the register's filter and the board's queue rows (all properties: a property column) print the name from the cache.
        using var admin = await PortalClient.SignedInAsync(App, "admin");
        Assert.Contains(name, (await admin.GetDocumentAsync("/Repairs")).QuerySelector("select[name='propertyId']")!.TextContent);
        Assert.Contains(name, await QueueTextAsync(admin));

        var renamed = name + "（二期）";
        try
        {
            var saved = await admin.SubmitFormAsync($"/Properties/Edit/{office}", "main form[method='post']", new Dictionary<string, string> { ["Name"] = renamed });
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

            Assert.Contains(renamed, (await admin.GetDocumentAsync("/Repairs")).QuerySelector("select[name='propertyId']")!.TextContent);
            Assert.Contains(renamed, await QueueTextAsync(admin));
        }
        finally
        {
            var restored = await admin.SubmitFormAsync($"/Properties/Edit/{office}", "main form[method='post']", new Dictionary<string, string> { ["Name"] = name });
            Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        }
    }

    [Fact]
    public async Task A_static_file_carries_no_server_timing()
    {
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var css = await desk.GetAsync("/css/site.css");
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.False(css.Headers.Contains("Server-Timing"));
    }

    private static async Task<string> QueueTextAsync(PortalClient admin) =>
        string.Join("\n", (await admin.GetDocumentAsync("/Board")).QuerySelectorAll("table tbody td").Select(td => td.TextContent));

    private static async Task<int> StatementsAsync(PortalClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var timing = Assert.Single(response.Headers.GetValues("Server-Timing"));
        var match = ServerTiming().Match(timing);
        Assert.True(match.Success, timing);
        return int.Parse(match.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<Guid> AcceptUrgentRepairAsync(PortalClient desk)
    {
        Guid unit, category;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            unit = await (from u in db.Units
                          join p in db.Properties on u.PropertyId equals p.Id
                          where p.Code == DemoSeeder.ResidentialCode
                          orderby u.Number
                          select u.Id).FirstAsync(Ct);
            category = await db.RepairCategories.Where(c => c.IsActive).OrderBy(c => c.SortOrder).Select(c => c.Id).FirstAsync(Ct);
        }

        var response = await desk.SubmitFormAsync($"/Repairs/Create?unitId={unit}", "main form[method='post']", new Dictionary<string, string>
        {
            ["ReporterName"] = "王先生", ["Phone"] = "13900001111", ["Location"] = "厨房", ["Description"] = "厨房水管漏水",
            ["CategoryId"] = category.ToString(), ["Urgency"] = nameof(RepairUrgency.Urgent), ["Billing"] = nameof(RepairBilling.Warranty),
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return Guid.Parse(Regex.Match(response.RedirectPath(), "[0-9a-f]{8}-[0-9a-f-]{27}").Value);
    }

    [GeneratedRegex("""^db;dur=\d+(\.\d+)?;desc="(?<n>\d+) statements"$""")]
    private static partial Regex ServerTiming();
}

public sealed class SqliteStatementBudgetTests(SqlitePortalFactory factory) : StatementBudgetTests(factory), IClassFixture<SqlitePortalFactory>;

public sealed class PostgresStatementBudgetTests(PostgresPortalFactory factory) : StatementBudgetTests(factory), IClassFixture<PostgresPortalFactory>;
