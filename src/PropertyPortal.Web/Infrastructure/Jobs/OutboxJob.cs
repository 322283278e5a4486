using PropertyPortal.Web.Features.Notifications;
using Quartz;

namespace PropertyPortal.Web.Infrastructure.Jobs;

/// <summary>
/// Every Scheduler:OutboxSeconds (5): delivers the outbox — staff alerts first, then households' notices,
/// then bulk runs (a month's payment notices) at the providers' rates, for up to Notifications:MaxRunSeconds;
/// the next run continues. Clustered and not concurrent, so one instance at a time sends the bulk.
/// </summary>
[DisallowConcurrentExecution]
public sealed class OutboxJob(OutboxDispatcher dispatcher) : IJob
{
    public const string Key = "outbox";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await dispatcher.DispatchAsync(cancellationToken);
}
