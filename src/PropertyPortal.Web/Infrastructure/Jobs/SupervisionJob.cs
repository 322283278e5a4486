using PropertyPortal.Web.Features.DailyLog;
using PropertyPortal.Web.Features.Settings;
using Quartz;

namespace PropertyPortal.Web.Infrastructure.Jobs;

/// <summary>
/// Every Scheduler:FeesMinutes (60): starts the clocks that watch the supervision itself — yesterday's daily-log
/// review at every property (000 L348) and, from the reminder's day, the admins' clock for next year's holidays.
/// Both are idempotent (one clock per property and day, one per property and year), so an hourly run that catches
/// up after downtime never starts one twice.
/// </summary>
[DisallowConcurrentExecution]
public sealed class SupervisionJob(DailyLogReviews reviews, CalendarReminders calendar, TimeProvider time, ILogger<SupervisionJob> logger) : IJob
{
    public const string Key = "supervision";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var days = await reviews.StartDueAsync(now, cancellationToken);
        var years = await calendar.StartDueAsync(now, cancellationToken);
        if (days + years > 0)
        {
            logger.LogInformation("Supervision clocks started: {Days} daily-log reviews, {Years} calendar reminders", days, years);
        }
    }
}
