using System.Globalization;
using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.MoveInOut;
using PropertyPortal.Domain.Registry;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Seeding;

namespace PropertyPortal.IntegrationTests.Reports;

/// <summary>
/// A hand-counted week of move-ins (Monday 2026-09-07 to Sunday 09-13) on /MoveIns/Stats and in its Excel file:
/// on Tuesday 09-08 the desk books three households into vacant flats of 翠湖花园, receives two of them, and
/// cancels nothing — so the week reads 3 booked, 2 received, and nothing else; the week after reads nothing, and
/// "units in custody now" is only read for the week that holds now. The page is the monthly report's move-in
/// section over a week, so the September report reads the same counts; the week before is the page's second column.
/// 国贸大厦's desk asking for 翠湖花园's week gets 404 on the page and the export, and its own week shows none of it.
/// </summary>
public abstract class MoveInWeekTests(PortalFactory factory)
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
    public async Task A_week_of_move_ins_reads_back_on_the_page_and_in_excel_and_only_for_the_property_s_own_staff()
    {
        App.Clock.Set(PortalClock.ToUtc(new DateTime(2026, 9, 8, 10, 0, 0)));
        Guid chhy;
        List<Guid> units;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            chhy = await db.Properties.Where(p => p.Code == DemoSeeder.ResidentialCode).Select(p => p.Id).SingleAsync(Ct);
            units = await db.Units.Where(u => u.PropertyId == chhy && u.Type == UnitType.Residence && !db.Occupancies.Any(o => o.UnitId == u.Id) && !db.MoveIns.Any(m => m.UnitId == u.Id))
                .OrderBy(u => u.Number).Select(u => u.Id).Take(3).ToListAsync(Ct);
        }

        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var ids = new List<Guid>();
        for (var i = 0; i < units.Count; i++)
        {
            var booked = await desk.SubmitFormAsync($"/MoveIns/Create?unitId={units[i]}", "#move-in-form", new Dictionary<string, string>
            {
                ["CustomerId"] = "", ["NewName"] = $"周统计{i}", ["NewPhone"] = $"1380000{i:D4}", ["Applicant"] = nameof(MoveInApplicant.Owner),
            });
            Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);
            ids.Add(Guid.Parse(booked.RedirectPath()["/MoveIns/Details/".Length..]));
        }

        foreach (var id in ids.Take(2))
        {
            var received = await desk.SubmitFormAsync($"/MoveIns/Details/{id}", "#receive-form", new Dictionary<string, string>());
            Assert.Equal(HttpStatusCode.Redirect, received.StatusCode);
        }

        var expected = new Dictionary<string, decimal?>
        {
            ["booked"] = 3, ["received"] = 2, ["completed"] = 0, ["overridden"] = 0, ["cancelled"] = 0, ["passedFirstTime"] = 0, ["withDefects"] = 0,
            ["defectsRaised"] = 0, ["defectsFixed"] = 0, ["callbacksDue"] = 0, ["callbacksDone"] = 0, ["custodyUnits"] = 0, ["patrols"] = 0,
            ["patrolsOverdue"] = 0, ["meterAlarms"] = 0,
        };
        Assert.Equal(expected, await PageAsync(desk, $"week=2026-09-13&propertyId={chhy}"));
        Assert.Equal(expected, await PageAsync(desk, "week=2026-09-07"));
        var next = await PageAsync(desk, $"week=2026-09-14&propertyId={chhy}");
        Assert.Equal(expected.Keys, next.Keys);
        Assert.All(next.Where(f => f.Key != "custodyUnits"), f => Assert.Equal(0m, f.Value));
        Assert.Null(next["custodyUnits"]);

        // The week after's "previous week" column is this week; the monthly report's move-in section counts September the same way.
        var nextPage = await desk.GetDocumentAsync($"/MoveIns/Stats?week=2026-09-14&propertyId={chhy}");
        Assert.Equal("3", nextPage.QuerySelector("#section-moveIns tr[data-key='moveIns.booked'] td:nth-of-type(2)")!.GetAttribute("data-value"));
        Assert.Equal("2026-09-14 – 09-20", nextPage.QuerySelector("#report-week")!.TextContent);
        using var supervisor = await PortalClient.SignedInAsync(App, "supervisor");
        var september = await supervisor.GetDocumentAsync($"/Reports/Monthly?property={chhy}&month=2026-09");
        Assert.Equal("3", september.QuerySelector("tr[data-key='moveIns.booked'] td")!.GetAttribute("data-value"));
        Assert.Equal("2", september.QuerySelector("tr[data-key='moveIns.received'] td")!.GetAttribute("data-value"));

        var export = await desk.GetAsync($"/MoveIns/StatsExport?week=2026-09-08&propertyId={chhy}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        using (var xlsx = SpreadsheetDocument.Open(new MemoryStream(await export.Content.ReadAsByteArrayAsync(Ct)), false))
        {
            var book = xlsx.WorkbookPart!;
            var sheet = book.Workbook.Sheets!.Elements<Sheet>().Single();
            Assert.Equal("入住办理", sheet.Name?.Value);
            var rows = ((WorksheetPart)book.GetPartById(sheet.Id!)).Worksheet.Descendants<Row>().Select(r => r.Elements<Cell>().ToList()).ToList();
            Assert.Equal(["指标", "2026-09-07 – 09-13", "2026-08-31 – 09-06", "2025-09-08 – 09-14"], rows[0].Select(c => c.InlineString?.InnerText));
            var figures = rows.Skip(1).ToDictionary(r => r[0].InlineString!.InnerText, r => (r[1].DataType?.Value, int.Parse(r[1].CellValue!.Text, CultureInfo.InvariantCulture)));
            Assert.Equal(15, figures.Count);
            Assert.Equal((CellValues.Number, 3), figures["新预约"]);
            Assert.Equal((CellValues.Number, 2), figures["开始办理"]);
            Assert.Equal((CellValues.Number, 0), figures["办结入住"]);
            Assert.Equal(5, figures.Values.Sum(f => f.Item2));
        }

        // 国贸大厦's desk: 翠湖花园's week is not there to ask for, and its own week holds none of it.
        using var tower = await PortalClient.SignedInAsync(App, "officedesk");
        Assert.Equal(HttpStatusCode.NotFound, (await tower.GetAsync($"/MoveIns/Stats?week=2026-09-08&propertyId={chhy}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tower.GetAsync($"/MoveIns/StatsExport?week=2026-09-08&propertyId={chhy}")).StatusCode);
        Assert.All(await PageAsync(tower, "week=2026-09-08"), f => Assert.Equal(0m, f.Value));
    }

    /// <summary>The week's column of the page's move-in section: figure key (without the section's prefix) → value (null for —).</summary>
    private static async Task<Dictionary<string, decimal?>> PageAsync(PortalClient client, string query)
    {
        var page = await client.GetDocumentAsync($"/MoveIns/Stats?{query}");
        return page.QuerySelectorAll("#section-moveIns tr[data-key]")
            .ToDictionary(r => r.GetAttribute("data-key")!["moveIns.".Length..], r => r.QuerySelector("td")!.GetAttribute("data-value") is { Length: > 0 } v ? decimal.Parse(v, CultureInfo.InvariantCulture) : (decimal?)null);
    }
}
public sealed class SqliteMoveInWeekTests(SqlitePortalFactory factory) : MoveInWeekTests(factory), IClassFixture<SqlitePortalFactory>;

public sealed class PostgresMoveInWeekTests(PostgresPortalFactory factory) : MoveInWeekTests(factory), IClassFixture<PostgresPortalFactory>;
