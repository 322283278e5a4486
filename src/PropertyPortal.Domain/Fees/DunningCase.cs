using PropertyPortal.Domain.Common;

namespace PropertyPortal.Domain.Fees;

/// <summary>
/// 催缴: one unit's overdue balance moving along the ladder (000 L232–L236) — reminder call → second
/// reminder → formal letter by express mail when still unpaid <see cref="DunningLadder.LetterAfterDays"/>
/// after the call → door-to-door visit → legal referral for the manager. Each stage fires once (one step
/// per stage). A promise to pay holds the ladder until its date; a dispute pauses it with a reason and a
/// link to the complaint or repair behind it; clearing the overdue balance settles it at once.
/// </summary>
public sealed class DunningCase : Entity, IPropertyScoped
{
    private readonly List<DunningStep> _steps = [];

    private DunningCase() { }

    public DunningCase(Guid propertyId, Guid unitId, Guid? customerId, DateOnly oldestDueDate, DateTime nowUtc)
    {
        PropertyId = propertyId;
        UnitId = unitId;
        CustomerId = customerId;
        OldestDueDate = oldestDueDate;
        OpenedAt = nowUtc;
        State = DunningState.Active;
    }

    public Guid PropertyId { get; private set; }
    public Guid UnitId { get; private set; }
    public Guid? CustomerId { get; private set; }
    public DateOnly OldestDueDate { get; private set; }
    public DateTime OpenedAt { get; private set; }
    public DunningState State { get; private set; }

    /// <summary>The last stage that fired; null before the first reminder.</summary>
    public DunningStage? Stage { get; private set; }

    public DateOnly? PromiseUntil { get; private set; }
    public string? DisputeReason { get; private set; }
    public Guid? DisputeComplaintId { get; private set; }
    public Guid? DisputeRepairOrderId { get; private set; }
    public DateTime? SettledAt { get; private set; }
    public IReadOnlyList<DunningStep> Steps => _steps;

    public bool IsOpen => State != DunningState.Settled;

    /// <summary>The stage to fire on <paramref name="today"/>, or null when nothing is due.</summary>
    public DunningStage? StepDue(DateOnly today, DunningLadder ladder) => NextStepDate(ladder) is { } date && today >= date ? Next : null;

    /// <summary>The day the next stage falls due (null: settled, disputed, or at the end of the ladder).</summary>
    public DateOnly? NextStepDate(DunningLadder ladder)
    {
        if (State is DunningState.Settled or DunningState.Disputed || Next is not { } next)
        {
            return null;
        }

        // "Still unpaid 3 months after the call": the letter counts from the first reminder call.
        var from = next switch
        {
            DunningStage.Reminder => OldestDueDate,
            DunningStage.Letter => StepOf(DunningStage.Reminder)!.BaseDate,
            _ => StepOf(Stage!.Value)!.BaseDate,
        };
        var due = from.AddDays(ladder.WaitBefore(next));
        return PromiseUntil is { } promise && State == DunningState.Promised && due <= promise ? promise.AddDays(1) : due;
    }

    private DunningStage? Next => Stage switch
    {
        null => DunningStage.Reminder,
        DunningStage.Legal => null,
        { } s => s + 1,
    };

    public DunningStep? StepOf(DunningStage stage) => _steps.FirstOrDefault(s => s.Stage == stage);

    /// <summary>Fires the due stage (the job calls this once per stage); refuses a household that owes nothing.</summary>
    public DunningStep Fire(DunningStage stage, decimal overdueBalance, DateOnly today, DateTime nowUtc)
    {
        if (Next != stage || !IsOpen || State == DunningState.Disputed)
        {
            throw new DomainException("DunningStageInvalid", $"Stage {stage} cannot fire now.");
        }

        if (overdueBalance <= 0)
        {
            throw new DomainException("NothingOwed", "Nothing is overdue.");
        }

        if (State == DunningState.Promised)
        {
            State = DunningState.Active;
            PromiseUntil = null;
        }

        var step = new DunningStep(PropertyId, Id, stage, overdueBalance, today, nowUtc);
        _steps.Add(step);
        Stage = stage;
        return step;
    }

    public void Promise(DateOnly until, DateOnly today, Actor by, DateTime nowUtc)
    {
        EnsureOpen();
        if (until <= today || until > today.AddDays(180))
        {
            throw new DomainException("PromiseDateInvalid", "A promise to pay is a date within the next 180 days.");
        }

        State = DunningState.Promised;
        PromiseUntil = until;
        Note($"PROMISE {until:yyyy-MM-dd}", by, nowUtc);
    }

    public void Dispute(string reason, Guid? complaintId, Guid? repairOrderId, Actor by, DateTime nowUtc)
    {
        EnsureOpen();
        DisputeReason = Guard.Required(reason, nameof(DisputeReason));
        DisputeComplaintId = complaintId;
        DisputeRepairOrderId = repairOrderId;
        State = DunningState.Disputed;
        PromiseUntil = null;
        Note("DISPUTE", by, nowUtc);
    }

    public void ResolveDispute(Actor by, DateTime nowUtc)
    {
        if (State != DunningState.Disputed)
        {
            throw new DomainException("NotDisputed", "The case is not disputed.");
        }

        State = DunningState.Active;
        Note("DISPUTE-RESOLVED", by, nowUtc);
    }

    /// <summary>Nothing is overdue any more: the ladder stops and open tasks are withdrawn.</summary>
    public void Settle(DateTime nowUtc)
    {
        if (!IsOpen)
        {
            return;
        }

        State = DunningState.Settled;
        SettledAt = nowUtc;
        foreach (var step in _steps.Where(s => s.IsOpen))
        {
            step.Withdraw(nowUtc);
        }
    }

    /// <summary>The last who/when of a promise or dispute, shown on the case.</summary>
    public string? LastNote { get; private set; }

    private void Note(string what, Actor by, DateTime nowUtc) => LastNote = $"{what} · {by.Name} · {nowUtc:yyyy-MM-dd HH:mm}Z";

    private void EnsureOpen()
    {
        if (!IsOpen)
        {
            throw new DomainException("DunningSettled", "The case is settled.");
        }
    }
}

/// <summary>One stage of a dunning case: the task it gives (call, letter, visit, referral) and what came of it.</summary>
public sealed class DunningStep : Entity, IPropertyScoped
{
    private DunningStep() { }

    internal DunningStep(Guid propertyId, Guid caseId, DunningStage stage, decimal balance, DateOnly today, DateTime nowUtc)
    {
        PropertyId = propertyId;
        CaseId = caseId;
        Stage = stage;
        BalanceAtStart = balance;
        CreatedOn = today;
        CreatedAt = nowUtc;
    }

    public Guid PropertyId { get; private set; }
    public Guid CaseId { get; private set; }
    public DunningStage Stage { get; private set; }
    public decimal BalanceAtStart { get; private set; }
    public DateOnly CreatedOn { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateOnly? DoneOn { get; private set; }
    public DateTime? DoneAt { get; private set; }
    public string? DoneByName { get; private set; }
    public string? Outcome { get; private set; }

    /// <summary>The express-mail tracking number of a letter.</summary>
    public string? TrackingNumber { get; private set; }

    public DateTime? WithdrawnAt { get; private set; }

    public bool IsOpen => DoneAt is null && WithdrawnAt is null;

    /// <summary>The day the next stage counts from: when this one was done, else when it was given.</summary>
    public DateOnly BaseDate => DoneOn ?? CreatedOn;

    /// <summary>
    /// Records the call, letter, visit or referral. <paramref name="overdueBalance"/> is read at this
    /// moment: no reminder goes to a household that owes nothing now.
    /// </summary>
    public void Complete(string outcome, string? trackingNumber, decimal overdueBalance, DateOnly today, Actor by, DateTime nowUtc)
    {
        if (!IsOpen)
        {
            throw new DomainException("DunningStepClosed", "This task is already done or withdrawn.");
        }

        if (overdueBalance <= 0)
        {
            throw new DomainException("NothingOwed", "Nothing is overdue.");
        }

        if (Stage == DunningStage.Letter && string.IsNullOrWhiteSpace(trackingNumber))
        {
            throw new DomainException("TrackingNumberRequired", "A letter by express mail needs its tracking number.");
        }

        Outcome = Guard.Required(outcome, nameof(Outcome));
        TrackingNumber = Guard.Optional(trackingNumber);
        DoneOn = today;
        DoneAt = nowUtc;
        DoneByName = by.Name;
    }

    internal void Withdraw(DateTime nowUtc) => WithdrawnAt = nowUtc;
}
