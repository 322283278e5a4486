using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Domain.Services;
using PropertyPortal.Web.Features.Shared;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.Services;

/// <summary>The register's filters, from the query string: the shared ones (category = the service) and the services' own.</summary>
public sealed class ServiceFilter : CaseFilter
{
    public ServiceStatus? Status { get; set; }
    public ServiceKind? Kind { get; set; }
}

/// <summary>
/// Intake of one service of the catalog (<see cref="TypeId"/>); the booking's and the release's fields are used
/// by those kinds only. Times are China local time as typed.
/// </summary>
public sealed class ServiceForm
{
    public Guid? TypeId { get; set; }
    public Guid? ContactId { get; set; }

    [Display(Name = "Field.PropertyId")]
    public Guid? PropertyId { get; set; }

    public Guid? UnitId { get; set; }
    public Guid? CustomerId { get; set; }

    /// <summary>What the lookup box showed when a household was picked; only echoed back.</summary>
    public string? Lookup { get; set; }

    [Display(Name = "Field.RequesterName")]
    public string? RequesterName { get; set; }

    [Display(Name = "Field.Phone")]
    public string? Phone { get; set; }

    [Display(Name = "Field.Description")]
    public string? Description { get; set; }

    [Display(Name = "Field.ReceivedAt")]
    public DateTime? ReceivedAt { get; set; }

    [Display(Name = "Field.HandlerId")]
    public string? HandlerId { get; set; }

    /// <summary>Done on the spot (办结): the desk registered it while the customer waited.</summary>
    [Display(Name = "Field.CompleteNow")]
    public bool CompleteNow { get; set; }

    /// <summary>Charge the unit (when the service charges): the amount, offered from the catalog or the resource's rate.</summary>
    [Display(Name = "Field.Fee")]
    public decimal? Fee { get; set; }

    // 预订 (booking)
    [Display(Name = "Field.ResourceId")]
    public Guid? ResourceId { get; set; }

    [Display(Name = "Field.BookingDate")]
    public DateOnly? BookingDate { get; set; }

    [Display(Name = "Field.BookingFrom")]
    public TimeOnly? BookingFrom { get; set; }

    [Display(Name = "Field.BookingTo")]
    public TimeOnly? BookingTo { get; set; }

    // 放行 (release)
    [Display(Name = "Field.ReleaseItems")]
    public string? ReleaseItems { get; set; }

    [Display(Name = "Field.CarrierName")]
    public string? CarrierName { get; set; }

    [Display(Name = "Field.CarrierPhone")]
    public string? CarrierPhone { get; set; }

    [Display(Name = "Field.ReleaseDate")]
    public DateOnly? ReleaseDate { get; set; }

    /// <summary>The applicant showed the owner's written authorisation (when not an occupant themself).</summary>
    [Display(Name = "Field.OwnerAuthorisation")]
    public bool OwnerAuthorisation { get; set; }

    [Display(Name = "Field.MovingOut")]
    public bool MovingOut { get; set; }

    [Display(Name = "Field.OwnerConsent")]
    public bool OwnerConsent { get; set; }

    [BindNever]
    public ServiceType? Type { get; set; }

    [BindNever]
    public PropertyKind? PropertyKind { get; set; }

    [BindNever]
    public string? UnitLabel { get; set; }

    [BindNever]
    public IReadOnlyList<SelectListItem> PropertyOptions { get; set; } = [];

    [BindNever]
    public IReadOnlyList<SelectListItem> HandlerOptions { get; set; } = [];

    [BindNever]
    public IReadOnlyList<SelectListItem> ResourceOptions { get; set; } = [];

    [BindNever]
    public IReadOnlyList<TimeOnly> SlotTimes { get; set; } = [];

    /// <summary>The resource's hourly rate for the chosen time, offered on the new form (never put back into a posted one).</summary>
    [BindNever]
    public decimal? SuggestedFee { get; set; }
}

public sealed class ServiceFormValidator : AbstractValidator<ServiceForm>
{
    public ServiceFormValidator(IStringLocalizer<ServicesText> t, IStringLocalizer<SharedResource> shared, DateWindows dates)
    {
        RuleFor(x => x.TypeId).NotEmpty();
        RuleFor(x => x.PropertyId).NotEmpty();
        RuleFor(x => x.RequesterName).NotEmpty().MaximumLength(50);
        RuleFor(x => x.Phone).MaximumLength(32).Matches(@"^[0-9+\-\s()]*$").WithMessage(_ => t["Services.PhoneFormat"]);
        RuleFor(x => x.Description).MaximumLength(1000);
        RuleFor(x => x.ReceivedAt).NotNull().Within(_ => dates.LastYear, shared);
        RuleFor(x => x.BookingDate).Within(_ => dates.NextYear, shared);
        RuleFor(x => x.ReleaseDate).Within(_ => dates.NextYear, shared);
        RuleFor(x => x.Fee).GreaterThan(0).LessThanOrEqualTo(1_000_000)
            .Must(c => c is null || decimal.Round(c.Value, 2) == c.Value).WithMessage(_ => t["Services.FeeDecimals"]);
        RuleFor(x => x.ReleaseItems).MaximumLength(2000);
        RuleFor(x => x.CarrierName).MaximumLength(50);
        RuleFor(x => x.CarrierPhone).MaximumLength(32).Matches(@"^[0-9+\-\s()]*$").WithMessage(_ => t["Services.PhoneFormat"]);
    }
}

/// <summary>办结, 取消, 驳回, 批准: a note (required where the step needs a reason) and, when done, the fee.</summary>
public sealed class ServiceStepForm
{
    [Display(Name = "Field.Note")]
    public string? Note { get; set; }

    [Display(Name = "Field.Fee")]
    public decimal? Fee { get; set; }

    [Display(Name = "Field.HandlerId")]
    public string? HandlerId { get; set; }

    public int Version { get; set; }
}

public sealed class ServiceStepFormValidator : AbstractValidator<ServiceStepForm>
{
    public ServiceStepFormValidator(IStringLocalizer<ServicesText> t)
    {
        RuleFor(x => x.Note).MaximumLength(200);
        RuleFor(x => x.Fee).GreaterThan(0).LessThanOrEqualTo(1_000_000)
            .Must(c => c is null || decimal.Round(c.Value, 2) == c.Value).WithMessage(_ => t["Services.FeeDecimals"]);
    }
}

/// <summary>A found item as the desk logs it.</summary>
public sealed class FoundItemForm
{
    [Display(Name = "Field.PropertyId")]
    public Guid? PropertyId { get; set; }

    [Display(Name = "Field.Description")]
    public string? Description { get; set; }

    [Display(Name = "Field.FoundAt")]
    public DateTime? FoundAt { get; set; }

    [Display(Name = "Field.FoundWhere")]
    public string? FoundWhere { get; set; }

    [Display(Name = "Field.FoundBy")]
    public string? FoundBy { get; set; }

    [Display(Name = "Field.StoredWhere")]
    public string? StoredWhere { get; set; }

    [BindNever]
    public IReadOnlyList<SelectListItem> PropertyOptions { get; set; } = [];
}

public sealed class FoundItemFormValidator : AbstractValidator<FoundItemForm>
{
    public FoundItemFormValidator(IStringLocalizer<SharedResource> shared, DateWindows dates)
    {
        RuleFor(x => x.PropertyId).NotEmpty();
        RuleFor(x => x.Description).NotEmpty().MaximumLength(200);
        RuleFor(x => x.FoundAt).NotNull().Within(_ => dates.LastYear, shared);
        RuleFor(x => x.FoundWhere).NotEmpty().MaximumLength(100);
        RuleFor(x => x.FoundBy).NotEmpty().MaximumLength(50);
        RuleFor(x => x.StoredWhere).NotEmpty().MaximumLength(100);
    }
}

/// <summary>认领: who takes the item, and the ID the desk checked.</summary>
public sealed class ClaimForm
{
    [Display(Name = "Field.ClaimantName")]
    public string? ClaimantName { get; set; }

    [Display(Name = "Field.Phone")]
    public string? Phone { get; set; }

    [Display(Name = "Field.IdDocumentType")]
    public IdDocumentType IdDocumentType { get; set; } = IdDocumentType.IdCard;

    [Display(Name = "Field.IdLast4")]
    public string? IdLast4 { get; set; }

    [Display(Name = "Field.IdChecked")]
    public bool IdChecked { get; set; }

    public int Version { get; set; }
}

public sealed class ClaimFormValidator : AbstractValidator<ClaimForm>
{
    public ClaimFormValidator(IStringLocalizer<ServicesText> t)
    {
        RuleFor(x => x.ClaimantName).NotEmpty().MaximumLength(50);
        RuleFor(x => x.Phone).MaximumLength(32).Matches(@"^[0-9+\-\s()]*$").WithMessage(_ => t["Services.PhoneFormat"]);
        RuleFor(x => x.IdDocumentType).IsInEnum();
        RuleFor(x => x.IdLast4).NotEmpty().Matches("^[0-9A-Za-z]{4}$").WithMessage(_ => t["Services.IdLast4Format"]);
        RuleFor(x => x.IdChecked).Equal(true).WithMessage(_ => t["Services.IdMustBeChecked"]);
    }
}

public sealed class DiscardForm
{
    [Display(Name = "Field.Note")]
    public string? Note { get; set; }

    public int Version { get; set; }
}

public sealed class DiscardFormValidator : AbstractValidator<DiscardForm>
{
    public DiscardFormValidator() => RuleFor(x => x.Note).NotEmpty().MaximumLength(200);
}
