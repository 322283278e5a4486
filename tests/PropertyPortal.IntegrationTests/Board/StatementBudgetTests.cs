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
/// What a queue screen costs the database, counted by the portal's own statement counter (the one behind the
/// request log line and the <c>Server-Timing</c> header): one statement of clocks per section, then the cases
/// behind all sections looked up once — per kind of case, plus the properties' and assignees' names — however
/// many sections hold rows.
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
        await AcceptUrgentRepairAsync(desk);
        await AcceptUrgentRepairAsync(desk);

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
            var before = work.Statements;

            // Two sections holding the same two orders (every running clock; the repairs' running clocks) and an empty one (paused).
            var sections = await queue.ScreenAsync(property, null,
                [new(SlaClockState.Running, null, now.AddDays(1)), new(SlaClockState.Running, null, null, SlaSubject.RepairOrder), new(SlaClockState.Paused, null, null)], Ct);

            Assert.Equal(2, sections[0].Count);
            Assert.Equal(2, sections[1].Count);
            Assert.Empty(sections[2]);
            Assert.All(sections[0], r => Assert.Equal("厨房水管漏水", r.Case.Problem));

            // 3 sections' clocks + the repair orders (one kind of case) + property names + assignee names.
            Assert.Equal(3 + 1 + 1 + 1, work.Statements - before);
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
        var response = await desk.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var timing = Assert.Single(response.Headers.GetValues("Server-Timing"));
        var match = ServerTiming().Match(timing);
        Assert.True(match.Success, timing);
        Assert.True(int.Parse(match.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture) > 0, timing);
    }

    private async Task AcceptUrgentRepairAsync(PortalClient desk)
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
    }

    [GeneratedRegex("""^db;dur=\d+(\.\d+)?;desc="(?<n>\d+) statements"$""")]
    private static partial Regex ServerTiming();
}

public sealed class SqliteStatementBudgetTests(SqlitePortalFactory factory) : StatementBudgetTests(factory), IClassFixture<SqlitePortalFactory>;

public sealed class PostgresStatementBudgetTests(PostgresPortalFactory factory) : StatementBudgetTests(factory), IClassFixture<PostgresPortalFactory>;
