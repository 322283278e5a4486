using PropertyPortal.Domain.Callbacks;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.Domain.Sla;
using PropertyPortal.UnitTests.TestSupport;

namespace PropertyPortal.UnitTests.Domain.Repairs;

public sealed class RepairOrderTests
{
    // ---- Opening ----

    [Fact]
    public void Opening_an_emergency_at_0950_starts_the_issue_reply_and_on_site_clocks()
    {
        var s = new RepairScenario(RepairUrgency.Emergency);

        Assert.Equal(RepairStatus.Accepted, s.Order.Status);
        Assert.Equal("2026-03-02 09:53:00", China.Local(s.ClockOf(SlaMilestone.WorkOrderIssued).DueAt));
        Assert.Equal("2026-03-02 10:05:00", China.Local(s.ClockOf(SlaMilestone.PhoneReply).DueAt));
        Assert.Equal("2026-03-02 10:00:00", China.Local(s.ClockOf(SlaMilestone.OnSite).DueAt));
        Assert.All(s.Clocks.Started, c => Assert.Equal((s.Order.Id, SlaSubject.RepairOrder, "desk-1"), (c.SubjectId, c.Subject, c.AssigneeId)));
        var accepted = Assert.Single(s.Order.Events);
        Assert.Equal((RepairEventKind.Accepted, (RepairStatus?)null, RepairStatus.Accepted, "desk-1", "前台王芳", (string?)null),
            (accepted.Kind, accepted.FromStatus, accepted.ToStatus, accepted.ActorId, accepted.ActorName, accepted.Note));
    }

    [Fact]
    public void An_order_opened_from_an_earlier_call_starts_its_clocks_at_the_call_and_says_it_was_backdated()
    {
        var now = China.Time("2026-03-02 10:00:00");
        var clocks = new ClockSet([], China.Context());

        var order = RepairOrder.Open("BX1", RepairScenario.Intake(RepairUrgency.Urgent, RepairScenario.NewCategory(), RepairBilling.Warranty, null, China.Time("2026-03-02 09:54:59")),
            RepairScenario.Desk, now, clocks);

        Assert.Equal("2026-03-02 10:09:59", China.Local(clocks.Open(SlaMilestone.OnSite)!.DueAt));
        Assert.Equal("backdated", order.Events[0].Note);
    }

    [Fact]
    public void A_repair_taken_straight_at_the_desk_may_be_backdated_by_exactly_24_hours_and_not_a_second_more()
    {
        var now = China.Time("2026-03-02 10:00:00");
        var clocks = new ClockSet([], China.Context());
        var category = RepairScenario.NewCategory();

        var ok = RepairOrder.Open("BX1", RepairScenario.Intake(RepairUrgency.Normal, category, RepairBilling.Warranty, null, now.AddHours(-24)), RepairScenario.Desk, now, clocks);
        var refused = Assert.Throws<DomainException>(() =>
            RepairOrder.Open("BX2", RepairScenario.Intake(RepairUrgency.Normal, category, RepairBilling.Warranty, null, now.AddHours(-24).AddSeconds(-1)), RepairScenario.Desk, now, clocks));

        Assert.Equal(now.AddHours(-24), ok.ReceivedAt);
        Assert.Equal("BackdateTooFar", refused.Code);
    }

    [Fact]
    public void A_repair_opened_from_a_contact_keeps_the_contacts_time_even_a_day_later()
    {
        var now = China.Time("2026-03-02 10:00:00");
        var intake = RepairScenario.Intake(RepairUrgency.Normal, RepairScenario.NewCategory(), RepairBilling.Warranty, null, now.AddHours(-30)) with { ContactId = Guid.NewGuid() };

        var order = RepairOrder.Open("BX1", intake, RepairScenario.Desk, now, new ClockSet([], China.Context()));

        Assert.Equal(now.AddHours(-30), order.ReceivedAt);
    }

    [Fact]
    public void An_order_entered_five_minutes_after_the_call_is_not_marked_backdated()
    {
        var order = RepairOrder.Open("BX1", RepairScenario.Intake(RepairUrgency.Urgent, RepairScenario.NewCategory(), RepairBilling.Warranty, null, China.Time("2026-03-02 09:55:00")),
            RepairScenario.Desk, China.Time("2026-03-02 10:00:00"), new ClockSet([], China.Context()));

        Assert.Null(order.Events[0].Note);
    }

    [Fact]
    public void An_order_cannot_be_received_more_than_a_minute_in_the_future()
    {
        var now = China.Time("2026-03-02 10:00:00");
        RepairOrder Open(DateTime received) => RepairOrder.Open("BX1", RepairScenario.Intake(RepairUrgency.Normal, RepairScenario.NewCategory(), RepairBilling.Warranty, null, received),
            RepairScenario.Desk, now, new ClockSet([], China.Context()));

        Open(now.AddMinutes(1));
        Assert.Equal("ReceivedInFuture", Assert.Throws<DomainException>(() => Open(now.AddMinutes(1).AddSeconds(1))).Code);
    }

    [Fact]
    public void An_order_cannot_use_an_inactive_category()
    {
        var category = RepairScenario.NewCategory();
        category.Update("水", "水管漏水", null, null, null, CallbackRule.Leak, 10, isActive: false);

        Assert.Equal("CategoryInactive", Assert.Throws<DomainException>(() => new RepairScenario(category: category)).Code);
    }

    [Fact]
    public void An_appointment_cannot_be_before_the_call() =>
        Assert.Equal("AppointmentBeforeReceived",
            Assert.Throws<DomainException>(() => new RepairScenario(appointment: China.Time("2026-03-02 09:49:59"))).Code);

    // ---- On-site target ----

    [Theory]
    [InlineData(RepairUrgency.Emergency, null, 10)]
    [InlineData(RepairUrgency.Emergency, 30, 10)]
    [InlineData(RepairUrgency.Emergency, 5, 5)]
    [InlineData(RepairUrgency.Urgent, null, 15)]
    [InlineData(RepairUrgency.Urgent, 30, 15)]
    [InlineData(RepairUrgency.Urgent, 10, 10)]
    public void Emergency_and_urgent_orders_use_the_policy_minutes_tightened_by_the_category(RepairUrgency urgency, int? categoryArrive, int minutes)
    {
        var s = new RepairScenario(urgency, RepairScenario.NewCategory(arrive: categoryArrive), appointment: China.Time("2026-03-03 10:00:00"));

        Assert.Equal(SlaTarget.Minutes(minutes), s.Order.OnSiteTarget(s.Clocks.Context.Policy));
        Assert.Equal(s.Now.AddMinutes(minutes), s.ClockOf(SlaMilestone.OnSite).DueAt);
    }

    [Fact]
    public void A_normal_order_with_an_appointment_is_due_at_the_appointment()
    {
        var appointment = China.Time("2026-03-03 14:00:00");

        var s = new RepairScenario(RepairUrgency.Normal, RepairScenario.NewCategory(arrive: 30), appointment: appointment);

        Assert.Equal(SlaTarget.At(appointment), s.Order.OnSiteTarget(s.Clocks.Context.Policy));
        Assert.Equal(appointment, s.ClockOf(SlaMilestone.OnSite).DueAt);
    }

    [Fact]
    public void A_normal_order_without_an_appointment_uses_the_categorys_arrive_minutes()
    {
        var s = new RepairScenario(RepairUrgency.Normal, RepairScenario.NewCategory(arrive: 30));

        Assert.Equal(SlaTarget.Minutes(30), s.Order.OnSiteTarget(s.Clocks.Context.Policy));
        Assert.Equal("2026-03-02 10:20:00", China.Local(s.ClockOf(SlaMilestone.OnSite).DueAt));
    }

    [Fact]
    public void A_normal_order_with_neither_is_due_by_the_close_of_the_service_day()
    {
        var s = new RepairScenario(RepairUrgency.Normal, now: "2026-03-06 18:00:00");

        Assert.Equal(SlaTarget.SameServiceDay, s.Order.OnSiteTarget(s.Clocks.Context.Policy));
        Assert.Equal("2026-03-07 17:00:00", China.Local(s.ClockOf(SlaMilestone.OnSite).DueAt));
    }

    [Fact]
    public void The_policy_minutes_are_the_propertys_own()
    {
        var policy = SlaPolicy.CreateDefault(China.PropertyId);
        policy.Update(3, 15, 8, 12, 80, 15, 60, 2, 3, 2, 3);

        var s = new RepairScenario(RepairUrgency.Emergency, policy: policy);

        Assert.Equal("2026-03-02 09:58:00", China.Local(s.ClockOf(SlaMilestone.OnSite).DueAt));
    }

    // ---- The state machine: every action from every state ----

    public enum Action { Dispatch, ArriveOnSite, Complete, Pause, Resume, Cancel, Reopen, Close, Chase, RecordPhoneReply, ChangeAppointment }

    private static readonly RepairStatus[] Reachable =
        [RepairStatus.Accepted, RepairStatus.Dispatched, RepairStatus.OnSite, RepairStatus.AwaitingCallback, RepairStatus.Closed, RepairStatus.Paused, RepairStatus.Cancelled];

    // From → to, for every allowed pair; every other pair is refused. Paused orders were dispatched first.
    private static readonly Dictionary<(Action, RepairStatus), RepairStatus> Allowed = new()
    {
        [(Action.Dispatch, RepairStatus.Accepted)] = RepairStatus.Dispatched,
        [(Action.Dispatch, RepairStatus.Dispatched)] = RepairStatus.Dispatched,
        [(Action.Dispatch, RepairStatus.OnSite)] = RepairStatus.OnSite,
        [(Action.ArriveOnSite, RepairStatus.Dispatched)] = RepairStatus.OnSite,
        [(Action.Complete, RepairStatus.OnSite)] = RepairStatus.AwaitingCallback,
        [(Action.Pause, RepairStatus.Accepted)] = RepairStatus.Paused,
        [(Action.Pause, RepairStatus.Dispatched)] = RepairStatus.Paused,
        [(Action.Pause, RepairStatus.OnSite)] = RepairStatus.Paused,
        [(Action.Resume, RepairStatus.Paused)] = RepairStatus.Dispatched,
        [(Action.Cancel, RepairStatus.Accepted)] = RepairStatus.Cancelled,
        [(Action.Cancel, RepairStatus.Dispatched)] = RepairStatus.Cancelled,
        [(Action.Cancel, RepairStatus.OnSite)] = RepairStatus.Cancelled,
        [(Action.Cancel, RepairStatus.Paused)] = RepairStatus.Cancelled,
        [(Action.Reopen, RepairStatus.AwaitingCallback)] = RepairStatus.Dispatched,
        [(Action.Reopen, RepairStatus.Closed)] = RepairStatus.Dispatched,
        [(Action.Close, RepairStatus.AwaitingCallback)] = RepairStatus.Closed,
        [(Action.Chase, RepairStatus.Accepted)] = RepairStatus.Accepted,
        [(Action.Chase, RepairStatus.Dispatched)] = RepairStatus.Dispatched,
        [(Action.Chase, RepairStatus.OnSite)] = RepairStatus.OnSite,
        [(Action.Chase, RepairStatus.Paused)] = RepairStatus.Paused,
        [(Action.RecordPhoneReply, RepairStatus.Accepted)] = RepairStatus.Accepted,
        [(Action.RecordPhoneReply, RepairStatus.Dispatched)] = RepairStatus.Dispatched,
        [(Action.RecordPhoneReply, RepairStatus.OnSite)] = RepairStatus.OnSite,
        [(Action.RecordPhoneReply, RepairStatus.AwaitingCallback)] = RepairStatus.AwaitingCallback,
        [(Action.RecordPhoneReply, RepairStatus.Closed)] = RepairStatus.Closed,
        [(Action.RecordPhoneReply, RepairStatus.Paused)] = RepairStatus.Paused,
        [(Action.ChangeAppointment, RepairStatus.Accepted)] = RepairStatus.Accepted,
        [(Action.ChangeAppointment, RepairStatus.Dispatched)] = RepairStatus.Dispatched,
        [(Action.ChangeAppointment, RepairStatus.Paused)] = RepairStatus.Paused,
    };

    public static TheoryData<Action, RepairStatus, RepairStatus> AllowedTransitions()
    {
        var data = new TheoryData<Action, RepairStatus, RepairStatus>();
        foreach (var ((action, from), to) in Allowed)
        {
            data.Add(action, from, to);
        }

        return data;
    }

    public static TheoryData<Action, RepairStatus> RefusedTransitions()
    {
        var data = new TheoryData<Action, RepairStatus>();
        foreach (var action in Enum.GetValues<Action>())
        {
            foreach (var from in Reachable.Where(from => !Allowed.ContainsKey((action, from))))
            {
                data.Add(action, from);
            }
        }

        return data;
    }

    private static void Do(RepairScenario s, Action action)
    {
        s.After(1);
        switch (action)
        {
            case Action.Dispatch: s.Dispatch("tech-2", "赵师傅"); break;
            case Action.ArriveOnSite: s.Arrive(); break;
            case Action.Complete: s.CompleteWork(); break;
            case Action.Pause: s.Pause(); break;
            case Action.Resume: s.Resume(); break;
            case Action.Cancel: s.Order.Cancel("重复报修", RepairScenario.Desk, s.Now, s.Clocks); break;
            case Action.Reopen: s.Order.Reopen("业主说还在漏", RepairScenario.Desk, s.Now, s.Clocks); break;
            case Action.Close: s.Order.Close(RepairScenario.Desk, s.Now); break;
            case Action.Chase: s.Order.Chase("业主催促", RepairScenario.Desk, s.Now); break;
            case Action.RecordPhoneReply: s.Order.RecordPhoneReply("已电话回复", RepairScenario.Desk, s.Now, s.Clocks); break;
            case Action.ChangeAppointment: s.Order.ChangeAppointment(s.Now.AddHours(3), RepairScenario.Desk, s.Now, s.Clocks); break;
            default: throw new ArgumentOutOfRangeException(nameof(action));
        }
    }

    [Theory]
    [MemberData(nameof(AllowedTransitions))]
    public void Every_allowed_transition_moves_the_order_and_appends_an_event_by_its_actor(Action action, RepairStatus from, RepairStatus to)
    {
        var s = new RepairScenario().Into(from);
        var before = s.Order.Events.Count;

        Do(s, action);

        Assert.Equal(to, s.Order.Status);
        var added = s.Order.Events.Skip(before).ToList();
        Assert.NotEmpty(added);
        Assert.Equal(from, added[0].FromStatus);
        Assert.Equal(to, added[^1].ToStatus);
        Assert.All(added, e => Assert.Equal(s.Now, e.At));
        Assert.All(added, e => Assert.Equal(s.Order.Id, e.RepairOrderId));
        Assert.All(added, e => Assert.False(string.IsNullOrEmpty(e.ActorName)));
    }

    [Theory]
    [MemberData(nameof(RefusedTransitions))]
    public void Every_other_transition_is_refused_and_changes_nothing(Action action, RepairStatus from)
    {
        var s = new RepairScenario().Into(from);
        var events = s.Order.Events.Count;

        var ex = Assert.Throws<DomainException>(() => Do(s, action));

        Assert.Equal("RepairTransitionRefused", ex.Code);
        Assert.Equal(from, s.Order.Status);
        Assert.Equal(events, s.Order.Events.Count);
    }

    // ---- Dispatch ----

    [Fact]
    public void Dispatching_meets_the_work_order_clock_and_hands_the_on_site_clock_to_the_technician()
    {
        var s = new RepairScenario(RepairUrgency.Emergency);

        s.After(3).Dispatch();

        Assert.Equal(RepairStatus.Dispatched, s.Order.Status);
        Assert.Equal(("tech-1", "李师傅", s.Now), (s.Order.TechnicianId, s.Order.TechnicianName, s.Order.DispatchedAt));
        var issued = s.ClockOf(SlaMilestone.WorkOrderIssued);
        Assert.Equal((SlaClockState.Met, 0), (issued.State, issued.MinutesEarly));
        Assert.Equal("tech-1", s.ClockOf(SlaMilestone.OnSite).AssigneeId);
        Assert.Equal("desk-1", s.ClockOf(SlaMilestone.PhoneReply).AssigneeId);
        var e = s.Order.Events[^1];
        Assert.Equal((RepairEventKind.Dispatched, RepairStatus.Accepted, RepairStatus.Dispatched, "李师傅"), (e.Kind, e.FromStatus, e.ToStatus, e.Note));
    }

    [Fact]
    public void Dispatching_four_minutes_after_the_call_is_a_minute_late()
    {
        var s = new RepairScenario(RepairUrgency.Emergency);

        s.After(4).Dispatch();

        Assert.Equal(-1, s.ClockOf(SlaMilestone.WorkOrderIssued).MinutesEarly);
    }

    [Fact]
    public void Reassigning_keeps_the_status_and_the_first_dispatch_time_and_moves_the_clocks()
    {
        var s = new RepairScenario().Into(RepairStatus.Dispatched);
        var firstDispatch = s.Order.DispatchedAt;

        s.After(10).Dispatch("tech-2", "赵师傅");

        Assert.Equal(RepairStatus.Dispatched, s.Order.Status);
        Assert.Equal(firstDispatch, s.Order.DispatchedAt);
        Assert.Equal("tech-2", s.ClockOf(SlaMilestone.OnSite).AssigneeId);
        var e = s.Order.Events[^1];
        Assert.Equal((RepairEventKind.Reassigned, RepairStatus.Dispatched, RepairStatus.Dispatched, "赵师傅"), (e.Kind, e.FromStatus, e.ToStatus, e.Note));
    }

    [Fact]
    public void Reassigning_on_site_moves_the_finish_clock_to_the_new_technician()
    {
        var s = new RepairScenario(category: RepairScenario.NewCategory(finish: 90)).Into(RepairStatus.OnSite);

        s.After(10).Dispatch("tech-2", "赵师傅");

        Assert.Equal(RepairStatus.OnSite, s.Order.Status);
        Assert.Equal("tech-2", s.ClockOf(SlaMilestone.Finished).AssigneeId);
    }

    [Fact]
    public void Dispatching_to_the_same_technician_again_is_refused()
    {
        var s = new RepairScenario().Into(RepairStatus.Dispatched);

        Assert.Equal("AlreadyAssigned", Assert.Throws<DomainException>(() => s.Dispatch()).Code);
    }

    // ---- On site ----

    [Fact]
    public void Arriving_meets_the_on_site_clock_and_starts_the_categorys_finish_clock()
    {
        var s = new RepairScenario(RepairUrgency.Emergency, RepairScenario.NewCategory(finish: 90)).Into(RepairStatus.Dispatched);

        s.After(8).Arrive(); // 09:59

        Assert.Equal(s.Now, s.Order.OnSiteAt);
        Assert.Equal((SlaClockState.Met, 1), (s.ClockOf(SlaMilestone.OnSite).State, s.ClockOf(SlaMilestone.OnSite).MinutesEarly));
        var finish = s.ClockOf(SlaMilestone.Finished);
        Assert.Equal(("tech-1", "2026-03-02 11:29:00"), (finish.AssigneeId, China.Local(finish.DueAt)));
    }

    [Fact]
    public void Arriving_without_a_recorded_phone_reply_meets_that_clock_late_so_nothing_runs_on_a_finished_order()
    {
        var s = new RepairScenario(RepairUrgency.Normal).Into(RepairStatus.Dispatched); // opened 09:50, reply due 10:05

        s.After(20).Arrive(); // dispatched 09:51, arrives 10:11

        var reply = s.ClockOf(SlaMilestone.PhoneReply);
        Assert.Equal((SlaClockState.Met, -6), (reply.State, reply.MinutesEarly));
        Assert.Null(s.Order.PhoneRepliedAt);
        s.After(30).CompleteWork();
        Assert.All(s.Clocks.All.Where(c => c.Subject == SlaSubject.RepairOrder), c => Assert.False(c.IsOpen));
    }

    [Fact]
    public void A_finish_target_in_working_days_uses_the_calendar()
    {
        var s = new RepairScenario(category: RepairScenario.NewCategory(finishWorkingDays: 3), now: "2026-09-30 09:50:00").Into(RepairStatus.OnSite);

        Assert.Equal("2026-10-10 18:00:00", China.Local(s.ClockOf(SlaMilestone.Finished).DueAt));
    }

    [Fact]
    public void A_category_without_a_finish_target_starts_no_finish_clock()
    {
        var s = new RepairScenario().Into(RepairStatus.OnSite);

        Assert.Null(s.Clocks.Open(SlaMilestone.Finished));
        Assert.DoesNotContain(s.Clocks.All, c => c.Milestone == SlaMilestone.Finished);
    }

    // ---- Completion ----

    [Fact]
    public void A_paid_repair_cannot_be_completed_without_the_charge()
    {
        var s = new RepairScenario(billing: RepairBilling.Paid).Into(RepairStatus.OnSite);

        Assert.Equal("ChargeRequired", Assert.Throws<DomainException>(() => s.CompleteWork()).Code);
        Assert.Equal(RepairStatus.OnSite, s.Order.Status);

        s.CompleteWork(charge: 80m);
        Assert.Equal(80m, s.Order.Charge);
    }

    [Fact]
    public void A_warranty_repair_keeps_no_charge()
    {
        var s = new RepairScenario().Into(RepairStatus.OnSite);

        s.CompleteWork(charge: 80m);

        Assert.Null(s.Order.Charge);
    }

    [Fact]
    public void A_negative_charge_is_refused()
    {
        var s = new RepairScenario(billing: RepairBilling.Paid).Into(RepairStatus.OnSite);

        Assert.Equal("ChargeOutOfRange", Assert.Throws<DomainException>(() => s.CompleteWork(charge: -1m)).Code);
    }

    [Theory]
    [InlineData(CallbackRule.Safety, "2026-03-04 10:16:00")]
    [InlineData(CallbackRule.Other, "2026-03-04 10:16:00")]
    public void Completing_schedules_the_callback_two_days_later(CallbackRule rule, string due)
    {
        var s = new RepairScenario(category: RepairScenario.NewCategory(rule: rule)).Into(RepairStatus.OnSite); // 09:56

        var callback = s.After(20).CompleteWork(); // 10:16

        AssertCallbackScheduled(s, callback, due);
    }

    [Fact]
    public void A_leak_repair_is_called_back_three_days_after_the_leak_test()
    {
        var s = new RepairScenario(category: RepairScenario.NewCategory(rule: CallbackRule.Leak)).Into(RepairStatus.OnSite);

        var callback = s.After(20).CompleteWork(leakTestAt: China.Time("2026-03-03 09:00:00"));

        Assert.Equal(China.Time("2026-03-03 09:00:00"), s.Order.LeakTestAt);
        AssertCallbackScheduled(s, callback, "2026-03-06 09:00:00");
    }

    [Fact]
    public void A_leak_repair_without_a_leak_test_time_counts_from_completion()
    {
        var s = new RepairScenario(category: RepairScenario.NewCategory(rule: CallbackRule.Leak)).Into(RepairStatus.OnSite);

        var callback = s.After(20).CompleteWork();

        AssertCallbackScheduled(s, callback, "2026-03-05 10:16:00");
    }

    [Fact]
    public void A_leak_test_before_the_arrival_is_refused()
    {
        var s = new RepairScenario(category: RepairScenario.NewCategory(rule: CallbackRule.Leak)).Into(RepairStatus.OnSite);

        var ex = Assert.Throws<DomainException>(() => s.After(20).CompleteWork(leakTestAt: s.Order.OnSiteAt!.Value.AddSeconds(-1)));

        Assert.Equal("LeakTestOutOfRange", ex.Code);
    }

    [Fact]
    public void The_callback_follows_the_propertys_policy()
    {
        var policy = SlaPolicy.CreateDefault(China.PropertyId);
        policy.Update(3, 15, 10, 15, 80, 15, 60, 1, 3, 7, 3);
        var s = new RepairScenario(policy: policy).Into(RepairStatus.OnSite);

        var callback = s.After(20).CompleteWork();

        AssertCallbackScheduled(s, callback, "2026-03-09 10:16:00");
    }

    private static void AssertCallbackScheduled(RepairScenario s, Callback callback, string due)
    {
        Assert.Equal(RepairStatus.AwaitingCallback, s.Order.Status);
        Assert.Equal(s.Now, s.Order.DoneAt);
        Assert.Equal(due, China.Local(callback.DueAt));
        Assert.Equal((s.Order.Id, CallbackStatus.Open, "desk-1", "张先生", s.Order.Number),
            (callback.RepairOrderId, callback.Status, callback.AssigneeId, callback.ContactName, callback.Subject));
        var clock = s.ClockOf(SlaMilestone.Callback);
        Assert.Equal((SlaSubject.Callback, callback.Id, callback.DueAt, SlaClockState.Running, "desk-1"),
            (clock.Subject, clock.SubjectId, clock.DueAt, clock.State, clock.AssigneeId));
        Assert.Equal(
            [(RepairEventKind.Done, RepairStatus.OnSite, RepairStatus.Done), (RepairEventKind.CallbackScheduled, RepairStatus.Done, RepairStatus.AwaitingCallback)],
            s.Order.Events.TakeLast(2).Select(e => (e.Kind, e.FromStatus!.Value, e.ToStatus)));
    }

    [Fact]
    public void Completing_meets_the_finish_clock()
    {
        var s = new RepairScenario(category: RepairScenario.NewCategory(finish: 30)).Into(RepairStatus.OnSite);

        s.After(30).CompleteWork();

        Assert.Equal((SlaClockState.Met, 0), (s.ClockOf(SlaMilestone.Finished).State, s.ClockOf(SlaMilestone.Finished).MinutesEarly));
    }

    // ---- Pause, resume, cancel ----

    [Fact]
    public void Pausing_stops_every_open_clock_and_resuming_moves_them_by_the_pause()
    {
        var s = new RepairScenario(RepairUrgency.Emergency).Into(RepairStatus.Dispatched); // dispatched 09:51
        var onSite = s.ClockOf(SlaMilestone.OnSite);
        var phone = s.ClockOf(SlaMilestone.PhoneReply);

        s.After(1).Pause(); // 09:52

        Assert.Equal((RepairStatus.Paused, RepairStatus.Dispatched), (s.Order.Status, s.Order.StatusBeforePause));
        Assert.Equal((PauseRequestState.Approved, "sup-1", "主管陈静"), (s.Request!.State, s.Request.DecidedById, s.Request.DecidedByName));
        Assert.Equal(s.Request.Id, s.Order.PauseRequestId);
        Assert.All([onSite, phone], c => Assert.Equal(SlaClockState.Paused, c.State));
        Assert.Equal(SlaClockState.Met, s.ClockOf(SlaMilestone.WorkOrderIssued).State);

        s.After(60).Resume();

        Assert.Equal(RepairStatus.Dispatched, s.Order.Status);
        Assert.Null(s.Order.StatusBeforePause);
        Assert.Null(s.Order.PauseRequestId);
        Assert.Equal(PauseRequestState.Ended, s.Request.State);
        Assert.Equal("2026-03-02 11:00:00", China.Local(onSite.DueAt));
        Assert.Equal("2026-03-02 11:05:00", China.Local(phone.DueAt));
        Assert.Equal(RepairEventKind.Resumed, s.Order.Events[^1].Kind);
    }

    [Theory]
    [InlineData(RepairStatus.Accepted)]
    [InlineData(RepairStatus.OnSite)]
    public void Resuming_restores_the_status_before_the_pause(RepairStatus before)
    {
        var s = new RepairScenario().Into(before);
        s.After(1).Pause();

        s.After(1).Resume();

        Assert.Equal(before, s.Order.Status);
        Assert.Equal((RepairStatus.Paused, before), (s.Order.Events[^1].FromStatus!.Value, s.Order.Events[^1].ToStatus));
    }

    [Fact]
    public void Cancelling_stops_every_open_clock_for_good()
    {
        var s = new RepairScenario(RepairUrgency.Emergency).Into(RepairStatus.Paused);

        s.After(1).Order.Cancel("业主自行修好", RepairScenario.Desk, s.Now, s.Clocks);

        Assert.Equal(RepairStatus.Cancelled, s.Order.Status);
        Assert.Equal("业主自行修好", s.Order.CancelReason);
        Assert.Null(s.Order.StatusBeforePause);
        Assert.DoesNotContain(s.Clocks.All, c => c.IsOpen);
        Assert.Equal(SlaClockState.Cancelled, s.ClockOf(SlaMilestone.OnSite).State);
        Assert.Equal(SlaClockState.Met, s.ClockOf(SlaMilestone.WorkOrderIssued).State);
        Assert.False(s.Order.IsOpen);
    }

    [Fact]
    public void Cancelling_needs_a_reason()
    {
        var s = new RepairScenario();

        Assert.Equal("Required", Assert.Throws<DomainException>(() => s.Order.Cancel(" ", RepairScenario.Desk, s.Now, s.Clocks)).Code);
    }

    // ---- Reopen, close ----

    [Fact]
    public void Reopening_an_order_awaiting_its_callback_sends_it_back_with_a_new_on_site_clock()
    {
        var s = new RepairScenario(RepairUrgency.Emergency).Into(RepairStatus.AwaitingCallback);
        var firstOnSite = s.ClockOf(SlaMilestone.OnSite);

        s.After(30).Order.Reopen("业主说还在漏", RepairScenario.Desk, s.Now, s.Clocks);

        Assert.Equal((RepairStatus.Dispatched, 1), (s.Order.Status, s.Order.ReopenCount));
        Assert.Null(s.Order.OnSiteAt);
        Assert.Null(s.Order.DoneAt);
        Assert.Equal(SlaClockState.Cancelled, s.ClockOf(SlaMilestone.Callback).State);
        var onSite = s.Clocks.Open(SlaMilestone.OnSite);
        Assert.NotNull(onSite);
        Assert.NotSame(firstOnSite, onSite);
        Assert.Equal((s.Now, s.Now.AddMinutes(10), "tech-1"), (onSite.StartedAt, onSite.DueAt, onSite.AssigneeId));
        var e = s.Order.Events[^1];
        Assert.Equal((RepairEventKind.Reopened, RepairStatus.AwaitingCallback, RepairStatus.Dispatched, "业主说还在漏"), (e.Kind, e.FromStatus, e.ToStatus, e.Note));
    }

    [Fact]
    public void A_reopened_normal_order_is_due_on_site_by_the_close_of_the_service_day()
    {
        var s = new RepairScenario(RepairUrgency.Normal, appointment: China.Time("2026-03-02 14:00:00")).Into(RepairStatus.Closed);

        s.After(60).Order.Reopen("又坏了", RepairScenario.Desk, s.Now, s.Clocks);

        Assert.Equal("2026-03-02 18:00:00", China.Local(s.Clocks.Open(SlaMilestone.OnSite)!.DueAt));
        Assert.Null(s.Order.ClosedAt);
    }

    [Fact]
    public void A_reopened_order_can_be_worked_and_completed_again()
    {
        var s = new RepairScenario(category: RepairScenario.NewCategory(finish: 60)).Into(RepairStatus.Closed);
        s.After(60).Order.Reopen("又坏了", RepairScenario.Desk, s.Now, s.Clocks);

        s.After(10).Arrive();
        var second = s.After(10).CompleteWork();

        Assert.Equal(RepairStatus.AwaitingCallback, s.Order.Status);
        Assert.Equal(2, s.Clocks.All.Count(c => c.Milestone == SlaMilestone.OnSite && c.State == SlaClockState.Met));
        Assert.Equal(2, s.Clocks.All.Count(c => c.Milestone == SlaMilestone.Finished && c.State == SlaClockState.Met));
        Assert.Equal(second.Id, s.Clocks.Open(SlaMilestone.Callback)!.SubjectId);
    }

    [Fact]
    public void Reopening_needs_a_reason()
    {
        var s = new RepairScenario().Into(RepairStatus.Closed);

        Assert.Equal("Required", Assert.Throws<DomainException>(() => s.Order.Reopen("", RepairScenario.Desk, s.Now, s.Clocks)).Code);
    }

    [Fact]
    public void Closing_records_when()
    {
        var s = new RepairScenario().Into(RepairStatus.Closed);

        Assert.Equal(s.Now, s.Order.ClosedAt);
        Assert.Equal((RepairEventKind.Closed, RepairStatus.AwaitingCallback, RepairStatus.Closed), (s.Order.Events[^1].Kind, s.Order.Events[^1].FromStatus!.Value, s.Order.Events[^1].ToStatus));
    }

    // ---- Chase, phone reply, appointment ----

    [Fact]
    public void Each_chase_is_counted_and_recorded()
    {
        var s = new RepairScenario().Into(RepairStatus.Dispatched);

        s.After(5).Order.Chase("业主第一次催", RepairScenario.Desk, s.Now);
        s.After(5).Order.Chase(null, RepairScenario.Desk, s.Now);

        Assert.Equal(2, s.Order.ChaseCount);
        Assert.Equal([("业主第一次催", RepairStatus.Dispatched), (null, RepairStatus.Dispatched)],
            s.Order.Events.Where(e => e.Kind == RepairEventKind.Chased).Select(e => (e.Note, e.ToStatus)));
    }

    [Fact]
    public void The_phone_reply_meets_its_clock_and_is_recorded_once()
    {
        var s = new RepairScenario();

        s.After(15).Order.RecordPhoneReply("已回电，约下午", RepairScenario.Desk, s.Now, s.Clocks);

        Assert.Equal(s.Now, s.Order.PhoneRepliedAt);
        Assert.Equal((SlaClockState.Met, 0), (s.ClockOf(SlaMilestone.PhoneReply).State, s.ClockOf(SlaMilestone.PhoneReply).MinutesEarly));
        Assert.Equal("AlreadyReplied", Assert.Throws<DomainException>(() => s.Order.RecordPhoneReply(null, RepairScenario.Desk, s.Now, s.Clocks)).Code);
    }

    [Fact]
    public void Changing_the_appointment_moves_a_normal_orders_on_site_clock()
    {
        var s = new RepairScenario(appointment: China.Time("2026-03-02 14:00:00"));

        s.After(10).Order.ChangeAppointment(China.Time("2026-03-03 10:00:00"), RepairScenario.Desk, s.Now, s.Clocks);

        Assert.Equal("2026-03-03 10:00:00", China.Local(s.ClockOf(SlaMilestone.OnSite).DueAt));
        Assert.Equal(RepairEventKind.AppointmentChanged, s.Order.Events[^1].Kind);
    }

    [Fact]
    public void Removing_the_appointment_falls_back_to_the_close_of_the_service_day()
    {
        var s = new RepairScenario(appointment: China.Time("2026-03-02 14:00:00"));

        s.After(10).Order.ChangeAppointment(null, RepairScenario.Desk, s.Now, s.Clocks);

        Assert.Equal("2026-03-02 18:00:00", China.Local(s.ClockOf(SlaMilestone.OnSite).DueAt));
    }

    [Fact]
    public void An_appointment_changed_after_a_pause_is_due_at_the_new_appointment()
    {
        var s = new RepairScenario(appointment: China.Time("2026-03-02 14:00:00"));
        s.After(10).Pause();
        s.After(120).Resume();

        s.After(10).Order.ChangeAppointment(China.Time("2026-03-03 10:00:00"), RepairScenario.Desk, s.Now, s.Clocks);

        Assert.Equal("2026-03-03 10:00:00", China.Local(s.ClockOf(SlaMilestone.OnSite).DueAt));
    }

    // ---- The whole timeline ----

    [Fact]
    public void The_timeline_of_a_repair_names_every_step_its_actor_and_its_from_and_to()
    {
        var s = new RepairScenario(RepairUrgency.Urgent);
        s.After(2).Dispatch();
        s.After(3).Order.RecordPhoneReply(null, RepairScenario.Desk, s.Now, s.Clocks);
        s.After(8).Arrive();
        s.After(5).Pause();
        s.After(30).Resume(RepairScenario.Supervisor);
        s.After(20).CompleteWork();
        s.After(60).Order.Close(RepairScenario.Desk, s.Now);

        Assert.Equal(
            [
                (RepairEventKind.Accepted, "前台王芳", null, RepairStatus.Accepted),
                (RepairEventKind.Dispatched, "前台王芳", RepairStatus.Accepted, RepairStatus.Dispatched),
                (RepairEventKind.PhoneReplied, "前台王芳", RepairStatus.Dispatched, RepairStatus.Dispatched),
                (RepairEventKind.OnSite, "李师傅", RepairStatus.Dispatched, RepairStatus.OnSite),
                (RepairEventKind.PauseRequested, "前台王芳", RepairStatus.OnSite, RepairStatus.OnSite),
                (RepairEventKind.Paused, "主管陈静", RepairStatus.OnSite, RepairStatus.Paused),
                (RepairEventKind.Resumed, "主管陈静", RepairStatus.Paused, RepairStatus.OnSite),
                (RepairEventKind.Done, "李师傅", RepairStatus.OnSite, RepairStatus.Done),
                (RepairEventKind.CallbackScheduled, "李师傅", RepairStatus.Done, RepairStatus.AwaitingCallback),
                (RepairEventKind.Closed, "前台王芳", RepairStatus.AwaitingCallback, RepairStatus.Closed),
            ],
            s.Order.Events.Select(e => (e.Kind, e.ActorName, e.FromStatus, e.ToStatus)));
        Assert.Equal("OwnerNotHome", s.Order.Events[4].Note);
        Assert.Equal(s.Order.Events.Select(e => e.At).Order(), s.Order.Events.Select(e => e.At));
    }
}
