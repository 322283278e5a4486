using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Callbacks;
using PropertyPortal.Domain.Fees;
using PropertyPortal.Domain.MoveInOut;
using PropertyPortal.Domain.Notifications;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.MoveIns;

/// <summary>Booking a household's move-in for a unit: who comes, when, and whether the unit stays in custody.</summary>
public sealed class MoveInForm
{
    public Guid? UnitId { get; set; }

    /// <summary>An owner already on record for the unit; empty to register a new one by name and phone.</summary>
    [Display(Name = "Field.CustomerId")]
    public Guid? CustomerId { get; set; }

    [Display(Name = "Field.Name")]
    public string? NewName { get; set; }

    [Display(Name = "Field.Phone")]
    public string? NewPhone { get; set; }

    [Display(Name = "Field.Applicant")]
    public MoveInApplicant Applicant { get; set; }

    [Display(Name = "Field.AgentName")]
    public string? AgentName { get; set; }

    [Display(Name = "Field.AppointmentAt")]
    public DateTime? AppointmentAt { get; set; }

    [Display(Name = "Field.Custody")]
    public bool Custody { get; set; }

    [BindNever]
    public string? UnitLabel { get; set; }

    [BindNever]
    public IReadOnlyList<SelectListItem> Owners { get; set; } = [];
}

public sealed class MoveInFormValidator : AbstractValidator<MoveInForm>
{
    public MoveInFormValidator(IStringLocalizer<MoveInsText> t, IStringLocalizer<SharedResource> shared, DateWindows dates)
    {
        RuleFor(x => x.UnitId).NotNull();
        RuleFor(x => x.Applicant).IsInEnum();
        RuleFor(x => x.AppointmentAt).NotNull().Within(_ => dates.MoveIn, shared);
        RuleFor(x => x.NewName).NotEmpty().When(x => x.CustomerId is null).WithMessage(_ => t["MoveIns.NameOrOwner"]);
        RuleFor(x => x.NewName).MaximumLength(50);
        RuleFor(x => x.NewPhone).MaximumLength(32);
        RuleFor(x => x.AgentName).NotEmpty().When(x => x.Applicant != MoveInApplicant.Owner).WithMessage(_ => t["MoveIns.AgentRequired"]);
        RuleFor(x => x.AgentName).MaximumLength(100);
    }
}

/// <summary>One defect found at the inspection: where, what, and which kind of repair it needs.</summary>
public sealed class DefectRow
{
    public string? Location { get; set; }
    public string? Description { get; set; }
    public Guid? CategoryId { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Location) && string.IsNullOrWhiteSpace(Description);
}

/// <summary>The joint inspection (验房) or a re-inspection (复检): base readings the first time, and defect rows.</summary>
public sealed class InspectionForm
{
    public int Version { get; set; }

    [Display(Name = "Field.InspectorName")]
    public string? InspectorName { get; set; }

    [Display(Name = "Field.WaterBase")]
    public decimal? Water { get; set; }

    [Display(Name = "Field.ElectricityBase")]
    public decimal? Electricity { get; set; }

    [Display(Name = "Field.GasBase")]
    public decimal? Gas { get; set; }

    public List<DefectRow> Defects { get; set; } = [];
}

public sealed class InspectionFormValidator : AbstractValidator<InspectionForm>
{
    public const int MaxDefects = 30;

    public InspectionFormValidator(IStringLocalizer<MoveInsText> t)
    {
        RuleFor(x => x.InspectorName).MaximumLength(50);
        RuleFor(x => x.Water).InclusiveBetween(0, 100_000_000m);
        RuleFor(x => x.Electricity).InclusiveBetween(0, 100_000_000m);
        RuleFor(x => x.Gas).InclusiveBetween(0, 100_000_000m);
        RuleFor(x => x.Defects.Count(d => !d.IsBlank)).LessThanOrEqualTo(MaxDefects).OverridePropertyName("Defects");
        RuleForEach(x => x.Defects).ChildRules(d =>
        {
            d.RuleFor(r => r.Location).NotEmpty().MaximumLength(100).When(r => !r.IsBlank).WithMessage(_ => t["MoveIns.DefectIncomplete"]);
            d.RuleFor(r => r.Description).NotEmpty().MaximumLength(500).When(r => !r.IsBlank).WithMessage(_ => t["MoveIns.DefectIncomplete"]);
            d.RuleFor(r => r.CategoryId).NotNull().When(r => !r.IsBlank).WithMessage(_ => t["MoveIns.DefectCategory"]);
        });
    }
}

/// <summary>集中入伙: units of one building booked for one day, a slot per household and desk.</summary>
public sealed class BatchForm
{
    [Display(Name = "Field.PropertyId")]
    public Guid? PropertyId { get; set; }

    [Display(Name = "Field.BuildingId")]
    public Guid? BuildingId { get; set; }

    [Display(Name = "Field.Name")]
    public string? Name { get; set; }

    [Display(Name = "Field.Day")]
    public DateOnly? Day { get; set; }

    [Display(Name = "Field.FirstSlot")]
    public TimeOnly? FirstSlot { get; set; } = new(9, 0);

    [Display(Name = "Field.SlotMinutes")]
    public int SlotMinutes { get; set; } = 30;

    [Display(Name = "Field.Desks")]
    public int Desks { get; set; } = 4;

    public List<Guid> UnitIds { get; set; } = [];

    [BindNever]
    public IReadOnlyList<SelectListItem> Properties { get; set; } = [];

    [BindNever]
    public IReadOnlyList<SelectListItem> Buildings { get; set; } = [];

    /// <summary>Units of the building with an owner on record and no move-in open: the candidates.</summary>
    [BindNever]
    public IReadOnlyList<BatchCandidate> Candidates { get; set; } = [];
}

public sealed record BatchCandidate(Guid UnitId, string Number, string Owner, bool HasMoveIn);

public sealed class BatchFormValidator : AbstractValidator<BatchForm>
{
    public const int MaxUnits = 300;

    public BatchFormValidator(IStringLocalizer<MoveInsText> t, IStringLocalizer<SharedResource> shared, DateWindows dates)
    {
        RuleFor(x => x.PropertyId).NotNull();
        RuleFor(x => x.BuildingId).NotNull();
        RuleFor(x => x.Name).NotEmpty().MaximumLength(100);
        RuleFor(x => x.Day).NotNull().Within(_ => dates.MoveIn, shared);
        RuleFor(x => x.FirstSlot).NotNull();
        RuleFor(x => x.SlotMinutes).InclusiveBetween(5, 240);
        RuleFor(x => x.Desks).InclusiveBetween(1, 50);
        RuleFor(x => x.UnitIds).NotEmpty().WithMessage(_ => t["MoveIns.PickUnits"]);
        RuleFor(x => x.UnitIds.Count).LessThanOrEqualTo(MaxUnits).OverridePropertyName("UnitIds");
    }
}

public sealed record MoveInRow(Guid Id, string Number, Guid UnitId, string Customer, MoveInApplicant Applicant, DateTime AppointmentAt, MoveInStatus Status,
    MoveInInspectionState Inspection, int Done, int Required, bool Custody, Guid? BatchId);

public sealed record DefectView(MoveInDefect Defect, string? RepairNumber, RepairStatus? RepairStatus, IReadOnlyList<Attachment> Photos);

public sealed record MoveInChargeView(Guid Id, string Description, decimal Amount, decimal Outstanding, IReadOnlyList<string> Receipts);

/// <param name="CallbackMonths">The property's new-household callback (months after completion), for the page's hints.</param>
/// <param name="PatrolDays">The property's custody patrol interval, for the page's hints.</param>
public sealed record MoveInPage(
    MoveIn MoveIn, string PropertyName, string Building, string UnitNumber, string CustomerName, string? CustomerPhone, string? BatchName,
    IReadOnlyList<MoveInChargeView> Charges, IReadOnlyList<DefectView> Defects, Callback? Callback,
    IReadOnlyList<SelectListItem> FeeItems, IReadOnlyList<SelectListItem> Categories, IReadOnlyList<Repairs.ClockView> Clocks, DateTime Now,
    bool CanOverride, bool CanCharge, int CallbackMonths, int PatrolDays)
{
    /// <summary>The property's stewards, one of whom the desk names as the household's when it completes (the introduction's sender).</summary>
    public IReadOnlyList<SelectListItem> Stewards { get; init; } = [];

    public decimal ChargesOutstanding => Charges.Sum(c => c.Outstanding);
}

public sealed record BatchPage(MoveInBatch Batch, string PropertyName, IReadOnlyList<MoveInRow> Rows, IReadOnlyDictionary<Guid, Fees.UnitLabel> Labels);

/// <param name="DueAt">The regular patrol's due time.</param>
/// <param name="RainDueAt">A heavy-rain patrol's due time, while one is ordered and not yet done.</param>
/// <param name="PatrolDays">The property's patrol interval and meter limits (its SLA policy).</param>
public sealed record CustodyRow(Guid UnitId, string Property, string Building, string Number, string? Owner, decimal? WaterBase, decimal? ElectricityBase,
    CustodyPatrol? LastPatrol, DateTime? DueAt, DateTime? RainDueAt, int PatrolDays, decimal WaterLimit, decimal ElectricityLimit);

public sealed record RainOrderRow(Guid Id, string Property, DateOnly RainDate, RainPatrolPhase Phase, string Reason, string OrderedByName, DateTime OrderedAt,
    int Units, DateTime? DueAt);

/// <param name="RainForm">The heavy-rain form, for those who may order it (supervisors); null for the others.</param>
public sealed record CustodyPage(IReadOnlyList<CustodyRow> Rows, IReadOnlyList<RainOrderRow> RainOrders, RainPatrolForm? RainForm, DateTime Now);

/// <summary>大雨前后巡查: a supervisor orders a patrol of every unit in custody of one property, for a rain day, before or after it, with the reason.</summary>
public sealed class RainPatrolForm
{
    [Display(Name = "Field.PropertyId")]
    public Guid? PropertyId { get; set; }

    [Display(Name = "Field.RainDate")]
    public DateOnly? RainDate { get; set; }

    [Display(Name = "Field.RainPhase")]
    public RainPatrolPhase Phase { get; set; }

    [Display(Name = "Field.RainReason")]
    public string? Reason { get; set; }

    [BindNever]
    public IReadOnlyList<SelectListItem> Properties { get; set; } = [];
}

public sealed class RainPatrolFormValidator : AbstractValidator<RainPatrolForm>
{
    /// <summary>A rain a week away is not yet a forecast to act on; a week past is no longer "after the rain".</summary>
    public const int WindowDays = 7;

    public RainPatrolFormValidator(IStringLocalizer<MoveInsText> t, TimeProvider time)
    {
        RuleFor(x => x.PropertyId).NotNull().WithMessage(_ => t["MoveIns.RainPropertyRequired"]);
        RuleFor(x => x.Phase).IsInEnum();
        RuleFor(x => x.Reason).NotEmpty().WithMessage(_ => t["MoveIns.RainReasonRequired"])
            .MaximumLength(RainPatrolOrder.ReasonMaxLength).WithMessage(_ => t["MoveIns.RainReasonTooLong", RainPatrolOrder.ReasonMaxLength]);
        RuleFor(x => x.RainDate).Cascade(CascadeMode.Stop).NotNull().WithMessage(_ => t["MoveIns.RainDateRequired"])
            .Must(d => Math.Abs(d!.Value.DayNumber - Infrastructure.PortalClock.Today(time).DayNumber) <= WindowDays)
            .WithMessage(_ => t["MoveIns.RainDateWindow", WindowDays]);
    }
}
