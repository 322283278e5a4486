using FluentValidation;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Fees;
using PropertyPortal.Web.Features.Repairs;

namespace PropertyPortal.Web.Features.Fees;

/// <summary>The unit's counter visit being served, as the account page's banner shows it.</summary>
public sealed record OpenVisit(Guid Id, string Number, CounterVisitKind Kind, string VisitorName, DateTime ArrivedAt, string HandlerName, DateTime? DueAt,
    int Version, DateTime Now);

/// <summary>A counter visit's page: what was asked, by whom, its clock, its timeline and (for a payment) the receipt.</summary>
public sealed record CounterVisitPage(
    CounterVisit Visit, UnitLabel Unit, string? ReceiptNumber, string? ContactSubject, IReadOnlyList<ClockView> Clocks,
    IReadOnlyList<TimelineEntry> Timeline, DateTime Now);

/// <summary>One charge still owed on the reprinted bill.</summary>
public sealed record BillLine(string What, int? Period, DateOnly DueDate, decimal Amount, decimal Paid, decimal Outstanding);

/// <summary>管理费单: what the unit owes today, printed at the counter (<see cref="VisitNumber"/>: the visit it was printed for).</summary>
public sealed record BillPage(UnitLabel Unit, string? Household, IReadOnlyList<BillLine> Lines, decimal Overdue, decimal Total, DateOnly Today,
    DateTime PrintedAt, string? VisitNumber);

/// <summary>Opening a visit: the unit, what the customer came for and, from the front-desk log, the contact.</summary>
public sealed class CounterOpenForm
{
    public Guid UnitId { get; set; }

    public Guid? ContactId { get; set; }

    public CounterVisitKind Kind { get; set; } = CounterVisitKind.Payment;
}

public sealed class CounterOpenFormValidator : AbstractValidator<CounterOpenForm>
{
    public CounterOpenFormValidator() => RuleFor(x => x.Kind).IsInEnum();
}

/// <summary>查询: the answer the customer got.</summary>
public sealed class CounterAnswerForm
{
    [System.ComponentModel.DataAnnotations.Display(Name = "Field.Answer")]
    public string? Answer { get; set; }

    public int Version { get; set; }
}

public sealed class CounterAnswerFormValidator : AbstractValidator<CounterAnswerForm>
{
    public CounterAnswerFormValidator(IStringLocalizer<CounterText> t) =>
        RuleFor(x => x.Answer).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(_ => t["Counter.AnswerRequired"])
            .MaximumLength(1000).WithMessage(_ => t["Counter.AnswerTooLong"]);
}

/// <summary>The customer left unserved: why.</summary>
public sealed class CounterAbandonForm
{
    [System.ComponentModel.DataAnnotations.Display(Name = "Field.AbandonReason")]
    public string? Reason { get; set; }

    public int Version { get; set; }
}

public sealed class CounterAbandonFormValidator : AbstractValidator<CounterAbandonForm>
{
    public CounterAbandonFormValidator(IStringLocalizer<CounterText> t) =>
        RuleFor(x => x.Reason).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(_ => t["Counter.ReasonRequired"])
            .MaximumLength(500).WithMessage(_ => t["Counter.ReasonTooLong"]);
}
