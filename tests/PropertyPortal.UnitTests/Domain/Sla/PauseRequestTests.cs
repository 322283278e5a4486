using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Complaints;
using PropertyPortal.Domain.Renovations;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.Domain.Sla;
using PropertyPortal.UnitTests.Domain.Complaints;
using PropertyPortal.UnitTests.Domain.Renovations;
using PropertyPortal.UnitTests.Domain.Repairs;
using PropertyPortal.UnitTests.TestSupport;

namespace PropertyPortal.UnitTests.Domain.Sla;

/// <summary>
/// The rules of a pause request with a fake clock: a 特急 order opened 09:50 is dispatched at 09:51 (on site
/// due 10:00, phone reply 10:05); the technician asks at 09:52, the supervisor decides later.
/// </summary>
public sealed class PauseRequestTests
{
    private static readonly Actor OtherSupervisor = new("sup-2", "主管赵敏");

    private static RepairScenario Dispatched() => new RepairScenario(RepairUrgency.Emergency).Into(RepairStatus.Dispatched);

    [Fact]
    public void Asking_stops_nothing_and_starts_the_requests_own_clock_to_the_supervisors()
    {
        var s = Dispatched();
        var onSite = s.ClockOf(SlaMilestone.OnSite);

        var request = s.After(1).RequestPause(PauseReason.WaitingForParts, "对讲分机缺货", RepairScenario.Technician);

        Assert.Equal((PauseRequestState.Pending, "tech-1", "李师傅", s.Now), (request.State, request.RequestedById, request.RequestedByName, request.RequestedAt));
        Assert.Equal((RepairStatus.Dispatched, SlaClockState.Running), (s.Order.Status, onSite.State));
        Assert.Equal(request.Id, s.Order.PauseRequestId);
        var approval = s.ClockOf(SlaMilestone.PauseApproval);
        Assert.Equal((SlaSubject.RepairOrder, s.Order.Id, (string?)null), (approval.Subject, approval.SubjectId, approval.AssigneeId));
        Assert.Equal("2026-03-02 10:07:00", China.Local(approval.DueAt));
        Assert.Equal(SlaRecipients.Supervisors, approval.NoticeTo);
        Assert.Equal((RepairEventKind.PauseRequested, "WaitingForParts: 对讲分机缺货"), (s.Order.Events[^1].Kind, s.Order.Events[^1].Note));
    }

    [Fact]
    public void The_approval_time_is_the_policys_setting()
    {
        var policy = SlaPolicy.CreateDefault(China.PropertyId);
        policy.UpdatePauses(30);
        var s = new RepairScenario(RepairUrgency.Emergency, policy: policy).Into(RepairStatus.Dispatched);

        s.After(1).RequestPause();

        Assert.Equal("2026-03-02 10:22:00", China.Local(s.ClockOf(SlaMilestone.PauseApproval).DueAt));
    }

    [Fact]
    public void Nobody_approves_or_refuses_their_own_request()
    {
        var s = Dispatched();
        s.After(1).RequestPause(by: RepairScenario.Supervisor);

        Assert.Equal("PauseSelfApproval", Assert.Throws<DomainException>(() => s.ApprovePause(by: RepairScenario.Supervisor)).Code);
        Assert.Equal("PauseSelfApproval", Assert.Throws<DomainException>(() =>
            s.Order.RefusePause(s.Request!, "不需要", RepairScenario.Supervisor, s.Now, s.Clocks)).Code);

        Assert.Equal((PauseRequestState.Pending, RepairStatus.Dispatched), (s.Request!.State, s.Order.Status));
        Assert.DoesNotContain(s.Clocks.All, c => c.State == SlaClockState.Paused);
    }

    [Fact]
    public void Nobody_anonymous_asks_or_decides()
    {
        var s = Dispatched();

        Assert.Equal("PauseNeedsSignedInUser", Assert.Throws<DomainException>(() => s.RequestPause(by: new Actor(null, "系统"))).Code);
        s.RequestPause();
        Assert.Equal("PauseNeedsSignedInUser", Assert.Throws<DomainException>(() => s.ApprovePause(by: new Actor(null, "系统"))).Code);
    }

    [Fact]
    public void A_refusal_changes_no_clock_and_leaves_the_order_free_to_ask_again()
    {
        var s = Dispatched();
        s.After(1).RequestPause(PauseReason.OwnerNotHome);
        var running = s.Clocks.All.Where(c => c.Milestone != SlaMilestone.PauseApproval)
            .Select(c => (c.Milestone, c.State, c.DueAt, c.WarnAt, c.NextCheckAt, c.PausedSeconds)).ToList();

        s.After(4).Order.RefusePause(s.Request!, "业主电话已接通，照常上门", RepairScenario.Supervisor, s.Now, s.Clocks);

        Assert.Equal(running, s.Clocks.All.Where(c => c.Milestone != SlaMilestone.PauseApproval)
            .Select(c => (c.Milestone, c.State, c.DueAt, c.WarnAt, c.NextCheckAt, c.PausedSeconds)));
        Assert.Equal((PauseRequestState.Refused, "sup-1", "业主电话已接通，照常上门"), (s.Request!.State, s.Request.DecidedById, s.Request.DecisionNote));
        Assert.Equal((RepairStatus.Dispatched, (Guid?)null), (s.Order.Status, s.Order.PauseRequestId));
        Assert.Equal((SlaClockState.Met, 11), (s.ClockOf(SlaMilestone.PauseApproval).State, s.ClockOf(SlaMilestone.PauseApproval).MinutesEarly));
        Assert.Equal(RepairEventKind.PauseRefused, s.Order.Events[^1].Kind);
        Assert.NotEmpty(s.Order.PauseReasonsNow);
    }

    [Fact]
    public void A_refusal_needs_a_reason()
    {
        var s = Dispatched();
        s.RequestPause();

        Assert.Equal("PauseRefusalNeedsNote", Assert.Throws<DomainException>(() => s.Order.RefusePause(s.Request!, " ", RepairScenario.Supervisor, s.Now, s.Clocks)).Code);
        Assert.Equal(PauseRequestState.Pending, s.Request!.State);
    }

    [Fact]
    public void Approval_pauses_the_clocks_from_the_approval_instant_not_from_the_request()
    {
        var s = Dispatched();
        s.After(1).RequestPause(); // 09:52
        var onSite = s.ClockOf(SlaMilestone.OnSite);

        s.After(5).ApprovePause("同意"); // 09:57

        Assert.Equal(SlaClockState.Paused, onSite.State);
        Assert.Equal("2026-03-02 09:57:00", China.Local(onSite.PausedAt!.Value));
        Assert.Null(onSite.NextCheckAt);
        Assert.Equal((SlaClockState.Met, 10), (s.ClockOf(SlaMilestone.PauseApproval).State, s.ClockOf(SlaMilestone.PauseApproval).MinutesEarly));
        Assert.Equal((RepairEventKind.Paused, "主管陈静", "OwnerNotHome: 同意"), (s.Order.Events[^1].Kind, s.Order.Events[^1].ActorName, s.Order.Events[^1].Note));
    }

    [Fact]
    public void Resume_adds_exactly_the_time_paused_to_every_clock_and_keeps_it_per_milestone()
    {
        var s = Dispatched();
        var onSite = s.ClockOf(SlaMilestone.OnSite);
        var phone = s.ClockOf(SlaMilestone.PhoneReply);
        s.After(1).RequestPause();
        s.After(2).ApprovePause(); // 09:54
        s.Clock.Advance(TimeSpan.FromMinutes(37).Add(TimeSpan.FromSeconds(41))); // 10:31:41

        s.Resume();

        Assert.Equal("2026-03-02 10:37:41", China.Local(onSite.DueAt));
        Assert.Equal("2026-03-02 10:42:41", China.Local(phone.DueAt));
        Assert.All([onSite, phone], c => Assert.Equal((SlaClockState.Running, 2261L, 38), (c.State, c.PausedSeconds, c.PausedMinutes)));
        Assert.Equal(onSite.WarnAt, China.Time("2026-03-02 10:35:41"));

        // A second pause adds to the first, per clock.
        s.After(10).Pause();
        s.After(20).Resume();
        Assert.All([onSite, phone], c => Assert.Equal((3461L, 58), (c.PausedSeconds, c.PausedMinutes)));
        Assert.Equal(PauseRequestState.Ended, s.Request!.State);
    }

    [Fact]
    public void The_request_clock_warns_breaches_one_tick_after_its_due_time_and_then_reaches_the_managers()
    {
        var s = Dispatched();
        s.After(1).RequestPause(); // 09:52, due 10:07
        var approval = s.ClockOf(SlaMilestone.PauseApproval);

        Assert.Equal([(SlaEventKind.Warning, China.Time("2026-03-02 10:04:00"))], approval.DueEvents(China.Time("2026-03-02 10:07:00")));
        approval.MarkFired(SlaEventKind.Warning);
        Assert.Equal([(SlaEventKind.Breach, China.Time("2026-03-02 10:07:00"))], approval.DueEvents(China.Time("2026-03-02 10:07:00").AddTicks(1)));
        approval.MarkFired(SlaEventKind.Breach);
        Assert.Equal(China.Time("2026-03-02 10:22:00"), approval.NextCheckAt);
        Assert.Equal([(SlaEventKind.EscalatedToManager, China.Time("2026-03-02 10:22:00"))], approval.DueEvents(China.Time("2026-03-02 10:22:00")));
        Assert.True(approval.IsBreachedAt(China.Time("2026-03-02 10:07:01")));
    }

    [Fact]
    public void One_open_request_at_a_time_and_none_once_paused()
    {
        var s = Dispatched();
        s.RequestPause();

        Assert.Equal("PauseAlreadyRequested", Assert.Throws<DomainException>(() => s.Order.RequestPause(PauseReason.OwnerNotHome, null, RepairScenario.Desk, s.Now, s.Clocks)).Code);
        s.ApprovePause();
        Assert.Equal("RepairTransitionRefused", Assert.Throws<DomainException>(() => s.Order.RequestPause(PauseReason.OwnerNotHome, null, RepairScenario.Desk, s.Now, s.Clocks)).Code);
        Assert.Empty(s.Order.PauseReasonsNow);
    }

    [Fact]
    public void A_decided_request_cannot_be_decided_again_and_a_paused_order_resumes_only_with_its_request()
    {
        var s = Dispatched();
        s.RequestPause();
        var first = s.Request!;
        s.ApprovePause();

        Assert.Equal("PauseAlreadyDecided", Assert.Throws<DomainException>(() => s.Order.RefusePause(first, "改变主意", OtherSupervisor, s.Now, s.Clocks)).Code);
        var other = Dispatched();
        var foreign = other.RequestPause();
        Assert.Equal("PauseRequestLapsed", Assert.Throws<DomainException>(() => s.Order.ResumeFromPause(foreign, RepairScenario.Desk, s.Now, s.Clocks)).Code);
        Assert.Equal(RepairStatus.Paused, s.Order.Status);
    }

    [Fact]
    public void Other_needs_a_note_and_a_repair_is_never_waiting_for_the_authority()
    {
        var s = Dispatched();

        Assert.Equal("PauseNoteRequired", Assert.Throws<DomainException>(() => s.RequestPause(PauseReason.Other)).Code);
        Assert.Equal("PauseReasonNotAllowed", Assert.Throws<DomainException>(() => s.RequestPause(PauseReason.WaitingForAuthority)).Code);
        Assert.Null(s.Order.PauseRequestId);
        Assert.DoesNotContain(s.Clocks.All, c => c.Milestone == SlaMilestone.PauseApproval);
    }

    [Fact]
    public void Withdrawing_cancels_the_request_clock_and_changes_nothing_else()
    {
        var s = Dispatched();
        s.RequestPause();

        s.After(2).Order.WithdrawPause(s.Request!, RepairScenario.Desk, s.Now, s.Clocks);

        Assert.Equal((PauseRequestState.Withdrawn, SlaClockState.Cancelled), (s.Request!.State, s.ClockOf(SlaMilestone.PauseApproval).State));
        Assert.Null(s.Order.PauseRequestId);
        Assert.Equal(RepairEventKind.PauseWithdrawn, s.Order.Events[^1].Kind);
    }

    [Fact]
    public void A_cancelled_order_lets_its_pending_request_lapse()
    {
        var s = Dispatched();
        s.RequestPause();

        s.After(1).Order.Cancel("业主自行修好", RepairScenario.Desk, s.Now, s.Clocks);

        Assert.Equal(SlaClockState.Cancelled, s.ClockOf(SlaMilestone.PauseApproval).State);
        Assert.Equal("RepairTransitionRefused", Assert.Throws<DomainException>(() => s.ApprovePause()).Code);
        Assert.Equal("PauseRequestLapsed", Assert.Throws<DomainException>(() => s.Order.RefusePause(s.Request!, "已取消", RepairScenario.Supervisor, s.Now, s.Clocks)).Code);
    }

    // ---- Complaints: only while the customer cannot be reached ----

    [Fact]
    public void A_complaint_pauses_only_for_an_unreachable_customer_and_all_its_running_clocks_stop()
    {
        var s = new ComplaintScenario(ComplaintTier.Important);
        Assert.Equal([PauseReason.CustomerUnreachable], s.Complaint.PauseReasonsNow);
        Assert.Equal("PauseReasonNotAllowed", Assert.Throws<DomainException>(() =>
            s.Complaint.RequestPause(PauseReason.OwnerNotHome, null, ComplaintScenario.Desk, s.Now, s.Clocks)).Code);

        var request = s.AfterMinutes(10).Complaint.RequestPause(PauseReason.CustomerUnreachable, "三次电话无人接听", ComplaintScenario.Desk, s.Now, s.Clocks);
        s.AfterMinutes(5).Complaint.ApprovePause(request, null, ComplaintScenario.Supervisor, s.Now, s.Clocks);

        Assert.True(s.Complaint.IsPaused);
        Assert.All(s.Clocks.All.Where(c => c.Milestone != SlaMilestone.PauseApproval), c => Assert.Equal(SlaClockState.Paused, c.State));

        var reply = s.ClockOf(SlaMilestone.ComplaintReply);
        var dueBefore = reply.DueAt;
        s.AfterMinutes(90).Complaint.ResumeFromPause(request, ComplaintScenario.Desk, s.Now, s.Clocks);
        Assert.False(s.Complaint.IsPaused);
        Assert.Equal(dueBefore.AddMinutes(90), reply.DueAt);
        Assert.Equal(
            [ComplaintEventKind.PauseRequested, ComplaintEventKind.Paused, ComplaintEventKind.Resumed],
            s.Complaint.Events.Where(e => e.Kind is ComplaintEventKind.PauseRequested or ComplaintEventKind.Paused or ComplaintEventKind.Resumed).Select(e => e.Kind));
    }

    [Fact]
    public void A_complaint_waiting_for_the_managers_plan_decision_cannot_pause()
    {
        var s = new ComplaintScenario(ComplaintTier.Major);
        s.Complaint.ProposePlan("赔偿并道歉", ComplaintScenario.Desk, s.Now, s.Clocks);

        Assert.Empty(s.Complaint.PauseReasonsNow);
        Assert.Equal("PauseReasonNotAllowed", Assert.Throws<DomainException>(() =>
            s.Complaint.RequestPause(PauseReason.CustomerUnreachable, null, ComplaintScenario.Desk, s.Now, s.Clocks)).Code);
    }

    // ---- Renovations: a structural change waiting for the authority's document ----

    [Fact]
    public void A_structural_renovation_pauses_its_review_while_waiting_for_the_authority_and_is_not_reviewed_until_resumed()
    {
        var s = new RenovationScenario(RenovationScope.WholeFloor, structural: true);
        Assert.Equal([PauseReason.WaitingForAuthority], s.Renovation.PauseReasonsNow);
        var request = s.Renovation.RequestPause(PauseReason.WaitingForAuthority, "规划部门审批中", RenovationScenario.Desk, s.Now, s.Clocks);
        s.AfterMinutes(30);
        s.Renovation.ApprovePause(request, null, RenovationScenario.Manager, s.Now, s.Clocks);
        var approvalDue = s.ClockOf(SlaMilestone.RenovationApproval).DueAt;

        Assert.Equal(SlaClockState.Paused, s.ClockOf(SlaMilestone.RenovationApproval).State);
        Assert.Equal("CasePausedResumeFirst", Assert.Throws<DomainException>(() => s.Renovation.ServiceReview(null, RenovationScenario.Desk, s.Now, s.Clocks)).Code);
        Assert.Equal(RenovationStatus.Submitted, s.Renovation.Status);

        s.Renovation.AttachAuthorityApproval(RenovationScenario.Desk, s.Now);
        s.After(TimeSpan.FromDays(2));
        s.Renovation.ResumeFromPause(request, RenovationScenario.Desk, s.Now, s.Clocks);

        Assert.Equal(approvalDue.AddDays(2), s.ClockOf(SlaMilestone.RenovationApproval).DueAt);
        s.Renovation.ServiceReview(null, RenovationScenario.Desk, s.Now, s.Clocks);
        Assert.Equal(RenovationStatus.ServiceReviewed, s.Renovation.Status);
    }

    [Fact]
    public void A_renovation_that_is_not_structural_or_has_its_document_has_nothing_to_wait_for()
    {
        Assert.Empty(new RenovationScenario().Renovation.PauseReasonsNow);
        var withDocument = new RenovationScenario(structural: true);
        withDocument.Renovation.AttachAuthorityApproval(RenovationScenario.Desk, withDocument.Now);
        Assert.Empty(withDocument.Renovation.PauseReasonsNow);
    }
}
