using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Callbacks;
using PropertyPortal.Domain.Complaints;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.Web.Features.Notifications;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Callbacks;

/// <summary>
/// Who is told what about a callback — the one place the callbacks feature decides it. A callback's timeline
/// is its attempts; each outcome the domain flags is told once (the key is the callback and its attempt count):
/// <list type="bullet">
/// <item>reached, the repair sent back (not fixed, or a score of 5 or below) → supervisors and the technician (RepairReopened);</item>
/// <item>reached, the complaint reopened → supervisors and its owner (ComplaintReopened);</item>
/// <item>reached, a new household with something still wrong → supervisors (MoveInCallbackDissatisfied);</item>
/// <item>unreachable for the property's number of attempts → supervisors (CallbackNeedsSupervisor);</item>
/// <item>given to someone → them (CallbackAssigned). A callback scheduled by a repair or a complaint is told
/// by that case's mapping, which finds it with <see cref="ScheduledBy"/>.</item>
/// </list>
/// </summary>
public sealed class CallbackNotifications(Notifier notifier)
{
    public static string Link(Callback callback) => $"/Callbacks/Details/{callback.Id}";

    /// <summary>The callback a step of the case <paramref name="caseId"/> has just scheduled: added to the unit of work, not saved yet.</summary>
    public static Callback? ScheduledBy(PortalDbContext db, Guid caseId) =>
        db.ChangeTracker.Entries<Callback>().Where(e => e.State == EntityState.Added).Select(e => e.Entity)
            .FirstOrDefault(c => c.RepairOrderId == caseId || c.ComplaintId == caseId || c.MoveInId == caseId);

    /// <summary>
    /// The call just recorded on <paramref name="callback"/>; <paramref name="flagged"/> is what the domain answered
    /// (reached: the repair or complaint was sent back; unreachable: the attempts are used up).
    /// </summary>
    public async Task OutcomeAsync(Callback callback, CallbackOutcome outcome, bool flagged, RepairOrder? order, Complaint? complaint, int? score,
        CancellationToken ct)
    {
        var key = $"callback:{callback.Id:N}:{callback.AttemptCount}";
        var dissatisfiedHousehold = outcome == CallbackOutcome.Reached && callback.MoveInId is not null && callback.CallsForRework;
        if (!flagged && !dissatisfiedHousehold)
        {
            return;
        }

        var supervisors = await notifier.SupervisorsOfAsync(callback.PropertyId, ct);
        if (outcome == CallbackOutcome.Unreachable)
        {
            notifier.Enqueue($"{key}:{NotificationKinds.CallbackNeedsSupervisor}", NotificationKinds.CallbackNeedsSupervisor,
                [callback.Subject, callback.AttemptCount], Link(callback), callback.PropertyId, supervisors);
            return;
        }

        if (flagged && complaint is not null)
        {
            notifier.Enqueue($"{key}:{NotificationKinds.ComplaintReopened}", NotificationKinds.ComplaintReopened, [complaint.Number, score],
                $"/Complaints/Details/{complaint.Id}", complaint.PropertyId, [.. supervisors, complaint.OwnerId]);
        }

        if (flagged && order is not null)
        {
            notifier.Enqueue($"{key}:{NotificationKinds.RepairReopened}", NotificationKinds.RepairReopened, [order.Number, score],
                $"/Repairs/Details/{order.Id}", order.PropertyId, [.. supervisors, order.TechnicianId]);
        }

        if (dissatisfiedHousehold)
        {
            // A new household with something still wrong: the supervisor follows it up.
            notifier.Enqueue($"{key}:{NotificationKinds.MoveInCallbackDissatisfied}", NotificationKinds.MoveInCallbackDissatisfied,
                [callback.Subject, score], Link(callback), callback.PropertyId, supervisors);
        }
    }

    /// <summary>The callback was given to someone: they are told (once per save of the callback).</summary>
    public void Assigned(Callback callback, string assigneeId) =>
        notifier.Enqueue($"callback:{callback.Id:N}:assigned:{callback.Version}", NotificationKinds.CallbackAssigned, [callback.Subject],
            Link(callback), callback.PropertyId, [assigneeId]);
}
