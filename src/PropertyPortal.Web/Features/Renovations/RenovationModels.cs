using Microsoft.AspNetCore.Mvc.Rendering;
using PropertyPortal.Domain.Notifications;
using PropertyPortal.Domain.Renovations;
using PropertyPortal.Web.Infrastructure.Mvc;

namespace PropertyPortal.Web.Features.Renovations;

public sealed record RenovationRow(Guid Id, string Number, string PropertyName, string Building, string UnitNumber, string ApplicantName, RenovationScope Scope,
    RenovationStatus Status, DateOnly StartDate, DateOnly EndDate, DateTime ReceivedAt, DateTime? NextDueAt);

public sealed record RenovationList(RenovationFilter Filter, IReadOnlyList<SelectListItem> Properties, IReadOnlyList<RenovationRow> Rows, PageInfo Paging);

/// <param name="Clocks">Every clock but the older closed patrol clocks (<see cref="RenovationPages.PatrolClocksShown"/>), which <see cref="Patrols"/> counts.</param>
public sealed record RenovationDetails(Renovation Renovation, string PropertyName, string? PropertyPhone, string Building, string UnitNumber,
    IReadOnlyList<Repairs.ClockView> Clocks, DateTime Now, IReadOnlyList<Attachment> Photos, decimal? DepositHeld, decimal? DepositOutstanding,
    decimal? DebrisOutstanding, bool DepositSettled)
{
    public PatrolSummary Patrols { get; init; } = new(0, 0, 0);
}

/// <summary>The renovation's patrol windows so far: how many, met on time, breached (late or still open past due).</summary>
public sealed record PatrolSummary(int Windows, int OnTime, int Breached);

/// <summary>
/// The steward's patrol list: running works, today's patrols against the day's windows (twice a day, 004 §五.八③),
/// the open patrol clock's due time and the earliest written violation notice still due.
/// </summary>
public sealed record PatrolRow(Guid Id, string Number, string PropertyName, string Building, string UnitNumber, string ContractorName, RenovationStatus Status,
    int PatrolsToday, int WindowsToday, DateTime? LastPatrolAt, DateTime? RectifyBy, DateTime? PatrolDueAt, DateTime? NoticeDueAt);

public sealed record PatrolList(IReadOnlyList<PatrolRow> Rows, DateTime Now);

/// <summary>业主装修违规整改通知书: one violation of a renovation, printed on A4.</summary>
public sealed record ViolationNotice(Renovation Renovation, RenovationPatrol Violation, string PropertyName, string? PropertyPhone, string Building, string UnitNumber);
