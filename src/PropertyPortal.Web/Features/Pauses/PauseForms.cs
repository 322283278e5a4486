using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Sla;

namespace PropertyPortal.Web.Features.Pauses;

/// <summary>A handler's request to pause a case (posted from the case's page; Version is the case's).</summary>
public sealed class PauseRequestForm
{
    [Display(Name = "Field.PauseReason")]
    public PauseReason? Reason { get; set; }

    [Display(Name = "Field.PauseNote")]
    public string? Note { get; set; }

    public int Version { get; set; }
}

public sealed class PauseRequestFormValidator : AbstractValidator<PauseRequestForm>
{
    public PauseRequestFormValidator(IStringLocalizer<PausesText> t)
    {
        RuleFor(x => x.Reason).NotNull().WithMessage(_ => t["Pauses.ReasonRequired"]).IsInEnum();
        RuleFor(x => x.Note).MaximumLength(200);
        RuleFor(x => x.Note).NotEmpty().When(x => x.Reason == PauseReason.Other).WithMessage(_ => t["Pauses.NoteRequiredForOther"]);
    }
}

/// <summary>A supervisor's decision (Version is the request's). <see cref="ReturnTo"/> "list" goes back to the list, else to the case.</summary>
public sealed class PauseDecisionForm
{
    [Display(Name = "Field.PauseDecisionNote")]
    public string? Note { get; set; }

    public int Version { get; set; }

    public string? ReturnTo { get; set; }
}

public sealed class PauseDecisionFormValidator : AbstractValidator<PauseDecisionForm>
{
    public PauseDecisionFormValidator() => RuleFor(x => x.Note).MaximumLength(200);
}

/// <summary>A refusal must say why (the handler is told).</summary>
public sealed class PauseRefusalForm
{
    [Display(Name = "Field.PauseDecisionNote")]
    public string? Note { get; set; }

    public int Version { get; set; }

    public string? ReturnTo { get; set; }
}

public sealed class PauseRefusalFormValidator : AbstractValidator<PauseRefusalForm>
{
    public PauseRefusalFormValidator(IStringLocalizer<PausesText> t)
    {
        RuleFor(x => x.Note).NotEmpty().WithMessage(_ => t["Pauses.RefusalNeedsNote"]).MaximumLength(200);
    }
}
