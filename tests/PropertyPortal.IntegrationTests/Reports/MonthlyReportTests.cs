using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Callbacks;
using PropertyPortal.Domain.Complaints;
using PropertyPortal.Domain.Sla;
using PropertyPortal.IntegrationTests.Complaints;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Seeding;

namespace PropertyPortal.IntegrationTests.Reports;

/// <summary>
/// A known June 2026 at 翠湖花园, made through the real pages with a fake clock (one contact in May, two in
/// June; two complaints replied within the hour, resolved, closed, and both sent back by their callbacks —
/// one resolved again after its new deadline, one still open), then the monthly report read figure by figure
/// against what was done, the weekly complaint statistics beside it, and the property wall.
/// </summary>
public abstract class MonthlyReportTests(PortalFactory factory)
{
    private const string Main = "main form[method='post']";
    private const string OfficeManager = "gmdsreportmanager";

    private PortalFactory App
    {
        get
        {
            factory.EnsureAvailable();
            return factory;
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTime At(int month, int day, int hour, int minute = 0) => PortalClock.ToUtc(new DateTime(2026, month, day, hour, minute, 0));

    [Fact]
    public async Task A_known_month_reads_back_figure_by_figure_and_a_reopened_complaint_counts_its_last_resolution()
    {
        var (chhy, gmds) = await PropertiesAsync();

        App.Clock.Set(At(5, 20, 10));
        using (var desk = await PortalClient.SignedInAsync(App, "frontdesk"))
        {
            await LogContactAsync(desk, chhy, "Phone", "五月咨询停车");
        }

        // The sign-in lasts a working day: each day signs in again.
        App.Clock.Set(At(6, 2, 9));
        Guid a = default, b = default;
        await AsDeskAsync(async desk =>
        {
            await LogContactAsync(desk, chhy, "Phone", "咨询物业费");
            await LogContactAsync(desk, chhy, "Visit", "来访咨询装修");

            // Two minor complaints at 09:10, replied at 09:40 (within the hour), resolved, told and closed.
            App.Clock.Set(At(6, 2, 9, 10));
            var (customerA, categoryA) = await ResidentialAsync(0);
            var (customerB, categoryB) = await ResidentialAsync(1);
            a = await AcceptAsync(desk, customerA, categoryA);
            b = await AcceptAsync(desk, customerB, categoryB);
            App.Clock.Set(At(6, 2, 9, 40));
            foreach (var id in new[] { a, b })
            {
                await ActAsync(desk, id, "Reply", new() { ["Channel"] = "Phone", ["Text"] = "已致电说明" });
                await ActAsync(desk, id, "Resolve", new() { ["Text"] = "已处理" });
                await ActAsync(desk, id, "Result", new() { ["Channel"] = "Phone", ["Text"] = "已告知业主" });
                await ActAsync(desk, id, "Close", []);
            }
        });

        // The next morning both callbacks hear "not fixed" (scores 3 and 4): both complaints reopen with a fresh
        // 2-day resolution clock from 06-03 10:00.
        App.Clock.Set(At(6, 3, 10));
        await AsDeskAsync(async desk =>
        {
            await CallbackAsync(desk, a, "3");
            await CallbackAsync(desk, b, "4");
        });

        // A is resolved again on 06-08, three days past its new deadline; B is still being handled.
        App.Clock.Set(At(6, 8, 10));
        await AsDeskAsync(desk => ActAsync(desk, a, "Resolve", new() { ["Text"] = "已彻底处理" }));
        var resolutionClocks = await ResolutionClocksAsync(a);
        Assert.Equal(2, resolutionClocks.Count);
        Assert.True(resolutionClocks[0].MinutesEarly >= 0 && resolutionClocks[1].MinutesEarly < 0, "the first resolution was on time, the reopened one late");

        using var supervisor = await PortalClient.SignedInAsync(App, "supervisor");
        var report = await supervisor.GetDocumentAsync($"/Reports/Monthly?property={chhy}&month=2026-06");
        Assert.Equal("2026-06", report.QuerySelector("#report-month")!.TextContent);

        Assert.Equal<(decimal?, decimal?, decimal?)>((2m, 1m, 0m), Figure(report, "contacts.total"));
        Assert.Equal<(decimal?, decimal?, decimal?)>((1m, 1m, 0m), Figure(report, "contacts.source.Phone"));
        Assert.Equal<(decimal?, decimal?, decimal?)>((1m, 0m, 0m), Figure(report, "contacts.source.Visit"));
        Assert.Equal<(decimal?, decimal?, decimal?)>((2m, 1m, 0m), Figure(report, "contacts.outcome.Answered"));
        Assert.Equal(1m, Value(report, "contacts.firstContact"));

        Assert.Equal(2m, Value(report, "complaints.received"));
        Assert.Equal(0m, Value(report, "complaints.invalid"));
        Assert.Equal(2m, Value(report, "complaints.tier.Minor"));
        Assert.Equal(0m, Value(report, "complaints.tier.Major"));
        Assert.Equal(2m, Value(report, "complaints.replied"));
        Assert.Equal(1m, Value(report, "complaints.replyOnTime"));

        // The fix: A counts its last (late) resolution; B, reopened and not resolved again, is not resolved.
        Assert.Equal(1m, Value(report, "complaints.resolved"));
        Assert.Equal(0m, Value(report, "complaints.resolvedOnTime"));
        Assert.Equal(2m, Value(report, "complaints.reopened"));
        Assert.Equal(0m, Value(report, "complaints.repeat"));

        Assert.Equal(2m, Value(report, "callbacks.due"));
        Assert.Equal(2m, Value(report, "callbacks.source.Complaint"));
        Assert.Equal(2m, Value(report, "callbacks.made"));
        Assert.Equal(2m, Value(report, "callbacks.reached"));
        Assert.Equal(1m, Value(report, "callbacks.onTime"));
        Assert.Null(Value(report, "callbacks.repairOnTime"));
        Assert.Equal(3.5m, Value(report, "callbacks.meanScore"));
        Assert.Equal(0m, Value(report, "callbacks.satisfied"));
        Assert.Equal(0m, Value(report, "repairs.received"));

        // The Excel file says the same, opened with the OpenXml library: a sheet per section, Chinese headers,
        // numbers as numbers (a share formatted as a percentage).
        var export = await supervisor.GetAsync($"/Reports/MonthlyExport?property={chhy}&month=2026-06");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        using (var xlsx = SpreadsheetDocument.Open(new MemoryStream(await export.Content.ReadAsByteArrayAsync(Ct)), false))
        {
            var book = xlsx.WorkbookPart!;
            var names = book.Workbook.Sheets!.Elements<Sheet>().Select(sh => sh.Name!.Value!).ToList();
            Assert.Equal(["来访来电", "报修", "投诉", "回访", "服务、走访与满意度调查", "入住办理", "迁出与装修", "收费与催缴", "社区活动", "时限"], names);
            var complaints = SheetRows(book, "投诉");
            Assert.Equal(["指标", "2026-06", "2026-05", "2025-06"], complaints[0].Select(c => c.Text));
            var resolvedOnTime = complaints.Single(r => r[0].Text == "按时解决率");
            Assert.Equal((CellValues.Number, 0m, 2u), (resolvedOnTime[1].Type, decimal.Parse(resolvedOnTime[1].Text, CultureInfo.InvariantCulture), resolvedOnTime[1].Style));
            var received = complaints.Single(r => r[0].Text == "受理投诉");
            Assert.Equal((CellValues.Number, 2m), (received[1].Type, decimal.Parse(received[1].Text, CultureInfo.InvariantCulture)));
            var contacts = SheetRows(book, "来访来电");
            var total = contacts.Single(r => r[0].Text == "登记总数");
            Assert.Equal(["2", "1", "0"], total.Skip(1).Select(c => c.Text));
            var score = SheetRows(book, "回访").Single(r => r[0].Text == "平均满意度评分");
            Assert.Equal((3.5m, 1u), (decimal.Parse(score[1].Text, CultureInfo.InvariantCulture), score[1].Style));
        }

        // The weekly page is the same section over the week of Monday 06-01, so it counts the same way.
        var weekly = await supervisor.GetDocumentAsync($"/ComplaintStats?week=2026-06-03&propertyId={chhy}");
        Assert.Equal("2026-06-01 – 06-07", weekly.QuerySelector("#report-week")!.TextContent);
        decimal? Week(string key) => weekly.QuerySelector($"#section-complaints tr[data-key='complaints.{key}'] td")!.GetAttribute("data-value") is { Length: > 0 } v ? decimal.Parse(v, CultureInfo.InvariantCulture) : null;
        Assert.Equal((2m, 2m, 1m), (Week("replied"), Week("repliedInTime"), Week("replyOnTime")));
        Assert.Equal((1m, 0m, 0m), (Week("resolved"), Week("resolvedInTime"), Week("resolvedOnTime")));
        Assert.Equal(2m, Week("reopened"));

        // Its Excel file beside it: the same counts as numbers; another property's week is not this supervisor's.
        var weeklyExport = await supervisor.GetAsync($"/ComplaintStats/Export?week=2026-06-01&propertyId={chhy}");
        Assert.Equal(HttpStatusCode.OK, weeklyExport.StatusCode);
        using (var xlsx = SpreadsheetDocument.Open(new MemoryStream(await weeklyExport.Content.ReadAsByteArrayAsync(Ct)), false))
        {
            var week = SheetRows(xlsx.WorkbookPart!, "投诉");
            Assert.Equal(["指标", "2026-06-01 – 06-07", "2026-05-25 – 05-31", "2025-06-02 – 06-08"], week[0].Select(c => c.Text));
            (string, CellValues?) Figure(string label) => week.Single(r => r[0].Text == label) is var r ? (r[1].Text, r[1].Type) : default;
            Assert.Equal(("2", CellValues.Number), Figure("已答复"));
            Assert.Equal(("2", CellValues.Number), Figure("1 小时内答复（件）"));
            Assert.Equal(("1", CellValues.Number), Figure("已解决"));
            Assert.Equal(("0", CellValues.Number), Figure("按时解决（件）"));
            Assert.Equal(("2", CellValues.Number), Figure("重新处理"));
        }

        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync($"/ComplaintStats?week=2026-06-01&propertyId={gmds}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync($"/ComplaintStats/Export?week=2026-06-01&propertyId={gmds}")).StatusCode);

        // The property wall: the supervisor of 翠湖花园 cannot open 国贸大厦's report; 国贸's manager cannot open 翠湖花园's.
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync($"/Reports/Monthly?property={gmds}&month=2026-06")).StatusCode);
        await ComplaintPageForms.EnsureOfficeManagerAsync(App, OfficeManager, "国贸报表经理");
        using var officeManager = await PortalClient.SignedInAsync(App, OfficeManager);
        Assert.Equal(HttpStatusCode.NotFound, (await officeManager.GetAsync($"/Reports/Monthly?property={chhy}&month=2026-06")).StatusCode);
        var own = await officeManager.GetDocumentAsync($"/Reports/Monthly?property={gmds}&month=2026-06");
        Assert.Equal(0m, Value(own, "complaints.received"));
        Assert.DoesNotContain(own.QuerySelectorAll("#property option"), o => o.GetAttribute("value") == chhy.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync($"/Reports/Monthly?property={chhy}&month=2026-13")).StatusCode);
    }

    private static List<List<(string Text, CellValues? Type, uint Style)>> SheetRows(WorkbookPart book, string name)
    {
        var sheet = book.Workbook.Sheets!.Elements<Sheet>().Single(sh => sh.Name == name);
        var part = (WorksheetPart)book.GetPartById(sheet.Id!);
        return part.Worksheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c => (
            c.InlineString?.InnerText ?? c.CellValue?.Text ?? "", c.DataType?.Value, c.StyleIndex?.Value ?? 0u)).ToList()).ToList();
    }

    private async Task AsDeskAsync(Func<PortalClient, Task> work)
    {
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        await work(desk);
    }

    private static decimal? Value(IHtmlDocument page, string key) => Figure(page, key).Value;

    /// <summary>A figure of the report as rendered: this month, the previous month, the same month last year (null for —).</summary>
    private static (decimal? Value, decimal? Previous, decimal? LastYear) Figure(IHtmlDocument page, string key)
    {
        var row = page.QuerySelector($"tr[data-key='{key}']") ?? throw new InvalidOperationException($"No figure {key} in the report.");
        var cells = row.QuerySelectorAll("td");
        return (Parse(cells[0].GetAttribute("data-value")), Parse(cells[1].GetAttribute("data-value")), Parse(cells[2].GetAttribute("data-value")));
    }

    private static decimal? Parse(string? text) => string.IsNullOrEmpty(text) ? null : decimal.Parse(text, CultureInfo.InvariantCulture);

    private async Task<(Guid Chhy, Guid Gmds)> PropertiesAsync()
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        var chhy = await db.Properties.Where(p => p.Code == DemoSeeder.ResidentialCode).Select(p => p.Id).SingleAsync(Ct);
        var gmds = await db.Properties.Where(p => p.Code == DemoSeeder.OfficeCode).Select(p => p.Id).SingleAsync(Ct);
        return (chhy, gmds);
    }

    private async Task<(Guid Customer, Guid Category)> ResidentialAsync(int skip)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        var property = await db.Properties.SingleAsync(p => p.Code == DemoSeeder.ResidentialCode, Ct);
        var occupancy = await db.Occupancies.Where(o => o.PropertyId == property.Id).OrderBy(o => o.Id).Skip(skip).FirstAsync(Ct);
        var category = await db.ComplaintCategories.OrderBy(c => c.SortOrder).Skip(skip).FirstAsync(Ct);
        return (occupancy.CustomerId, category.Id);
    }

    private static async Task LogContactAsync(PortalClient client, Guid propertyId, string source, string subject)
    {
        var response = await client.SubmitFormAsync("/Contacts/Create", "#contact-form", new Dictionary<string, string>
        {
            ["PropertyId"] = propertyId.ToString(), ["Source"] = source, ["Name"] = "王先生", ["Phone"] = "13912345678",
            ["Subject"] = subject, ["Outcome"] = "Answered",
        });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await FormErrorAsync(response));
    }

    private static async Task<Guid> AcceptAsync(PortalClient client, Guid customer, Guid category)
    {
        var response = await client.SubmitFormAsync($"/Complaints/Create?customerId={customer}", Main, new Dictionary<string, string>
        {
            ["CategoryId"] = category.ToString(), ["Tier"] = nameof(ComplaintTier.Minor), ["Channel"] = nameof(ComplaintChannel.Phone),
            ["Content"] = "楼道灯长期不亮", ["Demand"] = "尽快修好",
        });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await FormErrorAsync(response));
        var path = response.RedirectPath();
        Assert.StartsWith("/Complaints/Details/", path);
        return Guid.Parse(path["/Complaints/Details/".Length..]);
    }

    /// <summary>A step on the complaint's page; it must be done (a redirect with no refusal flashed).</summary>
    private static async Task ActAsync(PortalClient client, Guid id, string action, Dictionary<string, string> fields)
    {
        var response = await ComplaintPageForms.ActAsync(client, id, action, fields);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{action}: {(int)response.StatusCode}");
        var flashError = (await client.GetDocumentAsync($"/Complaints/Details/{id}")).QuerySelector(".alert-danger.alert-dismissible")?.TextContent;
        Assert.True(flashError is null, $"{action}: {flashError}");
    }

    private async Task CallbackAsync(PortalClient client, Guid complaint, string score)
    {
        Guid callbackId;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            callbackId = await db.Callbacks.Where(c => c.ComplaintId == complaint && c.Status == CallbackStatus.Open).Select(c => c.Id).SingleAsync(Ct);
        }

        var recorded = await client.SubmitFormAsync($"/Callbacks/Details/{callbackId}", $"form[action$='/Callbacks/Record/{callbackId}']", new Dictionary<string, string>
        {
            ["Outcome"] = "Reached", ["Fixed"] = "false", ["AttitudeSatisfied"] = "true", ["Score"] = score, ["Comment"] = "灯还是不亮",
        });
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
    }

    private async Task<List<SlaClock>> ResolutionClocksAsync(Guid complaint)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return (await db.SlaClocks.AsNoTracking().Where(c => c.SubjectId == complaint && c.Milestone == SlaMilestone.Resolution).ToListAsync(Ct))
            .OrderBy(c => c.StartedAt).ToList();
    }

    private static async Task<string> FormErrorAsync(HttpResponseMessage response) =>
        (await PortalClient.ParseAsync(response)).QuerySelector(".alert-danger, .text-danger:not(:empty)")?.TextContent ?? response.StatusCode.ToString();
}

public sealed class SqliteMonthlyReportTests(SqlitePortalFactory factory) : MonthlyReportTests(factory), IClassFixture<SqlitePortalFactory>;

public sealed class PostgresMonthlyReportTests(PostgresPortalFactory factory) : MonthlyReportTests(factory), IClassFixture<PostgresPortalFactory>;
