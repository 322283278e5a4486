using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Complaints;
using PropertyPortal.Domain.FrontDesk;
using PropertyPortal.Domain.Sla;
using PropertyPortal.UnitTests.Domain.Complaints;
using PropertyPortal.UnitTests.TestSupport;

namespace PropertyPortal.UnitTests.Domain.Sla;

/// <summary>
/// The limits issue 15 turned into settings and clocks: "same day" as service days (the complaint's escalation and
/// result), the supervisor's review of each day's log, the admins' clock for next year's calendar — each at the
/// boundary of a configured value, not only the default: met at the due instant, late one tick after.
/// </summary>
public sealed class SupervisionClockTests
{
    private static readonly Actor Supervisor = new("sup-1", "主管陈静");

    [Theory]
    [InlineData("2026-03-02 10:00:00", 0, "2026-03-02 18:00:00")] // Monday: the close of the same service day
    [InlineData("2026-03-02 10:00:00", 1, "2026-03-03 18:00:00")]
    [InlineData("2026-03-06 19:00:00", 0, "2026-03-07 17:00:00")] // Friday after closing: Saturday's rest-day hours
    [InlineData("2026-03-06 10:00:00", 2, "2026-03-08 17:00:00")] // Friday, Saturday, Sunday
    [InlineData("2026-09-30 10:00:00", 1, "2026-10-01 17:00:00")] // National Day is a holiday: rest-day hours
    public void Service_days_count_on_from_the_close_of_the_start_s_service_day(string start, int more, string due) =>
        Assert.Equal(due, China.Local(SlaTarget.ServiceDays(more).DueFrom(China.Time(start), China.Calendar2026())));

    [Fact]
    public void Service_days_skip_the_days_the_desk_is_closed()
    {
        var closedOnRestDays = China.Calendar2026(restDayHours: null);

        Assert.Equal("2026-03-09 18:00:00", China.Local(SlaTarget.ServiceDays(1).DueFrom(China.Time("2026-03-06 10:00:00"), closedOnRestDays)));
        Assert.Equal(SlaTarget.SameServiceDay, SlaTarget.ServiceDays(0));
        Assert.Equal("SlaTargetInvalid", Assert.Throws<DomainException>(() => SlaTarget.ServiceDays(-1)).Code);
    }

    [Fact]
    public void A_major_complaint_s_escalation_at_a_configured_one_service_day_is_met_at_its_due_instant()
    {
        var s = new ComplaintScenario(ComplaintTier.Major, "2026-03-02 09:00:00", policy: Policy(p => p.UpdateComplaintDays(1, 0)));
        var due = s.ClockOf(SlaMilestone.Escalation).DueAt;
        Assert.Equal("2026-03-03 18:00:00", China.Local(due));

        s.After(due - s.Now);
        s.Complaint.AcknowledgeEscalation(ComplaintScenario.Manager, s.Now, s.Clocks);

        Assert.Equal(SlaClockState.Met, s.ClockOf(SlaMilestone.Escalation).State);
        Assert.False(s.ClockOf(SlaMilestone.Escalation).IsBreachedAt(due));
    }

    [Fact]
    public void A_major_complaint_s_escalation_at_a_configured_one_service_day_is_late_one_tick_after()
    {
        var s = new ComplaintScenario(ComplaintTier.Major, "2026-03-02 09:00:00", policy: Policy(p => p.UpdateComplaintDays(1, 0)));
        var due = s.ClockOf(SlaMilestone.Escalation).DueAt;

        s.After(due - s.Now + TimeSpan.FromTicks(1));
        s.Complaint.AcknowledgeEscalation(ComplaintScenario.Manager, s.Now, s.Clocks);

        Assert.True(s.ClockOf(SlaMilestone.Escalation).IsBreachedAt(s.Now));
    }

    [Fact]
    public void By_default_the_major_complaint_reaches_the_manager_by_the_close_of_the_day_it_came()
    {
        var s = new ComplaintScenario(ComplaintTier.Major, "2026-03-02 09:00:00");

        Assert.Equal("2026-03-02 18:00:00", China.Local(s.ClockOf(SlaMilestone.Escalation).DueAt));
    }

    [Theory]
    [InlineData(0, "2026-03-02 18:00:00")]
    [InlineData(2, "2026-03-04 18:00:00")]
    public void The_result_is_due_to_the_complainant_by_the_close_of_the_configured_service_day(int days, string due)
    {
        var s = new ComplaintScenario(ComplaintTier.Minor, "2026-03-02 09:00:00", policy: Policy(p => p.UpdateComplaintDays(0, days)));
        s.AfterMinutes(60);
        s.Complaint.ProposePlan("调整巡逻路线", ComplaintScenario.Desk, s.Now, s.Clocks);
        s.Complaint.RecordAgreement(ReplyChannel.Phone, null, ComplaintScenario.Desk, s.Now, s.Clocks);
        s.Complaint.Resolve("已调整", ComplaintScenario.Desk, s.Now, s.Clocks);
        var clock = s.ClockOf(SlaMilestone.ResultNotice);
        Assert.Equal(due, China.Local(clock.DueAt));

        s.After(clock.DueAt - s.Now);
        s.Complaint.NotifyResult(ReplyChannel.Phone, null, ComplaintScenario.Desk, s.Now, s.Clocks);

        Assert.Equal((SlaClockState.Met, 0), (clock.State, clock.MinutesEarly));
        Assert.False(clock.IsBreachedAt(s.Now));
    }

    [Fact]
    public void A_day_s_review_runs_from_its_end_to_the_close_of_the_next_service_day_by_default_and_is_met_by_the_sign_off()
    {
        var log = new DailyLog(China.PropertyId, China.Date("2026-03-02"));
        var clocks = new ClockSet([], China.Context());

        log.StartReview(China.Time("2026-03-03 00:00:00"), clocks);
        var clock = Assert.Single(clocks.Started);
        Assert.Equal((SlaSubject.DailyLog, log.Id, SlaMilestone.DailyLogReview), (clock.Subject, clock.SubjectId, clock.Milestone));
        Assert.Equal("2026-03-03 18:00:00", China.Local(clock.DueAt));

        log.SignOff(Supervisor, clock.DueAt, China.Date("2026-03-03"), clocks);

        Assert.Equal((SlaClockState.Met, 0), (clock.State, clock.MinutesEarly));
    }

    [Fact]
    public void At_a_configured_three_service_days_the_review_is_met_at_the_due_instant_and_late_one_tick_after()
    {
        var policy = Policy(p => p.UpdateDailyLog(3));
        var onTime = new DailyLog(China.PropertyId, China.Date("2026-03-02"));
        var late = new DailyLog(China.PropertyId, China.Date("2026-03-02"));
        var (a, b) = (new ClockSet([], China.Context(policy)), new ClockSet([], China.Context(policy)));
        onTime.StartReview(China.Time("2026-03-03 00:00:00"), a);
        late.StartReview(China.Time("2026-03-03 00:00:00"), b);
        var due = a.All.Single().DueAt;
        Assert.Equal("2026-03-05 18:00:00", China.Local(due));

        onTime.SignOff(Supervisor, due, China.Date("2026-03-05"), a);
        late.SignOff(Supervisor, due.AddTicks(1), China.Date("2026-03-05"), b);

        Assert.False(a.All.Single().IsBreachedAt(due));
        Assert.True(b.All.Single().IsBreachedAt(due.AddTicks(1)));
    }

    [Fact]
    public void A_day_is_reviewed_once_and_a_day_signed_before_its_clock_counts_as_met_at_the_sign_off()
    {
        var log = new DailyLog(China.PropertyId, China.Date("2026-03-06"));
        var clocks = new ClockSet([], China.Context());
        log.SignOff(Supervisor, China.Time("2026-03-06 17:30:00"), China.Date("2026-03-06"), clocks);

        log.StartReview(China.Time("2026-03-07 00:00:00"), clocks);
        log.StartReview(China.Time("2026-03-07 00:00:00"), clocks);

        var clock = Assert.Single(clocks.All);
        Assert.Equal("2026-03-07 17:00:00", China.Local(clock.DueAt)); // Saturday: rest-day hours
        Assert.Equal((SlaClockState.Met, China.Time("2026-03-06 17:30:00")), (clock.State, clock.MetAt));
    }

    [Fact]
    public void The_review_s_ladder_tells_the_supervisors_and_the_managers_at_the_breach()
    {
        var ladder = SlaPolicy.CreateDefault(China.PropertyId).LadderFor(SlaMilestone.DailyLogReview);

        Assert.Equal(SlaRecipients.Supervisors, ladder.NoticeTo);
        Assert.Null(ladder.Supervisor);
        Assert.Equal((0, SlaRecipients.Managers), (ladder.Manager!.AfterMinutes, ladder.Manager.Recipients));
    }

    [Fact]
    public void Next_year_s_calendar_is_due_from_1_November_to_the_start_of_the_year_by_default()
    {
        var setting = new CalendarReminderSetting();
        var clocks = new ClockSet([], China.Context());

        var clock = CalendarYearDuty.Start(clocks, China.PropertyId, 2027, China.Time("2026-11-01 00:00:00"), setting);

        Assert.Equal(China.Date("2026-11-01"), setting.StartsOn(2026));
        Assert.Equal("2027-01-01 00:00:00", China.Local(clock.DueAt));
        Assert.Equal((SlaSubject.CalendarYear, 2027), (clock.Subject, CalendarYearDuty.YearOf(clock.SubjectId)));
        Assert.Equal(SlaRecipients.Admins, clock.NoticeTo);
        Assert.Null(clock.SupervisorAfterMinutes);
    }

    [Fact]
    public void At_a_configured_15_October_and_20_days_the_calendar_clock_is_met_at_its_due_instant_and_late_one_tick_after()
    {
        var setting = new CalendarReminderSetting();
        setting.Update(10, 15, 20);
        var start = China.Time("2027-10-15 00:00:00");
        var onTime = new ClockSet([], China.Context());
        var late = new ClockSet([], China.Context());
        var a = CalendarYearDuty.Start(onTime, China.PropertyId, 2028, start, setting);
        var b = CalendarYearDuty.Start(late, China.PropertyId, 2028, start, setting);
        Assert.Equal("2027-11-04 00:00:00", China.Local(a.DueAt));

        onTime.MeetAll(SlaMilestone.CalendarLoad, a.DueAt);
        late.MeetAll(SlaMilestone.CalendarLoad, b.DueAt.AddTicks(1));

        Assert.False(a.IsBreachedAt(a.DueAt));
        Assert.True(b.IsBreachedAt(b.DueAt.AddTicks(1)));
    }

    [Theory]
    [InlineData(2, 29, 61)] // a day that exists one year in four
    [InlineData(13, 1, 61)]
    [InlineData(11, 31, 61)]
    [InlineData(11, 1, 0)]
    [InlineData(11, 1, 367)]
    public void A_reminder_that_is_no_day_of_every_year_or_no_time_at_all_is_refused(int month, int day, int days) =>
        Assert.Equal("CalendarReminderInvalid", Assert.Throws<DomainException>(() => new CalendarReminderSetting().Update(month, day, days)).Code);

    [Fact]
    public void A_calendar_subject_is_its_year_and_nothing_else_reads_as_one()
    {
        Assert.Equal(2031, CalendarYearDuty.YearOf(CalendarYearDuty.SubjectOf(2031)));
        Assert.Null(CalendarYearDuty.YearOf(Guid.CreateVersion7()));
    }

    [Fact]
    public void Limits_out_of_range_are_refused_and_leave_the_policy_as_it_was()
    {
        var policy = SlaPolicy.CreateDefault(China.PropertyId);

        Assert.Equal("SlaPolicyInvalid", Assert.Throws<DomainException>(() => policy.UpdateCounter(0)).Code);
        Assert.Equal("SlaPolicyInvalid", Assert.Throws<DomainException>(() => policy.UpdateCounter(SlaPolicy.MaxCounterMinutes + 1)).Code);
        Assert.Equal("SlaPolicyInvalid", Assert.Throws<DomainException>(() => policy.UpdateComplaintDays(-1, 0)).Code);
        Assert.Equal("SlaPolicyInvalid", Assert.Throws<DomainException>(() => policy.UpdateComplaintDays(0, SlaPolicy.MaxServiceDays + 1)).Code);
        Assert.Equal("SlaPolicyInvalid", Assert.Throws<DomainException>(() => policy.UpdateDailyLog(0)).Code);
        Assert.Equal((10, 0, 0, 1), (policy.CounterServiceMinutes, policy.MajorEscalationServiceDays, policy.ResultNoticeServiceDays, policy.DailyLogSignOffServiceDays));
    }

    private static SlaPolicy Policy(Action<SlaPolicy> change)
    {
        var policy = SlaPolicy.CreateDefault(China.PropertyId);
        change(policy);
        return policy;
    }
}
