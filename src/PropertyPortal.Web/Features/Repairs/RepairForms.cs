using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.Web.Features.Shared;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.Repairs;

/// <summary>
/// The register's filters, from the query string so a filtered list can be bookmarked, paged and exported: the shared ones (<see cref="CaseFilter"/>; open = accepted, dispatched, on site, paused; text = number, phone, reporter, location) and the repairs' own.
/// </summary>
public sealed class RepairFilter : CaseFilter
{
    public RepairStatus? Status { get; set; }
    public RepairUrgency? Urgency { get; set; }
}

/// <summary>Intake. Times are China local time as typed; the controller converts them.</summary>
public sealed class RepairForm
{
    public Guid? ContactId { get; set; }

    /// <summary>The complaint this repair is opened from.</summary>
    public Guid? ComplaintId { get; set; }

    [Display(Name = "Field.PropertyId")]
    public Guid? PropertyId { get; set; }

    public Guid? UnitId { get; set; }
    public Guid? CustomerId { get; set; }

    [Display(Name = "Field.ReporterName")]
    public string? ReporterName { get; set; }

    [Display(Name = "Field.Phone")]
    public string? Phone { get; set; }

    [Display(Name = "Field.Location")]
    public string? Location { get; set; }

    [Display(Name = "Field.Description")]
    public string? Description { get; set; }

    [Display(Name = "Field.CategoryId")]
    public Guid? CategoryId { get; set; }

    [Display(Name = "Field.Urgency")]
    public RepairUrgency Urgency { get; set; } = RepairUrgency.Normal;

    [Display(Name = "Field.Billing")]
    public RepairBilling Billing { get; set; } = RepairBilling.Warranty;

    [Display(Name = "Field.Responsibility")]
    public RepairResponsibility? Responsibility { get; set; }

    [Display(Name = "Field.AppointmentAt")]
    public DateTime? AppointmentAt { get; set; }

    [Display(Name = "Field.ReceivedAt")]
    public DateTime? ReceivedAt { get; set; }

    /// <summary>Dispatch at once to this technician.</summary>
    [Display(Name = "Field.TechnicianId")]
    public string? TechnicianId { get; set; }

    /// <summary>The customer was answered on the spot (a walk-in, or the call itself).</summary>
    [Display(Name = "Field.PhoneReplied")]
    public bool PhoneReplied { get; set; }

    [Display(Name = "Field.Photos")]
    public List<IFormFile>? Photos { get; set; }

    /// <summary>
    /// Set by a caller that is not the desk (the household's own page: 业主自助): the intake logs the front-desk contact itself,
    /// from this channel, in the same save as the order. Never bound from a form.
    /// </summary>
    [BindNever]
    public Domain.FrontDesk.ContactSource? LogContactAs { get; set; }

    [BindNever]
    public string? UnitLabel { get; set; }

    [BindNever]
    public string? WarrantyNote { get; set; }

    [BindNever]
    public IReadOnlyList<SelectListItem> PropertyOptions { get; set; } = [];

    [BindNever]
    public IReadOnlyList<SelectListItem> CategoryOptions { get; set; } = [];

    [BindNever]
    public IReadOnlyList<SelectListItem> TechnicianOptions { get; set; } = [];
}

public sealed class RepairFormValidator : AbstractValidator<RepairForm>
{
    public RepairFormValidator(IStringLocalizer<RepairsText> t, IStringLocalizer<SharedResource> shared, DateWindows dates)
    {
        RuleFor(x => x.PropertyId).NotEmpty();
        RuleFor(x => x.ReporterName).NotEmpty().MaximumLength(50);
        RuleFor(x => x.Phone).MaximumLength(32).Matches(@"^[0-9+\-\s()]*$").WithMessage(_ => t["Repairs.PhoneFormat"]);
        RuleFor(x => x.Location).NotEmpty().MaximumLength(100);
        RuleFor(x => x.Description).NotEmpty().MaximumLength(1000);
        RuleFor(x => x.CategoryId).NotEmpty();
        RuleFor(x => x.Urgency).IsInEnum();
        RuleFor(x => x.Billing).IsInEnum();
        RuleFor(x => x.Responsibility).IsInEnum();
        RuleFor(x => x.ReceivedAt).NotNull().Within(_ => dates.LastYear, shared);
        RuleFor(x => x.AppointmentAt).Within(_ => dates.Appointment, shared);
        RuleFor(x => x.Photos).Must(p => p is null || p.Count <= 6).WithMessage(_ => t["Repairs.TooManyPhotos"]);
    }
}

public sealed class DispatchForm
{
    [Display(Name = "Field.TechnicianId")]
    public string? TechnicianId { get; set; }

    public int Version { get; set; }
}

public sealed class DispatchFormValidator : AbstractValidator<DispatchForm>
{
    public DispatchFormValidator() => RuleFor(x => x.TechnicianId).NotEmpty();
}

public sealed class CompleteForm
{
    [Display(Name = "Field.WorkDone")]
    public string? WorkDone { get; set; }

    [Display(Name = "Field.Materials")]
    public string? Materials { get; set; }

    [Display(Name = "Field.Charge")]
    public decimal? Charge { get; set; }

    [Display(Name = "Field.LeakTestAt")]
    public DateTime? LeakTestAt { get; set; }

    public int Version { get; set; }
}

public sealed class CompleteFormValidator : AbstractValidator<CompleteForm>
{
    public CompleteFormValidator(IStringLocalizer<RepairsText> t, IStringLocalizer<SharedResource> shared, DateWindows dates)
    {
        RuleFor(x => x.WorkDone).NotEmpty().MaximumLength(1000);
        RuleFor(x => x.Materials).MaximumLength(500);
        RuleFor(x => x.LeakTestAt).Within(_ => dates.LastYear, shared);
        RuleFor(x => x.Charge).InclusiveBetween(0, 1_000_000)
            .Must(c => c is null || decimal.Round(c.Value, 2) == c.Value).WithMessage(_ => t["Repairs.ChargeDecimals"]);
    }
}

/// <summary>Cancel, reopen, chase and phone reply: a note, required where the action needs a reason.</summary>
public sealed class NoteForm
{
    [Display(Name = "Field.Reason")]
    public string? Note { get; set; }

    public int Version { get; set; }
}

public sealed class NoteFormValidator : AbstractValidator<NoteForm>
{
    public NoteFormValidator() => RuleFor(x => x.Note).MaximumLength(200);
}

public sealed class AppointmentForm
{
    [Display(Name = "Field.AppointmentAt")]
    public DateTime? AppointmentAt { get; set; }

    public int Version { get; set; }
}

public sealed class AppointmentFormValidator : AbstractValidator<AppointmentForm>
{
    public AppointmentFormValidator(IStringLocalizer<SharedResource> shared, DateWindows dates) =>
        RuleFor(x => x.AppointmentAt).Within(_ => dates.Appointment, shared);
}
