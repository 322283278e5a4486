using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.MoveInOut;
using PropertyPortal.Domain.Sla;
using PropertyPortal.UnitTests.TestSupport;

namespace PropertyPortal.UnitTests.Domain.MoveInOut;

/// <summary>迁出: 30 minutes at the counter; nothing owed, or a supervisor's reason.</summary>
public sealed class MoveOutTests
{
    private static readonly Actor Desk = new("u1", "张前台");
    private static readonly DateTime Start = new(2026, 12, 3, 2, 0, 0, DateTimeKind.Utc);

    private static (MoveOut MoveOut, ClockSet Clocks) Open()
    {
        var clocks = new ClockSet([], China.Context());
        var m = new MoveOut("QC20261203-0001", China.PropertyId, Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), new DateOnly(2026, 12, 3),
            "沙发 1 件", 2, "A3", Desk, Start, clocks);
        return (m, clocks);
    }

    [Fact]
    public void The_counter_clock_is_30_minutes_and_completing_with_nothing_owed_meets_it()
    {
        var (m, clocks) = Open();
        var clock = Assert.Single(clocks.Started);
        Assert.Equal((SlaMilestone.MoveOutDone, Start.AddMinutes(30)), (clock.Milestone, clock.DueAt));

        m.Complete(0m, null, canOverride: false, Desk, Start.AddMinutes(30), clocks);
        Assert.Equal((MoveOutStatus.Completed, SlaClockState.Met, 0), (m.Status, clock.State, clock.MinutesEarly));
        Assert.Equal("MoveOutClosed", Assert.Throws<DomainException>(() => m.Complete(0m, null, false, Desk, Start, clocks)).Code);
    }

    [Fact]
    public void Money_owed_refuses_unless_a_supervisor_gives_a_reason_and_the_amount_is_kept()
    {
        var (m, clocks) = Open();
        Assert.Equal("MoveOutFeesOwed", Assert.Throws<DomainException>(() => m.Complete(120.5m, "急", canOverride: false, Desk, Start, clocks)).Code);
        Assert.Equal("Required", Assert.Throws<DomainException>(() => m.Complete(120.5m, " ", canOverride: true, Desk, Start, clocks)).Code);
        Assert.Equal(MoveOutStatus.Open, m.Status);

        m.Complete(120.5m, "已签还款协议", canOverride: true, new Actor("s1", "李主管"), Start.AddMinutes(40), clocks);
        Assert.Equal((MoveOutStatus.Completed, 120.5m, "李主管"), (m.Status, m.OwedAtCompletion, m.OverrideByName));
        Assert.True(clocks.Started[0].MinutesEarly < 0);
    }

    [Fact]
    public void Keys_out_of_range_and_an_empty_item_list_are_refused()
    {
        Assert.Equal("KeysOutOfRange", Assert.Throws<DomainException>(() => new MoveOut("QC1", China.PropertyId, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(),
            new DateOnly(2026, 12, 3), "x", 51, null, Desk, Start, new ClockSet([], China.Context()))).Code);
        Assert.Equal("Required", Assert.Throws<DomainException>(() => new MoveOut("QC1", China.PropertyId, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(),
            new DateOnly(2026, 12, 3), " ", 1, null, Desk, Start, new ClockSet([], China.Context()))).Code);
    }
}
