using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.IntegrationTests.Infrastructure;

/// <summary>
/// The real portal on a real, private database: one per test class (IClassFixture), holding the demo
/// company (翠湖花园 CHHY and 国贸大厦 GMDS, users admin … officedesk). The demo data is seeded once per
/// provider into a template (<see cref="DemoTemplates"/>) and copied for each class, which is what keeps
/// the suite fast. Tests of a class share the data, so a test that changes something changes what only
/// it looks at (its own user, its own unit).
/// </summary>
public abstract class PortalFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public abstract DatabaseProvider Provider { get; }

    /// <summary>The portal's connection string; only valid after <see cref="IAsyncLifetime.InitializeAsync"/>.</summary>
    public abstract string ConnectionString { get; }

    /// <summary>The portal's TimeProvider: real time until a test moves it.</summary>
    public TestClock Clock { get; } = new();

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

        // The demo's live repair orders would breach while the suite runs; tests make their own.
        builder.UseSetting("Seed:DemoCases", "false");
        builder.UseSetting("Logging:FilePath", "");
        builder.UseSetting("Scheduler:HeartbeatSeconds", "1");

        // Billing and dunning run when a test calls them, not when the hourly job happens to fire.
        builder.UseSetting("Scheduler:FeesMinutes", "1440");
        builder.UseSetting("Scheduler:EventsMinutes", "1440");
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
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

/// <summary>A fresh SQLite file in the temp folder (a copy of the demo template), deleted with its WAL files on dispose.</summary>
public class SqlitePortalFactory : PortalFactory
{
    private readonly string _file;
    private readonly bool _isTemplate;

    public SqlitePortalFactory()
        : this(Path.Combine(Path.GetTempPath(), "portal-test-" + Guid.NewGuid().ToString("N") + ".db"), isTemplate: false)
    {
    }

    /// <summary>For <see cref="DemoTemplates"/>: seeds <paramref name="file"/> itself and leaves it behind.</summary>
    internal SqlitePortalFactory(string file, bool isTemplate)
    {
        _file = file;
        _isTemplate = isTemplate;
    }

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override string ConnectionString => "Data Source=" + _file;

    public override async ValueTask InitializeAsync()
    {
        if (SeedDemo && !_isTemplate)
        {
            File.Copy(await DemoTemplates.SqliteAsync(), _file);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (!_isTemplate)
        {
            DeleteDatabase(_file);
        }

        GC.SuppressFinalize(this);
    }

    internal static void DeleteDatabase(string file)
    {
        foreach (var path in new[] { file, file + "-wal", file + "-shm" })
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
                // Still open somewhere; the temp folder is the OS's to clean.
            }
        }
    }
}

/// <summary>A uniquely named PostgreSQL database (portal_t_…, a copy of the demo template), dropped WITH (FORCE) after the class.</summary>
public class PostgresPortalFactory : PortalFactory
{
    private readonly string _database;
    private readonly bool _isTemplate;
    private bool _created;

    public PostgresPortalFactory()
        : this("portal_t_" + Guid.NewGuid().ToString("N"), isTemplate: false)
    {
    }

    /// <summary>For <see cref="DemoTemplates"/>: creates and seeds <paramref name="database"/> and leaves it behind.</summary>
    internal PostgresPortalFactory(string database, bool isTemplate)
    {
        _database = database;
        _isTemplate = isTemplate;
    }

    private static string? Admin => Environment.GetEnvironmentVariable(Requirements.PostgresVariable);

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override string ConnectionString => ConnectionStringFor(_database);

    internal static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(Admin) { Database = database }.ConnectionString;

    public override void EnsureAvailable() => Requirements.Postgres();

    public override async ValueTask InitializeAsync()
    {
        if (!Requirements.PostgresConfigured)
        {
            return;
        }

        var template = SeedDemo && !_isTemplate ? $" TEMPLATE \"{await DemoTemplates.PostgresAsync()}\"" : "";
        await ExecuteAsync($"CREATE DATABASE \"{_database}\"{template}");
        _created = true;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_created && !_isTemplate)
        {
            await DropAsync(_database);
        }

        GC.SuppressFinalize(this);
    }

    internal static async Task DropAsync(string database)
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
    }

    internal static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
