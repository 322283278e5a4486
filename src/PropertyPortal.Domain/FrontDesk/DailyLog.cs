using PropertyPortal.Domain.Common;

namespace PropertyPortal.Domain.FrontDesk;

/// <summary>
/// 工作日志 of one property and day: handover notes (交接班记录) and the supervisor's sign-off. The
/// day's contacts and cases are read from their own records; once signed, the day is read-only
/// except through an amendment that says who, when and why.
/// </summary>
public sealed class DailyLog : Entity, IPropertyScoped
{
    private readonly List<DailyLogAmendment> _amendments = [];

    private DailyLog() { }

    public DailyLog(Guid propertyId, DateOnly date)
    {
        PropertyId = propertyId;
        Date = date;
    }

    public Guid PropertyId { get; private set; }
    public DateOnly Date { get; private set; }
    public string? HandoverNotes { get; private set; }
    public DateTime? SignedAt { get; private set; }
    public string? SignedById { get; private set; }
    public string? SignedByName { get; private set; }
    public IReadOnlyList<DailyLogAmendment> Amendments => _amendments;

    public bool IsSigned => SignedAt is not null;

    public void SetHandoverNotes(string? notes)
    {
        if (IsSigned)
        {
            throw new DomainException("DailyLogSigned", "The day is signed off; add an amendment instead.");
        }

        HandoverNotes = Guard.Optional(notes);
    }

    public void SignOff(Actor by, DateTime nowUtc, DateOnly today)
    {
        if (IsSigned)
        {
            throw new DomainException("DailyLogSigned", "The day is already signed off.");
        }

        if (Date > today)
        {
            throw new DomainException("DailyLogInFuture", "A day cannot be signed off before it begins.");
        }

        SignedAt = nowUtc;
        SignedById = by.UserId;
        SignedByName = by.Name;
    }

    public void Amend(string text, Actor by, DateTime nowUtc)
    {
        if (!IsSigned)
        {
            throw new DomainException("DailyLogNotSigned", "Edit the handover notes until the day is signed off.");
        }

        _amendments.Add(new DailyLogAmendment(Id, nowUtc, by, Guard.Required(text, "Text")));
    }
}

public sealed class DailyLogAmendment : IHasOwnHistory
{
    private DailyLogAmendment() { }

    internal DailyLogAmendment(Guid dailyLogId, DateTime at, Actor by, string text)
    {
        DailyLogId = dailyLogId;
        At = at;
        ActorId = by.UserId;
        ActorName = by.Name;
        Text = text;
    }

    public long Id { get; private set; }
    public Guid DailyLogId { get; private set; }
    public DateTime At { get; private set; }
    public string? ActorId { get; private set; }
    public string ActorName { get; private set; } = "";
    public string Text { get; private set; } = "";
}
