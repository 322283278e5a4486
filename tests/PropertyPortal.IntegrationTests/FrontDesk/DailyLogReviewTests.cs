using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPortal.Domain.Complaints;
using PropertyPortal.Domain.MoveInOut;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Domain.Sla;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.IntegrationTests.Sla;
using PropertyPortal.Web.Features.DailyLog;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Seeding;

namespace PropertyPortal.IntegrationTests.FrontDesk;

/// <summary>
/// 每日查阅 (000 L348) over HTTP on both databases: the daily log lists a day's complaints, renovations and move-ins with
/// its repairs, every breach named by its case's number and linked; once the day has ended the job starts its review
/// clock (once), the supervisor's sign-off meets it, and at a configured limit an unsigned day breaches one second
/// after its due instant and reaches the managers at the breach.
/// </summary>
public abstract class DailyLogReviewTests(PortalFactory factory)
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
    public async Task The_day_lists_every_kind_of_case_and_its_breaches_by_number_and_its_review_clock_starts_once_and_is_met_by_the_sign_off()
    {
        var day = new DateOnly(2026, 12, 14);
        var chhy = await PropertyAsync(DemoSeeder.ResidentialCode);
        App.Clock.Set(At(day, 9, 0));
        Guid complaint, renovation, moveIn;
        using (var desk = await PortalClient.SignedInAsync(App, "frontdesk"))
        {
            complaint = await OpenComplaintAsync(desk, chhy);
            renovation = IdFrom(await desk.SubmitFormAsync($"/Renovations/Create?unitId={await OccupiedUnitAsync(chhy, 31)}", "#renovation-form", new Dictionary<string, string>
            {
                ["ContractorName"] = "锦华装饰", ["Scope"] = "SimplePartition", ["Description"] = "书房隔断", ["Workers"] = "2", ["DocumentsChecked"] = "true",
            }), "/Renovations/Details/");
            moveIn = IdFrom(await desk.SubmitFormAsync($"/MoveIns/Create?unitId={await VacantUnitAsync(chhy)}", "#move-in-form", new Dictionary<string, string>
            {
                ["CustomerId"] = "", ["NewName"] = "孙新业主", ["NewPhone"] = "13900007777", ["Applicant"] = nameof(MoveInApplicant.Owner),
            }), "/MoveIns/Details/");
        }

        // The complaint's reply is not made: its clock breaches within the day.
        await SlaTestData.SweepAtAsync(App.Services, At(day, 11, 0));
        var numbers = await NumbersAsync(complaint, renovation, moveIn);
        using (var supervisor = await PortalClient.SignedInAsync(App, "supervisor"))
        {
            var page = await supervisor.GetDocumentAsync($"/DailyLog?propertyId={chhy}&date={day:yyyy-MM-dd}");
            var opened = page.QuerySelector("#opened")!.TextContent;
            Assert.All(numbers.Values, n => Assert.Contains(n, opened));
            var breach = page.QuerySelector($"#breaches a[href='/Complaints/Details/{complaint}']");
            Assert.Equal(numbers[complaint], breach?.TextContent.Trim());
            Assert.Null(page.QuerySelector("#review"));
        }

        App.Clock.Set(At(day.AddDays(1), 1, 0));
        Assert.True(await StartReviewsAsync() >= 1);
        Assert.Equal(0, await StartReviewsAsync());

        var clock = await ReviewClockAsync(chhy, day);
        Assert.Equal(new LocalDay(day).EndUtc, clock.StartedAt);
        Assert.Equal(At(day.AddDays(1), 18, 0), clock.DueAt);
        Assert.Equal(SlaClockState.Running, clock.State);

        App.Clock.Set(At(day.AddDays(1), 16, 30));
        using var signer = await PortalClient.SignedInAsync(App, "supervisor");
        var url = $"/DailyLog?propertyId={chhy}&date={day:yyyy-MM-dd}";
        Assert.NotNull((await signer.GetDocumentAsync(url)).QuerySelector("#review"));
        var signed = await signer.SubmitFormAsync(url, "#sign-off", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        var met = await ReviewClockAsync(chhy, day);
        Assert.Equal(SlaClockState.Met, met.State);
        Assert.True(met.MinutesEarly > 0);
        Assert.Equal(1, await ClockCountAsync(chhy, day));
    }

    [Fact]
    public async Task At_a_configured_two_service_days_an_unsigned_day_breaches_one_second_after_its_due_instant_and_the_managers_hear_it()
    {
        var gmds = await PropertyAsync(DemoSeeder.OfficeCode);
        App.Clock.Set(At(new DateOnly(2026, 12, 15), 10, 0));
        using (var admin = await PortalClient.SignedInAsync(App, "admin"))
        {
            var refused = await admin.SubmitFormAsync($"/Settings/SlaDailyLog/Edit/{gmds}", "#sla-section-form", new Dictionary<string, string> { ["DailyLogSignOffServiceDays"] = "0" });
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("请填写 1 至 30 之间的营业日数", (await PortalClient.ParseAsync(refused)).QuerySelector("[data-valmsg-for='DailyLogSignOffServiceDays']")!.TextContent);
            Assert.Equal(1, await PolicyDaysAsync(gmds));

            Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitFormAsync($"/Settings/SlaDailyLog/Edit/{gmds}", "#sla-section-form",
                new Dictionary<string, string> { ["DailyLogSignOffServiceDays"] = "2" })).StatusCode);
            Assert.Equal(2, await PolicyDaysAsync(gmds));
        }

        var day = new DateOnly(2026, 12, 16);
        App.Clock.Set(At(day.AddDays(1), 0, 30));
        await StartReviewsAsync();
        var clock = await ReviewClockAsync(gmds, day);

        // Wednesday's log: Thursday is the first service day after it, Friday the second.
        Assert.Equal(At(day.AddDays(2), 18, 0), clock.DueAt);
        await SlaTestData.SweepAtAsync(App.Services, clock.DueAt);
        Assert.Equal([SlaEventKind.Warning], await FiredAsync(clock.Id));
        await SlaTestData.SweepAtAsync(App.Services, clock.DueAt.AddSeconds(1));
        Assert.Equal([SlaEventKind.Warning, SlaEventKind.Breach, SlaEventKind.EscalatedToManager], await FiredAsync(clock.Id));

        using var db = Db();
        var manager = await db.Users.Where(u => u.UserName == "manager").Select(u => u.Id).SingleAsync(Ct);
        Assert.True(await db.OutboxMessages.AnyAsync(m => m.DedupKey.StartsWith($"sla:{clock.Id}:{SlaEventKind.EscalatedToManager}") && m.RecipientUserId == manager, Ct));
    }

    private async Task<int> StartReviewsAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DailyLogReviews>().StartDueAsync(App.Clock.UtcNow, Ct);
    }

    private async Task<SlaClock> ReviewClockAsync(Guid property, DateOnly day)
    {
        using var db = Db();
        var log = await db.DailyLogs.Where(l => l.PropertyId == property && l.Date == day).Select(l => l.Id).SingleAsync(Ct);
        return await db.SlaClocks.AsNoTracking().SingleAsync(c => c.SubjectId == log && c.Milestone == SlaMilestone.DailyLogReview, Ct);
    }

    private async Task<int> ClockCountAsync(Guid property, DateOnly day)
    {
        using var db = Db();
        return await db.SlaClocks.CountAsync(c => c.Subject == SlaSubject.DailyLog && db.DailyLogs.Any(l => l.Id == c.SubjectId && l.PropertyId == property && l.Date == day), Ct);
    }

    private async Task<List<SlaEventKind>> FiredAsync(Guid clockId)
    {
        using var db = Db();
        return [.. (await db.SlaEvents.Where(e => e.ClockId == clockId).Select(e => e.Kind).ToListAsync(Ct)).Order()];
    }

    private async Task<int> PolicyDaysAsync(Guid property)
    {
        using var db = Db();
        return await db.SlaPolicies.Where(p => p.PropertyId == property).Select(p => (int?)p.DailyLogSignOffServiceDays).FirstOrDefaultAsync(Ct) ?? 1;
    }

    private async Task<Guid> OpenComplaintAsync(PortalClient desk, Guid property)
    {
        Guid category, customer;
        using (var db = Db())
        {
            category = await db.ComplaintCategories.Where(c => c.IsActive).OrderBy(c => c.SortOrder).Select(c => c.Id).FirstAsync(Ct);
            customer = await db.Occupancies.Where(o => o.PropertyId == property && o.EndDate == null).OrderBy(o => o.Id).Skip(30).Select(o => o.CustomerId).FirstAsync(Ct);
        }

        return IdFrom(await desk.SubmitFormAsync($"/Complaints/Create?customerId={customer}", "main form[method='post']", new Dictionary<string, string>
        {
            ["CategoryId"] = category.ToString(), ["Tier"] = nameof(ComplaintTier.Minor), ["Channel"] = nameof(ComplaintChannel.Visit), ["Content"] = "楼下商铺油烟扰民",
        }), "/Complaints/Details/");
    }

    private async Task<Dictionary<Guid, string>> NumbersAsync(Guid complaint, Guid renovation, Guid moveIn)
    {
        using var db = Db();
        return new()
        {
            [complaint] = await db.Complaints.Where(c => c.Id == complaint).Select(c => c.Number).SingleAsync(Ct),
            [renovation] = await db.Renovations.Where(r => r.Id == renovation).Select(r => r.Number).SingleAsync(Ct),
            [moveIn] = await db.MoveIns.Where(m => m.Id == moveIn).Select(m => m.Number).SingleAsync(Ct),
        };
    }

    private async Task<Guid> OccupiedUnitAsync(Guid property, int skip)
    {
        using var db = Db();
        return await db.Occupancies.Where(o => o.PropertyId == property && o.EndDate == null).OrderBy(o => o.Id).Select(o => o.UnitId).Distinct().Skip(skip).FirstAsync(Ct);
    }

    private async Task<Guid> VacantUnitAsync(Guid property)
    {
        using var db = Db();
        return await db.Units.Where(u => u.PropertyId == property && u.Type == UnitType.Residence && !db.Occupancies.Any(o => o.UnitId == u.Id) && !db.MoveIns.Any(m => m.UnitId == u.Id))
            .OrderBy(u => u.Number).Select(u => u.Id).FirstAsync(Ct);
    }

    private async Task<Guid> PropertyAsync(string code)
    {
        using var db = Db();
        return await db.Properties.Where(p => p.Code == code).Select(p => p.Id).SingleAsync(Ct);
    }

    private static DateTime At(DateOnly day, int hour, int minute) => PortalClock.ToUtc(day.ToDateTime(new TimeOnly(hour, minute)));

    private static Guid IdFrom(HttpResponseMessage response, string path)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(path, response.RedirectPath());
        return Guid.Parse(response.RedirectPath()[path.Length..], CultureInfo.InvariantCulture);
    }

    private PortalDbContext Db() => App.CreateDbContext(SystemPropertyScope.Instance);
}

public sealed class SqliteDailyLogReviewTests(SqliteQuietPortalFactory factory) : DailyLogReviewTests(factory), IClassFixture<SqliteQuietPortalFactory>;

public sealed class PostgresDailyLogReviewTests(PostgresQuietPortalFactory factory) : DailyLogReviewTests(factory), IClassFixture<PostgresQuietPortalFactory>;
