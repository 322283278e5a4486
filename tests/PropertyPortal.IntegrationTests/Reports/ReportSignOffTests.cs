using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.IntegrationTests.Complaints;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Seeding;

namespace PropertyPortal.IntegrationTests.Reports;

/// <summary>
/// March 2026 at 翠湖花园: two phone contacts, the month signed off by its supervisor on 04-02 and countersigned by
/// the manager, then one contact corrected to a visit on 04-03. The signed report keeps its figures and shows the
/// correction as a difference, on the page and in the Excel file; what may not be signed or countersigned is refused.
/// </summary>
public abstract class ReportSignOffTests(PortalFactory factory)
{
    private const string OfficeManager = "gmdssignoffmanager";

    private PortalFactory App
    {
        get
        {
            factory.EnsureAvailable();
            return factory;
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTime At(int month, int day, int hour) => PortalClock.ToUtc(new DateTime(2026, month, day, hour, 0, 0));

    [Fact]
    public async Task A_signed_month_keeps_its_figures_and_shows_a_later_correction_as_a_difference()
    {
        var chhy = await ResidentialAsync();
        var page = $"/Reports/Monthly?property={chhy}&month=2026-03";

        App.Clock.Set(At(3, 10, 10));
        using (var desk = await PortalClient.SignedInAsync(App, "frontdesk"))
        {
            await LogContactAsync(desk, chhy, "三月咨询停车");
            await LogContactAsync(desk, chhy, "三月咨询物业费");
        }

        App.Clock.Set(At(4, 2, 10));
        using var supervisor = await PortalClient.SignedInAsync(App, "supervisor");

        // April is not over: no form, and a post for it is refused with nothing saved.
        var april = await supervisor.GetDocumentAsync($"/Reports/Monthly?property={chhy}&month=2026-04");
        Assert.Null(april.QuerySelector("#signoff-form"));
        Assert.NotNull(april.QuerySelector("#report-not-over"));
        var (action, values) = await supervisor.ReadFormAsync(page, "#signoff-form", new Dictionary<string, string> { ["Commentary"] = "四月说明" });
        var early = await supervisor.PostAsync(action, new Dictionary<string, string>(values) { ["Month"] = "2026-04" });
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        Assert.Contains("只能签核已结束的月份", await early.Content.ReadAsStringAsync(Ct));

        // No commentary: the message beside the field, nothing saved.
        var empty = await supervisor.SubmitFormAsync(page, "#signoff-form", new Dictionary<string, string> { ["Commentary"] = "  " });
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        var emptyPage = await PortalClient.ParseAsync(empty);
        Assert.Contains("请填写签核说明", emptyPage.QuerySelector("#signoff-form [data-valmsg-for='Commentary']")!.TextContent);
        var tooLong = await supervisor.SubmitFormAsync(page, "#signoff-form", new Dictionary<string, string> { ["Commentary"] = new string('长', 2001) });
        Assert.Contains("签核说明不能超过 2000 个字", (await PortalClient.ParseAsync(tooLong)).QuerySelector("#signoff-form [data-valmsg-for='Commentary']")!.TextContent);
        Assert.Equal(0, await SignOffCountAsync(chhy));

        // Two sign-offs of one month: the second form, read before the first was posted, is refused.
        var second = await supervisor.ReadFormAsync(page, "#signoff-form", new Dictionary<string, string> { ["Commentary"] = "第二份说明" });
        var signed = await supervisor.SubmitFormAsync(page, "#signoff-form", new Dictionary<string, string> { ["Commentary"] = "三月来电两宗，均当场答复。" });
        Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        var refused = await supervisor.PostAsync(second.Action, second.Values);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("该月报告已签核", await refused.Content.ReadAsStringAsync(Ct));
        Assert.Equal(1, await SignOffCountAsync(chhy));

        var report = await supervisor.GetDocumentAsync(page);
        Assert.Contains("李主管", report.QuerySelector("#report-signed")!.TextContent);
        Assert.Equal("三月来电两宗，均当场答复。", report.QuerySelector("#report-commentary")!.TextContent);
        Assert.Contains("待经理复核", report.QuerySelector("#report-countersigned")!.TextContent);
        Assert.Null(report.QuerySelector("#signoff-form"));
        Assert.Null(report.QuerySelector("#countersign-form"));
        Assert.Equal("2", Cell(report, "contacts.total").GetAttribute("data-value"));
        Assert.Empty(report.QuerySelectorAll(".report-changed"));

        // The supervisor is not a manager: no countersignature.
        var token = await supervisor.AntiforgeryTokenAsync();
        var notManager = await supervisor.PostAsync("/Reports/Countersign", new Dictionary<string, string>
        {
            [PortalClient.TokenField] = token, ["Property"] = chhy.ToString(), ["Month"] = "2026-03", ["Version"] = "0",
        });
        Assert.True(notManager.IsAccessDenied(), ((int)notManager.StatusCode).ToString(CultureInfo.InvariantCulture));

        // The manager countersigns; a second countersignature from a page read before it is refused.
        using var manager = await PortalClient.SignedInAsync(App, "manager");
        var stale = await manager.ReadFormAsync(page, "#countersign-form", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, (await manager.SubmitFormAsync(page, "#countersign-form", new Dictionary<string, string>())).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await manager.PostAsync(stale.Action, stale.Values)).StatusCode);
        var countersigned = await manager.GetDocumentAsync(page);
        Assert.Contains("该报告已复核", countersigned.QuerySelector(".alert-danger.alert-dismissible")!.TextContent);
        Assert.Contains("王经理", countersigned.QuerySelector("#report-countersigned")!.TextContent);
        Assert.Null(countersigned.QuerySelector("#countersign-form"));

        // Each step is on the record: who and when, and the audit trail of the sign-off (created, then countersigned).
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            var row = await db.MonthlyReportSignOffs.AsNoTracking().SingleAsync(s => s.PropertyId == chhy && s.Year == 2026 && s.Month == 3, Ct);
            Assert.Equal(("李主管", "王经理"), (row.SignedByName, row.CountersignedByName));
            Assert.InRange(row.SignedAt, At(4, 2, 10), At(4, 2, 11));
            Assert.InRange(row.CountersignedAt!.Value, row.SignedAt, At(4, 2, 11));
            var audit = await db.AuditEntries.AsNoTracking().Where(a => a.EntityId == row.Id).OrderBy(a => a.Id).Select(a => new { a.Action, a.UserName }).ToListAsync(Ct);
            Assert.Equal([(AuditAction.Created, "supervisor"), (AuditAction.Updated, "manager")], audit.Select(a => (a.Action, a.UserName)));
        }

        // A correction after the sign-off: one March contact was a visit, not a call.
        App.Clock.Set(At(4, 3, 9));
        Guid contact;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            contact = await db.Contacts.Where(c => c.PropertyId == chhy && c.Subject == "三月咨询停车").Select(c => c.Id).SingleAsync(Ct);
        }

        using (var desk = await PortalClient.SignedInAsync(App, "frontdesk"))
        {
            var edit = await desk.SubmitFormAsync($"/Contacts/Edit/{contact}", "#contact-form", new Dictionary<string, string> { ["Source"] = "Visit" });
            Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
        }

        // The sign-in lasts a working day: the next morning the manager signs in again.
        using var nextDay = await PortalClient.SignedInAsync(App, "manager");
        var corrected = await nextDay.GetDocumentAsync(page);
        Assert.Equal("2", Cell(corrected, "contacts.total").GetAttribute("data-value"));
        var phone = Cell(corrected, "contacts.source.Phone");
        Assert.Equal(("2", "1"), (phone.GetAttribute("data-value"), phone.GetAttribute("data-live")));
        Assert.Equal("冻结 2 · 现 1（−1）", phone.TextContent);
        var visit = Cell(corrected, "contacts.source.Visit");
        Assert.Equal(("0", "1"), (visit.GetAttribute("data-value"), visit.GetAttribute("data-live")));
        Assert.Equal("冻结 0 · 现 1（+1）", visit.TextContent);
        Assert.Equal(2, corrected.QuerySelectorAll(".report-changed").Length);

        // The Excel file of the signed month: the sign-off first, then the frozen figures with today's where they differ.
        var export = await nextDay.GetAsync($"/Reports/MonthlyExport?property={chhy}&month=2026-03");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        using (var xlsx = SpreadsheetDocument.Open(new MemoryStream(await export.Content.ReadAsByteArrayAsync(Ct)), false))
        {
            var book = xlsx.WorkbookPart!;
            var names = book.Workbook.Sheets!.Elements<Sheet>().Select(sh => sh.Name!.Value!).ToList();
            Assert.Equal("签核", names[0]);
            var signOff = SheetRows(book, "签核").Select(r => string.Join("|", r)).ToList();
            Assert.Contains(signOff, r => r.StartsWith("签核|李主管 2026-04-02 10:00", StringComparison.Ordinal));
            Assert.Contains(signOff, r => r.StartsWith("复核|王经理 2026-04-02 10:00", StringComparison.Ordinal));
            Assert.Contains(signOff, r => r.StartsWith("主管说明|三月来电两宗", StringComparison.Ordinal));
            var contacts = SheetRows(book, "来访来电");
            Assert.Equal(["指标", "2026-03", "2026-02", "2025-03", "现值（签核后更正）"], contacts[0]);
            Assert.Equal(["登记总数", "2", "0", "0"], contacts.Single(r => r[0] == "登记总数").Where(c => c.Length > 0));
            Assert.Equal(["2", "1"], contacts.Single(r => r[0] == "渠道：来电").Where((c, i) => i is 1 or 4));
            Assert.Equal(["0", "1"], contacts.Single(r => r[0] == "渠道：来访").Where((c, i) => i is 1 or 4));
        }
    }

    [Fact]
    public async Task A_user_of_another_property_cannot_see_sign_or_countersign_its_report()
    {
        var chhy = await ResidentialAsync();
        App.Clock.Set(At(2, 5, 10));
        await ComplaintPageForms.EnsureOfficeManagerAsync(App, OfficeManager, "国贸签核经理");
        using var office = await PortalClient.SignedInAsync(App, OfficeManager);
        Assert.Equal(HttpStatusCode.NotFound, (await office.GetAsync($"/Reports/Monthly?property={chhy}&month=2026-01")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await office.GetAsync($"/Reports/MonthlyExport?property={chhy}&month=2026-01")).StatusCode);
        var token = await office.AntiforgeryTokenAsync();
        var sign = await office.PostAsync("/Reports/Sign", new Dictionary<string, string>
        {
            [PortalClient.TokenField] = token, ["Property"] = chhy.ToString(), ["Month"] = "2026-01", ["Commentary"] = "越权签核",
        });
        Assert.Equal(HttpStatusCode.NotFound, sign.StatusCode);
        Assert.Equal(0, await SignOffCountAsync(chhy, 1));

        // A month another user signed is not theirs to countersign either.
        using (var supervisor = await PortalClient.SignedInAsync(App, "supervisor"))
        {
            var signed = await supervisor.SubmitFormAsync($"/Reports/Monthly?property={chhy}&month=2026-01", "#signoff-form", new Dictionary<string, string> { ["Commentary"] = "一月正常" });
            Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        }

        var countersign = await office.PostAsync("/Reports/Countersign", new Dictionary<string, string>
        {
            [PortalClient.TokenField] = token, ["Property"] = chhy.ToString(), ["Month"] = "2026-01", ["Version"] = "0",
        });
        Assert.Equal(HttpStatusCode.NotFound, countersign.StatusCode);
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        Assert.Null(await db.MonthlyReportSignOffs.Where(s => s.PropertyId == chhy && s.Year == 2026 && s.Month == 1).Select(s => s.CountersignedAt).SingleAsync(Ct));
    }

    private static IHtmlTableDataCellElement Cell(IHtmlDocument page, string key) =>
        page.QuerySelector<IHtmlTableDataCellElement>($"tr[data-key='{key}'] td") ?? throw new InvalidOperationException($"No figure {key} in the report.");

    private static List<List<string>> SheetRows(WorkbookPart book, string name)
    {
        var sheet = book.Workbook.Sheets!.Elements<Sheet>().Single(sh => sh.Name == name);
        var part = (WorksheetPart)book.GetPartById(sheet.Id!);
        return part.Worksheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "").ToList()).ToList();
    }

    private async Task<int> SignOffCountAsync(Guid property, int month = 3)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await db.MonthlyReportSignOffs.CountAsync(s => s.PropertyId == property && s.Year == 2026 && s.Month == month, Ct);
    }

    private async Task<Guid> ResidentialAsync()
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await db.Properties.Where(p => p.Code == DemoSeeder.ResidentialCode).Select(p => p.Id).SingleAsync(Ct);
    }

    private static async Task LogContactAsync(PortalClient client, Guid propertyId, string subject)
    {
        var response = await client.SubmitFormAsync("/Contacts/Create", "#contact-form", new Dictionary<string, string>
        {
            ["PropertyId"] = propertyId.ToString(), ["Source"] = "Phone", ["Name"] = "王先生", ["Phone"] = "13912345678",
            ["Subject"] = subject, ["Outcome"] = "Answered",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}

public sealed class SqliteReportSignOffTests(SqlitePortalFactory factory) : ReportSignOffTests(factory), IClassFixture<SqlitePortalFactory>;

public sealed class PostgresReportSignOffTests(PostgresPortalFactory factory) : ReportSignOffTests(factory), IClassFixture<PostgresPortalFactory>;
