using PropertyPortal.Domain.Sla;
using PropertyPortal.UnitTests.TestSupport;

namespace PropertyPortal.UnitTests.Domain.Sla;

/// <summary>The hook the application's clock seam passes to a ClockSet so that a started clock is registered for saving at once.</summary>
public sealed class ClockSetStartHookTests
{
    private static readonly DateTime Start = China.Time("2026-03-02 09:00:00");

    [Fact]
    public void Every_clock_a_set_starts_is_handed_to_its_hook_once_and_loaded_clocks_are_not()
    {
        var loaded = new SlaClock(China.PropertyId, SlaSubject.RepairOrder, Guid.Empty, SlaMilestone.PhoneReply, null, SlaTarget.Minutes(15), Start,
            China.Calendar2026(), SlaLadder.Default);
        var registered = new List<SlaClock>();
        var set = new ClockSet([loaded], China.Context(), registered.Add);

        var onSite = set.Start(China.PropertyId, SlaSubject.RepairOrder, Guid.Empty, SlaMilestone.OnSite, "a", SlaTarget.Minutes(10), Start);
        var finished = set.Start(China.PropertyId, SlaSubject.RepairOrder, Guid.Empty, SlaMilestone.Finished, "a", SlaTarget.Minutes(60), Start);

        Assert.Equal([onSite, finished], registered);
        Assert.Equal(set.Started, registered);
    }

    [Fact]
    public void A_domain_method_that_starts_clocks_hands_them_all_to_the_hook()
    {
        var registered = new List<SlaClock>();
        var clocks = new ClockSet([], China.Context(), registered.Add);

        var order = PropertyPortal.Domain.Repairs.RepairOrder.Open("BX1",
            Repairs.RepairScenario.Intake(PropertyPortal.Domain.Repairs.RepairUrgency.Urgent, Repairs.RepairScenario.NewCategory(), PropertyPortal.Domain.Repairs.RepairBilling.Warranty, null, Start),
            Repairs.RepairScenario.Desk, Start, clocks);

        Assert.Equal([SlaMilestone.WorkOrderIssued, SlaMilestone.PhoneReply, SlaMilestone.OnSite], registered.Select(c => c.Milestone));
        Assert.All(registered, c => Assert.Equal(order.Id, c.SubjectId));
    }
}
