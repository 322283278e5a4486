using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.Domain.Sla;
using PropertyPortal.UnitTests.TestSupport;

namespace PropertyPortal.UnitTests.Domain.Sla;

/// <summary>
/// Ladders per milestone at their exact boundaries: a clock received at 10:00 with 10 minutes is due 10:10:00;
/// its breach is seen one tick later. A level at 0 minutes fires with the breach tick, a level that is absent
/// never fires (and the clock's next check skips it), a managers' level at +15 fires at exactly 10:25:00.
/// </summary>
public sealed class SlaLadderTests
{
    private static readonly DateTime Received = China.Time("2026-03-02 10:00:00");
    private static readonly DateTime Due = China.Time("2026-03-02 10:10:00");

    private static SlaClock Clock(SlaLadder ladder, int minutes = 10) =>
        new(China.PropertyId, SlaSubject.RepairOrder, Guid.CreateVersion7(), SlaMilestone.OnSite, "tech-1", SlaTarget.Minutes(minutes), Received,
            China.Calendar2026(), ladder);

    /// <summary>Fires what the sweep would at <paramref name="now"/> and returns the kinds.</summary>
    private static List<SlaEventKind> Sweep(SlaClock clock, DateTime now)
    {
        var due = clock.DueEvents(now);
        foreach (var (kind, _) in due)
        {
            clock.MarkFired(kind);
        }

        return [.. due.Select(d => d.Kind)];
    }

    private static readonly SlaLadder EmergencyOnSite = SlaLadder.SeedDefaults.Single(s => s.Milestone == SlaMilestone.OnSite && s.Urgency == RepairUrgency.Emergency).Ladder;

    [Fact]
    public void A_level_at_zero_minutes_fires_with_the_breach_tick_and_not_at_the_due_instant()
    {
        var clock = Clock(EmergencyOnSite);
        Assert.Equal([SlaEventKind.Warning], Sweep(clock, Due));
        Assert.Equal(Due.AddTicks(1), clock.NextCheckAt);

        Assert.Equal([SlaEventKind.Breach, SlaEventKind.EscalatedToSupervisor], Sweep(clock, Due.AddTicks(1)));
        Assert.Equal(Due.AddMinutes(15), clock.NextCheckAt);
    }

    [Fact]
    public void The_managers_level_at_fifteen_minutes_fires_at_exactly_due_plus_fifteen_minutes()
    {
        var clock = Clock(EmergencyOnSite);
        Sweep(clock, Due.AddTicks(1));

        Assert.Empty(Sweep(clock, Due.AddMinutes(15).AddTicks(-1)));
        Assert.Equal([SlaEventKind.EscalatedToManager], Sweep(clock, Due.AddMinutes(15)));
        Assert.Null(clock.NextCheckAt);
    }

    [Fact]
    public void A_missing_managers_level_never_fires_and_leaves_nothing_to_check_after_the_supervisors()
    {
        var clock = Clock(new SlaLadder(80, SlaRecipients.Handler, new SlaLadderLevel(15, SlaRecipients.Supervisors), null));

        Assert.Equal([SlaEventKind.Warning, SlaEventKind.Breach], Sweep(clock, Due.AddMinutes(15).AddTicks(-1)));
        Assert.Equal(Due.AddMinutes(15), clock.NextCheckAt);
        Assert.Equal([SlaEventKind.EscalatedToSupervisor], Sweep(clock, Due.AddMinutes(15)));
        Assert.Null(clock.NextCheckAt);
        Assert.Empty(Sweep(clock, Due.AddDays(30)));
        Assert.Null(clock.ScheduledAt(SlaEventKind.EscalatedToManager));
    }

    [Fact]
    public void A_missing_supervisors_level_is_skipped_the_next_check_after_the_breach_is_the_managers()
    {
        var clock = Clock(new SlaLadder(80, SlaRecipients.Supervisors, null, new SlaLadderLevel(15, SlaRecipients.Managers)));

        Assert.Equal([SlaEventKind.Warning, SlaEventKind.Breach], Sweep(clock, Due.AddTicks(1)));
        Assert.Equal(Due.AddMinutes(15), clock.NextCheckAt);
        Assert.Equal([SlaEventKind.EscalatedToManager], Sweep(clock, Due.AddMinutes(15)));
        Assert.Null(clock.ScheduledAt(SlaEventKind.EscalatedToSupervisor));
        Assert.Null(clock.NextCheckAt);
    }

    [Fact]
    public void A_ladder_without_escalations_stops_after_the_breach()
    {
        var clock = Clock(new SlaLadder(50, SlaRecipients.Handler, null, null));

        Assert.Equal([SlaEventKind.Warning], Sweep(clock, China.Time("2026-03-02 10:05:00")));
        Assert.Equal([SlaEventKind.Breach], Sweep(clock, Due.AddTicks(1)));
        Assert.Null(clock.NextCheckAt);
    }

    [Fact]
    public void A_late_sweep_catches_up_in_ladder_order_skipping_the_absent_level()
    {
        var clock = Clock(new SlaLadder(80, SlaRecipients.Handler, null, new SlaLadderLevel(15, SlaRecipients.Managers)));

        var due = clock.DueEvents(Due.AddHours(2));

        Assert.Equal(
            [(SlaEventKind.Warning, China.Time("2026-03-02 10:08:00")), (SlaEventKind.Breach, Due), (SlaEventKind.EscalatedToManager, Due.AddMinutes(15))],
            due);
    }

    [Fact]
    public void Each_step_tells_the_recipients_its_ladder_names()
    {
        var clock = Clock(new SlaLadder(80, SlaRecipients.Supervisors,
            new SlaLadderLevel(0, SlaRecipients.Supervisors | SlaRecipients.Handler), new SlaLadderLevel(5, SlaRecipients.Managers, "Sms")));

        Assert.Equal(SlaRecipients.Supervisors, clock.RecipientsOf(SlaEventKind.Warning));
        Assert.Equal(SlaRecipients.Supervisors, clock.RecipientsOf(SlaEventKind.Breach));
        Assert.Equal(SlaRecipients.Supervisors | SlaRecipients.Handler, clock.RecipientsOf(SlaEventKind.EscalatedToSupervisor));
        Assert.Equal(SlaRecipients.Managers, clock.RecipientsOf(SlaEventKind.EscalatedToManager));
        Assert.Equal(("InApp", "Sms"), (clock.SupervisorChannel, clock.ManagerChannel));
    }

    [Fact]
    public void A_clock_keeps_the_ladder_it_copied_when_the_policy_changes_later()
    {
        var policy = SlaPolicy.CreateDefault(China.PropertyId);
        var clocks = new ClockSet([], new SlaContext(policy, China.Calendar2026()));
        var before = clocks.Start(China.PropertyId, SlaSubject.RepairOrder, Guid.CreateVersion7(), SlaMilestone.OnSite, null, SlaTarget.Minutes(10), Received, RepairUrgency.Emergency);

        policy.SetLadders([(SlaMilestone.OnSite, RepairUrgency.Emergency, new SlaLadder(70, SlaRecipients.Handler, new(5, SlaRecipients.Supervisors), null))], Received);
        var after = clocks.Start(China.PropertyId, SlaSubject.RepairOrder, Guid.CreateVersion7(), SlaMilestone.OnSite, null, SlaTarget.Minutes(10), Received, RepairUrgency.Emergency);

        Assert.Equal(EmergencyOnSite, before.Ladder);
        Assert.Equal(new SlaLadder(70, SlaRecipients.Handler, new(5, SlaRecipients.Supervisors), null), after.Ladder);
    }

    // ---- Which ladder a clock copies ----

    [Fact]
    public void A_new_policy_carries_the_spec_ladders_and_every_other_milestone_the_property_wide_one()
    {
        var policy = SlaPolicy.CreateDefault(China.PropertyId);

        Assert.Equal(new SlaLadder(80, SlaRecipients.Handler, new(0, SlaRecipients.Supervisors), new(15, SlaRecipients.Managers)),
            policy.LadderFor(SlaMilestone.OnSite, RepairUrgency.Emergency));
        Assert.Equal(new SlaLadder(80, 15, 60), policy.LadderFor(SlaMilestone.OnSite, RepairUrgency.Urgent));
        Assert.Equal(new SlaLadder(80, 15, 60), policy.LadderFor(SlaMilestone.OnSite));
        Assert.Null(policy.LadderFor(SlaMilestone.Callback).Manager);
        Assert.Equal(new SlaLadder(80, 15, 60), policy.LadderFor(SlaMilestone.PhoneReply, RepairUrgency.Emergency));
        Assert.Equal(SlaRecipients.Supervisors, policy.LadderFor(SlaMilestone.PauseApproval).NoticeTo);
    }

    [Fact]
    public void A_milestone_ladder_for_any_urgency_applies_unless_the_urgency_has_its_own()
    {
        var policy = SlaPolicy.CreateDefault(China.PropertyId);
        var any = new SlaLadder(60, SlaRecipients.Handler, new(30, SlaRecipients.Supervisors), null);
        var urgent = new SlaLadder(90, SlaRecipients.Handler, null, new(0, SlaRecipients.Managers));

        policy.SetLadders([(SlaMilestone.Finished, null, any), (SlaMilestone.Finished, RepairUrgency.Urgent, urgent)], Received);

        Assert.Equal(any, policy.LadderFor(SlaMilestone.Finished, RepairUrgency.Normal));
        Assert.Equal(urgent, policy.LadderFor(SlaMilestone.Finished, RepairUrgency.Urgent));
        Assert.Equal(any, policy.LadderFor(SlaMilestone.Finished));

        // The seeded rows not in the new set are gone: those milestones run on the property-wide ladder again.
        Assert.Equal(policy.Ladder, policy.LadderFor(SlaMilestone.OnSite, RepairUrgency.Emergency));
        Assert.Equal(2, policy.Ladders.Count);
        Assert.Equal(Received, policy.LaddersChangedAt);
    }

    [Fact]
    public void A_repair_order_copies_the_ladder_of_its_urgency_onto_its_own_clocks()
    {
        var clocks = new ClockSet([], China.Context());
        var category = new RepairCategory("电", "户内跳闸", null, null, null, CallbackRule.Other, 10);

        RepairOrder.Open("BX20260302-0001", new(China.PropertyId, null, null, null, "张先生", null, "1-1-101", "跳闸", category,
            RepairUrgency.Emergency, RepairBilling.Warranty, null, null, Received), new Actor("desk-1", "前台"), Received, clocks);

        var onSite = clocks.All.Single(c => c.Milestone == SlaMilestone.OnSite);
        Assert.Equal((0, 15), (onSite.SupervisorAfterMinutes, onSite.ManagerAfterMinutes));
        var phone = clocks.All.Single(c => c.Milestone == SlaMilestone.PhoneReply);
        Assert.Equal((15, 60), (phone.SupervisorAfterMinutes, phone.ManagerAfterMinutes));
    }

    // ---- Refusals, each with its own message ----

    public static TheoryData<SlaLadder, string> BadLadders() => new()
    {
        { new SlaLadder(0, SlaRecipients.Handler, null, null), "SlaLadderWarningPercent" },
        { new SlaLadder(100, SlaRecipients.Handler, null, null), "SlaLadderWarningPercent" },
        { new SlaLadder(80, SlaRecipients.None, null, null), "SlaLadderNoticeNobody" },
        { new SlaLadder(80, SlaRecipients.Handler, new(-1, SlaRecipients.Supervisors), null), "SlaLadderAfterMinutes" },
        { new SlaLadder(80, SlaRecipients.Handler, null, new(10081, SlaRecipients.Managers)), "SlaLadderAfterMinutes" },
        { new SlaLadder(80, SlaRecipients.Handler, new(0, SlaRecipients.Handler), null), "SlaLadderSupervisorLevel" },
        { new SlaLadder(80, SlaRecipients.Handler, null, new(0, SlaRecipients.Supervisors)), "SlaLadderManagerLevel" },
        { new SlaLadder(80, SlaRecipients.Handler, new(30, SlaRecipients.Supervisors), new(15, SlaRecipients.Managers)), "SlaLadderOrder" },
        { new SlaLadder(80, SlaRecipients.Handler, new(0, SlaRecipients.Supervisors, " "), null), "SlaLadderChannel" },
    };

    [Theory]
    [MemberData(nameof(BadLadders))]
    public void A_ladder_that_cannot_run_is_refused_and_the_policy_keeps_what_it_had(SlaLadder ladder, string code)
    {
        var policy = SlaPolicy.CreateDefault(China.PropertyId);
        var before = policy.Ladders.Select(r => (r.Milestone, r.Urgency, r.Ladder)).ToList();

        var ex = Assert.Throws<DomainException>(() => policy.SetLadders([(SlaMilestone.Callback, null, ladder)], Received));

        Assert.Equal(code, ex.Code);
        Assert.Equal(before, policy.Ladders.Select(r => (r.Milestone, r.Urgency, r.Ladder)));
        Assert.Null(policy.LaddersChangedAt);
    }

    [Fact]
    public void An_urgency_only_splits_a_repairs_milestones_and_each_milestone_has_one_ladder()
    {
        var policy = SlaPolicy.CreateDefault(China.PropertyId);

        Assert.Equal("SlaLadderUrgencyNotRepair",
            Assert.Throws<DomainException>(() => policy.SetLadders([(SlaMilestone.Callback, RepairUrgency.Emergency, SlaLadder.Default)], Received)).Code);
        Assert.Equal("SlaLadderDuplicate",
            Assert.Throws<DomainException>(() => policy.SetLadders([(SlaMilestone.Callback, null, SlaLadder.Default), (SlaMilestone.Callback, null, SlaLadder.Default)], Received)).Code);
        Assert.Equal(SlaLadder.SeedDefaults.Count, policy.Ladders.Count);
    }

    // ---- Paused time, per clock, exact ----

    [Fact]
    public void Many_short_pauses_add_up_to_the_exact_paused_time()
    {
        var clock = Clock(SlaLadder.Default, minutes: 60);
        var now = Received;
        for (var i = 0; i < 4; i++)
        {
            now = now.AddMinutes(1);
            clock.Pause(now);
            now = now.AddSeconds(30);
            clock.Resume(now);
        }

        // Four pauses of 30 seconds: two minutes in all (each rounded to whole minutes would have been none).
        Assert.Equal((120L, 2), (clock.PausedSeconds, clock.PausedMinutes));
        Assert.Equal(Received.AddMinutes(62), clock.DueAt);
    }
}
