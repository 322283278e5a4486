using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Sla;

namespace PropertyPortal.Domain.FrontDesk;

/// <summary>
/// 工作日志 of one property and day: handover notes (交接班记录) and the supervisor's sign-off. The
/// day's contacts and cases are read from their own records; once signed, the day is read-only
/// except through an amendment that says who, when and why. The supervisor's review of each day (000 L348)
/// runs on a clock from the end of the day (<see cref="StartReview"/>), met by the sign-off.
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

    /// <summary>
    /// The day has ended: its review is due by the close of the policy's N-th service day after it
    /// (<see cref="SlaPolicy.DailyLogSignOffServiceDays"/>), on a clock that starts at <paramref name="dayEndUtc"/>
    /// (the day's midnight, whenever the job gets to it). Once per day; a day already signed gets its clock met
    /// at the sign-off, so every day counts in the on-time figures.
    /// </summary>
    public void StartReview(DateTime dayEndUtc, ClockSet clocks)
    {
        if (clocks.All.Any(c => c.Milestone == SlaMilestone.DailyLogReview))
        {
            return;
        }

        var target = SlaTarget.ServiceDays(clocks.Context.Policy.DailyLogSignOffServiceDays - 1);
        var clock = clocks.Start(PropertyId, SlaSubject.DailyLog, Id, SlaMilestone.DailyLogReview, null, target, dayEndUtc);
        if (SignedAt is { } signed)
        {
            clock.Meet(signed);
        }
    }

    public void SignOff(Actor by, DateTime nowUtc, DateOnly today, ClockSet clocks)
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
        clocks.Meet(SlaMilestone.DailyLogReview, nowUtc);
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
