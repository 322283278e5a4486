namespace PropertyPortal.Domain.Common;

/// <summary>
/// One line of a case's timeline (a repair order's, a complaint's, a renovation's, a move-in's): who did
/// what, when, with an optional note. Every case writes the same shape, so the timelines, the household's
/// story and the notification mappings read them alike. Each case keeps its events in its own table, with
/// the case's property on every row so the property scope filters them like the case itself.
/// </summary>
public abstract class CaseEvent : IPropertyScoped, IHasOwnHistory
{
    /// <summary>A longer note is cut, not refused: the timeline records what happened, the form validates what was typed.</summary>
    public const int NoteMaxLength = 1000;

    protected CaseEvent() { }

    protected CaseEvent(Guid propertyId, Actor by, DateTime atUtc, string? note)
    {
        PropertyId = propertyId;
        At = atUtc;
        ActorId = by.UserId;
        ActorName = by.Name;
        Note = note is { Length: > NoteMaxLength } ? note[..NoteMaxLength] : note;
    }

    public long Id { get; private set; }
    public Guid PropertyId { get; private set; }
    public DateTime At { get; private set; }
    public string? ActorId { get; private set; }
    public string ActorName { get; private set; } = "";
    public string? Note { get; private set; }
}

/// <summary>
/// A case with a number and a timeline: what the case step runner and the notification mappings need to
/// know about any of them. <see cref="Timeline"/> is the same list as the case's own typed <c>Events</c>.
/// </summary>
public interface ICase : IPropertyScoped
{
    Guid Id { get; }

    /// <summary>Per property and day: BX20261122-0007, TS…, ZX…, RZ….</summary>
    string Number { get; }

    IReadOnlyList<CaseEvent> Timeline { get; }
}

/// <summary>A case taken at the desk and listed in a register with the others of its kind (repairs, complaints).</summary>
public interface IRegisteredCase : ICase
{
    DateTime ReceivedAt { get; }

    Guid CategoryId { get; }
}
