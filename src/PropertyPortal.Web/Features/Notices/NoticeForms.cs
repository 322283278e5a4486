using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Notices;
using PropertyPortal.Web.Features.Shared;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.Notices;

/// <summary>Marker for the feature's strings (NoticesText.resx, NoticesText.en.resx).</summary>
public sealed class NoticesText;

/// <summary>The notice ledger's filters: property, category, state, dates (created), text.</summary>
public sealed class NoticeFilter
{
    public Guid? PropertyId { get; set; }
    public NoticeCategory? Category { get; set; }
    public NoticeStatus? Status { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }

    /// <summary>Number or words of the title.</summary>
    public string? Q { get; set; }

    public int Page { get; set; } = 1;
}

/// <summary>A notice being drafted. Times are China local time as typed.</summary>
public sealed class NoticeForm
{
    [Display(Name = "Field.PropertyId")]
    public Guid? PropertyId { get; set; }

    public int Version { get; set; }

    [Display(Name = "Field.Title")]
    public string? Title { get; set; }

    [Display(Name = "Field.Body")]
    public string? Body { get; set; }

    [Display(Name = "Field.Category")]
    public NoticeCategory Category { get; set; } = NoticeCategory.Other;

    /// <summary>When the cut or the pest control starts (the lead time is counted back from it).</summary>
    [Display(Name = "Field.WorkStartsAt")]
    public DateTime? WorkStartsAt { get; set; }

    [Display(Name = "Field.PublishFrom")]
    public DateOnly? PublishFrom { get; set; }

    [Display(Name = "Field.PublishUntil")]
    public DateOnly? PublishUntil { get; set; }

    public AudienceForm Audience { get; set; } = new();

    [BindNever]
    public IReadOnlyList<SelectListItem> PropertyOptions { get; set; } = [];

    [BindNever]
    public Guid? NoticeId { get; set; }

    [BindNever]
    public string? Number { get; set; }

    /// <summary>The property's lead times, for the form's hint.</summary>
    [BindNever]
    public (int OutageHours, int PestDays, bool Refused) Lead { get; set; }
}

public sealed class NoticeFormValidator : AbstractValidator<NoticeForm>
{
    public NoticeFormValidator(IStringLocalizer<NoticesText> t, IStringLocalizer<SharedResource> shared, DateWindows dates)
    {
        // Sanity ranges: a notice goes up around now, and its work or end date lies within the next two years.
        RuleFor(x => x.PublishFrom).Within(_ => new DateWindow(dates.Today.AddYears(-1), dates.Today.AddYears(2)), shared);
        RuleFor(x => x.PublishUntil).Within(_ => new DateWindow(dates.Today.AddYears(-1), dates.Today.AddYears(2)), shared);
        RuleFor(x => x.WorkStartsAt).Within(_ => new DateWindow(dates.Today.AddYears(-1), dates.Today.AddYears(2)), shared);
        RuleFor(x => x.PropertyId).NotEmpty();
        RuleFor(x => x.Title).NotEmpty().MaximumLength(100);
        RuleFor(x => x.Body).NotEmpty().MaximumLength(4000);
        RuleFor(x => x.Category).IsInEnum();
        RuleFor(x => x.WorkStartsAt).NotNull().When(x => PublicNotice.HasLeadTime(x.Category)).WithMessage(_ => t["Notices.WorkStartRequired"]);
        RuleFor(x => x.PublishFrom).NotNull();
        RuleFor(x => x.PublishUntil).GreaterThanOrEqualTo(x => x.PublishFrom).When(x => x.PublishUntil is not null && x.PublishFrom is not null)
            .WithMessage(_ => t["Notices.UntilBeforeFrom"]);
        RuleFor(x => x.Audience.BuildingIds).NotEmpty().When(x => x.Audience.AudienceScope == Domain.Common.AudienceScope.Buildings)
            .WithName("Audience.BuildingIds").OverridePropertyName("Audience.BuildingIds").WithMessage(_ => t["Notices.ChooseBuildings"]);
    }
}

/// <summary>A reason (withdrawal) with the version the page showed.</summary>
public sealed class NoticeReasonForm
{
    [Display(Name = "Field.WithdrawReason")]
    public string? WithdrawReason { get; set; }

    public int Version { get; set; }
}

public sealed class NoticeReasonFormValidator : AbstractValidator<NoticeReasonForm>
{
    public NoticeReasonFormValidator() => RuleFor(x => x.WithdrawReason).NotEmpty().MaximumLength(500);
}
