using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.UnitTests.Infrastructure;

/// <summary>Targets as people say them (the clocks showed 10′ and 1440′), from the portal's own resource strings.</summary>
public sealed class TargetTextTests
{
    private static IStringLocalizer Shared(string culture)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        var factory = new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance);
        return factory.Create(typeof(SharedResource));
    }

    [Theory]
    [InlineData(SlaTargetKind.Minutes, 10, "10 分钟")]
    [InlineData(SlaTargetKind.Minutes, 60, "1 小时")]
    [InlineData(SlaTargetKind.Minutes, 90, "1 小时 30 分钟")]
    [InlineData(SlaTargetKind.Minutes, 1440, "1 天")]
    [InlineData(SlaTargetKind.Minutes, 10080, "7 天")]
    [InlineData(SlaTargetKind.WorkingDays, 2, "2 工作日")]
    [InlineData(SlaTargetKind.SameServiceDay, 0, "当日")]
    [InlineData(SlaTargetKind.Appointment, 0, "预约时间")]
    public void Chinese(SlaTargetKind kind, int value, string expected) =>
        Assert.Equal(expected, Shared("zh-CN").Target(kind, value));

    [Theory]
    [InlineData(SlaTargetKind.Minutes, 15, "15 min")]
    [InlineData(SlaTargetKind.WorkingDays, 3, "3 working days")]
    [InlineData(SlaTargetKind.SameServiceDay, 0, "Same service day")]
    public void English(SlaTargetKind kind, int value, string expected) =>
        Assert.Equal(expected, Shared("en").Target(kind, value));
}
