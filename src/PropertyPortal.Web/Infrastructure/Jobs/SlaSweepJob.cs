using PropertyPortal.Web.Features.Notifications;
using PropertyPortal.Web.Features.Sla;
using Quartz;

namespace PropertyPortal.Web.Infrastructure.Jobs;

/// <summary>
/// Every Scheduler:SweepSeconds: fires the SLA steps that are due, then delivers the urgent part of the
/// outbox (so a warning reaches the bell in the same run; households' and bulk sends are the
/// <see cref="OutboxJob"/>'s). Missed runs collapse into one catch-up run.
/// </summary>
[DisallowConcurrentExecution]
public sealed class SlaSweepJob(SlaSweeper sweeper, OutboxDispatcher dispatcher) : IJob
{
    public const string Key = "sla-sweep";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        await sweeper.SweepAsync(cancellationToken);
        await dispatcher.DispatchAsync(Domain.Notifications.DeliveryPriority.Urgent, cancellationToken);
    }
}
