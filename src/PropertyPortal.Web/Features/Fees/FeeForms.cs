using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Fees;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.Fees;

public sealed class ArrearsFilter
{
    public Guid? PropertyId { get; set; }
    public Guid? BuildingId { get; set; }

    /// <summary>Unit number prefix.</summary>
    public string? Q { get; set; }

    /// <summary>Only units with something overdue at least this many days (31, 91, 181).</summary>
    public int? MinDays { get; set; }

    public int Page { get; set; } = 1;
}

/// <summary>收款: what the cashier enters at the counter.</summary>
public sealed class PaymentForm
{
    [Display(Name = "Field.Amount")]
    public decimal? Amount { get; set; }

    [Display(Name = "Field.PaymentMethod")]
    public PaymentMethod Method { get; set; } = PaymentMethod.Cash;

    [Display(Name = "Field.PaymentKind")]
    public PaymentKind Kind { get; set; } = PaymentKind.Counter;

    [Display(Name = "Field.PayerName")]
    public string? PayerName { get; set; }

    public Guid? CustomerId { get; set; }

    [Display(Name = "Field.Reference")]
    public string? Reference { get; set; }

    /// <summary>The counter visit this payment serves (its clock is met in the payment's transaction).</summary>
    public Guid? CounterVisitId { get; set; }
}

public sealed class PaymentFormValidator : AbstractValidator<PaymentForm>
{
    public PaymentFormValidator(IStringLocalizer<FeesText> t)
    {
        RuleFor(x => x.Amount).NotNull().Must(a => a is { } v && Money.IsValidAmount(v)).WithMessage(_ => t["Fees.AmountInvalid"]);
        RuleFor(x => x.Method).IsInEnum();
        RuleFor(x => x.Kind).IsInEnum();
        RuleFor(x => x.PayerName).NotEmpty().MaximumLength(100);
        RuleFor(x => x.Reference).MaximumLength(64)
            .NotEmpty().When(x => x.Method is PaymentMethod.Cheque or PaymentMethod.Transfer).WithMessage(_ => t["Fees.ReferenceRequired"]);
    }
}

/// <summary>A one-off charge or deposit added by hand.</summary>
public sealed class OneOffForm
{
    [Display(Name = "Field.FeeItemId")]
    public Guid? FeeItemId { get; set; }

    [Display(Name = "Field.Amount")]
    public decimal? Amount { get; set; }

    [Display(Name = "Field.ChargeNote")]
    public string? Description { get; set; }

    [Display(Name = "Field.DueDate")]
    public DateOnly? DueDate { get; set; }
}

public sealed class OneOffFormValidator : AbstractValidator<OneOffForm>
{
    public OneOffFormValidator(IStringLocalizer<FeesText> t, IStringLocalizer<SharedResource> shared, DateWindows dates)
    {
        RuleFor(x => x.FeeItemId).NotNull();
        RuleFor(x => x.Amount).NotNull().Must(a => a is { } v && Money.IsValidAmount(v)).WithMessage(_ => t["Fees.AmountInvalid"]);
        RuleFor(x => x.Description).MaximumLength(80);
        RuleFor(x => x.DueDate).NotNull().Within(_ => dates.ChargeDue, shared);
    }
}

/// <summary>退还保证金: deductions (itemised, one per line with its reason) and how the money goes back.</summary>
public sealed class RefundForm
{
    [Display(Name = "Field.Deductions")]
    public decimal Deductions { get; set; }

    [Display(Name = "Field.DeductionNote")]
    public string? DeductionNote { get; set; }

    [Display(Name = "Field.PaymentMethod")]
    public PaymentMethod Method { get; set; } = PaymentMethod.Transfer;

    [Display(Name = "Field.Reference")]
    public string? Reference { get; set; }

    public int Version { get; set; }
}

public sealed class RefundFormValidator : AbstractValidator<RefundForm>
{
    public RefundFormValidator(IStringLocalizer<FeesText> t)
    {
        RuleFor(x => x.Deductions).GreaterThanOrEqualTo(0).Must(d => decimal.Round(d, 2) == d).WithMessage(_ => t["Fees.AmountInvalid"]);
        RuleFor(x => x.DeductionNote).MaximumLength(1000).NotEmpty().When(x => x.Deductions > 0).WithMessage(_ => t["Fees.DeductionNoteRequired"]);
        RuleFor(x => x.Method).IsInEnum();
        RuleFor(x => x.Reference).MaximumLength(64);
    }
}

/// <summary>冲正: a supervisor's reason for taking a payment or a charge back.</summary>
public sealed class ReverseForm
{
    [Display(Name = "Field.Reason")]
    public string? Reason { get; set; }

    public int Version { get; set; }
}

public sealed class ReverseFormValidator : AbstractValidator<ReverseForm>
{
    public ReverseFormValidator() => RuleFor(x => x.Reason).NotEmpty().MaximumLength(500);
}

public sealed class InvoiceForm
{
    [Display(Name = "Field.InvoiceNumber")]
    public string? InvoiceNumber { get; set; }
}

public sealed class InvoiceFormValidator : AbstractValidator<InvoiceForm>
{
    public InvoiceFormValidator() => RuleFor(x => x.InvoiceNumber).NotEmpty().MaximumLength(64);
}
