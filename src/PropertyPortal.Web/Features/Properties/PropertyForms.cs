using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using FluentValidation;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.Properties;

/// <summary>Strings are nullable because a cleared field posts as null; the validator, not the binder, says what is required.</summary>
public sealed class PropertyForm
{
    /// <summary>Set by the controller when editing; never taken from the request body.</summary>
    [BindNever]
    public Guid? Id { get; set; }

    [Display(Name = "Field.Code")]
    public string? Code { get; set; }

    [Display(Name = "Field.Name")]
    public string? Name { get; set; }

    [Display(Name = "Field.Kind")]
    public PropertyKind Kind { get; set; } = PropertyKind.Residential;

    [Display(Name = "Field.Address")]
    public string? Address { get; set; }

    [Display(Name = "Field.Phone")]
    public string? Phone { get; set; }

    [Display(Name = "Field.IsActive")]
    public bool IsActive { get; set; } = true;

    [Display(Name = "Field.PayeeName")]
    public string? PayeeName { get; set; }

    [Display(Name = "Field.BankName")]
    public string? BankName { get; set; }

    [Display(Name = "Field.BankAccount")]
    public string? BankAccount { get; set; }

    [Display(Name = "Field.CounterHours")]
    public string? CounterHours { get; set; }

    [Display(Name = "Field.ReceiptPaper")]
    public ReceiptPaper ReceiptPaper { get; set; }

    public int Version { get; set; }

    public static PropertyForm From(Property p) => new()
    {
        Id = p.Id, Code = p.Code, Name = p.Name, Kind = p.Kind, Address = p.Address, Phone = p.Phone, IsActive = p.IsActive, Version = p.Version,
        PayeeName = p.PayeeName, BankName = p.BankName, BankAccount = p.BankAccount, CounterHours = p.CounterHours, ReceiptPaper = p.ReceiptPaper,
    };
}

public sealed class PropertyFormValidator : AbstractValidator<PropertyForm>
{
    public PropertyFormValidator(IStringLocalizer<PropertiesText> t, IStringLocalizer<SharedResource> shared)
    {
        // The code appears in unit exports and import sheets, so it stays short and typeable.
        RuleFor(x => x.Code).NotEmpty().MaximumLength(16)
            .Matches("^[A-Za-z0-9_-]+$").WithMessage(_ => t["Properties.CodeFormat"]);
        RuleFor(x => x.Name).NotEmpty().MaximumLength(100);
        RuleFor(x => x.Kind).IsInEnum();
        RuleFor(x => x.Address).MaximumLength(200);
        RuleFor(x => x.Phone).MaximumLength(32)
            .Must(p => string.IsNullOrWhiteSpace(p) || Domain.Registry.Phone.IsValid(p)).WithMessage(_ => shared["Validation.Phone"]);
        RuleFor(x => x.PayeeName).MaximumLength(100);
        RuleFor(x => x.BankName).MaximumLength(100);
        RuleFor(x => x.BankAccount).MaximumLength(40)
            .Matches(@"^[0-9 ]*$").WithMessage(_ => t["Properties.BankAccountDigits"]);
        RuleFor(x => x.BankAccount).NotEmpty().When(x => !string.IsNullOrWhiteSpace(x.BankName) || !string.IsNullOrWhiteSpace(x.PayeeName))
            .WithMessage(_ => t["Properties.BankAccountRequired"]);
        RuleFor(x => x.CounterHours).MaximumLength(100);
        RuleFor(x => x.ReceiptPaper).IsInEnum();
    }
}
