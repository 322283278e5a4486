using PropertyPortal.Domain.MoveInOut;
using PropertyPortal.Web.Features.Notifications;

namespace PropertyPortal.Web.Features.MoveIns;

/// <summary>
/// Who is told what by the move-in feature — the one place it decides it. Today one fact is told: a custody
/// patrol (<see cref="CustodyPatrol"/>, the unit's own record) that found a problem or meters past the custody
/// limits goes to the property's supervisors (CustodyAlarm). A move-in's own steps tell no one yet; a new
/// household's callback is told by the callbacks feature.
/// </summary>
public sealed class MoveInNotifications(Notifier notifier)
{
    /// <param name="unitLabel">The unit as people read it ("3栋 1-101").</param>
    public async Task PatrolledAsync(CustodyPatrol patrol, string unitLabel, CancellationToken ct)
    {
        if (!patrol.Problem && !patrol.MeterAlarm)
        {
            return;
        }

        notifier.Enqueue($"custody:{patrol.UnitId}:{patrol.At.Ticks}", NotificationKinds.CustodyAlarm, [unitLabel, patrol.Finding],
            "/MoveIns/Custody#u-" + patrol.UnitId, patrol.PropertyId, await notifier.SupervisorsOfAsync(patrol.PropertyId, ct));
    }
}
