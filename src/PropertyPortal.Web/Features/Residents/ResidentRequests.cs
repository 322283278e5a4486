using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Callbacks;
using PropertyPortal.Domain.Complaints;
using PropertyPortal.Domain.FrontDesk;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.Web.Features.Callbacks;
using PropertyPortal.Web.Features.Complaints;
using PropertyPortal.Web.Features.Notifications;
using PropertyPortal.Web.Features.Repairs;
using PropertyPortal.Web.Features.Shared;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Residents;

/// <summary>报修 from the household's phone: which of its units, what kind, what happened, photos, a preferred time.</summary>
public sealed class ReportForm
{
    [Display(Name = "My.Unit")]
    public Guid? UnitId { get; set; }

    [Display(Name = "My.Category")]
    public Guid? CategoryId { get; set; }

    [Display(Name = "My.Description")]
    public string? Description { get; set; }

    /// <summary>China local time as typed; empty: as soon as possible.</summary>
    [Display(Name = "My.PreferredAt")]
    public DateTime? PreferredAt { get; set; }

    [Display(Name = "My.Photos")]
    public List<IFormFile>? Photos { get; set; }

    [BindNever]
    public IReadOnlyList<MyUnit> Units { get; set; } = [];

    [BindNever]
    public IReadOnlyList<(Guid Id, string Name)> Categories { get; set; } = [];
}

public sealed class ReportFormValidator : AbstractValidator<ReportForm>
{
    public ReportFormValidator(IStringLocalizer<ResidentsText> t, IStringLocalizer<Resources.SharedResource> shared, DateWindows dates)
    {
        RuleFor(x => x.UnitId).NotEmpty().WithMessage(_ => t["My.ChooseUnit"]);
        RuleFor(x => x.CategoryId).NotEmpty().WithMessage(_ => t["My.ChooseCategory"]);
        RuleFor(x => x.Description).NotEmpty().WithMessage(_ => t["My.DescribeIt"]).MaximumLength(1000);
        RuleFor(x => x.PreferredAt).Within(_ => dates.Appointment, shared);
        RuleFor(x => x.Photos).Must(p => p is null || p.Count <= PhotoUploads.MaxPerUpload).WithMessage(_ => t["My.TooManyPhotos", PhotoUploads.MaxPerUpload]);
    }
}

/// <summary>投诉 from the household's phone: which of its units, what kind, what happened, what it asks for, photos.</summary>
public sealed class ComplainForm
{
    [Display(Name = "My.Unit")]
    public Guid? UnitId { get; set; }

    [Display(Name = "My.ComplaintCategory")]
    public Guid? CategoryId { get; set; }

    [Display(Name = "My.ComplaintContent")]
    public string? Description { get; set; }

    [Display(Name = "My.Demand")]
    public string? Demand { get; set; }

    /// <summary>When the household would like the desk's call, China local time as typed; empty: any time. Written into the complaint's 诉求.</summary>
    [Display(Name = "My.PreferredCallAt")]
    public DateTime? PreferredAt { get; set; }

    [Display(Name = "My.Photos")]
    public List<IFormFile>? Photos { get; set; }

    [BindNever]
    public IReadOnlyList<MyUnit> Units { get; set; } = [];

    [BindNever]
    public IReadOnlyList<(Guid Id, string Name)> Categories { get; set; } = [];
}

public sealed class ComplainFormValidator : AbstractValidator<ComplainForm>
{
    /// <summary>Room left in the complaint's 诉求 (1000) for the preferred time the household's page writes after it.</summary>
    public const int DemandLength = 960;

    public ComplainFormValidator(IStringLocalizer<ResidentsText> t, IStringLocalizer<Resources.SharedResource> shared, DateWindows dates)
    {
        RuleFor(x => x.PreferredAt).Within(_ => dates.Appointment, shared);
        RuleFor(x => x.UnitId).NotEmpty().WithMessage(_ => t["My.ChooseUnit"]);
        RuleFor(x => x.CategoryId).NotEmpty().WithMessage(_ => t["My.ChooseCategory"]);
        RuleFor(x => x.Description).NotEmpty().WithMessage(_ => t["My.DescribeIt"]).MaximumLength(2000);
        RuleFor(x => x.Demand).MaximumLength(DemandLength);
        RuleFor(x => x.Photos).Must(p => p is null || p.Count <= PhotoUploads.MaxPerUpload).WithMessage(_ => t["My.TooManyPhotos", PhotoUploads.MaxPerUpload]);
    }
}

/// <summary>建议 from the household's phone: which of its units, and the suggestion.</summary>
public sealed class SuggestForm
{
    [Display(Name = "My.Unit")]
    public Guid? UnitId { get; set; }

    [Display(Name = "My.SuggestionText")]
    public string? Text { get; set; }

    [BindNever]
    public IReadOnlyList<MyUnit> Units { get; set; } = [];
}

public sealed class SuggestFormValidator : AbstractValidator<SuggestForm>
{
    public SuggestFormValidator(IStringLocalizer<ResidentsText> t)
    {
        RuleFor(x => x.UnitId).NotEmpty().WithMessage(_ => t["My.ChooseUnit"]);
        RuleFor(x => x.Text).NotEmpty().WithMessage(_ => t["My.SuggestIt"]).MaximumLength(2000);
    }
}

/// <summary>
/// What a household asks of the portal, each through the feature method the desk uses: a report is
/// <see cref="RepairIntake.OpenAsync"/> with the channel 业主自助 (its contact logged in the same save, its clocks started
/// from the submission through the case seam, the desk told by <see cref="RepairNotifications"/>); 催单 and cancelling are
/// <see cref="RepairSteps"/>; the rating is <see cref="CallbackCalls.RecordAsync"/> as a reached call. Each first checks the
/// case is the household's, in a unit it occupies now (else not found).
/// </summary>
public sealed class ResidentRequests(
    ResidentPages pages, RepairIntake intake, RepairSteps repairs, CallbackCalls callbacks, ComplaintIntake complaintIntake, ComplaintSteps complaints,
    PortalDbContext db, Saving saving, Notifier notifier, TimeProvider time, IStringLocalizer<ResidentsText> t)
{
    public async Task<IntakeResult> ReportAsync(MyHousehold home, ReportForm form, bool formInvalid, CancellationToken ct)
    {
        var unit = home.Units.FirstOrDefault(u => u.Id == form.UnitId);
        if (form.UnitId is not null && unit is null)
        {
            return IntakeResult.NotFound;
        }

        var repair = new RepairForm
        {
            PropertyId = home.PropertyId,
            UnitId = unit?.Id,
            CustomerId = home.CustomerId,
            ReporterName = home.Name,
            Phone = home.Phone,
            Location = unit?.Number,
            Description = form.Description,
            CategoryId = form.CategoryId,
            Urgency = RepairUrgency.Normal,
            Billing = RepairBilling.Warranty,
            AppointmentAt = form.PreferredAt,
            ReceivedAt = PortalClock.ToLocal(time.GetUtcNow().UtcDateTime),
            Photos = form.Photos,
            LogContactAs = ContactSource.SelfService,
        };
        return await intake.OpenAsync(repair, formInvalid, home.Actor, ct);
    }

    /// <summary>
    /// 投诉 from the household's page: <see cref="ComplaintIntake.OpenAsync"/> with the channel 业主自助 — the desk's own intake, so
    /// its reply clock runs from the submission, a repeat is flagged, the 业主自助 contact is logged in the same save, and the desk
    /// is told (<see cref="ComplaintNotifications"/>). A household's complaint starts as 一般 (minor); the desk re-tiers it.
    /// </summary>
    /// <summary>The household's 诉求 with the time it would like the desk's call after it (方便联系时间：2026-12-08 18:00), which the desk reads on the complaint.</summary>
    private string? WithPreferredTime(string? demand, DateTime? preferredAt) =>
        preferredAt is not { } at ? demand
        : string.Join("\n", new[] { demand?.Trim(), t["My.PreferredCallNote", at.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)].Value }
            .Where(x => !string.IsNullOrEmpty(x)));

    public async Task<IntakeResult> ComplainAsync(MyHousehold home, ComplainForm form, bool formInvalid, CancellationToken ct)
    {
        var unit = home.Units.FirstOrDefault(u => u.Id == form.UnitId);
        if (form.UnitId is not null && unit is null)
        {
            return IntakeResult.NotFound;
        }

        var complaint = new ComplaintForm
        {
            PropertyId = home.PropertyId,
            UnitId = unit?.Id,
            CustomerId = home.CustomerId,
            ComplainantName = home.Name,
            Phone = home.Phone,
            Location = unit?.Number,
            Channel = ComplaintChannel.SelfService,
            CategoryId = form.CategoryId,
            Content = form.Description,
            Demand = WithPreferredTime(form.Demand, form.PreferredAt),
            Tier = ComplaintTier.Minor,
            ReceivedAt = PortalClock.ToLocal(time.GetUtcNow().UtcDateTime),
            LogContactAs = ContactSource.SelfService,
            Photos = form.Photos ?? [],
        };
        var result = await complaintIntake.OpenAsync(complaint, formInvalid, home.Actor, ct);
        return result.Opened ? result : result with { Errors = [.. result.Errors.Select(e => e.Field == nameof(ComplaintForm.Content) ? e with { Field = nameof(form.Description) } : e)] };
    }

    /// <summary>
    /// 建议: what the desk does with a suggestion at the counter — a front-desk contact (来访来电登记), here from the channel 业主自助,
    /// pending until the desk records its answer (the outcome and its note, which the household then reads); the desk is told.
    /// </summary>
    /// <returns>Null when the unit is not one the household lives in.</returns>
    public async Task<SaveResult?> SuggestAsync(MyHousehold home, SuggestForm form, CancellationToken ct)
    {
        if (home.Units.FirstOrDefault(u => u.Id == form.UnitId) is not { } unit)
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var desk = await notifier.UsersInRoleForPropertyAsync(Roles.FrontDesk, home.PropertyId, ct);
        return await saving.TryAsync(() =>
        {
            var contact = new Contact(home.PropertyId, now, ContactSource.SelfService, unit.Id, home.CustomerId, home.Name, home.Phone, t["My.SuggestionSubject"],
                form.Text, home.Actor, now);
            db.Contacts.Add(contact);
            notifier.Enqueue($"suggestion:{contact.Id:N}", NotificationKinds.ResidentReported, [t["My.SuggestionSubject"].Value, unit.Number, Board.CaseSummary.Shorten(form.Text ?? "")],
                $"/Contacts/Details/{contact.Id}", home.PropertyId, desk);
        }, ct);
    }

    /// <summary>
    /// 催办 of a complaint: only once its running target has passed; recorded on the complaint's timeline as the household's note
    /// (the desk's own step), and the supervisors and the owner are told (<see cref="ComplaintNotifications"/>).
    /// </summary>
    public async Task<StepResult> ChaseComplaintAsync(MyHousehold home, Guid id, int version, CancellationToken ct) =>
        await pages.ComplaintAsync(home, id, ct) switch
        {
            null => StepResult.NotFound,
            { CanChase: false } => StepResult.Refused(t["My.NotLateYet"]),
            _ => await complaints.NoteAsync(new StepRequest(id, version, home.Actor), t["My.ChasedNote"], ct),
        };

    /// <summary>催单: only once the target has passed (the page shows the button then); recorded on the order, the supervisors told.</summary>
    public async Task<StepResult> ChaseAsync(MyHousehold home, Guid id, int version, CancellationToken ct) =>
        await pages.CaseAsync(home, id, ct) switch
        {
            null => StepResult.NotFound,
            { CanChase: false } => StepResult.Refused(t["My.NotLateYet"]),
            _ => await repairs.ChaseAsync(new StepRequest(id, version, home.Actor), t["My.ChasedNote"], ct),
        };

    /// <summary>Withdraws a repair nobody has been sent to; once dispatched it is the desk's to cancel.</summary>
    public async Task<StepResult> CancelAsync(MyHousehold home, Guid id, int version, CancellationToken ct) =>
        await pages.CaseAsync(home, id, ct) switch
        {
            null => StepResult.NotFound,
            { CanCancel: false } => StepResult.Refused(t["My.CannotCancel"]),
            _ => await repairs.CancelAsync(new StepRequest(id, version, home.Actor), t["My.CancelledNote"], ct),
        };

    /// <summary>The household answers the repair's callback itself: a reached call (not fixed or dissatisfied reopens the order).</summary>
    /// <remarks>The desk's own form and validator (<see cref="CallbackResultForm"/>); a household can only say it was reached.</remarks>
    public async Task<StepResult> RateAsync(MyHousehold home, Guid id, CallbackResultForm form, string? inputErrors, CancellationToken ct)
    {
        var c = await pages.CaseAsync(home, id, ct);
        if (c is null)
        {
            return StepResult.NotFound;
        }

        if (c.CallbackId is not { } callback || form.Outcome != CallbackOutcome.Reached)
        {
            return StepResult.Refused(t["My.NothingToRate"]);
        }

        form.ChargedCorrectly = null;
        return await callbacks.RecordAsync(new StepRequest(callback, form.Version, home.Actor, inputErrors), form, ct);
    }
}
