using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Complaints;
using PropertyPortal.Web.Features.Shared;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.Complaints;

/// <summary>
/// The register's filters, from the query string so a filtered list can be bookmarked, paged and exported: the shared ones (<see cref="CaseFilter"/>; open = not yet closed; text = number, phone, complainant, content) and the complaints' own.
/// </summary>
public sealed class ComplaintFilter : CaseFilter
{
    public ComplaintStatus? Status { get; set; }
    public ComplaintTier? Tier { get; set; }
}

/// <summary>Intake (001 L380). Times are China local time as typed; the controller converts them.</summary>
public sealed class ComplaintForm
{
    public Guid? ContactId { get; set; }

    [Display(Name = "Field.PropertyId")]
    public Guid? PropertyId { get; set; }

    public Guid? UnitId { get; set; }
    public Guid? CustomerId { get; set; }

    [Display(Name = "Field.ComplainantName")]
    public string? ComplainantName { get; set; }

    [Display(Name = "Field.Phone")]
    public string? Phone { get; set; }

    [Display(Name = "Field.ComplaintLocation")]
    public string? Location { get; set; }

    [Display(Name = "Field.OccurredAt")]
    public DateTime? OccurredAt { get; set; }

    [Display(Name = "Field.Channel")]
    public ComplaintChannel Channel { get; set; } = ComplaintChannel.Phone;

    [Display(Name = "Field.ComplaintCategoryId")]
    public Guid? CategoryId { get; set; }

    [Display(Name = "Field.AgainstPerson")]
    public string? AgainstPerson { get; set; }

    [Display(Name = "Field.AgainstDepartment")]
    public string? AgainstDepartment { get; set; }

    [Display(Name = "Field.Content")]
    public string? Content { get; set; }

    [Display(Name = "Field.Demand")]
    public string? Demand { get; set; }

    [Display(Name = "Field.RequestedDeadline")]
    public DateTime? RequestedDeadline { get; set; }

    [Display(Name = "Field.WrittenReplyRequested")]
    public bool WrittenReplyRequested { get; set; }

    [Display(Name = "Field.Tier")]
    public ComplaintTier Tier { get; set; } = ComplaintTier.Minor;

    [Display(Name = "Field.OngoingHarm")]
    public bool OngoingHarm { get; set; }

    [Display(Name = "Field.ReceivedAt")]
    public DateTime? ReceivedAt { get; set; }

    /// <summary>The complainant was answered on the spot (the call or the visit itself).</summary>
    [Display(Name = "Field.RepliedNow")]
    public bool RepliedNow { get; set; }

    /// <summary>
    /// Set when the complaint comes from the household's own page (业主自助): the intake logs the front-desk contact from this
    /// channel in the same save as the complaint. Never bound from a form.
    /// </summary>
    [BindNever]
    public Domain.FrontDesk.ContactSource? LogContactAs { get; set; }

    /// <summary>Photos sent with the complaint (the household's page); stored and attached in the same save. Never bound from the desk's form.</summary>
    [BindNever]
    public IReadOnlyList<IFormFile> Photos { get; set; } = [];

    [BindNever]
    public string? UnitLabel { get; set; }

    [BindNever]
    public IReadOnlyList<SelectListItem> PropertyOptions { get; set; } = [];

    [BindNever]
    public IReadOnlyList<SelectListItem> CategoryOptions { get; set; } = [];
}

public sealed class ComplaintFormValidator : AbstractValidator<ComplaintForm>
{
    public ComplaintFormValidator(IStringLocalizer<ComplaintsText> t, IStringLocalizer<SharedResource> shared, DateWindows dates)
    {
        RuleFor(x => x.PropertyId).NotEmpty();
        RuleFor(x => x.ComplainantName).NotEmpty().MaximumLength(50);
        RuleFor(x => x.Phone).MaximumLength(32).Matches(@"^[0-9+\-\s()]*$").WithMessage(_ => t["Complaints.PhoneFormat"]);
        RuleFor(x => x.Location).MaximumLength(100);
        RuleFor(x => x.AgainstPerson).MaximumLength(50);
        RuleFor(x => x.AgainstDepartment).MaximumLength(50);
        RuleFor(x => x.Content).NotEmpty().MaximumLength(2000);
        RuleFor(x => x.Demand).MaximumLength(1000);
        RuleFor(x => x.CategoryId).NotEmpty();
        RuleFor(x => x.Channel).IsInEnum().NotEqual(ComplaintChannel.SelfService);
        RuleFor(x => x.Tier).IsInEnum();
        RuleFor(x => x.ReceivedAt).NotNull().Within(_ => dates.LastYear, shared);
        RuleFor(x => x.OccurredAt).Within(_ => dates.LastYear, shared);
        RuleFor(x => x.RequestedDeadline).Within(_ => dates.NextYear, shared);
        RuleFor(x => x.RequestedDeadline).GreaterThan(x => x.ReceivedAt).When(x => x.RequestedDeadline is not null && x.ReceivedAt is not null)
            .WithMessage(_ => t["Complaints.DeadlineAfterReceived"]);
    }
}

/// <summary>A reply or the result told to the customer.</summary>
public sealed class ReplyForm
{
    [Display(Name = "Field.ReplyChannel")]
    public ReplyChannel Channel { get; set; } = ReplyChannel.Phone;

    [Display(Name = "Field.ReplyText")]
    public string? Text { get; set; }

    [Display(Name = "Field.Written")]
    public bool Written { get; set; }

    public int Version { get; set; }
}

public sealed class ReplyFormValidator : AbstractValidator<ReplyForm>
{
    public ReplyFormValidator()
    {
        RuleFor(x => x.Channel).IsInEnum();
        RuleFor(x => x.Text).MaximumLength(1000);
    }
}

/// <summary>Plan, resolution, notes, reasons: one text, required where the action needs it.</summary>
public sealed class TextForm
{
    [Display(Name = "Field.Text")]
    public string? Text { get; set; }

    public int Version { get; set; }
}

public sealed class TextFormValidator : AbstractValidator<TextForm>
{
    public TextFormValidator() => RuleFor(x => x.Text).MaximumLength(2000);
}

public sealed class TierForm
{
    [Display(Name = "Field.Tier")]
    public ComplaintTier Tier { get; set; }

    [Display(Name = "Field.Reason")]
    public string? Reason { get; set; }

    public int Version { get; set; }
}

public sealed class TierFormValidator : AbstractValidator<TierForm>
{
    public TierFormValidator()
    {
        RuleFor(x => x.Tier).IsInEnum();
        RuleFor(x => x.Reason).NotEmpty().MaximumLength(200);
    }
}

public sealed class AssignForm
{
    [Display(Name = "Field.ResponsibleDepartment")]
    public string? Department { get; set; }

    [Display(Name = "Field.HandlerId")]
    public string? HandlerId { get; set; }

    [Display(Name = "Field.Responsibility")]
    public ComplaintResponsibility? Responsibility { get; set; }

    public int Version { get; set; }
}

public sealed class AssignFormValidator : AbstractValidator<AssignForm>
{
    public AssignFormValidator()
    {
        RuleFor(x => x.Department).NotEmpty().MaximumLength(50);
        RuleFor(x => x.Responsibility).IsInEnum();
    }
}

public sealed class TransferForm
{
    [Display(Name = "Field.OwnerId")]
    public string? OwnerId { get; set; }

    [Display(Name = "Field.Reason")]
    public string? Reason { get; set; }

    public int Version { get; set; }
}

public sealed class TransferFormValidator : AbstractValidator<TransferForm>
{
    public TransferFormValidator()
    {
        RuleFor(x => x.OwnerId).NotEmpty();
        RuleFor(x => x.Reason).NotEmpty().MaximumLength(200);
    }
}
