using FluentValidation;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.FrontDesk;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Features.Contacts;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.DailyLog;

/// <summary>A breach or escalation of a clock, named by the case it belongs to (a callback's: the case it follows up) and linked to that case's page.</summary>
public sealed record SlaLine(DateTime FiredAt, SlaEventKind Kind, SlaMilestone Milestone, SlaSubject Subject, string? CaseNumber, string? Link);

public sealed record AmendmentRow(DateTime At, string ActorName, string Text);

/// <summary>工作日志 of one property and day: what happened (read from the records) and what the shift wrote and signed.</summary>
public sealed record DailyLogPage(
    Guid PropertyId, string PropertyName, DateOnly Date, IReadOnlyList<SelectListItem> PropertyOptions,
    IReadOnlyList<ContactRow> Contacts, IReadOnlyList<(ContactSource Source, int Count)> BySource,
    IReadOnlyList<DayCase> Opened, IReadOnlyList<DayCase> Closed, IReadOnlyList<SlaLine> Breaches, IReadOnlyList<SlaLine> Escalations,
    string? HandoverNotes, int Version, DateTime? SignedAt, string? SignedByName, IReadOnlyList<AmendmentRow> Amendments,
    bool CanSupervise, bool IsFuture)
{
    public bool IsSigned => SignedAt is not null;

    /// <summary>The day's review clock (000 L348), once the day has ended.</summary>
    public IReadOnlyList<Repairs.ClockView> Review { get; init; } = [];

    public DateTime Now { get; init; }
}

/// <summary>The posts of the daily log name their day by property and date; the version guards the handover notes.</summary>
public sealed class DailyLogForm
{
    public Guid PropertyId { get; set; }

    public DateOnly Date { get; set; }

    public string? HandoverNotes { get; set; }

    /// <summary>An amendment's text (更正说明).</summary>
    public string? Text { get; set; }

    public int Version { get; set; }
}

public sealed class DailyLogFormValidator : AbstractValidator<DailyLogForm>
{
    public DailyLogFormValidator(IStringLocalizer<DailyLogText> t, IStringLocalizer<SharedResource> shared, DateWindows dates)
    {
        RuleFor(x => x.PropertyId).NotEmpty();
        RuleFor(x => x.Date).Within(_ => dates.Past, shared);
        RuleFor(x => x.HandoverNotes).MaximumLength(4000).WithMessage(_ => t["DailyLog.NotesTooLong"]);
        RuleFor(x => x.Text).MaximumLength(2000).WithMessage(_ => t["DailyLog.AmendmentTooLong"]);
    }
}
