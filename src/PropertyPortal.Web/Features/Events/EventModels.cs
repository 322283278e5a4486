using Microsoft.AspNetCore.Mvc.Rendering;
using PropertyPortal.Domain.Community;
using PropertyPortal.Domain.Notifications;
using PropertyPortal.Web.Features.Repairs;
using PropertyPortal.Web.Infrastructure.Mvc;

namespace PropertyPortal.Web.Features.Events;

public sealed record EventRow(
    Guid Id, string Number, string PropertyName, string Theme, string Format, DateTime StartsAt, string Place, CommunityEventStatus Status,
    bool PublicWelfare, bool Large, bool AdHoc, int ExpectedAttendance, int? ActualAttendance, DateTime? NextDueAt, bool Overdue);

/// <summary>A property with no public-welfare event held or planned in the current half year, shown from the alert day (1 May / 1 November).</summary>
public sealed record PublicWelfareAlert(Guid PropertyId, string PropertyName, int Year, int Half, DateOnly HalfEnds);

public sealed record EventList(
    EventFilter Filter, IReadOnlyList<SelectListItem> PropertyOptions, IReadOnlyList<EventRow> Rows, PageInfo Paging,
    IReadOnlyList<PublicWelfareAlert> Alerts, IReadOnlyList<PlanSummary> Plans);

/// <summary>An annual plan as the events page lists it.</summary>
public sealed record PlanSummary(Guid Id, string Number, string PropertyName, int Year, AnnualPlanStatus Status, int Rows);

/// <summary>What the signed-in user may do on an event's page.</summary>
public sealed record EventPermissions(bool Work, bool Review, bool Manager, bool? Decide);

public sealed record InvitationTotals(int Invited, int Replied, int Attending, int People, int Attended);

public sealed record EventDetails(
    CommunityEvent Event, string PropertyName, string? PlanNumber, string? RowLabel, IReadOnlyList<ClockView> Clocks, IReadOnlyList<TimelineEntry> Timeline,
    IReadOnlyList<Attachment> Photos, InvitationTotals Invitations, EventPermissions Can, DateTime Now)
{
    public bool Overdue => Clocks.Any(c => c.Breached && c.State == Domain.Sla.SlaClockState.Running);
}

public sealed record InvitationRow(
    Guid Id, string CustomerName, string? Phone, string? Unit, string? Building, InvitationReply Reply, int? People, DateTime? RepliedAt,
    string? RepliedByName, DateTime? AttendedAt, string Via, int Version);

public sealed record InvitationList(CommunityEvent Event, string PropertyName, IReadOnlyList<InvitationRow> Rows, InviteForm Form, EventPermissions Can, DateTime Now);

/// <summary>The household's page: the events it was invited to, its reply and whether it came.</summary>
public sealed record HouseholdEventRow(Guid EventId, string Number, string Theme, DateTime StartsAt, CommunityEventStatus Status, InvitationReply Reply, int? People, bool Attended);
