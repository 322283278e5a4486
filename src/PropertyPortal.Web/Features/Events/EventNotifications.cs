using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Community;
using PropertyPortal.Web.Features.Notifications;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure.Identity;

namespace PropertyPortal.Web.Features.Events;

/// <summary>
/// Who is told what when a community event's timeline grows — the one place the events feature decides it:
/// <list type="bullet">
/// <item>an ad hoc proposal → the property's managers (EventProposed);</item>
/// <item>the plan form filled → the supervisors, who review it (EventPlanFilled);</item>
/// <item>submitted → the general managers, or the managers standing in (EventPlanSubmitted);</item>
/// <item>approved, returned → the organiser (EventApproved, EventReturned);</item>
/// <item>invitations made → the property's stewards, who hand them out (EventInvitationsToDeliver) — the one line that
/// becomes a household channel when one exists;</item>
/// <item>the evaluation filled → the managers (EventEvaluationToReview); reviewed → the general managers or the
/// managers standing in (EventEvaluationToApprove).</item>
/// </list>
/// </summary>
public sealed class EventNotifications(Notifier notifier, EventApprovers approvers) : ICaseNotifications<CommunityEvent>
{
    public async Task<IReadOnlyList<Notice>> ForAsync(CommunityEvent e, IReadOnlyList<CaseEvent> fresh, CancellationToken ct)
    {
        var notices = new List<Notice>();
        var link = Link(e);
        foreach (var entry in fresh.Cast<CommunityEventEntry>())
        {
            switch (entry.Kind)
            {
                case CommunityEventAction.Proposed:
                    notices.Add(new(entry, NotificationKinds.EventProposed, [e.Number, e.Theme], link, await notifier.ManagersOfAsync(e.PropertyId, ct)));
                    break;
                case CommunityEventAction.PlanFilled:
                    notices.Add(new(entry, NotificationKinds.EventPlanFilled, [e.Number, e.Theme], link, await notifier.SupervisorsOfAsync(e.PropertyId, ct)));
                    break;
                case CommunityEventAction.Submitted:
                    notices.Add(new(entry, NotificationKinds.EventPlanSubmitted, [e.Number, e.Theme], link, await approvers.ApproversAsync(e.PropertyId, ct)));
                    break;
                case CommunityEventAction.Approved:
                    notices.Add(new(entry, NotificationKinds.EventApproved, [e.Number, e.Theme], link, [e.OrganiserId]));
                    break;
                case CommunityEventAction.Returned:
                    notices.Add(new(entry, NotificationKinds.EventReturned, [e.Number, e.ReturnComment], link, [e.OrganiserId]));
                    break;
                case CommunityEventAction.Invited:
                    notices.Add(new(entry, NotificationKinds.EventInvitationsToDeliver, [e.Number, entry.Note], $"/Events/Invitations/{e.Id}",
                        await notifier.UsersInRoleForPropertyAsync(Roles.Steward, e.PropertyId, ct)));
                    break;
                case CommunityEventAction.Evaluated:
                    notices.Add(new(entry, NotificationKinds.EventEvaluationToReview, [e.Number], link, await notifier.ManagersOfAsync(e.PropertyId, ct)));
                    break;
                case CommunityEventAction.EvaluationReviewed:
                    notices.Add(new(entry, NotificationKinds.EventEvaluationToApprove, [e.Number], link, await approvers.ApproversAsync(e.PropertyId, ct)));
                    break;
            }
        }

        return notices;
    }

    public static string Link(CommunityEvent e) => $"/Events/Details/{e.Id}";
}
