using System.Security.Cryptography;
using PropertyPortal.Domain.Common;

namespace PropertyPortal.Domain.Residents;

/// <summary>
/// 住户邀请码: printed on the household's payment notice for households that cannot receive an SMS code. The first number
/// that signs in with it is bound to the household's customer (and it is spent); the desk can issue a new one.
/// The code is kept as printed — it is a one-time letter, like a bank's activation slip — and is worthless once used.
/// </summary>
public sealed class HouseholdInvitation : Entity, IPropertyScoped
{
    /// <summary>No 0/O, 1/I/L: the code is read off paper and typed on a phone.</summary>
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    public const int Length = 10;

    private HouseholdInvitation() { }

    public HouseholdInvitation(Guid propertyId, Guid customerId, DateTime nowUtc)
    {
        PropertyId = propertyId;
        CustomerId = customerId;
        CreatedAt = nowUtc;
        Code = string.Create(Length, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
            }
        });
    }

    /// <summary>An invitation whose code is already known (the demo's, printed in the README).</summary>
    public static HouseholdInvitation WithCode(Guid propertyId, Guid customerId, string code, DateTime nowUtc)
    {
        var normalized = Normalize(code);
        if (normalized.Length != Length || normalized.Any(c => !Alphabet.Contains(c, StringComparison.Ordinal)))
        {
            throw new DomainException("InvitationCodeShape", "An invitation code is 10 letters and digits of the alphabet.");
        }

        return new HouseholdInvitation(propertyId, customerId, nowUtc) { Code = normalized };
    }

    public Guid PropertyId { get; private set; }
    public Guid CustomerId { get; private set; }
    public string Code { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public DateTime? UsedAt { get; private set; }
    public Guid? UsedByAccountId { get; private set; }

    /// <summary>As typed: spaces and dashes dropped, letters upper-cased.</summary>
    public static string Normalize(string? typed) =>
        new((typed ?? "").Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());

    /// <summary>Printed in groups of five: ABCDE-FGHJK.</summary>
    public string Printed => Code.Length == Length ? Code[..5] + "-" + Code[5..] : Code;

    public void Use(Guid accountId, DateTime nowUtc)
    {
        if (UsedAt is not null)
        {
            throw new DomainException("InvitationUsed", "The invitation code has been used.");
        }

        UsedAt = nowUtc;
        UsedByAccountId = accountId;
    }
}
