using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Complaints;
using PropertyPortal.Web.Features.Callbacks;
using PropertyPortal.Web.Features.Notifications;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.Complaints;

/// <summary>
/// Who is told what when a complaint's timeline grows — the one place the complaints feature decides it.
/// Mapped from the events a step added (<see cref="CaseSteps{TCase}"/>), reading the complaint as the step left it:
/// <list type="bullet">
/// <item>受理: 重大 → the managers at once, 重要 → the property's supervisors (the department heads) at once
/// (ComplaintEscalated); a repeat or an ongoing harm → the supervisors (ComplaintRepeat, ComplaintHarm).</item>
/// <item>re-tiered to 重大 → the managers (the supervisor re-tiering it is the one who would be told of 重要).</item>
/// <item>归口 to a handler, or handed to a new owner → that person (ComplaintAssigned).</item>
/// <item>a major complaint's plan proposed → the managers (ComplaintPlanPending); approved or returned → its owner (ComplaintPlanDecided).</item>
/// <item>结案 with a callback → whoever makes the callback (CallbackAssigned).</item>
/// <item>受理 of a complaint the household made on its own page (业主自助) → the property's front desk (ResidentReported); the
/// household's 催办 (a note it adds on its page) → the supervisors and the complaint's owner (RepairChased: 业主催单).</item>
/// </list>
/// The complainant's household (the complaint's customer) hears, on its preferred channel: each reply recorded, with its text
/// (ComplaintReplied); 结案 with a callback scheduled → a call is coming (CallbackRequest).
/// </summary>
public sealed class ComplaintNotifications(Notifier notifier, PortalDbContext db, IStringLocalizer<SharedResource> shared) : ICaseNotifications<Complaint>
{
    public async Task<IReadOnlyList<Notice>> ForAsync(Complaint c, IReadOnlyList<CaseEvent> fresh, CancellationToken ct)
    {
        var notices = new List<Notice>();
        foreach (var e in fresh.Cast<ComplaintEvent>())
        {
            switch (e.Kind)
            {
                case ComplaintEventKind.Accepted:
                    var supervisors = await notifier.SupervisorsOfAsync(c.PropertyId, ct);
                    if (c.Tier == ComplaintTier.Major)
                    {
                        notices.Add(Escalated(c, e, await notifier.ManagersOfAsync(c.PropertyId, ct)));
                    }
                    else if (c.Tier == ComplaintTier.Important)
                    {
                        notices.Add(Escalated(c, e, supervisors));
                    }

                    if (c.IsRepeat)
                    {
                        notices.Add(new(e, NotificationKinds.ComplaintRepeat, [c.Number, c.ComplainantName], Link(c), supervisors));
                    }

                    if (c.OngoingHarm)
                    {
                        notices.Add(new(e, NotificationKinds.ComplaintHarm, [c.Number], Link(c), supervisors));
                    }

                    if (c.Channel == ComplaintChannel.SelfService)
                    {
                        notices.Add(new(e, NotificationKinds.ResidentReported, [c.Number, c.Location, c.Content], Link(c),
                            await notifier.UsersInRoleForPropertyAsync(Infrastructure.Identity.Roles.FrontDesk, c.PropertyId, ct)));
                    }

                    break;
                case ComplaintEventKind.Note when e.ActorId is null && c.Channel == ComplaintChannel.SelfService:
                    var chases = c.Events.Count(x => x is { Kind: ComplaintEventKind.Note, ActorId: null });
                    notices.Add(new(e, NotificationKinds.RepairChased, [c.Number, chases], Link(c),
                        [.. await notifier.SupervisorsOfAsync(c.PropertyId, ct), c.OwnerId]));
                    break;
                case ComplaintEventKind.Retiered when c.Tier == ComplaintTier.Major:
                    notices.Add(Escalated(c, e, await notifier.ManagersOfAsync(c.PropertyId, ct)));
                    break;
                case ComplaintEventKind.Assigned when c.HandlerId is { } handler:
                    notices.Add(new(e, NotificationKinds.ComplaintAssigned, [c.Number], Link(c), [handler]));
                    break;
                case ComplaintEventKind.Transferred:
                    notices.Add(new(e, NotificationKinds.ComplaintAssigned, [c.Number], Link(c), [c.OwnerId]));
                    break;
                case ComplaintEventKind.PlanProposed when c.Status == ComplaintStatus.PlanPendingApproval:
                    notices.Add(new(e, NotificationKinds.ComplaintPlanPending, [c.Number], Link(c), [.. await notifier.ManagersOfAsync(c.PropertyId, ct)]));
                    break;
                case ComplaintEventKind.PlanApproved or ComplaintEventKind.PlanReturned:
                    notices.Add(new(e, NotificationKinds.ComplaintPlanDecided, [c.Number], Link(c), [c.OwnerId]));
                    break;
                case ComplaintEventKind.Closed when CallbackNotifications.ScheduledBy(db, c.Id) is { } callback:
                    notices.Add(new(e, NotificationKinds.CallbackAssigned, [c.Number], CallbackNotifications.Link(callback), [callback.AssigneeId]));
                    if (c.CustomerId is { } complainant)
                    {
                        notices.Add(Notice.ToHousehold(e, NotificationKinds.CallbackRequest, complainant, [await notifier.HouseholdNameAsync(complainant, ct), c.Number]));
                    }

                    break;
                case ComplaintEventKind.Replied when c.CustomerId is { } household:
                    notices.Add(Notice.ToHousehold(e, NotificationKinds.ComplaintReplied, household,
                        [await notifier.HouseholdNameAsync(household, ct), c.Number, ReplyText(e.Note)]));
                    break;
            }
        }

        return notices;
    }

    public static string Link(Complaint c) => $"/Complaints/Details/{c.Id}";

    /// <summary>The reply as given: the timeline note is "{channel}[ ✉]: {text}" (<see cref="Complaint.RecordReply"/>).</summary>
    private static string ReplyText(string? note) =>
        note?.IndexOf(": ", StringComparison.Ordinal) is { } at and >= 0 ? note[(at + 2)..] : note ?? "";

    private Notice Escalated(Complaint c, ComplaintEvent e, IReadOnlyList<string> to) =>
        new(e, NotificationKinds.ComplaintEscalated, [c.Number, shared.Enum(c.Tier)], Link(c), [.. to]);
}
