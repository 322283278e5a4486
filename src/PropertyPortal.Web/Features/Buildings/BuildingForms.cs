using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Registry;

namespace PropertyPortal.Web.Features.Buildings;

/// <summary>Strings are nullable because a cleared field posts as null; the validator says what is required.</summary>
public sealed class BuildingForm
{
    [BindNever]
    public Guid? Id { get; set; }

    /// <summary>Chosen when creating; a building never moves to another property (its units' numbers would clash).</summary>
    [Display(Name = "Field.PropertyId")]
    public Guid? PropertyId { get; set; }

    [Display(Name = "Field.Code")]
    public string? Code { get; set; }

    [Display(Name = "Field.Name")]
    public string? Name { get; set; }

    [Display(Name = "Field.Floors")]
    public int? Floors { get; set; }

    [Display(Name = "Field.Notes")]
    public string? Notes { get; set; }

    public int Version { get; set; }

    [BindNever]
    public string? PropertyName { get; set; }

    [BindNever]
    public IReadOnlyList<SelectListItem>? PropertyOptions { get; set; }

    public static BuildingForm From(Building b, string propertyName) => new()
    {
        Id = b.Id, PropertyId = b.PropertyId, PropertyName = propertyName, Code = b.Code, Name = b.Name,
        Floors = b.Floors, Notes = b.Notes, Version = b.Version,
    };
}

public sealed class BuildingFormValidator : AbstractValidator<BuildingForm>
{
    public BuildingFormValidator(IStringLocalizer<BuildingsText> t)
    {
        RuleFor(x => x.PropertyId).NotEmpty();

        // The code is the first part of every unit number (3 in 3-2-501), so no dashes or spaces.
        RuleFor(x => x.Code).NotEmpty().MaximumLength(16)
            .Matches("^[A-Za-z0-9]+$").WithMessage(_ => t["Buildings.CodeFormat"]);
        RuleFor(x => x.Name).NotEmpty().MaximumLength(50);
        RuleFor(x => x.Floors).InclusiveBetween(1, 200);
        RuleFor(x => x.Notes).MaximumLength(500);
    }
}
