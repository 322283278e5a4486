using Microsoft.AspNetCore.Mvc.Rendering;
using PropertyPortal.Domain.Callbacks;
using PropertyPortal.Domain.Notifications;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.Domain.Sla;

namespace PropertyPortal.Web.Features.Repairs;

public sealed record RepairRow(
    Guid Id, string Number, string PropertyName, DateTime ReceivedAt, string ReporterName, string? Phone, string Location,
    string CategoryName, RepairUrgency Urgency, RepairStatus Status, string? TechnicianName, int ChaseCount, DateTime? NextDueAt, bool Overdue);

public sealed record RepairList(
    RepairFilter Filter, IReadOnlyList<SelectListItem> Properties, IReadOnlyList<SelectListItem> Categories,
    IReadOnlyList<RepairRow> Rows, Infrastructure.Mvc.PageInfo Page, bool CanIntake);

/// <summary>One clock of a case as people read it.</summary>
public sealed record ClockView(
    Guid Id, SlaMilestone Milestone, SlaTargetKind TargetKind, int TargetValue, DateTime StartedAt, DateTime DueAt, SlaClockState State,
    DateTime? MetAt, int? MinutesEarly, int PausedMinutes, bool CalendarMissing, bool Breached, string? AssigneeName, DateTime? PausedAt = null)
{
    public static ClockView From(SlaClock c, DateTime now, IReadOnlyDictionary<string, string> names) => new(
        c.Id, c.Milestone, c.TargetKind, c.TargetValue, c.StartedAt, c.DueAt, c.State, c.MetAt, c.MinutesEarly, c.PausedMinutes,
        c.CalendarMissing, c.IsBreachedAt(now), c.AssigneeId is { } a && names.TryGetValue(a, out var n) ? n : null, c.PausedAt);
}

/// <summary>A line of the order's timeline: a state change, or an SLA event fired by the sweep.</summary>
public sealed record TimelineEntry(DateTime At, string Who, string What, string? Note, string Css);

public sealed record RepairDetails(
    RepairOrder Order, string PropertyName, string CategoryName, string? UnitNumber, string? CustomerName,
    IReadOnlyList<ClockView> Clocks, IReadOnlyList<TimelineEntry> Timeline, Callback? Callback,
    IReadOnlyList<Attachment> Photos, IReadOnlyList<SelectListItem> Technicians,
    bool CanIntake, bool IsMyOrder, DateTime Now);

/// <summary>The technician's page: the most urgent <see cref="RepairPages.MineCards"/> of <paramref name="Total"/> open orders.</summary>
public sealed record MyOrders(IReadOnlyList<MyOrder> Orders, int Total);

public sealed record MyOrder(
    Guid Id, string Number, RepairUrgency Urgency, RepairStatus Status, RepairBilling Billing, string Location, string Description,
    string ReporterName, string? Phone, DateTime? AppointmentAt, DateTime? DueAt, SlaMilestone? DueMilestone, int Version, bool LeakRule);
