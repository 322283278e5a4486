using Microsoft.AspNetCore.Mvc.Rendering;
using PropertyPortal.Domain.Notifications;
using PropertyPortal.Domain.Renovations;
using PropertyPortal.Web.Infrastructure.Mvc;

namespace PropertyPortal.Web.Features.Renovations;

public sealed record RenovationRow(Guid Id, string Number, string PropertyName, string Building, string UnitNumber, string ApplicantName, RenovationScope Scope,
    RenovationStatus Status, DateOnly StartDate, DateOnly EndDate, DateTime ReceivedAt, DateTime? NextDueAt);

public sealed record RenovationList(RenovationFilter Filter, IReadOnlyList<SelectListItem> Properties, IReadOnlyList<RenovationRow> Rows, PageInfo Paging);

public sealed record RenovationDetails(Renovation Renovation, string PropertyName, string? PropertyPhone, string Building, string UnitNumber,
    IReadOnlyList<Repairs.ClockView> Clocks, DateTime Now, IReadOnlyList<Attachment> Photos, decimal? DepositHeld, decimal? DepositOutstanding,
    decimal? DebrisOutstanding, bool DepositSettled);

/// <summary>The steward's patrol list: running works and how often they were seen today (the site twice a day, 004 §五.八③).</summary>
public sealed record PatrolRow(Guid Id, string Number, string PropertyName, string Building, string UnitNumber, string ContractorName, RenovationStatus Status,
    int PatrolsToday, DateTime? LastPatrolAt, DateTime? RectifyBy);
