using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Sla;
using PropertyPortal.UnitTests.TestSupport;

namespace PropertyPortal.UnitTests.Domain.Sla;

public sealed class SlaTargetTests
{
    private static readonly BusinessCalendar Calendar = China.Calendar2026();
    private static readonly DateTime Start = China.Time("2026-09-30 10:00:00");

    [Fact]
    public void A_minutes_target_counts_wall_clock_minutes_through_holidays() =>
        Assert.Equal("2026-10-01 10:00:00", China.Local(SlaTarget.Days(1).DueFrom(Start, Calendar)));

    [Fact]
    public void Hours_and_days_are_minutes()
    {
        Assert.Equal(SlaTarget.Minutes(120), SlaTarget.Hours(2));
        Assert.Equal(SlaTarget.Minutes(2880), SlaTarget.Days(2));
    }

    [Fact]
    public void A_working_days_target_uses_the_calendar() =>
        Assert.Equal("2026-10-10 18:00:00", China.Local(SlaTarget.WorkingDays(3).DueFrom(Start, Calendar)));

    [Fact]
    public void A_same_day_target_is_the_close_of_the_service_day() =>
        Assert.Equal("2026-09-30 18:00:00", China.Local(SlaTarget.SameServiceDay.DueFrom(Start, Calendar)));

    [Fact]
    public void An_appointment_target_is_due_at_the_appointment()
    {
        var appointment = China.Time("2026-10-02 15:00:00");

        Assert.Equal(appointment, SlaTarget.At(appointment).DueFrom(Start, Calendar));
    }

    [Fact]
    public void An_appointment_target_without_an_appointment_is_refused() =>
        Assert.Equal("SlaTargetInvalid", Assert.Throws<DomainException>(() => new SlaTarget(SlaTargetKind.Appointment, 0).DueFrom(Start, Calendar)).Code);

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void A_minutes_target_must_be_positive(int minutes) =>
        Assert.Equal("SlaTargetInvalid", Assert.Throws<DomainException>(() => SlaTarget.Minutes(minutes)).Code);

    [Fact]
    public void A_working_days_target_cannot_be_negative() =>
        Assert.Equal("SlaTargetInvalid", Assert.Throws<DomainException>(() => SlaTarget.WorkingDays(-1)).Code);

    [Fact]
    public void Only_working_days_and_same_day_targets_use_the_calendar()
    {
        Assert.True(SlaTarget.WorkingDays(1).UsesCalendar);
        Assert.True(SlaTarget.SameServiceDay.UsesCalendar);
        Assert.False(SlaTarget.Minutes(10).UsesCalendar);
        Assert.False(SlaTarget.At(Start).UsesCalendar);
    }
}
