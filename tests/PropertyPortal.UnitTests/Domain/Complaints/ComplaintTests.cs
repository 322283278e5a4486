using PropertyPortal.Domain.Callbacks;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Complaints;
using PropertyPortal.Domain.Sla;
using PropertyPortal.UnitTests.TestSupport;

namespace PropertyPortal.UnitTests.Domain.Complaints;

public sealed class ComplaintTests
{
    // ---- Clocks of each tier, at their exact boundaries ----

    [Fact]
    public void Every_complaint_must_be_answered_within_the_hour_met_at_1000_breached_at_100001()
    {
        var s = new ComplaintScenario();
        var reply = s.ClockOf(SlaMilestone.ComplaintReply);

        Assert.Equal("2026-03-02 10:00:00", China.Local(reply.DueAt));
        Assert.False(reply.IsBreachedAt(China.Time("2026-03-02 10:00:00")));
        Assert.True(reply.IsBreachedAt(China.Time("2026-03-02 10:00:01")));

        s.AfterMinutes(60).Reply();
        Assert.Equal((SlaClockState.Met, 0), (reply.State, reply.MinutesEarly));
        Assert.False(reply.IsBreachedAt(s.Now.AddDays(1)));
    }

    [Fact]
    public void A_minor_complaint_is_resolved_within_two_days_or_by_the_customers_own_deadline()
    {
        var plain = new ComplaintScenario(ComplaintTier.Minor);
        Assert.Equal("2026-03-04 09:00:00", China.Local(plain.ClockOf(SlaMilestone.Resolution).DueAt));
        Assert.DoesNotContain(plain.Clocks.All, c => c.Milestone is SlaMilestone.Escalation or SlaMilestone.DefiniteReply);

        var deadline = new ComplaintScenario(ComplaintTier.Minor, deadline: China.Time("2026-03-03 12:00:00"));
        Assert.Equal("2026-03-03 12:00:00", China.Local(deadline.ClockOf(SlaMilestone.Resolution).DueAt));
    }

    [Fact]
    public void An_important_complaint_reaches_the_department_head_within_60_minutes_and_is_resolved_in_3_days()
    {
        var s = new ComplaintScenario(ComplaintTier.Important);
        var escalation = s.ClockOf(SlaMilestone.Escalation);

        Assert.Equal("2026-03-02 10:00:00", China.Local(escalation.DueAt));
        Assert.Equal("2026-03-05 09:00:00", China.Local(s.ClockOf(SlaMilestone.Resolution).DueAt));
        s.AfterMinutes(61);
        Assert.True(escalation.IsBreachedAt(s.Now));
        s.Complaint.AcknowledgeEscalation(ComplaintScenario.Supervisor, s.Now, s.Clocks);
        Assert.Equal((SlaClockState.Met, -1), (escalation.State, escalation.MinutesEarly));
        Assert.Equal("主管陈静", s.Complaint.EscalationAcknowledgedBy);
    }

    [Fact]
    public void A_major_complaint_reaches_the_manager_the_same_service_day_gets_a_definite_reply_in_2_days_and_is_resolved_in_10()
    {
        var s = new ComplaintScenario(ComplaintTier.Major, now: "2026-03-02 17:30:00");

        Assert.Equal("2026-03-02 18:00:00", China.Local(s.ClockOf(SlaMilestone.Escalation).DueAt));
        Assert.Equal("2026-03-04 17:30:00", China.Local(s.ClockOf(SlaMilestone.DefiniteReply).DueAt));
        Assert.Equal("2026-03-12 17:30:00", China.Local(s.ClockOf(SlaMilestone.Resolution).DueAt));
    }

    [Fact]
    public void A_written_reply_is_due_at_close_of_the_third_working_day_skipping_a_holiday_or_in_72_hours_when_so_set()
    {
        // Received on the Thursday before 清明 (Sat 4 – Mon 6 April 2026 are holidays).
        var working = new ComplaintScenario(now: "2026-04-02 10:00:00", written: true);
        Assert.Equal("2026-04-08 18:00:00", China.Local(working.ClockOf(SlaMilestone.WrittenReply).DueAt));

        var policy = SlaPolicy.CreateDefault(China.PropertyId);
        policy.UpdateComplaints(60, 3, 72, 60, 2, 10, 3, 2, 1, 3, 30);
        var hours = new ComplaintScenario(now: "2026-04-02 10:00:00", written: true, policy: policy);
        Assert.Equal("2026-04-05 10:00:00", China.Local(hours.ClockOf(SlaMilestone.WrittenReply).DueAt));
    }

    // ---- Re-tiering ----

    [Fact]
    public void A_minor_complaint_found_major_the_next_day_runs_its_major_clocks_from_the_original_received_time()
    {
        var s = new ComplaintScenario(ComplaintTier.Minor);
        s.After(TimeSpan.FromDays(1)).Complaint.ChangeTier(ComplaintTier.Major, "涉及人身安全", ComplaintScenario.Supervisor, s.Now, s.Clocks);

        Assert.Equal(ComplaintTier.Major, s.Complaint.Tier);
        Assert.Equal("2026-03-02 18:00:00", China.Local(s.ClockOf(SlaMilestone.Escalation).DueAt));
        Assert.True(s.ClockOf(SlaMilestone.Escalation).IsBreachedAt(s.Now));
        Assert.Equal("2026-03-04 09:00:00", China.Local(s.ClockOf(SlaMilestone.DefiniteReply).DueAt));
        Assert.Equal("2026-03-12 09:00:00", China.Local(s.ClockOf(SlaMilestone.Resolution).DueAt));
        Assert.Single(s.Clocks.All, c => c.Milestone == SlaMilestone.Resolution);
        var retiered = s.Complaint.Events.Last();
        Assert.Equal((ComplaintEventKind.Retiered, "Minor → Major: 涉及人身安全", "主管陈静"), (retiered.Kind, retiered.Note, retiered.ActorName));
    }

    [Fact]
    public void Lowering_a_major_complaint_to_minor_cancels_the_escalation_and_definite_reply_clocks()
    {
        var s = new ComplaintScenario(ComplaintTier.Major);
        s.AfterMinutes(30).Complaint.ChangeTier(ComplaintTier.Minor, "经核实为个别偶发", ComplaintScenario.Supervisor, s.Now, s.Clocks);

        Assert.Equal(SlaClockState.Cancelled, s.ClockOf(SlaMilestone.Escalation).State);
        Assert.Equal(SlaClockState.Cancelled, s.ClockOf(SlaMilestone.DefiniteReply).State);
        Assert.Equal("2026-03-04 09:00:00", China.Local(s.ClockOf(SlaMilestone.Resolution).DueAt));
        Assert.Equal("TierUnchanged", Assert.Throws<DomainException>(() =>
            s.Complaint.ChangeTier(ComplaintTier.Minor, "again", ComplaintScenario.Supervisor, s.Now, s.Clocks)).Code);
    }

    // ---- Handling and closing rules ----

    [Fact]
    public void A_major_complaint_cannot_be_resolved_before_the_manager_approves_its_plan_and_the_customer_agrees()
    {
        var s = new ComplaintScenario(ComplaintTier.Major);
        Assert.Equal("ComplaintTransitionRefused", Assert.Throws<DomainException>(() => s.Complaint.Resolve("done", ComplaintScenario.Desk, s.Now, s.Clocks)).Code);

        s.AfterMinutes(30).Complaint.ProposePlan("更换破损井盖并设置警示", ComplaintScenario.Desk, s.Now, s.Clocks);
        Assert.Equal(ComplaintStatus.PlanPendingApproval, s.Complaint.Status);
        Assert.Equal("2026-03-03 18:00:00", China.Local(s.ClockOf(SlaMilestone.PlanApproval).DueAt));
        Assert.Throws<DomainException>(() => s.Complaint.Resolve("done", ComplaintScenario.Desk, s.Now, s.Clocks));

        s.Complaint.ReturnPlan("请补充临时防护措施", ComplaintScenario.Manager, s.Now, s.Clocks);
        Assert.Equal(ComplaintStatus.Handling, s.Complaint.Status);
        s.Complaint.ProposePlan("更换井盖，施工期间设围挡", ComplaintScenario.Desk, s.Now, s.Clocks);
        s.Complaint.ApprovePlan("同意", ComplaintScenario.Manager, s.Now, s.Clocks);
        Assert.Equal(ComplaintStatus.AwaitingAgreement, s.Complaint.Status);
        Assert.Throws<DomainException>(() => s.Complaint.Resolve("done", ComplaintScenario.Desk, s.Now, s.Clocks));

        s.AfterMinutes(60).Complaint.RecordAgreement(ReplyChannel.InPerson, "业主同意方案", ComplaintScenario.Desk, s.Now, s.Clocks);
        Assert.Equal(SlaClockState.Met, s.ClockOf(SlaMilestone.DefiniteReply).State);
        s.Complaint.Resolve("井盖已更换", ComplaintScenario.Desk, s.Now, s.Clocks);
        Assert.Equal(ComplaintStatus.Resolved, s.Complaint.Status);
        Assert.Equal(SlaClockState.Met, s.ClockOf(SlaMilestone.Resolution).State);
        Assert.Equal("2026-03-02 18:00:00", China.Local(s.ClockOf(SlaMilestone.ResultNotice).DueAt));
    }

    [Fact]
    public void An_ongoing_harm_must_be_stopped_before_the_complaint_is_resolved()
    {
        var s = new ComplaintScenario(ComplaintTier.Minor, harm: true);
        Assert.Equal("HarmNotStopped", Assert.Throws<DomainException>(() => s.Complaint.Resolve("done", ComplaintScenario.Desk, s.Now, s.Clocks)).Code);

        s.Complaint.StopHarm("已关闭漏水总阀", ComplaintScenario.Desk, s.Now);
        s.Complaint.Resolve("已修复", ComplaintScenario.Desk, s.Now, s.Clocks);
        Assert.Equal(ComplaintStatus.Resolved, s.Complaint.Status);
    }

    [Fact]
    public void Closing_needs_the_result_told_to_the_customer_and_a_requested_written_reply()
    {
        var s = new ComplaintScenario(written: true);
        Assert.Equal("ComplaintCloseNeedsResult", Assert.Throws<DomainException>(() => s.Complaint.Close(ComplaintScenario.Desk, s.Now, s.Clocks)).Code);

        s.AfterMinutes(30).Complaint.Resolve("已处理", ComplaintScenario.Desk, s.Now, s.Clocks);
        Assert.Equal("ComplaintCloseNeedsResult", Assert.Throws<DomainException>(() => s.Complaint.Close(ComplaintScenario.Desk, s.Now, s.Clocks)).Code);
        s.Complaint.NotifyResult(ReplyChannel.Phone, null, ComplaintScenario.Desk, s.Now, s.Clocks);
        Assert.Equal("ComplaintCloseNeedsWrittenReply", Assert.Throws<DomainException>(() => s.Complaint.Close(ComplaintScenario.Desk, s.Now, s.Clocks)).Code);

        s.Reply(written: true);
        var callback = s.Complaint.Close(ComplaintScenario.Desk, s.Now, s.Clocks);
        Assert.Equal(ComplaintStatus.Closed, s.Complaint.Status);
        Assert.NotNull(callback);
        Assert.Equal((CallbackSource.Complaint, s.Complaint.Id, "desk-1"), (callback.Source, callback.ComplaintId, callback.AssigneeId));
        Assert.Equal(s.Now.AddDays(3), callback.DueAt);
        Assert.All(s.Clocks.All.Where(c => c.Subject == SlaSubject.Complaint), c => Assert.False(c.IsOpen));
    }

    [Fact]
    public void An_invalid_complaint_keeps_only_its_reply_clock_and_cannot_close_without_a_recorded_answer()
    {
        var s = new ComplaintScenario(ComplaintTier.Important);
        s.AfterMinutes(10).Complaint.MarkInvalid("非物业服务范围", ComplaintScenario.Supervisor, s.Now, s.Clocks);

        Assert.Equal(SlaClockState.Cancelled, s.ClockOf(SlaMilestone.Escalation).State);
        Assert.Equal(SlaClockState.Cancelled, s.ClockOf(SlaMilestone.Resolution).State);
        Assert.Equal(SlaClockState.Running, s.ClockOf(SlaMilestone.ComplaintReply).State);
        Assert.Equal("ComplaintCloseNeedsReply", Assert.Throws<DomainException>(() => s.Complaint.Close(ComplaintScenario.Desk, s.Now, s.Clocks)).Code);
        Assert.Equal("ComplaintInvalid", Assert.Throws<DomainException>(() => s.Complaint.Resolve("x", ComplaintScenario.Desk, s.Now, s.Clocks)).Code);

        s.Reply();
        Assert.Null(s.Complaint.Close(ComplaintScenario.Desk, s.Now, s.Clocks));
        Assert.Equal(ComplaintStatus.Closed, s.Complaint.Status);
    }

    [Fact]
    public void A_dissatisfied_callback_reopens_the_complaint_with_a_fresh_resolution_clock_and_a_good_one_leaves_it_closed()
    {
        var s = new ComplaintScenario(ComplaintTier.Important);
        s.AfterMinutes(20).ResolveAndTell();
        var callback = s.Complaint.Close(ComplaintScenario.Desk, s.Now, s.Clocks)!;

        s.After(TimeSpan.FromDays(2));
        var reopened = callback.RecordReached(false, true, 3, "噪音依旧", ComplaintScenario.Desk, s.Now, s.Clocks, s.Complaint);

        Assert.True(reopened);
        Assert.Equal((ComplaintStatus.Handling, 1), (s.Complaint.Status, s.Complaint.ReopenCount));
        var resolution = s.Clocks.All.Last(c => c.Milestone == SlaMilestone.Resolution && c.IsOpen);
        Assert.Equal(s.Now.AddDays(3), resolution.DueAt);
        Assert.Equal([ComplaintEventKind.CallbackRecorded, ComplaintEventKind.Reopened], s.Complaint.Events.TakeLast(2).Select(e => e.Kind));

        var good = new ComplaintScenario();
        good.AfterMinutes(20).ResolveAndTell();
        var cb = good.Complaint.Close(ComplaintScenario.Desk, good.Now, good.Clocks)!;
        Assert.False(cb.RecordReached(true, true, 9, null, ComplaintScenario.Desk, good.Now.AddDays(3), good.Clocks, good.Complaint));
        Assert.Equal(ComplaintStatus.Closed, good.Complaint.Status);
    }

    [Fact]
    public void Handing_a_complaint_to_someone_else_moves_its_clocks_and_records_both_names_and_the_approver()
    {
        var s = new ComplaintScenario(ComplaintTier.Important);
        s.Complaint.TransferOwnership("desk-2", "前台李娜", "王芳休假", ComplaintScenario.Supervisor, ComplaintScenario.Supervisor, s.Now, s.Clocks);

        Assert.Equal(("desk-2", "前台李娜"), (s.Complaint.OwnerId, s.Complaint.OwnerName));
        Assert.All(s.Clocks.All.Where(c => c.IsOpen), c => Assert.Equal("desk-2", c.AssigneeId));
        Assert.Equal("前台王芳 → 前台李娜 (主管陈静): 王芳休假", s.Complaint.Events.Last().Note);
    }

    [Fact]
    public void Every_step_of_a_complaint_writes_a_timeline_event_with_who_and_when()
    {
        var s = new ComplaintScenario(ComplaintTier.Major);
        s.AfterMinutes(5).Reply();
        s.Complaint.AcknowledgeEscalation(ComplaintScenario.Manager, s.Now, s.Clocks);
        s.Complaint.Assign("工程部", "tech-1", "李师傅", ComplaintResponsibility.Company, ComplaintScenario.Desk, s.Now);
        s.Complaint.AddNote("现场查看:井盖松动", ComplaintScenario.Desk, s.Now);
        s.ResolveAndTell();
        s.Complaint.Close(ComplaintScenario.Desk, s.Now, s.Clocks);

        Assert.Equal(
            [
                ComplaintEventKind.Accepted, ComplaintEventKind.Replied, ComplaintEventKind.EscalationAcknowledged, ComplaintEventKind.Assigned,
                ComplaintEventKind.Note, ComplaintEventKind.PlanProposed, ComplaintEventKind.PlanApproved, ComplaintEventKind.CustomerAgreed,
                ComplaintEventKind.Resolved, ComplaintEventKind.ResultNotified, ComplaintEventKind.Closed,
            ],
            s.Complaint.Events.Select(e => e.Kind));
        Assert.All(s.Complaint.Events, e => Assert.False(string.IsNullOrEmpty(e.ActorName)));
        Assert.Equal("王经理", s.Complaint.Events.Single(e => e.Kind == ComplaintEventKind.PlanApproved).ActorName);
    }

    [Fact]
    public void A_closed_complaint_refuses_every_further_change()
    {
        var s = new ComplaintScenario();
        s.ResolveAndTell();
        s.Complaint.Close(ComplaintScenario.Desk, s.Now, s.Clocks);

        Assert.Throws<DomainException>(() => s.Reply());
        Assert.Throws<DomainException>(() => s.Complaint.AddNote("x", ComplaintScenario.Desk, s.Now));
        Assert.Throws<DomainException>(() => s.Complaint.ChangeTier(ComplaintTier.Major, "x", ComplaintScenario.Desk, s.Now, s.Clocks));
        Assert.Throws<DomainException>(() => s.Complaint.Close(ComplaintScenario.Desk, s.Now, s.Clocks));
    }
}

public sealed class ComplaintRetierTests
{
    [Fact]
    public void An_important_complaint_acknowledged_by_the_supervisor_and_then_found_major_must_still_reach_the_manager()
    {
        var s = new ComplaintScenario(ComplaintTier.Important);
        s.AfterMinutes(20).Complaint.AcknowledgeEscalation(ComplaintScenario.Supervisor, s.Now, s.Clocks);
        s.AfterMinutes(60).Complaint.ChangeTier(ComplaintTier.Major, "涉及安全", ComplaintScenario.Supervisor, s.Now, s.Clocks);

        Assert.Null(s.Complaint.EscalationAcknowledgedAt);
        var escalation = s.Clocks.Open(SlaMilestone.Escalation);
        Assert.NotNull(escalation);
        Assert.Equal("2026-03-02 18:00:00", China.Local(escalation.DueAt));
        s.Complaint.AcknowledgeEscalation(ComplaintScenario.Manager, s.Now, s.Clocks);
        Assert.Equal("王经理", s.Complaint.EscalationAcknowledgedBy);
    }

    [Fact]
    public void A_plan_waiting_for_the_manager_goes_straight_to_the_customer_when_the_complaint_is_lowered_and_back_when_raised()
    {
        var s = new ComplaintScenario(ComplaintTier.Major);
        s.Complaint.ProposePlan("更换井盖", ComplaintScenario.Desk, s.Now, s.Clocks);
        s.Complaint.ChangeTier(ComplaintTier.Important, "核实后影响有限", ComplaintScenario.Supervisor, s.Now, s.Clocks);

        Assert.Equal(ComplaintStatus.AwaitingAgreement, s.Complaint.Status);
        Assert.Equal(SlaClockState.Cancelled, s.ClockOf(SlaMilestone.PlanApproval).State);

        s.Complaint.ChangeTier(ComplaintTier.Major, "业主家中老人受伤", ComplaintScenario.Supervisor, s.Now, s.Clocks);
        Assert.Equal(ComplaintStatus.PlanPendingApproval, s.Complaint.Status);
        Assert.Equal(SlaClockState.Running, s.ClockOf(SlaMilestone.PlanApproval).State);
    }
}
