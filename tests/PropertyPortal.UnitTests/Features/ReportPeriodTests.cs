using PropertyPortal.Web.Features.Reports;
using PropertyPortal.Web.Infrastructure;

namespace PropertyPortal.UnitTests.Features;

/// <summary>The report's periods: a month, and the weekly pages' Monday-to-Sunday week in China time (UTC+8).</summary>
public sealed class ReportPeriodTests
{
    private static readonly Guid Property = Guid.CreateVersion7();

    [Theory]
    [InlineData("2026-09-07", "2026-09-07")] // a Monday is its own week's start
    [InlineData("2026-09-13", "2026-09-07")] // Sunday belongs to the week before it
    [InlineData("2026-09-14", "2026-09-14")]
    [InlineData("2027-01-01", "2026-12-28")] // a week across the new year starts in the old one
    public void A_week_runs_from_the_Monday_on_or_before_the_day(string day, string monday)
    {
        var week = ReportPeriod.Week(Property, DateOnly.Parse(day));

        Assert.Equal(ReportSpan.Week, week.Span);
        Assert.Equal(DateOnly.Parse(monday), week.StartDate);
        Assert.Equal(DateOnly.Parse(monday).AddDays(7), week.EndDate);
        Assert.Equal(monday, week.Text);
    }

    [Fact]
    public void A_week_is_seven_china_days_in_utc_and_its_neighbours_are_a_week_and_52_weeks_away()
    {
        var week = ReportPeriod.Week(Property, new DateOnly(2026, 9, 9));

        // Monday 00:00 in Beijing is Sunday 16:00 UTC; the week ends where the next one begins.
        Assert.Equal(new DateTime(2026, 9, 6, 16, 0, 0, DateTimeKind.Utc), week.FromUtc);
        Assert.Equal(new DateTime(2026, 9, 13, 16, 0, 0, DateTimeKind.Utc), week.ToUtc);
        Assert.Equal(week.ToUtc, week.Shift(1).FromUtc);
        Assert.Equal(week.FromUtc, week.Previous.ToUtc);
        Assert.Equal(new DateOnly(2026, 8, 31), week.Previous.StartDate);
        Assert.Equal(new DateOnly(2025, 9, 8), week.LastYear.StartDate);
        Assert.Equal(DayOfWeek.Monday, week.LastYear.StartDate.DayOfWeek);
        Assert.Equal(ReportSpan.Week, week.LastYear.Span);
    }

    [Fact]
    public void A_month_keeps_its_calendar_bounds_and_a_year_back_is_twelve_months()
    {
        var month = new ReportPeriod(Property, 2026, 3);

        Assert.Equal(PortalClock.ToUtc(new DateTime(2026, 3, 1)), month.FromUtc);
        Assert.Equal(PortalClock.ToUtc(new DateTime(2026, 4, 1)), month.ToUtc);
        Assert.Equal(new DateOnly(2026, 4, 1), month.EndDate);
        Assert.Equal("2026-02", month.Previous.Text);
        Assert.Equal("2025-03", month.LastYear.Text);
        Assert.Equal(202603, month.Yyyymm);
        Assert.False(month.AllProperties);
        Assert.True(ReportPeriod.Week(Guid.Empty, new DateOnly(2026, 3, 2)).AllProperties);
    }

    [Fact]
    public void A_column_heading_reads_the_month_or_the_week_s_first_and_last_day()
    {
        Assert.Equal("2026-03", ReportWorkbook.Label(new ReportPeriod(Property, 2026, 3)));
        Assert.Equal("2026-12-28 – 01-03", ReportWorkbook.Label(ReportPeriod.Week(Property, new DateOnly(2027, 1, 1))));
    }
}
