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

    /// <summary>Enabled administrators: company-wide by role, whatever properties they are assigned.</summary>
    public async Task<IReadOnlyList<string>> AdminsAsync(CancellationToken ct)
    {
        var roleId = await db.Roles.Where(r => r.Name == Roles.Admin).Select(r => r.Id).FirstOrDefaultAsync(ct);
        return await (from u in db.Users
                      join ur in db.UserRoles on u.Id equals ur.UserId
                      where ur.RoleId == roleId && !u.IsDisabled
                      select u.Id).ToListAsync(ct);
    }
}

/// <summary>The channels notifications go out on (Notifications:Channels, default in-app only).</summary>
public sealed class NotificationChannels(IConfiguration configuration)
{
    public const string InApp = "InApp";

    public IReadOnlyList<string> Enabled { get; } =
        configuration.GetSection("Notifications:Channels").Get<string[]>() is { Length: > 0 } configured ? configured : [InApp];
}
