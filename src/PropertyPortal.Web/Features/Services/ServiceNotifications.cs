using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Services;
using PropertyPortal.Web.Features.Notifications;
using PropertyPortal.Web.Features.Sla;

namespace PropertyPortal.Web.Features.Services;

/// <summary>The notification kinds of service requests (resource <c>Notify.{Kind}</c> in SharedResource).</summary>
public static class ServiceNotificationKinds
{
    /// <summary>To the property's supervisors: a request (a release) waits for approval. Args: number, service, requester.</summary>
    public const string ServiceApprovalRequested = nameof(ServiceApprovalRequested);

    /// <summary>To the handler: a request is theirs. Args: number, service.</summary>
    public const string ServiceAssigned = nameof(ServiceAssigned);

    /// <summary>To the handler: approved, the slip can be printed. Args: number, who approved.</summary>
    public const string ServiceApproved = nameof(ServiceApproved);

    /// <summary>To the handler: refused. Args: number, who, why.</summary>
    public const string ServiceRejected = nameof(ServiceRejected);
}

/// <summary>
/// Who is told what when a service request's timeline grows — the one place the services feature decides it
/// (mapped from the events a step added, reading the request as the step left it):
/// <list type="bullet">
/// <item>受理 of a request that needs approval → the property's supervisors (ServiceApprovalRequested).</item>
/// <item>受理 for someone else, 转派 → the handler (ServiceAssigned).</item>
/// <item>批准 / 驳回 → the handler, unless they decided it themselves (ServiceApproved / ServiceRejected).</item>
/// </list>
/// Warnings, breaches and escalations of its clock come from the sweep like every other clock's.
/// </summary>
public sealed class ServiceNotifications(Notifier notifier) : ICaseNotifications<ServiceRequest>
{
    public async Task<IReadOnlyList<Notice>> ForAsync(ServiceRequest request, IReadOnlyList<CaseEvent> fresh, CancellationToken ct)
    {
        var notices = new List<Notice>();
        foreach (var e in fresh.Cast<ServiceRequestEvent>())
        {
            switch (e.Kind)
            {
                case ServiceEventKind.Accepted when request.RequiresApproval:
                    notices.Add(new(e, ServiceNotificationKinds.ServiceApprovalRequested, [request.Number, request.TypeName, request.RequesterName], Link(request),
                        await notifier.SupervisorsOfAsync(request.PropertyId, ct)));
                    if (request.HandlerId != e.ActorId)
                    {
                        notices.Add(new(e, ServiceNotificationKinds.ServiceAssigned, [request.Number, request.TypeName], Link(request), [request.HandlerId]));
                    }

                    break;
                case ServiceEventKind.Accepted or ServiceEventKind.Assigned when request.HandlerId != e.ActorId:
                    notices.Add(new(e, ServiceNotificationKinds.ServiceAssigned, [request.Number, request.TypeName], Link(request), [request.HandlerId]));
                    break;
                case ServiceEventKind.Approved when request.HandlerId != e.ActorId:
                    notices.Add(new(e, ServiceNotificationKinds.ServiceApproved, [request.Number, e.ActorName], Link(request), [request.HandlerId]));
                    break;
                case ServiceEventKind.Rejected when request.HandlerId != e.ActorId:
                    notices.Add(new(e, ServiceNotificationKinds.ServiceRejected, [request.Number, e.ActorName, e.Note], Link(request), [request.HandlerId]));
                    break;
            }
        }

        return notices;
    }

    public static string Link(ServiceRequest request) => $"/Services/Details/{request.Id}";
}
