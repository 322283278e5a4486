using System.Text.RegularExpressions;

namespace PropertyPortal.Web.Features.Fees;

/// <summary>
/// A receipt's lines as a cashier writes them on the form: one line per fee item, its months as a range
/// (物业管理费 2026-09～2026-11), so three months of two items take two lines of a 93 mm form, not six.
/// </summary>
public static partial class ReceiptLines
{
    public static IReadOnlyList<(string What, decimal Amount)> ByItem(IEnumerable<(string What, decimal Amount)> lines) =>
        lines.Select(l => (Line: l, Match: Monthly().Match(l.What)))
            .GroupBy(x => x.Match.Success ? x.Match.Groups["item"].Value : x.Line.What, StringComparer.Ordinal)
            .Select(g =>
            {
                var months = g.Where(x => x.Match.Success).Select(x => x.Match.Groups["month"].Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                var what = months.Count switch
                {
                    0 => g.Key,
                    1 => $"{g.Key} {months[0]}",
                    _ => $"{g.Key} {months[0]}～{months[^1]}",
                };
                return (what, g.Sum(x => x.Line.Amount));
            })
            .ToList();

    // A monthly charge is described "<item> yyyy-MM" by the billing run.
    [GeneratedRegex(@"^(?<item>.+?)\s+(?<month>\d{4}-\d{2})$")]
    private static partial Regex Monthly();
}
