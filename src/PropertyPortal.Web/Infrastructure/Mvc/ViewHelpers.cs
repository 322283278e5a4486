using System.Globalization;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;

namespace PropertyPortal.Web.Infrastructure.Mvc;

/// <summary>Formatting the views share: China time, zh-CN dates and money, translated enum values.</summary>
public static class ViewHelpers
{
    public static string Enum<T>(this IStringLocalizer l, T value) where T : struct, Enum => l[$"Enum.{typeof(T).Name}.{value}"];

    public static string Enum<T>(this IStringLocalizer l, T? value) where T : struct, Enum => value is { } v ? l.Enum(v) : "";

    public static IEnumerable<SelectListItem> EnumOptions<T>(this IStringLocalizer l, T? selected = null) where T : struct, Enum =>
        System.Enum.GetValues<T>().Select(v => new SelectListItem(l.Enum(v), v.ToString(), selected is { } s && s.Equals(v)));

    public static string Date(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    /// <summary>A stored UTC instant as China wall-clock time.</summary>
    public static string Time(DateTime? utc) => utc is { } t ? PortalClock.ToLocal(t).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "";

    public static string Money(decimal amount) => amount.ToString("C2", CultureInfo.GetCultureInfo("zh-CN"));

    public static string Area(decimal area) => area.ToString("#,0.00", CultureInfo.InvariantCulture) + " m²";

    public static string Phone(string? digits) => digits switch
    {
        null or "" => "",
        { Length: 11 } when digits[0] == '1' => $"{digits[..3]} {digits[3..7]} {digits[7..]}",
        _ => digits,
    };
}
