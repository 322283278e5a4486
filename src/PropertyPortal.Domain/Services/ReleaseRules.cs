using PropertyPortal.Domain.Common;

namespace PropertyPortal.Domain.Services;

/// <summary>
/// 大件物品放行 as the desk checks it: what leaves (one item per line), who carries it, on which day, and how the
/// applicant stands to the unit — read from the registry on the day, or an owner's written authorisation — with
/// whether the items leave because a tenant moves out, the owner's consent to that, and what the unit owes.
/// </summary>
public sealed record ReleaseDetails(
    string Items, string CarrierName, string? CarrierPhone, DateOnly ReleaseDate, ReleaseRelation? Relation, bool MovingOut, bool OwnerConsent, decimal Owed)
{
    public const int MaxItems = 30;

    /// <summary>The item lines as the slip lists them (blank lines dropped).</summary>
    public IReadOnlyList<string> ItemLines => Lines(Items);

    public static IReadOnlyList<string> Lines(string? items) =>
        [.. (items ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];
}

/// <summary>The rules of a release (002 L38, L40; §3.4 move-out: the slip checked at the gate).</summary>
public static class ReleaseRules
{
    /// <summary>
    /// Refuses a release the desk may not take, each with its own message (Domain.{Code}):
    /// <list type="bullet">
    /// <item>nothing listed, or more lines than a slip holds;</item>
    /// <item>an applicant who neither lives in the unit (owner or tenant today) nor holds the owner's authorisation;</item>
    /// <item>a tenant moving out while the unit owes fees, without the owner's consent (002 L40: every fee settled).</item>
    /// </list>
    /// Checked when the request is taken and again when the supervisor approves (the fees may have been paid meanwhile).
    /// </summary>
    public static void Verify(ReleaseDetails release, DateOnly today)
    {
        var lines = release.ItemLines;
        if (lines.Count == 0)
        {
            throw new DomainException("ReleaseNoItems", "List what leaves, one item per line.");
        }

        if (lines.Count > ReleaseDetails.MaxItems)
        {
            throw new DomainException("ReleaseTooManyItems", "A slip lists at most 30 items.");
        }

        Guard.Required(release.CarrierName, nameof(release.CarrierName));
        if (release.ReleaseDate < today)
        {
            throw new DomainException("ReleaseDateInPast", "The release date cannot be in the past.");
        }

        if (release.Relation is null)
        {
            throw new DomainException("ReleaseNotAuthorised", "The applicant is not an occupant of the unit and has no owner's authorisation.");
        }

        if (release.MovingOut && release.Relation == ReleaseRelation.Tenant && !release.OwnerConsent && release.Owed > 0)
        {
            throw new DomainException("ReleaseMoveOutNeedsConsent", "A tenant moving out needs the owner's consent or every fee settled.");
        }
    }
}
