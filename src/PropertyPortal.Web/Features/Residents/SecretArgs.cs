using Microsoft.AspNetCore.DataProtection;

namespace PropertyPortal.Web.Features.Residents;

/// <summary>
/// A message argument that must not sit readable in the outbox (a sign-in code): stored encrypted with a lifetime, read back
/// only by the dispatcher when it sends. Past its lifetime it cannot be read by anyone — and the code is worthless by then.
/// </summary>
public sealed class SecretArgs(IDataProtectionProvider protection)
{
    private const string Prefix = "secret:";
    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("PropertyPortal.OutboxSecret").ToTimeLimitedDataProtector();

    public string Protect(string value, TimeSpan lifetime) => Prefix + _protector.Protect(value, lifetime);

    /// <summary>The stored arguments with every secret read back ("" once expired); others unchanged.</summary>
    public string Reveal(string argsJson)
    {
        if (!argsJson.Contains(Prefix, StringComparison.Ordinal))
        {
            return argsJson;
        }

        var args = System.Text.Json.JsonSerializer.Deserialize<string[]>(argsJson) ?? [];
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith(Prefix, StringComparison.Ordinal))
            {
                try
                {
                    args[i] = _protector.Unprotect(args[i][Prefix.Length..]);
                }
                catch (System.Security.Cryptography.CryptographicException)
                {
                    args[i] = "";
                }
            }
        }

        return System.Text.Json.JsonSerializer.Serialize(args);
    }
}
