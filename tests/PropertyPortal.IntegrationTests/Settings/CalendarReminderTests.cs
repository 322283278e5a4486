using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPortal.Domain.Sla;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.IntegrationTests.Sla;
using PropertyPortal.Web.Features.Settings;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.IntegrationTests.Settings;

/// <summary>
/// The admins' clock for next year's holidays (issue 15) on both databases: nothing before the reminder's day; from it,
/// one clock per active property for next year, started at the reminder's day and started once; the admin's home
/// shows it; at a reminder the admin set, the clock breaches one second after its due instant and tells the admins;
/// loading the year meets every property's clock of it.
/// </summary>
public abstract class CalendarReminderTests(PortalFactory factory)
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
    public async Task From_the_reminder_s_day_each_property_gets_one_clock_for_next_year_which_breaches_to_the_admins_and_loading_the_year_meets()
    {
        var properties = await ActivePropertiesAsync();

        // The default reminder: from 1 November, due as the new year begins.
        App.Clock.Set(Local(2026, 10, 31, 12));
        Assert.Equal(0, await StartAsync());
        App.Clock.Set(Local(2026, 11, 1, 8));
        Assert.Equal(properties, await StartAsync());
        Assert.Equal(0, await StartAsync());
        var defaults = await ClocksAsync(2027);
        Assert.Equal(properties, defaults.Count);
        Assert.All(defaults, c => Assert.Equal((Local(2026, 11, 1, 0), Local(2027, 1, 1, 0)), (c.StartedAt, c.DueAt)));
        using (var admin = await PortalClient.SignedInAsync(App, "admin"))
        {
            Assert.NotNull((await admin.GetDocumentAsync("/")).QuerySelector("#calendar-warning .calendar-duty[data-year='2027']"));

            // The admin sets another reminder: a day that is not in every year is refused beside the field.
            var refused = await admin.SubmitFormAsync("/Settings/Calendar/Reminder", "#reminder-form",
                new Dictionary<string, string> { ["StartMonth"] = "2", ["StartDay"] = "30", ["LoadWithinDays"] = "20" });
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("该月没有这一天", (await PortalClient.ParseAsync(refused)).QuerySelector("[data-valmsg-for='StartDay']")!.TextContent);
            Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitFormAsync("/Settings/Calendar/Reminder", "#reminder-form",
                new Dictionary<string, string> { ["StartMonth"] = "10", ["StartDay"] = "15", ["LoadWithinDays"] = "20" })).StatusCode);
        }

        App.Clock.Set(Local(2027, 10, 14, 23));
        await StartAsync();
        Assert.Empty(await ClocksAsync(2028));
        App.Clock.Set(Local(2027, 10, 15, 0, 30));
        Assert.Equal(properties, await StartAsync());
        var clock = (await ClocksAsync(2028))[0];
        Assert.Equal((Local(2027, 10, 15, 0), Local(2027, 11, 4, 0)), (clock.StartedAt, clock.DueAt));

        await SlaTestData.SweepAtAsync(App.Services, clock.DueAt);
        Assert.False(await FiredAsync(clock.Id, SlaEventKind.Breach));
        await SlaTestData.SweepAtAsync(App.Services, clock.DueAt.AddSeconds(1));
        Assert.True(await FiredAsync(clock.Id, SlaEventKind.Breach));
        using (var db = Db())
        {
            var admin = await db.Users.Where(u => u.UserName == "admin").Select(u => u.Id).SingleAsync(Ct);
            Assert.True(await db.OutboxMessages.AnyAsync(m => m.DedupKey.StartsWith($"sla:{clock.Id}:{SlaEventKind.Breach}") && m.RecipientUserId == admin, Ct));
        }

        App.Clock.Set(Local(2027, 11, 5, 9));
        using var loader = await PortalClient.SignedInAsync(App, "admin");
        var loaded = await loader.SubmitFormAsync("/Settings/Calendar/Load?year=2028", "form[action='/Settings/Calendar/Load']", new Dictionary<string, string>
        {
            ["Year"] = "2028", ["Text"] = "2028-01-01~2028-01-03 元旦", ["Replace"] = "false",
        });

        Assert.Equal(HttpStatusCode.Redirect, loaded.StatusCode);
        Assert.All(await ClocksAsync(2028), c => Assert.Equal(SlaClockState.Met, c.State));
        Assert.All(await ClocksAsync(2027), c => Assert.Equal(SlaClockState.Running, c.State));
        Assert.Null((await loader.GetDocumentAsync("/")).QuerySelector("#calendar-warning .calendar-duty[data-year='2028']"));
    }

    private async Task<int> StartAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CalendarReminders>().StartDueAsync(App.Clock.UtcNow, Ct);
    }

    private async Task<List<SlaClock>> ClocksAsync(int year)
    {
        using var db = Db();
        var subject = CalendarYearDuty.SubjectOf(year);
        return await db.SlaClocks.AsNoTracking().Where(c => c.SubjectId == subject && c.Milestone == SlaMilestone.CalendarLoad).ToListAsync(Ct);
    }

    private async Task<bool> FiredAsync(Guid clockId, SlaEventKind kind)
    {
        using var db = Db();
        return await db.SlaEvents.AnyAsync(e => e.ClockId == clockId && e.Kind == kind, Ct);
    }

    private async Task<int> ActivePropertiesAsync()
    {
        using var db = Db();
        return await db.Properties.CountAsync(p => p.IsActive, Ct);
    }

    private static DateTime Local(int year, int month, int day, int hour, int minute = 0) =>
        PortalClock.ToUtc(new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified));

    private PortalDbContext Db() => App.CreateDbContext(SystemPropertyScope.Instance);
}

public sealed class SqliteCalendarReminderTests(SqliteQuietPortalFactory factory) : CalendarReminderTests(factory), IClassFixture<SqliteQuietPortalFactory>;

public sealed class PostgresCalendarReminderTests(PostgresQuietPortalFactory factory) : CalendarReminderTests(factory), IClassFixture<PostgresQuietPortalFactory>;
