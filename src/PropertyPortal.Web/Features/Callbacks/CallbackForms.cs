using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Callbacks;

namespace PropertyPortal.Web.Features.Callbacks;

public sealed class CallbackFilter
{
    public Guid? PropertyId { get; set; }

    /// <summary>Only mine (default for the front desk), or everyone's.</summary>
    public bool All { get; set; }

    public bool NeedsSupervisor { get; set; }

    public CallbackStatus Status { get; set; } = CallbackStatus.Open;

    public int Page { get; set; } = 1;
}

/// <summary>The outcome of one call. Reached needs the answers; unreachable and refused need only a note.</summary>
public sealed class CallbackResultForm
{
    [Display(Name = "Field.Outcome")]
    public CallbackOutcome Outcome { get; set; } = CallbackOutcome.Reached;

    [Display(Name = "Field.Fixed")]
    public bool? Fixed { get; set; }

    [Display(Name = "Field.AttitudeSatisfied")]
    public bool? AttitudeSatisfied { get; set; }

    [Display(Name = "Field.ChargedCorrectly")]
    public bool? ChargedCorrectly { get; set; }

    [Display(Name = "Field.Score")]
    public int? Score { get; set; }

    [Display(Name = "Field.Comment")]
    public string? Comment { get; set; }

    public int Version { get; set; }
}

public sealed class CallbackResultFormValidator : AbstractValidator<CallbackResultForm>
{
    public CallbackResultFormValidator(IStringLocalizer<CallbacksText> t)
    {
        RuleFor(x => x.Outcome).IsInEnum();
        When(x => x.Outcome == CallbackOutcome.Reached, () =>
        {
            RuleFor(x => x.Fixed).NotNull().WithMessage(_ => t["Callbacks.AnswerFixed"]);
            RuleFor(x => x.AttitudeSatisfied).NotNull().WithMessage(_ => t["Callbacks.AnswerAttitude"]);
            RuleFor(x => x.Score).NotNull().InclusiveBetween(1, 10);
        });
        RuleFor(x => x.Comment).MaximumLength(500);
    }
}

public sealed class AssignForm
{
    [Display(Name = "Field.AssigneeId")]
    public string? AssigneeId { get; set; }

    public int Version { get; set; }
}

public sealed class AssignFormValidator : AbstractValidator<AssignForm>
{
    public AssignFormValidator() => RuleFor(x => x.AssigneeId).NotEmpty();
}
