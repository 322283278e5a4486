using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Sla;
using PropertyPortal.UnitTests.TestSupport;

namespace PropertyPortal.UnitTests.Domain.Sla;

public sealed class BusinessCalendarTests
{
    private static readonly BusinessCalendar Calendar = China.Calendar2026();

    [Theory]
    [InlineData("2026-09-30", true)] // Wednesday before 国庆
    [InlineData("2026-10-01", false)] // 国庆
    [InlineData("2026-10-03", false)] // Saturday inside the holiday
    [InlineData("2026-10-07", false)] // last day of 国庆, a Wednesday
    [InlineData("2026-10-08", true)]
    [InlineData("2026-10-10", true)] // make-up Saturday
    [InlineData("2026-10-11", false)] // plain Sunday
    [InlineData("2026-02-13", true)] // Friday before 春节
    [InlineData("2026-02-14", true)] // make-up Saturday
    [InlineData("2026-02-15", false)] // 春节 …
    [InlineData("2026-02-16", false)] // … Monday inside 春节
    [InlineData("2026-02-23", false)] // … to the last day
    [InlineData("2026-02-24", true)]
    [InlineData("2026-03-07", false)] // plain Saturday
    [InlineData("2026-03-09", true)] // plain Monday
    public void Working_days_follow_the_2026_holidays_and_make_up_days(string date, bool working) =>
        Assert.Equal(working, Calendar.IsWorkingDay(China.Date(date)));

    [Fact]
    public void Three_working_days_from_the_day_before_national_day_end_on_the_make_up_saturday()
    {
        // 10-01..10-07 off; 10-08 Thu, 10-09 Fri, 10-10 Sat (调休上班) are the three working days.
        var due = Calendar.AddWorkingDays(China.Time("2026-09-30 10:00:00"), 3);

        Assert.Equal("2026-10-10 18:00:00", China.Local(due));
    }

    [Fact]
    public void A_working_day_from_the_friday_before_spring_festival_is_the_make_up_saturday()
    {
        Assert.Equal("2026-02-14 18:00:00", China.Local(Calendar.AddWorkingDays(China.Time("2026-02-13 09:00:00"), 1)));
    }

    [Fact]
    public void A_working_day_from_the_make_up_saturday_skips_the_whole_spring_festival()
    {
        Assert.Equal("2026-02-24 18:00:00", China.Local(Calendar.AddWorkingDays(China.Time("2026-02-14 09:00:00"), 1)));
    }

    [Fact]
    public void Working_days_count_from_the_day_after_the_start_whatever_the_hour()
    {
        Assert.Equal("2026-03-03 18:00:00", China.Local(Calendar.AddWorkingDays(China.Time("2026-03-02 00:00:00"), 1)));
        Assert.Equal("2026-03-03 18:00:00", China.Local(Calendar.AddWorkingDays(China.Time("2026-03-02 23:59:59"), 1)));
    }

    [Fact]
    public void Zero_working_days_is_the_close_of_a_working_start_day_or_of_the_next_working_day()
    {
        Assert.Equal("2026-03-02 18:00:00", China.Local(Calendar.AddWorkingDays(China.Time("2026-03-02 10:00:00"), 0)));
        Assert.Equal("2026-10-08 18:00:00", China.Local(Calendar.AddWorkingDays(China.Time("2026-10-03 10:00:00"), 0)));
    }

    [Fact]
    public void A_negative_number_of_working_days_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.AddWorkingDays(China.Time("2026-03-02 10:00:00"), -1));

    [Fact]
    public void Received_a_second_before_closing_on_a_weekday_is_due_at_closing_the_same_day()
    {
        Assert.Equal("2026-03-02 18:00:00", China.Local(Calendar.EndOfServiceDay(China.Time("2026-03-02 17:59:59"))));
    }

    [Fact]
    public void Received_at_closing_time_on_a_weekday_is_due_at_the_next_days_close()
    {
        Assert.Equal("2026-03-03 18:00:00", China.Local(Calendar.EndOfServiceDay(China.Time("2026-03-02 18:00:00"))));
    }

    [Fact]
    public void Received_at_closing_time_on_a_friday_is_due_at_the_saturday_close_of_five()
    {
        Assert.Equal("2026-03-07 17:00:00", China.Local(Calendar.EndOfServiceDay(China.Time("2026-03-06 18:00:00"))));
    }

    [Fact]
    public void Received_at_closing_time_before_a_holiday_is_due_at_the_holidays_rest_day_close()
    {
        Assert.Equal("2026-10-01 17:00:00", China.Local(Calendar.EndOfServiceDay(China.Time("2026-09-30 18:00:00"))));
    }

    [Fact]
    public void A_make_up_saturday_keeps_workday_hours()
    {
        Assert.Equal("2026-10-10 18:00:00", China.Local(Calendar.EndOfServiceDay(China.Time("2026-10-09 18:00:00"))));
        Assert.Equal("2026-10-10 18:00:00", China.Local(Calendar.EndOfServiceDay(China.Time("2026-10-10 17:30:00"))));
        Assert.Equal(BusinessCalendar.DefaultWorkdayHours, Calendar.HoursOn(China.Date("2026-10-10")));
    }

    [Fact]
    public void A_holiday_weekday_uses_rest_day_hours()
    {
        Assert.Equal("2026-10-05 17:00:00", China.Local(Calendar.EndOfServiceDay(China.Time("2026-10-05 16:59:59"))));
        Assert.Equal("2026-10-06 17:00:00", China.Local(Calendar.EndOfServiceDay(China.Time("2026-10-05 17:00:00"))));
        Assert.Equal(BusinessCalendar.DefaultRestDayHours, Calendar.HoursOn(China.Date("2026-10-05")));
    }

    [Fact]
    public void Received_before_opening_is_due_at_the_same_days_close()
    {
        Assert.Equal("2026-03-02 18:00:00", China.Local(Calendar.EndOfServiceDay(China.Time("2026-03-02 07:00:00"))));
    }

    [Fact]
    public void When_the_desk_is_closed_on_rest_days_the_same_day_rolls_to_the_next_working_day()
    {
        var closedOnRestDays = China.Calendar2026(restDayHours: null);

        Assert.Null(closedOnRestDays.HoursOn(China.Date("2026-03-07")));
        Assert.Equal("2026-03-09 18:00:00", China.Local(closedOnRestDays.EndOfServiceDay(China.Time("2026-03-06 18:00:00"))));
        Assert.Equal("2026-03-09 18:00:00", China.Local(closedOnRestDays.EndOfServiceDay(China.Time("2026-03-07 10:00:00"))));
        Assert.Equal("2026-10-08 18:00:00", China.Local(closedOnRestDays.EndOfServiceDay(China.Time("2026-09-30 18:00:00"))));
    }

    [Fact]
    public void Only_2026_is_loaded()
    {
        Assert.True(Calendar.IsYearLoaded(2026));
        Assert.False(Calendar.IsYearLoaded(2027));
    }

    [Fact]
    public void A_year_without_calendar_counts_monday_to_friday()
    {
        Assert.True(Calendar.IsWorkingDay(China.Date("2027-01-01"))); // a Friday; 元旦 2027 is not loaded
        Assert.False(Calendar.IsWorkingDay(China.Date("2027-01-02")));
        Assert.False(Calendar.IsWorkingDay(China.Date("2027-01-03")));
        Assert.Equal("2027-01-04 18:00:00", China.Local(Calendar.AddWorkingDays(China.Time("2027-01-01 10:00:00"), 1)));
    }

    [Fact]
    public void Missing_years_are_the_unloaded_years_between_two_instants_in_china_time()
    {
        Assert.Empty(Calendar.MissingYears(China.Time("2026-01-01 00:00:00"), China.Time("2026-12-31 23:59:59")));
        Assert.Equal([2027], Calendar.MissingYears(China.Time("2026-12-31 10:00:00"), China.Time("2027-01-01 00:00:00")));
        Assert.Equal([2025], Calendar.MissingYears(China.Time("2025-12-31 23:59:59"), China.Time("2026-01-01 00:00:00")));
    }

    [Fact]
    public void Hours_that_close_before_they_open_are_refused()
    {
        var bad = new ServiceHours(new TimeOnly(18, 0), new TimeOnly(8, 30));

        Assert.Equal("ServiceHoursInvalid", Assert.Throws<DomainException>(() => new BusinessCalendar([], [], bad, null, China.Zone)).Code);
        Assert.Equal("ServiceHoursInvalid", Assert.Throws<DomainException>(() => new BusinessCalendar([], [], BusinessCalendar.DefaultWorkdayHours, bad, China.Zone)).Code);
    }
}
