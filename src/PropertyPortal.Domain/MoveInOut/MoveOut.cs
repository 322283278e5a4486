using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Sla;

namespace PropertyPortal.Domain.MoveInOut;

public enum MoveOutStatus { Open, Completed, Cancelled }

public enum MoveOutEventKind { Opened, Overridden, Completed, Cancelled }

/// <summary>
/// 迁出 (002 L40, 30 minutes at the counter — <see cref="SlaPolicy.MoveOutMinutes"/>): the form, the keys
/// handed in (they go on the office's key register), every fee settled — refused while anything is owed
/// unless a supervisor overrides with a reason — then the household's occupancy ends and the item-release
/// slip (放行条) is printed for the gate. Every step is on its timeline.
/// </summary>
public sealed class MoveOut : Entity, ICase
{
    private readonly List<MoveOutEvent> _events = [];

    private MoveOut() { }

    public MoveOut(string number, Guid propertyId, Guid unitId, Guid customerId, Guid occupancyId, DateOnly moveOutDate, string items, int keysReturned,
        string? keyStorage, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        if (keysReturned is < 0 or > 50)
        {
            throw new DomainException("KeysOutOfRange", "Between 0 and 50 keys.");
        }

        Number = number;
        PropertyId = propertyId;
        UnitId = unitId;
        CustomerId = customerId;
        OccupancyId = occupancyId;
        MoveOutDate = moveOutDate;
        Items = Guard.Required(items, nameof(Items));
        KeysReturned = keysReturned;
        KeyStorage = Guard.Optional(keyStorage);
        ReceivedAt = nowUtc;
        ReceivedByName = by.Name;
        Status = MoveOutStatus.Open;
        clocks.Start(propertyId, SlaSubject.MoveOut, Id, SlaMilestone.MoveOutDone, by.UserId, SlaTarget.Minutes(clocks.Context.Policy.MoveOutMinutes), nowUtc);
        Record(MoveOutEventKind.Opened, by, nowUtc, null);
    }

    public string Number { get; private set; } = "";
    public Guid PropertyId { get; private set; }
    public Guid UnitId { get; private set; }
    public Guid CustomerId { get; private set; }
    public Guid OccupancyId { get; private set; }
    public DateOnly MoveOutDate { get; private set; }

    /// <summary>What leaves the building (the release slip's list).</summary>
    public string Items { get; private set; } = "";

    public int KeysReturned { get; private set; }
    public string? KeyStorage { get; private set; }
    public DateTime ReceivedAt { get; private set; }
    public string ReceivedByName { get; private set; } = "";
    public MoveOutStatus Status { get; private set; }

    /// <summary>What the unit owed when the move-out was completed (0 unless overridden).</summary>
    public decimal OwedAtCompletion { get; private set; }

    public string? OverrideReason { get; private set; }
    public string? OverrideByName { get; private set; }
    public DateTime? CompletedAt { get; private set; }
    public string? CompletedByName { get; private set; }

    public IReadOnlyList<MoveOutEvent> Events => _events;

    IReadOnlyList<CaseEvent> ICase.Timeline => _events;

    /// <summary>
    /// Completes the move-out. <paramref name="owed"/> is read now; anything owed refuses unless
    /// <paramref name="overrideReason"/> is given by a supervisor (<paramref name="canOverride"/>).
    /// </summary>
    public void Complete(decimal owed, string? overrideReason, bool canOverride, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        if (Status != MoveOutStatus.Open)
        {
            throw new DomainException("MoveOutClosed", "This move-out is already completed or cancelled.");
        }

        if (owed > 0)
        {
            if (!canOverride)
            {
                throw new DomainException("MoveOutFeesOwed", "Fees are owed: settle them or have a supervisor override with a reason.");
            }

            OverrideReason = Guard.Required(overrideReason, nameof(OverrideReason));
            OverrideByName = by.Name;
            Record(MoveOutEventKind.Overridden, by, nowUtc, $"{owed.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)}: {OverrideReason}");
        }

        OwedAtCompletion = Math.Max(0, owed);
        Status = MoveOutStatus.Completed;
        CompletedAt = nowUtc;
        CompletedByName = by.Name;
        clocks.Meet(SlaMilestone.MoveOutDone, nowUtc);
        Record(MoveOutEventKind.Completed, by, nowUtc, null);
    }

    public void Cancel(Actor by, DateTime nowUtc, ClockSet clocks)
    {
        if (Status != MoveOutStatus.Open)
        {
            throw new DomainException("MoveOutClosed", "This move-out is already completed or cancelled.");
        }

        Status = MoveOutStatus.Cancelled;
        clocks.CancelAll();
        Record(MoveOutEventKind.Cancelled, by, nowUtc, null);
    }

    private void Record(MoveOutEventKind kind, Actor by, DateTime nowUtc, string? note) =>
        _events.Add(new MoveOutEvent(PropertyId, Id, kind, by, nowUtc, note));
}

public sealed class MoveOutEvent : CaseEvent
{
    private MoveOutEvent() { }

    internal MoveOutEvent(Guid propertyId, Guid moveOutId, MoveOutEventKind kind, Actor by, DateTime atUtc, string? note)
        : base(propertyId, by, atUtc, note)
    {
        MoveOutId = moveOutId;
        Kind = kind;
    }

    public Guid MoveOutId { get; private set; }
    public MoveOutEventKind Kind { get; private set; }
}
