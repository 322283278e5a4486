using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;

[assembly: AssemblyFixture(typeof(DemoTemplates))]

namespace PropertyPortal.IntegrationTests.Infrastructure;

/// <summary>
/// The demo company seeded once per provider by the real app (migrations, seeder, Identity), then copied
/// for every test class: a file copy for SQLite, CREATE DATABASE … TEMPLATE for PostgreSQL. Seeding costs
/// seconds a class; copying costs milliseconds. Removed when the test run ends.
/// </summary>
public sealed class DemoTemplates : IAsyncDisposable
{
    private static readonly Lazy<Task<string>> Sqlite = new(CreateSqliteAsync);
    private static readonly Lazy<Task<string>> Postgres = new(CreatePostgresAsync);

    public static Task<string> SqliteAsync() => Sqlite.Value;

    public static Task<string> PostgresAsync() => Postgres.Value;

    public async ValueTask DisposeAsync()
    {
        if (Sqlite.IsValueCreated && Sqlite.Value.IsCompletedSuccessfully)
        {
            SqliteConnection.ClearAllPools();
            SqlitePortalFactory.DeleteDatabase(await Sqlite.Value);
        }

        if (Postgres.IsValueCreated && Postgres.Value.IsCompletedSuccessfully)
        {
            await PostgresPortalFactory.DropAsync(await Postgres.Value);
        }
    }

    private static async Task<string> CreateSqliteAsync()
    {
        var file = Path.Combine(Path.GetTempPath(), "portal-template-" + Guid.NewGuid().ToString("N") + ".db");
        await using (var factory = new SqlitePortalFactory(file, isTemplate: true))
        {
            await factory.InitializeAsync();
            _ = factory.Services;
        }

        var o = new DbContextOptionsBuilder<SqlitePortalDbContext>();
        PersistenceSetup.ConfigureSqlite(o, "Data Source=" + file);
        await using (var db = new SqlitePortalDbContext(o.Options))
        {
            await ForgetRuntimeStateAsync(db);
        }

        // Fold the WAL into the file so that one File.Copy takes everything.
        SqliteConnection.ClearAllPools();
        await using (var connection = new SqliteConnection("Data Source=" + file))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await command.ExecuteNonQueryAsync();
        }

        SqliteConnection.ClearAllPools();
        return file;
    }

    private static async Task<string> CreatePostgresAsync()
    {
        var database = "portal_template_" + Guid.NewGuid().ToString("N");
        await using (var factory = new PostgresPortalFactory(database, isTemplate: true))
        {
            await factory.InitializeAsync();
            _ = factory.Services;
        }

        var o = new DbContextOptionsBuilder<PostgresPortalDbContext>();
        PersistenceSetup.ConfigurePostgres(o, PostgresPortalFactory.ConnectionStringFor(database));
        await using (var db = new PostgresPortalDbContext(o.Options))
        {
            await ForgetRuntimeStateAsync(db);
        }

        // CREATE DATABASE … TEMPLATE needs the template to have no open connections.
        Npgsql.NpgsqlConnection.ClearAllPools();
        return database;
    }

    /// <summary>
    /// Removes what only a running instance writes: a copied heartbeat would be seconds or minutes old when a
    /// test class starts its app, and /healthz would rightly call the scheduler late.
    /// </summary>
    private static async Task ForgetRuntimeStateAsync(PortalDbContext db) => await db.SchedulerHeartbeats.ExecuteDeleteAsync();
}
