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
        NoticeTo = ladder.NoticeTo;
        if (ladder.Supervisor is { } supervisor)
        {
            SupervisorAfterMinutes = Math.Max(0, supervisor.AfterMinutes);
            SupervisorRecipients = supervisor.Recipients;
            SupervisorChannel = supervisor.Channel;
        }

        if (ladder.Manager is { } manager)
        {
            ManagerAfterMinutes = Math.Max(SupervisorAfterMinutes ?? 0, manager.AfterMinutes);
            ManagerRecipients = manager.Recipients;
            ManagerChannel = manager.Channel;
        }

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

    /// <summary>Who hears the warning and the breach.</summary>
    public SlaRecipients NoticeTo { get; private set; } = SlaRecipients.Handler;

    /// <summary>Minutes after the breach for the supervisors' level; null when this clock's ladder has none.</summary>
    public int? SupervisorAfterMinutes { get; private set; }

    public SlaRecipients SupervisorRecipients { get; private set; }
    public string? SupervisorChannel { get; private set; }

    /// <summary>Minutes after the breach for the managers' level; null when this clock's ladder has none.</summary>
    public int? ManagerAfterMinutes { get; private set; }

    public SlaRecipients ManagerRecipients { get; private set; }
    public string? ManagerChannel { get; private set; }
    public SlaClockState State { get; private set; }
    public DateTime? MetAt { get; private set; }

    /// <summary>Minutes met before the due time; negative when late. Null until met.</summary>
    public int? MinutesEarly { get; private set; }

    public DateTime? PausedAt { get; private set; }

    /// <summary>Time spent paused in all, to the second: the sum of every pause of this clock, so many short pauses add up exactly.</summary>
    public long PausedSeconds { get; private set; }

    /// <summary><see cref="PausedSeconds"/> in whole minutes (rounded), for reports that sum minutes per milestone.</summary>
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
        PausedSeconds += (long)Math.Round(paused.TotalSeconds, MidpointRounding.AwayFromZero);
        PausedMinutes = (int)Math.Round(PausedSeconds / 60.0, MidpointRounding.AwayFromZero);
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

    /// <summary>The ladder this clock copied when it started.</summary>
    public SlaLadder Ladder => new(WarningPercent, NoticeTo,
        SupervisorAfterMinutes is { } s ? new SlaLadderLevel(s, SupervisorRecipients, SupervisorChannel ?? SlaLadder.InApp) : null,
        ManagerAfterMinutes is { } m ? new SlaLadderLevel(m, ManagerRecipients, ManagerChannel ?? SlaLadder.InApp) : null);

    /// <summary>
    /// The events that are due at <paramref name="nowUtc"/> and not fired yet, in ladder order. A level the
    /// clock's ladder lacks is skipped; no step fires before the one ahead of it.
    /// </summary>
    public IReadOnlyList<(SlaEventKind Kind, DateTime ScheduledAt)> DueEvents(DateTime nowUtc)
    {
        var due = new List<(SlaEventKind, DateTime)>();
        if (State != SlaClockState.Running)
        {
            return due;
        }

        foreach (var kind in Enum.GetValues<SlaEventKind>())
        {
            if ((int)kind <= Stage || ScheduledAt(kind) is not { } at)
            {
                continue;
            }

            if (!IsReached(kind, at, nowUtc))
            {
                break;
            }

            due.Add((kind, at));
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

    /// <summary>When <paramref name="kind"/> is due to fire; null for an escalation level this clock's ladder does not have.</summary>
    public DateTime? ScheduledAt(SlaEventKind kind) => kind switch
    {
        SlaEventKind.Warning => WarnAt,
        SlaEventKind.Breach => DueAt,
        SlaEventKind.EscalatedToSupervisor => SupervisorAfterMinutes is { } s ? DueAt.AddMinutes(s) : null,
        SlaEventKind.EscalatedToManager => ManagerAfterMinutes is { } m ? DueAt.AddMinutes(m) : null,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Who <paramref name="kind"/> tells.</summary>
    public SlaRecipients RecipientsOf(SlaEventKind kind) => kind switch
    {
        SlaEventKind.Warning or SlaEventKind.Breach => NoticeTo,
        SlaEventKind.EscalatedToSupervisor => SupervisorRecipients,
        SlaEventKind.EscalatedToManager => ManagerRecipients,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    // A warning fires once its instant is reached; the breach only after the due instant (met up to and
    // including it); an escalation once its instant is reached and the clock is breached, so a level at
    // 0 minutes fires with the breach, never before it.
    private bool IsReached(SlaEventKind kind, DateTime at, DateTime now) => kind switch
    {
        SlaEventKind.Warning => now >= at,
        SlaEventKind.Breach => now > at,
        _ => now > DueAt && now >= at,
    };

    private DateTime? NextEventTime()
    {
        if (State != SlaClockState.Running)
        {
            return null;
        }

        foreach (var kind in Enum.GetValues<SlaEventKind>())
        {
            if ((int)kind > Stage && ScheduledAt(kind) is { } at)
            {
                // The sweep looks for NextCheckAt <= now; a breach (and an escalation with it) is seen one tick after the due instant.
                return kind != SlaEventKind.Warning && at <= DueAt ? DueAt.AddTicks(1) : at;
            }
        }

        return null;
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
        SetDue(target.Kind == SlaTargetKind.Appointment ? due : due.AddSeconds(PausedSeconds));
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
        ScheduledAt = clock.ScheduledAt(kind) ?? throw new InvalidOperationException($"The clock's ladder has no {kind} step.");
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
