using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Web.Features.Customers;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.Occupancies;

/// <summary>
/// Adding a unit to a household, or changing its role and dates. The unit is typed by its number
/// (what the counter has on paper) and resolved within the household's property; it never changes afterwards.
/// </summary>
public sealed class OccupancyForm
{
    [BindNever]
    public Guid? Id { get; set; }

    public Guid CustomerId { get; set; }

    [Display(Name = "Field.Number")]
    public string? UnitNumber { get; set; }

    [Display(Name = "Field.Role")]
    public OccupancyRole Role { get; set; }

    [Display(Name = "Field.StartDate")]
    public DateOnly? StartDate { get; set; }

    [Display(Name = "Field.EndDate")]
    public DateOnly? EndDate { get; set; }

    public int Version { get; set; }

    [BindNever]
    public string CustomerName { get; set; } = "";

    [BindNever]
    public string PropertyName { get; set; } = "";
}

public sealed class OccupancyFormValidator : AbstractValidator<OccupancyForm>
{
    public OccupancyFormValidator(IStringLocalizer<CustomersText> t, IStringLocalizer<SharedResource> shared, DateWindows dates)
    {
        RuleFor(x => x.UnitNumber).MaximumLength(32);
        RuleFor(x => x.Role).IsInEnum();
        RuleFor(x => x.StartDate).NotEmpty().Within(_ => dates.OccupancyStart, shared);
        RuleFor(x => x.EndDate).Within(_ => dates.Term, shared);
        RuleFor(x => x.EndDate).GreaterThanOrEqualTo(x => x.StartDate)
            .When(x => x.StartDate is not null && x.EndDate is not null)
            .WithMessage(_ => t["Occupancies.EndBeforeStart"]);
    }
}

/// <summary>迁出/退租: the household stops occupying the unit on this day.</summary>
public sealed class EndOccupancyForm
{
    [Display(Name = "Field.EndDate")]
    public DateOnly? EndDate { get; set; }

    public int Version { get; set; }

    [BindNever]
    public Guid CustomerId { get; set; }

    [BindNever]
    public string CustomerName { get; set; } = "";

    [BindNever]
    public string UnitNumber { get; set; } = "";

    [BindNever]
    public OccupancyRole Role { get; set; }

    [BindNever]
    public DateOnly StartDate { get; set; }
}

public sealed class EndOccupancyFormValidator : AbstractValidator<EndOccupancyForm>
{
    public EndOccupancyFormValidator(IStringLocalizer<SharedResource> shared, DateWindows dates)
    {
        RuleFor(x => x.EndDate).NotEmpty().Within(_ => dates.Term, shared);
    }
}
