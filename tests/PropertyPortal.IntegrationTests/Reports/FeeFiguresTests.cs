using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPortal.Domain.Fees;
using PropertyPortal.Domain.Registry;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Seeding;

namespace PropertyPortal.IntegrationTests.Reports;

/// <summary>
/// A hand-counted September 2026 of 翠湖花园's fees, made through the real pages with a fake clock and read
/// back figure by figure on /Reports/Monthly and in its Excel file. Three homes (A, B, C) are turned into
/// storerooms (储藏室) on the unit page and billed ¥100.00 a month by a per-unit item for storerooms only, so
/// nothing else in the demo is billed; a bill is due 30 days after its month's first day (the default).
/// February, March, May, July, August and September are billed on the 2nd of each month.
/// - A pays everything before September on 08-10 (¥500) and September's bill on 09-10 (¥100): collected ¥100.
/// - B pays ¥250 on 09-12, oldest first: February, March and ¥50 of May — arrears recovered ¥250.
/// - C pays nothing in September; a one-off ¥56.50 due 09-01 is added on 09-02; it pays ¥100 on 10-05 (February),
///   which must not change what was owed at September's end.
/// Owed at 10-01 (age = days from the due date to 10-01): February (due 03-03, 212 days) and March (03-31, 184)
/// of C → over 180: ¥200; May (05-31, 123) ¥50 of B + ¥100 of C → 91–180: ¥150; July (07-31, 62) and August
/// (08-31, 31 — the bucket's first day) of B and C → 31–90: ¥400; the one-off (09-01, 30 — the bucket's last
/// day) → 0–30: ¥56.50. September's bills fall due on 10-01 itself and are not yet owed.
/// Dunning: on 09-03 B and C get a reminder call, done by the steward on 09-04; on 09-20 both get the second
/// reminder (15 days on), B's done on 09-21. Steps taken: 2 reminders, 1 second reminder; at the month's end both
/// households are at the second reminder — still so when the report is read on 12-06, after December's letters.
/// </summary>
public abstract class FeeFiguresTests(PortalFactory factory)
{
    private const string StoreItem = "储藏室管理费";
    private const string OneOffItem = "测试一次性收费";

    private PortalFactory App
    {
        get
        {
            factory.EnsureAvailable();
            return factory;
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTime At(int month, int day, int hour = 10) => PortalClock.ToUtc(new DateTime(2026, month, day, hour, 0, 0));

    [Fact]
    public async Task Fees_read_back_billed_collected_rate_recovered_aging_and_dunning_on_the_page_and_in_excel()
    {
        App.Clock.Set(At(2, 1, 9));
        Guid chhy;
        List<Unit> homes;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            chhy = await db.Properties.Where(p => p.Code == DemoSeeder.ResidentialCode).Select(p => p.Id).SingleAsync(Ct);
            homes = await db.Units.AsNoTracking().Where(u => u.PropertyId == chhy).OrderBy(u => u.Number).Take(3).ToListAsync(Ct);
            var store = new FeeItem(chhy, StoreItem, FeeKind.PerUnit, UnitType.Storage, null, 1);
            store.SetRate(new DateOnly(2026, 1, 1), 100m);
            db.FeeItems.AddRange(store, new FeeItem(chhy, OneOffItem, FeeKind.OneOff, null, null, 2));
            await db.SaveChangesAsync(Ct);
        }

        var (a, b, c) = (homes[0].Id, homes[1].Id, homes[2].Id);
        using var admin = await PortalClient.SignedInAsync(App, "admin");
        foreach (var home in homes)
        {
            var saved = await admin.SubmitFormAsync($"/Units/Edit/{home.Id}", "main form[method='post']", new Dictionary<string, string>
            {
                ["BuildingId"] = home.BuildingId.ToString(), ["Type"] = nameof(UnitType.Storage), ["Status"] = home.Status.ToString(),
            });
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        // The clock jumps days and months: each step signs in afresh, as a session would not last that long.
        foreach (var month in new[] { 2, 3, 5, 7, 8 })
        {
            await BillAsync(chhy, month);
        }

        App.Clock.Set(At(8, 10));
        await PayAsync(a, "500.00");

        await BillAsync(chhy, 9);
        using (var desk = await PortalClient.SignedInAsync(App, "frontdesk"))
        {
            var oneOff = await desk.SubmitFormAsync($"/Fees/Account/{c}", "form[action*='/Fees/Charge/']", new Dictionary<string, string>
        {
                ["Charge.FeeItemId"] = (await ItemAsync(OneOffItem)).ToString(), ["Charge.Amount"] = "56.50", ["Charge.Description"] = "更换门锁",
                ["Charge.DueDate"] = "2026-09-01",
            });
            Assert.Equal(HttpStatusCode.Redirect, oneOff.StatusCode);
        }

        App.Clock.Set(At(9, 3, 8));
        await DunAsync(chhy);
        App.Clock.Set(At(9, 4));
        await CompleteStepAsync(b, DunningStage.Reminder);
        await CompleteStepAsync(c, DunningStage.Reminder);

        App.Clock.Set(At(9, 10));
        await PayAsync(a, "100.00");
        App.Clock.Set(At(9, 12));
        await PayAsync(b, "250.00");

        App.Clock.Set(At(9, 20, 8));
        await DunAsync(chhy);
        App.Clock.Set(At(9, 21));
        await CompleteStepAsync(b, DunningStage.SecondReminder);

        App.Clock.Set(At(10, 5));
        await PayAsync(c, "100.00");

        // In December both households are sent the letter (90 days after the call): September's "at each step" stays as it was.
        App.Clock.Set(At(12, 5, 8));
        await DunAsync(chhy);

        App.Clock.Set(At(12, 6));
        using var supervisor = await PortalClient.SignedInAsync(App, "supervisor");
        var report = await supervisor.GetDocumentAsync($"/Reports/Monthly?property={chhy}&month=2026-09");
        var expected = new (string Key, decimal? Value)[]
        {
            ("fees.billed", 300m), ("fees.collected", 100m), ("fees.collectionRate", 0.3333m), ("fees.recovered", 250m),
            ("fees.aged0", 56.50m), ("fees.aged31", 400m), ("fees.aged91", 150m), ("fees.aged181", 200m),
            ("fees.steps.Reminder", 2m), ("fees.steps.SecondReminder", 1m), ("fees.steps.Letter", 0m), ("fees.steps.Visit", 0m), ("fees.steps.Legal", 0m),
            ("fees.atStep.Reminder", 0m), ("fees.atStep.SecondReminder", 2m), ("fees.atStep.Letter", 0m), ("fees.atStep.Visit", 0m), ("fees.atStep.Legal", 0m),
        };
        Assert.Equal(expected, expected.Select(e => (e.Key, Value(report, e.Key))).ToArray());

        // August beside it: ¥300 billed, A's August bill collected, A's February–July recovered.
        Assert.Equal<(decimal?, decimal?, decimal?)>((300m, 100m, 400m), (Previous(report, "fees.billed"), Previous(report, "fees.collected"), Previous(report, "fees.recovered")));

        var export = await supervisor.GetAsync($"/Reports/MonthlyExport?property={chhy}&month=2026-09");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        using var xlsx = SpreadsheetDocument.Open(new MemoryStream(await export.Content.ReadAsByteArrayAsync(Ct)), false);
        var book = xlsx.WorkbookPart!;
        var formats = book.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().Select(f => f.NumberFormatId?.Value ?? 0u).ToList();
        var sheet = book.Workbook.Sheets!.Elements<Sheet>().Single(sh => sh.Name == "收费与催缴");
        var rows = ((WorksheetPart)book.GetPartById(sheet.Id!)).Worksheet.Descendants<Row>().Select(r => r.Elements<Cell>().ToList()).ToList();

        // Built-in number formats: 2 is 0.00 (yuan), 10 is 0.00 % (a share), 0 is General (a count).
        (decimal Value, uint Format) Month(string label)
        {
            var cell = rows.Single(r => r[0].InlineString?.InnerText == label)[1];
            Assert.Null(cell.InlineString);
            return (decimal.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture), formats[(int)(cell.StyleIndex?.Value ?? 0u)]);
        }

        Assert.Equal((300m, 2u), Month("本月应收（元）"));
        Assert.Equal((100m, 2u), Month("本月实收（元）"));
        Assert.Equal((0.3333m, 10u), Month("收缴率"));
        Assert.Equal((250m, 2u), Month("收回欠费（元）"));
        Assert.Equal((56.50m, 2u), Month("欠费 0–30 天（元）"));
        Assert.Equal((400m, 2u), Month("欠费 31–90 天（元）"));
        Assert.Equal((150m, 2u), Month("欠费 91–180 天（元）"));
        Assert.Equal((200m, 2u), Month("欠费 180 天以上（元）"));
        Assert.Equal((2m, 0u), Month("催缴步骤：电话/短信提醒"));
        Assert.Equal((1m, 0u), Month("催缴步骤：再次提醒"));
        Assert.Equal((2m, 0u), Month("月末处于该步骤户数：再次提醒"));
        Assert.Equal((0m, 0u), Month("月末处于该步骤户数：电话/短信提醒"));
    }

    private async Task BillAsync(Guid property, int month)
    {
        App.Clock.Set(At(month, 2, 9));
        using var supervisor = await PortalClient.SignedInAsync(App, "supervisor");
        var period = $"2026-{month:00}";
        var run = await supervisor.SubmitFormAsync($"/Billing/Preview?propertyId={property}&period={period}", "main form[method='post']", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, run.StatusCode);
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        Assert.Equal(300m, await db.Charges.Where(ch => ch.PropertyId == property && ch.Period == 202600 + month).SumAsync(ch => ch.Amount, Ct));
    }

    private async Task PayAsync(Guid unit, string amount)
    {
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var pay = await desk.SubmitFormAsync($"/Fees/Account/{unit}", "#pay-form", new Dictionary<string, string> { ["PayerName"] = "王五", ["Amount"] = amount });
        Assert.True(pay.StatusCode == HttpStatusCode.Redirect,
            (await PortalClient.ParseAsync(pay)).QuerySelector(".text-danger:not(:empty), .alert-danger")?.TextContent ?? pay.StatusCode.ToString());
    }

    /// <summary>The nightly dunning job's work for the property on the clock's day.</summary>
    private async Task DunAsync(Guid property)
    {
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Web.Features.Fees.DunningService>().AdvancePropertyAsync(property, PortalClock.Today(App.Clock), Ct);
    }

    private async Task CompleteStepAsync(Guid unit, DunningStage stage)
    {
        using var steward = await PortalClient.SignedInAsync(App, "steward");
        DunningStep step;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            step = await db.DunningSteps.AsNoTracking().SingleAsync(s => s.Stage == stage && db.DunningCases.Any(dc => dc.Id == s.CaseId && dc.UnitId == unit), Ct);
        }

        var token = await steward.AntiforgeryTokenAsync($"/Dunning/Case/{step.CaseId}");
        var done = await steward.PostAsync($"/Dunning/Complete/{step.Id}",
            [new(PortalClient.TokenField, token), new("Outcome", "已电话提醒，业主答应月底前缴清"), new("Version", step.Version.ToString(CultureInfo.InvariantCulture))]);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        using var check = App.CreateDbContext(SystemPropertyScope.Instance);
        Assert.NotNull((await check.DunningSteps.SingleAsync(s => s.Id == step.Id, Ct)).DoneAt);
    }

    private async Task<Guid> ItemAsync(string name)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await db.FeeItems.Where(i => i.Name == name).Select(i => i.Id).SingleAsync(Ct);
    }

    private static decimal? Value(IHtmlDocument page, string key) => Cell(page, key, 0);

    private static decimal? Previous(IHtmlDocument page, string key) => Cell(page, key, 1);

    private static decimal? Cell(IHtmlDocument page, string key, int column)
    {
        var row = page.QuerySelector($"tr[data-key='{key}']") ?? throw new InvalidOperationException($"No figure {key} in the report.");
        var text = row.QuerySelectorAll("td")[column].GetAttribute("data-value");
        return string.IsNullOrEmpty(text) ? null : decimal.Parse(text, CultureInfo.InvariantCulture);
    }
}

public sealed class SqliteFeeFiguresTests(SqlitePortalFactory factory) : FeeFiguresTests(factory), IClassFixture<SqlitePortalFactory>;

public sealed class PostgresFeeFiguresTests(PostgresPortalFactory factory) : FeeFiguresTests(factory), IClassFixture<PostgresPortalFactory>;
