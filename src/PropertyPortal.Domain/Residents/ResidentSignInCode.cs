using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PropertyPortal.Domain.Common;

namespace PropertyPortal.Domain.Residents;

/// <summary>What became of one try of a sign-in code.</summary>
public enum CodeCheck
{
    Accepted,
    Wrong,
    Expired,

    /// <summary>The tries of this code are used up (or it was used): a new code must be asked for.</summary>
    Spent,
}

/// <summary>The limits of the SMS sign-in (settings; defaults from issue #20).</summary>
public sealed record SignInLimits(int CodeMinutes, int MaxTries, int MinSecondsBetweenCodes, int MaxCodesPerDay)
{
    public static readonly SignInLimits Default = new(5, 5, 60, 10);
}

/// <summary>
/// One SMS sign-in code asked for a number from an address. A row is written for every request that passes the rate
/// limits, whether or not the number is known (the limits, and the answer, must not tell the two apart); only a known
/// number's row has an account and a message. The code itself is never stored: a salted PBKDF2 hash of it is.
/// </summary>
public sealed class ResidentSignInCode : Entity, IHasOwnHistory
{
    public const int Digits = 6;
    private const int Iterations = 10_000;

    private ResidentSignInCode() { }

    private ResidentSignInCode(string phone, string ip, Guid? accountId, string salt, string hash, DateTime nowUtc, SignInLimits limits)
    {
        Phone = phone;
        Ip = ip;
        AccountId = accountId;
        Salt = salt;
        Hash = hash;
        CreatedAt = nowUtc;
        ExpiresAt = nowUtc.AddMinutes(limits.CodeMinutes);
        MaxTries = limits.MaxTries;
    }

    public string Phone { get; private set; } = "";

    /// <summary>The client address the code was asked from (the per-address limits count these).</summary>
    public string Ip { get; private set; } = "";

    /// <summary>The account the code signs in to; null for a number the registry does not know (no message is sent).</summary>
    public Guid? AccountId { get; private set; }

    public string Salt { get; private set; } = "";
    public string Hash { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public DateTime ExpiresAt { get; private set; }
    public int Tries { get; private set; }
    public int MaxTries { get; private set; }
    public DateTime? UsedAt { get; private set; }

    /// <summary>A fresh code for <paramref name="phone"/>: the row to save and the plain code to send (once, never stored).</summary>
    public static (ResidentSignInCode Row, string Code) Issue(string phone, string ip, Guid? accountId, DateTime nowUtc, SignInLimits limits)
    {
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        var salt = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        return (new ResidentSignInCode(phone, ip, accountId, salt, HashOf(code, salt), nowUtc, limits), code);
    }

    /// <summary>
    /// One try: a try past the expiry or after the tries are spent is refused without looking at the code. Every
    /// try counts (a wrong one too), so five guesses are all a code gives.
    /// </summary>
    public CodeCheck Try(string? code, DateTime nowUtc)
    {
        if (UsedAt is not null || Tries >= MaxTries)
        {
            return CodeCheck.Spent;
        }

        if (nowUtc > ExpiresAt)
        {
            return CodeCheck.Expired;
        }

        Tries++;
        var given = (code ?? "").Trim();
        if (AccountId is null || given.Length != Digits
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(HashOf(given, Salt)), Encoding.ASCII.GetBytes(Hash)))
        {
            return Tries >= MaxTries ? CodeCheck.Spent : CodeCheck.Wrong;
        }

        UsedAt = nowUtc;
        return CodeCheck.Accepted;
    }

    public static string HashOf(string code, string salt) =>
        Convert.ToBase64String(Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(code), Convert.FromBase64String(salt), Iterations, HashAlgorithmName.SHA256, 32));
}
