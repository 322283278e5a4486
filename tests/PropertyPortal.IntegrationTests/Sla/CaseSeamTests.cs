using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Complaints;
using PropertyPortal.Domain.Notifications;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.Domain.Sla;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.Web.Features.Complaints;
using PropertyPortal.Web.Features.Notifications;
using PropertyPortal.Web.Features.Repairs;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Seeding;

namespace PropertyPortal.IntegrationTests.Sla;

/// <summary>
/// The case seam on a real database (ADR 0016): a case's clocks in one order, started clocks saved by the
/// caller's one save without being added, the step runner's outcomes, and each feature's notification
/// mapping, event kind by event kind, read back from the outbox.
/// </summary>
public abstract class CaseSeamTests(PortalFactory factory)
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
    public async Task A_case_s_clocks_come_started_then_milestone_order_so_the_open_clock_of_a_milestone_is_the_latest_started()
    {
        var property = await ResidentialAsync();
        var subject = Guid.CreateVersion7();
        var t0 = SlaTestData.Second(App.Clock.UtcNow);
        SlaClock later, earlier, phone, work;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var calendar = await scope.ServiceProvider.GetRequiredService<SlaSettings>().CalendarAsync(Ct);
            SlaClock Clock(SlaMilestone milestone, DateTime start) =>
                new(property, SlaSubject.RepairOrder, subject, milestone, null, SlaTarget.Minutes(30), start, calendar, SlaLadder.Default);

            // Saved in the order an unordered read by (subject, milestone) would give back: the later on-site clock first.
            later = Clock(SlaMilestone.OnSite, t0.AddMinutes(5));
            db.SlaClocks.Add(later);
            await db.SaveChangesAsync(Ct);
            earlier = Clock(SlaMilestone.OnSite, t0);
            work = Clock(SlaMilestone.WorkOrderIssued, t0);
            phone = Clock(SlaMilestone.PhoneReply, t0);
            db.SlaClocks.AddRange(earlier, work, phone);
            await db.SaveChangesAsync(Ct);
        }

        await using (var scope = App.Services.CreateAsyncScope())
        {
            var caseClocks = scope.ServiceProvider.GetRequiredService<CaseClocks>();
            var set = await caseClocks.ForSubjectsAsync(property, [subject], Ct);

            Assert.Equal([earlier.Id, phone.Id, work.Id, later.Id], set.All.Select(c => c.Id));
            Assert.Equal(later.Id, set.Open(SlaMilestone.OnSite)!.Id);
            Assert.Equal(set.All.Select(c => c.Id), (await caseClocks.ReadAsync([subject], Ct)).Select(c => c.Id));
        }
    }

    [Fact]
    public async Task Clocks_a_new_case_starts_through_the_seam_are_saved_by_the_one_save_without_the_caller_adding_them()
    {
        var property = await ResidentialAsync();
        var received = SlaTestData.Second(App.Clock.UtcNow);
        Guid id;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var clocks = await scope.ServiceProvider.GetRequiredService<CaseClocks>().ForNewCaseAsync(property, Ct);
            var order = RepairOrder.Open("BX-S" + Guid.NewGuid().ToString("N")[..8], new RepairOrder.Intake(property, null, null, null, "张先生", null, "1-101 厨房", "漏水",
                await CategoryAsync(db), RepairUrgency.Urgent, RepairBilling.Warranty, null, null, received), new Actor(null, "前台"), received, clocks);
            db.RepairOrders.Add(order);
            await db.SaveChangesAsync(Ct);
            id = order.Id;
        }

        using var check = App.CreateDbContext(SystemPropertyScope.Instance);
        var saved = await check.SlaClocks.AsNoTracking().Where(c => c.SubjectId == id).ToListAsync(Ct);
        Assert.Equal([SlaMilestone.WorkOrderIssued, SlaMilestone.PhoneReply, SlaMilestone.OnSite], saved.Select(c => c.Milestone).Order());
        Assert.Equal(received.AddMinutes(3), saved.Single(c => c.Milestone == SlaMilestone.WorkOrderIssued).DueAt);
    }

    [Fact]
    public async Task A_step_saves_the_change_its_clocks_and_the_notice_of_its_new_event_in_one_save()
    {
        var order = await SlaTestData.OpenRepairAsync(App, SlaTestData.Second(App.Clock.UtcNow));
        var technician = await SlaTestData.UserIdAsync(App, "technician");

        var result = await RunAsync<RepairOrder>(order.Id, (o, s) => o.Dispatch(technician, "刘师傅", s.By, s.Now, s.Clocks));

        Assert.Equal((StepStatus.Done, order.Number), (result.Status, result.Number));
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        Assert.Equal(RepairStatus.Dispatched, await db.RepairOrders.Where(o => o.Id == order.Id).Select(o => o.Status).SingleAsync(Ct));
        Assert.Equal(SlaClockState.Met, (await db.SlaClocks.SingleAsync(c => c.Id == order.Clock(SlaMilestone.WorkOrderIssued).Id, Ct)).State);
        var notice = Assert.Single(await OutboxOfAsync(order.Id));
        Assert.Equal(($"repairorder:{order.Id:N}:1:{NotificationKinds.RepairDispatched}:{technician}:InApp", technician, $"/Repairs/Details/{order.Id}"),
            (notice.DedupKey, notice.RecipientUserId, notice.Link));
    }

    [Fact]
    public async Task A_stale_version_is_a_conflict_and_nothing_of_the_step_is_saved()
    {
        var order = await SlaTestData.OpenRepairAsync(App, SlaTestData.Second(App.Clock.UtcNow));
        var technician = await SlaTestData.UserIdAsync(App, "technician");

        var result = await RunAsync<RepairOrder>(order.Id, (o, s) => o.Dispatch(technician, "刘师傅", s.By, s.Now, s.Clocks), version: 7);

        Assert.Equal(StepStatus.Conflict, result.Status);
        Assert.False(string.IsNullOrEmpty(result.Message));
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        var saved = await db.RepairOrders.AsNoTracking().Include(o => o.Events).SingleAsync(o => o.Id == order.Id, Ct);
        Assert.Equal((RepairStatus.Accepted, 1), (saved.Status, saved.Events.Count));
        Assert.Equal(SlaClockState.Running, (await db.SlaClocks.SingleAsync(c => c.Id == order.Clock(SlaMilestone.WorkOrderIssued).Id, Ct)).State);
        Assert.Empty(await OutboxOfAsync(order.Id));
    }

    [Fact]
    public async Task A_broken_rule_is_refused_with_its_message_and_a_case_out_of_reach_is_not_found_or_forbidden()
    {
        var order = await SlaTestData.OpenRepairAsync(App, SlaTestData.Second(App.Clock.UtcNow));

        var refused = await RunAsync<RepairOrder>(order.Id, (o, s) => o.ArriveOnSite(s.By, s.Now, s.Clocks));
        Assert.Equal(StepStatus.Refused, refused.Status);
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var saving = scope.ServiceProvider.GetRequiredService<Saving>();
            Assert.Equal(saving.DomainMessage(new DomainException("RepairTransitionRefused", "")), refused.Message);
            Assert.NotEqual(saving.DomainMessage(new DomainException("NoSuchCode", "")), refused.Message);
        }

        Assert.Equal(StepStatus.NotFound, (await RunAsync<RepairOrder>(Guid.CreateVersion7(), (o, s) => o.Chase(null, s.By, s.Now))).Status);
        Assert.Equal(StepStatus.Forbidden, (await RunAsync<RepairOrder>(order.Id, (o, s) => o.Chase(null, s.By, s.Now), allowed: _ => false)).Status);
        Assert.Equal(StepStatus.Refused, (await RunAsync<RepairOrder>(order.Id, (o, s) => o.Chase(null, s.By, s.Now), inputErrors: "备注过长")).Status);
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        Assert.Equal(0, await db.RepairOrders.Where(o => o.Id == order.Id).Select(o => o.ChaseCount).SingleAsync(Ct));
    }

    [Fact]
    public async Task A_repair_tells_the_technician_of_a_dispatch_and_a_reopen_supervisors_and_technician_of_each_chase_and_the_callback_maker_of_the_callback()
    {
        var order = await SlaTestData.OpenRepairAsync(App, SlaTestData.Second(App.Clock.UtcNow));
        var (technician, supervisor, frontdesk) = (await SlaTestData.UserIdAsync(App, "technician"), await SlaTestData.UserIdAsync(App, "supervisor"),
            await SlaTestData.UserIdAsync(App, "frontdesk"));

        await RepairStepAsync((s, r) => s.DispatchAsync(r, technician, Ct), order.Id);
        await RepairStepAsync((s, r) => s.PhoneReplyAsync(r, "已回电", desk: true, Ct), order.Id);
        await RepairStepAsync((s, r) => s.ChaseAsync(r, "业主催促", Ct), order.Id);
        await RepairStepAsync((s, r) => s.ChaseAsync(r, "再次催促", Ct), order.Id);
        await RepairStepAsync((s, r) => s.OnSiteAsync(r, desk: true, Ct), order.Id);
        await RepairStepAsync((s, r) => s.CompleteAsync(r, new CompleteForm { WorkDone = "更换阀门" }, desk: true, Ct), order.Id);
        await RepairStepAsync((s, r) => s.ReopenAsync(r, "业主说还在漏", Ct), order.Id);

        // Timeline: 0 Accepted, 1 Dispatched, 2 PhoneReplied, 3 Chased, 4 Chased, 5 OnSite, 6 Done, 7 CallbackScheduled, 8 Reopened.
        Guid callback;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            callback = await db.Callbacks.Where(c => c.RepairOrderId == order.Id).Select(c => c.Id).SingleAsync(Ct);
        }

        var told = await OutboxOfAsync(order.Id);
        var link = $"/Repairs/Details/{order.Id}";
        var supervisors = await SupervisorsAsync(order.Id);
        Assert.Contains(supervisor, supervisors);
        Assert.Equal(
            new[]
            {
                ("1", NotificationKinds.RepairDispatched, technician, link),
                ("8", NotificationKinds.RepairDispatched, technician, link),
                ("7", NotificationKinds.CallbackAssigned, frontdesk, $"/Callbacks/Details/{callback}"),
            }
            .Concat(supervisors.Append(technician).SelectMany(u => new[] { ("3", NotificationKinds.RepairChased, u, link), ("4", NotificationKinds.RepairChased, u, link) }))
            .Order().ToList(),
            told.Select(m => (m.DedupKey.Split(':')[2], m.Kind, m.RecipientUserId!, m.Link!)).Order().ToList());

        // Each chase is told with its own count: the key is the event, not the kind of step.
        Assert.All(told.Where(m => m.DedupKey.Split(':')[2] == "3"), m => Assert.Equal($"[\"{order.Number}\",\"1\"]", m.Args));
        Assert.All(told.Where(m => m.DedupKey.Split(':')[2] == "4"), m => Assert.Equal($"[\"{order.Number}\",\"2\"]", m.Args));
    }

    [Fact]
    public async Task A_complaint_tells_each_event_s_people_and_the_same_handler_assigned_twice_is_told_twice()
    {
        var (supervisor, manager, steward, frontdesk) = (await SlaTestData.UserIdAsync(App, "supervisor"), await SlaTestData.UserIdAsync(App, "manager"),
            await SlaTestData.UserIdAsync(App, "steward"), await SlaTestData.UserIdAsync(App, "frontdesk"));
        var important = await OpenComplaintAsync(ComplaintTier.Important, harm: false, repeatOf: null);
        var major = await OpenComplaintAsync(ComplaintTier.Major, harm: true, repeatOf: important);
        var supervisors = await SupervisorsAsync(major);
        var managers = await ManagersAsync(major);
        Assert.Contains(supervisor, supervisors);
        Assert.Contains(manager, managers);

        // Re-tiered to major by a supervisor: the managers are told; the important one's own intake told the supervisors.
        await ComplaintStepAsync((s, r) => s.TierAsync(r, new TierForm { Tier = ComplaintTier.Major, Reason = "涉及人身安全" }, Ct), important);
        Assert.Equal(
            supervisors.Select(u => ("0", NotificationKinds.ComplaintEscalated, u)).Concat(managers.Select(u => ("1", NotificationKinds.ComplaintEscalated, u))).Order().ToList(),
            (await OutboxOfAsync(important)).Select(m => (m.DedupKey.Split(':')[2], m.Kind, m.RecipientUserId!)).Order().ToList());

        await ComplaintStepAsync((s, r) => s.AssignAsync(r, new AssignForm { Department = "秩序部", HandlerId = steward }, Ct), major);
        await ComplaintStepAsync((s, r) => s.AssignAsync(r, new AssignForm { Department = "秩序部", HandlerId = steward }, Ct), major);
        await ComplaintStepAsync((s, r) => s.TransferAsync(r, new TransferForm { OwnerId = supervisor, Reason = "主管跟进" }, Ct), major);
        await ComplaintStepAsync((s, r) => s.ReplyAsync(r, new ReplyForm { Channel = ReplyChannel.Phone, Text = "已致电致歉" }, Ct), major);
        await ComplaintStepAsync((s, r) => s.PlanAsync(r, "更换井盖", Ct), major);
        await ComplaintStepAsync((s, r) => s.ReturnAsync(r, "方案不完整", Ct), major);
        await ComplaintStepAsync((s, r) => s.PlanAsync(r, "更换井盖并设围挡", Ct), major);
        await ComplaintStepAsync((s, r) => s.ApproveAsync(r, "同意", Ct), major);
        await ComplaintStepAsync((s, r) => s.AgreementAsync(r, new ReplyForm { Channel = ReplyChannel.InPerson, Text = "业主同意" }, Ct), major);
        await ComplaintStepAsync((s, r) => s.StopHarmAsync(r, "已设围挡", Ct), major);
        await ComplaintStepAsync((s, r) => s.ResolveAsync(r, "井盖已更换", Ct), major);
        await ComplaintStepAsync((s, r) => s.ResultAsync(r, new ReplyForm { Channel = ReplyChannel.Phone, Text = "业主满意" }, Ct), major);
        await ComplaintStepAsync((s, r) => s.CloseAsync(r, Ct), major);

        // Timeline: 0 Accepted, 1 Assigned, 2 Assigned, 3 Transferred, 4 Replied, 5 PlanProposed, 6 PlanReturned, 7 PlanProposed, 8 PlanApproved,
        // 9 CustomerAgreed, 10 HarmStopped, 11 Resolved, 12 ResultNotified, 13 Closed.
        Guid callback;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            callback = await db.Callbacks.Where(c => c.ComplaintId == major).Select(c => c.Id).SingleAsync(Ct);
        }

        var expected = managers.Select(u => ("0", NotificationKinds.ComplaintEscalated, u, "/"))
            .Concat(supervisors.SelectMany(u => new[] { ("0", NotificationKinds.ComplaintRepeat, u, "/"), ("0", NotificationKinds.ComplaintHarm, u, "/") }))
            .Append(("1", NotificationKinds.ComplaintAssigned, steward, "/"))
            .Append(("2", NotificationKinds.ComplaintAssigned, steward, "/"))
            .Append(("3", NotificationKinds.ComplaintAssigned, supervisor, "/"))
            .Concat(managers.Select(u => ("5", NotificationKinds.ComplaintPlanPending, u, "/")))
            .Append(("6", NotificationKinds.ComplaintPlanDecided, supervisor, "/"))
            .Concat(managers.Select(u => ("7", NotificationKinds.ComplaintPlanPending, u, "/")))
            .Append(("8", NotificationKinds.ComplaintPlanDecided, supervisor, "/"))
            .Append(("13", NotificationKinds.CallbackAssigned, supervisor, $"/Callbacks/Details/{callback}"));
        Assert.Equal(expected.Order().ToList(),
            (await OutboxOfAsync(major)).Select(m => (m.DedupKey.Split(':')[2], m.Kind, m.RecipientUserId!, m.Link == $"/Complaints/Details/{major}" ? "/" : m.Link!)).Order().ToList());
    }

    private async Task<Guid> ResidentialAsync()
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await db.Properties.Where(p => p.Code == DemoSeeder.ResidentialCode).Select(p => p.Id).SingleAsync(Ct);
    }

    private static Task<RepairCategory> CategoryAsync(PortalDbContext db) =>
        db.RepairCategories.Where(c => c.IsActive).OrderBy(c => c.SortOrder).FirstAsync(Ct);

    private async Task<StepResult> RunAsync<TCase>(Guid id, Action<TCase, StepContext> change, int? version = null, Func<TCase, bool>? allowed = null,
        string? inputErrors = null)
        where TCase : Entity, ICase
    {
        var current = version ?? await VersionOfAsync<TCase>(id);
        await using var scope = App.Services.CreateAsyncScope();
        var steps = scope.ServiceProvider.GetRequiredService<CaseSteps<TCase>>();
        return await steps.RunAsync(new StepRequest(id, current, new Actor(await SlaTestData.UserIdAsync(App, "frontdesk"), "张前台"), inputErrors), change, Ct, allowed);
    }

    private async Task<int> VersionOfAsync<TCase>(Guid id) where TCase : Entity
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await db.Set<TCase>().Where(c => c.Id == id).Select(c => c.Version).FirstOrDefaultAsync(Ct);
    }

    private async Task RepairStepAsync(Func<RepairSteps, StepRequest, Task<StepResult>> step, Guid id)
    {
        var request = new StepRequest(id, await VersionOfAsync<RepairOrder>(id), new Actor(await SlaTestData.UserIdAsync(App, "frontdesk"), "张前台"));
        await using var scope = App.Services.CreateAsyncScope();
        var result = await step(scope.ServiceProvider.GetRequiredService<RepairSteps>(), request);
        Assert.True(result.Done, result.Message);
    }

    private async Task ComplaintStepAsync(Func<ComplaintSteps, StepRequest, Task<StepResult>> step, Guid id)
    {
        var request = new StepRequest(id, await VersionOfAsync<Complaint>(id), new Actor(await SlaTestData.UserIdAsync(App, "supervisor"), "李主管"));
        await using var scope = App.Services.CreateAsyncScope();
        var result = await step(scope.ServiceProvider.GetRequiredService<ComplaintSteps>(), request);
        Assert.True(result.Done, result.Message);
    }

    /// <summary>Opens a complaint through the runner as the front desk does, from the domain's own intake.</summary>
    private async Task<Guid> OpenComplaintAsync(ComplaintTier tier, bool harm, Guid? repeatOf)
    {
        var property = await ResidentialAsync();
        var desk = new Actor(await SlaTestData.UserIdAsync(App, "frontdesk"), "张前台");
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var category = await db.ComplaintCategories.Where(c => c.IsActive).OrderBy(c => c.SortOrder).FirstAsync(Ct);
        var received = App.Clock.UtcNow;
        var result = await scope.ServiceProvider.GetRequiredService<CaseSteps<Complaint>>().OpenAsync(property, desk,
            () => Task.FromResult("TS-S" + Guid.NewGuid().ToString("N")[..8]),
            (number, s) => Task.FromResult(Complaint.Open(number, new Complaint.Intake(property, null, null, null, "张先生", "13800000000", "1-1-101", null,
                ComplaintChannel.Phone, category, null, null, "井盖破损", null, null, false, tier, harm, received, repeatOf), s.By, s.Now, s.Clocks)), Ct);
        Assert.True(result.Done, result.Message);
        return result.CaseId!.Value;
    }

    private async Task<List<OutboxMessage>> OutboxOfAsync(Guid caseId)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        var key = $":{caseId:N}:";
        return await db.OutboxMessages.AsNoTracking().Where(m => m.DedupKey.Contains(key)).ToListAsync(Ct);
    }

    private async Task<IReadOnlyList<string>> SupervisorsAsync(Guid caseId) => await PeopleAsync(caseId, (n, p) => n.SupervisorsOfAsync(p, Ct));

    private async Task<IReadOnlyList<string>> ManagersAsync(Guid caseId) => await PeopleAsync(caseId, (n, p) => n.ManagersOfAsync(p, Ct));

    private async Task<IReadOnlyList<string>> PeopleAsync(Guid caseId, Func<Notifier, Guid, Task<IReadOnlyList<string>>> who)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var property = await db.RepairOrders.Where(o => o.Id == caseId).Select(o => (Guid?)o.PropertyId).FirstOrDefaultAsync(Ct)
            ?? await db.Complaints.Where(c => c.Id == caseId).Select(c => c.PropertyId).SingleAsync(Ct);
        return [.. (await who(scope.ServiceProvider.GetRequiredService<Notifier>(), property)).Distinct()];
    }
}

public sealed class SqliteCaseSeamTests(SqliteQuietPortalFactory factory) : CaseSeamTests(factory), IClassFixture<SqliteQuietPortalFactory>;

public sealed class PostgresCaseSeamTests(PostgresQuietPortalFactory factory) : CaseSeamTests(factory), IClassFixture<PostgresQuietPortalFactory>;
