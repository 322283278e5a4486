using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Services;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Domain.Visits;

namespace PropertyPortal.Web.Features.Services;

/// <summary>The unit a catalog entry's promise is given in.</summary>
public enum ServiceTargetUnit { Minutes, Hours, WorkingDays, SameServiceDay }

public sealed record ServiceTypeRow(Guid Id, string Name, ServiceKind Kind, SlaTargetKind TargetKind, int TargetValue, ServiceHandlerRole HandlerRole, bool ChargesFee,
    decimal? DefaultFee, bool RequiresApproval, bool ForResidential, bool ForOffice, bool ForCommercial, bool IsActive);

public sealed record LimitsRow(Guid PropertyId, string PropertyName, ServiceSettings Settings, bool Saved);

public sealed record ServiceSettingsPage(IReadOnlyList<ServiceTypeRow> Types, IReadOnlyList<ResourceRow> Resources, IReadOnlyList<LimitsRow> Limits,
    IReadOnlyList<SurveyQuestion> Questions);

public sealed class ServiceTypeForm
{
    [BindNever]
    public Guid? Id { get; set; }

    [Display(Name = "Field.Name")]
    public string? Name { get; set; }

    [Display(Name = "Field.Description")]
    public string? Description { get; set; }

    /// <summary>Chosen when the entry is created; fixed afterwards (requests were opened by it).</summary>
    [Display(Name = "Field.Kind")]
    public ServiceKind Kind { get; set; }

    [Display(Name = "Field.ForResidential")]
    public bool ForResidential { get; set; } = true;

    [Display(Name = "Field.ForOffice")]
    public bool ForOffice { get; set; } = true;

    [Display(Name = "Field.ForCommercial")]
    public bool ForCommercial { get; set; } = true;

    [Display(Name = "Field.TargetUnit")]
    public ServiceTargetUnit TargetUnit { get; set; }

    [Display(Name = "Field.Target")]
    public int? Target { get; set; } = 10;

    [Display(Name = "Field.HandlerRole")]
    public ServiceHandlerRole HandlerRole { get; set; }

    [Display(Name = "Field.ChargesFee")]
    public bool ChargesFee { get; set; }

    [Display(Name = "Field.DefaultFee")]
    public decimal? DefaultFee { get; set; }

    [Display(Name = "Field.RequiresApproval")]
    public bool RequiresApproval { get; set; }

    [Display(Name = "Field.ResourceKind")]
    public ResourceKind? ResourceKind { get; set; }

    [Display(Name = "Field.SortOrder")]
    public int? SortOrder { get; set; }

    [Display(Name = "Field.IsActive")]
    public bool IsActive { get; set; } = true;

    public int Version { get; set; }

    public SlaTarget ToTarget() => TargetUnit switch
    {
        ServiceTargetUnit.Hours => SlaTarget.Minutes(Target!.Value * 60),
        ServiceTargetUnit.WorkingDays => SlaTarget.WorkingDays(Target!.Value),
        ServiceTargetUnit.SameServiceDay => SlaTarget.SameServiceDay,
        _ => SlaTarget.Minutes(Target!.Value),
    };

    public static ServiceTypeForm From(ServiceType s) => new()
    {
        Id = s.Id, Name = s.Name, Description = s.Description, Kind = s.Kind, ForResidential = s.ForResidential, ForOffice = s.ForOffice,
        ForCommercial = s.ForCommercial,
        TargetUnit = s.TargetKind switch
        {
            SlaTargetKind.WorkingDays => ServiceTargetUnit.WorkingDays,
            SlaTargetKind.SameServiceDay => ServiceTargetUnit.SameServiceDay,
            _ when s.TargetValue % 60 == 0 => ServiceTargetUnit.Hours,
            _ => ServiceTargetUnit.Minutes,
        },
        Target = s.TargetKind == SlaTargetKind.Minutes && s.TargetValue % 60 == 0 ? s.TargetValue / 60 : s.TargetValue,
        HandlerRole = s.HandlerRole, ChargesFee = s.ChargesFee, DefaultFee = s.DefaultFee, RequiresApproval = s.RequiresApproval,
        ResourceKind = s.ResourceKind, SortOrder = s.SortOrder, IsActive = s.IsActive, Version = s.Version,
    };
}

public sealed class ServiceTypeFormValidator : AbstractValidator<ServiceTypeForm>
{
    public ServiceTypeFormValidator(IStringLocalizer<ServicesText> t)
    {
        RuleFor(x => x.Name).NotEmpty().MaximumLength(50);
        RuleFor(x => x.Description).MaximumLength(500);
        RuleFor(x => x.Kind).IsInEnum();
        RuleFor(x => x.TargetUnit).IsInEnum();
        RuleFor(x => x.Target).NotNull().WithMessage(_ => t["Services.TargetRequired"]).When(x => x.TargetUnit != ServiceTargetUnit.SameServiceDay);
        RuleFor(x => x.Target).InclusiveBetween(1, ServiceType.MaxMinutes).When(x => x.TargetUnit == ServiceTargetUnit.Minutes);
        RuleFor(x => x.Target).InclusiveBetween(1, ServiceType.MaxMinutes / 60).When(x => x.TargetUnit == ServiceTargetUnit.Hours);
        RuleFor(x => x.Target).InclusiveBetween(1, ServiceType.MaxWorkingDays).When(x => x.TargetUnit == ServiceTargetUnit.WorkingDays);
        RuleFor(x => x.HandlerRole).IsInEnum();
        RuleFor(x => x.DefaultFee).GreaterThan(0).LessThanOrEqualTo(1_000_000)
            .Must(c => c is null || decimal.Round(c.Value, 2) == c.Value).WithMessage(_ => t["Services.FeeDecimals"]);
        RuleFor(x => x.ResourceKind).NotNull().WithMessage(_ => t["Services.ResourceKindRequired"]).When(x => x.Kind == ServiceKind.Booking);
        RuleFor(x => x.ForResidential).Equal(true).WithMessage(_ => t["Services.PickAPropertyKind"]).When(x => !x.ForOffice && !x.ForCommercial);
        RuleFor(x => x.SortOrder).NotNull().InclusiveBetween(0, 9999);
    }
}

public sealed class ResourceForm
{
    [BindNever]
    public Guid? Id { get; set; }

    [Display(Name = "Field.PropertyId")]
    public Guid? PropertyId { get; set; }

    [Display(Name = "Field.ResourceKind")]
    public ResourceKind Kind { get; set; }

    [Display(Name = "Field.Name")]
    public string? Name { get; set; }

    [Display(Name = "Field.Location")]
    public string? Location { get; set; }

    [Display(Name = "Field.SlotMinutes")]
    public int SlotMinutes { get; set; } = 30;

    [Display(Name = "Field.OpensAt")]
    public TimeOnly? OpensAt { get; set; } = new(8, 0);

    [Display(Name = "Field.ClosesAt")]
    public TimeOnly? ClosesAt { get; set; } = new(22, 0);

    [Display(Name = "Field.HourlyRate")]
    public decimal? HourlyRate { get; set; }

    [Display(Name = "Field.SortOrder")]
    public int? SortOrder { get; set; } = 10;

    [Display(Name = "Field.IsActive")]
    public bool IsActive { get; set; } = true;

    public int Version { get; set; }

    [BindNever]
    public IReadOnlyList<SelectListItem> PropertyOptions { get; set; } = [];

    public static ResourceForm From(BookableResource r) => new()
    {
        Id = r.Id, PropertyId = r.PropertyId, Kind = r.Kind, Name = r.Name, Location = r.Location, SlotMinutes = r.SlotMinutes, OpensAt = r.OpensAt,
        ClosesAt = r.ClosesAt, HourlyRate = r.HourlyRate, SortOrder = r.SortOrder, IsActive = r.IsActive, Version = r.Version,
    };
}

public sealed class ResourceFormValidator : AbstractValidator<ResourceForm>
{
    public ResourceFormValidator(IStringLocalizer<ServicesText> t)
    {
        RuleFor(x => x.PropertyId).NotEmpty();
        RuleFor(x => x.Kind).IsInEnum();
        RuleFor(x => x.Name).NotEmpty().MaximumLength(50);
        RuleFor(x => x.Location).MaximumLength(100);
        RuleFor(x => x.SlotMinutes).Must(m => BookableResource.AllowedSlotMinutes.Contains(m)).WithMessage(_ => t["Services.SlotMinutesChoice"]);
        RuleFor(x => x.OpensAt).NotNull();
        RuleFor(x => x.ClosesAt).NotNull().GreaterThan(x => x.OpensAt).WithMessage(_ => t["Services.ClosesAfterOpens"]);
        RuleFor(x => x.HourlyRate).GreaterThan(0).LessThanOrEqualTo(1_000_000)
            .Must(c => c is null || decimal.Round(c.Value, 2) == c.Value).WithMessage(_ => t["Services.FeeDecimals"]);
        RuleFor(x => x.SortOrder).NotNull().InclusiveBetween(0, 9999);
    }
}

public sealed class LimitsForm
{
    public Guid PropertyId { get; set; }

    [BindNever]
    public string? PropertyName { get; set; }

    [Display(Name = "Field.VisitsPerProperty")]
    public int? VisitsPerProperty { get; set; }

    [Display(Name = "Field.VisitsPerSteward")]
    public int? VisitsPerSteward { get; set; }

    [Display(Name = "Field.SurveySharePercent")]
    public int? SurveySharePercent { get; set; }

    [Display(Name = "Field.UnclaimedAfterDays")]
    public int? UnclaimedAfterDays { get; set; }

    [Display(Name = "Field.SuggestionWindowDays")]
    public int? SuggestionWindowDays { get; set; }

    public int Version { get; set; }

    public static LimitsForm From(ServiceSettings s, string propertyName) => new()
    {
        PropertyId = s.PropertyId, PropertyName = propertyName, VisitsPerProperty = s.VisitsPerProperty, VisitsPerSteward = s.VisitsPerSteward,
        SurveySharePercent = s.SurveySharePercent, UnclaimedAfterDays = s.UnclaimedAfterDays, SuggestionWindowDays = s.SuggestionWindowDays, Version = s.Version,
    };
}

public sealed class LimitsFormValidator : AbstractValidator<LimitsForm>
{
    public LimitsFormValidator()
    {
        RuleFor(x => x.VisitsPerProperty).NotNull().InclusiveBetween(0, 10_000);
        RuleFor(x => x.VisitsPerSteward).NotNull().InclusiveBetween(0, 1_000);
        RuleFor(x => x.SurveySharePercent).NotNull().InclusiveBetween(1, 100);
        RuleFor(x => x.UnclaimedAfterDays).NotNull().InclusiveBetween(1, 365);
        RuleFor(x => x.SuggestionWindowDays).NotNull().InclusiveBetween(1, 365);
    }
}

public sealed class QuestionForm
{
    [BindNever]
    public Guid? Id { get; set; }

    [Display(Name = "Field.Text")]
    public string? Text { get; set; }

    [Display(Name = "Field.Group")]
    public string? Category { get; set; }

    [Display(Name = "Field.ScaleMax")]
    public int? ScaleMax { get; set; } = 5;

    [Display(Name = "Field.SortOrder")]
    public int? SortOrder { get; set; }

    [Display(Name = "Field.IsActive")]
    public bool IsActive { get; set; } = true;

    public int Version { get; set; }

    public static QuestionForm From(SurveyQuestion q) => new()
    {
        Id = q.Id, Text = q.Text, Category = q.Category, ScaleMax = q.ScaleMax, SortOrder = q.SortOrder, IsActive = q.IsActive, Version = q.Version,
    };
}

public sealed class QuestionFormValidator : AbstractValidator<QuestionForm>
{
    public QuestionFormValidator()
    {
        RuleFor(x => x.Text).NotEmpty().MaximumLength(200);
        RuleFor(x => x.Category).NotEmpty().MaximumLength(20);
        RuleFor(x => x.ScaleMax).NotNull().InclusiveBetween(2, 10);
        RuleFor(x => x.SortOrder).NotNull().InclusiveBetween(0, 9999);
    }
}
