using PropertyPortal.Domain.Common;

namespace PropertyPortal.Domain.Residents;

/// <summary>
/// A household's own sign-in (业主/住户账号): one mobile number bound to one person of the registry — the household's
/// customer, or one of its members. It is not a staff account (no Identity user, no role); what it sees is computed on
/// every request from the units the household occupies now, never stored here.
/// </summary>
public sealed class ResidentAccount : Entity, IPropertyScoped
{
    private ResidentAccount() { }

    public ResidentAccount(Guid propertyId, Guid customerId, Guid? memberId, string phone, string name, DateTime nowUtc)
    {
        PropertyId = propertyId;
        CustomerId = customerId;
        MemberId = memberId;
        Phone = Registry.Phone.Normalize(phone) ?? throw new DomainException("Required", "Phone is required.");
        Name = Guard.Required(name, nameof(Name));
        CreatedAt = nowUtc;
    }

    public Guid PropertyId { get; private set; }

    /// <summary>The household (its head, 业主/租户) whose units, cases and bill the account sees.</summary>
    public Guid CustomerId { get; private set; }

    /// <summary>The household member this number belongs to; null when it is the customer's own.</summary>
    public Guid? MemberId { get; private set; }

    /// <summary>Digits only; unique: a number signs in to one account.</summary>
    public string Phone { get; private set; } = "";

    public string Name { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }

    /// <summary>The first time the number proved itself (a code, or a printed invitation).</summary>
    public DateTime? VerifiedAt { get; private set; }

    public DateTime? LastSignInAt { get; private set; }

    /// <summary>The desk turned the account off (a lost phone): no code is sent and the cookie stops working.</summary>
    public bool IsDisabled { get; private set; }

    public void SignedIn(DateTime nowUtc)
    {
        if (IsDisabled)
        {
            throw new DomainException("ResidentDisabled", "The account is disabled.");
        }

        VerifiedAt ??= nowUtc;
        LastSignInAt = nowUtc;
    }

    /// <summary>The household's last 退出登录: a cookie issued at a sign-in before it no longer opens the pages.</summary>
    public DateTime? SignedOutAt { get; private set; }

    public void Disable() => IsDisabled = true;

    public void SignOut(DateTime nowUtc) => SignedOutAt = nowUtc;

    /// <summary>A session begun at <paramref name="signedInAtUtc"/> is still good: the account is on and was not signed out since.</summary>
    public static bool SessionValid(bool isDisabled, DateTime? signedOutAt, DateTime signedInAtUtc) =>
        !isDisabled && (signedOutAt is null || signedOutAt < signedInAtUtc);
}
