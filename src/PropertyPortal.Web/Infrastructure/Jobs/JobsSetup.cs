using PropertyPortal.Web.Infrastructure.Persistence;
using Quartz;

namespace PropertyPortal.Web.Infrastructure.Jobs;

/// <summary>
/// Every schedule of the portal, in one place. Quartz keeps jobs and triggers in the portal's own
/// database (tables QRTZ_*, created when missing); on PostgreSQL the store is clustered so that with
/// several instances each trigger fires on exactly one of them.
/// </summary>
public static class JobsSetup
{
    public static void AddPortalJobs(this WebApplicationBuilder builder, DatabaseOptions database)
    {
        var enabled = builder.Configuration.GetValue("Scheduler:Enabled", true);
        var heartbeat = builder.Configuration.GetValue("Scheduler:HeartbeatSeconds", 60);
        var sweep = builder.Configuration.GetValue("Scheduler:SweepSeconds", 60);
        var statistics = builder.Configuration.GetValue("Scheduler:StatisticsHours", 6);
        var fees = builder.Configuration.GetValue("Scheduler:FeesMinutes", 60);
        builder.Services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o => o.InstanceName = "PropertyPortal");
            q.UsePersistentStore(s =>
            {
                if (database.Provider == DatabaseProvider.Postgres)
                {
                    s.UsePostgres(database.ConnectionString);
                    s.UseClustering(c => c.CheckinInterval = TimeSpan.FromSeconds(10));
                }
                else
                {
                    s.UseSqlite(database.ConnectionString);
                }

                s.ProvisionSchema();
            });
            q.ScheduleJob<HeartbeatJob>(t => t
                .WithIdentity("heartbeat")
                .WithSimpleSchedule(x => x.WithInterval(TimeSpan.FromSeconds(heartbeat)).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)),
                j => j.WithIdentity("heartbeat"));

            // A missed sweep (instance down, machine busy) runs at once when the scheduler notices;
            // the sweep itself fires everything whose time has passed, so one catch-up run is enough.
            q.ScheduleJob<SlaSweepJob>(t => t
                .WithIdentity(SlaSweepJob.Key)
                .WithSimpleSchedule(x => x.WithInterval(TimeSpan.FromSeconds(sweep)).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow)),
                j => j.WithIdentity(SlaSweepJob.Key));
            q.ScheduleJob<StatisticsJob>(t => t
                .WithIdentity(StatisticsJob.Key)
                .WithSimpleSchedule(x => x.WithInterval(TimeSpan.FromHours(statistics)).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)),
                j => j.WithIdentity(StatisticsJob.Key));
            q.ScheduleJob<FeesJob>(t => t
                .WithIdentity(FeesJob.Key)
                .StartAt(DateTimeOffset.UtcNow.AddMinutes(fees))
                .WithSimpleSchedule(x => x.WithInterval(TimeSpan.FromMinutes(fees)).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow)),
                j => j.WithIdentity(FeesJob.Key));
            q.ScheduleJob<CustodyJob>(t => t
                .WithIdentity(CustodyJob.Key)
                .StartAt(DateTimeOffset.UtcNow.AddMinutes(fees))
                .WithSimpleSchedule(x => x.WithInterval(TimeSpan.FromMinutes(fees)).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow)),
                j => j.WithIdentity(CustodyJob.Key));
            q.ScheduleJob<Features.Visits.VisitQuotaJob>(t => t
                .WithIdentity(Features.Visits.VisitQuotaJob.Key)
                .StartAt(DateTimeOffset.UtcNow.AddMinutes(fees))
                .WithSimpleSchedule(x => x.WithInterval(TimeSpan.FromMinutes(fees)).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow)),
                j => j.WithIdentity(Features.Visits.VisitQuotaJob.Key));
        });
        if (enabled)
        {
            builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        }
    }
}
