using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.Extensions.Localization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.Keys;

/// <summary>代管钥匙 registered for one of the household's current units.</summary>
public sealed class KeyForm
{
    [BindNever]
    public Guid? Id { get; set; }

    public Guid CustomerId { get; set; }

    [Display(Name = "Field.UnitId")]
    public Guid? UnitId { get; set; }

    [Display(Name = "Field.Label")]
    public string? Label { get; set; }

    [Display(Name = "Field.Count")]
    public int? Count { get; set; } = 1;

    [Display(Name = "Field.StorageLocation")]
    public string? StorageLocation { get; set; }

    [Display(Name = "Field.ReceivedOn")]
    public DateOnly? ReceivedOn { get; set; }

    [Display(Name = "Field.Notes")]
    public string? Notes { get; set; }

    public int Version { get; set; }

    [BindNever]
    public string CustomerName { get; set; } = "";

    [BindNever]
    public string? UnitNumber { get; set; }

    [BindNever]
    public IReadOnlyList<SelectListItem> UnitOptions { get; set; } = [];
}

public sealed class KeyFormValidator : AbstractValidator<KeyForm>
{
    public KeyFormValidator(IStringLocalizer<SharedResource> shared, DateWindows dates)
    {
        RuleFor(x => x.Label).NotEmpty().MaximumLength(100);
        RuleFor(x => x.Count).NotNull().InclusiveBetween(1, 100);
        RuleFor(x => x.StorageLocation).MaximumLength(100);
        RuleFor(x => x.ReceivedOn).NotEmpty().Within(_ => dates.Past, shared);
        RuleFor(x => x.Notes).MaximumLength(500);
    }
}

/// <summary>Lending a held key, e.g. to a contractor for a repair.</summary>
public sealed class LendKeyForm
{
    public Guid CustomerId { get; set; }

    [Display(Name = "Field.LentTo")]
    public string? LentTo { get; set; }

    public int Version { get; set; }

    [BindNever]
    public string UnitNumber { get; set; } = "";

    [BindNever]
    public string Label { get; set; } = "";

    [BindNever]
    public string? StorageLocation { get; set; }
}

public sealed class LendKeyFormValidator : AbstractValidator<LendKeyForm>
{
    public LendKeyFormValidator()
    {
        RuleFor(x => x.LentTo).NotEmpty().MaximumLength(100);
    }
}
