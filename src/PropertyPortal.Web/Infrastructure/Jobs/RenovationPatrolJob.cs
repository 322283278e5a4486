using PropertyPortal.Web.Features.Renovations;
using Quartz;

namespace PropertyPortal.Web.Infrastructure.Jobs;

/// <summary>
/// Every Scheduler:RenovationPatrolMinutes (15): one patrol clock per running renovation in the current window of the
/// service day, and none left for works that stopped (idempotent; a unique index keeps one clock per window across instances).
/// </summary>
[DisallowConcurrentExecution]
public sealed class RenovationPatrolJob(RenovationPatrolClocks patrols, TimeProvider time, ILogger<RenovationPatrolJob> logger) : IJob
{
    public const string Key = "renovation-patrols";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var (started, stopped) = await patrols.KeepAsync(time.GetUtcNow().UtcDateTime, cancellationToken);
        if (started + stopped > 0)
        {
            logger.LogInformation("Renovation patrol clocks: {Started} started, {Stopped} stopped", started, stopped);
        }
    }
}
