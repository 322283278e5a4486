using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Community;
using PropertyPortal.Domain.Notices;
using PropertyPortal.Domain.Sla;
using PropertyPortal.UnitTests.TestSupport;

namespace PropertyPortal.UnitTests.Domain.Community;

/// <summary>
/// Every clock of community events and notices at its boundary, on the 2026 calendar with a fake "now": the annual
/// plan's 5 and 10 January across the year end, an event's 15/10/7 days counted back over the National Day holiday,
/// the half-year rule, a cut's 24 hours, pest control's 3 days and a notice's month on the board.
/// </summary>
public sealed class EventClockTests
{
    private static readonly Actor Supervisor = new("sup", "李主管");
    private static readonly Actor Gm = new("gm", "周总");

    [Fact]
    public void Next_years_plan_opened_in_December_is_due_at_the_close_of_5_January_and_met_on_the_instant_but_late_a_second_after()
    {
        var onTime = Plan2027("2026-12-01 09:00:00", out var clocks);
        var draft = clocks.Open(SlaMilestone.AnnualPlanDraft)!;
        Assert.Equal("2027-01-05 18:00:00", China.Local(draft.DueAt));
        Assert.Equal(SlaTargetKind.Appointment, draft.TargetKind);

        onTime.Submit(Supervisor, China.Time("2027-01-05 18:00:00"), clocks);
        Assert.Equal((SlaClockState.Met, 0), (draft.State, draft.MinutesEarly));
        Assert.False(draft.IsBreachedAt(China.Time("2027-02-01 00:00:00")));

        var late = Plan2027("2026-12-01 09:00:00", out var lateClocks);
        var lateDraft = lateClocks.Open(SlaMilestone.AnnualPlanDraft)!;
        Assert.False(lateDraft.IsBreachedAt(China.Time("2027-01-05 18:00:00")));
        Assert.True(lateDraft.IsBreachedAt(China.Time("2027-01-05 18:00:01")));
        late.Submit(Supervisor, China.Time("2027-01-05 18:00:01"), lateClocks);
        Assert.Equal(-1, lateDraft.MinutesEarly);
    }

    [Fact]
    public void The_approval_clock_starts_at_submission_and_is_due_at_the_close_of_10_January()
    {
        var plan = Plan2027("2026-12-01 09:00:00", out var clocks);
        Assert.Null(clocks.Open(SlaMilestone.AnnualPlanApproval));
        plan.Submit(Supervisor, China.Time("2027-01-04 10:00:00"), clocks);
        var approval = clocks.Open(SlaMilestone.AnnualPlanApproval)!;
        Assert.Equal(("2027-01-04 10:00:00", "2027-01-10 18:00:00"), (China.Local(approval.StartedAt), China.Local(approval.DueAt)));

        plan.Approve(null, Gm, false, China.Time("2027-01-10 18:00:00"), clocks);
        Assert.Equal((SlaClockState.Met, 0), (approval.State, approval.MinutesEarly));
    }

    [Fact]
    public void A_plan_opened_after_its_drafting_deadline_starts_overdue()
    {
        var clocks = new ClockSet([], China.Context());
        var now = China.Time("2026-01-08 09:00:00");
        AnnualEventPlan.Open("CHHY-JH-2026", China.PropertyId, 2026, Supervisor, now, clocks);
        var draft = clocks.Open(SlaMilestone.AnnualPlanDraft)!;
        Assert.Equal("2026-01-05 18:00:00", China.Local(draft.DueAt));
        Assert.True(draft.IsBreachedAt(now));
        Assert.True(draft.NextCheckAt <= now);
        Assert.Contains(SlaEventKind.Breach, draft.DueEvents(now).Select(e => e.Kind));
    }

    [Fact]
    public void Fifteen_ten_and_seven_days_are_counted_back_in_calendar_days_and_a_deadline_on_a_holiday_moves_to_the_working_day_before()
    {
        // The event is on Monday 12 October 2026, after the National Day week (1–7 October) and Mid-Autumn (25–27 September).
        var (e, clocks) = Event("2026-10-12 10:00:00", now: "2026-09-01 09:00:00");
        Assert.Equal(CommunityEventStatus.Planning, e.Status);

        // D-15 is Sunday 27 September (Mid-Autumn), 26th and 25th too: the last working day before is Thursday 24th.
        Assert.Equal("2026-09-24 18:00:00", China.Local(clocks.Open(SlaMilestone.EventPlanFilled)!.DueAt));

        // D-10 is 2 October and D-7 is 5 October, both in the National Day week: Wednesday 30 September.
        Assert.Equal("2026-09-30 18:00:00", China.Local(clocks.Open(SlaMilestone.EventPlanSubmitted)!.DueAt));
        Assert.Equal("2026-09-30 18:00:00", China.Local(clocks.Open(SlaMilestone.EventPlanApproved)!.DueAt));

        // Counted in working days the holiday would have pushed them much earlier (7 working days before: 24 September).
        Assert.NotEqual(China.Time("2026-09-24 18:00:00"), clocks.Open(SlaMilestone.EventPlanApproved)!.DueAt);
    }

    [Fact]
    public void On_ordinary_weeks_the_plan_is_filled_submitted_and_approved_by_the_close_of_D15_D10_and_D7_and_one_second_late_is_late()
    {
        // Friday 20 November 2026: D-15 Thursday 5th, D-10 Tuesday 10th, D-7 Friday 13th.
        var (e, clocks) = Event("2026-11-20 14:00:00", now: "2026-10-20 09:00:00");
        var filled = clocks.Open(SlaMilestone.EventPlanFilled)!;
        Assert.Equal("2026-11-05 18:00:00", China.Local(filled.DueAt));
        Assert.Equal("2026-11-10 18:00:00", China.Local(clocks.Open(SlaMilestone.EventPlanSubmitted)!.DueAt));
        Assert.Equal("2026-11-13 18:00:00", China.Local(clocks.Open(SlaMilestone.EventPlanApproved)!.DueAt));

        e.MarkFilled(Supervisor, China.Time("2026-11-05 18:00:00"), clocks);
        Assert.Equal((SlaClockState.Met, 0), (filled.State, filled.MinutesEarly));

        var submitted = clocks.Open(SlaMilestone.EventPlanSubmitted)!;
        e.Submit(null, Supervisor, China.Time("2026-11-10 18:00:01"), clocks);
        Assert.Equal((SlaClockState.Met, -1), (submitted.State, submitted.MinutesEarly));
    }

    [Fact]
    public void An_event_created_after_a_deadline_starts_with_that_step_overdue_and_the_others_running()
    {
        var now = "2026-11-08 09:00:00";
        var (_, clocks) = Event("2026-11-20 14:00:00", now);
        var filled = clocks.Open(SlaMilestone.EventPlanFilled)!;
        Assert.True(filled.IsBreachedAt(China.Time(now)));
        Assert.Equal([SlaEventKind.Warning, SlaEventKind.Breach], filled.DueEvents(China.Time(now)).Select(x => x.Kind).Take(2));
        Assert.False(clocks.Open(SlaMilestone.EventPlanSubmitted)!.IsBreachedAt(China.Time(now)));
        Assert.False(clocks.Open(SlaMilestone.EventPlanApproved)!.IsBreachedAt(China.Time(now)));
    }

    [Fact]
    public void A_new_date_moves_the_open_plan_clocks_and_leaves_a_met_one_alone()
    {
        var (e, clocks) = Event("2026-11-20 14:00:00", now: "2026-10-20 09:00:00");
        e.MarkFilled(Supervisor, China.Time("2026-10-21 09:00:00"), clocks);
        e.Return("预算再细化", Gm, false, China.Time("2026-10-22 09:00:00"));
        e.EditPlan(Sheet("2026-12-04 14:00:00"), Supervisor, China.Time("2026-10-22 10:00:00"), clocks);

        Assert.Equal("2026-11-05 18:00:00", China.Local(clocks.All.Single(c => c.Milestone == SlaMilestone.EventPlanFilled).DueAt));
        Assert.Equal("2026-11-24 18:00:00", China.Local(clocks.Open(SlaMilestone.EventPlanSubmitted)!.DueAt));
        Assert.Equal("2026-11-27 18:00:00", China.Local(clocks.Open(SlaMilestone.EventPlanApproved)!.DueAt));
    }

    [Fact]
    public void The_first_half_years_public_welfare_clock_runs_to_midnight_of_1_July_and_the_alert_starts_on_1_May()
    {
        var clocks = new ClockSet([], China.Context());
        var half = new PublicWelfareHalf(China.PropertyId, 2026, 1, China.Time("2026-03-10 08:00:00"), clocks);
        var clock = clocks.Open(SlaMilestone.PublicWelfareHeld)!;
        Assert.Equal(("2026-01-01 00:00:00", "2026-07-01 00:00:00"), (China.Local(clock.StartedAt), China.Local(clock.DueAt)));
        Assert.False(clock.IsBreachedAt(China.Time("2026-07-01 00:00:00")));
        Assert.True(clock.IsBreachedAt(China.Time("2026-07-01 00:00:01")));
        Assert.Equal((new DateOnly(2026, 5, 1), new DateOnly(2026, 11, 1)), (EventDeadlines.AlertFrom(2026, 1, 2), EventDeadlines.AlertFrom(2026, 2, 2)));
        Assert.Equal(new DateOnly(2027, 1, 1), EventDeadlines.HalfEnd(2026, 2));
        Assert.True(half.Contains(new DateOnly(2026, 6, 30)));
        Assert.False(half.Contains(new DateOnly(2026, 7, 1)));
    }

    [Fact]
    public void A_public_welfare_event_held_in_the_half_meets_its_clock_when_the_event_took_place_once()
    {
        var context = China.Context();
        var halfClocks = new ClockSet([], context);
        var half = new PublicWelfareHalf(China.PropertyId, 2026, 2, China.Time("2026-07-01 01:00:00"), halfClocks);
        var (e, _) = HeldEvent("2026-11-20 14:00:00", welfare: true);
        Assert.True(half.Meet(e, context.Calendar, halfClocks));
        var clock = halfClocks.All.Single();
        Assert.Equal((SlaClockState.Met, "2026-11-20 14:00:00"), (clock.State, China.Local(clock.MetAt!.Value)));
        Assert.False(half.Meet(e, context.Calendar, halfClocks));

        var (other, _) = HeldEvent("2026-11-21 14:00:00", welfare: false);
        var otherHalf = new PublicWelfareHalf(China.PropertyId, 2026, 2, China.Time("2026-07-01 01:00:00"), new ClockSet([], context));
        Assert.False(otherHalf.Meet(other, context.Calendar, new ClockSet([], context)));
    }

    [Theory]
    [InlineData(NoticeCategory.WaterPowerCut, "2026-11-19 09:00:00")]
    [InlineData(NoticeCategory.PestControl, "2026-11-17 09:00:00")]
    public void A_cut_is_posted_24_hours_and_pest_control_3_days_before_the_work_and_posting_on_the_instant_is_in_time(NoticeCategory category, string latest)
    {
        var clocks = new ClockSet([], China.Context());
        var n = Notice(category, "2026-11-20 09:00:00", clocks, "2026-11-10 09:00:00");
        var lead = clocks.Open(SlaMilestone.NoticePublication)!;
        Assert.Equal(latest, China.Local(lead.DueAt));

        n.Publish(Supervisor, China.Time(latest), clocks);
        Assert.Equal((NoticeStatus.Published, false, SlaClockState.Met, 0), (n.Status, n.PublishedLate, lead.State, lead.MinutesEarly));
    }

    [Fact]
    public void A_cut_posted_one_second_inside_its_24_hours_is_refused_when_the_policy_refuses_and_marked_late_when_it_warns()
    {
        var warn = new ClockSet([], China.Context());
        var n = Notice(NoticeCategory.WaterPowerCut, "2026-11-20 09:00:00", warn, "2026-11-10 09:00:00");
        n.Publish(Supervisor, China.Time("2026-11-19 09:00:01"), warn);
        Assert.Equal((NoticeStatus.Published, true, -1), (n.Status, n.PublishedLate, warn.All.Single().MinutesEarly));

        var policy = SlaPolicy.CreateDefault(China.PropertyId);
        policy.UpdateCommunity(5, 10, 35, 15, 10, 7, 200, 2, 24, 3, 1, noticeLateRefused: true);
        var refuse = new ClockSet([], China.Context(policy));
        var refused = Notice(NoticeCategory.WaterPowerCut, "2026-11-20 09:00:00", refuse, "2026-11-10 09:00:00");
        Assert.Equal("NoticeTooLate", Assert.Throws<DomainException>(() => refused.Publish(Supervisor, China.Time("2026-11-19 09:00:01"), refuse)).Code);
        Assert.Equal(NoticeStatus.Approved, refused.Status);
        Assert.Equal(SlaClockState.Running, refuse.All.Single().State);
    }

    [Fact]
    public void A_notice_without_an_end_date_comes_down_a_calendar_month_after_it_went_up_once()
    {
        var clocks = new ClockSet([], China.Context());
        var n = Notice(NoticeCategory.Other, null, clocks, "2026-01-30 09:00:00", from: "2026-01-31");
        n.Publish(Supervisor, China.Time("2026-01-31 10:00:00"), clocks);
        Assert.Equal("2026-02-28 10:00:00", China.Local(n.WithdrawDueAt(clocks.Context.Policy, clocks.Context.Calendar)!.Value));

        Assert.False(n.WithdrawIfExpired(China.Time("2026-02-28 09:59:59"), clocks));
        Assert.Equal(NoticeStatus.Published, n.Status);
        Assert.True(n.WithdrawIfExpired(China.Time("2026-02-28 10:00:00"), clocks));
        Assert.Equal((NoticeStatus.Withdrawn, true, "NoEndDate", "system"), (n.Status, n.AutoWithdrawn, n.WithdrawReason, n.Events[^1].ActorName));
        Assert.False(n.WithdrawIfExpired(China.Time("2026-03-30 10:00:00"), clocks));
        Assert.Single(n.Events, e => e.Kind == NoticeAction.AutoWithdrawn);
    }

    [Fact]
    public void A_notice_with_an_end_date_comes_down_at_the_midnight_after_its_last_day()
    {
        var clocks = new ClockSet([], China.Context());
        var n = Notice(NoticeCategory.Fees, null, clocks, "2026-03-01 09:00:00", from: "2026-03-01", until: "2026-03-10");
        n.Publish(Supervisor, China.Time("2026-03-01 10:00:00"), clocks);
        Assert.False(n.WithdrawIfExpired(China.Time("2026-03-10 23:59:59"), clocks));
        Assert.True(n.WithdrawIfExpired(China.Time("2026-03-11 00:00:00"), clocks));
        Assert.Equal("Expired", n.WithdrawReason);
    }

    internal static EventPlanSheet Sheet(string starts, int expected = 50, bool welfare = false) =>
        new("重阳敬老茶话会", "茶话会", China.Time(starts), null, "会所", "慰问老人", "D-15 策划", "管家部接待", "无", "遇雨改室内", "问卷", welfare, expected, null,
            [("茶点", 400m), ("慰问品", 1600m)]);

    internal static (CommunityEvent Event, ClockSet Clocks) Event(string starts, string now, int expected = 50, bool welfare = false, ClockSet? clocks = null)
    {
        clocks ??= new ClockSet([], China.Context());
        var row = PlanRow();
        return (CommunityEvent.Create("CHHY-HD-2026-001", China.PropertyId, Sheet(starts, expected, welfare), row, Supervisor, China.Time(now), clocks, "gm"), clocks);
    }

    internal static (CommunityEvent Event, ClockSet Clocks) HeldEvent(string starts, bool welfare)
    {
        var start = China.Time(starts);
        var (e, clocks) = Event(starts, China.Local(start.AddDays(-30)), welfare: welfare);
        e.MarkFilled(Supervisor, start.AddDays(-20), clocks);
        e.Submit(null, Supervisor, start.AddDays(-12), clocks);
        e.Approve(null, Gm, false, start.AddDays(-8), clocks);
        e.RecordHeld(new EventRecordSheet(40, "顺利举办", null, new Dictionary<Guid, decimal>(), []), Supervisor, start.AddHours(3));
        return (e, clocks);
    }

    /// <summary>A row of an approved 2026 plan.</summary>
    internal static AnnualPlanRow PlanRow()
    {
        var clocks = new ClockSet([], China.Context());
        var plan = AnnualEventPlan.Open("CHHY-JH-2026", China.PropertyId, 2026, Supervisor, China.Time("2025-12-01 09:00:00"), clocks);
        plan.SetRows([(null, new AnnualPlanLine(10, null, "重阳敬老", "茶话会", "慰问老人", 2000m, true))], new HashSet<Guid>(), Supervisor, China.Time("2025-12-02 09:00:00"));
        plan.Submit(Supervisor, China.Time("2026-01-04 09:00:00"), clocks);
        plan.Approve(null, Gm, false, China.Time("2026-01-08 09:00:00"), clocks);
        return plan.Rows[0];
    }

    private static AnnualEventPlan Plan2027(string opened, out ClockSet clocks)
    {
        clocks = new ClockSet([], China.Context());
        var plan = AnnualEventPlan.Open("CHHY-JH-2027", China.PropertyId, 2027, Supervisor, China.Time(opened), clocks);
        plan.SetRows([(null, new AnnualPlanLine(3, new DateOnly(2027, 3, 5), "学雷锋", "志愿服务", "清理公共区域", 800m, true))], new HashSet<Guid>(), Supervisor, China.Time(opened));
        return plan;
    }

    internal static PublicNotice Notice(NoticeCategory category, string? workStarts, ClockSet clocks, string now, string from = "2026-11-10", string? until = null)
    {
        var n = PublicNotice.Draft("CHHY-GG-2026-001", China.PropertyId, new NoticeDraft("停水通知", "水箱清洗", category, AudienceScope.Property, [],
            workStarts is null ? null : China.Time(workStarts), China.Date(from), until is null ? null : China.Date(until)), Supervisor, China.Time(now), clocks);
        n.Approve(Gm, China.Time(now).AddMinutes(10));
        return n;
    }
}
