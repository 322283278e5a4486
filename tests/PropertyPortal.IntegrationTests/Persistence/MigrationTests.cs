using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.IntegrationTests.Persistence;

/// <summary>
/// One migrations set per provider, and each must match the model: a change to an entity or a
/// configuration without `scripts/add-migration.sh` fails here, for the provider that lacks it.
/// </summary>
public sealed class MigrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Sqlite_migrations_cover_every_change_of_the_model()
    {
        using var db = Sqlite("Data Source=:memory:");

        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a SQLite migration: run scripts/add-migration.sh NAME.");
    }

    [Fact]
    public void Postgres_migrations_cover_every_change_of_the_model()
    {
        // Building the model needs no server.
        using var db = Postgres("Host=localhost;Database=portal_model_check;Username=nobody");

        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a PostgreSQL migration: run scripts/add-migration.sh NAME.");
    }

    [Fact]
    public void Both_providers_have_migrations_of_the_same_names()
    {
        using var sqlite = Sqlite("Data Source=:memory:");
        using var postgres = Postgres("Host=localhost;Database=portal_model_check;Username=nobody");

        static IEnumerable<string> Names(DbContext db) => db.Database.GetMigrations().Select(m => m[(m.IndexOf('_', StringComparison.Ordinal) + 1)..]);

        Assert.NotEmpty(Names(sqlite));
        Assert.Equal(Names(sqlite), Names(postgres));
    }

    [Fact]
    public async Task A_property_policy_saved_before_complaints_existed_gets_the_spec_complaint_targets_not_zero()
    {
        var file = Path.Combine(Path.GetTempPath(), "portal-migrate-" + Guid.NewGuid().ToString("N") + ".db");
        try
        {
            await using var db = Sqlite("Data Source=" + file);
            var migrator = db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>();
            var before = db.Database.GetMigrations().Last(m => m.EndsWith("_QueueIndexes", StringComparison.Ordinal));
            await migrator.MigrateAsync(before, Ct);
            await db.Database.ExecuteSqlRawAsync(
                """
                PRAGMA foreign_keys = OFF;
                INSERT INTO "SlaPolicies" ("Id", "PropertyId", "WorkOrderIssueMinutes", "PhoneReplyMinutes", "EmergencyOnSiteMinutes", "UrgentOnSiteMinutes",
                    "WarningPercent", "EscalateSupervisorAfterMinutes", "EscalateManagerAfterMinutes", "CallbackSafetyDays", "CallbackLeakDays",
                    "CallbackOtherDays", "CallbackMaxAttempts", "Version")
                VALUES ('0193A000-0000-7000-8000-000000000001', '0193A000-0000-7000-8000-000000000002', 3, 15, 10, 15, 80, 15, 60, 2, 3, 2, 3, 1);
                """, Ct);

            await db.Database.MigrateAsync(Ct);

            var policy = await db.SlaPolicies.IgnoreQueryFilters().AsNoTracking().SingleAsync(Ct);
            Assert.Equal((60, 3, (int?)null, 60, 2, 10, 3, 2, 1, 3, 30),
                (policy.ComplaintReplyMinutes, policy.ComplaintWrittenReplyWorkingDays, policy.ComplaintWrittenReplyHours, policy.ImportantEscalationMinutes,
                 policy.MajorDefiniteReplyDays, policy.MajorResolutionDays, policy.ImportantResolutionDays, policy.MinorResolutionDays,
                 policy.PlanApprovalWorkingDays, policy.ComplaintCallbackDays, policy.RepeatWindowDays));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Sqlite_migrations_apply_to_an_empty_database()
    {
        var file = Path.Combine(Path.GetTempPath(), "portal-migrate-" + Guid.NewGuid().ToString("N") + ".db");
        try
        {
            await using (var db = Sqlite("Data Source=" + file))
            {
                await db.Database.MigrateAsync(Ct);

                Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
                Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync(Ct));
                Assert.Equal(0, await db.Units.CountAsync(Ct));
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Postgres_migrations_apply_to_an_empty_database()
    {
        var admin = Requirements.Postgres();
        var name = "portal_t_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync(admin, $"CREATE DATABASE \"{name}\"");
        try
        {
            await using var db = Postgres(new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString);

            await db.Database.MigrateAsync(Ct);

            Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync(Ct));
            Assert.Equal(0, await db.Units.CountAsync(Ct));

            // Applying again is a no-op: instances starting together must not fight over it.
            await db.Database.MigrateAsync(Ct);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
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
