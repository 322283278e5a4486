using FluentValidation;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Infrastructure.Mvc;

/// <summary>
/// How far from today a date may be where that is a business rule ("Dates" section; README lists them).
/// A move-out is registered a little after the fact or booked ahead; an appointment is made for the coming weeks.
/// </summary>
public sealed class DateWindowOptions
{
    public const string Section = "Dates";

    /// <summary>A move-out may be registered this many days after the household left.</summary>
    public int MoveOutDaysBack { get; set; } = 30;

    /// <summary>… and booked this many days ahead.</summary>
    public int MoveOutDaysAhead { get; set; } = 90;

    /// <summary>A repair appointment (上门时间) is at most this many days ahead.</summary>
    public int AppointmentDaysAhead { get; set; } = 90;

    /// <summary>A move-in appointment or a batch move-in day is at most this many days ahead.</summary>
    public int MoveInDaysAhead { get; set; } = 180;

    /// <summary>Renovation works start at most this many days ahead …</summary>
    public int RenovationDaysAhead { get; set; } = 365;

    /// <summary>… and last at most this many days.</summary>
    public int RenovationMaxDays { get; set; } = 365;

    /// <summary>A one-off charge falls due within this many days either side of today.</summary>
    public int ChargeDueDays { get; set; } = 365;
}

/// <summary>A closed range of days; a date outside it is refused with both ends in the message.</summary>
public readonly record struct DateWindow(DateOnly From, DateOnly To)
{
    public bool Contains(DateOnly day) => day >= From && day <= To;
}

/// <summary>
/// The sensible range of every date a form takes, relative to today in China. Business windows come from
/// <see cref="DateWindowOptions"/>; the rest are sanity ranges (nobody moved in in year 1 or moves out in 9999).
/// </summary>
public sealed class DateWindows(TimeProvider time, IOptions<DateWindowOptions> options)
{
    /// <summary>The earliest day the registry's history goes back to (occupancies, keys, warranties).</summary>
    public static readonly DateOnly RecordsBegin = new(1950, 1, 1);

    /// <summary>The last day a plan or a term may reach (warranties, leases).</summary>
    public static readonly DateOnly RecordsEnd = new(2099, 12, 31);

    private DateWindowOptions Options => options.Value;

    public DateOnly Today => PortalClock.Today(time);

    /// <summary>Something that has already happened and is on record: from <see cref="RecordsBegin"/> to today.</summary>
    public DateWindow Past => new(RecordsBegin, Today);

    /// <summary>A recent event (a complaint's occurrence, a leak test): the last year up to today.</summary>
    public DateWindow LastYear => new(Today.AddYears(-1), Today);

    /// <summary>An occupancy's start: history, or a lease starting within the year.</summary>
    public DateWindow OccupancyStart => new(RecordsBegin, Today.AddYears(1));

    /// <summary>A term's end or a warranty: any day up to <see cref="RecordsEnd"/>.</summary>
    public DateWindow Term => new(RecordsBegin, RecordsEnd);

    public DateWindow MoveOut => new(Today.AddDays(-Options.MoveOutDaysBack), Today.AddDays(Options.MoveOutDaysAhead));

    public DateWindow Appointment => new(Today, Today.AddDays(Options.AppointmentDaysAhead));

    public DateWindow MoveIn => new(Today.AddDays(-1), Today.AddDays(Options.MoveInDaysAhead));

    public DateWindow RenovationStart => new(Today.AddDays(-30), Today.AddDays(Options.RenovationDaysAhead));

    public DateWindow RenovationEnd(DateOnly? start) => start is { } s && RenovationStart.Contains(s)
        ? new(s, s.AddDays(Options.RenovationMaxDays))
        : new(RenovationStart.From, RenovationStart.To.AddDays(Options.RenovationMaxDays));

    public DateWindow ChargeDue => new(Today.AddDays(-Options.ChargeDueDays), Today.AddDays(Options.ChargeDueDays));

    /// <summary>A customer's own deadline for a complaint: from today to a year ahead.</summary>
    public DateWindow NextYear => new(Today, Today.AddYears(1));

    /// <summary>A fee rate's first day: from 2000 to five years ahead.</summary>
    public DateWindow RateStart => new(new DateOnly(2000, 1, 1), Today.AddYears(5));
}

/// <summary>The window as a FluentValidation rule, with the Chinese (or English) message naming both ends.</summary>
public static class DateWindowRules
{
    public static IRuleBuilderOptions<T, DateOnly?> Within<T>(this IRuleBuilder<T, DateOnly?> rule, Func<T, DateWindow> window, IStringLocalizer<SharedResource> shared) =>
        rule.Must((form, day) => day is not { } d || window(form).Contains(d))
            .WithMessage((form, _) => Message(window(form), shared));

    public static IRuleBuilderOptions<T, DateOnly> Within<T>(this IRuleBuilder<T, DateOnly> rule, Func<T, DateWindow> window, IStringLocalizer<SharedResource> shared) =>
        rule.Must((form, day) => window(form).Contains(day))
            .WithMessage((form, _) => Message(window(form), shared));

    /// <summary>A local (China) date and time, judged by its day.</summary>
    public static IRuleBuilderOptions<T, DateTime?> Within<T>(this IRuleBuilder<T, DateTime?> rule, Func<T, DateWindow> window, IStringLocalizer<SharedResource> shared) =>
        rule.Must((form, at) => at is not { } a || window(form).Contains(DateOnly.FromDateTime(a)))
            .WithMessage((form, _) => Message(window(form), shared));

    private static string Message(DateWindow window, IStringLocalizer<SharedResource> shared) =>
        shared["Validation.DateWindow", ViewHelpers.Date(window.From), ViewHelpers.Date(window.To)];
}
