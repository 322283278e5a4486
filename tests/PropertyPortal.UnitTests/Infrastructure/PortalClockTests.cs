using PropertyPortal.UnitTests.TestSupport;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Mvc;

namespace PropertyPortal.UnitTests.Infrastructure;

public sealed class PortalClockTests
{
    [Fact]
    public void Today_is_the_date_in_China_not_in_UTC()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 15, 59, 0, TimeSpan.Zero));
        Assert.Equal(new DateOnly(2026, 11, 22), PortalClock.Today(clock));

        clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(new DateOnly(2026, 11, 23), PortalClock.Today(clock));
    }

    [Fact]
    public void Stored_UTC_instants_are_shown_in_China_time()
    {
        Assert.Equal("2026-11-23 01:30", ViewHelpers.Time(new DateTime(2026, 11, 22, 17, 30, 0, DateTimeKind.Utc)));
        Assert.Equal("", ViewHelpers.Time(null));
    }

    [Fact]
    public void China_wall_clock_times_convert_back_to_UTC()
    {
        var utc = PortalClock.ToUtc(new DateTime(2026, 1, 1, 8, 0, 0));

        Assert.Equal(new DateTime(2026, 1, 1, 0, 0, 0), utc);
    }

    [Theory]
    [InlineData("13800138000", "138 0013 8000")]
    [InlineData("02162005678", "02162005678")]
    [InlineData(null, "")]
    public void Mobile_numbers_are_shown_in_groups_of_3_4_4(string? digits, string shown) =>
        Assert.Equal(shown, ViewHelpers.Phone(digits));

    [Fact]
    public void Dates_and_areas_are_shown_the_same_in_every_language()
    {
        Assert.Equal("2026-03-01", ViewHelpers.Date(new DateOnly(2026, 3, 1)));
        Assert.Equal("1,234.50 m²", ViewHelpers.Area(1234.5m));
    }
}
