using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Fees;
using PropertyPortal.Domain.Sla;
using PropertyPortal.UnitTests.TestSupport;

namespace PropertyPortal.UnitTests.Domain.Fees;

/// <summary>柜台办理 (002 L41–L44): timed from the customer's arrival on the property's counter limit, met by the service given.</summary>
public sealed class CounterVisitTests
{
    private static readonly Actor Desk = new("desk-1", "前台王芳");
    private static readonly Guid Unit = Guid.CreateVersion7();
    private static readonly DateTime Arrived = China.Time("2026-03-02 09:00:00");

    private static (CounterVisit Visit, ClockSet Clocks) Open(int minutes = 10, DateTime? arrived = null, DateTime? now = null, CounterVisitKind kind = CounterVisitKind.Enquiry)
    {
        var policy = SlaPolicy.CreateDefault(China.PropertyId);
        policy.UpdateCounter(minutes);
        var clocks = new ClockSet([], China.Context(policy));
        var visit = CounterVisit.Open("GT20260302-0001", China.PropertyId, Unit, null, null, kind, "张先生", arrived ?? Arrived, Desk, now ?? Arrived, clocks);
        return (visit, clocks);
    }

    private static SlaClock Clock(ClockSet clocks) => clocks.All.Single(c => c.Milestone == SlaMilestone.CounterService);

    [Fact]
    public void The_default_limit_is_ten_minutes_from_the_arrival()
    {
        var (visit, clocks) = Open();

        Assert.Equal("2026-03-02 09:10:00", China.Local(Clock(clocks).DueAt));
        Assert.Equal((SlaSubject.CounterVisit, visit.Id, "desk-1"), (Clock(clocks).Subject, Clock(clocks).SubjectId, Clock(clocks).AssigneeId));
        Assert.Equal(CounterVisitEventKind.Opened, Assert.Single(visit.Events).Kind);
    }

    [Fact]
    public void At_a_configured_seven_minutes_an_answer_at_the_due_instant_is_on_time()
    {
        var (visit, clocks) = Open(minutes: 7);
        var due = Clock(clocks).DueAt;
        Assert.Equal(Arrived.AddMinutes(7), due);

        visit.RecordAnswer("管理费已缴至 2 月", Desk, due, clocks);

        Assert.Equal(SlaClockState.Met, Clock(clocks).State);
        Assert.False(Clock(clocks).IsBreachedAt(due));
        Assert.Equal(0, Clock(clocks).MinutesEarly);
        Assert.Equal((CounterVisitStatus.Done, "管理费已缴至 2 月"), (visit.Status, visit.Answer));
    }

    [Fact]
    public void At_a_configured_seven_minutes_one_tick_later_is_late()
    {
        var (visit, clocks) = Open(minutes: 7);
        var late = Clock(clocks).DueAt.AddTicks(1);

        visit.RecordReprint(Desk, late, clocks);

        Assert.True(Clock(clocks).IsBreachedAt(late));
        Assert.Equal(-1, Clock(clocks).MinutesEarly);
        Assert.Equal(late, visit.ReprintedAt);
    }

    [Fact]
    public void A_visit_opened_from_a_contact_logged_earlier_counts_from_the_contact()
    {
        var (_, clocks) = Open(arrived: Arrived, now: Arrived.AddMinutes(8));

        Assert.Equal(Arrived, Clock(clocks).StartedAt);
        Assert.Equal(Arrived.AddMinutes(10), Clock(clocks).DueAt);
    }

    [Fact]
    public void A_payment_for_the_unit_serves_the_visit_and_one_for_another_unit_is_refused()
    {
        var (visit, clocks) = Open(kind: CounterVisitKind.Payment);
        var fee = new Charge(China.PropertyId, Unit, null, null, FeeKind.OneOff, null, "有偿服务", 1, 50m, 50m, China.Date("2026-03-01"), "T:1", Desk, Arrived);
        var other = new Charge(China.PropertyId, Guid.CreateVersion7(), null, null, FeeKind.OneOff, null, "有偿服务", 1, 50m, 50m, China.Date("2026-03-01"), "T:2", Desk, Arrived);
        var wrong = Payment.Take(China.PropertyId, other.UnitId, null, "李四", PaymentKind.Counter, PaymentMethod.Cash, 50m, null, [other], 1, "R1", Desk, Arrived.AddMinutes(3));

        Assert.Equal("CounterVisitOtherUnit", Assert.Throws<DomainException>(() => visit.RecordPayment(wrong, Desk, Arrived.AddMinutes(3), clocks)).Code);
        Assert.True(visit.IsOpen);

        var right = Payment.Take(China.PropertyId, Unit, null, "张先生", PaymentKind.Counter, PaymentMethod.Cash, 50m, null, [fee], 2, "R2", Desk, Arrived.AddMinutes(4));
        visit.RecordPayment(right, Desk, Arrived.AddMinutes(4), clocks);

        Assert.Equal((CounterVisitStatus.Done, right.Id), (visit.Status, visit.PaymentId));
        Assert.Equal(6, Clock(clocks).MinutesEarly);
        Assert.Equal("R2", visit.Events[^1].Note);
    }

    [Fact]
    public void A_customer_who_leaves_unserved_cancels_the_clock_with_a_reason_and_nothing_more_is_done()
    {
        var (visit, clocks) = Open();

        Assert.Equal("Required", Assert.Throws<DomainException>(() => visit.Abandon(" ", Desk, Arrived.AddMinutes(2), clocks)).Code);
        visit.Abandon("客户赶时间先走了", Desk, Arrived.AddMinutes(2), clocks);

        Assert.Equal(SlaClockState.Cancelled, Clock(clocks).State);
        Assert.Equal(CounterVisitStatus.Abandoned, visit.Status);
        Assert.Equal("CounterVisitClosed", Assert.Throws<DomainException>(() => visit.RecordAnswer("补答", Desk, Arrived.AddMinutes(3), clocks)).Code);
    }

    [Fact]
    public void An_arrival_in_the_future_or_more_than_a_day_back_is_refused()
    {
        Assert.Equal("ReceivedInFuture", Assert.Throws<DomainException>(() => Open(arrived: Arrived.AddMinutes(2), now: Arrived)).Code);
        Assert.Equal("BackdateTooFar", Assert.Throws<DomainException>(() => Open(arrived: Arrived.AddHours(-25), now: Arrived)).Code);
    }
}
