using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Complaints;
using PropertyPortal.Domain.Fees;
using PropertyPortal.Domain.MoveInOut;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.Domain.Sla;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.IntegrationTests.Repairs;
using PropertyPortal.Web.Features.DailyLog;
using PropertyPortal.Web.Features.Settings;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Seeding;

namespace PropertyPortal.IntegrationTests.Sla;

/// <summary>
/// One case of every kind worked over HTTP as the desk would, then the portal's clock moved past the due time
/// of a clock the feature started: the clock was saved with the step (through the case seam, ADR 0016) and the
/// sweep breaches it. The scheduler is off, so what fires is what the test's sweep fires.
/// </summary>
public abstract class CaseClocksFireTests(PortalFactory factory)
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
    public async Task A_repair_s_work_order_clock_started_at_intake_is_saved_and_breaches()
    {
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var id = await OpenRepairAsync(desk, technician: null);

        await AssertBreachesAsync(id, SlaMilestone.WorkOrderIssued);
    }

    [Fact]
    public async Task A_callback_s_clock_started_when_the_repair_is_done_is_saved_and_breaches()
    {
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var order = await OpenRepairAsync(desk, technician: await UserIdAsync("technician"));
        Assert.Equal(HttpStatusCode.Redirect, (await RepairOrderTests.PostActionAsync(desk, order, "OnSite", [])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await RepairOrderTests.PostActionAsync(desk, order, "Complete", new() { ["WorkDone"] = "更换空开" })).StatusCode);
        using var db = Db();
        var callback = await db.Callbacks.Where(c => c.RepairOrderId == order).Select(c => c.Id).SingleAsync(Ct);

        await AssertBreachesAsync(callback, SlaMilestone.Callback);
    }

    [Fact]
    public async Task A_complaint_s_reply_clock_started_at_intake_is_saved_and_breaches()
    {
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        Guid category, customer;
        using (var db = Db())
        {
            category = await db.ComplaintCategories.Where(c => c.IsActive).OrderBy(c => c.SortOrder).Select(c => c.Id).FirstAsync(Ct);
            var property = await ResidentialAsync(db);
            customer = await db.Occupancies.Where(o => o.PropertyId == property && o.EndDate == null).OrderBy(o => o.Id).Skip(3).Select(o => o.CustomerId).FirstAsync(Ct);
        }

        var response = await desk.SubmitFormAsync($"/Complaints/Create?customerId={customer}", "main form[method='post']", new Dictionary<string, string>
        {
            ["CategoryId"] = category.ToString(), ["Tier"] = nameof(ComplaintTier.Minor), ["Channel"] = nameof(ComplaintChannel.Phone), ["Content"] = "楼道灯坏了一周",
        });
        var id = IdFrom(response, "/Complaints/Details/");

        await AssertBreachesAsync(id, SlaMilestone.ComplaintReply);
    }

    [Fact]
    public async Task A_renovation_s_approval_clock_started_at_application_is_saved_and_breaches()
    {
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var response = await desk.SubmitFormAsync($"/Renovations/Create?unitId={await OccupiedUnitAsync(4)}", "#renovation-form", new Dictionary<string, string>
        {
            ["ContractorName"] = "锦华装饰", ["Scope"] = "SimplePartition", ["Description"] = "卧室隔断", ["Workers"] = "2", ["DocumentsChecked"] = "true",
        });
        var id = IdFrom(response, "/Renovations/Details/");

        await AssertBreachesAsync(id, SlaMilestone.RenovationApproval);
    }

    [Fact]
    public async Task A_new_household_s_callback_clock_started_when_the_move_in_completes_is_saved_and_breaches()
    {
        var id = await CompletedMoveInAsync(skip: 0, custody: false);
        using var db = Db();
        var callback = await db.MoveIns.Where(m => m.Id == id).Select(m => m.CallbackId).SingleAsync(Ct);

        await AssertBreachesAsync(callback!.Value, SlaMilestone.Callback);
    }

    [Fact]
    public async Task A_custody_patrol_starts_next_week_s_patrol_clock_which_is_saved_and_breaches()
    {
        var moveIn = await CompletedMoveInAsync(skip: 1, custody: true);
        Guid unit;
        using (var db = Db())
        {
            unit = await db.MoveIns.Where(m => m.Id == moveIn).Select(m => m.UnitId).SingleAsync(Ct);
        }

        using var steward = await PortalClient.SignedInAsync(App, "steward");
        var patrolled = await steward.SubmitFormAsync("/MoveIns/Custody", $"#u-{unit} form", new Dictionary<string, string> { ["finding"] = "门窗完好" });
        Assert.Equal(HttpStatusCode.Redirect, patrolled.StatusCode);
        using (var db = Db())
        {
            Assert.Equal(2, await db.SlaClocks.CountAsync(c => c.Subject == SlaSubject.CustodyUnit && c.SubjectId == unit, Ct));
        }

        await AssertBreachesAsync(unit, SlaMilestone.CustodyPatrol);
    }

    [Fact]
    public async Task A_move_in_s_reception_clock_started_when_it_is_booked_is_saved_and_breaches()
    {
        Guid unit;
        using (var db = Db())
        {
            var property = await ResidentialAsync(db);
            unit = await db.Units.Where(u => u.PropertyId == property && u.Type == UnitType.Residence && !db.Occupancies.Any(o => o.UnitId == u.Id) && !db.MoveIns.Any(m => m.UnitId == u.Id))
                .OrderByDescending(u => u.Number).Select(u => u.Id).Skip(2).FirstAsync(Ct);
        }

        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var id = IdFrom(await desk.SubmitFormAsync($"/MoveIns/Create?unitId={unit}", "#move-in-form", new Dictionary<string, string>
        {
            ["CustomerId"] = "", ["NewName"] = "韩预约", ["NewPhone"] = "13900006666", ["Applicant"] = nameof(MoveInApplicant.Owner),
        }), "/MoveIns/Details/");

        await AssertBreachesAsync(id, SlaMilestone.MoveInReception);
    }

    [Fact]
    public async Task A_heavy_rain_order_s_patrol_clock_on_a_unit_in_custody_is_saved_and_breaches()
    {
        var moveIn = await CompletedMoveInAsync(skip: 3, custody: true);
        Guid unit, property;
        using (var db = Db())
        {
            (unit, property) = await db.MoveIns.Where(m => m.Id == moveIn).Select(m => new ValueTuple<Guid, Guid>(m.UnitId, m.PropertyId)).SingleAsync(Ct);
        }

        using var supervisor = await PortalClient.SignedInAsync(App, "supervisor");
        var ordered = await supervisor.SubmitFormAsync("/MoveIns/Custody", "#rain-form", new Dictionary<string, string>
        {
            ["PropertyId"] = property.ToString(), ["RainDate"] = PortalClock.Today(App.Clock).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Phase"] = nameof(RainPatrolPhase.After), ["Reason"] = "暴雨过后",
        });
        Assert.Equal(HttpStatusCode.Redirect, ordered.StatusCode);

        await AssertBreachesAsync(unit, SlaMilestone.CustodyRainPatrol);
    }

    [Fact]
    public async Task A_move_out_s_clock_started_when_it_is_opened_is_saved_and_breaches()
    {
        Guid unit, occupancy;
        using (var db = Db())
        {
            var property = await ResidentialAsync(db);
            var o = await db.Occupancies.Where(o => o.PropertyId == property && o.EndDate == null).OrderBy(o => o.Id).Skip(20).FirstAsync(Ct);
            (unit, occupancy) = (o.UnitId, o.Id);
        }

        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var response = await desk.SubmitFormAsync($"/MoveOuts/Create?unitId={unit}", "#move-out-form",
            new Dictionary<string, string> { ["OccupancyId"] = occupancy.ToString(), ["Items"] = "行李 2 件" });
        var id = IdFrom(response, "/MoveOuts/Details/");

        await AssertBreachesAsync(id, SlaMilestone.MoveOutDone);
    }

    [Fact]
    public async Task A_billing_run_s_notice_clock_started_when_next_month_is_billed_is_saved_and_breaches()
    {
        Guid property;
        using (var db = Db())
        {
            property = await ResidentialAsync(db);
        }

        var period = BillingPeriod.Of(PortalClock.Today(App.Clock)).Next;
        using var supervisor = await PortalClient.SignedInAsync(App, "supervisor");
        var run = await supervisor.SubmitFormAsync($"/Billing/Preview?propertyId={property}&period={period}", "main form[method='post']", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, run.StatusCode);
        Guid id;
        using (var db = Db())
        {
            id = await db.BillingRuns.Where(r => r.PropertyId == property && r.Period == period.Key).Select(r => r.Id).SingleAsync(Ct);
        }

        await AssertBreachesAsync(id, SlaMilestone.PaymentNotices);
    }

    [Fact]
    public async Task A_remittance_s_invoice_clock_started_with_the_payment_is_saved_and_breaches()
    {
        var unit = await OccupiedUnitAsync(6);
        using (var db = Db())
        {
            var property = await db.Units.Where(u => u.Id == unit).Select(u => u.PropertyId).SingleAsync(Ct);
            db.Charges.Add(new Charge(property, unit, null, null, FeeKind.OneOff, null, "有偿服务", 1, 50m, 50m, PortalClock.Today(App.Clock),
                "T:seam:" + Guid.NewGuid().ToString("N"), new Actor(null, "t"), App.Clock.UtcNow));
            await db.SaveChangesAsync(Ct);
        }

        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var pay = await desk.SubmitFormAsync($"/Fees/Account/{unit}", "#pay-form", new Dictionary<string, string>
        {
            ["PayerName"] = "王五", ["Amount"] = "10.00", ["Kind"] = nameof(PaymentKind.Remittance), ["Method"] = nameof(PaymentMethod.Transfer), ["Reference"] = "TX-SEAM",
        });
        Assert.Equal(HttpStatusCode.Redirect, pay.StatusCode);
        Guid payment;
        using (var db = Db())
        {
            payment = await db.Payments.Where(p => p.UnitId == unit).OrderByDescending(p => p.Sequence).Select(p => p.Id).FirstAsync(Ct);
        }

        await AssertBreachesAsync(payment, SlaMilestone.Invoice);
    }

    [Fact]
    public async Task A_renovation_s_patrol_window_clock_started_by_the_patrol_job_is_saved_and_breaches()
    {
        var id = await Renovations.RenovationTestData.RunningAsync(App, await OccupiedUnitAsync(8));
        await Renovations.RenovationTestData.IntoNextPatrolWindowAsync(App, await Renovations.RenovationTestData.PropertyOfAsync(App, id));
        Assert.True((await Renovations.RenovationTestData.KeepPatrolClocksAsync(App)).Started >= 1);

        await AssertBreachesAsync(id, SlaMilestone.RenovationPatrol);
    }

    [Fact]
    public async Task A_renovation_s_written_notice_clock_started_by_a_violation_found_on_patrol_is_saved_and_breaches()
    {
        var id = await Renovations.RenovationTestData.RunningAsync(App, await OccupiedUnitAsync(9));
        using var steward = await PortalClient.SignedInAsync(App, "steward");
        Assert.Equal(HttpStatusCode.Redirect, (await steward.SubmitFormAsync($"/Renovations/Details/{id}", "#patrol-form",
            new Dictionary<string, string> { ["finding"] = "楼道堆放建材", ["violation"] = "占用消防通道" })).StatusCode);

        await AssertBreachesAsync(id, SlaMilestone.RenovationViolationNotice);
    }

    [Fact]
    public async Task A_counter_visit_s_clock_started_when_the_desk_opens_it_is_saved_and_breaches()
    {
        var unit = await OccupiedUnitAsync(7);
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var opened = await desk.SubmitFormAsync($"/Fees/Account/{unit}", "#open-visit-form", new Dictionary<string, string> { ["Kind"] = nameof(CounterVisitKind.Payment) });
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        using var db = Db();
        var visit = await db.CounterVisits.Where(v => v.UnitId == unit).Select(v => v.Id).SingleAsync(Ct);

        await AssertBreachesAsync(visit, SlaMilestone.CounterService);
    }

    [Fact]
    public async Task A_day_s_review_clock_started_by_the_job_once_the_day_has_ended_is_saved_and_breaches()
    {
        await using (var scope = App.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<DailyLogReviews>().StartDueAsync(App.Clock.UtcNow, Ct) > 0);
        }

        using var db = Db();
        var property = await ResidentialAsync(db);
        var yesterday = PortalClock.Today(App.Clock).AddDays(-1);
        var log = await db.DailyLogs.Where(l => l.PropertyId == property && l.Date == yesterday).Select(l => l.Id).SingleAsync(Ct);

        await AssertBreachesAsync(log, SlaMilestone.DailyLogReview);
    }

    [Fact]
    public async Task The_admins_clock_for_next_year_s_calendar_started_by_the_job_is_saved_and_breaches()
    {
        var year = PortalClock.ToLocal(App.Clock.UtcNow).Year;
        var reminder = PortalClock.ToUtc(new DateTime(year, 11, 2, 9, 0, 0, DateTimeKind.Unspecified));
        if (App.Clock.UtcNow < reminder)
        {
            App.Clock.Set(reminder);
        }

        await using (var scope = App.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<CalendarReminders>().StartDueAsync(App.Clock.UtcNow, Ct) > 0);
        }

        await AssertBreachesAsync(CalendarYearDuty.SubjectOf(PortalClock.ToLocal(App.Clock.UtcNow).Year + 1), SlaMilestone.CalendarLoad);
    }

    /// <summary>The latest clock of <paramref name="milestone"/> of the subject is saved and running; one minute past its due time the sweep breaches it.</summary>
    private async Task AssertBreachesAsync(Guid subjectId, SlaMilestone milestone)
    {
        SlaClock clock;
        using (var db = Db())
        {
            clock = await db.SlaClocks.AsNoTracking().Where(c => c.SubjectId == subjectId && c.Milestone == milestone)
                .OrderByDescending(c => c.StartedAt).FirstAsync(Ct);
            Assert.Equal(SlaClockState.Running, clock.State);
            Assert.False(await db.SlaEvents.AnyAsync(e => e.ClockId == clock.Id && e.Kind == SlaEventKind.Breach, Ct));
        }

        var past = clock.DueAt.AddMinutes(1);
        if (past > App.Clock.UtcNow)
        {
            App.Clock.Set(past);
        }

        await SlaTestData.SweepAsync(App.Services);

        using var check = Db();
        Assert.True(await check.SlaEvents.AnyAsync(e => e.ClockId == clock.Id && e.Kind == SlaEventKind.Breach, Ct), $"The {milestone} clock did not breach.");
    }

    /// <summary>A repair accepted through the intake form for an occupied unit (dispatched at once when a technician is given).</summary>
    private async Task<Guid> OpenRepairAsync(PortalClient desk, string? technician)
    {
        Guid category;
        using (var db = Db())
        {
            category = await db.RepairCategories.Where(c => c.IsActive).OrderBy(c => c.SortOrder).Select(c => c.Id).FirstAsync(Ct);
        }

        var fields = new Dictionary<string, string>
        {
            ["Location"] = "厨房", ["Description"] = "跳闸", ["CategoryId"] = category.ToString(), ["Urgency"] = nameof(RepairUrgency.Urgent),
            ["Billing"] = nameof(RepairBilling.Warranty),
        };
        if (technician is not null)
        {
            fields["TechnicianId"] = technician;
        }

        return IdFrom(await desk.SubmitFormAsync($"/Repairs/Create?unitId={await OccupiedUnitAsync(2)}", "main form[method='post']", fields), "/Repairs/Details/");
    }

    /// <summary>A move-in booked, received and completed by the supervisor over the missing papers.</summary>
    private async Task<Guid> CompletedMoveInAsync(int skip, bool custody)
    {
        Guid unit;
        using (var db = Db())
        {
            var property = await ResidentialAsync(db);
            unit = await db.Units.Where(u => u.PropertyId == property && u.Type == UnitType.Residence && !db.Occupancies.Any(o => o.UnitId == u.Id) && !db.MoveIns.Any(m => m.UnitId == u.Id))
                .OrderByDescending(u => u.Number).Select(u => u.Id).Skip(skip).FirstAsync(Ct);
        }

        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var fields = new Dictionary<string, string>
        {
            ["CustomerId"] = "", ["NewName"] = custody ? "钱托管" : "赵新业主", ["NewPhone"] = custody ? "13900004444" : "13900005555", ["Applicant"] = nameof(MoveInApplicant.Owner),
        };
        if (custody)
        {
            fields["Custody"] = "true";
        }

        var id = IdFrom(await desk.SubmitFormAsync($"/MoveIns/Create?unitId={unit}", "#move-in-form", fields), "/MoveIns/Details/");
        Assert.Equal(HttpStatusCode.Redirect, (await desk.SubmitFormAsync($"/MoveIns/Details/{id}", "#receive-form", new Dictionary<string, string>())).StatusCode);
        using var supervisor = await PortalClient.SignedInAsync(App, "supervisor");
        Assert.Equal(HttpStatusCode.Redirect, (await supervisor.SubmitFormAsync($"/MoveIns/Details/{id}", "#complete-form",
            new Dictionary<string, string> { ["overrideReason"] = "证件由律师补交" })).StatusCode);
        using var db2 = Db();
        Assert.Equal(MoveInStatus.Completed, await db2.MoveIns.Where(m => m.Id == id).Select(m => m.Status).SingleAsync(Ct));
        return id;
    }

    private static Guid IdFrom(HttpResponseMessage response, string path)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(path, response.RedirectPath());
        return Guid.Parse(response.RedirectPath()[path.Length..], CultureInfo.InvariantCulture);
    }

    private async Task<Guid> OccupiedUnitAsync(int skip)
    {
        using var db = Db();
        var property = await ResidentialAsync(db);
        return await db.Occupancies.Where(o => o.PropertyId == property && o.EndDate == null).OrderBy(o => o.Id).Select(o => o.UnitId).Distinct().Skip(skip).FirstAsync(Ct);
    }

    private static Task<Guid> ResidentialAsync(PortalDbContext db) =>
        db.Properties.Where(p => p.Code == DemoSeeder.ResidentialCode).Select(p => p.Id).SingleAsync(Ct);

    private async Task<string> UserIdAsync(string userName)
    {
        using var db = Db();
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync(Ct);
    }

    private PortalDbContext Db() => App.CreateDbContext(SystemPropertyScope.Instance);
}

public sealed class SqliteCaseClocksFireTests(SqliteQuietPortalFactory factory) : CaseClocksFireTests(factory), IClassFixture<SqliteQuietPortalFactory>;

public sealed class PostgresCaseClocksFireTests(PostgresQuietPortalFactory factory) : CaseClocksFireTests(factory), IClassFixture<PostgresQuietPortalFactory>;
