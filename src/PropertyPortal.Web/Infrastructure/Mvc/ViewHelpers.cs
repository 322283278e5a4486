using System.Globalization;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Sla;

namespace PropertyPortal.Web.Infrastructure.Mvc;

/// <summary>Formatting the views share: China time, zh-CN dates and money, translated enum values.</summary>
public static class ViewHelpers
{
    public static string Enum<T>(this IStringLocalizer l, T value) where T : struct, Enum => l[$"Enum.{typeof(T).Name}.{value}"];

    public static string Enum<T>(this IStringLocalizer l, T? value) where T : struct, Enum => value is { } v ? l.Enum(v) : "";

    /// <summary>Who did something: a user's name, or 系统 for the jobs and seeding that act without one (stored as "system").</summary>
    public static string Actor(this IStringLocalizer l, string? name) =>
        name is null or Persistence.AuditInterceptor.SystemUser ? l["Audit.System"] : name;

    /// <summary>
    /// A service target as people say it: 10 分钟, 1 小时 30 分钟, 3 天, 2 工作日, 当日
    /// (or 当日 + N service days when a setting moves it), 预约时间. The one
    /// formatter of targets: clocks on case pages, the SLA and category settings.
    /// </summary>
    public static string Target(this IStringLocalizer l, SlaTargetKind kind, int value) => kind switch
    {
        SlaTargetKind.Minutes => l.Duration(value),
        SlaTargetKind.WorkingDays => l["Target.WorkingDays", value],
        SlaTargetKind.SameServiceDay when value > 0 => l["Target.SameServiceDay"] + " " + l["Countdown.ServiceDays", value],
        SlaTargetKind.SameServiceDay => l["Target.SameServiceDay"],
        _ => l["Target.Appointment"],
    };

    /// <summary>Minutes as people say them: 45 分钟, 2 小时, 1 小时 30 分钟, 3 天.</summary>
    public static string Duration(this IStringLocalizer l, int minutes) => minutes switch
    {
        > 0 when minutes % 1440 == 0 => l["Target.Days", minutes / 1440],
        >= 60 when minutes % 60 == 0 => l["Target.Hours", minutes / 60],
        > 60 => l["Target.HoursMinutes", minutes / 60, minutes % 60],
        _ => l["Target.Minutes", minutes],
    };

    public static IEnumerable<SelectListItem> EnumOptions<T>(this IStringLocalizer l, T? selected = null) where T : struct, Enum =>
        System.Enum.GetValues<T>().Select(v => new SelectListItem(l.Enum(v), v.ToString(), selected is { } s && s.Equals(v)));

    public static string Date(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    /// <summary>A stored UTC instant as China wall-clock time.</summary>
    public static string Time(DateTime? utc) => utc is { } t ? PortalClock.ToLocal(t).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "";

    /// <summary>UTC instant for data-* attributes read by scripts.</summary>
    public static string Iso(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Time left (or, negative, overdue) as the countdown script shows it, for the first paint.</summary>
    public static string Remaining(DateTime dueUtc, DateTime nowUtc, string overdueLabel, string dayLabel)
    {
        var left = dueUtc - nowUtc;
        var abs = left.Duration();
        var text = abs.Days > 0
            ? $"{abs.Days}{dayLabel} {abs.Hours:00}:{abs.Minutes:00}"
            : $"{abs.Hours:00}:{abs.Minutes:00}:{abs.Seconds:00}";
        return left < TimeSpan.Zero ? overdueLabel + " " + text : text;
    }

    public static string Money(decimal amount) => amount.ToString("C2", CultureInfo.GetCultureInfo("zh-CN"));

    /// <summary>A meter reading as read off the dial: 12.5, 305 (the same on every database).</summary>
    public static string Reading(decimal? reading) => reading?.ToString("0.##", CultureInfo.InvariantCulture) ?? "";

    public static string Area(decimal area) => area.ToString("#,0.00", CultureInfo.InvariantCulture) + " m²";

    public static string Phone(string? digits) => digits switch
    {
        null or "" => "",
        { Length: 11 } when digits[0] == '1' => $"{digits[..3]} {digits[3..7]} {digits[7..]}",
        _ => digits,
    };
}
