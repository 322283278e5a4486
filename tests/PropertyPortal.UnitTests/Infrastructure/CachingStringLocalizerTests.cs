using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PropertyPortal.Web.Features.Board;
using PropertyPortal.Web.Infrastructure.Localization;

namespace PropertyPortal.UnitTests.Infrastructure;

/// <summary>The cache in front of the .resx localizers answers as they do, per culture, formats included.</summary>
public sealed class CachingStringLocalizerTests
{
    private static readonly CachingStringLocalizerFactory Factory = new(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance);

    [Fact]
    public void Each_culture_gets_its_own_strings_though_the_first_was_cached()
    {
        var localizer = new StringLocalizer<BoardText>(Factory);
        Assert.Equal("另有 2 个节点", In("zh-CN", () => localizer["Queue.OtherMilestones", 2].Value));
        Assert.Equal("2 more milestone(s)", In("en", () => localizer["Queue.OtherMilestones", 2].Value));
        Assert.Equal("另有 3 个节点", In("zh-CN", () => localizer["Queue.OtherMilestones", 3].Value));
        Assert.Equal("暂无", In("zh-CN", () => localizer["Queue.Empty"].Value));
        Assert.Equal("Nothing", In("en", () => localizer["Queue.Empty"].Value));
    }

    [Fact]
    public void A_missing_name_answers_with_the_name_and_says_so_as_the_framework_does()
    {
        var missing = In("zh-CN", () => new StringLocalizer<BoardText>(Factory)["No.Such.Key {0}", 7]);
        Assert.True(missing.ResourceNotFound);
        Assert.Equal("No.Such.Key 7", missing.Value);
    }

    [Fact]
    public void One_localizer_per_resource_so_its_cache_outlives_each_page()
    {
        Assert.Same(Factory.Create(typeof(BoardText)), Factory.Create(typeof(BoardText)));
        Assert.NotSame(Factory.Create(typeof(BoardText)), Factory.Create(typeof(PropertyPortal.Web.Resources.SharedResource)));
    }

    private static T In<T>(string culture, Func<T> read)
    {
        var (before, beforeUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try
        {
            return read();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (before, beforeUi);
        }
    }
}
