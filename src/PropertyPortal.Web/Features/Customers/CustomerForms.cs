using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Registry;

namespace PropertyPortal.Web.Features.Customers;

/// <summary>Strings are nullable because a cleared field posts as null; the validator says what is required.</summary>
public sealed class CustomerForm
{
    [BindNever]
    public Guid? Id { get; set; }

    /// <summary>Chosen when creating; a household stays in its property.</summary>
    [Display(Name = "Field.PropertyId")]
    public Guid? PropertyId { get; set; }

    [Display(Name = "Field.Kind")]
    public CustomerKind Kind { get; set; }

    [Display(Name = "Field.Name")]
    public string? Name { get; set; }

    [Display(Name = "Field.Phone")]
    public string? Phone { get; set; }

    [Display(Name = "Field.Phone2")]
    public string? Phone2 { get; set; }

    [Display(Name = "Field.Email")]
    public string? Email { get; set; }

    [Display(Name = "Field.IdDocumentType")]
    public IdDocumentType? IdDocumentType { get; set; }

    [Display(Name = "Field.IdNumber")]
    public string? IdNumber { get; set; }

    [Display(Name = "Field.EmergencyContactName")]
    public string? EmergencyContactName { get; set; }

    [Display(Name = "Field.EmergencyContactPhone")]
    public string? EmergencyContactPhone { get; set; }

    [Display(Name = "Field.PreferredChannel")]
    public ContactChannel PreferredChannel { get; set; }

    [Display(Name = "Field.Notes")]
    public string? Notes { get; set; }

    /// <summary>退订: no SMS or e-mail from the office; recorded with who, when and the note.</summary>
    [Display(Name = "Field.MessagesOptedOut")]
    public bool MessagesOptedOut { get; set; }

    [Display(Name = "Field.MessagesConsentNote")]
    public string? MessagesConsentNote { get; set; }

    public int Version { get; set; }

    [BindNever]
    public string? PropertyName { get; set; }

    [BindNever]
    public IReadOnlyList<SelectListItem> PropertyOptions { get; set; } = [];

    /// <summary>
    /// Set when the user may not see the stored ID number: the field starts empty and an empty field
    /// keeps the stored number, so editing a phone never exposes or wipes the ID.
    /// </summary>
    [BindNever]
    public string? KeptMaskedIdNumber { get; set; }

    public static CustomerForm From(Customer c, string propertyName, bool canSeeFullId) => new()
    {
        Id = c.Id, PropertyId = c.PropertyId, PropertyName = propertyName, Kind = c.Kind, Name = c.Name,
        Phone = c.Phone, Phone2 = c.Phone2, Email = c.Email, IdDocumentType = c.IdDocumentType,
        IdNumber = canSeeFullId ? c.IdNumber : null, KeptMaskedIdNumber = canSeeFullId ? null : c.MaskedIdNumber,
        EmergencyContactName = c.EmergencyContactName, EmergencyContactPhone = c.EmergencyContactPhone,
        PreferredChannel = c.PreferredChannel, Notes = c.Notes, Version = c.Version,
        MessagesOptedOut = c.MessagesOptedOut, MessagesConsentNote = c.MessagesConsentNote,
    };
}

public sealed class CustomerFormValidator : AbstractValidator<CustomerForm>
{
    public CustomerFormValidator(IStringLocalizer<CustomersText> t)
    {
        RuleFor(x => x.PropertyId).NotEmpty();
        RuleFor(x => x.Kind).IsInEnum();
        RuleFor(x => x.Name).NotEmpty().MaximumLength(100);
        RuleFor(x => x.Phone).Must(Domain.Registry.Phone.IsValid).When(x => !string.IsNullOrWhiteSpace(x.Phone))
            .WithMessage(_ => t["Customers.PhoneInvalid"]);
        RuleFor(x => x.Phone2).Must(Domain.Registry.Phone.IsValid).When(x => !string.IsNullOrWhiteSpace(x.Phone2))
            .WithMessage(_ => t["Customers.PhoneInvalid"]);
        RuleFor(x => x.Email).MaximumLength(100).EmailAddress().When(x => !string.IsNullOrWhiteSpace(x.Email));
        RuleFor(x => x.IdDocumentType).IsInEnum();
        RuleFor(x => x.IdNumber).MaximumLength(32);
        RuleFor(x => x.IdNumber).Must(IdCardNumber.IsValid)
            .When(x => !string.IsNullOrWhiteSpace(x.IdNumber) && x.IdDocumentType is null or Domain.Registry.IdDocumentType.IdCard)
            .WithMessage(_ => t["Customers.IdCardInvalid"]);
        RuleFor(x => x.EmergencyContactName).MaximumLength(50);
        RuleFor(x => x.EmergencyContactPhone).Must(Domain.Registry.Phone.IsValid).When(x => !string.IsNullOrWhiteSpace(x.EmergencyContactPhone))
            .WithMessage(_ => t["Customers.PhoneInvalid"]);
        RuleFor(x => x.EmergencyContactPhone).NotEmpty().When(x => !string.IsNullOrWhiteSpace(x.EmergencyContactName))
            .WithMessage(_ => t["Customers.EmergencyPhoneRequired"]);
        RuleFor(x => x.PreferredChannel).IsInEnum();
        RuleFor(x => x.Phone).NotEmpty().When(x => x.PreferredChannel is ContactChannel.Phone or ContactChannel.Sms)
            .WithMessage(_ => t["Customers.PhoneNeededForChannel"]);
        RuleFor(x => x.Email).NotEmpty().When(x => x.PreferredChannel == ContactChannel.Email)
            .WithMessage(_ => t["Customers.EmailNeededForChannel"]);
        RuleFor(x => x.Notes).MaximumLength(1000);
        RuleFor(x => x.MessagesConsentNote).MaximumLength(200);
    }
}

/// <summary>居民身份证号 (GB 11643-1999): 17 digits and a check character computed from them.</summary>
public static class IdCardNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckChars = "10X98765432";

    public static bool IsValid(string? raw)
    {
        var number = raw?.Trim().ToUpperInvariant();
        if (number is not { Length: 18 } || number.AsSpan(0, 17).ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        return number[17] == CheckCharacter(number.AsSpan(0, 17));
    }

    /// <summary>The full number for 17 digits (region, birth date, sequence): the digits and their check character.</summary>
    public static string Complete(string seventeenDigits)
    {
        if (seventeenDigits is not { Length: 17 } || seventeenDigits.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            throw new ArgumentException("Seventeen digits are needed.", nameof(seventeenDigits));
        }

        return seventeenDigits + CheckCharacter(seventeenDigits);
    }

    private static char CheckCharacter(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (digits[i] - '0') * Weights[i];
        }

        return CheckChars[sum % 11];
    }
}
