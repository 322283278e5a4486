using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Notifications;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Notifications;

/// <summary>Resource keys ("Notify.{Kind}" in SharedResource) of the notifications the portal sends.</summary>
public static class NotificationKinds
{
    /// <summary>Args: case number, milestone, due (local text).</summary>
    public const string SlaWarning = nameof(SlaWarning);

    public const string SlaBreach = nameof(SlaBreach);

    /// <summary>Escalation to supervisors or managers. Args: case number, milestone, due, level.</summary>
    public const string SlaEscalated = nameof(SlaEscalated);

    /// <summary>Args: order number, location.</summary>
    public const string RepairDispatched = nameof(RepairDispatched);

    /// <summary>Args: order number, chase count.</summary>
    public const string RepairChased = nameof(RepairChased);

    /// <summary>Args: order number, attempts.</summary>
    public const string CallbackNeedsSupervisor = nameof(CallbackNeedsSupervisor);

    /// <summary>Args: order number.</summary>
    public const string CallbackAssigned = nameof(CallbackAssigned);

    /// <summary>Args: order number, score.</summary>
    public const string RepairReopened = nameof(RepairReopened);

    /// <summary>A new household's callback found something wrong or a low score. Args: move-in number, score.</summary>
    public const string MoveInCallbackDissatisfied = nameof(MoveInCallbackDissatisfied);

    /// <summary>A custody patrol found a problem or the meters past the custody limits. Args: unit, finding.</summary>
    public const string CustodyAlarm = nameof(CustodyAlarm);

    /// <summary>A major complaint to the managers, an important one to the supervisors, at intake or re-tiering. Args: number, tier.</summary>
    public const string ComplaintEscalated = nameof(ComplaintEscalated);

    /// <summary>Args: complaint number, complainant.</summary>
    public const string ComplaintRepeat = nameof(ComplaintRepeat);

    /// <summary>Args: complaint number.</summary>
    public const string ComplaintHarm = nameof(ComplaintHarm);

    /// <summary>Args: complaint number.</summary>
    public const string ComplaintAssigned = nameof(ComplaintAssigned);

    /// <summary>Args: complaint number.</summary>
    public const string ComplaintPlanPending = nameof(ComplaintPlanPending);

    /// <summary>Args: complaint number.</summary>
    public const string ComplaintPlanDecided = nameof(ComplaintPlanDecided);

    /// <summary>Args: complaint number, score.</summary>
    public const string ComplaintReopened = nameof(ComplaintReopened);

    /// <summary>Args: number of new call and visit tasks.</summary>
    public const string DunningTasks = nameof(DunningTasks);

    /// <summary>Args: number of formal letters to send.</summary>
    public const string DunningLetters = nameof(DunningLetters);

    /// <summary>Args: number of households referred for legal action.</summary>
    public const string DunningLegal = nameof(DunningLegal);

    /// <summary>Args: renovation number.</summary>
    public const string RenovationAwaitsManager = nameof(RenovationAwaitsManager);

    /// <summary>Args: renovation number.</summary>
    public const string RenovationReturned = nameof(RenovationReturned);

    /// <summary>Args: renovation number.</summary>
    public const string RenovationApproved = nameof(RenovationApproved);

    /// <summary>A handler asks to pause a case: to the property's supervisors. Args: case number, reason (PauseReason), requester.</summary>
    public const string PauseRequested = nameof(PauseRequested);

    /// <summary>To the requester. Args: case number, approver.</summary>
    public const string PauseApproved = nameof(PauseApproved);

    /// <summary>To the requester: nothing paused. Args: case number, who refused, why.</summary>
    public const string PauseRefused = nameof(PauseRefused);

    /// <summary>The year's annual event plan is open for drafting: to the supervisors. Args: plan number, year.</summary>
    public const string AnnualPlanOpened = nameof(AnnualPlanOpened);

    /// <summary>An annual event plan to approve: to the property's general managers (the managers where it has none). Args: plan number.</summary>
    public const string AnnualPlanSubmitted = nameof(AnnualPlanSubmitted);

    /// <summary>To the supervisors. Args: plan number, approver.</summary>
    public const string AnnualPlanApproved = nameof(AnnualPlanApproved);

    /// <summary>To the supervisors. Args: plan number, comment.</summary>
    public const string AnnualPlanReturned = nameof(AnnualPlanReturned);

    /// <summary>An ad hoc event waits for the managers. Args: event number, theme.</summary>
    public const string EventProposed = nameof(EventProposed);

    /// <summary>A plan form to review: to the supervisors. Args: event number, theme.</summary>
    public const string EventPlanFilled = nameof(EventPlanFilled);

    /// <summary>A plan form to approve: to the general managers (or managers). Args: event number, theme.</summary>
    public const string EventPlanSubmitted = nameof(EventPlanSubmitted);

    /// <summary>To the organiser. Args: event number, theme.</summary>
    public const string EventApproved = nameof(EventApproved);

    /// <summary>To the organiser. Args: event number, comment.</summary>
    public const string EventReturned = nameof(EventReturned);

    /// <summary>Invitations to hand out: to the property's stewards. Args: event number, households.</summary>
    public const string EventInvitationsToDeliver = nameof(EventInvitationsToDeliver);

    /// <summary>An evaluation to review: to the managers. Args: event number.</summary>
    public const string EventEvaluationToReview = nameof(EventEvaluationToReview);

    /// <summary>An evaluation to approve: to the general managers (or managers). Args: event number.</summary>
    public const string EventEvaluationToApprove = nameof(EventEvaluationToApprove);

    /// <summary>A draft notice to approve: to the supervisors. Args: notice number, title.</summary>
    public const string NoticeDrafted = nameof(NoticeDrafted);

    /// <summary>A notice to put up on the boards: to the stewards. Args: notice number, title, households.</summary>
    public const string NoticePublished = nameof(NoticePublished);

    /// <summary>A notice to take down from the boards: to the stewards. Args: notice number, title.</summary>
    public const string NoticeWithdrawn = nameof(NoticeWithdrawn);
}

/// <summary>
/// Queues notifications in the outbox of the caller's DbContext: they are saved in the same
/// transaction as the change that caused them, and delivered afterwards by the dispatcher on every
/// enabled channel. The dedup key makes queueing the same fact twice impossible.
/// </summary>
public sealed class Notifier(PortalDbContext db, TimeProvider time, NotificationChannels channels)
{
    public void Enqueue(string dedupKey, string kind, IEnumerable<object?> args, string? link, Guid? propertyId, IEnumerable<string?> recipientUserIds)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var json = JsonSerializer.Serialize(args.Select(a => a?.ToString() ?? ""));
        foreach (var user in recipientUserIds.OfType<string>().Distinct())
        {
            foreach (var channel in channels.Enabled)
            {
                db.OutboxMessages.Add(new OutboxMessage($"{dedupKey}:{user}:{channel}", channel, user, propertyId, kind, json, link, now));
            }
        }
    }

    /// <summary>Enabled users holding <paramref name="role"/> who can see the property (assigned to it, or company-wide).</summary>
    public async Task<IReadOnlyList<string>> UsersInRoleForPropertyAsync(string role, Guid propertyId, CancellationToken ct)
    {
        var roleId = await db.Roles.Where(r => r.Name == role).Select(r => r.Id).FirstOrDefaultAsync(ct);
        return await (from u in db.Users
                      join ur in db.UserRoles on u.Id equals ur.UserId
                      where ur.RoleId == roleId && !u.IsDisabled
                            && (u.AllProperties || db.UserProperties.Any(p => p.UserId == u.Id && p.PropertyId == propertyId))
                      select u.Id).ToListAsync(ct);
    }

    public Task<IReadOnlyList<string>> SupervisorsOfAsync(Guid propertyId, CancellationToken ct) =>
        UsersInRoleForPropertyAsync(Roles.Supervisor, propertyId, ct);

    public Task<IReadOnlyList<string>> ManagersOfAsync(Guid propertyId, CancellationToken ct) =>
        UsersInRoleForPropertyAsync(Roles.Manager, propertyId, ct);
}

/// <summary>The channels notifications go out on (Notifications:Channels, default in-app only).</summary>
public sealed class NotificationChannels(IConfiguration configuration)
{
    public const string InApp = "InApp";

    public IReadOnlyList<string> Enabled { get; } =
        configuration.GetSection("Notifications:Channels").Get<string[]>() is { Length: > 0 } configured ? configured : [InApp];
}
