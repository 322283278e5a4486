using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Community;
using PropertyPortal.Web.Features.Notifications;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Events;

/// <summary>
/// Who is told what when a community event's timeline grows — the one place the events feature decides it:
/// <list type="bullet">
/// <item>an ad hoc proposal → the property's managers (EventProposed);</item>
/// <item>the plan form filled → the supervisors, who review it (EventPlanFilled);</item>
/// <item>submitted → the general managers, or the managers standing in (EventPlanSubmitted);</item>
/// <item>approved, returned → the organiser (EventApproved, EventReturned);</item>
/// <item>invitations made → the property's stewards, who hand the printed ones out (EventInvitationsToDeliver), and each
/// invited household on its own channel (EventInvitation);</item>
/// <item>the evaluation filled → the managers (EventEvaluationToReview); reviewed → the general managers or the
/// managers standing in (EventEvaluationToApprove).</item>
/// </list>
/// </summary>
public sealed class EventNotifications(Notifier notifier, EventApprovers approvers, PortalDbContext db) : ICaseNotifications<CommunityEvent>
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
                    notices.AddRange(await InvitationsAsync(e, entry, ct));
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

    /// <summary>The invitation to each household invited in this step, on its own channel, beside the printed one the stewards deliver.</summary>
    private async Task<IEnumerable<Notice>> InvitationsAsync(CommunityEvent e, CommunityEventEntry entry, CancellationToken ct)
    {
        var invited = db.ChangeTracker.Entries<EventInvitation>().Where(i => i.Entity.EventId == e.Id && i.State == EntityState.Added)
            .Select(i => i.Entity.CustomerId).Distinct().ToList();
        if (invited.Count == 0)
        {
            return [];
        }

        var property = await db.Properties.Where(p => p.Id == e.PropertyId).Select(p => p.Name).SingleAsync(ct);
        var time = PortalClock.ToLocal(e.StartsAt).ToString("M月d日 HH:mm", CultureInfo.InvariantCulture);
        return invited.Select(h => Notice.ToHousehold(entry, NotificationKinds.EventInvitation, h, [property, e.Theme, time, e.Place]));
    }
}
