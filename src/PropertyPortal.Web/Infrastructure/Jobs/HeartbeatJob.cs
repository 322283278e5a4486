using Microsoft.EntityFrameworkCore;
using PropertyPortal.Web.Infrastructure.Persistence;
using Quartz;

namespace PropertyPortal.Web.Infrastructure.Jobs;

/// <summary>
/// The harmless recurring job: records that the scheduler ran, and where. /healthz reports its age;
/// with clustering on PostgreSQL only one instance runs each beat.
/// </summary>
[DisallowConcurrentExecution]
public sealed class HeartbeatJob(PortalDbContext db, TimeProvider time, ILogger<HeartbeatJob> logger) : IJob
{
    public const string Key = "scheduler";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var beat = await db.SchedulerHeartbeats.FirstOrDefaultAsync(x => x.Id == Key, cancellationToken);
        if (beat is null)
        {
            beat = new SchedulerHeartbeat { Id = Key };
            db.SchedulerHeartbeats.Add(beat);
        }

        beat.LastBeatAt = now;
        beat.InstanceName = await context.Scheduler.GetSchedulerInstanceId(cancellationToken);
        beat.Beats++;
        await db.SaveChangesAsync(cancellationToken);
        logger.LogDebug("Scheduler heartbeat {Beats} on {Instance}", beat.Beats, beat.InstanceName);
    }
}
