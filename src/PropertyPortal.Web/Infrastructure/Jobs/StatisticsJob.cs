using PropertyPortal.Web.Infrastructure.Persistence;
using Quartz;

namespace PropertyPortal.Web.Infrastructure.Jobs;

/// <summary>Every Scheduler:StatisticsHours (6): refreshes the planner's statistics (<see cref="PlannerStatistics"/>).</summary>
[DisallowConcurrentExecution]
public sealed class StatisticsJob(PortalDbContext db) : IJob
{
    public const string Key = "planner-statistics";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await PlannerStatistics.RefreshAsync(db, cancellationToken);
}
