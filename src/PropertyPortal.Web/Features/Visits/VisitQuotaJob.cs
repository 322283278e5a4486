using Quartz;

namespace PropertyPortal.Web.Features.Visits;

/// <summary>
/// Every Scheduler:FeesMinutes (60): sets the current month's visit quotas of every property (the property's and each
/// steward's, each with its clock to the month's end) and meets those reached. Idempotent; the sweep breaches a month
/// that ends below quota.
/// </summary>
[DisallowConcurrentExecution]
public sealed class VisitQuotaJob(VisitQuotas quotas, ILogger<VisitQuotaJob> logger) : IJob
{
    public const string Key = "visit-quotas";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var set = await quotas.ReconcileAsync(cancellationToken);
        if (set > 0)
        {
            logger.LogInformation("Visit quotas set: {Count}", set);
        }
    }
}
