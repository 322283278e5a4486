using Microsoft.AspNetCore.Mvc.Rendering;
using PropertyPortal.Domain.Complaints;
using PropertyPortal.Web.Infrastructure.Mvc;

namespace PropertyPortal.Web.Features.Complaints;

public sealed record ComplaintRow(
    Guid Id, string Number, string PropertyName, DateTime ReceivedAt, string ComplainantName, string? Phone, string CategoryName,
    ComplaintTier Tier, ComplaintStatus Status, bool IsValid, bool HarmOngoing, bool IsRepeat, string OwnerName, DateTime? NextDueAt, bool Overdue);

public sealed record ComplaintList(
    ComplaintFilter Filter, IReadOnlyList<SelectListItem> Properties, IReadOnlyList<SelectListItem> Categories,
    IReadOnlyList<ComplaintRow> Rows, PageInfo Paging, bool CanIntake);

public sealed record ComplaintDetails(
    Complaint Complaint, string PropertyName, string CategoryName, string? UnitNumber, DateTime Now, IReadOnlyList<Domain.Notifications.Attachment> Photos,
    IReadOnlyList<Repairs.ClockView> Clocks, IReadOnlyList<Repairs.TimelineEntry> Timeline,
    IReadOnlyList<(Guid Id, string Number, string Status)> Repairs, Guid? CallbackId,
    IReadOnlyList<SelectListItem> Staff, bool CanIntake, bool CanSupervise, bool CanApprove, bool IsOwner);
