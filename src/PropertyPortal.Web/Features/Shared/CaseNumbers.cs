using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Web.Infrastructure;

namespace PropertyPortal.Web.Features.Shared;

/// <summary>
/// Case numbers per property and day, as the paper forms have them: BX20261122-0007 (报修),
/// TS20261122-0003 (投诉). The next number is the day's highest plus one, found by an index range on
/// (PropertyId, Number); a clash with another clerk in the same instant is caught by the unique index
/// and retried by the caller.
/// </summary>
public static class CaseNumbers
{
    /// <param name="numbersOfProperty">The numbers of one property, read past the user's filter (numbers are unique per property).</param>
    public static async Task<string> NextAsync(IQueryable<string> numbersOfProperty, string kind, DateTime nowUtc, CancellationToken ct)
    {
        var prefix = Format(kind, nowUtc, null);
        var upper = prefix + "~";
        var last = await numbersOfProperty
            .Where(n => string.Compare(n, prefix) > 0 && string.Compare(n, upper) < 0)
            .OrderByDescending(n => n).FirstOrDefaultAsync(ct);
        var seq = last is not null && int.TryParse(last[prefix.Length..], CultureInfo.InvariantCulture, out var n) ? n + 1 : 1;
        return Format(kind, nowUtc, seq);
    }

    /// <summary>The number of the <paramref name="sequence"/>th case of a kind on the China-time day of <paramref name="atUtc"/>; without a sequence, its prefix ("BX20261122-").</summary>
    public static string Format(string kind, DateTime atUtc, int? sequence) =>
        kind + PortalClock.ToLocal(atUtc).ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "-" + sequence?.ToString("0000", CultureInfo.InvariantCulture);

    /// <summary>The number <paramref name="offset"/> places after <paramref name="number"/> (several cases opened in one save: a batch, an inspection's defects).</summary>
    public static string Following(string number, int offset)
    {
        var dash = number.LastIndexOf('-');
        var seq = int.Parse(number[(dash + 1)..], CultureInfo.InvariantCulture) + offset;
        return number[..(dash + 1)] + seq.ToString("0000", CultureInfo.InvariantCulture);
    }
}
