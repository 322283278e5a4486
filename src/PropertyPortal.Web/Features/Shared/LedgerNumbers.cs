using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace PropertyPortal.Web.Features.Shared;

/// <summary>
/// Numbers of a property's yearly ledgers, as the paper registers have them: CHHY-GG-2026-017 (公告, the notice
/// ledger 信息公布台帐), CHHY-HD-2026-005 (活动). The next number is the year's highest plus one, read by an index range
/// on (PropertyId, Number) — longest first, so 1000 follows 999 — and a clash with another desk at the same instant
/// is caught by the unique index and drawn again by <see cref="Infrastructure.Persistence.Saving.TryNumberedAsync"/>,
/// as <see cref="CaseNumbers"/> are.
/// </summary>
public static class LedgerNumbers
{
    /// <summary>公告 (GongGao).</summary>
    public const string Notice = "GG";

    /// <summary>活动 (HuoDong).</summary>
    public const string Event = "HD";

    /// <summary>年度活动计划 (JiHua): one a year, so its number is the prefix itself.</summary>
    public const string AnnualPlan = "JH";

    public static string Prefix(string propertyCode, string kind, int year) =>
        $"{propertyCode}-{kind}-{year.ToString("D4", CultureInfo.InvariantCulture)}-";

    /// <param name="numbersOfProperty">The numbers of one property, read past the user's filter (numbers are unique per property).</param>
    public static async Task<string> NextAsync(IQueryable<string> numbersOfProperty, string propertyCode, string kind, int year, CancellationToken ct)
    {
        var prefix = Prefix(propertyCode, kind, year);
        var upper = prefix + "~";
        var last = await numbersOfProperty
            .Where(n => string.Compare(n, prefix) > 0 && string.Compare(n, upper) < 0)
            .OrderByDescending(n => n.Length).ThenByDescending(n => n).FirstOrDefaultAsync(ct);
        var seq = last is not null && int.TryParse(last[prefix.Length..], CultureInfo.InvariantCulture, out var n) ? n + 1 : 1;
        return prefix + seq.ToString("000", CultureInfo.InvariantCulture);
    }

    /// <summary>CHHY-JH-2026: the annual plan's number.</summary>
    public static string AnnualPlanNumber(string propertyCode, int year) => Prefix(propertyCode, AnnualPlan, year).TrimEnd('-');
}
