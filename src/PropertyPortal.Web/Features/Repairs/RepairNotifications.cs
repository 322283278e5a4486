using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.Web.Features.Callbacks;
using PropertyPortal.Web.Features.Notifications;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Repairs;

/// <summary>
/// Who is told what when a repair order's timeline grows — the one place the repairs feature decides it.
/// Mapped from the events a step added (<see cref="CaseSteps{TCase}"/>), reading the order as the step left it:
/// <list type="bullet">
/// <item>派工 / 改派 (also at intake) → the technician: a new order on his list (RepairDispatched).</item>
/// <item>返修 from the order's page → its technician, back on his list (RepairDispatched). A reopen decided by a
/// callback is the callbacks feature's to tell (<see cref="CallbackNotifications"/>).</item>
/// <item>催单 → the property's supervisors and the technician (RepairChased, with the count).</item>
/// <item>完工, callback scheduled → whoever makes the callback (CallbackAssigned).</item>
/// </list>
/// </summary>
public sealed class RepairNotifications(Notifier notifier, PortalDbContext db) : ICaseNotifications<RepairOrder>
{
    public async Task<IReadOnlyList<Notice>> ForAsync(RepairOrder order, IReadOnlyList<CaseEvent> fresh, CancellationToken ct)
    {
        var notices = new List<Notice>();
        foreach (var e in fresh.Cast<RepairOrderEvent>())
        {
            switch (e.Kind)
            {
                case RepairEventKind.Dispatched or RepairEventKind.Reassigned or RepairEventKind.Reopened when order.TechnicianId is { } technician:
                    notices.Add(new(e, NotificationKinds.RepairDispatched, [order.Number, order.Location], Link(order), [technician]));
                    break;
                case RepairEventKind.Chased:
                    notices.Add(new(e, NotificationKinds.RepairChased, [order.Number, order.ChaseCount], Link(order),
                        [.. await notifier.SupervisorsOfAsync(order.PropertyId, ct), order.TechnicianId]));
                    break;
                case RepairEventKind.CallbackScheduled when CallbackNotifications.ScheduledBy(db, order.Id) is { } callback:
                    notices.Add(new(e, NotificationKinds.CallbackAssigned, [order.Number], CallbackNotifications.Link(callback), [callback.AssigneeId]));
                    break;
            }
        }

        return notices;
    }

    public static string Link(RepairOrder order) => $"/Repairs/Details/{order.Id}";
}
