using PropertyPortal.Web.Features.Notifications;
using PropertyPortal.Web.Infrastructure.Identity;

namespace PropertyPortal.Web.Features.Events;

/// <summary>What the signed-in user is, for the general manager's steps.</summary>
public sealed record Decider(bool GeneralManager, bool Manager);

/// <summary>
/// Who takes the project general manager's decisions (项目总经理, 004 L148: the annual plan, each plan form, each
/// evaluation) at a property: its users in the GeneralManager role (assigned to it, or company-wide); where it has none,
/// its Managers stand in, and every decision they take is recorded as taken in the general manager's place.
/// </summary>
public sealed class EventApprovers(Notifier notifier)
{
    public Task<IReadOnlyList<string>> GeneralManagersAsync(Guid propertyId, CancellationToken ct) =>
        notifier.UsersInRoleForPropertyAsync(Roles.GeneralManager, propertyId, ct);

    /// <summary>The people to tell that a decision waits: the general managers, or the managers where there are none.</summary>
    public async Task<IReadOnlyList<string>> ApproversAsync(Guid propertyId, CancellationToken ct) =>
        await GeneralManagersAsync(propertyId, ct) is { Count: > 0 } gms ? gms : await notifier.ManagersOfAsync(propertyId, ct);

    /// <summary>The one general manager to hold an approval clock, when the property has exactly one.</summary>
    public async Task<string?> SoleGeneralManagerAsync(Guid propertyId, CancellationToken ct) =>
        await GeneralManagersAsync(propertyId, ct) is [var only] ? only : null;

    /// <summary>Null: <paramref name="who"/> may not take the decision; false: as the general manager; true: as a Manager standing in.</summary>
    public async Task<bool?> StandingAsync(Guid propertyId, Decider who, CancellationToken ct)
    {
        if (who.GeneralManager)
        {
            return false;
        }

        if (who.Manager && (await GeneralManagersAsync(propertyId, ct)).Count == 0)
        {
            return true;
        }

        return null;
    }
}
