using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.Domain.Sla;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.IntegrationTests.Persistence;

/// <summary>
/// A database from before pause requests and ladders per milestone, migrated: an order paused with a typed
/// approver becomes an approved request (so it can be resumed), a running clock keeps the ladder it ran on
/// (handler, supervisors +15, managers +60, in-app) with its paused minutes in seconds, and a saved policy
/// gets the 15-minute approval time — on both providers.
/// </summary>
public sealed class PauseMigrationTests
{
    private const string OrderId = "0193A000-0000-7000-8000-0000000000A1";
    private const string PropertyId = "0193A000-0000-7000-8000-0000000000A2";
    private const string ClockId = "0193A000-0000-7000-8000-0000000000A3";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Quoted identifiers and literals both providers read alike; {ts} is a timestamp literal's suffix.
    private static string Legacy(string uuid, string ts) => $"""
        INSERT INTO "Properties" ("Id", "Code", "Name", "Kind", "IsActive", "Version") VALUES ('{PropertyId}'{uuid}, 'OLD', '旧小区', 'Residential', TRUE, 0);
        INSERT INTO "RepairCategories" ("Id", "Group", "Name", "CallbackRule", "SortOrder", "IsActive", "Version")
        VALUES ('0193A000-0000-7000-8000-0000000000A5'{uuid}, '弱电', '旧对讲', 'Other', 1, TRUE, 0);
        INSERT INTO "SlaPolicies" ("Id", "PropertyId", "WorkOrderIssueMinutes", "PhoneReplyMinutes", "EmergencyOnSiteMinutes", "UrgentOnSiteMinutes",
            "WarningPercent", "EscalateSupervisorAfterMinutes", "EscalateManagerAfterMinutes", "CallbackSafetyDays", "CallbackLeakDays", "CallbackOtherDays",
            "CallbackMaxAttempts", "ComplaintReplyMinutes", "ComplaintWrittenReplyWorkingDays", "ImportantEscalationMinutes", "MajorDefiniteReplyDays",
            "MajorResolutionDays", "ImportantResolutionDays", "MinorResolutionDays", "PlanApprovalWorkingDays", "ComplaintCallbackDays", "RepeatWindowDays", "Version")
        VALUES ('0193A000-0000-7000-8000-0000000000A4'{uuid}, '{PropertyId}'{uuid}, 3, 15, 10, 15, 80, 15, 60, 2, 3, 2, 3, 60, 3, 60, 2, 10, 3, 2, 1, 3, 30, 1);
        INSERT INTO "RepairOrders" ("Id", "PropertyId", "Number", "ReporterName", "Location", "Description", "CategoryId", "Urgency", "Billing", "CallbackRule",
            "ReceivedAt", "AcceptedByName", "Status", "StatusBeforePause", "PauseReason", "PauseApprovedBy", "ChaseCount", "ReopenCount", "Version")
        VALUES ('{OrderId}'{uuid}, '{PropertyId}'{uuid}, 'BX20261101-0001', '张先生', '1-1-101', '对讲无图像', '0193A000-0000-7000-8000-0000000000A5'{uuid},
            'Normal', 'Warranty', 'Other', '2026-11-01 01:00:00{ts}', '张前台', 'Paused', 'Dispatched', '等待配件', '李主管', 0, 0, 3);
        INSERT INTO "RepairOrderEvents" ("RepairOrderId", "Kind", "At", "ActorId", "ActorName", "FromStatus", "ToStatus", "Note")
        VALUES ('{OrderId}'{uuid}, 'Paused', '2026-11-01 02:00:00{ts}', 'tech-1', '刘师傅', 'Dispatched', 'Paused', '等待配件 (李主管)');
        INSERT INTO "SlaClocks" ("Id", "PropertyId", "Subject", "SubjectId", "Milestone", "AssigneeId", "TargetKind", "TargetValue", "StartedAt", "DueAt",
            "WarnAt", "WarningPercent", "SupervisorAfterMinutes", "ManagerAfterMinutes", "State", "PausedAt", "PausedMinutes", "Stage", "CalendarMissing", "Version")
        VALUES ('{ClockId}'{uuid}, '{PropertyId}'{uuid}, 'RepairOrder', '{OrderId}'{uuid}, 'OnSite', 'tech-1', 'SameServiceDay', 0,
            '2026-11-01 01:00:00{ts}', '2026-11-01 10:00:00{ts}', '2026-11-01 08:12:00{ts}', 80, 15, 60, 'Paused', '2026-11-01 02:00:00{ts}', 7, 0, FALSE, 2);
        """;

    [Fact]
    public async Task Sqlite_an_order_paused_with_a_typed_approver_becomes_an_approved_request_and_clocks_keep_their_ladder()
    {
        var file = Path.Combine(Path.GetTempPath(), "portal-migrate-" + Guid.NewGuid().ToString("N") + ".db");
        try
        {
            await using var db = Sqlite("Data Source=" + file);
            await MigrateToBeforePausesAsync(db);
            var legacy = Legacy("", "");
            await db.Database.ExecuteSqlRawAsync(legacy, Ct);

            await db.Database.MigrateAsync(Ct);

            await AssertMigratedAsync(db);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Postgres_an_order_paused_with_a_typed_approver_becomes_an_approved_request_and_clocks_keep_their_ladder()
    {
        var admin = Requirements.Postgres();
        var name = "portal_t_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync(admin, $"CREATE DATABASE \"{name}\"");
        try
        {
            await using var db = Postgres(new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString);
            await MigrateToBeforePausesAsync(db);

            var legacy = Legacy("::uuid", "+00");
            await db.Database.ExecuteSqlRawAsync(legacy, Ct);

            await db.Database.MigrateAsync(Ct);

            await AssertMigratedAsync(db);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
    }

    private static async Task MigrateToBeforePausesAsync(PortalDbContext db)
    {
        var before = db.Database.GetMigrations().Last(m => m.EndsWith("_MoveIns", StringComparison.Ordinal));
        await db.GetService<IMigrator>().MigrateAsync(before, Ct);
    }

    private static async Task AssertMigratedAsync(PortalDbContext db)
    {
        var order = await db.RepairOrders.IgnoreQueryFilters().SingleAsync(o => o.Id == Guid.Parse(OrderId), Ct);
        var request = await db.PauseRequests.IgnoreQueryFilters().SingleAsync(Ct);
        Assert.Equal(request.Id, order.PauseRequestId);
        Assert.Equal((PauseRequestState.Approved, SlaSubject.RepairOrder, order.Id, "BX20261101-0001", PauseReason.Other, "等待配件"),
            (request.State, request.Subject, request.SubjectId, request.CaseNumber, request.Reason, request.Note));
        Assert.Equal(("tech-1", "刘师傅", (string?)null, "李主管"), (request.RequestedById, request.RequestedByName, request.DecidedById, request.DecidedByName));
        Assert.Equal(new DateTime(2026, 11, 1, 2, 0, 0, DateTimeKind.Utc), request.DecidedAt);

        var clock = await db.SlaClocks.IgnoreQueryFilters().SingleAsync(c => c.Id == Guid.Parse(ClockId), Ct);
        Assert.Equal(new SlaLadder(80, 15, 60), clock.Ladder);
        Assert.Equal(("InApp", "InApp"), (clock.SupervisorChannel, clock.ManagerChannel));
        Assert.Equal((420L, 7), (clock.PausedSeconds, clock.PausedMinutes));
        Assert.Equal(15, (await db.SlaPolicies.IgnoreQueryFilters().SingleAsync(Ct)).PauseApprovalMinutes);

        // The migrated order resumes like any other: 3 hours paused move its due time by 3 hours.
        var calendar = new BusinessCalendar([], [], BusinessCalendar.DefaultWorkdayHours, BusinessCalendar.DefaultRestDayHours, PortalClock.Zone);
        var clocks = new ClockSet([clock], new SlaContext(SlaPolicy.CreateDefault(order.PropertyId), calendar));
        order.ResumeFromPause(request, new Actor("tech-1", "刘师傅"), new DateTime(2026, 11, 1, 5, 0, 0, DateTimeKind.Utc), clocks);
        await db.SaveChangesAsync(Ct);
        Assert.Equal((RepairStatus.Dispatched, SlaClockState.Running), (order.Status, clock.State));
        Assert.Equal(new DateTime(2026, 11, 1, 13, 0, 0, DateTimeKind.Utc), clock.DueAt);
    }

    private static SqlitePortalDbContext Sqlite(string connectionString)
    {
        var o = new DbContextOptionsBuilder<SqlitePortalDbContext>();
        PersistenceSetup.ConfigureSqlite(o, connectionString);
        return new SqlitePortalDbContext(o.Options);
    }

    private static PostgresPortalDbContext Postgres(string connectionString)
    {
        var o = new DbContextOptionsBuilder<PostgresPortalDbContext>();
        PersistenceSetup.ConfigurePostgres(o, connectionString);
        return new PostgresPortalDbContext(o.Options);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }
}
