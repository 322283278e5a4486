using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.Domain.Sla;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Seeding;

namespace PropertyPortal.IntegrationTests.Board;

/// <summary>
/// The rows of the desk's queue and the supervisor's board: one row per case with its unit, household and
/// problem, the case's earliest running milestone on the row and its other milestones inside the row's
/// expand — never a second row — and nothing of a property the user does not work at.
/// </summary>
public abstract class QueueRowTests(PortalFactory factory)
{
    /// <summary>Longer than the row shows: the row has its first 20 characters, the cell's title all of it.</summary>
    private const string Problem = "厨房水管接头漏水地面积水已经漫到客厅楼下邻居反映天花板渗水";

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
    public async Task The_desks_queue_shows_an_order_once_with_its_unit_household_problem_and_earliest_milestone_and_the_rest_inside_its_expand()
    {
        var (unit, customer) = await HouseholdAsync(DemoSeeder.ResidentialCode, 40);
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var id = await AcceptAsync(desk, unit.Id, customer.Id, DemoSeeder.ResidentialCode);
        var number = await NumberAsync(id);

        // An urgent order runs three clocks of the clerk's: 出工程单 in 3 minutes, 电话回复 and 到场 in 15.
        var page = await desk.GetDocumentAsync("/");
        var row = Assert.Single(Rows(page, "#queue", id));
        Assert.DoesNotContain("table-danger", row.ClassName ?? "");
        AssertDescribes(row, number, unit.Label, customer.Name);
        Assert.Equal("出工程单", Cell(row, ".queue-next"));
        Assert.Equal(["PhoneReply", "OnSite"], Others(row));

        // Three minutes on, the first milestone is late: the case moves to the overdue list, still one row,
        // and is not repeated among the clocks due soon for its milestones that are not late yet.
        App.Clock.Advance(TimeSpan.FromMinutes(3).Add(TimeSpan.FromSeconds(1)));
        try
        {
            page = await desk.GetDocumentAsync("/");
            row = Assert.Single(Rows(page, "#queue", id));
            Assert.Contains("table-danger", row.ClassName ?? "");
            AssertDescribes(row, number, unit.Label, customer.Name);
            Assert.Equal("出工程单", Cell(row, ".queue-next"));
            Assert.Equal(["PhoneReply", "OnSite"], Others(row));
        }
        finally
        {
            App.Clock.Advance(-TimeSpan.FromMinutes(3).Add(TimeSpan.FromSeconds(1)));
        }
    }

    [Fact]
    public async Task The_board_shows_each_case_of_its_property_once_with_its_next_milestone_and_no_case_of_another_property()
    {
        var (unit, customer) = await HouseholdAsync(DemoSeeder.ResidentialCode, 41);
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var id = await AcceptAsync(desk, unit.Id, customer.Id, DemoSeeder.ResidentialCode);
        var number = await NumberAsync(id);

        var (towerUnit, towerCustomer) = await HouseholdAsync(DemoSeeder.OfficeCode, 5);
        using var tower = await PortalClient.SignedInAsync(App, "officedesk");
        var towerId = await AcceptAsync(tower, towerUnit.Id, towerCustomer.Id, DemoSeeder.OfficeCode);
        var towerNumber = await NumberAsync(towerId);

        // 李主管 works at 翠湖花园 only: her board is that property's; the tower's order is on nobody's screen but the tower's.
        using var supervisor = await PortalClient.SignedInAsync(App, "supervisor");
        var board = await supervisor.GetDocumentAsync("/Board");
        var row = Assert.Single(Rows(board, "main", id));
        AssertDescribes(row, number, unit.Label, customer.Name);
        Assert.Equal("出工程单", Cell(row, ".queue-next"));
        Assert.Equal(["PhoneReply", "OnSite"], Others(row));
        // Case numbers count per property (both may be BX…-0001): the case is told by its id, in the row and the link.
        Assert.Empty(Rows(board, "main", towerId));
        Assert.Empty(board.QuerySelectorAll($"a[href*='{towerId}']"));
        var everyone = await desk.GetDocumentAsync("/?mine=false");
        Assert.Single(Rows(everyone, "#queue", id));
        Assert.Empty(everyone.QuerySelectorAll($"a[href*='{towerId}']"));
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync($"/Board?propertyId={towerUnit.PropertyId}")).StatusCode);

        var towerRow = Assert.Single(Rows(await tower.GetDocumentAsync("/"), "#queue", towerId));
        AssertDescribes(towerRow, towerNumber, towerUnit.Label, towerCustomer.Name);
        Assert.Empty((await tower.GetDocumentAsync("/?mine=false")).QuerySelectorAll($"a[href*='{id}']"));
    }

    [Fact]
    public async Task A_dispatched_orders_row_follows_its_next_due_milestone_and_the_met_one_leaves_the_expand()
    {
        var (unit, customer) = await HouseholdAsync(DemoSeeder.ResidentialCode, 42);
        var technician = await UserIdAsync("technician");
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");

        // Dispatched at intake: the work order is issued (its clock met), 到场 is the technician's, 电话回复 stays the clerk's.
        var id = await AcceptAsync(desk, unit.Id, customer.Id, DemoSeeder.ResidentialCode, new() { ["TechnicianId"] = technician });
        var row = Assert.Single(Rows(await desk.GetDocumentAsync("/"), "#queue", id));
        Assert.Equal("电话回复", Cell(row, ".queue-next"));
        Assert.Empty(Others(row));

        // Everyone's queue holds both running clocks of the case in one row, soonest first.
        using var supervisor = await PortalClient.SignedInAsync(App, "supervisor");
        row = Assert.Single(Rows(await supervisor.GetDocumentAsync("/?mine=false"), "#queue", id));
        var clocks = await RunningAsync(id);
        Assert.Equal([SlaMilestone.PhoneReply, SlaMilestone.OnSite], clocks.Select(c => c.Milestone).Order().ToList());
        var first = clocks.OrderBy(c => c.DueAt).ThenBy(c => c.Milestone).First();
        Assert.Equal(first.Milestone == SlaMilestone.PhoneReply ? "电话回复" : "到场", Cell(row, ".queue-next"));
        Assert.Single(Others(row));
    }

    [Fact]
    public async Task A_cut_notice_on_its_publication_clock_shows_on_the_board_with_its_title_as_the_problem_and_no_household()
    {
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        Guid property;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            property = await db.Properties.Where(p => p.Code == DemoSeeder.ResidentialCode).Select(p => p.Id).SingleAsync(Ct);
        }

        // The work starts in 23 hours: the notice is already late for its 24-hour lead, so the board lists it among the overdue.
        var starts = Web.Infrastructure.PortalClock.ToLocal(App.Clock.UtcNow.AddHours(23));
        var drafted = await desk.SubmitFormAsync($"/Notices/Create?propertyId={property}", "#notice-form", new Dictionary<string, string>
        {
            ["Title"] = "5号楼停电检修", ["Body"] = "配电房检修。", ["Category"] = nameof(Domain.Notices.NoticeCategory.WaterPowerCut),
            ["WorkStartsAt"] = starts.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.Redirect, drafted.StatusCode);
        var id = Guid.Parse(drafted.RedirectPath().Split('/')[^1]);

        using var supervisor = await PortalClient.SignedInAsync(App, "supervisor");
        var row = Assert.Single(Rows(await supervisor.GetDocumentAsync("/Board"), "main", id));
        Assert.Equal("5号楼停电检修", Cell(row, ".queue-problem"));
        Assert.Equal("", Cell(row, ".queue-household"));
        Assert.StartsWith($"{DemoSeeder.ResidentialCode}-GG-", Cell(row, "a.case-number"));
    }

    private static IEnumerable<IElement> Rows(IDocument page, string within, Guid caseId) =>
        page.QuerySelectorAll($"{within} table.queue tbody tr[data-case='{caseId}']");

    private static string Cell(IElement row, string selector) => row.QuerySelector(selector)?.TextContent.Trim() ?? "";

    private static List<string> Others(IElement row) =>
        row.QuerySelectorAll(".queue-milestone details.queue-others li[data-milestone]").Select(li => li.GetAttribute("data-milestone")!).ToList();

    private static void AssertDescribes(IElement row, string number, string unit, string household)
    {
        Assert.Equal(number, Cell(row, "a.case-number"));
        Assert.Equal(unit, Cell(row, ".queue-unit"));
        Assert.Equal(household, Cell(row, ".queue-household"));
        var problem = row.QuerySelector(".queue-problem")!;
        Assert.Equal(Problem[..20] + "…", problem.TextContent.Trim());
        Assert.Equal(Problem, problem.GetAttribute("title"));
    }

    private sealed record UnitRow(Guid Id, Guid PropertyId, string Label);

    private sealed record CustomerRow(Guid Id, string Name);

    /// <summary>An occupied unit of the property (the n-th), with its building, and one of its households.</summary>
    private async Task<(UnitRow Unit, CustomerRow Customer)> HouseholdAsync(string propertyCode, int n)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        var found = await (from o in db.Occupancies
                           join p in db.Properties on o.PropertyId equals p.Id
                           join u in db.Units on o.UnitId equals u.Id
                           join b in db.Buildings on u.BuildingId equals b.Id
                           join c in db.Customers on o.CustomerId equals c.Id
                           where p.Code == propertyCode && o.EndDate == null
                           orderby u.Number, c.Name
                           select new { UnitId = u.Id, u.PropertyId, Building = b.Name, u.Number, CustomerId = c.Id, c.Name })
            .Skip(n).FirstAsync(Ct);
        return (new UnitRow(found.UnitId, found.PropertyId, $"{found.Building} {found.Number}"), new CustomerRow(found.CustomerId, found.Name));
    }

    private async Task<Guid> AcceptAsync(PortalClient client, Guid unit, Guid customer, string propertyCode, Dictionary<string, string>? extra = null)
    {
        Guid category;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            category = await db.RepairCategories.Where(c => c.IsActive).OrderBy(c => c.SortOrder).Select(c => c.Id).FirstAsync(Ct);
        }

        var fields = new Dictionary<string, string>
        {
            ["Location"] = "厨房",
            ["Description"] = Problem,
            ["CategoryId"] = category.ToString(),
            ["Urgency"] = nameof(RepairUrgency.Urgent),
            ["Billing"] = nameof(RepairBilling.Warranty),
        };
        foreach (var (k, v) in extra ?? [])
        {
            fields[k] = v;
        }

        var response = await client.SubmitFormAsync($"/Repairs/Create?unitId={unit}&customerId={customer}", "main form[method='post']", fields);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect,
            $"{propertyCode}: " + ((await PortalClient.ParseAsync(response)).QuerySelector(".alert-danger, .text-danger:not(:empty)")?.TextContent ?? response.StatusCode.ToString()));
        var path = response.RedirectPath();
        Assert.StartsWith("/Repairs/Details/", path);
        var id = Guid.Parse(path["/Repairs/Details/".Length..]);
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            var order = await db.RepairOrders.AsNoTracking().SingleAsync(o => o.Id == id, Ct);
            Assert.Equal((unit, customer), (order.UnitId, order.CustomerId));
        }

        return id;
    }

    private async Task<string> NumberAsync(Guid id)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await db.RepairOrders.Where(o => o.Id == id).Select(o => o.Number).SingleAsync(Ct);
    }

    private async Task<List<SlaClock>> RunningAsync(Guid id)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await db.SlaClocks.AsNoTracking().Where(c => c.SubjectId == id && c.State == SlaClockState.Running).ToListAsync(Ct);
    }

    private async Task<string> UserIdAsync(string userName)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync(Ct);
    }
}

public sealed class SqliteQueueRowTests(SqlitePortalFactory factory) : QueueRowTests(factory), IClassFixture<SqlitePortalFactory>;

public sealed class PostgresQueueRowTests(PostgresPortalFactory factory) : QueueRowTests(factory), IClassFixture<PostgresPortalFactory>;
