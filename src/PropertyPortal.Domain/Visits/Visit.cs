using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Sla;

namespace PropertyPortal.Domain.Visits;

/// <summary>上门 / 电话 / 微信.</summary>
public enum VisitChannel { InPerson, Phone, WeChat }

/// <summary>What a visit's finding became: nothing yet, or a front-desk case.</summary>
public enum FindingFollowUp { None, RepairOrder, Complaint, ServiceRequest }

/// <summary>
/// 走访: a steward's visit to a household (002 L14–L15, L76; 004 §管家2) — when, how, what was talked about and
/// what was found. Each finding can become a repair order, a complaint or a service request in one click (through
/// a front-desk contact, so the case is opened, prefilled, the way every call is).
/// </summary>
public sealed class Visit : Entity, IPropertyScoped
{
    /// <summary>A visit is recorded within this many days (the month's quota is counted from the records).</summary>
    public const int MaxDaysLate = 31;

    public const int MaxFindings = 10;

    private readonly List<VisitFinding> _findings = [];

    private Visit() { }

    public Visit(Guid propertyId, Guid customerId, Guid? unitId, string stewardId, string stewardName, DateOnly visitedOn, VisitChannel channel,
        string topics, IReadOnlyList<string> findings, Actor by, DateTime nowUtc, DateOnly today)
    {
        if (visitedOn > today)
        {
            throw new DomainException("VisitInFuture", "A visit is recorded after it happened.");
        }

        if (visitedOn < today.AddDays(-MaxDaysLate))
        {
            throw new DomainException("VisitTooLate", "Record a visit within a month of making it.");
        }

        var lines = findings.Select(f => f.Trim()).Where(f => f.Length > 0).ToList();
        if (lines.Count > MaxFindings)
        {
            throw new DomainException("VisitTooManyFindings", "At most 10 findings a visit.");
        }

        PropertyId = propertyId;
        CustomerId = customerId;
        UnitId = unitId;
        StewardId = Guard.Required(stewardId, nameof(StewardId));
        StewardName = Guard.Required(stewardName, nameof(StewardName));
        VisitedOn = visitedOn;
        Channel = channel;
        Topics = Guard.Required(topics, nameof(Topics));
        RecordedAt = nowUtc;
        RecordedByName = by.Name;
        _findings.AddRange(lines.Select((text, i) => new VisitFinding(this, i + 1, text)));
    }

    public Guid PropertyId { get; private set; }
    public Guid CustomerId { get; private set; }
    public Guid? UnitId { get; private set; }
    public string StewardId { get; private set; } = "";
    public string StewardName { get; private set; } = "";
    public DateOnly VisitedOn { get; private set; }
    public VisitChannel Channel { get; private set; }

    /// <summary>What was talked about (opinions on the management, the household's needs: 002 L76).</summary>
    public string Topics { get; private set; } = "";

    public DateTime RecordedAt { get; private set; }
    public string RecordedByName { get; private set; } = "";

    public IReadOnlyList<VisitFinding> Findings => _findings;

    /// <summary>The month the visit counts towards, as yyyyMM.</summary>
    public int Period => VisitQuota.PeriodOf(VisitedOn);
}

/// <summary>One thing a visit found (a leak in the stairwell, a neighbour's noise …) and the case it became.</summary>
public sealed class VisitFinding : Entity, IPropertyScoped
{
    private VisitFinding() { }

    internal VisitFinding(Visit visit, int position, string text)
    {
        PropertyId = visit.PropertyId;
        VisitId = visit.Id;
        Position = position;
        Text = text.Length > 500 ? text[..500] : text;
    }

    public Guid PropertyId { get; private set; }
    public Guid VisitId { get; private set; }
    public int Position { get; private set; }
    public string Text { get; private set; } = "";
    public FindingFollowUp FollowUp { get; private set; }

    /// <summary>The front-desk contact the finding was turned into; the case hangs off it.</summary>
    public Guid? ContactId { get; private set; }

    public DateTime? FollowedUpAt { get; private set; }
    public string? FollowedUpByName { get; private set; }

    /// <summary>转报修 / 转投诉 / 转服务: once per finding (the contact then becomes the case).</summary>
    public void TurnInto(FindingFollowUp kind, Guid contactId, Actor by, DateTime nowUtc)
    {
        if (kind == FindingFollowUp.None)
        {
            throw new DomainException("FindingFollowUpNone", "Pick what the finding becomes.");
        }

        if (FollowUp != FindingFollowUp.None)
        {
            throw new DomainException("FindingAlreadyFollowedUp", "This finding has already been followed up.");
        }

        FollowUp = kind;
        ContactId = contactId;
        FollowedUpAt = nowUtc;
        FollowedUpByName = by.Name;
    }
}

/// <summary>
/// 走访指标: a month's visit quota — the property's (10 households, 002 L76) or one steward's there (30, 004 §管家2) —
/// with the target copied from the settings when the month's quota was set. Its clock runs to the end of the month
/// and is met when the quota is reached; a month that ends below quota breaches it and the ladder tells whom.
/// </summary>
public sealed class VisitQuota : Entity, IPropertyScoped
{
    /// <summary>The key of the property's own quota (a steward's is their user id).</summary>
    public const string PropertyKey = "*";

    private VisitQuota() { }

    private VisitQuota(Guid propertyId, int period, string key, string? stewardId, string? stewardName, int target)
    {
        if (target < 1)
        {
            throw new DomainException("VisitQuotaInvalid", "A quota is at least one household.");
        }

        PropertyId = propertyId;
        Period = period;
        Key = key;
        StewardId = stewardId;
        StewardName = stewardName;
        Target = target;
    }

    public static VisitQuota ForProperty(Guid propertyId, int period, int target) => new(propertyId, period, PropertyKey, null, null, target);

    public static VisitQuota ForSteward(Guid propertyId, int period, string stewardId, string stewardName, int target) =>
        new(propertyId, period, Guard.Required(stewardId, nameof(StewardId)), stewardId, Guard.Required(stewardName, nameof(StewardName)), target);

    public Guid PropertyId { get; private set; }

    /// <summary>yyyyMM.</summary>
    public int Period { get; private set; }

    /// <summary><see cref="PropertyKey"/> or the steward's user id: unique per property and month.</summary>
    public string Key { get; private set; } = "";

    public string? StewardId { get; private set; }
    public string? StewardName { get; private set; }
    public int Target { get; private set; }
    public DateTime? ReachedAt { get; private set; }

    public static int PeriodOf(DateOnly day) => day.Year * 100 + day.Month;

    public static DateOnly FirstDay(int period) => new(period / 100, period % 100, 1);

    /// <summary>Starts the month's clock: from the first instant of the month to the first of the next (China time).</summary>
    public SlaClock StartClock(ClockSet clocks, TimeZoneInfo zone)
    {
        var first = FirstDay(Period);
        var start = TimeZoneInfo.ConvertTimeToUtc(first.ToDateTime(TimeOnly.MinValue), zone);
        var end = TimeZoneInfo.ConvertTimeToUtc(first.AddMonths(1).ToDateTime(TimeOnly.MinValue), zone);
        return clocks.Start(PropertyId, SlaSubject.VisitQuota, Id, SlaMilestone.VisitQuota, StewardId, SlaTarget.At(end), start);
    }

    /// <summary>
    /// The month's visits so far (<paramref name="households"/> distinct households visited): reached once, the clock
    /// is met then. True when this call reached it.
    /// </summary>
    public bool Count(int households, DateTime nowUtc, ClockSet clocks)
    {
        if (ReachedAt is not null || households < Target)
        {
            return false;
        }

        ReachedAt = nowUtc;
        clocks.Meet(SlaMilestone.VisitQuota, nowUtc);
        return true;
    }
}

/// <summary>How the visit quotas count (002 L76: 不少于10家 — households, not visits).</summary>
public static class VisitQuotaRules
{
    /// <summary>Distinct households among the month's visits: a household visited twice counts once.</summary>
    public static int Households(IEnumerable<(Guid CustomerId, DateOnly VisitedOn)> visits, int period) =>
        visits.Where(v => VisitQuota.PeriodOf(v.VisitedOn) == period).Select(v => v.CustomerId).Distinct().Count();

    /// <summary>Progress as a whole percentage, capped at 100 (a quota of 0 is always met).</summary>
    public static int Percent(int households, int target) => target <= 0 ? 100 : Math.Min(100, households * 100 / target);
}
