using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPortal.Domain.MoveInOut;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Domain.Sla;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.IntegrationTests.Sla;
using PropertyPortal.Web.Features.Notifications;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Seeding;

namespace PropertyPortal.IntegrationTests.MoveIns;

/// <summary>
/// The move-in, custody and move-out limits as the admin sets them (服务时限 → 入住迁出时限) and the two new clocks
/// over HTTP: a booked household not received by its time breaches and the desk that booked it is told; a
/// supervisor's heavy-rain order puts one patrol clock on every unit in custody of the property, once, met by the
/// unit's next patrol — and a steward or supervisor of another property gets 404. The scheduler is off: what fires
/// is what the test's sweep fires.
/// </summary>
public abstract class MoveInLimitsFlowTests(PortalFactory factory)
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
    public async Task The_admin_sets_the_limits_on_their_own_section_and_bad_input_is_refused_beside_the_field()
    {
        // The office tower: the other tests of the class set the residential property's limits on the same database.
        var property = await OfficeAsync();
        using var admin = await PortalClient.SignedInAsync(App, "admin");
        var page = await admin.GetDocumentAsync($"/Settings/Sla/MoveIns/{property}");
        Assert.Equal(["30", "0", "1", "7", "24", "5", "20"],
            new[] { "MoveOutMinutes", "MoveInReceptionGraceMinutes", "NewHouseholdCallbackMonths", "CustodyPatrolDays", "CustodyRainPatrolHours", "CustodyWaterLimit", "CustodyElectricityLimit" }
                .Select(n => decimal.Parse(page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>($"#move-in-limits-form input[name='{n}']")!.Value, CultureInfo.InvariantCulture)
                    .ToString("0.##", CultureInfo.InvariantCulture)));
        Assert.NotNull((await admin.GetDocumentAsync("/Settings/Sla")).QuerySelector($"a[href='/Settings/Sla/MoveIns/{property}']"));

        var bad = await admin.SubmitFormAsync($"/Settings/Sla/MoveIns/{property}", "#move-in-limits-form", new Dictionary<string, string>
        {
            ["MoveOutMinutes"] = "0", ["CustodyWaterLimit"] = "0.001", ["NewHouseholdCallbackMonths"] = "",
        });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var form = (await PortalClient.ParseAsync(bad)).QuerySelector("#move-in-limits-form")!;
        Assert.Contains("最多两位小数", form.QuerySelector("[data-valmsg-for='CustodyWaterLimit']")?.TextContent ?? "");
        Assert.Contains("新住户回访期限", form.QuerySelector("[data-valmsg-for='NewHouseholdCallbackMonths']")?.TextContent ?? "");
        Assert.NotNull(form.QuerySelector("[data-valmsg-for='MoveOutMinutes']"));
        Assert.Equal(30, (await PolicyAsync(property)).MoveOutMinutes);

        await SetLimitsAsync(property, moveOutMinutes: 45, patrolDays: 3, callbackMonths: 2, graceMinutes: 12, rainHours: 6, water: "0.5", electricity: "3.25");
        var saved = await PolicyAsync(property);
        Assert.Equal((45, 3, 2, 12, 6, 0.5m, 3.25m),
            (saved.MoveOutMinutes, saved.CustodyPatrolDays, saved.NewHouseholdCallbackMonths, saved.MoveInReceptionGraceMinutes, saved.CustodyRainPatrolHours,
                saved.CustodyWaterLimit, saved.CustodyElectricityLimit));

        // Only an admin edits them.
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        Assert.True((await desk.GetAsync($"/Settings/Sla/MoveIns/{property}")).IsAccessDenied());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/Settings/Sla/MoveIns/{Guid.CreateVersion7()}")).StatusCode);
    }

    [Fact]
    public async Task A_household_not_received_by_its_booked_time_and_grace_breaches_and_the_desk_who_booked_it_is_told()
    {
        var property = await ResidentialAsync();
        await SetLimitsAsync(property, graceMinutes: 12);
        var unit = await VacantUnitAsync(0);
        // Due within the board's hour (40 minutes + the 12 of grace), so it shows among the clocks due soon.
        var appointment = Minute(PortalClock.ToLocal(App.Clock.UtcNow).AddMinutes(40));
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var id = await BookAsync(desk, unit, appointment, "卢新业主");

        var due = PortalClock.ToUtc(appointment).AddMinutes(12);
        var frontdesk = await SlaTestData.UserIdAsync(App, "frontdesk");
        var clock = await ClockAsync(id, SlaMilestone.MoveInReception);
        Assert.Equal((SlaSubject.MoveIn, SlaClockState.Running, due, frontdesk), (clock.Subject, clock.State, clock.DueAt, clock.AssigneeId));

        // On the move-in's page, the desk's own queue and the supervisor's board.
        var number = await NumberAsync(id);
        Assert.Contains(number, (await desk.GetDocumentAsync("/")).Body!.TextContent);
        using var supervisor = await PortalClient.SignedInAsync(App, "supervisor");
        Assert.Contains(number, (await supervisor.GetDocumentAsync($"/Board?propertyId={property}")).Body!.TextContent);

        // Met up to the due instant; one tick later the sweep breaches it and tells whoever booked it.
        await SlaTestData.SweepAtAsync(App.Services, due);
        Assert.False(await FiredAsync(clock.Id, SlaEventKind.Breach));
        await SlaTestData.SweepAtAsync(App.Services, due.AddTicks(1));
        Assert.True(await FiredAsync(clock.Id, SlaEventKind.Breach));
        using (var db = Db())
        {
            Assert.True(await db.OutboxMessages.AnyAsync(o => o.Kind == NotificationKinds.SlaBreach && o.RecipientUserId == frontdesk && o.Link == $"/MoveIns/Details/{id}", Ct));
        }

        // Received late (the portal's clock a minute past the due time): the clock is met, late.
        var late = due.AddMinutes(1) - App.Clock.UtcNow;
        App.Clock.Advance(late);
        try
        {
            Assert.Equal(HttpStatusCode.Redirect, (await desk.SubmitFormAsync($"/MoveIns/Details/{id}", "#receive-form", new Dictionary<string, string>())).StatusCode);
        }
        finally
        {
            App.Clock.Advance(-late);
        }

        var met = await ClockAsync(id, SlaMilestone.MoveInReception);
        Assert.Equal(SlaClockState.Met, met.State);
        Assert.True(met.MetAt > due);
        Assert.True(met.MinutesEarly < 0);
    }

    [Fact]
    public async Task A_household_received_in_time_meets_its_clock_and_its_callback_is_due_the_configured_months_after_completion()
    {
        var property = await ResidentialAsync();
        await SetLimitsAsync(property, callbackMonths: 2, graceMinutes: 0);
        var unit = await VacantUnitAsync(1);
        var appointment = Minute(PortalClock.ToLocal(App.Clock.UtcNow).AddHours(3));
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var id = await BookAsync(desk, unit, appointment, "沈新业主");
        Assert.Equal(PortalClock.ToUtc(appointment), (await ClockAsync(id, SlaMilestone.MoveInReception)).DueAt);

        Assert.Equal(HttpStatusCode.Redirect, (await desk.SubmitFormAsync($"/MoveIns/Details/{id}", "#receive-form", new Dictionary<string, string>())).StatusCode);
        var met = await ClockAsync(id, SlaMilestone.MoveInReception);
        Assert.Equal(SlaClockState.Met, met.State);
        Assert.True(met.MinutesEarly > 0);

        using var supervisor = await PortalClient.SignedInAsync(App, "supervisor");
        Assert.Equal(HttpStatusCode.Redirect, (await supervisor.SubmitFormAsync($"/MoveIns/Details/{id}", "#complete-form",
            new Dictionary<string, string> { ["overrideReason"] = "证件后补" })).StatusCode);
        using var db = Db();
        var moveIn = await db.MoveIns.AsNoTracking().SingleAsync(m => m.Id == id, Ct);
        Assert.Equal(MoveInStatus.Completed, moveIn.Status);
        var callback = await db.Callbacks.AsNoTracking().SingleAsync(c => c.Id == moveIn.CallbackId, Ct);
        Assert.Equal(PortalClock.ToUtc(PortalClock.ToLocal(moveIn.CompletedAt!.Value).AddMonths(2)), callback.DueAt);
        Assert.Equal(callback.DueAt, (await db.SlaClocks.AsNoTracking().SingleAsync(c => c.SubjectId == callback.Id, Ct)).DueAt);

        // The callback is its maker's to make, and they are told (as a repair's and a complaint's are).
        var supervisorId = await SlaTestData.UserIdAsync(App, "supervisor");
        Assert.True(await db.OutboxMessages.AnyAsync(o => o.Kind == NotificationKinds.CallbackAssigned && o.RecipientUserId == supervisorId
            && o.Link == $"/Callbacks/Details/{callback.Id}", Ct));
    }

    [Fact]
    public async Task A_move_out_runs_on_the_configured_minutes_and_every_step_is_on_its_timeline()
    {
        var property = await ResidentialAsync();
        await SetLimitsAsync(property, moveOutMinutes: 45);
        Guid unit, occupancy;
        using (var db = Db())
        {
            var o = await db.Occupancies.Where(o => o.PropertyId == property && o.EndDate == null).OrderBy(o => o.Id).Skip(25).FirstAsync(Ct);
            (unit, occupancy) = (o.UnitId, o.Id);
        }

        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        Assert.Contains("45", (await desk.GetDocumentAsync($"/MoveOuts/Create?unitId={unit}")).QuerySelector("#move-out-minutes")?.TextContent ?? "");
        var opened = await desk.SubmitFormAsync($"/MoveOuts/Create?unitId={unit}", "#move-out-form",
            new Dictionary<string, string> { ["OccupancyId"] = occupancy.ToString(), ["Items"] = "书柜 1 个" });
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var id = Guid.Parse(opened.RedirectPath()["/MoveOuts/Details/".Length..], CultureInfo.InvariantCulture);
        MoveOut moveOut;
        using (var db = Db())
        {
            moveOut = await db.MoveOuts.AsNoTracking().SingleAsync(m => m.Id == id, Ct);
        }

        var clock = await ClockAsync(id, SlaMilestone.MoveOutDone);
        Assert.Equal(moveOut.ReceivedAt.AddMinutes(45), clock.DueAt);

        Assert.Equal(HttpStatusCode.Redirect, (await desk.SubmitFormAsync($"/MoveOuts/Details/{id}", "#complete-form", new Dictionary<string, string>())).StatusCode);
        Assert.Equal(SlaClockState.Met, (await ClockAsync(id, SlaMilestone.MoveOutDone)).State);
        var page = await desk.GetDocumentAsync($"/MoveOuts/Details/{id}");
        Assert.Equal([nameof(MoveOutEventKind.Opened), nameof(MoveOutEventKind.Completed)],
            page.QuerySelectorAll("#timeline li").Select(li => li.GetAttribute("data-kind")!));
        Assert.Contains("张前台", page.QuerySelector("#timeline")!.TextContent);
    }

    [Fact]
    public async Task A_supervisor_orders_a_heavy_rain_patrol_once_and_each_unit_in_custody_gets_one_clock_met_by_its_next_patrol()
    {
        var property = await ResidentialAsync();
        await SetLimitsAsync(property, patrolDays: 3, rainHours: 6);
        var units = new[] { await VacantUnitAsync(5), await VacantUnitAsync(6) };
        Guid officeUnit;
        using (var db = Db())
        {
            foreach (var u in await db.Units.Where(u => units.Contains(u.Id)).ToListAsync(Ct))
            {
                u.SetCustody(true);
            }

            var office = await db.Properties.Where(p => p.Code == DemoSeeder.OfficeCode).Select(p => p.Id).SingleAsync(Ct);
            var other = await db.Units.Where(u => u.PropertyId == office).OrderBy(u => u.Number).FirstAsync(Ct);
            other.SetCustody(true);
            officeUnit = other.Id;
            await db.SaveChangesAsync(Ct);
        }

        var today = PortalClock.Today(App.Clock).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using var supervisor = await PortalClient.SignedInAsync(App, "supervisor");

        // Bad input comes back with the message beside the field; nothing is ordered.
        var bad = await supervisor.SubmitFormAsync("/MoveIns/Custody", "#rain-form",
            new Dictionary<string, string> { ["PropertyId"] = property.ToString(), ["RainDate"] = today, ["Phase"] = nameof(RainPatrolPhase.Before), ["Reason"] = "" });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("请填写下达原因", (await PortalClient.ParseAsync(bad)).QuerySelector("#rain-form")?.TextContent ?? "");
        using (var db = Db())
        {
            Assert.False(await db.RainPatrolOrders.AnyAsync(Ct));
        }

        var before = App.Clock.UtcNow;
        var ordered = await supervisor.SubmitFormAsync("/MoveIns/Custody", "#rain-form",
            new Dictionary<string, string> { ["PropertyId"] = property.ToString(), ["RainDate"] = today, ["Phase"] = nameof(RainPatrolPhase.Before), ["Reason"] = "暴雨橙色预警" });
        Assert.Equal(HttpStatusCode.Redirect, ordered.StatusCode);
        var supervisorId = await SlaTestData.UserIdAsync(App, "supervisor");
        var stewardId = await SlaTestData.UserIdAsync(App, "steward");
        List<SlaClock> rain;
        using (var db = Db())
        {
            var order = await db.RainPatrolOrders.AsNoTracking().SingleAsync(Ct);
            Assert.Equal((property, "暴雨橙色预警", "李主管", 2), (order.PropertyId, order.Reason, order.OrderedByName, order.Units));
            rain = await db.SlaClocks.AsNoTracking().Where(c => c.Milestone == SlaMilestone.CustodyRainPatrol).ToListAsync(Ct);
            Assert.Equal(units.Order(), rain.Select(c => c.SubjectId).Order());
            Assert.All(rain, c => Assert.Equal((SlaSubject.CustodyUnit, supervisorId, order.OrderedAt.AddHours(6)), (c.Subject, c.AssigneeId, c.DueAt)));
            Assert.True(order.OrderedAt >= SlaTestData.Second(before));
            Assert.True(await db.OutboxMessages.AnyAsync(o => o.Kind == NotificationKinds.CustodyRainPatrol && o.RecipientUserId == stewardId, Ct));
        }

        // Pressed again the same day: refused, and no unit gets a second clock; the other phase finds every unit already asked.
        var again = await supervisor.SubmitFormAsync("/MoveIns/Custody", "#rain-form",
            new Dictionary<string, string> { ["PropertyId"] = property.ToString(), ["RainDate"] = today, ["Phase"] = nameof(RainPatrolPhase.Before), ["Reason"] = "再按一次" });
        Assert.Contains("已经下达过", (await supervisor.GetDocumentAsync(again.RedirectPath())).QuerySelector(".alert-danger")?.TextContent ?? "");
        Assert.Equal(HttpStatusCode.Redirect, (await supervisor.SubmitFormAsync("/MoveIns/Custody", "#rain-form",
            new Dictionary<string, string> { ["PropertyId"] = property.ToString(), ["RainDate"] = today, ["Phase"] = nameof(RainPatrolPhase.After), ["Reason"] = "雨后" })).StatusCode);
        using (var db = Db())
        {
            Assert.Equal(2, await db.SlaClocks.CountAsync(c => c.Milestone == SlaMilestone.CustodyRainPatrol, Ct));
            Assert.Equal([0, 2], (await db.RainPatrolOrders.Select(o => o.Units).ToListAsync(Ct)).Order());
            Assert.False(await db.SlaClocks.AnyAsync(c => c.SubjectId == officeUnit && c.Milestone == SlaMilestone.CustodyRainPatrol, Ct));
        }

        // The custody page shows the rain patrol due; the steward's patrol meets it and starts the next regular patrol 3 days on.
        using var steward = await PortalClient.SignedInAsync(App, "steward");
        Assert.NotNull((await steward.GetDocumentAsync("/MoveIns/Custody")).QuerySelector($"#u-{units[0]} [data-rain-due]"));
        Assert.Null((await steward.GetDocumentAsync("/MoveIns/Custody")).QuerySelector("#rain-form"));
        Assert.Equal(HttpStatusCode.Redirect, (await steward.SubmitFormAsync("/MoveIns/Custody", $"#u-{units[0]} form",
            new Dictionary<string, string> { ["finding"] = "阳台排水通畅" })).StatusCode);
        using (var db = Db())
        {
            var patrol = await db.CustodyPatrols.AsNoTracking().SingleAsync(p => p.UnitId == units[0], Ct);
            var clocks = await db.SlaClocks.AsNoTracking().Where(c => c.SubjectId == units[0]).ToListAsync(Ct);
            Assert.Equal((SlaClockState.Met, (DateTime?)patrol.At), clocks.Where(c => c.Milestone == SlaMilestone.CustodyRainPatrol).Select(c => (c.State, c.MetAt)).Single());
            Assert.Equal(patrol.At.AddDays(3), clocks.Single(c => c.Milestone == SlaMilestone.CustodyPatrol && c.State == SlaClockState.Running).DueAt);
            Assert.Equal(SlaClockState.Running, (await db.SlaClocks.AsNoTracking().SingleAsync(c => c.SubjectId == units[1] && c.Milestone == SlaMilestone.CustodyRainPatrol, Ct)).State);
        }

        Assert.Null((await steward.GetDocumentAsync("/MoveIns/Custody")).QuerySelector($"#u-{units[0]} [data-rain-due]"));

        // Another property's steward and supervisor: 404, and nothing changes.
        using var otherSteward = await PortalClient.SignedInAsync(App, await OfficeUserAsync("gmdssteward", Roles.Steward));
        var token = await otherSteward.AntiforgeryTokenAsync("/MoveIns/Custody");
        Assert.Equal(HttpStatusCode.NotFound, (await otherSteward.PostAsync($"/MoveIns/Patrol?unitId={units[1]}",
            new Dictionary<string, string> { [PortalClient.TokenField] = token, ["finding"] = "越权巡查" })).StatusCode);
        Assert.DoesNotContain(units[1].ToString(), await (await otherSteward.GetAsync("/MoveIns/Custody")).Content.ReadAsStringAsync(Ct));
        using var otherSupervisor = await PortalClient.SignedInAsync(App, await OfficeUserAsync("gmdssupervisor", Roles.Supervisor));
        var supToken = await otherSupervisor.AntiforgeryTokenAsync("/MoveIns/Custody");
        Assert.Equal(HttpStatusCode.NotFound, (await otherSupervisor.PostAsync("/MoveIns/RainPatrol", new Dictionary<string, string>
        {
            [PortalClient.TokenField] = supToken, ["PropertyId"] = property.ToString(), ["Phase"] = nameof(RainPatrolPhase.After), ["Reason"] = "越权",
            ["RainDate"] = PortalClock.Today(App.Clock).AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        })).StatusCode);
        using (var db = Db())
        {
            Assert.False(await db.CustodyPatrols.AnyAsync(p => p.UnitId == units[1], Ct));
            Assert.Equal(2, await db.RainPatrolOrders.CountAsync(Ct));
        }

        // Only a supervisor (or manager) orders it: the front desk is turned away.
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        Assert.True((await desk.PostAsync("/MoveIns/RainPatrol", new Dictionary<string, string>
        {
            [PortalClient.TokenField] = await desk.AntiforgeryTokenAsync("/MoveIns/Custody"), ["PropertyId"] = property.ToString(), ["RainDate"] = today,
            ["Phase"] = nameof(RainPatrolPhase.After), ["Reason"] = "前台",
        })).IsAccessDenied());
    }

    /// <summary>Saves the property's move-in limits through the admin's page (unchanged fields keep what the page shows).</summary>
    private async Task SetLimitsAsync(Guid property, int? moveOutMinutes = null, int? patrolDays = null, int? callbackMonths = null, int? graceMinutes = null,
        int? rainHours = null, string? water = null, string? electricity = null)
    {
        var fields = new Dictionary<string, string>();
        void Put(string name, object? value)
        {
            if (value is not null)
            {
                fields[name] = Convert.ToString(value, CultureInfo.InvariantCulture)!;
            }
        }

        Put("MoveOutMinutes", moveOutMinutes);
        Put("CustodyPatrolDays", patrolDays);
        Put("NewHouseholdCallbackMonths", callbackMonths);
        Put("MoveInReceptionGraceMinutes", graceMinutes);
        Put("CustodyRainPatrolHours", rainHours);
        Put("CustodyWaterLimit", water);
        Put("CustodyElectricityLimit", electricity);
        using var admin = await PortalClient.SignedInAsync(App, "admin");
        var response = await admin.SubmitFormAsync($"/Settings/Sla/MoveIns/{property}", "#move-in-limits-form", fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private async Task<Guid> BookAsync(PortalClient desk, Guid unit, DateTime appointmentLocal, string owner)
    {
        var booked = await desk.SubmitFormAsync($"/MoveIns/Create?unitId={unit}", "#move-in-form", new Dictionary<string, string>
        {
            ["CustomerId"] = "", ["NewName"] = owner, ["NewPhone"] = "13700001111", ["Applicant"] = nameof(MoveInApplicant.Owner),
            ["AppointmentAt"] = appointmentLocal.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);
        return Guid.Parse(booked.RedirectPath()["/MoveIns/Details/".Length..], CultureInfo.InvariantCulture);
    }

    /// <summary>A user of 国贸大厦 only, in <paramref name="role"/>.</summary>
    private async Task<string> OfficeUserAsync(string userName, string role)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByNameAsync(userName) is null)
        {
            var user = new AppUser { UserName = userName, DisplayName = "国贸" + role, AllProperties = false, CreatedAt = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(user, DemoSeeder.DemoPassword)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var office = await db.Properties.Where(p => p.Code == DemoSeeder.OfficeCode).Select(p => p.Id).SingleAsync(Ct);
            db.UserProperties.Add(new UserProperty { UserId = user.Id, PropertyId = office });
            await db.SaveChangesAsync(Ct);
        }

        return userName;
    }

    private static DateTime Minute(DateTime local) => new(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, DateTimeKind.Unspecified);

    private async Task<SlaClock> ClockAsync(Guid subject, SlaMilestone milestone)
    {
        using var db = Db();
        return await db.SlaClocks.AsNoTracking().Where(c => c.SubjectId == subject && c.Milestone == milestone).OrderByDescending(c => c.StartedAt).FirstAsync(Ct);
    }

    private async Task<bool> FiredAsync(Guid clock, SlaEventKind kind)
    {
        using var db = Db();
        return await db.SlaEvents.AnyAsync(e => e.ClockId == clock && e.Kind == kind, Ct);
    }

    private async Task<string> NumberAsync(Guid moveIn)
    {
        using var db = Db();
        return await db.MoveIns.Where(m => m.Id == moveIn).Select(m => m.Number).SingleAsync(Ct);
    }

    private async Task<SlaPolicy> PolicyAsync(Guid property)
    {
        using var db = Db();
        return await db.SlaPolicies.AsNoTracking().SingleOrDefaultAsync(p => p.PropertyId == property, Ct) ?? SlaPolicy.CreateDefault(property);
    }

    private async Task<Guid> OfficeAsync()
    {
        using var db = Db();
        return await db.Properties.Where(p => p.Code == DemoSeeder.OfficeCode).Select(p => p.Id).SingleAsync(Ct);
    }

    private async Task<Guid> ResidentialAsync()
    {
        using var db = Db();
        return await db.Properties.Where(p => p.Code == DemoSeeder.ResidentialCode).Select(p => p.Id).SingleAsync(Ct);
    }

    private async Task<Guid> VacantUnitAsync(int skip)
    {
        using var db = Db();
        var property = await db.Properties.Where(p => p.Code == DemoSeeder.ResidentialCode).Select(p => p.Id).SingleAsync(Ct);
        return await db.Units.Where(u => u.PropertyId == property && u.Type == UnitType.Residence && !db.Occupancies.Any(o => o.UnitId == u.Id)
                && !db.MoveIns.Any(m => m.UnitId == u.Id))
            .OrderBy(u => u.Number).Select(u => u.Id).Skip(skip).FirstAsync(Ct);
    }

    private PortalDbContext Db() => App.CreateDbContext(SystemPropertyScope.Instance);
}

public sealed class SqliteMoveInLimitsFlowTests(SqliteQuietPortalFactory factory) : MoveInLimitsFlowTests(factory), IClassFixture<SqliteQuietPortalFactory>;

public sealed class PostgresMoveInLimitsFlowTests(PostgresQuietPortalFactory factory) : MoveInLimitsFlowTests(factory), IClassFixture<PostgresQuietPortalFactory>;
