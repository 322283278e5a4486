using System.Text.RegularExpressions;
using System.Xml.Linq;
using PropertyPortal.UnitTests.TestSupport;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.UnitTests.Resources;

/// <summary>
/// Every UI string exists in Chinese and English, and every key the code asks for exists: a missing key
/// would show "Nav.Users" to a user instead of 用户管理. Only plain string literals are checked; keys
/// built at run time (L["Enum." + …]) are covered by the enum and domain-code tests below.
/// </summary>
public sealed partial class ResourceTests
{
    private static readonly string SharedResx = Path.Combine(RepositoryPaths.Web, "Resources", "SharedResource.resx");

    public static TheoryData<string> NeutralResourceFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in RepositoryPaths.SourceFiles(RepositoryPaths.Web, ".resx").Where(f => !IsCultureSpecific(f)).Order())
        {
            data.Add(RepositoryPaths.Relative(RepositoryPaths.Web, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(NeutralResourceFiles))]
    public void Every_Chinese_string_has_an_English_translation_and_vice_versa(string neutral)
    {
        var neutralPath = Path.Combine(RepositoryPaths.Web, neutral);
        var englishPath = Path.ChangeExtension(neutralPath, ".en.resx");
        Assert.True(File.Exists(englishPath), $"{neutral} has no English twin {Path.GetFileName(englishPath)}");

        var chinese = Load(neutralPath);
        var english = Load(englishPath);

        Assert.Empty(chinese.Keys.Except(english.Keys).Select(k => $"{k} is missing in the .en.resx"));
        Assert.Empty(english.Keys.Except(chinese.Keys).Select(k => $"{k} is only in the .en.resx"));
        Assert.Empty(chinese.Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => $"{e.Key} is empty in Chinese"));
        Assert.Empty(english.Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => $"{e.Key} is empty in English"));
    }

    [Fact]
    public void Every_shared_key_the_views_and_code_ask_for_exists_in_SharedResource()
    {
        var keys = Load(SharedResx).Keys.ToHashSet();
        var missing = new List<string>();
        foreach (var file in RepositoryPaths.SourceFiles(RepositoryPaths.Web, ".cshtml", ".cs"))
        {
            var text = File.ReadAllText(file);
            var patterns = Path.GetExtension(file) == ".cshtml"
                ? new[] { SharedLocalizerUse() }
                : [SharedLocalizerUse(), SharedPropertyUse(), SharedTextUse(), DisplayName()];
            foreach (var pattern in patterns)
            {
                foreach (Match m in pattern.Matches(text))
                {
                    var key = m.Groups["key"].Value;
                    if (!keys.Contains(key))
                    {
                        missing.Add($"{RepositoryPaths.Relative(RepositoryPaths.Web, file)}:{Line(text, m.Index)} uses \"{key}\"");
                    }
                }
            }
        }

        Assert.True(missing.Count == 0, "Keys missing in Resources/SharedResource.resx:" + Environment.NewLine + string.Join(Environment.NewLine, missing.Distinct()));
    }

    [Fact]
    public void Every_feature_key_a_view_asks_for_exists_in_its_feature_resx()
    {
        var missing = new List<string>();
        foreach (var view in RepositoryPaths.SourceFiles(Path.Combine(RepositoryPaths.Web, "Features"), ".cshtml"))
        {
            var text = File.ReadAllText(view);
            var uses = FeatureLocalizerUse().Matches(text);
            if (uses.Count == 0)
            {
                continue;
            }

            var resx = FeatureResxFor(view, text);
            if (resx.Count == 0)
            {
                missing.Add($"{RepositoryPaths.Relative(RepositoryPaths.Web, view)} uses T[...] but no *Text.resx was found for it");
                continue;
            }

            var keys = resx.SelectMany(f => Load(f).Keys).ToHashSet();
            foreach (Match m in uses)
            {
                if (!keys.Contains(m.Groups["key"].Value))
                {
                    missing.Add($"{RepositoryPaths.Relative(RepositoryPaths.Web, view)}:{Line(text, m.Index)} uses T[\"{m.Groups["key"].Value}\"], not in {string.Join(", ", resx.Select(Path.GetFileName))}");
                }
            }
        }

        Assert.True(missing.Count == 0, string.Join(Environment.NewLine, missing));
    }

    [Fact]
    public void Every_value_of_every_enum_shown_to_users_has_a_label()
    {
        var keys = Load(SharedResx).Keys.ToHashSet();
        var enums = typeof(PropertyPortal.Domain.Common.Entity).Assembly.GetTypes().Where(t => t.IsEnum && t.IsPublic)
            .Append(typeof(AuditAction));

        var missing = enums.SelectMany(t => Enum.GetNames(t).Select(v => $"Enum.{t.Name}.{v}")).Where(k => !keys.Contains(k)).ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void Every_business_rule_the_domain_can_break_has_a_message()
    {
        var keys = Load(SharedResx).Keys.ToHashSet();
        var codes = RepositoryPaths.SourceFiles(Path.Combine(RepositoryPaths.Root, "src"), ".cs")
            .SelectMany(f => DomainExceptionCode().Matches(File.ReadAllText(f)).Select(m => m.Groups["code"].Value))
            .Distinct()
            .ToList();

        Assert.NotEmpty(codes);
        Assert.Empty(codes.Where(c => !keys.Contains("Domain." + c)).Select(c => "Domain." + c));
        Assert.Contains("Domain.Unknown", keys);
    }

    /// <summary>The resx files of the localizer the view injects as T (@inject IStringLocalizer&lt;XText&gt; T), else its feature folder's.</summary>
    private static List<string> FeatureResxFor(string view, string text)
    {
        var injected = FeatureLocalizerInject().Match(text);
        for (var dir = Path.GetDirectoryName(view)!; !injected.Success && dir.Length >= RepositoryPaths.Web.Length; dir = Path.GetDirectoryName(dir)!)
        {
            var imports = Path.Combine(dir, "_ViewImports.cshtml");
            if (File.Exists(imports))
            {
                injected = FeatureLocalizerInject().Match(File.ReadAllText(imports));
            }
        }

        var all = RepositoryPaths.SourceFiles(RepositoryPaths.Web, ".resx").Where(f => !IsCultureSpecific(f)).ToList();
        if (injected.Success)
        {
            var type = injected.Groups["type"].Value.Split('.')[^1];
            return all.Where(f => Path.GetFileNameWithoutExtension(f) == type).ToList();
        }

        var feature = RepositoryPaths.Relative(Path.Combine(RepositoryPaths.Web, "Features"), view).Split('/')[0];
        var folder = Path.Combine(RepositoryPaths.Web, "Features", feature);
        return all.Where(f => f.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal) && Path.GetFileNameWithoutExtension(f).EndsWith("Text", StringComparison.Ordinal)).ToList();
    }

    private static Dictionary<string, string> Load(string resx) =>
        XDocument.Load(resx).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    private static bool IsCultureSpecific(string resx) =>
        Path.GetFileNameWithoutExtension(resx).Contains('.', StringComparison.Ordinal);

    private static int Line(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;

    // L["Key"] or L["Key", arg]: the shared localizer the views get from _ViewImports.
    [GeneratedRegex("""(?<![\w.])L\[\s*"(?<key>[^"\\]+)"\s*[,\]]""")]
    private static partial Regex SharedLocalizerUse();

    // Shared["Key"] in controllers (PortalController.Shared).
    [GeneratedRegex("""(?<![\w.])Shared\[\s*"(?<key>[^"\\]+)"\s*[,\]]""")]
    private static partial Regex SharedPropertyUse();

    [GeneratedRegex("""LocalizationSetup\.Text\(\s*"(?<key>[^"\\]+)"\s*\)""")]
    private static partial Regex SharedTextUse();

    // Form labels are looked up in SharedResource (AddDataAnnotationsLocalization in Program.cs).
    [GeneratedRegex(""""\[Display\(\s*Name\s*=\s*"(?<key>[^"\\]+)"""")]
    private static partial Regex DisplayName();

    [GeneratedRegex("""(?<![\w.])T\[\s*"(?<key>[^"\\]+)"\s*[,\]]""")]
    private static partial Regex FeatureLocalizerUse();

    [GeneratedRegex("""@inject\s+(?:Microsoft\.Extensions\.Localization\.)?IStringLocalizer<(?<type>[\w.]+)>\s+T\b""")]
    private static partial Regex FeatureLocalizerInject();

    [GeneratedRegex(""""new\s+DomainException\(\s*"(?<code>\w+)"""")]
    private static partial Regex DomainExceptionCode();
}
