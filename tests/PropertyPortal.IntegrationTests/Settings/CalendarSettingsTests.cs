using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using PropertyPortal.Domain.Sla;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.IntegrationTests.Settings;

/// <summary>
/// An administrator loads next year's holidays from pasted text (all or nothing), keeps single days and the
/// service hours; until a year is loaded the portal warns, because working days then count Monday–Friday.
/// </summary>
public abstract class CalendarSettingsTests(PortalFactory factory)
{
    private const string China2027 = """
        2027-01-01~2027-01-03 元旦

        2027-02-06 ～ 2027-02-13 春节
        2027-02-20 调休 春节调休
        2027-10-01~2027-10-07 国庆节
        2027-10-09 调休 国庆节调休
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private PortalFactory App
    {
        get
        {
            factory.EnsureAvailable();

            // Late in 2026: 2026 is loaded (reference data), 2027 is not yet.
            factory.Clock.Set(new DateTime(2026, 11, 20, 2, 0, 0, DateTimeKind.Utc));
            return factory;
        }
    }

    private static Dictionary<string, string> Load(int year, string text, bool replace = false) => new()
    {
        ["Year"] = year.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Text"] = text,
        ["Replace"] = replace ? "true" : "false",
    };

    private async Task<BusinessCalendar> CalendarAsync()
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await new SlaSettings(db, App.Services.GetRequiredService<IMemoryCache>()).CalendarAsync(Ct);
    }

    private static DateTime ChinaToUtc(int y, int m, int d, int h) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(y, m, d, h, 0, 0, DateTimeKind.Unspecified), PortalClock.Zone);

    [Fact]
    public async Task Loading_2027_from_text_marks_it_loaded_and_working_days_skip_its_holidays_and_the_banner_goes()
    {
        using var admin = await PortalClient.SignedInAsync(App, "admin");
        Assert.Contains("2027 年的放假安排尚未载入", await (await admin.GetAsync("/")).Content.ReadAsStringAsync(Ct));
        var before = await CalendarAsync();
        Assert.False(before.IsYearLoaded(2027));
        Assert.True(before.IsWorkingDay(new DateOnly(2027, 1, 1)), "an unloaded year counts Monday–Friday");

        var response = await admin.SubmitFormAsync("/Settings/Calendar/Load?year=2027", "form[action='/Settings/Calendar/Load']", Load(2027, China2027));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var calendar = await CalendarAsync();
        Assert.True(calendar.IsYearLoaded(2027));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2027, 1, 1)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2027, 2, 20)), "a make-up Saturday is worked");

        // Thursday 31 Dec 2026, one working day: Friday 1 Jan is 元旦, so Monday 4 Jan at close of business.
        var due = calendar.AddWorkingDays(ChinaToUtc(2026, 12, 31, 10), 1);
        Assert.Equal(ChinaToUtc(2027, 1, 4, calendar.WorkdayHours.Close.Hour) .AddMinutes(calendar.WorkdayHours.Close.Minute), due);

        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            var first = new DateOnly(2027, 1, 1);
            Assert.Equal(3 + 8 + 1 + 7 + 1, await db.CalendarDays.CountAsync(d => d.Date >= first, Ct));
        }

        var page = await admin.GetDocumentAsync("/Settings/Calendar?year=2027");
        Assert.Contains("春节调休", page.Body!.TextContent);
        Assert.DoesNotContain("2027 年的放假安排尚未载入", await (await admin.GetAsync("/")).Content.ReadAsStringAsync(Ct));

        // Loading the year again is refused unless "replace" is ticked; with it, the year's days are swapped.
        var again = await admin.SubmitFormAsync("/Settings/Calendar/Load?year=2027", "form[action='/Settings/Calendar/Load']", Load(2027, "2027-01-01~2027-01-01 元旦"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("替换", await again.Content.ReadAsStringAsync(Ct));
        var replaced = await admin.SubmitFormAsync("/Settings/Calendar/Load?year=2027", "form[action='/Settings/Calendar/Load']", Load(2027, "2027-01-01~2027-01-01 元旦", replace: true));
        Assert.Equal(HttpStatusCode.Redirect, replaced.StatusCode);
        var swapped = await CalendarAsync();
        Assert.True(swapped.IsYearLoaded(2027));
        Assert.True(swapped.IsWorkingDay(new DateOnly(2027, 10, 4)), "the old 国庆节 days are gone");
        Assert.False(swapped.IsWorkingDay(new DateOnly(2027, 1, 1)));
    }

    [Fact]
    public async Task A_malformed_line_is_reported_by_its_number_in_chinese_and_nothing_is_loaded()
    {
        using var admin = await PortalClient.SignedInAsync(App, "admin");
        const string text = """
            2028-01-01~2028-01-03 元旦
            2028-01-04 调休 元旦调休
            2028-13-01~2028-13-02 不存在
            2028-05-01 劳动节
            """;

        var response = await admin.SubmitFormAsync("/Settings/Calendar/Load?year=2028", "form[action='/Settings/Calendar/Load']", Load(2028, text));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errors = (await PortalClient.ParseAsync(response)).QuerySelector("#calendar-errors")!.TextContent;
        Assert.Contains("第 2 行", errors);
        Assert.Contains("不是周六或周日", errors);
        Assert.Contains("第 3 行", errors);
        Assert.Contains("不是有效日期", errors);
        Assert.Contains("第 4 行", errors);
        Assert.DoesNotContain("第 1 行", errors);
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        var first = new DateOnly(2028, 1, 1);
        Assert.False(await db.CalendarYears.AnyAsync(y => y.Year == 2028, Ct));
        Assert.False(await db.CalendarDays.AnyAsync(d => d.Date >= first, Ct));
    }

    [Fact]
    public async Task A_single_day_is_added_and_removed_and_the_calendar_follows_at_once()
    {
        using var admin = await PortalClient.SignedInAsync(App, "admin");
        var day = new DateOnly(2026, 12, 24);
        Assert.True((await CalendarAsync()).IsWorkingDay(day));

        var added = await admin.SubmitFormAsync("/Settings/Calendar?year=2026", "form[action='/Settings/Calendar/AddDay']", new Dictionary<string, string>
        {
            ["AddDay.Date"] = "2026-12-24",
            ["AddDay.Kind"] = nameof(CalendarDayKind.Holiday),
            ["AddDay.Name"] = "公司假日",
        });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.False((await CalendarAsync()).IsWorkingDay(day));

        var duplicate = await admin.SubmitFormAsync("/Settings/Calendar?year=2026", "form[action='/Settings/Calendar/AddDay']", new Dictionary<string, string>
        {
            ["AddDay.Date"] = "2026-12-24",
            ["AddDay.Kind"] = nameof(CalendarDayKind.Holiday),
            ["AddDay.Name"] = "再来一次",
        });
        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        Assert.Contains("该日期已在日历中", await duplicate.Content.ReadAsStringAsync(Ct));

        Guid id;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            id = await db.CalendarDays.Where(d => d.Date == day).Select(d => d.Id).SingleAsync(Ct);
        }

        var token = await admin.AntiforgeryTokenAsync("/Settings/Calendar?year=2026");
        var removed = await admin.PostAsync($"/Settings/Calendar/RemoveDay/{id}", [new(PortalClient.TokenField, token)]);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.True((await CalendarAsync()).IsWorkingDay(day));
    }

    [Fact]
    public async Task Service_hours_are_saved_and_a_closing_time_before_opening_is_refused()
    {
        using var admin = await PortalClient.SignedInAsync(App, "admin");

        var bad = await admin.SubmitFormAsync("/Settings/Calendar/Hours", "form[action='/Settings/Calendar/Hours']", new Dictionary<string, string>
        {
            ["WorkdayOpen"] = "18:00",
            ["WorkdayClose"] = "08:00",
        });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("结束时间必须晚于开始时间", await bad.Content.ReadAsStringAsync(Ct));

        var saved = await admin.SubmitFormAsync("/Settings/Calendar/Hours", "form[action='/Settings/Calendar/Hours']", new Dictionary<string, string>
        {
            ["WorkdayOpen"] = "08:00",
            ["WorkdayClose"] = "17:30",
            ["RestDayClosed"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var calendar = await CalendarAsync();
        Assert.Equal(new ServiceHours(new TimeOnly(8, 0), new TimeOnly(17, 30)), calendar.WorkdayHours);
        Assert.Null(calendar.RestDayHours);
    }
}

public sealed class SqliteCalendarSettingsTests(SqlitePortalFactory factory) : CalendarSettingsTests(factory), IClassFixture<SqlitePortalFactory>;

public sealed class PostgresCalendarSettingsTests(PostgresPortalFactory factory) : CalendarSettingsTests(factory), IClassFixture<PostgresPortalFactory>;
