namespace PropertyPortal.Domain.Registry;

/// <summary>Phone numbers as people type them: spaces, dashes, +86. Stored as digits.</summary>
public static class Phone
{
    public static string? Normalize(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var digits = new string(raw.Where(char.IsAsciiDigit).ToArray());
        if (digits.StartsWith("86", StringComparison.Ordinal) && digits.Length == 13)
        {
            digits = digits[2..];
        }

        return digits.Length == 0 ? null : digits;
    }

    public static bool IsValid(string? raw)
    {
        var digits = Normalize(raw);
        return digits is { Length: >= 7 and <= 15 };
    }

    public static string? Last4(string? normalized) =>
        normalized is { Length: >= 4 } ? normalized[^4..] : null;
}
