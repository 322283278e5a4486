using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Community;
using PropertyPortal.Domain.Notices;
using PropertyPortal.Domain.Sla;
using PropertyPortal.UnitTests.TestSupport;

namespace PropertyPortal.UnitTests.Domain.Community;

/// <summary>The state machines of the annual plan, an event and a notice, and what each refuses.</summary>
public sealed class EventStateTests
{
    private static readonly Actor Organiser = new("st", "陈管家");
    private static readonly Actor Manager = new("mgr", "王经理");
    private static readonly Actor Gm = new("gm", "周总");

    private static string Code(Action action) => Assert.Throws<DomainException>(action).Code;

    [Fact]
    public void An_annual_plan_is_submitted_returned_with_comments_submitted_again_and_approved_with_every_version_kept()
    {
        var clocks = new ClockSet([], China.Context());
        var plan = AnnualEventPlan.Open("CHHY-JH-2026", China.PropertyId, 2026, Organiser, China.Time("2025-12-01 09:00:00"), clocks);
        Assert.Equal("AnnualPlanEmpty", Code(() => plan.Submit(Organiser, China.Time("2025-12-02 09:00:00"), clocks)));

        plan.SetRows([(null, Line(3, "学雷锋")), (null, Line(6, "义诊"))], new HashSet<Guid>(), Organiser, China.Time("2025-12-02 09:00:00"));
        plan.Submit(Organiser, China.Time("2025-12-03 09:00:00"), clocks);
        Assert.Equal("AnnualPlanNotEditable", Code(() => plan.SetRows([], new HashSet<Guid>(), Organiser, China.Time("2025-12-03 10:00:00"))));
        Assert.Equal("Required", Code(() => plan.Return(" ", Gm, false, China.Time("2025-12-04 09:00:00"))));

        plan.Return("预算偏高", Gm, false, China.Time("2025-12-04 09:00:00"));
        Assert.Equal((AnnualPlanStatus.Returned, 2, "预算偏高"), (plan.Status, plan.CurrentVersion, plan.ReturnComment));
        Assert.Equal("AnnualPlanNotSubmitted", Code(() => plan.Approve(null, Gm, false, China.Time("2025-12-04 10:00:00"), clocks)));

        var kept = plan.Rows[0].Id;
        plan.SetRows([(kept, Line(3, "学雷锋志愿服务日", 600m))], new HashSet<Guid>(), Organiser, China.Time("2025-12-05 09:00:00"));
        Assert.Equal((kept, 1), (plan.Rows.Single().Id, plan.Rows.Count));
        plan.Submit(Organiser, China.Time("2025-12-05 10:00:00"), clocks);
        plan.Approve("同意", Manager, true, China.Time("2025-12-06 09:00:00"), clocks);

        Assert.Equal(AnnualPlanStatus.Approved, plan.Status);
        Assert.Equal([(1, PlanDecision.Returned, 2, false), (2, PlanDecision.Approved, 1, true)],
            plan.Versions.Select(v => (v.Number, v.Decision, v.Lines().Count, v.StandIn)));
        Assert.Equal(["学雷锋", "义诊"], plan.Versions[0].Lines().Select(l => l.Theme));
        Assert.Contains(plan.Events, e => e.Kind == AnnualPlanAction.Approved && e.Note!.StartsWith("代总经理", StringComparison.Ordinal));
        Assert.Equal(SlaClockState.Met, clocks.All.Single(c => c.Milestone == SlaMilestone.AnnualPlanApproval).State);
    }

    [Fact]
    public void A_row_events_were_made_from_cannot_be_removed_and_a_revision_is_a_new_version_to_approve()
    {
        var row = EventClockTests.PlanRow();
        var clocks = new ClockSet([], China.Context());
        var plan = AnnualEventPlan.Open("CHHY-JH-2027", China.PropertyId, 2027, Organiser, China.Time("2026-12-01 09:00:00"), clocks);
        plan.SetRows([(null, Line(4, "植树", date: new DateOnly(2027, 4, 12)))], new HashSet<Guid>(), Organiser, China.Time("2026-12-01 10:00:00"));
        plan.Submit(Organiser, China.Time("2026-12-02 10:00:00"), clocks);
        plan.Approve(null, Gm, false, China.Time("2026-12-03 10:00:00"), clocks);
        plan.Revise("增加重阳活动", Organiser, China.Time("2027-02-01 10:00:00"));
        Assert.Equal((AnnualPlanStatus.Draft, 2), (plan.Status, plan.CurrentVersion));
        var used = new HashSet<Guid> { plan.Rows[0].Id };
        Assert.Equal("AnnualPlanRowHasEvents", Code(() => plan.SetRows([], used, Organiser, China.Time("2027-02-01 11:00:00"))));
        Assert.Equal("AnnualPlanRowMonth", Code(() => plan.SetRows([(null, Line(4, "植树", date: new DateOnly(2026, 4, 12)))], new HashSet<Guid>(), Organiser, China.Time("2027-02-01 11:00:00"))));
        Assert.Equal("AnnualPlanNotApproved", Code(() => plan.Revise("再改", Organiser, China.Time("2027-02-01 12:00:00"))));
        Assert.NotEqual(Guid.Empty, row.Id);
    }

    [Fact]
    public void An_ad_hoc_event_waits_for_the_managers_approval_before_it_is_planned()
    {
        var clocks = new ClockSet([], China.Context());
        var e = CommunityEvent.Create("CHHY-HD-2026-009", China.PropertyId, EventClockTests.Sheet("2026-11-20 14:00:00"), null, Organiser,
            China.Time("2026-10-01 09:00:00"), clocks);
        Assert.Equal((CommunityEventStatus.Proposed, true), (e.Status, e.AdHoc));
        Assert.Equal("EventWrongState", Code(() => e.MarkFilled(Organiser, China.Time("2026-10-02 09:00:00"), clocks)));
        e.ApproveProposal(Manager, China.Time("2026-10-02 09:00:00"));
        e.MarkFilled(Organiser, China.Time("2026-10-03 09:00:00"), clocks);
        Assert.Equal(CommunityEventStatus.PlanFilled, e.Status);
        Assert.Equal([CommunityEventAction.Proposed, CommunityEventAction.ProposalApproved, CommunityEventAction.PlanFilled], e.Events.Select(x => x.Kind));
    }

    [Fact]
    public void An_event_cannot_start_in_the_past_nor_end_before_it_starts_and_an_incomplete_plan_form_cannot_be_marked_filled()
    {
        var clocks = new ClockSet([], China.Context());
        Assert.Equal("EventStartsInPast", Code(() => EventClockTests.Event("2026-11-20 14:00:00", "2026-11-20 14:00:00")));
        var late = EventClockTests.Sheet("2026-11-20 14:00:00") with { EndsAt = China.Time("2026-11-20 13:00:00") };
        Assert.Equal("EventEndsBeforeStart", Code(() => CommunityEvent.Create("X", China.PropertyId, late, EventClockTests.PlanRow(), Organiser, China.Time("2026-10-01 09:00:00"), clocks)));

        var bare = EventClockTests.Sheet("2026-11-20 14:00:00") with { EmergencyPlan = null, Budget = [] };
        var e = CommunityEvent.Create("X", China.PropertyId, bare, EventClockTests.PlanRow(), Organiser, China.Time("2026-10-01 09:00:00"), clocks);
        Assert.Equal(["EmergencyPlan", "Budget"], e.MissingPlanParts());
        Assert.Equal("EventPlanIncomplete", Code(() => e.MarkFilled(Organiser, China.Time("2026-10-02 09:00:00"), clocks)));
        Assert.Equal(CommunityEventStatus.Planning, e.Status);
    }

    [Fact]
    public void A_large_event_is_approved_only_after_the_police_station_is_told_and_approval_opens_the_readiness_checks()
    {
        var (e, clocks) = EventClockTests.Event("2026-11-20 14:00:00", "2026-10-20 09:00:00", expected: 201);
        Assert.True(e.Large);
        e.MarkFilled(Organiser, China.Time("2026-10-21 09:00:00"), clocks);
        e.Submit(null, Manager, China.Time("2026-10-22 09:00:00"), clocks);
        Assert.Equal("EventPoliceReportMissing", Code(() => e.Approve(null, Gm, false, China.Time("2026-10-23 09:00:00"), clocks)));
        Assert.Equal(CommunityEventStatus.Submitted, e.Status);

        e.RecordPoliceReport(new DateOnly(2026, 10, 23), "翠湖派出所 张警官", Organiser, China.Time("2026-10-23 10:00:00"));
        e.Approve("注意安保", Gm, false, China.Time("2026-10-23 11:00:00"), clocks);
        Assert.Equal(CommunityEventStatus.Approved, e.Status);
        Assert.Equal(Enum.GetValues<EventReadinessItem>(), e.Checks.Select(c => c.Item));
        e.CheckReadiness(EventReadinessItem.PermitsObtained, true, "已报批", Organiser, China.Time("2026-11-10 09:00:00"));
        Assert.True(e.Checks.Single(c => c.Item == EventReadinessItem.PermitsObtained).Done);

        var (small, _) = EventClockTests.Event("2026-11-20 14:00:00", "2026-10-20 09:00:00", expected: 200);
        Assert.False(small.Large);
    }

    [Fact]
    public void Invitations_go_once_per_household_after_approval_and_replies_and_check_ins_are_kept()
    {
        var (e, clocks) = EventClockTests.Event("2026-11-20 14:00:00", "2026-10-20 09:00:00");
        var a = Guid.CreateVersion7();
        var b = Guid.CreateVersion7();
        Assert.Equal("EventWrongState", Code(() => e.Invite([(a, null)], new HashSet<Guid>(), "Steward", Organiser, China.Time("2026-10-21 09:00:00"))));
        Approve(e, clocks);

        var first = e.Invite([(a, null), (a, null), (b, null)], new HashSet<Guid>(), "Steward", Organiser, China.Time("2026-11-01 09:00:00"));
        Assert.Equal(2, first.Count);
        Assert.Equal("EventNobodyToInvite", Code(() => e.Invite([(a, null)], new HashSet<Guid> { a, b }, "Steward", Organiser, China.Time("2026-11-01 10:00:00"))));
        Assert.Equal("2", e.Events[^1].Note);

        Assert.Equal("InvitationPeopleRange", Code(() => e.Reply(first[0], InvitationReply.Attending, null, Organiser, China.Time("2026-11-02 09:00:00"))));
        e.Reply(first[0], InvitationReply.Attending, 3, Organiser, China.Time("2026-11-02 09:00:00"));
        Assert.Equal((InvitationReply.Attending, 3), (first[0].Reply, first[0].People));
        Assert.Equal("EventCheckInNotOpen", Code(() => e.CheckIn(first[0], true, China.Time("2026-11-19 09:00:00"))));
        e.CheckIn(first[0], true, China.Time("2026-11-20 13:30:00"));
        Assert.True(first[0].Attended);
    }

    [Fact]
    public void The_record_is_filed_only_after_the_event_started_and_the_evaluation_is_reviewed_by_the_manager_and_approved_by_the_general_manager()
    {
        var (e, clocks) = EventClockTests.Event("2026-11-20 14:00:00", "2026-10-20 09:00:00");
        Approve(e, clocks);
        var sheet = new EventRecordSheet(45, "顺利", "电视台报道", e.Budget.ToDictionary(b => b.Id, b => b.Planned + 10m), [("雨伞", 50m)]);
        Assert.Equal("EventNotYetHeld", Code(() => e.RecordHeld(sheet, Organiser, China.Time("2026-11-20 13:59:59"))));
        e.RecordHeld(sheet, Organiser, China.Time("2026-11-20 14:00:00"));
        Assert.Equal((CommunityEventStatus.Held, 2000m, 2070m), (e.Status, e.PlannedBudget, e.ActualSpending));

        Assert.Equal("EventScoreRange", Code(() => e.Evaluate(true, 11, "好", Organiser, China.Time("2026-11-21 09:00:00"))));
        e.Evaluate(true, 8, "达到预期", Organiser, China.Time("2026-11-21 09:00:00"));
        Assert.Equal("EventWrongState", Code(() => e.ApproveEvaluation(null, Gm, false, China.Time("2026-11-21 10:00:00"))));
        Assert.Equal("Required", Code(() => e.ReviewEvaluation(false, null, Manager, China.Time("2026-11-22 09:00:00"))));
        e.ReviewEvaluation(false, "补充照片", Manager, China.Time("2026-11-22 09:00:00"));
        Assert.Equal(CommunityEventStatus.Held, e.Status);
        e.Evaluate(true, 9, "达到预期，照片已补", Organiser, China.Time("2026-11-22 10:00:00"));
        e.ReviewEvaluation(true, null, Manager, China.Time("2026-11-22 11:00:00"));
        e.ApproveEvaluation(null, Manager, true, China.Time("2026-11-23 09:00:00"));
        Assert.Equal((CommunityEventStatus.Closed, true), (e.Status, e.EvaluationApprovedByStandIn));
        Assert.Equal("EventWrongState", Code(() => e.Cancel("不办了", Manager, China.Time("2026-11-24 09:00:00"), clocks)));
    }

    [Fact]
    public void A_cancelled_event_keeps_its_reason_and_its_open_clocks_stop()
    {
        var (e, clocks) = EventClockTests.Event("2026-11-20 14:00:00", "2026-10-20 09:00:00");
        Assert.Equal("Required", Code(() => e.Cancel("", Manager, China.Time("2026-10-21 09:00:00"), clocks)));
        e.Cancel("场地施工", Manager, China.Time("2026-10-21 09:00:00"), clocks);
        Assert.Equal((CommunityEventStatus.Cancelled, "场地施工"), (e.Status, e.CancelReason));
        Assert.All(clocks.All, c => Assert.Equal(SlaClockState.Cancelled, c.State));
        Assert.Equal("EventWrongState", Code(() => e.ApproveProposal(Manager, China.Time("2026-10-22 09:00:00"))));
        Assert.Equal("EventPlanNotEditable", Code(() => e.EditPlan(EventClockTests.Sheet("2026-11-27 14:00:00"), Manager, China.Time("2026-10-22 09:00:00"), clocks)));
    }

    [Fact]
    public void A_notice_is_edited_only_as_a_draft_posted_only_once_approved_and_within_its_dates_and_archived_only_once_withdrawn()
    {
        var clocks = new ClockSet([], China.Context());
        Assert.Equal("NoticeWorkStartRequired", Code(() => PublicNotice.Draft("N", China.PropertyId,
            new NoticeDraft("停电", "检修", NoticeCategory.WaterPowerCut, AudienceScope.Property, [], null, China.Date("2026-11-10"), null), Organiser, China.Time("2026-11-10 09:00:00"), clocks)));
        Assert.Equal("AudienceNoBuildings", Code(() => PublicNotice.Draft("N", China.PropertyId,
            new NoticeDraft("停电", "检修", NoticeCategory.Other, AudienceScope.Buildings, [], null, China.Date("2026-11-10"), null), Organiser, China.Time("2026-11-10 09:00:00"), clocks)));

        var n = PublicNotice.Draft("CHHY-GG-2026-002", China.PropertyId,
            new NoticeDraft("缴费提醒", "请按时缴费", NoticeCategory.Fees, AudienceScope.Property, [], null, China.Date("2026-11-12"), null), Organiser, China.Time("2026-11-10 09:00:00"), clocks);
        Assert.Empty(clocks.All);
        Assert.Equal("NoticeWrongState", Code(() => n.Publish(Organiser, China.Time("2026-11-12 09:00:00"), clocks)));
        n.Approve(Manager, China.Time("2026-11-10 10:00:00"));
        Assert.Equal("NoticeWrongState", Code(() => n.Edit(new NoticeDraft("改", "改", NoticeCategory.Fees, AudienceScope.Property, [], null, China.Date("2026-11-12"), null),
            Organiser, China.Time("2026-11-10 11:00:00"), clocks)));
        Assert.Equal("NoticeOutsideDates", Code(() => n.Publish(Organiser, China.Time("2026-11-11 23:59:00"), clocks)));
        Assert.Equal("NoticeWrongState", Code(() => n.Archive(Organiser, China.Time("2026-11-12 09:00:00"))));
        n.Publish(Organiser, China.Time("2026-11-12 09:00:00"), clocks);
        Assert.Equal("Required", Code(() => n.Withdraw(" ", Organiser, China.Time("2026-11-13 09:00:00"), clocks)));
        n.Withdraw("内容有误", Organiser, China.Time("2026-11-13 09:00:00"), clocks);
        Assert.Equal("NoticeWrongState", Code(() => n.Withdraw("再撤", Organiser, China.Time("2026-11-13 10:00:00"), clocks)));
        n.Archive(Organiser, China.Time("2026-11-14 09:00:00"));
        Assert.Equal([NoticeAction.Drafted, NoticeAction.Approved, NoticeAction.Published, NoticeAction.Withdrawn, NoticeAction.Archived], n.Events.Select(e => e.Kind));
    }

    [Fact]
    public void Editing_a_draft_cut_notice_to_a_new_work_time_restarts_its_lead_clock_and_a_withdrawn_draft_stops_it()
    {
        var clocks = new ClockSet([], China.Context());
        var draft = new NoticeDraft("停水", "清洗水箱", NoticeCategory.WaterPowerCut, AudienceScope.Property, [], China.Time("2026-11-20 09:00:00"), China.Date("2026-11-10"), null);
        var n = PublicNotice.Draft("CHHY-GG-2026-003", China.PropertyId, draft, Organiser, China.Time("2026-11-10 09:00:00"), clocks);
        n.Edit(draft with { WorkStartsAt = China.Time("2026-11-25 09:00:00") }, Organiser, China.Time("2026-11-11 09:00:00"), clocks);
        Assert.Equal([(SlaClockState.Cancelled, "2026-11-19 09:00:00"), (SlaClockState.Running, "2026-11-24 09:00:00")],
            clocks.All.Select(c => (c.State, China.Local(c.DueAt))));
        n.Withdraw("取消施工", Organiser, China.Time("2026-11-12 09:00:00"), clocks);
        Assert.All(clocks.All, c => Assert.Equal(SlaClockState.Cancelled, c.State));
    }

    private static void Approve(CommunityEvent e, ClockSet clocks)
    {
        e.MarkFilled(Organiser, China.Time("2026-10-21 09:00:00"), clocks);
        e.Submit(null, Manager, China.Time("2026-10-22 09:00:00"), clocks);
        e.Approve(null, Gm, false, China.Time("2026-10-23 09:00:00"), clocks);
    }

    private static AnnualPlanLine Line(int month, string theme, decimal budget = 1000m, DateOnly? date = null) =>
        new(month, date, theme, "活动", "内容", budget, false);
}
