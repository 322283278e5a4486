using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Renovations;
using PropertyPortal.Domain.Sla;
using PropertyPortal.UnitTests.TestSupport;
using static PropertyPortal.UnitTests.Domain.Renovations.RenovationScenario;

namespace PropertyPortal.UnitTests.Domain.Renovations;

/// <summary>
/// Every renovation limit is the property's setting: each clock is due exactly where a configured (not the
/// default) value puts it — met on time at its due instant, late one second after. Monday 2026-03-02 09:00 is
/// the scenario's submission; the desk's hours are 08:30–18:00 on working days.
/// </summary>
public sealed class RenovationLimitsTests
{
    private static SlaPolicy Policy(int partition = 2, int central = 3, int wholeFloor = 5, int review = 1, int inspection = 60, int processing = 2,
        int payment = 3, int noticeHours = 24, string morningBy = "12:00", string? afternoonBy = null)
    {
        var policy = SlaPolicy.CreateDefault(China.PropertyId);
        policy.UpdateRenovations(partition, central, wholeFloor, review, inspection, processing, payment, noticeHours, TimeOnly.Parse(morningBy, System.Globalization.CultureInfo.InvariantCulture),
            afternoonBy is null ? null : TimeOnly.Parse(afternoonBy, System.Globalization.CultureInfo.InvariantCulture));
        return policy;
    }

    [Fact]
    public void The_defaults_are_the_seeds_2_3_5_working_days_1_per_review_step_60_minutes_2_and_3_working_days_24_hours_and_noon()
    {
        var p = SlaPolicy.CreateDefault(China.PropertyId);

        Assert.Equal((2, 3, 5), (p.RenovationApprovalWorkingDays(RenovationScope.SimplePartition), p.RenovationApprovalWorkingDays(RenovationScope.CentralSystems),
            p.RenovationApprovalWorkingDays(RenovationScope.WholeFloor)));
        Assert.Equal((1, 60, 2, 3, 24), (p.RenovationReviewStepWorkingDays, p.RenovationInspectionMinutes, p.RenovationRefundProcessingWorkingDays,
            p.RenovationRefundPaymentWorkingDays, p.RenovationViolationNoticeHours));
        Assert.Equal((new TimeOnly(12, 0), (TimeOnly?)null), (p.RenovationPatrolMorningBy, p.RenovationPatrolAfternoonBy));
    }

    [Theory]
    [InlineData(RenovationScope.SimplePartition, "2026-03-06 18:00:00")] // configured 4
    [InlineData(RenovationScope.CentralSystems, "2026-03-10 18:00:00")] // configured 6
    [InlineData(RenovationScope.WholeFloor, "2026-03-03 18:00:00")] // configured 1
    public void The_approval_clock_counts_the_working_days_configured_for_the_scope(RenovationScope scope, string due)
    {
        var s = new RenovationScenario(scope, policy: Policy(partition: 4, central: 6, wholeFloor: 1));

        var approval = s.ClockOf(SlaMilestone.RenovationApproval);

        Assert.Equal(due, China.Local(approval.DueAt));
        Assert.False(approval.IsBreachedAt(China.Time(due)));
        Assert.True(approval.IsBreachedAt(China.Time(due).AddSeconds(1)));
    }

    [Fact]
    public void Each_review_step_runs_on_the_configured_working_days_met_at_its_due_instant()
    {
        var s = new RenovationScenario(RenovationScope.WholeFloor, policy: Policy(review: 3));
        var service = s.ClockOf(SlaMilestone.RenovationServiceReview);
        Assert.Equal("2026-03-05 18:00:00", China.Local(service.DueAt));

        s.At("2026-03-05 18:00:00").Renovation.ServiceReview(null, Desk, s.Now, s.Clocks);

        Assert.Equal((SlaClockState.Met, 0, false), (service.State, service.MinutesEarly, service.IsBreachedAt(s.Now)));
        var engineering = s.ClockOf(SlaMilestone.RenovationEngineeringReview);
        Assert.Equal("2026-03-10 18:00:00", China.Local(engineering.DueAt));

        s.After(engineering.DueAt - s.Now + TimeSpan.FromSeconds(1)).Renovation.EngineeringReview(null, Engineer, s.Now, s.Clocks);

        Assert.True(engineering.IsBreachedAt(s.Now));
        Assert.Equal("2026-03-13 18:00:00", China.Local(s.ClockOf(SlaMilestone.RenovationDecision).DueAt));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    public void The_inspection_is_due_the_configured_minutes_after_arrival(int secondsLate, bool breached)
    {
        var s = new RenovationScenario(policy: Policy(inspection: 45)).Into(RenovationStatus.InspectionBooked).At("2026-04-30 10:00:00");
        s.Renovation.InspectorArrived(Engineer, s.Now, s.Clocks);
        var inspection = s.ClockOf(SlaMilestone.Inspection);
        Assert.Equal((SlaTargetKind.Minutes, 45, "2026-04-30 10:45:00"), (inspection.TargetKind, inspection.TargetValue, China.Local(inspection.DueAt)));

        s.At("2026-04-30 10:45:00").After(TimeSpan.FromSeconds(secondsLate)).Renovation.Inspect(true, "合格", null, Engineer, s.Now, s.Clocks);

        Assert.Equal((SlaClockState.Met, breached), (inspection.State, inspection.IsBreachedAt(s.Now)));
    }

    [Fact]
    public void The_refund_is_processed_and_paid_within_the_configured_working_days_over_the_May_Day_holiday()
    {
        var s = new RenovationScenario(policy: Policy(processing: 4, payment: 6)).Into(RenovationStatus.Accepted);
        var processing = s.ClockOf(SlaMilestone.RefundProcessing);
        var payment = s.ClockOf(SlaMilestone.RefundPayment);

        // Accepted Thu 04-30; 05-01..05-05 are holidays and Sat 05-09 is worked: the 4th working day is that Saturday, the 6th Tue 05-12.
        Assert.Equal(("2026-05-09 18:00:00", "2026-05-12 18:00:00"), (China.Local(processing.DueAt), China.Local(payment.DueAt)));

        s.At("2026-05-09 18:00:00").Renovation.RefundProcessed(Desk, s.Now, s.Clocks);
        s.At("2026-05-12 18:00:01").Renovation.Close(true, Desk, s.Now, s.Clocks);

        Assert.Equal((SlaClockState.Met, false), (processing.State, processing.IsBreachedAt(s.Now)));
        Assert.Equal((SlaClockState.Met, true), (payment.State, payment.IsBreachedAt(s.Now)));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    public void The_written_violation_notice_is_due_the_configured_hours_after_the_patrol_that_found_it(int secondsLate, bool breached)
    {
        var s = new RenovationScenario(policy: Policy(noticeHours: 6)).Into(RenovationStatus.InProgress).At("2026-03-10 10:00:00");
        var patrol = s.Renovation.Patrol("阳台堆放建材", "占用公共通道", China.Time("2026-03-12 17:00:00"), Desk, s.Now, s.Clocks);
        var notice = s.ClockOf(SlaMilestone.RenovationViolationNotice);
        Assert.Equal((SlaTargetKind.Minutes, 360, "2026-03-10 16:00:00", "u1", patrol.NoticeClockId), (notice.TargetKind, notice.TargetValue,
            China.Local(notice.DueAt), notice.AssigneeId, (Guid?)notice.Id));

        s.At("2026-03-10 16:00:00").After(TimeSpan.FromSeconds(secondsLate)).Renovation.IssueViolationNotice(patrol.Id, Desk, s.Now, s.Clocks);

        Assert.Equal((SlaClockState.Met, breached), (notice.State, notice.IsBreachedAt(s.Now)));
        Assert.Equal((s.Now, "张三"), (patrol.NoticeIssuedAt!.Value, patrol.NoticeIssuedBy));
        Assert.Equal((RenovationEventKind.ViolationNoticeIssued, "占用公共通道"), (s.Renovation.Events[^1].Kind, s.Renovation.Events[^1].Note));
    }

    [Fact]
    public void Each_violation_has_its_own_notice_clock_and_a_notice_is_issued_once()
    {
        var s = new RenovationScenario().Into(RenovationStatus.InProgress).At("2026-03-10 10:00:00");
        var first = s.Renovation.Patrol("阳台堆放建材", "占用公共通道", s.Now.AddDays(2), Desk, s.Now, s.Clocks);
        var second = s.AfterMinutes(30).Renovation.Patrol("夜间施工", "超时施工", s.Now.AddDays(2), Desk, s.Now, s.Clocks);
        var notices = s.ClocksOf(SlaMilestone.RenovationViolationNotice);

        s.AfterMinutes(30).Renovation.IssueViolationNotice(second.Id, Desk, s.Now, s.Clocks);

        Assert.Equal((SlaClockState.Running, SlaClockState.Met), (notices[0].State, notices[1].State));
        Assert.Equal((first.NoticeClockId, second.NoticeClockId), ((Guid?)notices[0].Id, (Guid?)notices[1].Id));
        Assert.Equal("ViolationNoticeAlreadyIssued", CodeOf(() => s.Renovation.IssueViolationNotice(second.Id, Desk, s.Now, s.Clocks)));
        Assert.Equal("ViolationUnknown", CodeOf(() => s.Renovation.IssueViolationNotice(Guid.CreateVersion7(), Desk, s.Now, s.Clocks)));
        Assert.Null(first.NoticeIssuedAt);
    }

    [Fact]
    public void A_patrol_without_a_violation_starts_no_notice_clock()
    {
        var s = new RenovationScenario().Into(RenovationStatus.InProgress).At("2026-03-10 10:00:00");

        var patrol = s.Renovation.Patrol("施工正常", null, null, Desk, s.Now, s.Clocks);

        Assert.Null(patrol.NoticeClockId);
        Assert.DoesNotContain(s.Clocks.All, c => c.Milestone == SlaMilestone.RenovationViolationNotice);
        Assert.Equal("ViolationUnknown", CodeOf(() => s.Renovation.IssueViolationNotice(patrol.Id, Desk, s.Now, s.Clocks)));
    }

    [Theory]
    [InlineData(0, 60, 60, 60, 60, 60, 60, 24, "12:00", null)]
    [InlineData(2, 3, 5, 1, 60, 2, 3, 0, "12:00", null)]
    [InlineData(2, 3, 5, 1, 60, 2, 3, 24, "12:00", "12:00")]
    [InlineData(2, 3, 5, 1, 60, 2, 3, 24, "14:00", "11:00")]
    public void Limits_that_are_not_positive_or_an_afternoon_due_before_the_morning_are_refused_and_nothing_changes(int partition, int central, int wholeFloor,
        int review, int inspection, int processing, int payment, int noticeHours, string morning, string? afternoon)
    {
        var policy = SlaPolicy.CreateDefault(China.PropertyId);

        Assert.Equal("SlaPolicyInvalid", Assert.Throws<DomainException>(() => policy.UpdateRenovations(partition, central, wholeFloor, review, inspection,
            processing, payment, noticeHours, TimeOnly.Parse(morning, System.Globalization.CultureInfo.InvariantCulture),
            afternoon is null ? null : TimeOnly.Parse(afternoon, System.Globalization.CultureInfo.InvariantCulture))).Code);
        Assert.Equal((2, 24, new TimeOnly(12, 0)), (policy.RenovationPartitionWorkingDays, policy.RenovationViolationNoticeHours, policy.RenovationPatrolMorningBy));
    }

    // ---- The twice-daily patrol windows (004 §五.八③) ----

    [Fact]
    public void A_working_day_has_a_morning_window_from_the_desk_opening_and_an_afternoon_window_to_the_close()
    {
        var windows = RenovationPatrolWindows.On(China.Date("2026-03-10"), China.Context());

        Assert.Equal(
            [(RenovationPatrolHalf.Morning, "2026-03-10 08:30:00", "2026-03-10 12:00:00"), (RenovationPatrolHalf.Afternoon, "2026-03-10 12:00:00", "2026-03-10 18:00:00")],
            windows.Select(w => (w.Half, China.Local(w.StartUtc), China.Local(w.DueUtc))));
    }

    [Fact]
    public void The_configured_times_cut_the_day_and_a_rest_day_follows_the_rest_day_hours()
    {
        var context = China.Context(Policy(morningBy: "11:00", afternoonBy: "16:30"));

        Assert.Equal(
            [("2026-03-10 08:30:00", "2026-03-10 11:00:00"), ("2026-03-10 11:00:00", "2026-03-10 16:30:00")],
            RenovationPatrolWindows.On(China.Date("2026-03-10"), context).Select(w => (China.Local(w.StartUtc), China.Local(w.DueUtc))));
        Assert.Equal(
            [("2026-03-14 09:00:00", "2026-03-14 11:00:00"), ("2026-03-14 11:00:00", "2026-03-14 16:30:00")],
            RenovationPatrolWindows.On(China.Date("2026-03-14"), context).Select(w => (China.Local(w.StartUtc), China.Local(w.DueUtc))));
        Assert.Equal("2026-03-14 17:00:00", China.Local(RenovationPatrolWindows.On(China.Date("2026-03-14"), China.Context())[1].DueUtc));
    }

    [Fact]
    public void A_day_the_desk_is_closed_has_no_window_and_a_morning_due_before_the_opening_leaves_only_the_afternoon()
    {
        var closedOnRestDays = new SlaContext(SlaPolicy.CreateDefault(China.PropertyId), China.Calendar2026(restDayHours: null));
        Assert.Empty(RenovationPatrolWindows.On(China.Date("2026-03-14"), closedOnRestDays));

        var early = RenovationPatrolWindows.On(China.Date("2026-03-10"), China.Context(Policy(morningBy: "08:00")));
        Assert.Equal([(RenovationPatrolHalf.Afternoon, "2026-03-10 08:30:00", "2026-03-10 18:00:00")],
            early.Select(w => (w.Half, China.Local(w.StartUtc), China.Local(w.DueUtc))));
    }

    [Fact]
    public void The_window_of_an_instant_runs_from_its_start_up_to_and_including_its_due_time()
    {
        var context = China.Context();

        Assert.Null(RenovationPatrolWindows.At(China.Time("2026-03-10 08:29:59"), context));
        Assert.Equal(RenovationPatrolHalf.Morning, RenovationPatrolWindows.At(China.Time("2026-03-10 12:00:00"), context)!.Half);
        Assert.Equal(RenovationPatrolHalf.Afternoon, RenovationPatrolWindows.At(China.Time("2026-03-10 12:00:01"), context)!.Half);
        Assert.Equal(RenovationPatrolHalf.Afternoon, RenovationPatrolWindows.At(China.Time("2026-03-10 18:00:00"), context)!.Half);
        Assert.Null(RenovationPatrolWindows.At(China.Time("2026-03-10 18:00:01"), context));
    }

    [Theory]
    [InlineData("2026-03-10 11:00:00", false)]
    [InlineData("2026-03-10 11:00:01", true)]
    public void A_window_s_clock_starts_once_and_is_met_by_a_patrol_up_to_its_configured_due_time(string patrolAt, bool late)
    {
        var s = new RenovationScenario(policy: Policy(morningBy: "11:00")).Into(RenovationStatus.InProgress).At("2026-03-10 09:10:00");
        var morning = RenovationPatrolWindows.At(s.Now, s.Clocks.Context)!;

        var clock = s.Renovation.KeepPatrolWindow(morning, s.Clocks);

        Assert.NotNull(clock);
        Assert.Equal((SlaMilestone.RenovationPatrol, (string?)null, "2026-03-10 08:30:00", "2026-03-10 11:00:00", SlaClockState.Running),
            (clock.Milestone, clock.AssigneeId, China.Local(clock.StartedAt), China.Local(clock.DueAt), clock.State));
        Assert.Null(s.AfterMinutes(15).Renovation.KeepPatrolWindow(morning, s.Clocks));
        Assert.Single(s.ClocksOf(SlaMilestone.RenovationPatrol));

        s.At(patrolAt).Renovation.Patrol("施工正常", null, null, Desk, s.Now, s.Clocks);

        Assert.Equal((SlaClockState.Met, late), (clock.State, clock.IsBreachedAt(s.Now)));
    }

    [Fact]
    public void A_patrol_late_for_the_morning_meets_it_late_and_counts_for_the_afternoon_whose_clock_starts_met()
    {
        var s = new RenovationScenario().Into(RenovationStatus.InProgress).At("2026-03-10 09:00:00");
        var morning = s.Renovation.KeepPatrolWindow(RenovationPatrolWindows.At(s.Now, s.Clocks.Context)!, s.Clocks)!;

        s.At("2026-03-10 12:30:00").Renovation.Patrol("施工正常", null, null, Desk, s.Now, s.Clocks);
        var afternoon = s.AfterMinutes(10).Renovation.KeepPatrolWindow(RenovationPatrolWindows.At(s.Now, s.Clocks.Context)!, s.Clocks)!;

        Assert.Equal((SlaClockState.Met, -30, true), (morning.State, morning.MinutesEarly, morning.IsBreachedAt(s.Now)));
        Assert.Equal((SlaClockState.Met, "2026-03-10 12:30:00", false), (afternoon.State, China.Local(afternoon.MetAt!.Value), afternoon.IsBreachedAt(s.Now)));
    }

    [Fact]
    public void A_clock_started_while_a_patrol_was_being_saved_is_met_at_that_patrol_the_next_time_the_job_runs()
    {
        var s = new RenovationScenario().Into(RenovationStatus.InProgress).At("2026-03-10 09:00:00");
        var window = RenovationPatrolWindows.At(s.Now, s.Clocks.Context)!;

        // The patrol's step loaded the clocks before the job's clock existed: it met nothing.
        s.Renovation.Patrol("施工正常", null, null, Desk, s.Now, new ClockSet([], s.Clocks.Context));
        var clock = new ClockSet([], s.Clocks.Context).Start(China.PropertyId, SlaSubject.Renovation, s.Renovation.Id, SlaMilestone.RenovationPatrol, null,
            SlaTarget.At(window.DueUtc), window.StartUtc);
        var seen = new ClockSet([clock], s.Clocks.Context);

        Assert.Null(s.AfterMinutes(15).Renovation.KeepPatrolWindow(window, seen));

        Assert.Equal((SlaClockState.Met, "2026-03-10 09:00:00"), (clock.State, China.Local(clock.MetAt!.Value)));
    }

    [Fact]
    public void Works_that_started_after_a_window_opened_are_patrolled_from_the_next_window()
    {
        var s = new RenovationScenario(now: "2026-03-10 06:00:00").Into(RenovationStatus.InProgress);
        Assert.Equal("2026-03-10 10:00:00", China.Local(s.Renovation.PermitIssuedAt!.Value));
        var windows = RenovationPatrolWindows.On(China.Date("2026-03-10"), s.Clocks.Context);

        Assert.Null(s.Renovation.KeepPatrolWindow(windows[0], s.Clocks));
        Assert.NotNull(s.Renovation.KeepPatrolWindow(windows[1], s.Clocks));
    }

    [Theory]
    [InlineData(RenovationStatus.Approved)]
    [InlineData(RenovationStatus.Accepted)]
    [InlineData(RenovationStatus.Closed)]
    public void Works_that_do_not_run_get_no_patrol_clock(RenovationStatus status)
    {
        var s = new RenovationScenario().Into(status);
        var window = RenovationPatrolWindows.On(China.Date("2026-05-06"), s.Clocks.Context)[0];

        Assert.Null(s.Renovation.KeepPatrolWindow(window, s.Clocks));
        Assert.Empty(s.ClocksOf(SlaMilestone.RenovationPatrol));
    }

    [Fact]
    public void Rectification_keeps_the_patrols_running_and_acceptance_stops_the_patrol_and_notice_clocks()
    {
        var s = new RenovationScenario().Into(RenovationStatus.Rectifying);
        Assert.True(s.Renovation.WorksRunning);
        s.At("2026-04-28 10:00:00");
        var patrol = s.Renovation.KeepPatrolWindow(RenovationPatrolWindows.At(s.Now, s.Clocks.Context)!, s.Clocks)!;
        s.Renovation.Rectified("已清理", Desk, s.Now, s.Clocks);
        s.Renovation.BookInspection(China.Time("2026-04-30 10:00:00"), Desk, s.Now, s.Clocks);
        var notice = s.ClockOf(SlaMilestone.RenovationViolationNotice);
        Assert.Equal((SlaClockState.Running, SlaClockState.Running), (patrol.State, notice.State));

        s.At("2026-04-30 10:30:00").Renovation.Inspect(true, "验收合格", null, Engineer, s.Now, s.Clocks);

        Assert.Equal((SlaClockState.Cancelled, SlaClockState.Cancelled), (patrol.State, notice.State));
    }
}
