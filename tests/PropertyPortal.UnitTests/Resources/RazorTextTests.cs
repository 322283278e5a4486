using System.Text.RegularExpressions;
using PropertyPortal.UnitTests.TestSupport;

namespace PropertyPortal.UnitTests.Resources;

/// <summary>
/// Razor reads a letter or digit right before <c>@</c> as an e-mail address and prints the code as text: the survey list
/// showed "2026 Q@s.Quarter" instead of the quarter. Code after a letter needs <c>@(…)</c> (or a resource with the words).
/// </summary>
public sealed partial class RazorTextTests
{
    [Fact]
    public void No_view_writes_code_right_after_a_letter()
    {
        var wrong = new List<string>();
        foreach (var view in RepositoryPaths.SourceFiles(RepositoryPaths.Web, ".cshtml"))
        {
            var text = File.ReadAllText(view);
            wrong.AddRange(CodeAfterLetter().Matches(text)
                .Select(m => $"{RepositoryPaths.Relative(RepositoryPaths.Web, view)}:{text.AsSpan(0, m.Index).Count('\n') + 1} \"{m.Value}\" is printed as text"));
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public void The_check_finds_the_mistake_it_is_for()
    {
        Assert.Matches(CodeAfterLetter(), "<td>@s.Year Q@s.Quarter</td>");
        Assert.DoesNotMatch(CodeAfterLetter(), "<td>@s.Year Q@(s.Quarter)</td>");
        Assert.DoesNotMatch(CodeAfterLetter(), "<td>@T[\"Surveys.QuarterLabel\", s.Year, s.Quarter]</td>");
    }

    [GeneratedRegex("""[A-Za-z0-9]@[A-Za-z_]\w*\.\w+""")]
    private static partial Regex CodeAfterLetter();
}
