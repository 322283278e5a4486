using PropertyPortal.Domain.Sla;
using PropertyPortal.UnitTests.TestSupport;

namespace PropertyPortal.UnitTests.Domain.Sla;

public sealed class ClockSetTests
{
    private static readonly DateTime Start = China.Time("2026-03-02 09:00:00");

    private static SlaClock Start10(ClockSet set, SlaMilestone milestone) =>
        set.Start(China.PropertyId, SlaSubject.RepairOrder, Guid.Empty, milestone, "a", SlaTarget.Minutes(10), Start);

    [Fact]
    public void Started_clocks_are_the_new_ones_to_save()
    {
        var loaded = new SlaClock(China.PropertyId, SlaSubject.RepairOrder, Guid.Empty, SlaMilestone.PhoneReply, null, SlaTarget.Minutes(15), Start, China.Calendar2026(), SlaLadder.Default);
        var set = new ClockSet([loaded], China.Context());

        var started = Start10(set, SlaMilestone.OnSite);

        Assert.Equal([loaded, started], set.All);
        Assert.Equal([started], set.Started);
    }

    [Fact]
    public void The_open_clock_of_a_milestone_is_the_latest_one_still_open()
    {
        var set = new ClockSet([], China.Context());
        var first = Start10(set, SlaMilestone.OnSite);
        first.Meet(Start.AddMinutes(5));
        var second = Start10(set, SlaMilestone.OnSite);

        Assert.Same(second, set.Open(SlaMilestone.OnSite));
        Assert.Null(set.Open(SlaMilestone.Finished));
    }

    [Fact]
    public void Meeting_a_milestone_without_an_open_clock_does_nothing()
    {
        var set = new ClockSet([], China.Context());

        set.Meet(SlaMilestone.Finished, Start);

        Assert.Empty(set.All);
    }

    [Fact]
    public void Pause_resume_and_cancel_apply_to_every_open_clock()
    {
        var set = new ClockSet([], China.Context());
        var a = Start10(set, SlaMilestone.OnSite);
        var b = Start10(set, SlaMilestone.PhoneReply);
        var met = Start10(set, SlaMilestone.WorkOrderIssued);
        met.Meet(Start.AddMinutes(1));

        set.PauseAll(Start.AddMinutes(2));
        Assert.All([a, b], c => Assert.Equal(SlaClockState.Paused, c.State));
        Assert.Equal(SlaClockState.Met, met.State);

        set.ResumeAll(Start.AddMinutes(12));
        Assert.All([a, b], c => Assert.Equal(Start.AddMinutes(20), c.DueAt));

        set.CancelAll();
        Assert.All([a, b], c => Assert.Equal(SlaClockState.Cancelled, c.State));
        Assert.Equal(SlaClockState.Met, met.State);
    }

    [Fact]
    public void Reassigning_moves_only_the_named_open_milestones()
    {
        var set = new ClockSet([], China.Context());
        var onSite = Start10(set, SlaMilestone.OnSite);
        var phone = Start10(set, SlaMilestone.PhoneReply);

        set.Reassign("b", SlaMilestone.OnSite, SlaMilestone.Finished);

        Assert.Equal("b", onSite.AssigneeId);
        Assert.Equal("a", phone.AssigneeId);
    }
}
