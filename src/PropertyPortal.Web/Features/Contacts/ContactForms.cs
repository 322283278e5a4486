using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.FrontDesk;
using PropertyPortal.Web.Infrastructure;

namespace PropertyPortal.Web.Features.Contacts;

/// <summary>
/// One contact as the counter enters it. The received time is China wall-clock time as a
/// datetime-local input posts it (2026-11-22T09:30); strings are nullable because a cleared field posts null.
/// </summary>
public sealed class ContactForm
{
    public const string TimeFormat = "yyyy-MM-ddTHH:mm";

    /// <summary>Outcomes the counter may pick; 转报修 is the second button, not a choice here.</summary>
    public static readonly IReadOnlyList<ContactOutcome> Choices =
        [ContactOutcome.Answered, ContactOutcome.Pending, ContactOutcome.Complaint, ContactOutcome.ServiceRequest, ContactOutcome.Other];

    [BindNever]
    public Guid? Id { get; set; }

    public Guid? PropertyId { get; set; }

    public Guid? UnitId { get; set; }

    public Guid? CustomerId { get; set; }

    /// <summary>What the lookup box showed when a household was picked; only echoed back to the form.</summary>
    public string? Lookup { get; set; }

    public ContactSource Source { get; set; } = ContactSource.Phone;

    public string? Name { get; set; }

    public string? Phone { get; set; }

    public string? Subject { get; set; }

    public string? Details { get; set; }

    public ContactOutcome Outcome { get; set; } = ContactOutcome.Answered;

    public string? OutcomeNote { get; set; }

    public string? ReceivedAt { get; set; }

    public int Version { get; set; }

    [BindNever]
    public string? PropertyName { get; set; }

    [BindNever]
    public Guid? RepairOrderId { get; set; }

    [BindNever]
    public IReadOnlyList<SelectListItem> PropertyOptions { get; set; } = [];

    [BindNever]
    public string MinReceivedAt { get; set; } = "";

    [BindNever]
    public string MaxReceivedAt { get; set; } = "";

    public static string FormatLocal(DateTime utc) => PortalClock.ToLocal(utc).ToString(TimeFormat, CultureInfo.InvariantCulture);

    /// <summary>The posted wall-clock time as UTC; null when it is not a time.</summary>
    public static DateTime? ParseLocal(string? value) =>
        DateTime.TryParseExact(value?.Trim(), [TimeFormat, "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? PortalClock.ToUtc(local)
            : null;

    public static ContactForm From(Contact c, string propertyName) => new()
    {
        Id = c.Id, PropertyId = c.PropertyId, PropertyName = propertyName, UnitId = c.UnitId, CustomerId = c.CustomerId,
        Source = c.Source, Name = c.Name, Phone = c.Phone, Subject = c.Subject, Details = c.Details,
        Outcome = c.Outcome, OutcomeNote = c.OutcomeNote, ReceivedAt = FormatLocal(c.ReceivedAt), Version = c.Version,
        RepairOrderId = c.RepairOrderId,
    };
}

public sealed class ContactFormValidator : AbstractValidator<ContactForm>
{
    public ContactFormValidator(IStringLocalizer<ContactsText> t)
    {
        RuleFor(x => x.PropertyId).NotEmpty().WithMessage(_ => t["Contacts.PropertyRequired"]);
        RuleFor(x => x.Source).IsInEnum().WithMessage(_ => t["Contacts.SourceInvalid"]);
        // A household picked in the lookup lends its name when the field is left empty.
        RuleFor(x => x.Name).NotEmpty().When(x => x.CustomerId is null).WithMessage(_ => t["Contacts.NameRequired"]);
        RuleFor(x => x.Name).MaximumLength(50).WithMessage(_ => t["Contacts.NameTooLong"]);
        RuleFor(x => x.Phone).MaximumLength(32).WithMessage(_ => t["Contacts.PhoneTooLong"])
            .Must(p => p!.Any(char.IsAsciiDigit) && p.All(c => char.IsAsciiDigit(c) || c is ' ' or '-' or '+' or '(' or ')'))
            .When(x => !string.IsNullOrWhiteSpace(x.Phone)).WithMessage(_ => t["Contacts.PhoneInvalid"]);
        RuleFor(x => x.Subject).NotEmpty().WithMessage(_ => t["Contacts.SubjectRequired"])
            .MaximumLength(200).WithMessage(_ => t["Contacts.SubjectTooLong"]);
        RuleFor(x => x.Details).MaximumLength(2000).WithMessage(_ => t["Contacts.DetailsTooLong"]);
        RuleFor(x => x.Outcome).Must(o => ContactForm.Choices.Contains(o)).WithMessage(_ => t["Contacts.OutcomeInvalid"]);
        RuleFor(x => x.OutcomeNote).MaximumLength(500).WithMessage(_ => t["Contacts.NoteTooLong"]);
        RuleFor(x => x.OutcomeNote).NotEmpty().When(x => x.Outcome == ContactOutcome.Other).WithMessage(_ => t["Contacts.NoteRequiredForOther"]);
        RuleFor(x => x.ReceivedAt).NotEmpty().WithMessage(_ => t["Contacts.ReceivedAtRequired"])
            .Must(v => ContactForm.ParseLocal(v) is not null).When(x => !string.IsNullOrWhiteSpace(x.ReceivedAt))
            .WithMessage(_ => t["Contacts.ReceivedAtInvalid"]);
    }
}

/// <summary>答复 / 转办 from the list or the contact page: the outcome and a note.</summary>
public sealed class ResolveForm
{
    public ContactOutcome Outcome { get; set; }

    public string? OutcomeNote { get; set; }

    public int Version { get; set; }

    /// <summary>Where to go back to: the day's list or the contact page.</summary>
    public string? ReturnTo { get; set; }
}

public sealed class ResolveFormValidator : AbstractValidator<ResolveForm>
{
    public ResolveFormValidator(IStringLocalizer<ContactsText> t)
    {
        RuleFor(x => x.Outcome).Must(o => ContactForm.Choices.Contains(o)).WithMessage(_ => t["Contacts.OutcomeInvalid"]);
        RuleFor(x => x.OutcomeNote).MaximumLength(500).WithMessage(_ => t["Contacts.NoteTooLong"]);
        RuleFor(x => x.OutcomeNote).NotEmpty().When(x => x.Outcome == ContactOutcome.Other).WithMessage(_ => t["Contacts.NoteRequiredForOther"]);
    }
}
