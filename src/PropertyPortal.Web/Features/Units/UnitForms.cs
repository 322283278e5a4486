using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Registry;

namespace PropertyPortal.Web.Features.Units;

/// <summary>The list's filters, all from the query string so a filtered list can be bookmarked, paged and exported.</summary>
public sealed class UnitFilter
{
    public Guid? PropertyId { get; set; }
    public Guid? BuildingId { get; set; }
    public UnitStatus? Status { get; set; }
    public UnitType? Type { get; set; }

    /// <summary>Beginning of a unit number: "3-2" finds every flat of building 3, entrance 2.</summary>
    public string? Q { get; set; }

    public int Page { get; set; } = 1;

    public string? NumberPrefix => string.IsNullOrWhiteSpace(Q) ? null : Unit.NormalizeNumber(Q);
}

/// <summary>Values are nullable because a cleared field posts as null; the validator says what is required.</summary>
public sealed class UnitForm
{
    [BindNever]
    public Guid? Id { get; set; }

    [Display(Name = "Field.BuildingId")]
    public Guid? BuildingId { get; set; }

    [Display(Name = "Field.Number")]
    public string? Number { get; set; }

    [Display(Name = "Field.Floor")]
    public int? Floor { get; set; }

    [Display(Name = "Field.Area")]
    public decimal? Area { get; set; }

    [Display(Name = "Field.Type")]
    public UnitType Type { get; set; } = UnitType.Residence;

    [Display(Name = "Field.Status")]
    public UnitStatus Status { get; set; } = UnitStatus.Vacant;

    [Display(Name = "Field.WarrantyUntil")]
    public DateOnly? WarrantyUntil { get; set; }

    [Display(Name = "Field.InCustody")]
    public bool InCustody { get; set; }

    [Display(Name = "Field.Notes")]
    public string? Notes { get; set; }

    public int Version { get; set; }

    /// <summary>Shown when editing: a unit stays in its property, only its building may change.</summary>
    [BindNever]
    public string? PropertyName { get; set; }

    [BindNever]
    public IReadOnlyList<SelectListItem>? BuildingOptions { get; set; }

    public static UnitForm From(Unit u, string propertyName) => new()
    {
        Id = u.Id, BuildingId = u.BuildingId, Number = u.Number, Floor = u.Floor, Area = u.Area, Type = u.Type,
        Status = u.Status, WarrantyUntil = u.WarrantyUntil, InCustody = u.InCustody, Notes = u.Notes, Version = u.Version, PropertyName = propertyName,
    };
}

public sealed class UnitFormValidator : AbstractValidator<UnitForm>
{
    public UnitFormValidator(IStringLocalizer<UnitsText> t)
    {
        RuleFor(x => x.BuildingId).NotEmpty();

        // Full-width dashes and spaces are accepted here because the domain normalizes them.
        RuleFor(x => x.Number).NotEmpty().MaximumLength(32)
            .Matches("^[A-Za-z0-9 \\-－—]+$").WithMessage(_ => t["Units.NumberFormat"]);
        RuleFor(x => x.Floor).NotNull().InclusiveBetween(-10, 200);
        RuleFor(x => x.Area).NotNull()
            .GreaterThan(0).LessThanOrEqualTo(Unit.MaxArea)
            .Must(a => a is null || decimal.Round(a.Value, 2) == a.Value).WithMessage(_ => t["Units.AreaDecimals"]);
        RuleFor(x => x.Type).IsInEnum();
        RuleFor(x => x.Status).IsInEnum();
        RuleFor(x => x.WarrantyUntil)
            .InclusiveBetween(new DateOnly(1980, 1, 1), new DateOnly(2100, 12, 31)).WithMessage(_ => t["Units.WarrantyRange"]);
        RuleFor(x => x.Notes).MaximumLength(500);
    }
}

public sealed class UnitStatusForm
{
    [Display(Name = "Field.Status")]
    public UnitStatus Status { get; set; }

    public int Version { get; set; }
}

public sealed class UnitStatusFormValidator : AbstractValidator<UnitStatusForm>
{
    public UnitStatusFormValidator() => RuleFor(x => x.Status).IsInEnum();
}
