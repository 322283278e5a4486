using System.Globalization;
using PropertyPortal.Domain.Sla;

namespace PropertyPortal.UnitTests.TestSupport;

/// <summary>
/// China time for domain tests: instants are written as Beijing wall-clock time and converted to
/// UTC, so a test reads "received 09:50, due 10:00" as the desk would say it.
/// </summary>
public static class China
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>The UTC instant of a China local time.</summary>
    public static DateTime Time(int year, int month, int day, int hour, int minute, int second = 0) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified), Zone);

    /// <summary>The UTC instant of "2026-10-10 18:00[:00]" China local time.</summary>
    public static DateTime Time(string local) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(DateTime.Parse(local, CultureInfo.InvariantCulture), DateTimeKind.Unspecified), Zone);

    /// <summary>A UTC instant shown as China local time, "yyyy-MM-dd HH:mm:ss", for readable assertions.</summary>
    public static string Local(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>A fake clock set to a China local time.</summary>
    public static FakeTimeProvider Clock(string local) => new(new DateTimeOffset(Time(local), TimeSpan.Zero));

    public static DateTime UtcNow(this FakeTimeProvider clock) => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// The 2026 statutory holidays and make-up working days (国务院办公厅 2025-11-04), the same data
    /// as ReferenceData.China2026 in the web project, copied so the domain is tested on its own.
    /// </summary>
    public static readonly (string From, string To)[] Holidays2026 =
    [
        ("2026-01-01", "2026-01-03"), // 元旦
        ("2026-02-15", "2026-02-23"), // 春节
        ("2026-04-04", "2026-04-06"), // 清明节
        ("2026-05-01", "2026-05-05"), // 劳动节
        ("2026-06-19", "2026-06-21"), // 端午节
        ("2026-09-25", "2026-09-27"), // 中秋节
        ("2026-10-01", "2026-10-07"), // 国庆节
    ];

    public static readonly string[] MakeUpDays2026 = ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"];

    /// <summary>The 2026 calendar with the default desk hours (workdays 08:30–18:00, rest days 09:00–17:00).</summary>
    public static BusinessCalendar Calendar2026() => Calendar2026(BusinessCalendar.DefaultRestDayHours);

    /// <summary>The 2026 calendar; <paramref name="restDayHours"/> null means the desk is closed on rest days.</summary>
    public static BusinessCalendar Calendar2026(ServiceHours? restDayHours)
    {
        var days = new Dictionary<DateOnly, CalendarDayKind>();
        foreach (var (from, to) in Holidays2026)
        {
            for (var d = Date(from); d <= Date(to); d = d.AddDays(1))
            {
                days[d] = CalendarDayKind.Holiday;
            }
        }

        foreach (var d in MakeUpDays2026)
        {
            days[Date(d)] = CalendarDayKind.MakeUpWorkday;
        }

        return new BusinessCalendar(days, [2026], BusinessCalendar.DefaultWorkdayHours, restDayHours, Zone);
    }

    public static DateOnly Date(string date) => DateOnly.Parse(date, CultureInfo.InvariantCulture);

    public static SlaContext Context(SlaPolicy? policy = null) => new(policy ?? SlaPolicy.CreateDefault(PropertyId), Calendar2026());

    public static readonly Guid PropertyId = Guid.CreateVersion7();
}
