using System.Globalization;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.MoveInOut;
using PropertyPortal.Web.Features.Callbacks;
using PropertyPortal.Web.Features.Fees;
using PropertyPortal.Web.Features.Notifications;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.MoveIns;

/// <summary>
/// Who is told what by the move-in feature — the one place it decides it.
/// <list type="bullet">
/// <item>A move-in's steps (mapped from its timeline by the case step runner): 办结 schedules the new household's
/// callback → whoever makes it (CallbackAssigned), as a repair's and a complaint's callbacks are told. Every other
/// step happens with the household at the counter and tells no one; a household not received by its appointment
/// is told by the reception clock (the sweep tells the desk who booked it at the breach, then the ladder).</item>
/// <item>A custody patrol (<see cref="CustodyPatrol"/>, the unit's own record) that found a problem or meters past
/// the property's custody limits → the property's supervisors (CustodyAlarm).</item>
/// <item>A heavy-rain patrol ordered for a property (<see cref="RainPatrolOrder"/>) → the property's stewards, who
/// patrol (CustodyRainPatrol); a unit not patrolled in time is told by its rain patrol clock.</item>
/// </list>
/// A new household's dissatisfied callback is the callbacks feature's to tell (<see cref="CallbackNotifications"/>).
/// The household itself hears, on its preferred channel: 预约 and 改约 → the booked time confirmed (MoveInBooked); 办结 with a
/// steward named → the steward's introduction, name and phone (StewardIntroduction, 004 L110). A batch day's bookings are
/// confirmed the same way, each from its move-in's first event (<see cref="BookedInBatchAsync"/>).
/// </summary>
public sealed class MoveInNotifications(Notifier notifier, PortalDbContext db) : ICaseNotifications<MoveIn>
{
    public async Task<IReadOnlyList<Notice>> ForAsync(MoveIn moveIn, IReadOnlyList<CaseEvent> fresh, CancellationToken ct)
    {
        var notices = new List<Notice>();
        foreach (var e in fresh.Cast<MoveInEvent>())
        {
            if (e.Kind == MoveInEventKind.Completed && CallbackNotifications.ScheduledBy(db, moveIn.Id) is { } callback)
            {
                notices.Add(new(e, NotificationKinds.CallbackAssigned, [moveIn.Number], CallbackNotifications.Link(callback), [callback.AssigneeId]));
            }

            switch (e.Kind)
            {
                case MoveInEventKind.Booked or MoveInEventKind.Rescheduled:
                    notices.Add(Notice.ToHousehold(e, NotificationKinds.MoveInBooked, moveIn.CustomerId,
                        [await notifier.HouseholdNameAsync(moveIn.CustomerId, ct), await UnitAsync(moveIn, ct), ViewHelpers.Time(moveIn.AppointmentAt)]));
                    break;
                case MoveInEventKind.Completed when moveIn.StewardId is { } steward:
                    notices.Add(Notice.ToHousehold(e, NotificationKinds.StewardIntroduction, moveIn.CustomerId,
                        [await notifier.HouseholdNameAsync(moveIn.CustomerId, ct), await UnitAsync(moveIn, ct), moveIn.StewardName,
                            await notifier.StaffPhoneAsync(steward, moveIn.PropertyId, ct)]));
                    break;
            }
        }

        return notices;
    }

    /// <summary>
    /// The confirmations of a batch day's bookings, queued in the batch's unsaved change under the key each move-in's own
    /// booking would have (<see cref="CaseSteps{TCase}.DedupKey"/>, its first event).
    /// </summary>
    public async Task BookedInBatchAsync(IEnumerable<MoveIn> moveIns, CancellationToken ct)
    {
        foreach (var moveIn in moveIns)
        {
            foreach (var notice in await ForAsync(moveIn, moveIn.Events, ct))
            {
                if (notice.Household is not { } household)
                {
                    continue;
                }

                await notifier.EnqueueToHouseholdAsync(household, CaseSteps<MoveIn>.DedupKey(moveIn, 0, notice.Kind), notice.Kind, notice.Args, null, ct);
            }
        }
    }

    /// <summary>The unit as the household reads it: building and number.</summary>
    private async Task<string> UnitAsync(MoveIn moveIn, CancellationToken ct) =>
        (await UnitLabels.ForAsync(db, [moveIn.UnitId], ct)).GetValueOrDefault(moveIn.UnitId) is { } l ? $"{l.Building} {l.Number}" : "";

    public static string Link(MoveIn moveIn) => $"/MoveIns/Details/{moveIn.Id}";

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

    /// <summary>The stewards of the property patrol its units in custody: each is told how many and by when (one message per order).</summary>
    public async Task RainPatrolOrderedAsync(RainPatrolOrder order, string propertyName, CancellationToken ct)
    {
        if (order.Units == 0)
        {
            return;
        }

        notifier.Enqueue($"rainpatrol:{order.Id:N}", NotificationKinds.CustodyRainPatrol,
            [propertyName, order.Units, ViewHelpers.Time(order.DueAt), order.Reason, order.RainDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)],
            "/MoveIns/Custody", order.PropertyId, await notifier.UsersInRoleForPropertyAsync(Roles.Steward, order.PropertyId, ct));
    }
}
