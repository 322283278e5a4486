using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.IntegrationTests.Infrastructure;

/// <summary>
/// The real portal on a real, private database: one per test class (IClassFixture), seeded once with the
/// demo company (翠湖花园 CHHY and 国贸大厦 GMDS, users admin … officedesk). Tests share the data, so a test
/// that changes something changes what only it looks at (its own user, its own unit).
/// </summary>
public abstract class PortalFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public abstract DatabaseProvider Provider { get; }

    /// <summary>The portal's connection string; only valid after <see cref="IAsyncLifetime.InitializeAsync"/>.</summary>
    public abstract string ConnectionString { get; }

    /// <summary>False for tests that start from an empty database (no demo company, no users).</summary>
    protected virtual bool SeedDemo => true;

    /// <summary>Skips (or on CI fails) the calling test when this factory's database server is not available.</summary>
    public virtual void EnsureAvailable()
    {
    }

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("ConnectionStrings:Portal", ConnectionString);
        builder.UseSetting("Seed:Demo", SeedDemo ? "true" : "false");
        builder.UseSetting("Logging:FilePath", "");
        builder.UseSetting("Scheduler:HeartbeatSeconds", "1");
    }

    /// <summary>The portal's DbContext as a given user would have it (their property scope), with the app's audit interceptor.</summary>
    public PortalDbContext CreateDbContext(IPropertyScope scope)
    {
        var interceptor = (AuditInterceptor)Services.GetService(typeof(AuditInterceptor))!;
        return Provider == DatabaseProvider.Postgres
            ? new PostgresPortalDbContext(Options<PostgresPortalDbContext>(o => PersistenceSetup.ConfigurePostgres(o, ConnectionString).AddInterceptors(interceptor)), scope)
            : new SqlitePortalDbContext(Options<SqlitePortalDbContext>(o => PersistenceSetup.ConfigureSqlite(o, ConnectionString).AddInterceptors(interceptor)), scope);
    }

    private static DbContextOptions<T> Options<T>(Action<DbContextOptionsBuilder<T>> configure) where T : DbContext
    {
        var builder = new DbContextOptionsBuilder<T>();
        configure(builder);
        return builder.Options;
    }
}

/// <summary>A fresh SQLite file in the temp folder, deleted with its WAL files on dispose.</summary>
public class SqlitePortalFactory : PortalFactory
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), "portal-test-" + Guid.NewGuid().ToString("N") + ".db");

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override string ConnectionString => "Data Source=" + _file;

    public string DatabaseFile => _file;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var path in new[] { _file, _file + "-wal", _file + "-shm" })
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
                // Another pool still holds it; the temp folder is cleaned by the OS.
            }
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>A uniquely named PostgreSQL database (portal_t_…), created before the class and dropped WITH (FORCE) after it.</summary>
public class PostgresPortalFactory : PortalFactory
{
    private readonly string? _admin = Environment.GetEnvironmentVariable(Requirements.PostgresVariable);
    private readonly string _database = "portal_t_" + Guid.NewGuid().ToString("N");
    private bool _created;

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override string ConnectionString =>
        new NpgsqlConnectionStringBuilder(_admin) { Database = _database, Pooling = true }.ConnectionString;

    public string DatabaseName => _database;

    public override void EnsureAvailable() => Requirements.Postgres();

    public override async ValueTask InitializeAsync()
    {
        if (string.IsNullOrWhiteSpace(_admin))
        {
            return;
        }

        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", connection);
        await command.ExecuteNonQueryAsync();
        _created = true;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_created)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_admin);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }

        GC.SuppressFinalize(this);
    }
}
