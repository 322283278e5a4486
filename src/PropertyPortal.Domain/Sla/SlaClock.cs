using PropertyPortal.Domain.Common;

namespace PropertyPortal.Domain.Sla;

/// <summary>
/// One promise with a deadline: "technician on site within 10 minutes of acceptance". Keeps its due
/// time, when it was met and by how many minutes early (negative: late), so reports are plain sums.
/// <see cref="NextCheckAt"/> is the only column the minute sweep reads: the next instant at which
/// something must happen to this clock (warning, breach, an escalation), null when nothing will.
/// A clock is met on time up to and including its due instant; one second later it is breached.
/// </summary>
public sealed class SlaClock : Entity, IPropertyScoped, IHasOwnHistory
{
    private SlaClock() { }

    public SlaClock(Guid propertyId, SlaSubject subject, Guid subjectId, SlaMilestone milestone, string? assigneeId,
        SlaTarget target, DateTime startUtc, BusinessCalendar calendar, SlaLadder ladder)
    {
        PropertyId = propertyId;
        Subject = subject;
        SubjectId = subjectId;
        Milestone = milestone;
        AssigneeId = assigneeId;
        TargetKind = target.Kind;
        TargetValue = target.Value;
        StartedAt = startUtc;
        WarningPercent = Math.Clamp(ladder.WarningPercent, 1, 99);
        SupervisorAfterMinutes = Math.Max(0, ladder.SupervisorAfterMinutes);
        ManagerAfterMinutes = Math.Max(SupervisorAfterMinutes, ladder.ManagerAfterMinutes);
        State = SlaClockState.Running;
        SetDue(target.DueFrom(startUtc, calendar));
        CalendarMissing = target.UsesCalendar && calendar.MissingYears(startUtc, DueAt).Count > 0;
    }

    public Guid PropertyId { get; private set; }
    public SlaSubject Subject { get; private set; }
    public Guid SubjectId { get; private set; }
    public SlaMilestone Milestone { get; private set; }

    /// <summary>The handler: told first at warning and breach.</summary>
    public string? AssigneeId { get; private set; }

    public SlaTargetKind TargetKind { get; private set; }
    public int TargetValue { get; private set; }
    public DateTime StartedAt { get; private set; }
    public DateTime DueAt { get; private set; }
    public DateTime WarnAt { get; private set; }
    public int WarningPercent { get; private set; }
    public int SupervisorAfterMinutes { get; private set; }
    public int ManagerAfterMinutes { get; private set; }
    public SlaClockState State { get; private set; }
    public DateTime? MetAt { get; private set; }

    /// <summary>Minutes met before the due time; negative when late. Null until met.</summary>
    public int? MinutesEarly { get; private set; }

    public DateTime? PausedAt { get; private set; }
    public int PausedMinutes { get; private set; }

    /// <summary>The last event fired for this clock (0 = none yet).</summary>
    public int Stage { get; private set; }

    public DateTime? NextCheckAt { get; private set; }

    /// <summary>The due time was computed over a year with no business calendar loaded (Mon–Fri assumed).</summary>
    public bool CalendarMissing { get; private set; }

    public bool IsOpen => State is SlaClockState.Running or SlaClockState.Paused;

    public bool IsBreachedAt(DateTime nowUtc) => State switch
    {
        SlaClockState.Met => MetAt > DueAt,
        SlaClockState.Cancelled => false,
        SlaClockState.Paused => PausedAt > DueAt,
        _ => nowUtc > DueAt,
    };

    public void Meet(DateTime nowUtc)
    {
        if (!IsOpen)
        {
            return;
        }

        if (State == SlaClockState.Paused)
        {
            Resume(nowUtc);
        }

        State = SlaClockState.Met;
        MetAt = nowUtc;
        MinutesEarly = nowUtc <= DueAt
            ? (int)Math.Floor((DueAt - nowUtc).TotalMinutes)
            : -(int)Math.Ceiling((nowUtc - DueAt).TotalMinutes);
        NextCheckAt = null;
    }

    public void Cancel()
    {
        if (!IsOpen)
        {
            return;
        }

        State = SlaClockState.Cancelled;
        PausedAt = null;
        NextCheckAt = null;
    }

    /// <summary>Stops the clock: paused time does not count against the target.</summary>
    public void Pause(DateTime nowUtc)
    {
        if (State != SlaClockState.Running)
        {
            return;
        }

        State = SlaClockState.Paused;
        PausedAt = nowUtc;
        NextCheckAt = null;
    }

    /// <summary>Restarts the clock; the due and warning times move later by the time spent paused.</summary>
    public void Resume(DateTime nowUtc)
    {
        if (State != SlaClockState.Paused || PausedAt is not { } pausedAt)
        {
            return;
        }

        var paused = nowUtc > pausedAt ? nowUtc - pausedAt : TimeSpan.Zero;
        PausedMinutes += (int)Math.Round(paused.TotalMinutes);
        State = SlaClockState.Running;
        PausedAt = null;
        if (pausedAt <= DueAt)
        {
            DueAt += paused;
            WarnAt += paused;
        }

        NextCheckAt = NextEventTime();
    }

    /// <summary>The handler changed (dispatch, reassignment): later warnings go to the new one.</summary>
    public void Reassign(string? assigneeId) => AssigneeId = assigneeId;

    /// <summary>The events that are due at <paramref name="nowUtc"/> and not fired yet, in ladder order.</summary>
    public IReadOnlyList<(SlaEventKind Kind, DateTime ScheduledAt)> DueEvents(DateTime nowUtc)
    {
        var due = new List<(SlaEventKind, DateTime)>();
        if (State != SlaClockState.Running)
        {
            return due;
        }

        foreach (var kind in Enum.GetValues<SlaEventKind>())
        {
            if ((int)kind > Stage && ScheduledAt(kind) is var at && IsReached(kind, at, nowUtc))
            {
                due.Add((kind, at));
            }
        }

        return due;
    }

    /// <summary>Records that the sweep fired <paramref name="kind"/>; the clock then waits for its next step.</summary>
    public void MarkFired(SlaEventKind kind)
    {
        if ((int)kind <= Stage)
        {
            return;
        }

        Stage = (int)kind;
        NextCheckAt = NextEventTime();
    }

    public DateTime ScheduledAt(SlaEventKind kind) => kind switch
    {
        SlaEventKind.Warning => WarnAt,
        SlaEventKind.Breach => DueAt,
        SlaEventKind.EscalatedToSupervisor => DueAt.AddMinutes(SupervisorAfterMinutes),
        SlaEventKind.EscalatedToManager => DueAt.AddMinutes(ManagerAfterMinutes),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    // A breach is "after the due instant"; a warning and the escalations fire once their instant is reached.
    private static bool IsReached(SlaEventKind kind, DateTime at, DateTime now) =>
        kind == SlaEventKind.Warning ? now >= at : now > at || kind != SlaEventKind.Breach && now == at;

    private DateTime? NextEventTime()
    {
        if (State != SlaClockState.Running || Stage >= (int)SlaEventKind.EscalatedToManager)
        {
            return null;
        }

        var next = (SlaEventKind)(Stage + 1);
        var at = ScheduledAt(next);

        // The sweep looks for NextCheckAt <= now; a breach must only be seen one tick after the due instant.
        return next == SlaEventKind.Breach ? at.AddTicks(1) : at;
    }

    private void SetDue(DateTime dueUtc)
    {
        DueAt = dueUtc;
        var span = dueUtc - StartedAt;
        WarnAt = span > TimeSpan.Zero ? StartedAt + span * (WarningPercent / 100.0) : dueUtc;
        NextCheckAt = NextEventTime();
    }

    /// <summary>The target changed (appointment moved, urgency corrected): the clock is recomputed from its start.</summary>
    public void Retarget(SlaTarget target, BusinessCalendar calendar)
    {
        if (!IsOpen)
        {
            return;
        }

        TargetKind = target.Kind;
        TargetValue = target.Value;

        // Steps already fired stay fired (they happened); only the next step is rescheduled.
        // An appointment is an agreed instant: time paused before it was set does not move it.
        var due = target.DueFrom(StartedAt, calendar);
        SetDue(target.Kind == SlaTargetKind.Appointment ? due : due.AddMinutes(PausedMinutes));
        CalendarMissing = target.UsesCalendar && calendar.MissingYears(StartedAt, DueAt).Count > 0;
        if (State == SlaClockState.Paused)
        {
            NextCheckAt = null;
        }
    }
}

/// <summary>
/// One fired step of a clock. The unique (ClockId, Kind) index is what makes each warning, breach
/// and escalation fire exactly once, whatever the number of instances or sweeps.
/// </summary>
public sealed class SlaEvent : IPropertyScoped, IHasOwnHistory
{
    private SlaEvent() { }

    public SlaEvent(SlaClock clock, SlaEventKind kind, DateTime firedAtUtc)
    {
        ClockId = clock.Id;
        PropertyId = clock.PropertyId;
        Subject = clock.Subject;
        SubjectId = clock.SubjectId;
        Milestone = clock.Milestone;
        Kind = kind;
        ScheduledAt = clock.ScheduledAt(kind);
        FiredAt = firedAtUtc;
    }

    public long Id { get; private set; }
    public Guid ClockId { get; private set; }
    public Guid PropertyId { get; private set; }
    public SlaSubject Subject { get; private set; }
    public Guid SubjectId { get; private set; }
    public SlaMilestone Milestone { get; private set; }
    public SlaEventKind Kind { get; private set; }
    public DateTime ScheduledAt { get; private set; }
    public DateTime FiredAt { get; private set; }
}
