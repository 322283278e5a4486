using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Renovations;
using PropertyPortal.Domain.Sla;
using PropertyPortal.UnitTests.TestSupport;
using static PropertyPortal.UnitTests.Domain.Renovations.RenovationScenario;

namespace PropertyPortal.UnitTests.Domain.Renovations;

public sealed class RenovationTests
{
    // ---- Submission ----

    [Fact]
    public void Submit_refuses_works_that_end_before_they_start_but_takes_a_one_day_job()
    {
        var clocks = new ClockSet([], China.Context());

        Assert.Equal("RenovationDatesInvalid", CodeOf(() =>
            Renovation.Submit("ZX1", Application(start: new DateOnly(2026, 3, 9), end: new DateOnly(2026, 3, 8)), Desk, China.Time("2026-03-02 09:00:00"), clocks)));
        Assert.Empty(clocks.All);

        var oneDay = Renovation.Submit("ZX2", Application(start: new DateOnly(2026, 3, 9), end: new DateOnly(2026, 3, 9)), Desk, China.Time("2026-03-02 09:00:00"), clocks);
        Assert.Equal(RenovationStatus.Submitted, oneDay.Status);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(-1, false)]
    [InlineData(1, true)]
    [InlineData(500, true)]
    [InlineData(501, false)]
    public void Submit_takes_1_to_500_workers(int workers, bool accepted)
    {
        var clocks = new ClockSet([], China.Context());
        Renovation Submit() => Renovation.Submit("ZX1", Application(workers: workers), Desk, China.Time("2026-03-02 09:00:00"), clocks);

        if (accepted)
        {
            Assert.Equal(workers, Submit().Workers);
        }
        else
        {
            Assert.Equal("RenovationDatesInvalid", CodeOf(() => Submit()));
            Assert.Empty(clocks.All);
        }
    }

    [Fact]
    public void Submit_refuses_an_application_whose_documents_were_not_checked()
    {
        var clocks = new ClockSet([], China.Context());

        Assert.Equal("RenovationDocumentsMissing", CodeOf(() =>
            Renovation.Submit("ZX1", Application(documentsChecked: false), Desk, China.Time("2026-03-02 09:00:00"), clocks)));
        Assert.Empty(clocks.All);
    }

    [Theory]
    [InlineData(RenovationScope.SimplePartition, 2, "2026-10-09 18:00:00")]
    [InlineData(RenovationScope.CentralSystems, 3, "2026-10-10 18:00:00")] // the Saturday worked to make up for National Day
    [InlineData(RenovationScope.WholeFloor, 5, "2026-10-13 18:00:00")]
    public void The_approval_clock_counts_2_3_or_5_working_days_by_scope_over_the_National_Day_holiday(RenovationScope scope, int days, string due)
    {
        var s = new RenovationScenario(scope, now: "2026-09-30 10:00:00");
        var approval = s.ClockOf(SlaMilestone.RenovationApproval);

        Assert.Equal(days, SlaPolicy.CreateDefault(China.PropertyId).RenovationApprovalWorkingDays(scope));
        Assert.Equal((SlaTargetKind.WorkingDays, days), (approval.TargetKind, approval.TargetValue));
        Assert.Equal((SlaSubject.Renovation, s.Renovation.Id, China.PropertyId, "u1"), (approval.Subject, approval.SubjectId, approval.PropertyId, approval.AssigneeId));
        Assert.Equal(China.Time("2026-09-30 10:00:00"), approval.StartedAt);
        Assert.Equal(due, China.Local(approval.DueAt));
        Assert.False(approval.IsBreachedAt(China.Time(due)));
        Assert.True(approval.IsBreachedAt(China.Time(due).AddSeconds(1)));
        Assert.False(approval.CalendarMissing);

        // The first review step is due at the close of the first working day after the holiday.
        Assert.Equal("2026-10-08 18:00:00", China.Local(s.ReviewClocks.Last(c => c.IsOpen).DueAt));
    }

    [Fact]
    public void The_approval_clock_counts_from_receipt_the_review_clock_from_entry_across_a_weekend()
    {
        // Received Friday 17:00, entered by the desk on Saturday.
        var s = new RenovationScenario(now: "2026-03-07 10:00:00", received: "2026-03-06 17:00:00");
        var approval = s.ClockOf(SlaMilestone.RenovationApproval);
        var review = s.ReviewClocks[^1];

        Assert.Equal("2026-03-10 18:00:00", China.Local(approval.DueAt));
        Assert.Equal((SlaTargetKind.WorkingDays, 1), (review.TargetKind, review.TargetValue));
        Assert.Equal(s.Now, review.StartedAt);
        Assert.Equal("2026-03-09 18:00:00", China.Local(review.DueAt));
        Assert.Equal(2, s.Clocks.Started.Count);
        Assert.All(s.Clocks.All, c => Assert.Equal(SlaClockState.Running, c.State));
        Assert.Equal(China.Time("2026-03-06 17:00:00"), s.Renovation.ReceivedAt);
        Assert.Equal(RenovationStatus.Submitted, s.Renovation.Status);
    }

    [Fact]
    public void Approval_at_the_close_of_the_last_working_day_is_on_time_one_second_later_it_is_late()
    {
        static SlaClock ApprovedAt(string local)
        {
            var s = new RenovationScenario(now: "2026-03-06 17:00:00").Into(RenovationStatus.EngineeringReviewed).At(local);
            s.Renovation.Approve(null, Manager, s.Now, s.Clocks);
            return s.ClockOf(SlaMilestone.RenovationApproval);
        }

        var onTime = ApprovedAt("2026-03-10 18:00:00");
        var late = ApprovedAt("2026-03-10 18:00:01");

        Assert.Equal((SlaClockState.Met, 0, false), (onTime.State, onTime.MinutesEarly, onTime.IsBreachedAt(China.Time("2026-03-20 00:00:00"))));
        Assert.Equal((SlaClockState.Met, -1, true), (late.State, late.MinutesEarly, late.IsBreachedAt(China.Time("2026-03-20 00:00:00"))));
    }

    // ---- The review chain ----

    [Fact]
    public void Service_then_engineering_then_the_Manager_each_meet_their_review_clock_and_start_the_next()
    {
        var s = new RenovationScenario();
        var r = s.Renovation;

        s.AfterMinutes(60);
        r.ServiceReview("资料齐全", Desk, s.Now, s.Clocks);
        Assert.Equal(RenovationStatus.ServiceReviewed, r.Status);
        var reviews = s.ReviewClocks;
        Assert.Equal(2, reviews.Count);
        Assert.Equal((SlaClockState.Met, s.Now), (reviews[0].State, reviews[0].MetAt));
        Assert.Equal((SlaClockState.Running, s.Now, "2026-03-03 18:00:00"), (reviews[1].State, reviews[1].StartedAt, China.Local(reviews[1].DueAt)));

        s.At("2026-03-03 09:30:00");
        r.EngineeringReview("不涉及管线", Engineer, s.Now, s.Clocks);
        Assert.Equal(RenovationStatus.EngineeringReviewed, r.Status);
        reviews = s.ReviewClocks;
        Assert.Equal(3, reviews.Count);
        Assert.Equal((SlaClockState.Met, s.Now), (reviews[1].State, reviews[1].MetAt));
        Assert.Equal((SlaClockState.Running, "2026-03-04 18:00:00"), (reviews[2].State, China.Local(reviews[2].DueAt)));
        Assert.True(s.ClockOf(SlaMilestone.RenovationApproval).IsOpen);
        Assert.Null(r.DecidedBy);

        s.At("2026-03-04 11:00:00");
        r.Approve("同意", Manager, s.Now, s.Clocks);
        Assert.Equal(RenovationStatus.Approved, r.Status);
        Assert.Equal(("王经理", s.Now), (r.DecidedBy, r.DecidedAt));
        Assert.Equal(3, s.ReviewClocks.Count);
        Assert.Equal((SlaClockState.Met, s.Now), (reviews[2].State, reviews[2].MetAt));
        var approval = s.ClockOf(SlaMilestone.RenovationApproval);
        Assert.Equal((SlaClockState.Met, s.Now, 420), (approval.State, approval.MetAt, approval.MinutesEarly));
        Assert.DoesNotContain(s.Clocks.All, c => c.IsOpen);
    }

    [Theory]
    [InlineData(RenovationStatus.Submitted, "Engineering")]
    [InlineData(RenovationStatus.Submitted, "Approve")]
    [InlineData(RenovationStatus.ServiceReviewed, "Service")]
    [InlineData(RenovationStatus.ServiceReviewed, "Approve")]
    [InlineData(RenovationStatus.EngineeringReviewed, "Service")]
    [InlineData(RenovationStatus.EngineeringReviewed, "Engineering")]
    [InlineData(RenovationStatus.Approved, "Service")]
    [InlineData(RenovationStatus.Approved, "Engineering")]
    [InlineData(RenovationStatus.Approved, "Approve")]
    [InlineData(RenovationStatus.Returned, "Service")]
    [InlineData(RenovationStatus.Returned, "Approve")]
    [InlineData(RenovationStatus.Cancelled, "Service")]
    public void A_review_step_out_of_order_is_refused_and_changes_nothing(RenovationStatus from, string step)
    {
        var s = new RenovationScenario().Into(from).AfterMinutes(10);
        var r = s.Renovation;
        var clocks = s.Clocks.All.Select(c => (c.State, c.DueAt)).ToList();
        var events = r.Events.Count;
        Action act = step switch
        {
            "Service" => () => r.ServiceReview(null, Desk, s.Now, s.Clocks),
            "Engineering" => () => r.EngineeringReview(null, Engineer, s.Now, s.Clocks),
            _ => () => r.Approve(null, Manager, s.Now, s.Clocks),
        };

        Assert.Equal("RenovationStateInvalid", CodeOf(act));
        Assert.Equal(from, r.Status);
        Assert.Equal(clocks, s.Clocks.All.Select(c => (c.State, c.DueAt)));
        Assert.Equal(events, r.Events.Count);
        if (from != RenovationStatus.Approved)
        {
            Assert.Null(r.DecidedBy);
        }
    }

    [Fact]
    public void A_structural_change_cannot_pass_engineering_until_the_authoritys_approval_is_attached()
    {
        var s = new RenovationScenario(structural: true).Into(RenovationStatus.ServiceReviewed).AfterMinutes(30);
        var r = s.Renovation;

        Assert.Equal("AuthorityApprovalRequired", CodeOf(() => r.EngineeringReview(null, Engineer, s.Now, s.Clocks)));
        Assert.Equal(RenovationStatus.ServiceReviewed, r.Status);
        Assert.Equal(2, s.ReviewClocks.Count);
        Assert.True(s.ReviewClocks[^1].IsOpen);

        r.AttachAuthorityApproval(Desk, s.Now);
        Assert.True(r.AuthorityApprovalAttached);
        r.EngineeringReview(null, Engineer, s.Now, s.Clocks);
        Assert.Equal(RenovationStatus.EngineeringReviewed, r.Status);
    }

    [Fact]
    public void A_non_structural_change_passes_engineering_without_the_authoritys_document()
    {
        var s = new RenovationScenario(structural: false).Into(RenovationStatus.EngineeringReviewed);

        Assert.False(s.Renovation.AuthorityApprovalAttached);
    }

    // ---- Return and resubmission ----

    [Fact]
    public void A_return_pauses_the_approval_clock_and_the_resubmission_resumes_it_with_the_paused_time_added()
    {
        var s = new RenovationScenario();
        var r = s.Renovation;
        var approval = s.ClockOf(SlaMilestone.RenovationApproval);
        var firstReview = s.ReviewClocks[^1];
        Assert.Equal("2026-03-04 18:00:00", China.Local(approval.DueAt));

        s.At("2026-03-02 10:00:00");
        r.Return("缺少平面图", Desk, s.Now, s.Clocks);
        Assert.Equal((RenovationStatus.Returned, "缺少平面图"), (r.Status, r.ReturnReason));
        Assert.Equal((SlaClockState.Paused, s.Now), (approval.State, approval.PausedAt));
        Assert.Equal(SlaClockState.Cancelled, firstReview.State);
        Assert.DoesNotContain(s.ReviewClocks, c => c.IsOpen);

        s.At("2026-03-03 11:30:00"); // 25 h 30 min later
        r.Resubmit("已补平面图", Desk, s.Now, s.Clocks);
        Assert.Equal((RenovationStatus.Submitted, (string?)null), (r.Status, r.ReturnReason));
        Assert.Equal((SlaClockState.Running, 1530), (approval.State, approval.PausedMinutes));
        Assert.Equal("2026-03-05 19:30:00", China.Local(approval.DueAt));
        var reviews = s.ReviewClocks;
        Assert.Equal(2, reviews.Count);
        Assert.Equal((SlaClockState.Running, s.Now, "2026-03-04 18:00:00"), (reviews[1].State, reviews[1].StartedAt, China.Local(reviews[1].DueAt)));
        Assert.Equal(SlaClockState.Cancelled, firstReview.State);

        // Approved at the moved deadline: on time.
        s.At("2026-03-05 10:00:00");
        r.ServiceReview(null, Desk, s.Now, s.Clocks);
        r.EngineeringReview(null, Engineer, s.Now, s.Clocks);
        s.At("2026-03-05 19:30:00");
        r.Approve(null, Manager, s.Now, s.Clocks);
        Assert.Equal((SlaClockState.Met, 0, false), (approval.State, approval.MinutesEarly, approval.IsBreachedAt(s.Now.AddDays(1))));
    }

    [Theory]
    [InlineData(RenovationStatus.Submitted)]
    [InlineData(RenovationStatus.ServiceReviewed)]
    [InlineData(RenovationStatus.EngineeringReviewed)]
    public void Any_review_step_may_return_the_application(RenovationStatus from)
    {
        var s = new RenovationScenario().Into(from).AfterMinutes(10);

        s.Renovation.Return("图纸与现场不符", Engineer, s.Now, s.Clocks);

        Assert.Equal(RenovationStatus.Returned, s.Renovation.Status);
        Assert.Equal(SlaClockState.Paused, s.ClockOf(SlaMilestone.RenovationApproval).State);
        Assert.DoesNotContain(s.ReviewClocks, c => c.IsOpen);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_return_needs_a_reason_and_without_one_changes_nothing(string reason)
    {
        var s = new RenovationScenario().AfterMinutes(10);

        Assert.Equal("Required", CodeOf(() => s.Renovation.Return(reason, Desk, s.Now, s.Clocks)));
        Assert.Equal(RenovationStatus.Submitted, s.Renovation.Status);
        Assert.Null(s.Renovation.ReturnReason);
        Assert.All(s.Clocks.All, c => Assert.Equal(SlaClockState.Running, c.State));
    }

    [Theory]
    [InlineData(RenovationStatus.Returned)]
    [InlineData(RenovationStatus.Approved)]
    [InlineData(RenovationStatus.InProgress)]
    public void Only_an_application_under_review_can_be_returned(RenovationStatus from)
    {
        var s = new RenovationScenario().Into(from).AfterMinutes(10);

        Assert.Equal("RenovationStateInvalid", CodeOf(() => s.Renovation.Return("再改", Desk, s.Now, s.Clocks)));
        Assert.Equal(from, s.Renovation.Status);
    }

    [Theory]
    [InlineData(RenovationStatus.Submitted)]
    [InlineData(RenovationStatus.ServiceReviewed)]
    [InlineData(RenovationStatus.Approved)]
    public void Only_a_returned_application_can_be_resubmitted(RenovationStatus from)
    {
        var s = new RenovationScenario().Into(from).AfterMinutes(10);
        var clocks = s.Clocks.All.Count;

        Assert.Equal("RenovationStateInvalid", CodeOf(() => s.Renovation.Resubmit(null, Desk, s.Now, s.Clocks)));
        Assert.Equal(from, s.Renovation.Status);
        Assert.Equal(clocks, s.Clocks.All.Count);
    }

    // ---- Agreement, deposit, permit ----

    [Fact]
    public void The_permit_needs_the_agreement_signed_and_the_deposit_paid()
    {
        var s = new RenovationScenario().Into(RenovationStatus.Approved).AfterMinutes(30);
        var r = s.Renovation;

        Assert.Equal("PermitPreconditions", CodeOf(() => r.IssuePermit("XK-0001", true, Desk, s.Now)));
        r.SignAgreement(Desk, s.Now);
        Assert.True(r.AgreementSigned);
        Assert.Equal("PermitPreconditions", CodeOf(() => r.IssuePermit("XK-0001", false, Desk, s.Now)));
        Assert.Equal(RenovationStatus.Approved, r.Status);
        Assert.Null(r.PermitNumber);
        Assert.False(r.WorksRunning);

        r.IssuePermit("XK-0001", true, Desk, s.Now);

        Assert.Equal((RenovationStatus.InProgress, "XK-0001", (DateTime?)s.Now), (r.Status, r.PermitNumber, r.PermitIssuedAt));
        Assert.True(r.WorksRunning);
    }

    [Theory]
    [InlineData(RenovationStatus.EngineeringReviewed)]
    [InlineData(RenovationStatus.InProgress)]
    public void The_agreement_and_the_permit_belong_to_approved_works_only(RenovationStatus from)
    {
        var s = new RenovationScenario().Into(from).AfterMinutes(10);

        Assert.Equal("RenovationStateInvalid", CodeOf(() => s.Renovation.SignAgreement(Desk, s.Now)));
        Assert.Equal("RenovationStateInvalid", CodeOf(() => s.Renovation.IssuePermit("XK-0002", true, Desk, s.Now)));
        Assert.Equal(from, s.Renovation.Status);
    }

    [Fact]
    public void No_more_passes_out_than_workers_declared_and_a_pass_is_returned_once()
    {
        var s = new RenovationScenario(workers: 3).Into(RenovationStatus.InProgress);
        var r = s.Renovation;

        var passes = new[] { "赵一", "钱二", "孙三" }.Select(n => r.IssuePass(n, "1234", Desk, s.Now)).ToList();
        Assert.Equal(["ZX20260302-0001-01", "ZX20260302-0001-02", "ZX20260302-0001-03"], passes.Select(p => p.PassNumber));
        Assert.Equal("PassesExceedWorkers", CodeOf(() => r.IssuePass("李四", null, Desk, s.Now)));
        Assert.Equal(3, r.Passes.Count);

        s.AfterMinutes(60);
        r.ReturnPass(passes[0].Id, Desk, s.Now);
        Assert.Equal(s.Now, passes[0].ReturnedAt);
        var returnedAt = s.Now;
        s.AfterMinutes(5);
        Assert.Equal("PassAlreadyReturned", CodeOf(() => r.ReturnPass(passes[0].Id, Desk, s.Now)));
        Assert.Equal(returnedAt, passes[0].ReturnedAt);
        Assert.Equal("PassUnknown", CodeOf(() => r.ReturnPass(Guid.NewGuid(), Desk, s.Now)));

        // The returned pass frees a place.
        var fourth = r.IssuePass("李四", null, Desk, s.Now);
        Assert.Equal("ZX20260302-0001-04", fourth.PassNumber);
        Assert.Equal("PassesExceedWorkers", CodeOf(() => r.IssuePass("周五", null, Desk, s.Now)));
    }

    [Fact]
    public void Passes_are_issued_only_while_the_works_run()
    {
        var s = new RenovationScenario().Into(RenovationStatus.Approved);

        Assert.Equal("RenovationStateInvalid", CodeOf(() => s.Renovation.IssuePass("赵一", null, Desk, s.Now)));
        Assert.Empty(s.Renovation.Passes);
    }

    [Theory]
    [InlineData("2026-03-09", "2026-04-30", true)]
    [InlineData("2026-03-20", "2026-03-20", true)]
    [InlineData("2026-03-08", "2026-03-10", false)]
    [InlineData("2026-04-29", "2026-05-01", false)]
    [InlineData("2026-03-12", "2026-03-11", false)]
    public void A_permit_lies_within_the_works_dates(string from, string to, bool accepted)
    {
        var s = new RenovationScenario().Into(RenovationStatus.InProgress);
        RenovationPermit Add() => s.Renovation.AddPermit(RenovationPermitKind.HotWork, China.Date(from), China.Date(to), "电焊", Desk, s.Now);

        if (accepted)
        {
            var permit = Add();
            Assert.Equal((RenovationPermitKind.HotWork, China.Date(from), China.Date(to)), (permit.Kind, permit.From, permit.To));
            Assert.Single(s.Renovation.Permits);
        }
        else
        {
            Assert.Equal("PermitDatesInvalid", CodeOf(() => Add()));
            Assert.Empty(s.Renovation.Permits);
        }
    }

    [Fact]
    public void Permits_are_for_approved_works_only()
    {
        var s = new RenovationScenario().Into(RenovationStatus.EngineeringReviewed);

        Assert.Equal("RenovationStateInvalid", CodeOf(() =>
            s.Renovation.AddPermit(RenovationPermitKind.FreightLift, StartDate, StartDate, null, Desk, s.Now)));
    }

    // ---- Patrols and rectification ----

    [Fact]
    public void A_patrol_without_a_violation_only_records_the_visit()
    {
        var s = new RenovationScenario().Into(RenovationStatus.InProgress).At("2026-03-10 10:00:00");

        var patrol = s.Renovation.Patrol("施工正常", null, null, Desk, s.Now, s.Clocks);

        Assert.Equal(RenovationStatus.InProgress, s.Renovation.Status);
        Assert.Equal(("施工正常", (string?)null, (DateTime?)null, "张三"), (patrol.Finding, patrol.Violation, patrol.RectifyBy, patrol.ByName));
        Assert.Same(patrol, Assert.Single(s.Renovation.Patrols));
        Assert.DoesNotContain(s.Clocks.All, c => c.Milestone == SlaMilestone.Rectification);
        Assert.Equal(RenovationEventKind.Patrolled, s.Renovation.Events[^1].Kind);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(-60)]
    public void A_violation_needs_a_rectification_deadline_in_the_future(int? deadlineInMinutes)
    {
        var s = new RenovationScenario().Into(RenovationStatus.InProgress).At("2026-03-10 10:00:00");
        DateTime? deadline = deadlineInMinutes is { } m ? s.Now.AddMinutes(m) : null;

        Assert.Equal("RectifyDeadlineRequired", CodeOf(() => s.Renovation.Patrol("阳台堆放建材", "占用公共通道", deadline, Desk, s.Now, s.Clocks)));
        Assert.Equal(RenovationStatus.InProgress, s.Renovation.Status);
        Assert.Empty(s.Renovation.Patrols);
        Assert.DoesNotContain(s.Clocks.All, c => c.Milestone == SlaMilestone.Rectification);
    }

    [Fact]
    public void A_violation_puts_the_works_into_rectification_on_a_clock_due_at_the_deadline_met_exactly_on_time()
    {
        var s = new RenovationScenario().Into(RenovationStatus.InProgress).At("2026-03-10 10:00:00");
        var r = s.Renovation;
        var deadline = China.Time("2026-03-12 17:00:00");

        var patrol = r.Patrol("阳台堆放建材", "占用公共通道", deadline, Desk, s.Now, s.Clocks);

        Assert.Equal(RenovationStatus.Rectifying, r.Status);
        Assert.True(r.WorksRunning);
        Assert.Equal(("占用公共通道", (DateTime?)deadline, (DateTime?)null), (patrol.Violation, patrol.RectifyBy, patrol.RectifiedAt));
        var clock = s.ClockOf(SlaMilestone.Rectification);
        Assert.Equal((SlaTargetKind.Appointment, deadline, s.Now, "u1", SlaClockState.Running), (clock.TargetKind, clock.DueAt, clock.StartedAt, clock.AssigneeId, clock.State));
        Assert.False(clock.IsBreachedAt(deadline));
        Assert.True(clock.IsBreachedAt(deadline.AddSeconds(1)));

        s.At("2026-03-12 17:00:00");
        r.Rectified("已清理", Desk, s.Now, s.Clocks);

        Assert.Equal(RenovationStatus.InProgress, r.Status);
        Assert.Equal(s.Now, patrol.RectifiedAt);
        Assert.Equal((SlaClockState.Met, 0, false), (clock.State, clock.MinutesEarly, clock.IsBreachedAt(s.Now.AddDays(1))));
    }

    [Fact]
    public void A_rectification_a_second_after_the_deadline_is_late()
    {
        var s = new RenovationScenario().Into(RenovationStatus.Rectifying);
        var clock = s.ClockOf(SlaMilestone.Rectification);

        s.After(clock.DueAt - s.Now + TimeSpan.FromSeconds(1));
        s.Renovation.Rectified("已清理", Desk, s.Now, s.Clocks);

        Assert.Equal((SlaClockState.Met, -1, true), (clock.State, clock.MinutesEarly, clock.IsBreachedAt(s.Now)));
    }

    [Theory]
    [InlineData(RenovationStatus.Submitted)]
    [InlineData(RenovationStatus.Approved)]
    [InlineData(RenovationStatus.Accepted)]
    [InlineData(RenovationStatus.Closed)]
    [InlineData(RenovationStatus.Cancelled)]
    public void Only_running_works_are_patrolled(RenovationStatus from)
    {
        var s = new RenovationScenario().Into(from).AfterMinutes(10);

        Assert.Equal("RenovationStateInvalid", CodeOf(() => s.Renovation.Patrol("巡查", null, null, Desk, s.Now, s.Clocks)));
        Assert.Equal("RenovationStateInvalid", CodeOf(() => s.Renovation.Patrol("巡查", "违规", s.Now.AddDays(1), Desk, s.Now, s.Clocks)));
        Assert.Empty(s.Renovation.Patrols);
        Assert.Equal(from, s.Renovation.Status);
    }

    [Fact]
    public void Nothing_to_rectify_outside_rectification()
    {
        var s = new RenovationScenario().Into(RenovationStatus.InProgress);

        Assert.Equal("RenovationStateInvalid", CodeOf(() => s.Renovation.Rectified("已整改", Desk, s.Now, s.Clocks)));
    }

    [Fact]
    public void A_violation_seen_after_the_inspection_is_booked_keeps_the_booking_and_the_pass_meets_its_clock()
    {
        var s = new RenovationScenario().Into(RenovationStatus.InspectionBooked).At("2026-04-29 10:00:00");
        var r = s.Renovation;

        r.Patrol("垃圾未清运", "建筑垃圾堆放楼道", China.Time("2026-04-30 09:00:00"), Desk, s.Now, s.Clocks);
        Assert.Equal(RenovationStatus.InspectionBooked, r.Status);
        var clock = s.ClockOf(SlaMilestone.Rectification);

        s.At("2026-04-30 10:00:00");
        r.Inspect(true, "验收合格", null, Engineer, s.Now, s.Clocks);

        Assert.Equal(RenovationStatus.Accepted, r.Status);
        Assert.Equal(s.Now, r.Patrols[0].RectifiedAt);
        Assert.Equal((SlaClockState.Met, -60), (clock.State, clock.MinutesEarly));
    }

    // ---- Inspection ----

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void An_inspection_is_booked_for_a_time_to_come(int seconds)
    {
        var s = new RenovationScenario().Into(RenovationStatus.InProgress);

        Assert.Equal("InspectionTimeInvalid", CodeOf(() => s.Renovation.BookInspection(s.Now.AddSeconds(seconds), Desk, s.Now, s.Clocks)));
        Assert.Equal(RenovationStatus.InProgress, s.Renovation.Status);
        Assert.Null(s.Renovation.InspectionBookedFor);
        Assert.DoesNotContain(s.Clocks.All, c => c.Milestone == SlaMilestone.InspectionArrival);
    }

    [Theory]
    [InlineData(RenovationStatus.Approved)]
    [InlineData(RenovationStatus.InspectionBooked)]
    [InlineData(RenovationStatus.Accepted)]
    public void An_inspection_is_booked_only_for_running_works_not_yet_booked(RenovationStatus from)
    {
        var s = new RenovationScenario().Into(from);

        Assert.Equal("RenovationStateInvalid", CodeOf(() => s.Renovation.BookInspection(s.Now.AddDays(1), Desk, s.Now, s.Clocks)));
        Assert.Equal(from, s.Renovation.Status);
    }

    [Fact]
    public void The_inspector_arrives_at_the_booked_time_and_has_exactly_60_minutes()
    {
        var s = new RenovationScenario().Into(RenovationStatus.InspectionBooked);
        var r = s.Renovation;
        var booked = China.Time("2026-04-30 10:00:00");
        var arrival = s.ClockOf(SlaMilestone.InspectionArrival);
        Assert.Equal((booked, (DateTime?)booked, SlaTargetKind.Appointment), (arrival.DueAt, r.InspectionBookedFor, arrival.TargetKind));

        s.At("2026-04-30 10:00:00");
        r.InspectorArrived(Engineer, s.Now, s.Clocks);

        Assert.Equal(s.Now, r.InspectionArrivedAt);
        Assert.Equal((SlaClockState.Met, 0), (arrival.State, arrival.MinutesEarly));
        var inspection = s.ClockOf(SlaMilestone.Inspection);
        Assert.Equal((SlaTargetKind.Minutes, 60, s.Now, "u2"), (inspection.TargetKind, inspection.TargetValue, inspection.StartedAt, inspection.AssigneeId));
        Assert.Equal("2026-04-30 11:00:00", China.Local(inspection.DueAt));
        Assert.False(inspection.IsBreachedAt(China.Time("2026-04-30 11:00:00")));
        Assert.True(inspection.IsBreachedAt(China.Time("2026-04-30 11:00:01")));
        Assert.Equal(RenovationStatus.InspectionBooked, r.Status);
    }

    [Fact]
    public void A_pass_at_arrival_plus_60_minutes_is_on_time_accepts_the_works_and_starts_the_refund_clocks()
    {
        var s = new RenovationScenario().Into(RenovationStatus.InspectionBooked).At("2026-04-30 10:00:00");
        var r = s.Renovation;
        r.InspectorArrived(Engineer, s.Now, s.Clocks);
        var inspection = s.ClockOf(SlaMilestone.Inspection);

        s.At("2026-04-30 11:00:00");
        r.Inspect(true, "验收合格", null, Engineer, s.Now, s.Clocks);

        Assert.Equal((SlaClockState.Met, 0, false), (inspection.State, inspection.MinutesEarly, inspection.IsBreachedAt(s.Now.AddDays(1))));
        Assert.Equal((RenovationStatus.Accepted, (DateTime?)s.Now, "李工"), (r.Status, r.AcceptedAt, r.AcceptedBy));
        Assert.False(r.WorksRunning);

        // Thursday before the Labour Day holiday (May 1–5): the 2nd and 3rd working days are May 7 and 8.
        var processing = s.ClockOf(SlaMilestone.RefundProcessing);
        var payment = s.ClockOf(SlaMilestone.RefundPayment);
        Assert.Equal((SlaTargetKind.WorkingDays, 2, SlaClockState.Running, s.Now), (processing.TargetKind, processing.TargetValue, processing.State, processing.StartedAt));
        Assert.Equal((SlaTargetKind.WorkingDays, 3, SlaClockState.Running, s.Now), (payment.TargetKind, payment.TargetValue, payment.State, payment.StartedAt));
        Assert.Equal("2026-05-07 18:00:00", China.Local(processing.DueAt));
        Assert.Equal("2026-05-08 18:00:00", China.Local(payment.DueAt));
    }

    [Fact]
    public void An_inspection_finished_60_minutes_and_1_second_after_arrival_is_late()
    {
        var s = new RenovationScenario().Into(RenovationStatus.InspectionBooked).At("2026-04-30 10:05:00");
        var r = s.Renovation;
        r.InspectorArrived(Engineer, s.Now, s.Clocks);
        var arrival = s.ClockOf(SlaMilestone.InspectionArrival);
        var inspection = s.ClockOf(SlaMilestone.Inspection);

        s.At("2026-04-30 11:05:01");
        r.Inspect(true, "验收合格", null, Engineer, s.Now, s.Clocks);

        Assert.Equal((SlaClockState.Met, -5, true), (arrival.State, arrival.MinutesEarly, arrival.IsBreachedAt(s.Now)));
        Assert.Equal((SlaClockState.Met, -1, true), (inspection.State, inspection.MinutesEarly, inspection.IsBreachedAt(s.Now)));
        Assert.Equal(RenovationStatus.Accepted, r.Status);
    }

    [Fact]
    public void An_inspection_without_a_recorded_arrival_counts_the_arrival_at_the_inspection()
    {
        var s = new RenovationScenario().Into(RenovationStatus.InspectionBooked).At("2026-04-30 09:50:00");

        s.Renovation.Inspect(true, "验收合格", null, Engineer, s.Now, s.Clocks);

        Assert.Equal(s.Now, s.Renovation.InspectionArrivedAt);
        Assert.Equal((SlaClockState.Met, 10), (s.ClockOf(SlaMilestone.InspectionArrival).State, s.ClockOf(SlaMilestone.InspectionArrival).MinutesEarly));
        Assert.Equal((SlaClockState.Met, 60), (s.ClockOf(SlaMilestone.Inspection).State, s.ClockOf(SlaMilestone.Inspection).MinutesEarly));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(-10)]
    public void A_failed_inspection_needs_a_rectification_deadline_in_the_future(int? deadlineInMinutes)
    {
        var s = new RenovationScenario().Into(RenovationStatus.InspectionBooked).At("2026-04-30 10:00:00");
        s.Renovation.InspectorArrived(Engineer, s.Now, s.Clocks);
        s.AfterMinutes(30);
        DateTime? deadline = deadlineInMinutes is { } m ? s.Now.AddMinutes(m) : null;

        Assert.Equal("RectifyDeadlineRequired", CodeOf(() => s.Renovation.Inspect(false, "卫生间闭水不合格", deadline, Engineer, s.Now, s.Clocks)));
        Assert.Equal(RenovationStatus.InspectionBooked, s.Renovation.Status);
        Assert.Empty(s.Renovation.Patrols);
        Assert.DoesNotContain(s.Clocks.All, c => c.Milestone is SlaMilestone.Rectification or SlaMilestone.RefundProcessing);
    }

    [Fact]
    public void A_failed_inspection_sends_the_works_to_rectification_and_a_new_inspection_later()
    {
        var s = new RenovationScenario().Into(RenovationStatus.InspectionBooked).At("2026-04-30 10:00:00");
        var r = s.Renovation;
        r.InspectorArrived(Engineer, s.Now, s.Clocks);
        s.AfterMinutes(30);
        var deadline = China.Time("2026-05-06 10:00:00");

        r.Inspect(false, "卫生间闭水不合格", deadline, Engineer, s.Now, s.Clocks);

        Assert.Equal(RenovationStatus.Rectifying, r.Status);
        Assert.Null(r.AcceptedAt);
        var notice = Assert.Single(r.Patrols);
        Assert.Equal(("卫生间闭水不合格", (DateTime?)deadline, "李工"), (notice.Violation, notice.RectifyBy, notice.ByName));
        var rectification = s.ClockOf(SlaMilestone.Rectification);
        Assert.Equal((deadline, SlaClockState.Running), (rectification.DueAt, rectification.State));
        Assert.Equal(SlaClockState.Met, s.ClockOf(SlaMilestone.Inspection).State);
        Assert.DoesNotContain(s.Clocks.All, c => c.Milestone is SlaMilestone.RefundProcessing or SlaMilestone.RefundPayment);
        Assert.Equal(RenovationEventKind.InspectionFailed, r.Events[^1].Kind);

        s.At("2026-05-06 09:00:00");
        r.Rectified("已重做防水", Desk, s.Now, s.Clocks);
        Assert.Equal(RenovationStatus.InProgress, r.Status);
        Assert.Equal((SlaClockState.Met, 60), (rectification.State, rectification.MinutesEarly));

        r.BookInspection(China.Time("2026-05-07 10:00:00"), Desk, s.Now, s.Clocks);
        Assert.Null(r.InspectionArrivedAt);
        Assert.Equal(2, s.ClocksOf(SlaMilestone.InspectionArrival).Count);
        s.At("2026-05-07 10:00:00");
        r.InspectorArrived(Engineer, s.Now, s.Clocks);
        s.AfterMinutes(40);
        r.Inspect(true, "复验合格", null, Engineer, s.Now, s.Clocks);
        Assert.Equal(RenovationStatus.Accepted, r.Status);
        Assert.Equal(2, s.ClocksOf(SlaMilestone.Inspection).Count);
        Assert.All(s.ClocksOf(SlaMilestone.Inspection), c => Assert.Equal(SlaClockState.Met, c.State));
    }

    [Theory]
    [InlineData(RenovationStatus.InProgress)]
    [InlineData(RenovationStatus.Approved)]
    public void The_inspector_arrives_only_at_a_booked_inspection(RenovationStatus from)
    {
        var s = new RenovationScenario().Into(from);

        Assert.Equal("RenovationStateInvalid", CodeOf(() => s.Renovation.InspectorArrived(Engineer, s.Now, s.Clocks)));
        Assert.Equal("RenovationStateInvalid", CodeOf(() => s.Renovation.Inspect(true, "合格", null, Engineer, s.Now, s.Clocks)));
        Assert.Null(s.Renovation.InspectionArrivedAt);
        Assert.DoesNotContain(s.Clocks.All, c => c.Milestone == SlaMilestone.Inspection);
    }

    // ---- Refund and closing ----

    [Theory]
    [InlineData(RenovationStatus.Approved)]
    [InlineData(RenovationStatus.InProgress)]
    [InlineData(RenovationStatus.Rectifying)]
    [InlineData(RenovationStatus.InspectionBooked)]
    public void No_refund_before_the_works_pass_inspection(RenovationStatus from)
    {
        var s = new RenovationScenario().Into(from);

        Assert.Equal("RefundBeforeAcceptance", CodeOf(() => s.Renovation.RefundProcessed(Desk, s.Now, s.Clocks)));
        Assert.Equal("RefundBeforeAcceptance", CodeOf(() => s.Renovation.Close(true, Desk, s.Now, s.Clocks)));
        Assert.Null(s.Renovation.RefundProcessedAt);
        Assert.Equal(from, s.Renovation.Status);
    }

    [Fact]
    public void The_refund_processed_on_the_second_working_day_is_on_time()
    {
        var s = new RenovationScenario().Into(RenovationStatus.Accepted).At("2026-05-07 18:00:00");

        s.Renovation.RefundProcessed(Desk, s.Now, s.Clocks);

        Assert.Equal(s.Now, s.Renovation.RefundProcessedAt);
        Assert.Equal((SlaClockState.Met, 0), (s.ClockOf(SlaMilestone.RefundProcessing).State, s.ClockOf(SlaMilestone.RefundProcessing).MinutesEarly));
        Assert.Equal(SlaClockState.Running, s.ClockOf(SlaMilestone.RefundPayment).State);
        Assert.Equal(RenovationStatus.Accepted, s.Renovation.Status);
    }

    [Fact]
    public void Closing_needs_the_refund_processed_the_deposit_settled_and_every_pass_back()
    {
        var s = new RenovationScenario().Into(RenovationStatus.InspectionBooked);
        var r = s.Renovation;
        var pass = r.IssuePass("赵一", "5678", Desk, s.Now);
        s.At("2026-04-30 10:00:00");
        r.Inspect(true, "验收合格", null, Engineer, s.Now, s.Clocks);

        Assert.Equal("RefundBeforeAcceptance", CodeOf(() => r.Close(true, Desk, s.Now, s.Clocks)));
        s.At("2026-05-06 10:00:00");
        r.RefundProcessed(Desk, s.Now, s.Clocks);

        s.At("2026-05-08 17:00:00");
        Assert.Equal("DepositNotSettled", CodeOf(() => r.Close(false, Desk, s.Now, s.Clocks)));
        Assert.Equal("PassesOutstanding", CodeOf(() => r.Close(true, Desk, s.Now, s.Clocks)));
        Assert.Equal(RenovationStatus.Accepted, r.Status);
        Assert.Null(r.ClosedAt);
        Assert.True(s.ClockOf(SlaMilestone.RefundPayment).IsOpen);

        r.ReturnPass(pass.Id, Desk, s.Now);
        r.Close(true, Desk, s.Now, s.Clocks);

        Assert.Equal((RenovationStatus.Closed, (DateTime?)s.Now), (r.Status, r.ClosedAt));
        var payment = s.ClockOf(SlaMilestone.RefundPayment);
        Assert.Equal((SlaClockState.Met, s.Now, 60), (payment.State, payment.MetAt, payment.MinutesEarly));
        Assert.DoesNotContain(s.Clocks.All, c => c.IsOpen);
    }

    // ---- Cancellation ----

    [Theory]
    [InlineData(RenovationStatus.InProgress)]
    [InlineData(RenovationStatus.Rectifying)]
    [InlineData(RenovationStatus.InspectionBooked)]
    [InlineData(RenovationStatus.Accepted)]
    [InlineData(RenovationStatus.Closed)]
    [InlineData(RenovationStatus.Cancelled)]
    public void Running_or_finished_works_cannot_be_cancelled(RenovationStatus from)
    {
        var s = new RenovationScenario().Into(from).AfterMinutes(10);
        var open = s.Clocks.All.Where(c => c.IsOpen).ToList();
        var events = s.Renovation.Events.Count;

        Assert.Equal("RenovationStateInvalid", CodeOf(() => s.Renovation.Cancel("业主放弃", Desk, s.Now, s.Clocks)));
        Assert.Equal(from, s.Renovation.Status);
        Assert.Equal(open, s.Clocks.All.Where(c => c.IsOpen));
        Assert.Equal(events, s.Renovation.Events.Count);
    }

    [Theory]
    [InlineData(RenovationStatus.Submitted)]
    [InlineData(RenovationStatus.ServiceReviewed)]
    [InlineData(RenovationStatus.EngineeringReviewed)]
    [InlineData(RenovationStatus.Returned)]
    [InlineData(RenovationStatus.Approved)]
    public void An_application_under_review_or_approved_but_not_started_can_be_cancelled_and_every_clock_stops(RenovationStatus from)
    {
        var s = new RenovationScenario().Into(from).AfterMinutes(10);
        var open = s.Clocks.All.Where(c => c.IsOpen).ToList();

        s.Renovation.Cancel("业主放弃装修", Desk, s.Now, s.Clocks);

        Assert.Equal(RenovationStatus.Cancelled, s.Renovation.Status);
        Assert.DoesNotContain(s.Clocks.All, c => c.IsOpen);
        Assert.All(open, c => Assert.Equal(SlaClockState.Cancelled, c.State));
        var cancelled = s.Renovation.Events[^1];
        Assert.Equal((RenovationEventKind.Cancelled, "u1", "张三", s.Now, "业主放弃装修"), (cancelled.Kind, cancelled.ActorId, cancelled.ActorName, cancelled.At, cancelled.Note));
    }

    [Fact]
    public void Cancelling_an_application_under_review_cancels_its_paused_approval_clock_too()
    {
        var s = new RenovationScenario().Into(RenovationStatus.Returned).AfterMinutes(10);
        var approval = s.ClockOf(SlaMilestone.RenovationApproval);
        Assert.Equal(SlaClockState.Paused, approval.State);

        s.Renovation.Cancel("业主放弃装修", Desk, s.Now, s.Clocks);

        Assert.Equal((SlaClockState.Cancelled, (DateTime?)null, false), (approval.State, approval.PausedAt, approval.IsBreachedAt(s.Now.AddYears(1))));
    }

    // ---- The event history ----

    [Fact]
    public void Every_step_is_recorded_with_who_did_it_and_when()
    {
        var s = new RenovationScenario();
        var r = s.Renovation;
        var expected = new List<(RenovationEventKind, string?, string, DateTime)> { (RenovationEventKind.Submitted, "u1", "张三", s.Now) };
        void Step(RenovationEventKind kind, Actor by, Action act)
        {
            s.AfterMinutes(10);
            act();
            expected.Add((kind, by.UserId, by.Name, s.Now));
        }

        Step(RenovationEventKind.Returned, Desk, () => r.Return("缺图纸", Desk, s.Now, s.Clocks));
        Step(RenovationEventKind.Resubmitted, Desk, () => r.Resubmit("已补", Desk, s.Now, s.Clocks));
        Step(RenovationEventKind.ServiceReviewed, Desk, () => r.ServiceReview(null, Desk, s.Now, s.Clocks));
        Step(RenovationEventKind.EngineeringReviewed, Engineer, () => r.EngineeringReview(null, Engineer, s.Now, s.Clocks));
        Step(RenovationEventKind.Approved, Manager, () => r.Approve("同意", Manager, s.Now, s.Clocks));
        Step(RenovationEventKind.AgreementSigned, Desk, () => r.SignAgreement(Desk, s.Now));
        Step(RenovationEventKind.PermitIssued, Desk, () => r.IssuePermit("XK-0001", true, Desk, s.Now));
        RenovationPass? pass = null;
        Step(RenovationEventKind.PassIssued, Desk, () => pass = r.IssuePass("赵一", null, Desk, s.Now));
        Step(RenovationEventKind.PermitAdded, Desk, () => r.AddPermit(RenovationPermitKind.TemporaryPower, StartDate, StartDate.AddDays(3), null, Desk, s.Now));
        Step(RenovationEventKind.Patrolled, Engineer, () => r.Patrol("正常", null, null, Engineer, s.Now, s.Clocks));
        Step(RenovationEventKind.ViolationNoticed, Engineer, () => r.Patrol("楼道堆料", "占用公共通道", s.Now.AddDays(1), Engineer, s.Now, s.Clocks));
        Step(RenovationEventKind.Rectified, Desk, () => r.Rectified("已清理", Desk, s.Now, s.Clocks));
        Step(RenovationEventKind.InspectionBooked, Desk, () => r.BookInspection(s.Now.AddDays(1), Desk, s.Now, s.Clocks));
        Step(RenovationEventKind.InspectorArrived, Engineer, () => r.InspectorArrived(Engineer, s.Now, s.Clocks));
        Step(RenovationEventKind.InspectionFailed, Engineer, () => r.Inspect(false, "闭水不合格", s.Now.AddDays(2), Engineer, s.Now, s.Clocks));
        Step(RenovationEventKind.Rectified, Desk, () => r.Rectified("已重做", Desk, s.Now, s.Clocks));
        Step(RenovationEventKind.InspectionBooked, Desk, () => r.BookInspection(s.Now.AddDays(1), Desk, s.Now, s.Clocks));
        s.After(TimeSpan.FromDays(1));
        Step(RenovationEventKind.InspectorArrived, Engineer, () => r.InspectorArrived(Engineer, s.Now, s.Clocks));
        Step(RenovationEventKind.InspectionPassed, Engineer, () => r.Inspect(true, "合格", null, Engineer, s.Now, s.Clocks));
        Step(RenovationEventKind.PassReturned, Desk, () => r.ReturnPass(pass!.Id, Desk, s.Now));
        Step(RenovationEventKind.RefundProcessed, Desk, () => r.RefundProcessed(Desk, s.Now, s.Clocks));
        Step(RenovationEventKind.Closed, Manager, () => r.Close(true, Manager, s.Now, s.Clocks));

        Assert.Equal(expected, r.Events.Select(e => (e.Kind, e.ActorId, e.ActorName, e.At)));
        Assert.All(r.Events, e => Assert.Equal((r.Id, China.PropertyId), (e.RenovationId, e.PropertyId)));
        Assert.Equal("缺图纸", r.Events[1].Note);
        Assert.Equal("XK-0001", r.Events.Single(e => e.Kind == RenovationEventKind.PermitIssued).Note);
        Assert.Equal(RenovationStatus.Closed, r.Status);
    }
}
