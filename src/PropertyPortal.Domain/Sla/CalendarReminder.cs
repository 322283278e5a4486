using PropertyPortal.Domain.Common;

namespace PropertyPortal.Domain.Sla;

/// <summary>
/// When the admins are put on the clock to load next year's holidays (one row, company-wide; defaults until an
/// admin saves it). The State Council publishes them in the autumn; until a year is loaded its working-day
/// deadlines count Monday–Friday and its statutory holidays as working days, silently.
/// </summary>
public sealed class CalendarReminderSetting : Entity
{
    /// <summary>From 1 November (issue 15).</summary>
    public const int DefaultStartMonth = 11;

    public const int DefaultStartDay = 1;

    /// <summary>61 days from 1 November: due as the new year begins, the moment a missing year starts to count wrongly.</summary>
    public const int DefaultLoadWithinDays = 61;

    public int StartMonth { get; private set; } = DefaultStartMonth;
    public int StartDay { get; private set; } = DefaultStartDay;
    public int LoadWithinDays { get; private set; } = DefaultLoadWithinDays;

    /// <summary>The day of <paramref name="year"/> from which next year's calendar is due.</summary>
    public DateOnly StartsOn(int year) => new(year, StartMonth, Math.Min(StartDay, DateTime.DaysInMonth(year, StartMonth)));

    public void Update(int startMonth, int startDay, int loadWithinDays)
    {
        // 29 February is refused: a date that exists only one year in four is no yearly reminder.
        if (startMonth is < 1 or > 12 || startDay < 1 || startDay > DateTime.DaysInMonth(2001, startMonth) || loadWithinDays is < 1 or > 366)
        {
            throw new DomainException("CalendarReminderInvalid", "The reminder starts on a day of the year and is due 1 to 366 days later.");
        }

        StartMonth = startMonth;
        StartDay = startDay;
        LoadWithinDays = loadWithinDays;
    }
}

/// <summary>
/// The clock of a calendar year still to be loaded. It has no record of its own until it is loaded, so its
/// subject id is made from the year (the same id on every property and instance: starting it is idempotent).
/// </summary>
public static class CalendarYearDuty
{
    public static Guid SubjectOf(int year) => new(year, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>The year of a calendar clock's subject id, null for any other id.</summary>
    public static int? YearOf(Guid subjectId)
    {
        var bytes = subjectId.ToByteArray();
        var year = BitConverter.ToInt32(bytes, 0);
        return bytes.Skip(4).All(b => b == 0) && year is >= 2000 and <= 2100 ? year : null;
    }

    /// <summary>
    /// Starts the property's clock for <paramref name="year"/> at <paramref name="startUtc"/> (the reminder's
    /// day, not when a job got to it), due <see cref="CalendarReminderSetting.LoadWithinDays"/> days later, on the
    /// admins' ladder (<see cref="SlaLadder.CalendarLoad"/>). Each property's working-day deadlines depend on it,
    /// so each property's board shows it.
    /// </summary>
    public static SlaClock Start(ClockSet clocks, Guid propertyId, int year, DateTime startUtc, CalendarReminderSetting setting) =>
        clocks.Start(propertyId, SlaSubject.CalendarYear, SubjectOf(year), SlaMilestone.CalendarLoad, null,
            SlaTarget.Days(setting.LoadWithinDays), startUtc, ladder: SlaLadder.CalendarLoad);
}
