using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Callbacks;
using PropertyPortal.Domain.FrontDesk;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.Web.Features.Callbacks;
using PropertyPortal.Web.Features.Repairs;
using PropertyPortal.Web.Features.Shared;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Mvc;

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

/// <summary>
/// What a household asks of the portal, each through the feature method the desk uses: a report is
/// <see cref="RepairIntake.OpenAsync"/> with the channel 业主自助 (its contact logged in the same save, its clocks started
/// from the submission through the case seam, the desk told by <see cref="RepairNotifications"/>); 催单 and cancelling are
/// <see cref="RepairSteps"/>; the rating is <see cref="CallbackCalls.RecordAsync"/> as a reached call. Each first checks the
/// case is the household's, in a unit it occupies now (else not found).
/// </summary>
public sealed class ResidentRequests(
    ResidentPages pages, RepairIntake intake, RepairSteps repairs, CallbackCalls callbacks, TimeProvider time, IStringLocalizer<ResidentsText> t)
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
