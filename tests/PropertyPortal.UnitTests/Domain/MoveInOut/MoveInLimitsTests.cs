using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.MoveInOut;
using PropertyPortal.Domain.Sla;
using PropertyPortal.UnitTests.TestSupport;

namespace PropertyPortal.UnitTests.Domain.MoveInOut;

/// <summary>
/// The move-in, custody and move-out limits as settings of the property's policy (issue 15): each clock is due
/// exactly at the configured value — met at that instant, breached one tick later — and the two new clocks: the
/// move-in's reception at the booked time (002 L27) and the heavy-rain patrol of units in custody (000 L208).
/// </summary>
public sealed class MoveInLimitsTests
{
    private static readonly Actor Desk = new("desk-1", "张前台");
    private static readonly Actor Supervisor = new("sup-1", "李主管");
    private static readonly Guid UnitId = Guid.CreateVersion7();
    private static readonly Guid CustomerId = Guid.CreateVersion7();

    /// <summary>A policy with unusual values for every move-in limit, so a test proves the setting and not the seed's default.</summary>
    private static SlaPolicy Configured(int moveOutMinutes = 47, int patrolDays = 3, int callbackMonths = 2, int graceMinutes = 7, int rainHours = 5,
        decimal water = 0.5m, decimal electricity = 3.25m)
    {
        var policy = SlaPolicy.CreateDefault(China.PropertyId);
        policy.UpdateMoveIns(moveOutMinutes, patrolDays, callbackMonths, graceMinutes, rainHours, water, electricity);
        return policy;
    }

    private static ClockSet Clocks(SlaPolicy policy) => new([], China.Context(policy));

    private static MoveIn Book(DateTime appointment, DateTime now, ClockSet clocks) =>
        new("RZ20260302-0001", China.PropertyId, UnitId, CustomerId, MoveInApplicant.Owner, null, appointment, null, false, Desk, now, clocks);

    private static void AssertDueExactly(SlaClock clock, DateTime due)
    {
        Assert.Equal(due, clock.DueAt);
        Assert.False(clock.IsBreachedAt(due));
        Assert.True(clock.IsBreachedAt(due.AddTicks(1)));
    }

    // ---- The policy ----

    [Fact]
    public void A_new_policy_carries_the_seeds_move_in_limits()
    {
        var p = SlaPolicy.CreateDefault(China.PropertyId);
        Assert.Equal((30, 7, 1, 0, 24, 5m, 20m),
            (p.MoveOutMinutes, p.CustodyPatrolDays, p.NewHouseholdCallbackMonths, p.MoveInReceptionGraceMinutes, p.CustodyRainPatrolHours, p.CustodyWaterLimit,
                p.CustodyElectricityLimit));
    }

    [Theory]
    [InlineData(0, 7, 1, 0, 24, "5", "20")]
    [InlineData(10081, 7, 1, 0, 24, "5", "20")]
    [InlineData(30, 0, 1, 0, 24, "5", "20")]
    [InlineData(30, 91, 1, 0, 24, "5", "20")]
    [InlineData(30, 7, 0, 0, 24, "5", "20")]
    [InlineData(30, 7, 13, 0, 24, "5", "20")]
    [InlineData(30, 7, 1, -1, 24, "5", "20")]
    [InlineData(30, 7, 1, 1441, 24, "5", "20")]
    [InlineData(30, 7, 1, 0, 0, "5", "20")]
    [InlineData(30, 7, 1, 0, 169, "5", "20")]
    [InlineData(30, 7, 1, 0, 24, "0", "20")]
    [InlineData(30, 7, 1, 0, 24, "5", "0.001")]
    [InlineData(30, 7, 1, 0, 24, "100000.01", "20")]
    public void Limits_out_of_range_are_refused_and_nothing_changes(int moveOut, int patrolDays, int months, int grace, int rainHours, string water, string electricity)
    {
        var p = SlaPolicy.CreateDefault(China.PropertyId);
        var refused = Assert.Throws<DomainException>(() => p.UpdateMoveIns(moveOut, patrolDays, months, grace, rainHours,
            decimal.Parse(water, System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(electricity, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("SlaPolicyInvalid", refused.Code);
        Assert.Equal((30, 7, 5m), (p.MoveOutMinutes, p.CustodyPatrolDays, p.CustodyWaterLimit));
    }

    [Fact]
    public void The_extremes_of_each_range_are_kept()
    {
        var p = SlaPolicy.CreateDefault(China.PropertyId);
        p.UpdateMoveIns(10080, 90, 12, 1440, 168, 100_000m, 0.01m);
        Assert.Equal((10080, 90, 12, 1440, 168, 100_000m, 0.01m),
            (p.MoveOutMinutes, p.CustodyPatrolDays, p.NewHouseholdCallbackMonths, p.MoveInReceptionGraceMinutes, p.CustodyRainPatrolHours, p.CustodyWaterLimit,
                p.CustodyElectricityLimit));
    }

    // ---- 入住接待: at the booked time (002 L27) ----

    [Fact]
    public void A_booking_starts_a_reception_clock_due_at_the_appointment_plus_the_configured_grace_handled_by_the_booker()
    {
        var booked = China.Time("2026-03-02 09:00");
        var appointment = China.Time("2026-03-05 10:00");
        var clocks = Clocks(Configured(graceMinutes: 7));

        var m = Book(appointment, booked, clocks);

        var clock = Assert.Single(clocks.Started);
        Assert.Equal((SlaSubject.MoveIn, m.Id, SlaMilestone.MoveInReception, "desk-1", booked, SlaTargetKind.Appointment),
            (clock.Subject, clock.SubjectId, clock.Milestone, clock.AssigneeId, clock.StartedAt, clock.TargetKind));
        AssertDueExactly(clock, China.Time("2026-03-05 10:07"));
    }

    [Fact]
    public void Receiving_the_household_at_the_due_instant_meets_the_clock_on_time_and_one_tick_later_is_late()
    {
        var appointment = China.Time("2026-03-05 10:00");
        var due = appointment.AddMinutes(7);
        var onTime = Clocks(Configured(graceMinutes: 7));
        var m = Book(appointment, China.Time("2026-03-02 09:00"), onTime);
        m.Receive(Desk, due, onTime);
        var met = Assert.Single(onTime.All);
        Assert.Equal((SlaClockState.Met, due, 0, false), (met.State, met.MetAt, met.MinutesEarly, met.IsBreachedAt(due.AddDays(1))));

        var late = Clocks(Configured(graceMinutes: 7));
        var other = Book(appointment, China.Time("2026-03-02 09:00"), late);
        other.Receive(Desk, due.AddTicks(1), late);
        var breached = Assert.Single(late.All);
        Assert.Equal(SlaClockState.Met, breached.State);
        Assert.True(breached.IsBreachedAt(due.AddDays(1)));
        Assert.True(breached.MinutesEarly < 0);
    }

    [Fact]
    public void A_walk_in_booked_at_or_after_its_appointment_promises_nothing_and_has_no_clock_unless_the_grace_is_still_ahead()
    {
        var now = China.Time("2026-03-02 09:00:30");
        var walkIn = Clocks(Configured(graceMinutes: 0));
        Book(China.Time("2026-03-02 09:00"), now, walkIn);
        Assert.Empty(walkIn.Started);

        var graced = Clocks(Configured(graceMinutes: 10));
        Book(China.Time("2026-03-02 09:00"), now, graced);
        AssertDueExactly(Assert.Single(graced.Started), China.Time("2026-03-02 09:10"));
    }

    [Fact]
    public void Rescheduling_before_the_appointment_moves_the_same_clock_and_after_a_missed_one_ends_it_and_starts_a_new_promise()
    {
        var policy = Configured(graceMinutes: 7);
        var clocks = Clocks(policy);
        var m = Book(China.Time("2026-03-05 10:00"), China.Time("2026-03-02 09:00"), clocks);
        var first = Assert.Single(clocks.All);

        m.Reschedule(China.Time("2026-03-06 14:00"), Desk, China.Time("2026-03-03 09:00"), clocks);
        Assert.Same(first, Assert.Single(clocks.All));
        AssertDueExactly(first, China.Time("2026-03-06 14:07"));

        // The household never came: the clock of that appointment ends, the new time has a clock of its own.
        m.Reschedule(China.Time("2026-03-09 09:30"), Desk, China.Time("2026-03-06 15:00"), clocks);
        Assert.Equal(2, clocks.All.Count);
        Assert.Equal(SlaClockState.Cancelled, first.State);
        var second = clocks.Open(SlaMilestone.MoveInReception)!;
        Assert.Equal(China.Time("2026-03-06 15:00"), second.StartedAt);
        AssertDueExactly(second, China.Time("2026-03-09 09:37"));

        m.Receive(Desk, China.Time("2026-03-09 09:20"), clocks);
        Assert.Equal((SlaClockState.Met, 17), (second.State, second.MinutesEarly));
    }

    [Fact]
    public void Cancelling_a_booked_move_in_cancels_its_reception_clock()
    {
        var clocks = Clocks(Configured());
        var m = Book(China.Time("2026-03-05 10:00"), China.Time("2026-03-02 09:00"), clocks);

        m.Cancel("业主改期未定", Desk, China.Time("2026-03-03 09:00"), clocks);

        Assert.Equal(SlaClockState.Cancelled, Assert.Single(clocks.All).State);
    }

    // ---- 新住户回访: calendar months (002 L13) ----

    [Theory]
    [InlineData(1, "2026-01-31 10:00", "2026-02-28 10:00")]
    [InlineData(2, "2026-01-31 10:00", "2026-03-31 10:00")]
    [InlineData(3, "2026-11-30 23:59:59", "2027-02-28 23:59:59")]
    [InlineData(12, "2028-02-29 08:00", "2029-02-28 08:00")]
    public void The_new_household_s_callback_is_due_the_configured_calendar_months_later_on_the_wall_clock(int months, string completed, string due)
    {
        var context = China.Context(Configured(callbackMonths: months));
        Assert.Equal(China.Time(due), MoveIn.CallbackDue(context, China.Time(completed)));
    }

    // ---- 托管房巡查: the interval and the meter limits (000 L208) ----

    [Fact]
    public void A_patrol_meets_the_unit_s_clocks_and_starts_the_next_regular_one_the_configured_days_later()
    {
        var policy = Configured(patrolDays: 3);
        var clocks = Clocks(policy);
        var first = CustodyPatrol.StartWeekly(clocks, China.PropertyId, UnitId, China.Time("2026-03-02 09:00"));
        AssertDueExactly(first, China.Time("2026-03-05 09:00"));

        var at = China.Time("2026-03-05 09:00");
        CustodyPatrol.Record(China.PropertyId, UnitId, "门窗完好", false, null, null, null, null, Desk, at, clocks);

        Assert.Equal((SlaClockState.Met, 0), (first.State, first.MinutesEarly));
        var next = clocks.Open(SlaMilestone.CustodyPatrol)!;
        Assert.NotSame(first, next);
        Assert.Equal((SlaSubject.CustodyUnit, UnitId, at), (next.Subject, next.SubjectId, next.StartedAt));
        AssertDueExactly(next, China.Time("2026-03-08 09:00"));
    }

    [Theory]
    [InlineData("100.50", "200", false)]
    [InlineData("100.51", "200", true)]
    [InlineData("100", "203.25", false)]
    [InlineData("100", "203.26", true)]
    public void The_meter_alarm_is_raised_only_past_the_property_s_configured_limits(string water, string electricity, bool alarm)
    {
        var clocks = Clocks(Configured(water: 0.5m, electricity: 3.25m));
        var patrol = CustodyPatrol.Record(China.PropertyId, UnitId, "抄表", false, decimal.Parse(water, System.Globalization.CultureInfo.InvariantCulture),
            decimal.Parse(electricity, System.Globalization.CultureInfo.InvariantCulture), 100m, 200m, Desk, China.Time("2026-03-02 09:00"), clocks);
        Assert.Equal(alarm, patrol.MeterAlarm);
    }

    // ---- 大雨巡查 (000 L208) ----

    [Fact]
    public void A_rain_order_starts_one_clock_per_unit_in_custody_due_the_configured_hours_later_handled_by_whoever_ordered_it()
    {
        var clocks = Clocks(Configured(rainHours: 5));
        var ordered = China.Time("2026-07-10 16:00");
        Guid[] units = [Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7()];
        var order = new RainPatrolOrder(China.PropertyId, new DateOnly(2026, 7, 10), RainPatrolPhase.Before, " 暴雨橙色预警 ", Supervisor, ordered);

        var started = order.StartPatrols([.. units, units[0]], clocks);

        Assert.Equal(units.Order(), started.Select(c => c.SubjectId).Order());
        Assert.All(started, c =>
        {
            Assert.Equal((SlaSubject.CustodyUnit, SlaMilestone.CustodyRainPatrol, "sup-1", ordered), (c.Subject, c.Milestone, c.AssigneeId, c.StartedAt));
            AssertDueExactly(c, China.Time("2026-07-10 21:00"));
        });
        Assert.Equal((3, (DateTime?)China.Time("2026-07-10 21:00"), "暴雨橙色预警", "李主管"), (order.Units, order.DueAt, order.Reason, order.OrderedByName));
    }

    [Fact]
    public void A_unit_whose_rain_patrol_is_still_open_gets_no_second_clock_and_the_next_patrol_meets_it()
    {
        var clocks = Clocks(Configured(rainHours: 5));
        var unit = Guid.CreateVersion7();
        var other = Guid.CreateVersion7();
        new RainPatrolOrder(China.PropertyId, new DateOnly(2026, 7, 10), RainPatrolPhase.Before, "预警", Supervisor, China.Time("2026-07-10 08:00"))
            .StartPatrols([unit], clocks);

        var again = new RainPatrolOrder(China.PropertyId, new DateOnly(2026, 7, 10), RainPatrolPhase.After, "雨后", Supervisor, China.Time("2026-07-10 12:00"));
        var started = again.StartPatrols([unit, other], clocks);

        Assert.Equal([other], started.Select(c => c.SubjectId));
        Assert.Equal(1, again.Units);
        Assert.Single(clocks.All, c => c.SubjectId == unit);

        var patrolled = China.Time("2026-07-10 13:00");
        CustodyPatrol.Record(China.PropertyId, unit, "阳台无积水", false, null, null, null, null, Desk, patrolled, clocks);
        var rain = clocks.All.Single(c => c.SubjectId == unit && c.Milestone == SlaMilestone.CustodyRainPatrol);
        Assert.Equal((SlaClockState.Met, (DateTime?)patrolled), (rain.State, rain.MetAt));
        Assert.True(clocks.All.Single(c => c.SubjectId == other).IsOpen);
    }

    [Fact]
    public void A_rain_order_needs_a_reason_of_at_most_200_characters()
    {
        var now = China.Time("2026-07-10 08:00");
        Assert.Equal("Required", Assert.Throws<DomainException>(() => new RainPatrolOrder(China.PropertyId, new DateOnly(2026, 7, 10), RainPatrolPhase.Before, " ", Supervisor, now)).Code);
        Assert.Equal("RainPatrolReasonTooLong",
            Assert.Throws<DomainException>(() => new RainPatrolOrder(China.PropertyId, new DateOnly(2026, 7, 10), RainPatrolPhase.Before, new string('雨', 201), Supervisor, now)).Code);
        Assert.Equal(200, new RainPatrolOrder(China.PropertyId, new DateOnly(2026, 7, 10), RainPatrolPhase.After, new string('雨', 200), Supervisor, now).Reason.Length);
    }

    // ---- 迁出: the counter's minutes (002 L40) ----

    [Fact]
    public void A_move_out_is_due_the_configured_minutes_after_it_is_opened_and_met_exactly_then()
    {
        var opened = China.Time("2026-03-02 09:00");
        var clocks = Clocks(Configured(moveOutMinutes: 47));
        var m = new MoveOut("QC20260302-0001", China.PropertyId, UnitId, CustomerId, Guid.CreateVersion7(), new DateOnly(2026, 3, 2), "沙发", 1, null, Desk, opened, clocks);
        var clock = Assert.Single(clocks.Started);
        AssertDueExactly(clock, China.Time("2026-03-02 09:47"));

        m.Complete(0m, null, canOverride: false, Desk, China.Time("2026-03-02 09:47"), clocks);

        Assert.Equal((SlaClockState.Met, 0, false), (clock.State, clock.MinutesEarly, clock.IsBreachedAt(opened.AddDays(1))));
    }

    [Fact]
    public void Every_step_of_a_move_out_is_on_its_timeline_with_who_and_when()
    {
        var opened = China.Time("2026-03-02 09:00");
        var clocks = Clocks(Configured());
        var m = new MoveOut("QC20260302-0001", China.PropertyId, UnitId, CustomerId, Guid.CreateVersion7(), new DateOnly(2026, 3, 2), "沙发", 1, null, Desk, opened, clocks);
        m.Complete(88.5m, " 已签还款协议 ", canOverride: true, Supervisor, opened.AddMinutes(20), clocks);

        Assert.Equal(
            [(MoveOutEventKind.Opened, "desk-1", opened, (string?)null), (MoveOutEventKind.Overridden, "sup-1", opened.AddMinutes(20), "88.50: 已签还款协议"),
                (MoveOutEventKind.Completed, "sup-1", opened.AddMinutes(20), null)],
            m.Events.Select(e => (e.Kind, e.ActorId!, e.At, e.Note)));
        Assert.Equal(m.Events.Cast<CaseEvent>(), ((ICase)m).Timeline);
        Assert.All(m.Events, e => Assert.Equal(China.PropertyId, e.PropertyId));

        var cancelled = Clocks(Configured());
        var other = new MoveOut("QC20260302-0002", China.PropertyId, UnitId, CustomerId, Guid.CreateVersion7(), new DateOnly(2026, 3, 2), "柜子", 0, null, Desk, opened, cancelled);
        other.Cancel(Desk, opened.AddMinutes(5), cancelled);
        Assert.Equal([MoveOutEventKind.Opened, MoveOutEventKind.Cancelled], other.Events.Select(e => e.Kind));
        Assert.Equal(SlaClockState.Cancelled, Assert.Single(cancelled.All).State);
    }
}
