using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.MoveInOut;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.MoveOuts;

public sealed class MoveOutForm
{
    public Guid? UnitId { get; set; }

    [Display(Name = "Field.CustomerId")]
    public Guid? OccupancyId { get; set; }

    [Display(Name = "Field.MoveOutDate")]
    public DateOnly? MoveOutDate { get; set; }

    [Display(Name = "Field.Items")]
    public string? Items { get; set; }

    [Display(Name = "Field.KeysReturned")]
    public int KeysReturned { get; set; }

    [Display(Name = "Field.KeyStorage")]
    public string? KeyStorage { get; set; }

    [BindNever]
    public string? UnitLabel { get; set; }

    [BindNever]
    public IReadOnlyList<SelectListItem> Occupants { get; set; } = [];

    [BindNever]
    public decimal Owed { get; set; }

    /// <summary>The property's counter time for a move-out (its SLA policy), for the form's hint.</summary>
    [BindNever]
    public int Minutes { get; set; }
}

public sealed class MoveOutFormValidator : AbstractValidator<MoveOutForm>
{
    public MoveOutFormValidator(IStringLocalizer<SharedResource> shared, DateWindows dates)
    {
        RuleFor(x => x.UnitId).NotNull();
        RuleFor(x => x.OccupancyId).NotNull();
        RuleFor(x => x.MoveOutDate).NotNull().Within(_ => dates.MoveOut, shared);
        RuleFor(x => x.Items).NotEmpty().MaximumLength(2000);
        RuleFor(x => x.KeysReturned).InclusiveBetween(0, 50);
        RuleFor(x => x.KeyStorage).MaximumLength(100);
    }
}

/// <param name="Minutes">The property's counter time for a move-out (its SLA policy).</param>
public sealed record MoveOutPage(MoveOut MoveOut, string PropertyName, string Building, string UnitNumber, string CustomerName, decimal OwedNow,
    IReadOnlyList<Repairs.ClockView> Clocks, DateTime Now, int Minutes);
