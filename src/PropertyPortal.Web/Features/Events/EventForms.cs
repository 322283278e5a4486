using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Community;
using PropertyPortal.Web.Features.Shared;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.Events;

/// <summary>The events register's filters, from the query string (bookmarkable, paged, exported alike).</summary>
public sealed class EventFilter
{
    public Guid? PropertyId { get; set; }
    public int? Year { get; set; }
    public CommunityEventStatus? Status { get; set; }
    public bool PublicWelfare { get; set; }

    /// <summary>Number, theme or place.</summary>
    public string? Q { get; set; }

    public int Page { get; set; } = 1;
}

/// <summary>One line of the itemised budget as typed; a blank line is ignored.</summary>
public sealed class BudgetLineInput
{
    [Display(Name = "Field.BudgetItem")]
    public string? BudgetItem { get; set; }

    [Display(Name = "Field.Amount")]
    public decimal? Amount { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(BudgetItem) && Amount is null;
}

/// <summary>
/// 客户活动策划表: creates an event (from a plan row, or ad hoc) and edits its plan. Times are China local time as
/// typed; only theme, form, time and place are needed to create it, the rest before the form is marked filled.
/// </summary>
public sealed class EventForm
{
    public const int BlankBudgetLines = 4;

    [Display(Name = "Field.PropertyId")]
    public Guid? PropertyId { get; set; }

    /// <summary>The annual plan's row it comes from; none for an ad hoc event.</summary>
    public Guid? PlanRowId { get; set; }

    public int Version { get; set; }

    [Display(Name = "Field.Theme")]
    public string? Theme { get; set; }

    [Display(Name = "Field.Format")]
    public string? Format { get; set; }

    [Display(Name = "Field.StartsAt")]
    public DateTime? StartsAt { get; set; }

    [Display(Name = "Field.EndsAt")]
    public DateTime? EndsAt { get; set; }

    [Display(Name = "Field.Place")]
    public string? Place { get; set; }

    [Display(Name = "Field.EventContent")]
    public string? EventContent { get; set; }

    [Display(Name = "Field.Schedule")]
    public string? Schedule { get; set; }

    [Display(Name = "Field.DepartmentDuties")]
    public string? DepartmentDuties { get; set; }

    [Display(Name = "Field.PartnerProposals")]
    public string? PartnerProposals { get; set; }

    [Display(Name = "Field.EmergencyPlan")]
    public string? EmergencyPlan { get; set; }

    [Display(Name = "Field.EvaluationMethod")]
    public string? EvaluationMethod { get; set; }

    [Display(Name = "Field.DayRoles")]
    public string? DayRoles { get; set; }

    [Display(Name = "Field.PublicWelfare")]
    public bool PublicWelfare { get; set; }

    [Display(Name = "Field.ExpectedAttendance")]
    public int? ExpectedAttendance { get; set; }

    public List<BudgetLineInput> Budget { get; set; } = [];

    [BindNever]
    public IReadOnlyList<SelectListItem> PropertyOptions { get; set; } = [];

    /// <summary>The plan row it comes from, as the page shows it.</summary>
    [BindNever]
    public string? RowLabel { get; set; }

    /// <summary>Editing an existing event's plan (its id), not creating one.</summary>
    [BindNever]
    public Guid? EventId { get; set; }

    [BindNever]
    public string? Number { get; set; }

    [BindNever]
    public int LargeOver { get; set; }

    public IEnumerable<BudgetLineInput> Lines => Budget.Where(b => !b.IsBlank);
}

public sealed class BudgetLineInputValidator : AbstractValidator<BudgetLineInput>
{
    public BudgetLineInputValidator()
    {
        RuleFor(x => x.BudgetItem).NotEmpty().MaximumLength(100).When(x => !x.IsBlank);
        RuleFor(x => x.Amount).NotNull().InclusiveBetween(0m, 10_000_000m).When(x => !x.IsBlank);
    }
}

public sealed class EventFormValidator : AbstractValidator<EventForm>
{
    public EventFormValidator(IStringLocalizer<EventsText> t, IStringLocalizer<SharedResource> shared, DateWindows dates)
    {
        // A sanity range, not a business rule: an event's plan is edited within the year before it and next year's plan reaches two years on.
        RuleFor(x => x.StartsAt).Within(_ => new DateWindow(dates.Today.AddYears(-1), dates.Today.AddYears(2)), shared);
        RuleFor(x => x.EndsAt).Within(_ => new DateWindow(dates.Today.AddYears(-1), dates.Today.AddYears(2)), shared);
        RuleFor(x => x.PropertyId).NotEmpty();
        RuleFor(x => x.Theme).NotEmpty().MaximumLength(100);
        RuleFor(x => x.Format).NotEmpty().MaximumLength(50);
        RuleFor(x => x.StartsAt).NotNull();
        RuleFor(x => x.EndsAt).GreaterThan(x => x.StartsAt).When(x => x.EndsAt is not null && x.StartsAt is not null).WithMessage(_ => t["Events.EndsBeforeStart"]);
        RuleFor(x => x.Place).NotEmpty().MaximumLength(100);
        RuleFor(x => x.EventContent).MaximumLength(2000);
        RuleFor(x => x.Schedule).MaximumLength(2000);
        RuleFor(x => x.DepartmentDuties).MaximumLength(2000);
        RuleFor(x => x.PartnerProposals).MaximumLength(2000);
        RuleFor(x => x.EmergencyPlan).MaximumLength(2000);
        RuleFor(x => x.EvaluationMethod).MaximumLength(1000);
        RuleFor(x => x.DayRoles).MaximumLength(1000);
        RuleFor(x => x.ExpectedAttendance).NotNull().InclusiveBetween(0, 100_000);
        RuleFor(x => x.Budget).Must(b => b.Count(l => !l.IsBlank) <= EventPlanSheet.MaxBudgetLines).WithMessage(_ => t["Events.TooManyLines"]);
        RuleForEach(x => x.Budget).SetValidator(new BudgetLineInputValidator());
    }
}

/// <summary>A note (or a required reason) with the version the page showed: returns, cancellations, decisions.</summary>
public sealed class EventNoteForm
{
    [Display(Name = "Field.DecisionNote")]
    public string? DecisionNote { get; set; }

    public int Version { get; set; }
}

public sealed class EventNoteFormValidator : AbstractValidator<EventNoteForm>
{
    public EventNoteFormValidator() => RuleFor(x => x.DecisionNote).MaximumLength(1000);
}

public sealed class PoliceReportForm
{
    [Display(Name = "Field.ReportedOn")]
    public DateOnly? ReportedOn { get; set; }

    [Display(Name = "Field.PoliceReference")]
    public string? PoliceReference { get; set; }

    public int Version { get; set; }
}

public sealed class PoliceReportFormValidator : AbstractValidator<PoliceReportForm>
{
    public PoliceReportFormValidator(IStringLocalizer<SharedResource> shared, DateWindows dates)
    {
        RuleFor(x => x.ReportedOn).Within(_ => dates.LastYear, shared);
        RuleFor(x => x.ReportedOn).NotNull();
        RuleFor(x => x.PoliceReference).NotEmpty().MaximumLength(100);
    }
}

public sealed class ReadinessForm
{
    public EventReadinessItem Item { get; set; }
    public bool Done { get; set; }

    [Display(Name = "Field.CheckNote")]
    public string? CheckNote { get; set; }

    public int Version { get; set; }
}

public sealed class ReadinessFormValidator : AbstractValidator<ReadinessForm>
{
    public ReadinessFormValidator()
    {
        RuleFor(x => x.Item).IsInEnum();
        RuleFor(x => x.CheckNote).MaximumLength(200);
    }
}

/// <summary>Invitations to an audience (the whole property, buildings, moved in since a day, owners only).</summary>
public sealed class InviteForm
{
    public AudienceForm Audience { get; set; } = new() { WithFilters = true };

    public int Version { get; set; }
}

public sealed class ReplyForm
{
    [Display(Name = "Field.Reply")]
    public InvitationReply Reply { get; set; }

    [Display(Name = "Field.People")]
    public int? People { get; set; }

    public int Version { get; set; }
}

public sealed class ReplyFormValidator : AbstractValidator<ReplyForm>
{
    public ReplyFormValidator()
    {
        RuleFor(x => x.Reply).IsInEnum();
        RuleFor(x => x.People).NotNull().InclusiveBetween(1, 50).When(x => x.Reply == InvitationReply.Attending);
    }
}

public sealed class ActualInput
{
    public Guid LineId { get; set; }

    [Display(Name = "Field.Actual")]
    public decimal? Actual { get; set; }
}

/// <summary>客户活动记录表.</summary>
public sealed class RecordForm
{
    [Display(Name = "Field.ActualAttendance")]
    public int? ActualAttendance { get; set; }

    [Display(Name = "Field.RecordSummary")]
    public string? RecordSummary { get; set; }

    [Display(Name = "Field.Media")]
    public string? Media { get; set; }

    public List<ActualInput> Actuals { get; set; } = [];

    public List<BudgetLineInput> Extra { get; set; } = [];

    public int Version { get; set; }

    [BindNever]
    public IReadOnlyList<EventBudgetLine> Lines { get; set; } = [];
}

public sealed class RecordFormValidator : AbstractValidator<RecordForm>
{
    public RecordFormValidator()
    {
        RuleFor(x => x.ActualAttendance).NotNull().InclusiveBetween(0, 100_000);
        RuleFor(x => x.RecordSummary).NotEmpty().MaximumLength(2000);
        RuleFor(x => x.Media).MaximumLength(1000);
        RuleForEach(x => x.Actuals).ChildRules(a => a.RuleFor(x => x.Actual).InclusiveBetween(0m, 10_000_000m));
        RuleForEach(x => x.Extra).SetValidator(new BudgetLineInputValidator());
    }
}

/// <summary>客户活动评估表.</summary>
public sealed class EvaluationForm
{
    [Display(Name = "Field.GoalsMet")]
    public bool? GoalsMet { get; set; }

    [Display(Name = "Field.EvaluationScore")]
    public int? EvaluationScore { get; set; }

    [Display(Name = "Field.EvaluationSummary")]
    public string? EvaluationSummary { get; set; }

    public int Version { get; set; }
}

public sealed class EvaluationFormValidator : AbstractValidator<EvaluationForm>
{
    public EvaluationFormValidator()
    {
        RuleFor(x => x.GoalsMet).NotNull();
        RuleFor(x => x.EvaluationScore).NotNull().InclusiveBetween(1, 10);
        RuleFor(x => x.EvaluationSummary).NotEmpty().MaximumLength(2000);
    }
}

/// <summary>The Manager's review of an evaluation: passed on, or sent back with the reason.</summary>
public sealed class ReviewForm
{
    public bool Passed { get; set; }

    [Display(Name = "Field.ReviewNote")]
    public string? ReviewNote { get; set; }

    public int Version { get; set; }
}

public sealed class ReviewFormValidator : AbstractValidator<ReviewForm>
{
    public ReviewFormValidator()
    {
        RuleFor(x => x.ReviewNote).MaximumLength(1000);
        RuleFor(x => x.ReviewNote).NotEmpty().When(x => !x.Passed);
    }
}
