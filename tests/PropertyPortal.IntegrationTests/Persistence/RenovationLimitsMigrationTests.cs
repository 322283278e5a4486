using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.IntegrationTests.Persistence;

/// <summary>The migration that made the renovation limits settings gives a policy saved before it the seeds' limits, not zeros.</summary>
public sealed class RenovationLimitsMigrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_property_policy_saved_before_the_renovation_limits_existed_gets_the_seeds_limits()
    {
        var file = Path.Combine(Path.GetTempPath(), "portal-migrate-" + Guid.NewGuid().ToString("N") + ".db");
        try
        {
            var o = new DbContextOptionsBuilder<SqlitePortalDbContext>();
            PersistenceSetup.ConfigureSqlite(o, "Data Source=" + file);
            await using var db = new SqlitePortalDbContext(o.Options);
            var migrator = db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>();
            var all = db.Database.GetMigrations().ToList();
            var before = all[all.FindIndex(m => m.EndsWith("_RenovationLimits", StringComparison.Ordinal)) - 1];
            await migrator.MigrateAsync(before, Ct);
            await db.Database.ExecuteSqlRawAsync(
                """
                PRAGMA foreign_keys = OFF;
                INSERT INTO "SlaPolicies" ("Id", "PropertyId", "WorkOrderIssueMinutes", "PhoneReplyMinutes", "EmergencyOnSiteMinutes", "UrgentOnSiteMinutes",
                    "WarningPercent", "EscalateSupervisorAfterMinutes", "EscalateManagerAfterMinutes", "CallbackSafetyDays", "CallbackLeakDays",
                    "CallbackOtherDays", "CallbackMaxAttempts", "ComplaintReplyMinutes", "ComplaintWrittenReplyWorkingDays", "ImportantEscalationMinutes",
                    "MajorDefiniteReplyDays", "MajorResolutionDays", "ImportantResolutionDays", "MinorResolutionDays", "PlanApprovalWorkingDays",
                    "ComplaintCallbackDays", "RepeatWindowDays", "PauseApprovalMinutes", "Version")
                VALUES ('0193A000-0000-7000-8000-0000000000B1', '0193A000-0000-7000-8000-0000000000B2', 3, 15, 10, 15, 80, 15, 60, 2, 3, 2, 3,
                    60, 3, 60, 2, 10, 3, 2, 1, 3, 30, 15, 1);
                """, Ct);

            await db.Database.MigrateAsync(Ct);

            var p = await db.SlaPolicies.IgnoreQueryFilters().AsNoTracking().SingleAsync(Ct);
            Assert.Equal((2, 3, 5, 1, 60, 2, 3, 24, new TimeOnly(12, 0), (TimeOnly?)null),
                (p.RenovationPartitionWorkingDays, p.RenovationCentralSystemsWorkingDays, p.RenovationWholeFloorWorkingDays, p.RenovationReviewStepWorkingDays,
                 p.RenovationInspectionMinutes, p.RenovationRefundProcessingWorkingDays, p.RenovationRefundPaymentWorkingDays, p.RenovationViolationNoticeHours,
                 p.RenovationPatrolMorningBy, p.RenovationPatrolAfternoonBy));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }
}
