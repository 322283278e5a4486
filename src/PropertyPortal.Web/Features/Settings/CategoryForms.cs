using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Repairs;

namespace PropertyPortal.Web.Features.Settings;

public sealed record CategoryRow(Guid Id, string Group, string Name, int? ArriveMinutes, int? FinishMinutes, int? FinishWorkingDays, CallbackRule CallbackRule, int SortOrder, bool IsActive);

/// <summary>Which unit the finish target is given in: minutes, working days, or none (the order's urgency decides).</summary>
public enum FinishTargetUnit { None, Minutes, WorkingDays }

public sealed class CategoryForm
{
    [BindNever]
    public Guid? Id { get; set; }

    [Display(Name = "Field.Group")]
    public string? Group { get; set; }

    [Display(Name = "Field.Name")]
    public string? Name { get; set; }

    [Display(Name = "Field.ArriveMinutes")]
    public int? ArriveMinutes { get; set; }

    [Display(Name = "Field.FinishUnit")]
    public FinishTargetUnit FinishUnit { get; set; }

    [Display(Name = "Field.Finish")]
    public int? Finish { get; set; }

    [Display(Name = "Field.CallbackRule")]
    public CallbackRule CallbackRule { get; set; } = CallbackRule.Other;

    [Display(Name = "Field.SortOrder")]
    public int? SortOrder { get; set; }

    [Display(Name = "Field.IsActive")]
    public bool IsActive { get; set; } = true;

    public int Version { get; set; }

    public int? FinishMinutes => FinishUnit == FinishTargetUnit.Minutes ? Finish : null;

    public int? FinishWorkingDays => FinishUnit == FinishTargetUnit.WorkingDays ? Finish : null;

    public static CategoryForm From(RepairCategory c) => new()
    {
        Id = c.Id, Group = c.Group, Name = c.Name, ArriveMinutes = c.ArriveMinutes,
        FinishUnit = c.FinishMinutes is not null ? FinishTargetUnit.Minutes : c.FinishWorkingDays is not null ? FinishTargetUnit.WorkingDays : FinishTargetUnit.None,
        Finish = c.FinishMinutes ?? c.FinishWorkingDays,
        CallbackRule = c.CallbackRule, SortOrder = c.SortOrder, IsActive = c.IsActive, Version = c.Version,
    };
}

public sealed class CategoryFormValidator : AbstractValidator<CategoryForm>
{
    public CategoryFormValidator(IStringLocalizer<SettingsText> t)
    {
        RuleFor(x => x.Group).NotEmpty().MaximumLength(20);
        RuleFor(x => x.Name).NotEmpty().MaximumLength(50);
        RuleFor(x => x.ArriveMinutes).InclusiveBetween(1, 7 * 24 * 60);
        RuleFor(x => x.FinishUnit).IsInEnum();
        RuleFor(x => x.Finish).NotNull().WithMessage(_ => t["Categories.FinishRequired"])
            .When(x => x.FinishUnit != FinishTargetUnit.None);
        RuleFor(x => x.Finish).InclusiveBetween(1, 7 * 24 * 60).When(x => x.FinishUnit == FinishTargetUnit.Minutes);
        RuleFor(x => x.Finish).InclusiveBetween(1, 60).When(x => x.FinishUnit == FinishTargetUnit.WorkingDays);
        RuleFor(x => x.CallbackRule).IsInEnum();
        RuleFor(x => x.SortOrder).NotNull().WithMessage(_ => t["Settings.Required"]).InclusiveBetween(0, 9999);
    }
}
