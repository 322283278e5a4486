using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Fees;
using PropertyPortal.Web.Features.Fees;
using PropertyPortal.Web.Infrastructure.Persistence;
using Quartz;

namespace PropertyPortal.Web.Infrastructure.Jobs;

/// <summary>
/// Every Scheduler:FeesMinutes (60): bills the current month of every property with automatic billing
/// once its billing day has come and the month has not been billed, then moves the dunning ladder. Both
/// are idempotent, so running hourly (and catching up after downtime) never bills or reminds twice.
/// </summary>
[DisallowConcurrentExecution]
public sealed class FeesJob(PortalDbContext db, BillingService billing, DunningService dunning, TimeProvider time, ILogger<FeesJob> logger) : IJob
{
    public const string Key = "fees";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var today = PortalClock.Today(time);
        var period = BillingPeriod.Of(today);
        var properties = await db.Properties.AsNoTracking().Where(p => p.IsActive).Select(p => p.Id).ToListAsync(cancellationToken);
        var policies = await db.FeePolicies.AsNoTracking().ToDictionaryAsync(p => p.PropertyId, cancellationToken);
        var billed = (await db.BillingRuns.AsNoTracking().Where(r => r.Period == period.Key && r.LastRunAt != null).Select(r => r.PropertyId).ToListAsync(cancellationToken)).ToHashSet();
        foreach (var property in properties.Where(p => !billed.Contains(p)))
        {
            var policy = policies.GetValueOrDefault(property) ?? new FeePolicy(property);
            if (!policy.AutoBilling || today.Day < policy.BillingDay || !await db.FeeItems.AnyAsync(i => i.PropertyId == property && i.IsActive, cancellationToken))
            {
                continue;
            }

            try
            {
                await billing.RunAsync(property, period, Actor.System, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Billing {Property} {Period} failed; the next run retries", property, period);
            }
        }

        await dunning.AdvanceAsync(cancellationToken);
    }
}
