using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Renovations;
using PropertyPortal.Domain.Sla;

namespace PropertyPortal.UnitTests.Domain.Renovations;

/// <summary>A refused step changes nothing; every open rectification is closed together; an arrival is recorded once.</summary>
public sealed class RenovationRefusalTests
{
    private static readonly Actor Desk = RenovationScenario.Desk;
    private static readonly Actor Engineer = RenovationScenario.Engineer;

    [Fact]
    public void Cancelling_without_a_reason_leaves_the_status_and_the_clocks_as_they_were()
    {
        var s = new RenovationScenario();
        var r = s.Renovation;
        Assert.Equal("Required", Assert.Throws<DomainException>(() => r.Cancel(" ", Desk, s.Now, s.Clocks)).Code);
        Assert.Equal(RenovationStatus.Submitted, r.Status);
        Assert.All(s.Clocks.All, c => Assert.Equal(SlaClockState.Running, c.State));
    }

    [Fact]
    public void A_failed_inspection_without_a_deadline_or_a_finding_changes_nothing()
    {
        var s = new RenovationScenario().Into(RenovationStatus.InspectionBooked);
        var r = s.Renovation;
        Assert.Equal("RectifyDeadlineRequired", Assert.Throws<DomainException>(() => r.Inspect(false, "闭水不合格", null, Engineer, s.Now, s.Clocks)).Code);
        Assert.Equal("Required", Assert.Throws<DomainException>(() => r.Inspect(false, " ", s.Now.AddDays(2), Engineer, s.Now, s.Clocks)).Code);
        Assert.Equal((RenovationStatus.InspectionBooked, (DateTime?)null), (r.Status, r.InspectionArrivedAt));
        Assert.Empty(s.ClocksOf(SlaMilestone.Inspection));
        Assert.Equal(SlaClockState.Running, s.ClockOf(SlaMilestone.InspectionArrival).State);
    }

    [Fact]
    public void Two_open_rectification_notices_are_both_met_when_the_works_are_put_right()
    {
        var s = new RenovationScenario().Into(RenovationStatus.InProgress);
        var r = s.Renovation;
        r.Patrol("堆料", "占用通道", s.Now.AddDays(1), Engineer, s.Now, s.Clocks);
        r.Patrol("噪音", "午休时间施工", s.Now.AddDays(2), Engineer, s.Now, s.Clocks);
        Assert.Equal(2, s.ClocksOf(SlaMilestone.Rectification).Count(c => c.State == SlaClockState.Running));

        r.Rectified("均已整改", Desk, s.Now.AddHours(3), s.Clocks);
        Assert.All(s.ClocksOf(SlaMilestone.Rectification), c => Assert.Equal(SlaClockState.Met, c.State));
        Assert.All(r.Patrols.Where(p => p.Violation is not null), p => Assert.NotNull(p.RectifiedAt));
    }

    [Fact]
    public void The_inspectors_arrival_is_recorded_once_and_appears_in_the_timeline()
    {
        var s = new RenovationScenario().Into(RenovationStatus.InspectionBooked);
        var r = s.Renovation;
        r.InspectorArrived(Engineer, s.Now, s.Clocks);
        Assert.Equal("InspectorAlreadyArrived", Assert.Throws<DomainException>(() => r.InspectorArrived(Engineer, s.Now, s.Clocks)).Code);
        Assert.Single(s.ClocksOf(SlaMilestone.Inspection));
        Assert.Equal(RenovationEventKind.InspectorArrived, r.Events[^1].Kind);
    }
}
