using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Services;
using PropertyPortal.Domain.Sla;
using PropertyPortal.UnitTests.TestSupport;

namespace PropertyPortal.UnitTests.Domain.Services;

/// <summary>The catalog's promises as clocks (002 L30–L38, L61, L70): 10 minutes, 1 hour, working days across the holidays, met when done.</summary>
public sealed class ServiceClockTests
{
    [Fact]
    public void A_pass_is_due_10_minutes_after_it_was_received_and_breaches_one_second_later()
    {
        var s = new ServiceScenario(ServiceScenario.Catalog("Pass"), "2026-03-02 09:50:00");
        var clock = s.ClockOf(SlaMilestone.ServiceDone);

        Assert.Equal("2026-03-02 10:00:00", China.Local(clock.DueAt));
        Assert.Equal(SlaSubject.ServiceRequest, clock.Subject);
        Assert.Equal(ServiceScenario.Desk.UserId, clock.AssigneeId);
        Assert.False(clock.IsBreachedAt(China.Time("2026-03-02 10:00:00")));
        Assert.True(clock.IsBreachedAt(China.Time("2026-03-02 10:00:01")));
        Assert.Equal(ServiceStatus.Accepted, s.Request.Status);
    }

    [Fact]
    public void Done_at_the_due_instant_is_on_time_and_stops_the_clock()
    {
        var s = new ServiceScenario(ServiceScenario.Catalog("Pass"), "2026-03-02 09:50:00").After(TimeSpan.FromMinutes(10));

        s.Request.Complete("已发放", null, ServiceScenario.Desk, s.Now, s.Today, s.Clocks);

        var clock = s.ClockOf(SlaMilestone.ServiceDone);
        Assert.Equal(SlaClockState.Met, clock.State);
        Assert.Equal(0, clock.MinutesEarly);
        Assert.Null(clock.NextCheckAt);
        Assert.Equal(ServiceStatus.Completed, s.Request.Status);
        Assert.Equal([ServiceEventKind.Accepted, ServiceEventKind.Completed], s.Request.Events.Select(e => e.Kind));
    }

    [Fact]
    public void A_lost_property_enquiry_is_answered_within_the_hour()
    {
        var s = new ServiceScenario(ServiceScenario.Catalog("LostAndFound"), "2026-03-02 21:40:00");

        Assert.Equal("2026-03-02 22:40:00", China.Local(s.ClockOf(SlaMilestone.ServiceDone).DueAt));
        s.After(TimeSpan.FromMinutes(61)).Request.Complete("已查监控，未发现", null, ServiceScenario.Desk, s.Now, s.Today, s.Clocks);
        Assert.Equal(-1, s.ClockOf(SlaMilestone.ServiceDone).MinutesEarly);
    }

    [Fact]
    public void A_name_board_has_7_working_days_and_the_National_Day_week_does_not_count()
    {
        // Thu 24 Sep 2026: Mid-Autumn 25–27 Sep and National Day 1–7 Oct are off, Sat 10 Oct is a make-up working day.
        var s = new ServiceScenario(ServiceScenario.Catalog("NameBoard"), "2026-09-24 15:00:00");

        // 28, 29, 30 Sep; 8, 9, 10 (make-up), 12 Oct: the close of business on the 7th.
        Assert.Equal("2026-10-12 18:00:00", China.Local(s.ClockOf(SlaMilestone.ServiceDone).DueAt));
        Assert.False(s.ClockOf(SlaMilestone.ServiceDone).CalendarMissing);
    }

    [Fact]
    public void A_security_enquiry_taken_on_the_eve_of_the_Spring_Festival_is_due_on_the_first_working_day_after_it()
    {
        // Sat 14 Feb 2026 is a make-up working day; 15–23 Feb are off.
        var s = new ServiceScenario(ServiceScenario.Catalog("SecurityEnquiry"), "2026-02-14 16:00:00");

        Assert.Equal("2026-02-24 18:00:00", China.Local(s.ClockOf(SlaMilestone.ServiceDone).DueAt));
    }

    [Fact]
    public void A_release_runs_on_the_supervisors_10_minute_approval_clock_which_the_approval_meets()
    {
        var s = new ServiceScenario(ServiceScenario.Catalog("LargeItemRelease"), "2026-03-02 09:50:00", release: ReleaseRulesTests.Release(ReleaseRelation.Owner));

        Assert.Equal(ServiceStatus.PendingApproval, s.Request.Status);
        var approval = s.ClockOf(SlaMilestone.ServiceApproval);
        Assert.Equal("2026-03-02 10:00:00", China.Local(approval.DueAt));
        Assert.DoesNotContain(s.Clocks.All, c => c.Milestone == SlaMilestone.ServiceDone);

        s.After(TimeSpan.FromMinutes(7)).Request.Approve("核对无误", 0, ServiceScenario.Supervisor, s.Now, s.Today, s.Clocks);

        Assert.Equal(SlaClockState.Met, approval.State);
        Assert.Equal(3, approval.MinutesEarly);
        Assert.Equal(ServiceStatus.Approved, s.Request.Status);
        Assert.True(s.Request.SlipPrintable);
    }

    [Fact]
    public void Editing_the_catalog_does_not_move_a_request_already_taken()
    {
        var type = ServiceScenario.Catalog("Pass");
        var s = new ServiceScenario(type, "2026-03-02 09:50:00");

        type.Update(type.Name, null, true, true, true, SlaTarget.Minutes(30), type.HandlerRole, false, null, false, null, type.SortOrder, true);

        Assert.Equal("2026-03-02 10:00:00", China.Local(s.ClockOf(SlaMilestone.ServiceDone).DueAt));
        Assert.Equal((SlaTargetKind.Minutes, 10), (s.Request.TargetKind, s.Request.TargetValue));
    }

    [Fact]
    public void Cancelling_stops_the_clock_for_good_and_records_the_reason()
    {
        var s = new ServiceScenario(ServiceScenario.Catalog("Pass"));

        s.Request.Cancel("业主不需要了", ServiceScenario.Desk, s.Now, s.Clocks);

        Assert.Equal(SlaClockState.Cancelled, s.ClockOf(SlaMilestone.ServiceDone).State);
        Assert.Equal("业主不需要了", s.Request.Events[^1].Note);
        var refused = Assert.Throws<DomainException>(() => s.Request.Complete(null, null, ServiceScenario.Desk, s.Now, s.Today, s.Clocks));
        Assert.Equal("ServiceTransitionRefused", refused.Code);
    }

    [Theory]
    [InlineData(SlaTargetKind.Minutes, 0)]
    [InlineData(SlaTargetKind.Minutes, ServiceType.MaxMinutes + 1)]
    [InlineData(SlaTargetKind.WorkingDays, ServiceType.MaxWorkingDays + 1)]
    public void A_promise_out_of_range_is_refused(SlaTargetKind kind, int value)
    {
        var type = ServiceScenario.Catalog("Pass");
        var target = new SlaTarget(kind, value);

        var refused = Assert.Throws<DomainException>(() => type.Update("出入证", null, true, true, true, target, ServiceHandlerRole.FrontDesk, false, null, false, null, 10, true));
        Assert.Equal("ServiceTargetInvalid", refused.Code);
    }

    [Fact]
    public void A_fee_is_taken_only_for_a_service_that_charges_and_a_request_with_a_unit()
    {
        var free = new ServiceScenario(ServiceScenario.Catalog("Pass"));
        Assert.Equal("ServiceNoFee", Assert.Throws<DomainException>(() => free.Request.Complete(null, 20m, ServiceScenario.Desk, free.Now, free.Today, free.Clocks)).Code);

        var paid = new ServiceScenario(ServiceScenario.Catalog("NameBoard"));
        paid.Request.Complete("已安装", 300m, ServiceScenario.Desk, paid.Now, paid.Today, paid.Clocks);
        Assert.Equal(300m, paid.Request.Fee);
        Assert.Equal([ServiceEventKind.Accepted, ServiceEventKind.Completed, ServiceEventKind.Charged], paid.Request.Events.Select(e => e.Kind));
    }
}
