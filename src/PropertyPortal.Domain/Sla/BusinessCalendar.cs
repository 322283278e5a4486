using PropertyPortal.Domain.Common;

namespace PropertyPortal.Domain.Sla;

/// <summary>How a loaded calendar classifies a date that is not a plain weekday/weekend.</summary>
public enum CalendarDayKind
{
    /// <summary>A statutory day off (法定节假日), including weekend days inside the holiday block.</summary>
    Holiday,

    /// <summary>A weekend day worked to make up for a holiday (调休上班).</summary>
    MakeUpWorkday,
}

/// <summary>Opening hours of the service desk for one kind of day; <see cref="Closed"/> when it does not open.</summary>
public sealed record ServiceHours(TimeOnly Open, TimeOnly Close)
{
    public static ServiceHours? Closed => null;
}

/// <summary>
/// The company's business calendar: which dates are working days (China's statutory holidays and
/// make-up days, loaded per year as data) and the service desk's hours on working and rest days.
/// Pure and immutable; computes deadlines in the portal's time zone and returns UTC.
/// A year that has not been loaded counts Monday–Friday as working days, and says so through
/// <see cref="IsYearLoaded"/> so the UI can warn.
/// </summary>
public sealed class BusinessCalendar
{
    private readonly Dictionary<DateOnly, CalendarDayKind> _days;
    private readonly HashSet<int> _years;

    public BusinessCalendar(IEnumerable<KeyValuePair<DateOnly, CalendarDayKind>> days, IEnumerable<int> loadedYears,
        ServiceHours workdayHours, ServiceHours? restDayHours, TimeZoneInfo zone)
    {
        _days = days.ToDictionary(d => d.Key, d => d.Value);
        _years = [.. loadedYears];
        WorkdayHours = workdayHours;
        RestDayHours = restDayHours;
        Zone = zone;
        if (workdayHours.Close <= workdayHours.Open || restDayHours is not null && restDayHours.Close <= restDayHours.Open)
        {
            throw new DomainException("ServiceHoursInvalid", "Closing time must be after opening time.");
        }
    }

    /// <summary>Defaults of the spec (004 L56): Mon–Fri 08:30–18:00, Sat–Sun 09:00–17:00.</summary>
    public static readonly ServiceHours DefaultWorkdayHours = new(new TimeOnly(8, 30), new TimeOnly(18, 0));

    public static readonly ServiceHours DefaultRestDayHours = new(new TimeOnly(9, 0), new TimeOnly(17, 0));

    public ServiceHours WorkdayHours { get; }

    public ServiceHours? RestDayHours { get; }

    public TimeZoneInfo Zone { get; }

    public bool IsYearLoaded(int year) => _years.Contains(year);

    public bool IsWorkingDay(DateOnly date) => _days.TryGetValue(date, out var kind)
        ? kind == CalendarDayKind.MakeUpWorkday
        : date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    public ServiceHours? HoursOn(DateOnly date) => IsWorkingDay(date) ? WorkdayHours : RestDayHours;

    /// <summary>
    /// "Same working day" (当日): the close of the service day the start falls in; a start after
    /// closing time, or on a day the desk is closed, rolls to the close of the next day it opens.
    /// <paramref name="moreServiceDays"/> counts on from there: 1 is the close of the next day the desk opens (次日).
    /// </summary>
    public DateTime EndOfServiceDay(DateTime startUtc, int moreServiceDays = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(moreServiceDays);
        var local = ToLocal(startUtc);
        var date = DateOnly.FromDateTime(local);
        var found = 0;
        for (var i = 0; i < 370 * (moreServiceDays + 1); i++, date = date.AddDays(1))
        {
            if (HoursOn(date) is not { } hours)
            {
                continue;
            }

            var close = date.ToDateTime(hours.Close);
            if ((i > 0 || local < close) && found++ == moreServiceDays)
            {
                return ToUtc(close);
            }
        }

        throw new DomainException("CalendarHasNoServiceDay", "The calendar has no service day within a year.");
    }

    /// <summary>
    /// "Within N working days" (N个工作日内): the close of business on the N-th working day after
    /// the day of the start. N = 0 means the close of the start day if that is a working day.
    /// </summary>
    public DateTime AddWorkingDays(DateTime startUtc, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var date = DateOnly.FromDateTime(ToLocal(startUtc));
        if (days == 0 && !IsWorkingDay(date))
        {
            days = 1;
        }

        while (days > 0)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date))
            {
                days--;
            }
        }

        return ToUtc(date.ToDateTime(WorkdayHours.Close));
    }

    /// <summary>Years between two instants (inclusive, local time) that have no loaded calendar.</summary>
    public IReadOnlyList<int> MissingYears(DateTime fromUtc, DateTime toUtc)
    {
        var from = ToLocal(fromUtc).Year;
        var to = ToLocal(toUtc).Year;
        return [.. Enumerable.Range(from, Math.Max(0, to - from) + 1).Where(y => !_years.Contains(y))];
    }

    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    public DateTime ToUtc(DateTime local) => TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Zone);
}
