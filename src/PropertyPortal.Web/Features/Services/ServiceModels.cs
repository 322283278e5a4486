using Microsoft.AspNetCore.Mvc.Rendering;
using PropertyPortal.Domain.Services;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Features.Repairs;

namespace PropertyPortal.Web.Features.Services;

public sealed record ServiceRow(
    Guid Id, string Number, string PropertyName, DateTime ReceivedAt, string TypeName, ServiceKind Kind, string RequesterName, string? UnitNumber,
    ServiceStatus Status, string? HandlerName, DateTime? NextDueAt, bool Overdue);

public sealed record ServiceList(
    ServiceFilter Filter, IReadOnlyList<SelectListItem> Properties, IReadOnlyList<SelectListItem> Types, IReadOnlyList<ServiceRow> Rows,
    Infrastructure.Mvc.PageInfo Page, bool CanIntake);

/// <summary>A catalog entry as the desk picks it.</summary>
public sealed record ServiceChoice(Guid Id, string Name, ServiceKind Kind, string? Description, SlaTargetKind TargetKind, int TargetValue, bool RequiresApproval, bool ChargesFee);

/// <summary>Step one of intake: which service (only those for the property's kind when it is known).</summary>
public sealed record ServicePicker(IReadOnlyList<ServiceChoice> Choices, string Query, string? ContactSubject);

/// <summary>The unit's charge for a request, as the ledger holds it.</summary>
public sealed record ServiceCharge(Guid Id, decimal Amount, decimal Paid, bool Reversed);

/// <summary>An item held in the lost-and-found register, shown on a lost-property enquiry.</summary>
public sealed record HeldItem(Guid Id, string Number, string Description, DateTime FoundAt, string FoundWhere);

public sealed record ServiceDetails(
    ServiceRequest Request, string PropertyName, string? Building, string? UnitNumber, string? CustomerName, IReadOnlyList<ClockView> Clocks,
    IReadOnlyList<TimelineEntry> Timeline, IReadOnlyList<SelectListItem> Handlers, bool CanIntake, bool CanApprove, decimal? SuggestedFee,
    ServiceCharge? Charge, IReadOnlyList<HeldItem> HeldItems, DateOnly Today, DateTime Now);

/// <summary>放行条 as it prints, and as the gate's check shows it.</summary>
public sealed record ReleaseSlip(ServiceRequest Request, string PropertyName, string? Building, string? UnitNumber, string? CustomerName);

/// <summary>门岗核验: a slip number typed at the gate, and what it says today.</summary>
public sealed record ReleaseCheck(string? Number, ReleaseSlip? Slip, bool Valid, string? Why);

public sealed record ResourceRow(Guid Id, string PropertyName, ResourceKind Kind, string Name, string? Location, int SlotMinutes, TimeOnly OpensAt, TimeOnly ClosesAt,
    decimal? HourlyRate, int BookedToday);

public sealed record ResourceList(Guid? PropertyId, IReadOnlyList<SelectListItem> Properties, DateOnly Date, IReadOnlyList<ResourceRow> Rows);

/// <summary>One slot of a resource's day: free, past, or held by a booking (its request).</summary>
public sealed record SlotView(TimeOnly From, TimeOnly To, bool Past, Guid? RequestId, string? Number, string? RequesterName);

public sealed record ResourceDay(BookableResource Resource, string PropertyName, DateOnly Date, IReadOnlyList<SlotView> Slots, Guid? TypeId, bool CanIntake);

public sealed record FoundItemRow(Guid Id, string Number, string PropertyName, string Description, DateTime FoundAt, string FoundWhere, string StoredWhere,
    FoundItemStatus Status, bool Unclaimed);

public sealed record FoundItemList(Guid? PropertyId, IReadOnlyList<SelectListItem> Properties, FoundItemStatus? Status, bool UnclaimedOnly,
    IReadOnlyList<FoundItemRow> Rows, int UnclaimedCount);

public sealed record FoundItemPage(FoundItem Item, string PropertyName, bool Unclaimed, int UnclaimedAfterDays);
