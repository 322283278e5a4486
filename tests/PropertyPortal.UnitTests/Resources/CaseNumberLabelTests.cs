using System.Text.RegularExpressions;
using PropertyPortal.UnitTests.TestSupport;

namespace PropertyPortal.UnitTests.Resources;

/// <summary>
/// 房号 (Field.Number) is a unit's number. The lists of cases and their Excel exports headed their BX…/TS…/ZX…/RZ…/QC…/FW… column with it,
/// so a clerk read "房号 BX20261207-0001". A case's number is 单号 (Field.CaseNumber); in the case features'
/// views the unit is labelled Field.UnitId, never Field.Number.
/// </summary>
public sealed partial class CaseNumberLabelTests
{
    private static readonly string[] CaseFeatures = ["Repairs", "Complaints", "Renovations", "MoveIns", "MoveOuts", "Callbacks", "Events", "Notices", "Services", "Visits"];

    [Fact]
    public void Case_views_label_the_case_number_as_a_case_number()
    {
        var wrong = new List<string>();
        var right = 0;
        foreach (var feature in CaseFeatures)
        {
            var folder = Path.Combine(RepositoryPaths.Web, "Features", feature);
            foreach (var view in RepositoryPaths.SourceFiles(folder, ".cshtml").Concat(RepositoryPaths.SourceFiles(folder, ".cs")))
            {
                var text = File.ReadAllText(view);
                wrong.AddRange(UnitNumberLabel().Matches(text).Select(m => $"{RepositoryPaths.Relative(RepositoryPaths.Web, view)}:{text.AsSpan(0, m.Index).Count('\n') + 1} labels a column 房号 (Field.Number)"));
                right += CaseNumberLabel().Count(text);
            }
        }

        Assert.Empty(wrong);
        Assert.True(right >= 5, "the five case lists should head their number column with Field.CaseNumber");
    }

    // L["…"] in views, Shared["…"] in controllers (the Excel exports' headers).
    [GeneratedRegex("""(?<![A-Za-z])(L|Shared)\["Field\.Number"\]""")]
    private static partial Regex UnitNumberLabel();

    [GeneratedRegex("""(?<![A-Za-z])(L|Shared)\["Field\.CaseNumber"\]""")]
    private static partial Regex CaseNumberLabel();
}
