using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.MoveInOut;
using PropertyPortal.Domain.Notifications;
using PropertyPortal.Domain.Registry;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.IntegrationTests.Sla;
using PropertyPortal.Web.Features.MoveIns;
using PropertyPortal.Web.Features.MoveOuts;
using PropertyPortal.Web.Features.Notifications;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Seeding;

namespace PropertyPortal.IntegrationTests.MoveIns;

/// <summary>
/// The move-in and move-out features' notification mappings, event kind by event kind, read back from the outbox
/// (as <see cref="CaseSeamTests"/> does for repairs and complaints): which step tells whom, and that every other
/// step tells no one. Steps run through the features' use cases, as the controllers call them.
/// </summary>
public abstract class MoveInNotificationTests(PortalFactory factory)
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
    public async Task Of_a_move_in_s_events_only_the_completion_tells_the_callback_s_maker_and_a_cancelled_one_tells_no_one()
    {
        var desk = new Actor(await SlaTestData.UserIdAsync(App, "frontdesk"), "张前台");
        var supervisor = new Actor(await SlaTestData.UserIdAsync(App, "supervisor"), "李主管");
        var id = await BookAsync(0, desk);

        await StepAsync(id, desk, (s, r) => s.RescheduleAsync(r, PortalClock.ToLocal(App.Clock.UtcNow).AddDays(2), Ct));
        await StepAsync(id, desk, (s, r) => s.ReceiveAsync(r, Ct));
        await StepAsync(id, desk, (s, r) => s.CheckAsync(r, [MoveInItem.MoveInNotice, MoveInItem.OwnerId], Ct));
        await StepAsync(id, desk, (s, r) => s.InspectAsync(r, new InspectionForm { InspectorName = "周工", Water = 1m, Electricity = 2m }, false, null, desk, Ct));
        await StepAsync(id, desk, (s, r) => s.SignOffAsync(r, "业主", Ct));
        await StepAsync(id, desk, (s, r) => s.KeysAsync(r, 2, Ct));
        await StepAsync(id, supervisor, (s, r) => s.CompleteAsync(r, "证件后补", canOverride: true, null, Ct));

        // Timeline: 0 Booked, 1 Rescheduled, 2 Received, 3 Checked, 4 Inspected, 5 SignedOff, 6 KeysHandedOver, 7 Overridden, 8 Completed.
        Guid callback;
        using (var db = Db())
        {
            var moveIn = await db.MoveIns.AsNoTracking().Include(m => m.Events).SingleAsync(m => m.Id == id, Ct);
            Assert.Equal(
                [MoveInEventKind.Booked, MoveInEventKind.Rescheduled, MoveInEventKind.Received, MoveInEventKind.Checked, MoveInEventKind.Inspected, MoveInEventKind.SignedOff,
                    MoveInEventKind.KeysHandedOver, MoveInEventKind.Overridden, MoveInEventKind.Completed],
                moveIn.Events.OrderBy(e => e.Id).Select(e => e.Kind));
            callback = moveIn.CallbackId!.Value;
        }

        Assert.Equal([("8", NotificationKinds.CallbackAssigned, supervisor.UserId!, $"/Callbacks/Details/{callback}")],
            (await OutboxOfAsync(id)).Select(m => (m.DedupKey.Split(':')[2], m.Kind, m.RecipientUserId, m.Link!)).ToList());

        var cancelled = await BookAsync(1, desk);
        await StepAsync(cancelled, desk, (s, r) => s.CancelAsync(r, "业主改期", Ct));
        Assert.Empty(await OutboxOfAsync(cancelled));
    }

    [Fact]
    public async Task A_move_out_tells_no_one_of_its_events()
    {
        var desk = new Actor(await SlaTestData.UserIdAsync(App, "frontdesk"), "张前台");
        Guid unit, occupancy;
        using (var db = Db())
        {
            var property = await ResidentialAsync(db);
            var o = await db.Occupancies.Where(o => o.PropertyId == property && o.EndDate == null).OrderBy(o => o.Id).Skip(40).FirstAsync(Ct);
            (unit, occupancy) = (o.UnitId, o.Id);
        }

        StepResult opened;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var form = new MoveOutForm { UnitId = unit, OccupancyId = occupancy, MoveOutDate = PortalClock.Today(App.Clock), Items = "床 1 张", KeysReturned = 1 };
            opened = (await scope.ServiceProvider.GetRequiredService<MoveOutIntake>().OpenAsync(form, false, desk, Ct)).Step;
            Assert.True(opened.Done, opened.Message);
        }

        var id = opened.CaseId!.Value;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var done = await scope.ServiceProvider.GetRequiredService<MoveOutSteps>().CompleteAsync(new StepRequest(id, await VersionOfAsync<MoveOut>(id), desk), null, false, Ct);
            Assert.True(done.Done, done.Message);
        }

        using (var db = Db())
        {
            Assert.Equal([MoveOutEventKind.Opened, MoveOutEventKind.Completed],
                await db.MoveOutEvents.Where(e => e.MoveOutId == id).OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync(Ct));
        }

        Assert.Empty(await OutboxOfAsync(id));
    }

    [Fact]
    public async Task A_custody_patrol_tells_the_supervisors_only_of_a_problem_or_meters_past_the_limits_and_a_rain_order_tells_the_stewards()
    {
        var steward = new Actor(await SlaTestData.UserIdAsync(App, "steward"), "陈管家");
        var supervisor = new Actor(await SlaTestData.UserIdAsync(App, "supervisor"), "李主管");
        Guid property, quiet, leaking;
        using (var db = Db())
        {
            property = await ResidentialAsync(db);
            var units = await db.Units.Where(u => u.PropertyId == property && u.Type == UnitType.Residence && !db.Occupancies.Any(o => o.UnitId == u.Id)
                    && !db.MoveIns.Any(m => m.UnitId == u.Id))
                .OrderByDescending(u => u.Number).Take(2).ToListAsync(Ct);
            units.ForEach(u => u.SetCustody(true));
            await db.SaveChangesAsync(Ct);
            (quiet, leaking) = (units[0].Id, units[1].Id);
        }

        await using (var scope = App.Services.CreateAsyncScope())
        {
            var custody = scope.ServiceProvider.GetRequiredService<CustodySteps>();
            Assert.True((await custody.PatrolAsync(quiet, "门窗完好", false, null, null, steward, Ct)).Done);
            Assert.True((await custody.PatrolAsync(leaking, "阳台渗水", true, null, null, steward, Ct)).Done);
        }

        var supervisors = await PeopleAsync(property, Roles.Supervisor);
        Assert.Contains(supervisor.UserId!, supervisors);
        Assert.Equal(supervisors.Select(s => (NotificationKinds.CustodyAlarm, s, $"/MoveIns/Custody#u-{leaking}")).Order().ToList(),
            (await OutboxAsync(m => m.DedupKey.StartsWith("custody:"))).Select(m => (m.Kind, m.RecipientUserId!, m.Link!)).Order().ToList());

        await using (var scope = App.Services.CreateAsyncScope())
        {
            var form = new RainPatrolForm { PropertyId = property, RainDate = PortalClock.Today(App.Clock), Phase = RainPatrolPhase.Before, Reason = "暴雨蓝色预警" };
            var ordered = await scope.ServiceProvider.GetRequiredService<CustodySteps>().OrderRainPatrolAsync(form, false, supervisor, Ct);
            Assert.True(ordered.Done, ordered.Message);
        }

        var stewards = await PeopleAsync(property, Roles.Steward);
        Assert.Contains(steward.UserId!, stewards);
        var told = await OutboxAsync(m => m.DedupKey.StartsWith("rainpatrol:"));
        Assert.Equal(stewards.Order(), told.Select(m => m.RecipientUserId).Order());
        Assert.All(told, m => Assert.Equal((NotificationKinds.CustodyRainPatrol, "/MoveIns/Custody"), (m.Kind, m.Link)));
        Assert.Contains("暴雨蓝色预警", System.Text.Json.JsonSerializer.Deserialize<string[]>(told[0].Args)!);
    }

    private async Task<Guid> BookAsync(int skip, Actor desk)
    {
        Guid unit;
        using (var db = Db())
        {
            var property = await ResidentialAsync(db);
            unit = await db.Units.Where(u => u.PropertyId == property && u.Type == UnitType.Residence && !db.Occupancies.Any(o => o.UnitId == u.Id)
                    && !db.MoveIns.Any(m => m.UnitId == u.Id))
                .OrderBy(u => u.Number).Select(u => u.Id).Skip(skip).FirstAsync(Ct);
        }

        await using var scope = App.Services.CreateAsyncScope();
        var form = new MoveInForm
        {
            UnitId = unit, NewName = "通知测试业主", NewPhone = "13600002222", Applicant = MoveInApplicant.Owner,
            AppointmentAt = PortalClock.ToLocal(App.Clock.UtcNow).AddDays(1),
        };
        var booked = await scope.ServiceProvider.GetRequiredService<MoveInIntake>().BookAsync(form, false, desk, Ct);
        Assert.True(booked.Opened, booked.Step.Message);
        return booked.Step.CaseId!.Value;
    }

    private async Task StepAsync(Guid id, Actor actor, Func<MoveInSteps, StepRequest, Task<StepResult>> step)
    {
        var request = new StepRequest(id, await VersionOfAsync<MoveIn>(id), actor);
        await using var scope = App.Services.CreateAsyncScope();
        var result = await step(scope.ServiceProvider.GetRequiredService<MoveInSteps>(), request);
        Assert.True(result.Done, result.Message);
    }

    private async Task<int> VersionOfAsync<TCase>(Guid id) where TCase : Entity
    {
        using var db = Db();
        return await db.Set<TCase>().Where(c => c.Id == id).Select(c => c.Version).SingleAsync(Ct);
    }

    private async Task<List<OutboxMessage>> OutboxOfAsync(Guid caseId)
    {
        var key = $":{caseId:N}:";
        return await OutboxAsync(m => m.DedupKey.Contains(key));
    }

    private async Task<List<OutboxMessage>> OutboxAsync(System.Linq.Expressions.Expression<Func<OutboxMessage, bool>> which)
    {
        using var db = Db();
        return await db.OutboxMessages.AsNoTracking().Where(which).ToListAsync(Ct);
    }

    private async Task<IReadOnlyList<string>> PeopleAsync(Guid property, string role)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return [.. (await scope.ServiceProvider.GetRequiredService<Notifier>().UsersInRoleForPropertyAsync(role, property, Ct)).Distinct()];
    }

    private static Task<Guid> ResidentialAsync(PortalDbContext db) =>
        db.Properties.Where(p => p.Code == DemoSeeder.ResidentialCode).Select(p => p.Id).SingleAsync(Ct);

    private PortalDbContext Db() => App.CreateDbContext(SystemPropertyScope.Instance);
}

public sealed class SqliteMoveInNotificationTests(SqliteQuietPortalFactory factory) : MoveInNotificationTests(factory), IClassFixture<SqliteQuietPortalFactory>;

public sealed class PostgresMoveInNotificationTests(PostgresQuietPortalFactory factory) : MoveInNotificationTests(factory), IClassFixture<PostgresQuietPortalFactory>;
