using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Sla;

namespace PropertyPortal.Web.Features.Settings;

public sealed record CalendarDayRow(Guid Id, DateOnly Date, CalendarDayKind Kind, string? Name);

public sealed record CalendarYearOption(int Year, bool Loaded);

public sealed record CalendarPage(
    int Year, IReadOnlyList<CalendarYearOption> Years, bool Loaded, string? Source, IReadOnlyList<CalendarDayRow> Days,
    ServiceHoursSetting Hours, CalendarDayForm AddDay);

public sealed class CalendarDayForm
{
    [Display(Name = "Field.Date")]
    public DateOnly? Date { get; set; }

    [Display(Name = "Field.Kind")]
    public CalendarDayKind Kind { get; set; } = CalendarDayKind.Holiday;

    [Display(Name = "Field.Name")]
    public string? Name { get; set; }
}

public sealed class CalendarDayFormValidator : AbstractValidator<CalendarDayForm>
{
    public CalendarDayFormValidator(IStringLocalizer<SettingsText> t)
    {
        RuleFor(x => x.Date).Cascade(CascadeMode.Stop).NotNull().WithMessage(_ => t["Settings.Required"])
            .Must(d => d!.Value.Year is >= 2000 and <= 2100).WithMessage(_ => t["Calendar.YearOutOfRange"]);
        RuleFor(x => x.Kind).IsInEnum();
        RuleFor(x => x.Name).NotEmpty().MaximumLength(CalendarListParser.MaxNameLength);
    }
}

public sealed class CalendarLoadForm
{
    [Display(Name = "Field.Year")]
    public int? Year { get; set; }

    [Display(Name = "Field.Source")]
    public string? Source { get; set; }

    [Display(Name = "Field.CalendarText")]
    public string? Text { get; set; }

    [Display(Name = "Field.Replace")]
    public bool Replace { get; set; }
}

public sealed class CalendarLoadFormValidator : AbstractValidator<CalendarLoadForm>
{
    public CalendarLoadFormValidator(IStringLocalizer<SettingsText> t)
    {
        RuleFor(x => x.Year).Cascade(CascadeMode.Stop).NotNull().WithMessage(_ => t["Settings.Required"])
            .InclusiveBetween(2000, 2100).WithMessage(_ => t["Calendar.YearOutOfRange"]);
        RuleFor(x => x.Source).MaximumLength(200);
        RuleFor(x => x.Text).NotEmpty().MaximumLength(20_000);
    }
}

public sealed class ServiceHoursForm
{
    [Display(Name = "Field.WorkdayOpen")]
    public TimeOnly? WorkdayOpen { get; set; }

    [Display(Name = "Field.WorkdayClose")]
    public TimeOnly? WorkdayClose { get; set; }

    [Display(Name = "Field.RestDayClosed")]
    public bool RestDayClosed { get; set; }

    [Display(Name = "Field.RestDayOpen")]
    public TimeOnly? RestDayOpen { get; set; }

    [Display(Name = "Field.RestDayClose")]
    public TimeOnly? RestDayClose { get; set; }

    public int Version { get; set; }

    public static ServiceHoursForm From(ServiceHoursSetting h) => new()
    {
        WorkdayOpen = h.WorkdayOpen, WorkdayClose = h.WorkdayClose, RestDayClosed = h.RestDay is null,
        RestDayOpen = h.RestDayOpen, RestDayClose = h.RestDayClose, Version = h.Version,
    };

    public void ApplyTo(ServiceHoursSetting h) =>
        h.Update(WorkdayOpen!.Value, WorkdayClose!.Value, RestDayClosed ? null : RestDayOpen, RestDayClosed ? null : RestDayClose);
}

public sealed class ServiceHoursFormValidator : AbstractValidator<ServiceHoursForm>
{
    public ServiceHoursFormValidator(IStringLocalizer<SettingsText> t)
    {
        RuleFor(x => x.WorkdayOpen).NotNull().WithMessage(_ => t["Settings.Required"]);
        RuleFor(x => x.WorkdayClose).NotNull().WithMessage(_ => t["Settings.Required"])
            .GreaterThan(x => x.WorkdayOpen).WithMessage(_ => t["Hours.CloseAfterOpen"]).When(x => x.WorkdayOpen is not null, ApplyConditionTo.CurrentValidator);
        When(x => !x.RestDayClosed, () =>
        {
            RuleFor(x => x.RestDayOpen).NotNull().WithMessage(_ => t["Hours.RestDayRequired"]);
            RuleFor(x => x.RestDayClose).NotNull().WithMessage(_ => t["Hours.RestDayRequired"])
                .GreaterThan(x => x.RestDayOpen).WithMessage(_ => t["Hours.CloseAfterOpen"]).When(x => x.RestDayOpen is not null, ApplyConditionTo.CurrentValidator);
        });
    }
}

/// <summary>提醒载入下一年日历: the day of the year the admins' clock starts and how many days they have. Numbers are nullable so a cleared field reaches the validator.</summary>
public sealed class CalendarReminderForm
{
    /// <summary>Whether the form was based on a saved row: one saved by someone else meanwhile is a concurrent edit.</summary>
    public bool Saved { get; set; }

    public int Version { get; set; }

    [Display(Name = "Field.CalendarReminderMonth")]
    public int? StartMonth { get; set; }

    [Display(Name = "Field.CalendarReminderDay")]
    public int? StartDay { get; set; }

    [Display(Name = "Field.CalendarLoadWithinDays")]
    public int? LoadWithinDays { get; set; }

    public static CalendarReminderForm From(CalendarReminderSetting s, bool saved) => new()
    {
        Saved = saved, Version = saved ? s.Version : 0, StartMonth = s.StartMonth, StartDay = s.StartDay, LoadWithinDays = s.LoadWithinDays,
    };
}

public sealed class CalendarReminderFormValidator : AbstractValidator<CalendarReminderForm>
{
    public CalendarReminderFormValidator(IStringLocalizer<SettingsText> t)
    {
        RuleFor(x => x.StartMonth).Cascade(CascadeMode.Stop).NotNull().WithMessage(_ => t["Settings.Required"])
            .InclusiveBetween(1, 12).WithMessage(_ => t["Reminder.MonthInvalid"]);
        RuleFor(x => x.StartDay).Cascade(CascadeMode.Stop).NotNull().WithMessage(_ => t["Settings.Required"])
            .Must((form, day) => form.StartMonth is not { } m || m is < 1 or > 12 || day is >= 1 && day <= DateTime.DaysInMonth(2001, m))
            .WithMessage(_ => t["Reminder.DayInvalid"]);
        RuleFor(x => x.LoadWithinDays).Cascade(CascadeMode.Stop).NotNull().WithMessage(_ => t["Settings.Required"])
            .InclusiveBetween(1, 366).WithMessage(_ => t["Reminder.DaysInvalid"]);
    }
}
