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
        var community = builder.Configuration.GetValue("Scheduler:EventsMinutes", 60);
        var outbox = builder.Configuration.GetValue("Scheduler:OutboxSeconds", 5);
        var renovationPatrols = builder.Configuration.GetValue("Scheduler:RenovationPatrolMinutes", 15);
        builder.Services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o => o.InstanceName = "PropertyPortal");
            q.UsePersistentStore(s =>
            {
                if (database.Provider == DatabaseProvider.Postgres)
                {
                    s.UsePostgres(database.SchedulerConnectionString);
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
            q.ScheduleJob<OutboxJob>(t => t
                .WithIdentity(OutboxJob.Key)
                .WithSimpleSchedule(x => x.WithInterval(TimeSpan.FromSeconds(outbox)).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)),
                j => j.WithIdentity(OutboxJob.Key));
            q.ScheduleJob<CustodyJob>(t => t
                .WithIdentity(CustodyJob.Key)
                .StartAt(DateTimeOffset.UtcNow.AddMinutes(fees))
                .WithSimpleSchedule(x => x.WithInterval(TimeSpan.FromMinutes(fees)).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow)),
                j => j.WithIdentity(CustodyJob.Key));
            q.ScheduleJob<SupervisionJob>(t => t
                .WithIdentity(SupervisionJob.Key)
                .StartAt(DateTimeOffset.UtcNow.AddMinutes(fees))
                .WithSimpleSchedule(x => x.WithInterval(TimeSpan.FromMinutes(fees)).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow)),
                j => j.WithIdentity(SupervisionJob.Key));
            q.ScheduleJob<CommunityJob>(t => t
                .WithIdentity(CommunityJob.Key)
                .StartAt(DateTimeOffset.UtcNow.AddMinutes(community))
                .WithSimpleSchedule(x => x.WithInterval(TimeSpan.FromMinutes(community)).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow)),
                j => j.WithIdentity(CommunityJob.Key));
            q.ScheduleJob<Idempotency.IdempotencyKeysJob>(t => t
                .WithIdentity(Idempotency.IdempotencyKeysJob.Key)
                .StartAt(DateTimeOffset.UtcNow.AddMinutes(5))
                .WithSimpleSchedule(x => x.WithInterval(TimeSpan.FromHours(1)).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)),
                j => j.WithIdentity(Idempotency.IdempotencyKeysJob.Key));
            q.ScheduleJob<RenovationPatrolJob>(t => t
                .WithIdentity(RenovationPatrolJob.Key)
                .WithSimpleSchedule(x => x.WithInterval(TimeSpan.FromMinutes(renovationPatrols)).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow)),
                j => j.WithIdentity(RenovationPatrolJob.Key));
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
