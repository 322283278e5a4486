using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Registry;

namespace PropertyPortal.Domain.Services;

/// <summary>
/// 失物招领: an item found on the property — what, where, by whom, where it is kept — until it is claimed (by
/// whom, with their ID checked) or, once unclaimed for the property's setting (30 days), handed on or disposed of.
/// The number (SW20260115-0001) goes on the item's tag.
/// </summary>
public sealed class FoundItem : Entity, IPropertyScoped
{
    private FoundItem() { }

    public FoundItem(string number, Guid propertyId, string description, DateTime foundAtUtc, string foundWhere, string foundBy, string storedWhere,
        Actor by, DateTime nowUtc)
    {
        if (foundAtUtc > nowUtc.AddMinutes(1))
        {
            throw new DomainException("FoundInFuture", "An item cannot be found in the future.");
        }

        if (foundAtUtc < nowUtc.AddDays(-31))
        {
            throw new DomainException("FoundTooLongAgo", "Log a found item within a month of finding it.");
        }

        Number = Guard.Required(number, nameof(Number));
        PropertyId = propertyId;
        Description = Guard.Required(description, nameof(Description));
        FoundAt = foundAtUtc;
        FoundWhere = Guard.Required(foundWhere, nameof(FoundWhere));
        FoundBy = Guard.Required(foundBy, nameof(FoundBy));
        StoredWhere = Guard.Required(storedWhere, nameof(StoredWhere));
        LoggedAt = nowUtc;
        LoggedByName = by.Name;
        Status = FoundItemStatus.Held;
    }

    public string Number { get; private set; } = "";
    public Guid PropertyId { get; private set; }
    public string Description { get; private set; } = "";
    public DateTime FoundAt { get; private set; }
    public string FoundWhere { get; private set; } = "";
    public string FoundBy { get; private set; } = "";
    public string StoredWhere { get; private set; } = "";
    public DateTime LoggedAt { get; private set; }
    public string LoggedByName { get; private set; } = "";
    public FoundItemStatus Status { get; private set; }
    public string? ClaimantName { get; private set; }
    public string? ClaimantPhone { get; private set; }
    public IdDocumentType? ClaimantIdType { get; private set; }

    /// <summary>The last four characters of the ID the desk looked at: enough to show it was checked, not the number.</summary>
    public string? ClaimantIdLast4 { get; private set; }

    public DateTime? ClaimedAt { get; private set; }
    public string? HandedOverByName { get; private set; }
    public DateTime? DisposedAt { get; private set; }
    public string? DisposalNote { get; private set; }
    public string? DisposedByName { get; private set; }

    /// <summary>Still held <paramref name="days"/> days after it was found: listed as unclaimed (无人认领).</summary>
    public bool IsUnclaimed(DateTime nowUtc, int days) => Status == FoundItemStatus.Held && FoundAt <= nowUtc.AddDays(-days);

    /// <summary>认领: handed to its owner, whose ID the desk has checked (refused without).</summary>
    public void Claim(string claimantName, string? phone, IdDocumentType idType, string idLast4, bool idChecked, Actor by, DateTime nowUtc)
    {
        if (Status != FoundItemStatus.Held)
        {
            throw new DomainException("FoundItemNotHeld", "The item is no longer held.");
        }

        if (!idChecked)
        {
            throw new DomainException("FoundItemIdNotChecked", "Check the claimant's ID before handing the item over.");
        }

        var last4 = Guard.Required(idLast4, nameof(ClaimantIdLast4));
        if (last4.Length != 4 || !last4.All(char.IsAsciiLetterOrDigit))
        {
            throw new DomainException("FoundItemIdLast4", "Enter the last four characters of the ID.");
        }

        ClaimantName = Guard.Required(claimantName, nameof(ClaimantName));
        ClaimantPhone = Guard.Optional(phone);
        ClaimantIdType = idType;
        ClaimantIdLast4 = last4.ToUpperInvariant();
        ClaimedAt = nowUtc;
        HandedOverByName = by.Name;
        Status = FoundItemStatus.Claimed;
    }

    /// <summary>处理 (handed to the police, donated, thrown away): only once unclaimed for <paramref name="unclaimedAfterDays"/>.</summary>
    public void Discard(string note, int unclaimedAfterDays, Actor by, DateTime nowUtc)
    {
        if (Status != FoundItemStatus.Held)
        {
            throw new DomainException("FoundItemNotHeld", "The item is no longer held.");
        }

        if (!IsUnclaimed(nowUtc, unclaimedAfterDays))
        {
            throw new DomainException("FoundItemNotYetUnclaimed", "An item is disposed of only once unclaimed for the set number of days.");
        }

        DisposalNote = Guard.Required(note, nameof(DisposalNote));
        DisposedAt = nowUtc;
        DisposedByName = by.Name;
        Status = FoundItemStatus.Disposed;
    }
}

/// <summary>
/// A property's limits for the desk's services, stewards' visits and surveys — every one a setting with the spec's
/// default: visits a month per property (002 L76: 10) and per steward (004 §管家2: 30), the survey's share of
/// moved-in households (004 §七: 20 %), days before a found item is listed as unclaimed (30), and how far back a
/// complaint or suggestion puts a household first on the visit list (002 L15).
/// </summary>
public sealed class ServiceSettings : Entity, IPropertyScoped
{
    private ServiceSettings() { }

    public ServiceSettings(Guid propertyId) => PropertyId = propertyId;

    public Guid PropertyId { get; private set; }
    public int VisitsPerProperty { get; private set; } = 10;
    public int VisitsPerSteward { get; private set; } = 30;
    public int SurveySharePercent { get; private set; } = 20;
    public int UnclaimedAfterDays { get; private set; } = 30;
    public int SuggestionWindowDays { get; private set; } = 90;

    public void Update(int visitsPerProperty, int visitsPerSteward, int surveySharePercent, int unclaimedAfterDays, int suggestionWindowDays)
    {
        if (visitsPerProperty is < 0 or > 10_000 || visitsPerSteward is < 0 or > 1_000 || surveySharePercent is < 1 or > 100
            || unclaimedAfterDays is < 1 or > 365 || suggestionWindowDays is < 1 or > 365)
        {
            throw new DomainException("ServiceSettingsInvalid", "A setting is out of its range.");
        }

        VisitsPerProperty = visitsPerProperty;
        VisitsPerSteward = visitsPerSteward;
        SurveySharePercent = surveySharePercent;
        UnclaimedAfterDays = unclaimedAfterDays;
        SuggestionWindowDays = suggestionWindowDays;
    }
}
