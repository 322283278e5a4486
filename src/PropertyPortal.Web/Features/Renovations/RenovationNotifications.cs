using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Renovations;
using PropertyPortal.Web.Features.Notifications;
using PropertyPortal.Web.Features.Sla;

namespace PropertyPortal.Web.Features.Renovations;

/// <summary>
/// Who is told what when a renovation's timeline grows — the only place a renovation's notifications are decided
/// (its steps run through <see cref="CaseSteps{TCase}"/>, which enqueues what this returns; nothing in the feature
/// calls the notifier itself): the next reviewer when an application reaches them. 工程审核通过 → the managers
/// (RenovationAwaitsManager); 退回 → the property's supervisors (RenovationReturned); 经理批准 → the supervisors
/// (RenovationApproved). Every other event tells no one here: the clocks' warnings, breaches and escalations
/// (patrol windows, written violation notices, inspection, refund) come from the SLA sweep on each clock's ladder.
/// 经理批准 also tells the applicant's household, on its preferred channel, what to do next (RenovationApprovedForHousehold).
/// </summary>
public sealed class RenovationNotifications(Notifier notifier) : ICaseNotifications<Renovation>
{
    public async Task<IReadOnlyList<Notice>> ForAsync(Renovation r, IReadOnlyList<CaseEvent> fresh, CancellationToken ct)
    {
        var notices = new List<Notice>();
        foreach (var e in fresh.Cast<RenovationEvent>())
        {
            switch (e.Kind)
            {
                case RenovationEventKind.EngineeringReviewed:
                    notices.Add(new(e, NotificationKinds.RenovationAwaitsManager, [r.Number], Link(r), [.. await notifier.ManagersOfAsync(r.PropertyId, ct)]));
                    break;
                case RenovationEventKind.Returned:
                    notices.Add(new(e, NotificationKinds.RenovationReturned, [r.Number], Link(r), [.. await notifier.SupervisorsOfAsync(r.PropertyId, ct)]));
                    break;
                case RenovationEventKind.Approved:
                    notices.Add(new(e, NotificationKinds.RenovationApproved, [r.Number], Link(r), [.. await notifier.SupervisorsOfAsync(r.PropertyId, ct)]));
                    if (r.CustomerId is { } household)
                    {
                        notices.Add(Notice.ToHousehold(e, NotificationKinds.RenovationApprovedForHousehold, household,
                            [await notifier.HouseholdNameAsync(household, ct), r.Number]));
                    }

                    break;
            }
        }

        return notices;
    }

    public static string Link(Renovation r) => $"/Renovations/Details/{r.Id}";
}
