using PropertyPortal.Web.Features.Events;
using Quartz;

namespace PropertyPortal.Web.Infrastructure.Jobs;

/// <summary>
/// Every Scheduler:EventsMinutes (60): opens next year's annual event plans and the half year's public-welfare clocks,
/// and takes down expired notices (<see cref="EventHousekeeping"/>, idempotent). Clustered Quartz runs it on one instance.
/// </summary>
[DisallowConcurrentExecution]
public sealed class CommunityJob(EventHousekeeping housekeeping, ILogger<CommunityJob> logger) : IJob
{
    public const string Key = "community";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var result = await housekeeping.RunAsync(cancellationToken);
        if (result.PlansOpened + result.HalvesOpened + result.NoticesWithdrawn > 0)
        {
            logger.LogInformation("Community job: {Plans} annual plans opened, {Halves} half years opened, {Notices} notices withdrawn",
                result.PlansOpened, result.HalvesOpened, result.NoticesWithdrawn);
        }
    }
}
