using Microsoft.EntityFrameworkCore;
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
/// <item>受理 of an order the household reported on its own page (业主自助) → the property's front desk (ResidentReported).</item>
/// <item>完工, callback scheduled → whoever makes the callback (CallbackAssigned).</item>
/// </list>
/// The household that reported it (the order's customer) hears, on its preferred channel: 已受理 (RepairAccepted, with the
/// category) — unless the same step already dispatched, when the dispatch message says more; 派工 / 改派 (RepairTechnicianAssigned,
/// with the technician's name and phone); 完工 (RepairCompleted, whose text announces the callback, so the callback scheduled in the
/// same step sends nothing more). An emergency order's messages go out in quiet hours too.
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
                case RepairEventKind.Accepted when SelfService(order):
                    notices.Add(new(e, NotificationKinds.ResidentReported, [order.Number, order.Location, order.Description], Link(order),
                        await notifier.UsersInRoleForPropertyAsync(Infrastructure.Identity.Roles.FrontDesk, order.PropertyId, ct)));
                    break;
                case RepairEventKind.CallbackScheduled when CallbackNotifications.ScheduledBy(db, order.Id) is { } callback:
                    notices.Add(new(e, NotificationKinds.CallbackAssigned, [order.Number], CallbackNotifications.Link(callback), [callback.AssigneeId]));
                    break;
            }

            if (order.CustomerId is { } household && await ToHouseholdAsync(order, e, household, fresh, ct) is { } told)
            {
                notices.Add(told);
            }
        }

        return notices;
    }

    private async Task<Notice?> ToHouseholdAsync(RepairOrder order, RepairOrderEvent e, Guid household, IReadOnlyList<CaseEvent> fresh, CancellationToken ct)
    {
        var emergency = order.Urgency == RepairUrgency.Emergency;
        switch (e.Kind)
        {
            case RepairEventKind.Accepted when !fresh.OfType<RepairOrderEvent>().Any(x => x.Kind == RepairEventKind.Dispatched):
                var category = await db.RepairCategories.Where(c => c.Id == order.CategoryId).Select(c => c.Name).FirstOrDefaultAsync(ct);
                return Notice.ToHousehold(e, NotificationKinds.RepairAccepted, household,
                    [await notifier.HouseholdNameAsync(household, ct), order.Number, category ?? ""], emergency);
            case RepairEventKind.Dispatched or RepairEventKind.Reassigned when order.TechnicianId is { } technician:
                return Notice.ToHousehold(e, NotificationKinds.RepairTechnicianAssigned, household,
                    [await notifier.HouseholdNameAsync(household, ct), order.Number, order.TechnicianName, await notifier.StaffPhoneAsync(technician, order.PropertyId, ct)],
                    emergency);
            case RepairEventKind.Done:
                return Notice.ToHousehold(e, NotificationKinds.RepairCompleted, household, [await notifier.HouseholdNameAsync(household, ct), order.Number]);
            default:
                return null;
        }
    }

    public static string Link(RepairOrder order) => $"/Repairs/Details/{order.Id}";

    /// <summary>Reported on the household's own page: its contact, logged in the same save, came in as 业主自助.</summary>
    private bool SelfService(RepairOrder order) =>
        order.ContactId is { } id && db.Contacts.Local.FirstOrDefault(c => c.Id == id)?.Source == Domain.FrontDesk.ContactSource.SelfService;
}
