using PropertyPortal.Web.Features.MoveIns;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure.Persistence;
using Quartz;

namespace PropertyPortal.Web.Infrastructure.Jobs;

/// <summary>Every Scheduler:FeesMinutes (60): keeps one weekly patrol clock running for each unit in custody (idempotent).</summary>
[DisallowConcurrentExecution]
public sealed class CustodyJob(PortalDbContext db, SlaSettings sla, TimeProvider time, ILogger<CustodyJob> logger) : IJob
{
    public const string Key = "custody";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var (started, cancelled) = await CustodyPatrols.ReconcileAsync(db, sla, time.GetUtcNow().UtcDateTime, cancellationToken);
        if (started + cancelled > 0)
        {
            logger.LogInformation("Custody patrol clocks: {Started} started, {Cancelled} cancelled", started, cancelled);
        }
    }
}
