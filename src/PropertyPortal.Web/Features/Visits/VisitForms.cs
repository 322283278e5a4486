using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Visits;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.Visits;

/// <summary>A visit as the steward records it: the household (from the lookup or the suggestion list), when, how, what was said, what was found (one per line).</summary>
public sealed class VisitForm
{
    [Display(Name = "Field.PropertyId")]
    public Guid? PropertyId { get; set; }

    [Display(Name = "Field.CustomerId")]
    public Guid? CustomerId { get; set; }

    public Guid? UnitId { get; set; }

    /// <summary>What the lookup box showed when a household was picked; only echoed back.</summary>
    public string? Lookup { get; set; }

    /// <summary>Filled by the lookup script; the name is read from the household.</summary>
    public string? Name { get; set; }

    public string? Phone { get; set; }

    [Display(Name = "Field.StewardId")]
    public string? StewardId { get; set; }

    [Display(Name = "Field.VisitedOn")]
    public DateOnly? VisitedOn { get; set; }

    [Display(Name = "Field.VisitChannel")]
    public VisitChannel Channel { get; set; } = VisitChannel.InPerson;

    [Display(Name = "Field.Topics")]
    public string? Topics { get; set; }

    [Display(Name = "Field.Findings")]
    public string? Findings { get; set; }

    [BindNever]
    public string? HouseholdLabel { get; set; }

    [BindNever]
    public IReadOnlyList<SelectListItem> PropertyOptions { get; set; } = [];

    [BindNever]
    public IReadOnlyList<SelectListItem> StewardOptions { get; set; } = [];

    [BindNever]
    public IReadOnlyList<Suggestion> Suggestions { get; set; } = [];

    public IReadOnlyList<string> FindingLines => (Findings ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
}

public sealed class VisitFormValidator : AbstractValidator<VisitForm>
{
    public VisitFormValidator(IStringLocalizer<VisitsText> t, IStringLocalizer<SharedResource> shared, DateWindows dates)
    {
        RuleFor(x => x.PropertyId).NotEmpty();
        RuleFor(x => x.CustomerId).NotEmpty().WithMessage(_ => t["Visits.PickHousehold"]);
        RuleFor(x => x.StewardId).NotEmpty();
        RuleFor(x => x.VisitedOn).NotNull().Within(_ => dates.LastYear, shared);
        RuleFor(x => x.Channel).IsInEnum();
        RuleFor(x => x.Topics).NotEmpty().MaximumLength(1000);
        RuleFor(x => x.Findings).MaximumLength(3000);
        RuleFor(x => x.FindingLines).Must(l => l.Count <= Visit.MaxFindings).WithName(_ => t["Visits.Findings"]).WithMessage(_ => t["Visits.TooManyFindings"])
            .OverridePropertyName(nameof(VisitForm.Findings));
    }
}

/// <summary>A survey's answers: one score per question (by question id) and how they were taken.</summary>
public sealed class AnswerForm
{
    [Display(Name = "Field.SurveyChannel")]
    public SurveyChannel Channel { get; set; } = SurveyChannel.Phone;

    public Dictionary<Guid, int> Scores { get; set; } = [];

    [Display(Name = "Field.Comment")]
    public string? Comment { get; set; }

    public int Version { get; set; }
}

public sealed class AnswerFormValidator : AbstractValidator<AnswerForm>
{
    public AnswerFormValidator()
    {
        RuleFor(x => x.Channel).IsInEnum();
        RuleFor(x => x.Comment).MaximumLength(500);
    }
}

/// <summary>拒访 / 联系不上, with a note.</summary>
public sealed class CloseSampleForm
{
    [Display(Name = "Field.Status")]
    public SurveySampleStatus Status { get; set; } = SurveySampleStatus.Unreachable;

    [Display(Name = "Field.Comment")]
    public string? Comment { get; set; }

    public int Version { get; set; }
}

public sealed class CloseSampleFormValidator : AbstractValidator<CloseSampleForm>
{
    public CloseSampleFormValidator() => RuleFor(x => x.Comment).MaximumLength(500);
}
