using PropertyPortal.Domain.Sla;

namespace PropertyPortal.Domain.Community;

/// <summary>
/// The due instants of community events' clocks, in the portal's time zone, returned in UTC (ADR 0021).
/// <list type="bullet">
/// <item>The annual plan's dates are named days of January (004 L165 "1月5日前", L172 "1月10前"): due at the close
/// of business that day, whatever kind of day it is.</item>
/// <item>An event's plan is counted back in <b>calendar</b> days from the event's date (004 L174 "开始前15 天",
/// L187 "10天", L189 "一周": the seed writes 工作日 where it means working days, and 一周 is seven days). A deadline
/// that lands on a rest day or holiday moves to the close of the last working day before it: the form, the review
/// and the approval are office work, and moving the other way would shorten the lead time the rule asks for.</item>
/// <item>A half year runs from 1 January or 1 July, local midnight, to the next half's first instant.</item>
/// </list>
/// </summary>
public static class EventDeadlines
{
    /// <summary>The close of business on <paramref name="januaryDay"/> January of <paramref name="year"/> (day clamped to 1–31).</summary>
    public static DateTime AnnualDue(int year, int januaryDay, BusinessCalendar calendar) =>
        calendar.ToUtc(new DateOnly(year, 1, Math.Clamp(januaryDay, 1, 31)).ToDateTime(calendar.WorkdayHours.Close));

    /// <summary><paramref name="days"/> calendar days before <paramref name="eventDate"/>, moved back to a working day, at the close of business.</summary>
    public static DateTime CountedBack(DateOnly eventDate, int days, BusinessCalendar calendar)
    {
        var day = eventDate.AddDays(-days);
        for (var i = 0; i < 60 && !calendar.IsWorkingDay(day); i++)
        {
            day = day.AddDays(-1);
        }

        return calendar.ToUtc(day.ToDateTime(calendar.WorkdayHours.Close));
    }

    /// <summary>1 for January–June, 2 for July–December.</summary>
    public static int HalfOf(DateOnly date) => date.Month <= 6 ? 1 : 2;

    public static DateOnly HalfStart(int year, int half) => new(year, half == 1 ? 1 : 7, 1);

    /// <summary>The first day of the next half year: the half ends at its local midnight.</summary>
    public static DateOnly HalfEnd(int year, int half) => half == 1 ? new(year, 7, 1) : new(year + 1, 1, 1);

    /// <summary>From this day the events page and the board show a property with no public-welfare event in the half (1 May, 1 November by default).</summary>
    public static DateOnly AlertFrom(int year, int half, int monthsBefore) => HalfEnd(year, half).AddMonths(-monthsBefore);

    public static DateTime Midnight(DateOnly day, BusinessCalendar calendar) => calendar.ToUtc(day.ToDateTime(TimeOnly.MinValue));
}
