using PropertyPortal.Domain.Sla;
using PropertyPortal.UnitTests.TestSupport;

namespace PropertyPortal.UnitTests.Domain.Sla;

public sealed class SlaClockTests
{
    // A 特急 repair received at 09:50 (China time): the technician is due on site at 10:00.
    private static readonly DateTime Received = China.Time("2026-03-02 09:50:00");
    private static readonly DateTime Due = China.Time("2026-03-02 10:00:00");

    private static SlaClock EmergencyOnSite(DateTime? start = null) => Start(SlaTarget.Minutes(10), start ?? Received);

    private static SlaClock Start(SlaTarget target, DateTime start, BusinessCalendar? calendar = null) =>
        new(China.PropertyId, SlaSubject.RepairOrder, Guid.CreateVersion7(), SlaMilestone.OnSite, "tech-1", target, start,
            calendar ?? China.Calendar2026(), SlaLadder.Default);

    [Fact]
    public void An_emergency_received_at_0950_is_due_on_site_at_1000_and_warns_at_0958()
    {
        var clock = EmergencyOnSite();

        Assert.Equal("2026-03-02 10:00:00", China.Local(clock.DueAt));
        Assert.Equal("2026-03-02 09:58:00", China.Local(clock.WarnAt));
        Assert.Equal(SlaClockState.Running, clock.State);
        Assert.False(clock.CalendarMissing);
    }

    [Fact]
    public void A_clock_met_exactly_at_the_due_instant_is_on_time()
    {
        var now = China.Clock("2026-03-02 10:00:00");
        var clock = EmergencyOnSite();

        clock.Meet(now.UtcNow());

        Assert.Equal(SlaClockState.Met, clock.State);
        Assert.Equal(0, clock.MinutesEarly);
        Assert.False(clock.IsBreachedAt(now.UtcNow()));
        Assert.Null(clock.NextCheckAt);
    }

    [Fact]
    public void A_clock_met_one_second_after_the_due_instant_is_a_minute_late()
    {
        var now = China.Clock("2026-03-02 10:00:01");
        var clock = EmergencyOnSite();

        clock.Meet(now.UtcNow());

        Assert.Equal(-1, clock.MinutesEarly);
        Assert.True(clock.IsBreachedAt(now.UtcNow()));
    }

    [Fact]
    public void A_clock_met_early_counts_the_whole_minutes_to_spare()
    {
        var clock = EmergencyOnSite();

        clock.Meet(China.Time("2026-03-02 09:56:30"));

        Assert.Equal(3, clock.MinutesEarly);
    }

    [Fact]
    public void A_running_clock_is_breached_only_after_the_due_instant()
    {
        var clock = EmergencyOnSite();

        Assert.False(clock.IsBreachedAt(Due));
        Assert.True(clock.IsBreachedAt(Due.AddSeconds(1)));
    }

    [Fact]
    public void The_warning_fires_at_exactly_eighty_percent_and_not_a_second_before()
    {
        var now = China.Clock("2026-03-02 09:57:59");
        var clock = EmergencyOnSite();

        Assert.Empty(clock.DueEvents(now.UtcNow()));

        now.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal([(SlaEventKind.Warning, China.Time("2026-03-02 09:58:00"))], clock.DueEvents(now.UtcNow()));
    }

    [Fact]
    public void The_breach_is_not_due_at_the_due_instant_but_one_second_later()
    {
        var now = China.Clock("2026-03-02 10:00:00");
        var clock = EmergencyOnSite();
        clock.MarkFired(SlaEventKind.Warning);

        Assert.DoesNotContain(clock.DueEvents(now.UtcNow()), e => e.Kind == SlaEventKind.Breach);

        now.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal([(SlaEventKind.Breach, Due)], clock.DueEvents(now.UtcNow()));
    }

    [Fact]
    public void The_escalations_fire_at_fifteen_and_sixty_minutes_after_the_due_instant()
    {
        var clock = EmergencyOnSite();
        clock.MarkFired(SlaEventKind.Warning);
        clock.MarkFired(SlaEventKind.Breach);

        Assert.Empty(clock.DueEvents(China.Time("2026-03-02 10:14:59")));
        Assert.Equal([(SlaEventKind.EscalatedToSupervisor, China.Time("2026-03-02 10:15:00"))], clock.DueEvents(China.Time("2026-03-02 10:15:00")));

        clock.MarkFired(SlaEventKind.EscalatedToSupervisor);

        Assert.Empty(clock.DueEvents(China.Time("2026-03-02 10:59:59")));
        Assert.Equal([(SlaEventKind.EscalatedToManager, China.Time("2026-03-02 11:00:00"))], clock.DueEvents(China.Time("2026-03-02 11:00:00")));
    }

    [Fact]
    public void Next_check_is_always_the_instant_of_the_next_step_and_the_breach_one_tick_after_due()
    {
        var clock = EmergencyOnSite();
        Assert.Equal(China.Time("2026-03-02 09:58:00"), clock.NextCheckAt);

        clock.MarkFired(SlaEventKind.Warning);
        Assert.Equal(Due.AddTicks(1), clock.NextCheckAt);

        clock.MarkFired(SlaEventKind.Breach);
        Assert.Equal(China.Time("2026-03-02 10:15:00"), clock.NextCheckAt);

        clock.MarkFired(SlaEventKind.EscalatedToSupervisor);
        Assert.Equal(China.Time("2026-03-02 11:00:00"), clock.NextCheckAt);

        clock.MarkFired(SlaEventKind.EscalatedToManager);
        Assert.Null(clock.NextCheckAt);
    }

    [Fact]
    public void Each_step_fires_once_and_firing_it_again_changes_nothing()
    {
        var now = China.Clock("2026-03-02 09:58:00");
        var clock = EmergencyOnSite();

        clock.MarkFired(SlaEventKind.Warning);
        clock.MarkFired(SlaEventKind.Warning);

        Assert.Equal(1, clock.Stage);
        Assert.Empty(clock.DueEvents(now.UtcNow()));
        Assert.Equal(Due.AddTicks(1), clock.NextCheckAt);
    }

    [Fact]
    public void A_late_sweep_catches_up_on_every_missed_step_in_ladder_order()
    {
        var now = China.Clock("2026-03-02 12:00:00");
        var clock = EmergencyOnSite();

        var due = clock.DueEvents(now.UtcNow());

        Assert.Equal(
            [
                (SlaEventKind.Warning, China.Time("2026-03-02 09:58:00")),
                (SlaEventKind.Breach, Due),
                (SlaEventKind.EscalatedToSupervisor, China.Time("2026-03-02 10:15:00")),
                (SlaEventKind.EscalatedToManager, China.Time("2026-03-02 11:00:00")),
            ],
            due);

        foreach (var (kind, _) in due)
        {
            clock.MarkFired(kind);
        }

        Assert.Empty(clock.DueEvents(now.UtcNow()));
        Assert.Null(clock.NextCheckAt);
    }

    [Fact]
    public void A_met_or_cancelled_clock_has_nothing_more_to_fire()
    {
        var met = EmergencyOnSite();
        met.Meet(China.Time("2026-03-02 10:30:00"));
        var cancelled = EmergencyOnSite();
        cancelled.Cancel();

        Assert.Empty(met.DueEvents(China.Time("2026-03-02 12:00:00")));
        Assert.Empty(cancelled.DueEvents(China.Time("2026-03-02 12:00:00")));
        Assert.Null(cancelled.NextCheckAt);
        Assert.False(cancelled.IsBreachedAt(China.Time("2026-03-02 12:00:00")));
        Assert.True(met.IsBreachedAt(China.Time("2026-03-02 12:00:00")));
    }

    [Fact]
    public void Meeting_a_clock_twice_keeps_the_first_time()
    {
        var clock = EmergencyOnSite();
        clock.Meet(China.Time("2026-03-02 09:55:00"));

        clock.Meet(China.Time("2026-03-02 10:30:00"));

        Assert.Equal(China.Time("2026-03-02 09:55:00"), clock.MetAt);
        Assert.Equal(5, clock.MinutesEarly);
    }

    [Fact]
    public void Custom_ladders_are_copied_onto_the_clock()
    {
        var clock = new SlaClock(China.PropertyId, SlaSubject.RepairOrder, Guid.CreateVersion7(), SlaMilestone.OnSite, null,
            SlaTarget.Minutes(100), Received, China.Calendar2026(), new SlaLadder(50, 5, 30));

        Assert.Equal(Received.AddMinutes(50), clock.WarnAt);
        Assert.Equal(Received.AddMinutes(105), clock.ScheduledAt(SlaEventKind.EscalatedToSupervisor));
        Assert.Equal(Received.AddMinutes(130), clock.ScheduledAt(SlaEventKind.EscalatedToManager));
    }

    // Pause and resume: a 2-hour clock from 08:00 is due at 10:00 and warns at 09:36.
    private static SlaClock TwoHours() => Start(SlaTarget.Hours(2), China.Time("2026-03-02 08:00:00"));

    [Fact]
    public void A_clock_paused_thirty_minutes_before_due_for_two_hours_is_due_two_hours_later()
    {
        var now = China.Clock("2026-03-02 09:30:00");
        var clock = TwoHours();

        clock.Pause(now.UtcNow());
        Assert.Equal(SlaClockState.Paused, clock.State);
        Assert.Null(clock.NextCheckAt);
        Assert.Empty(clock.DueEvents(China.Time("2026-03-02 11:00:00")));

        now.Advance(TimeSpan.FromHours(2));
        clock.Resume(now.UtcNow());

        Assert.Equal(SlaClockState.Running, clock.State);
        Assert.Equal("2026-03-02 12:00:00", China.Local(clock.DueAt));
        Assert.Equal("2026-03-02 11:36:00", China.Local(clock.WarnAt));
        Assert.Equal(clock.WarnAt, clock.NextCheckAt);
        Assert.Equal(120, clock.PausedMinutes);
        Assert.Null(clock.PausedAt);
    }

    [Fact]
    public void Paused_time_does_not_count_against_the_target()
    {
        var clock = TwoHours();
        clock.Pause(China.Time("2026-03-02 09:30:00"));
        clock.Resume(China.Time("2026-03-02 11:30:00"));

        clock.Meet(China.Time("2026-03-02 12:00:00"));

        Assert.Equal(0, clock.MinutesEarly);
        Assert.False(clock.IsBreachedAt(China.Time("2026-03-02 12:00:00")));
    }

    [Fact]
    public void A_clock_paused_exactly_at_its_due_instant_is_not_breached_and_still_moves()
    {
        var clock = TwoHours();
        clock.Pause(China.Time("2026-03-02 10:00:00"));

        Assert.False(clock.IsBreachedAt(China.Time("2026-03-02 10:30:00")));

        clock.Resume(China.Time("2026-03-02 10:30:00"));

        Assert.Equal("2026-03-02 10:30:00", China.Local(clock.DueAt));
    }

    [Fact]
    public void A_clock_paused_after_it_was_breached_does_not_move()
    {
        var clock = TwoHours();
        clock.Pause(China.Time("2026-03-02 10:00:01"));

        Assert.True(clock.IsBreachedAt(China.Time("2026-03-02 10:30:00")));

        clock.Resume(China.Time("2026-03-02 12:00:01"));

        Assert.Equal("2026-03-02 10:00:00", China.Local(clock.DueAt));
        Assert.Equal("2026-03-02 09:36:00", China.Local(clock.WarnAt));
        Assert.Equal(120, clock.PausedMinutes);
    }

    [Fact]
    public void Paused_minutes_add_up_over_several_pauses()
    {
        var clock = TwoHours();

        clock.Pause(China.Time("2026-03-02 08:10:00"));
        clock.Resume(China.Time("2026-03-02 08:40:00"));
        clock.Pause(China.Time("2026-03-02 09:00:00"));
        clock.Resume(China.Time("2026-03-02 09:45:00"));

        Assert.Equal(75, clock.PausedMinutes);
        Assert.Equal("2026-03-02 11:15:00", China.Local(clock.DueAt));
    }

    [Fact]
    public void Pausing_twice_keeps_the_first_pause_and_resuming_a_running_clock_changes_nothing()
    {
        var clock = TwoHours();
        clock.Resume(China.Time("2026-03-02 08:30:00"));
        Assert.Equal(0, clock.PausedMinutes);

        clock.Pause(China.Time("2026-03-02 09:00:00"));
        clock.Pause(China.Time("2026-03-02 09:20:00"));
        clock.Resume(China.Time("2026-03-02 09:30:00"));

        Assert.Equal(30, clock.PausedMinutes);
        Assert.Equal("2026-03-02 10:30:00", China.Local(clock.DueAt));
    }

    [Fact]
    public void Meeting_a_paused_clock_resumes_it_first()
    {
        var clock = TwoHours();
        clock.Pause(China.Time("2026-03-02 09:30:00"));

        clock.Meet(China.Time("2026-03-02 10:30:00"));

        Assert.Equal(SlaClockState.Met, clock.State);
        Assert.Equal(60, clock.PausedMinutes);
        Assert.Equal("2026-03-02 11:00:00", China.Local(clock.DueAt));
        Assert.Equal(30, clock.MinutesEarly);
        Assert.Null(clock.PausedAt);
    }

    [Fact]
    public void A_cancelled_paused_clock_forgets_its_pause()
    {
        var clock = TwoHours();
        clock.Pause(China.Time("2026-03-02 09:30:00"));

        clock.Cancel();

        Assert.Equal(SlaClockState.Cancelled, clock.State);
        Assert.Null(clock.PausedAt);
        Assert.False(clock.IsOpen);
    }

    [Fact]
    public void An_appointment_clock_is_due_at_the_appointment()
    {
        var appointment = China.Time("2026-03-03 14:30:00");

        var clock = Start(SlaTarget.At(appointment), Received);

        Assert.Equal(appointment, clock.DueAt);
        Assert.Equal(SlaTargetKind.Appointment, clock.TargetKind);
        Assert.False(clock.CalendarMissing);
    }

    [Fact]
    public void A_working_days_clock_over_a_year_without_calendar_says_the_calendar_is_missing()
    {
        var clock = Start(SlaTarget.WorkingDays(3), China.Time("2026-12-30 10:00:00"));

        Assert.Equal("2027-01-04 18:00:00", China.Local(clock.DueAt));
        Assert.True(clock.CalendarMissing);
    }

    [Fact]
    public void A_same_day_clock_in_a_year_without_calendar_says_the_calendar_is_missing()
    {
        var clock = Start(SlaTarget.SameServiceDay, China.Time("2027-01-01 10:00:00"));

        Assert.Equal("2027-01-01 18:00:00", China.Local(clock.DueAt));
        Assert.True(clock.CalendarMissing);
    }

    [Fact]
    public void A_minutes_clock_does_not_need_the_calendar()
    {
        var clock = Start(SlaTarget.Minutes(10), China.Time("2027-01-01 10:00:00"));

        Assert.False(clock.CalendarMissing);
    }

    [Fact]
    public void Retargeting_to_a_new_appointment_moves_the_due_time_and_keeps_the_fired_steps()
    {
        var clock = Start(SlaTarget.At(China.Time("2026-03-02 14:00:00")), China.Time("2026-03-02 09:00:00"));
        clock.MarkFired(SlaEventKind.Warning);

        clock.Retarget(SlaTarget.At(China.Time("2026-03-02 16:00:00")), China.Calendar2026());

        Assert.Equal("2026-03-02 16:00:00", China.Local(clock.DueAt));
        Assert.Equal(1, clock.Stage);
        Assert.Equal(clock.DueAt.AddTicks(1), clock.NextCheckAt);
    }

    [Fact]
    public void Retargeting_a_minutes_clock_still_adds_the_time_paused()
    {
        var clock = TwoHours();
        clock.Pause(China.Time("2026-03-02 09:00:00"));
        clock.Resume(China.Time("2026-03-02 09:30:00"));

        clock.Retarget(SlaTarget.Hours(3), China.Calendar2026());

        Assert.Equal("2026-03-02 11:30:00", China.Local(clock.DueAt));
    }

    [Fact]
    public void Retargeting_to_an_appointment_after_a_pause_is_due_at_the_appointment_itself()
    {
        var clock = Start(SlaTarget.At(China.Time("2026-03-02 14:00:00")), China.Time("2026-03-02 09:00:00"));
        clock.Pause(China.Time("2026-03-02 10:00:00"));
        clock.Resume(China.Time("2026-03-02 12:00:00"));

        clock.Retarget(SlaTarget.At(China.Time("2026-03-03 10:00:00")), China.Calendar2026());

        Assert.Equal("2026-03-03 10:00:00", China.Local(clock.DueAt));
        Assert.Equal(120, clock.PausedMinutes);
    }
}
