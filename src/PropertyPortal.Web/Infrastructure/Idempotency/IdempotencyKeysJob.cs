using Microsoft.EntityFrameworkCore;
using PropertyPortal.Web.Infrastructure.Persistence;
using Quartz;

namespace PropertyPortal.Web.Infrastructure.Idempotency;

/// <summary>Hourly: forgets the one-time form keys whose <c>Idempotency:KeyHours</c> have passed.</summary>
[DisallowConcurrentExecution]
public sealed class IdempotencyKeysJob(PortalDbContext db, TimeProvider time, ILogger<IdempotencyKeysJob> logger) : IJob
{
    public const string Key = "idempotency-keys";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var removed = await db.IdempotencyKeys.Where(k => k.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
        if (removed > 0)
        {
            logger.LogInformation("Forgot {Count} expired form keys", removed);
        }
    }
}
