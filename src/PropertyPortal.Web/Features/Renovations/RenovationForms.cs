using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Renovations;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.Renovations;

public sealed class RenovationFilter
{
    public Guid? PropertyId { get; set; }
    public RenovationStatus? Status { get; set; }
    public string? Q { get; set; }
    public bool Open { get; set; } = true;
    public int Page { get; set; } = 1;
}

/// <summary>装修申请: the desk fills it from the owner's form and documents.</summary>
public sealed class RenovationForm
{
    public Guid? UnitId { get; set; }

    [Display(Name = "Field.ApplicantName")]
    public string? ApplicantName { get; set; }

    [Display(Name = "Field.Phone")]
    public string? ApplicantPhone { get; set; }

    [Display(Name = "Field.ByAgent")]
    public bool ByAgent { get; set; }

    [Display(Name = "Field.DocumentsChecked")]
    public bool DocumentsChecked { get; set; }

    [Display(Name = "Field.ContractorName")]
    public string? ContractorName { get; set; }

    [Display(Name = "Field.ContractorLicence")]
    public string? ContractorLicence { get; set; }

    [Display(Name = "Field.ContractorPhone")]
    public string? ContractorPhone { get; set; }

    [Display(Name = "Field.Scope")]
    public RenovationScope Scope { get; set; } = RenovationScope.SimplePartition;

    [Display(Name = "Field.Structural")]
    public bool Structural { get; set; }

    [Display(Name = "Field.WorksDescription")]
    public string? Description { get; set; }

    [Display(Name = "Field.StartDate")]
    public DateOnly? StartDate { get; set; }

    [Display(Name = "Field.EndDate")]
    public DateOnly? EndDate { get; set; }

    [Display(Name = "Field.Workers")]
    public int? Workers { get; set; }

    [Display(Name = "Field.WorkingHours")]
    public string? WorkingHours { get; set; } = "08:00–12:00，14:00–18:00";

    [BindNever]
    public string? UnitLabel { get; set; }

    [BindNever]
    public IReadOnlyList<SelectListItem> Households { get; set; } = [];

    /// <summary>The approval clock of each scope at the unit's property (its SLA policy), shown beside the choice.</summary>
    [BindNever]
    public IReadOnlyDictionary<RenovationScope, int> ApprovalDays { get; set; } = new Dictionary<RenovationScope, int>();

    public Guid? CustomerId { get; set; }
}

public sealed class RenovationFormValidator : AbstractValidator<RenovationForm>
{
    public RenovationFormValidator(IStringLocalizer<RenovationsText> t, IStringLocalizer<SharedResource> shared, DateWindows dates)
    {
        RuleFor(x => x.UnitId).NotNull();
        RuleFor(x => x.ApplicantName).NotEmpty().MaximumLength(50);
        RuleFor(x => x.ApplicantPhone).MaximumLength(32);
        RuleFor(x => x.DocumentsChecked).Equal(true).WithMessage(_ => t["Renovations.DocumentsRequired"]);
        RuleFor(x => x.ContractorName).NotEmpty().MaximumLength(100);
        RuleFor(x => x.ContractorLicence).MaximumLength(64);
        RuleFor(x => x.ContractorPhone).MaximumLength(32);
        RuleFor(x => x.Scope).IsInEnum();
        RuleFor(x => x.Description).NotEmpty().MaximumLength(2000);
        RuleFor(x => x.StartDate).NotNull().Within(_ => dates.RenovationStart, shared);
        RuleFor(x => x.EndDate).Within(x => dates.RenovationEnd(x.StartDate), shared);
        RuleFor(x => x.EndDate).NotNull().GreaterThanOrEqualTo(x => x.StartDate).WithMessage(_ => t["Renovations.EndBeforeStart"]);
        RuleFor(x => x.Workers).NotNull().InclusiveBetween(1, 500);
        RuleFor(x => x.WorkingHours).NotEmpty().MaximumLength(100);
    }
}

/// <summary>巡查: what the steward saw, a violation (整改通知) with its deadline as typed (China time), and photos of the site.</summary>
public sealed class PatrolForm
{
    public string? Finding { get; set; }

    public string? Violation { get; set; }

    public DateTime? RectifyBy { get; set; }

    public List<IFormFile>? Photos { get; set; }

    public int Version { get; set; }
}

/// <summary>经理批准: the deposit and the debris fee the unit is charged.</summary>
public sealed class ApproveForm
{
    [Display(Name = "Field.Deposit")]
    public decimal Deposit { get; set; } = 2000m;

    [Display(Name = "Field.DebrisFee")]
    public decimal DebrisFee { get; set; }

    [Display(Name = "Field.Note")]
    public string? Note { get; set; }

    public int Version { get; set; }
}

public sealed class ApproveFormValidator : AbstractValidator<ApproveForm>
{
    public ApproveFormValidator(IStringLocalizer<RenovationsText> t)
    {
        RuleFor(x => x.Deposit).GreaterThan(0).LessThanOrEqualTo(1_000_000).Must(d => decimal.Round(d, 2) == d).WithMessage(_ => t["Renovations.AmountInvalid"]);
        RuleFor(x => x.DebrisFee).GreaterThanOrEqualTo(0).LessThanOrEqualTo(1_000_000).Must(d => decimal.Round(d, 2) == d).WithMessage(_ => t["Renovations.AmountInvalid"]);
        RuleFor(x => x.Note).MaximumLength(1000);
    }
}
