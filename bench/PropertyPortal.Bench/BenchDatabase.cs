using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Bench;

/// <summary>
/// Builds the portal's own DbContext subclasses directly (no web host), with the same migrations
/// assembly as the app, and optionally the app's audit interceptor.
/// </summary>
internal sealed class BenchDatabase(BenchOptions options)
{
    private const string MigrationsAssembly = "PropertyPortal.Web";

    private readonly string _connection = options.IsPostgres ? options.Connection : SqliteConnection(options.Connection);

    /// <summary>The connection string with a SQLite file made absolute (the portal would resolve a relative one against its own folder).</summary>
    public string ConnectionString => _connection;
    private readonly AuditInterceptor? _audit = options.Audit ? new AuditInterceptor(TimeProvider.System) : null;

    public PortalDbContext Create(IPropertyScope scope)
    {
        PortalDbContext db;
        if (options.IsPostgres)
        {
            var o = new DbContextOptionsBuilder<PostgresPortalDbContext>()
                .UseNpgsql(_connection, x => x.MigrationsAssembly(MigrationsAssembly));
            if (_audit is not null)
            {
                o.AddInterceptors(_audit);
            }

            db = new PostgresPortalDbContext(o.Options, scope);
        }
        else
        {
            var o = new DbContextOptionsBuilder<SqlitePortalDbContext>()
                .UseSqlite(_connection, x => x.MigrationsAssembly(MigrationsAssembly));
            if (_audit is not null)
            {
                o.AddInterceptors(_audit);
            }

            db = new SqlitePortalDbContext(o.Options, scope);
        }

        return db;
    }

    /// <summary>Drops the database when asked, then applies every migration, as `PropertyPortal.Web migrate` does.</summary>
    public async Task MigrateAsync()
    {
        await using var db = Create(SystemPropertyScope.Instance);
        if (options.Reset)
        {
            await db.Database.EnsureDeletedAsync();
            if (!options.IsPostgres)
            {
                // A run killed mid-way leaves its WAL index behind; a new file next to it is "disk I/O error".
                var file = new SqliteConnectionStringBuilder(_connection).DataSource;
                File.Delete(file + "-wal");
                File.Delete(file + "-shm");
            }
        }

        await db.Database.MigrateAsync();
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
    }

    /// <summary>
    /// Refreshes planner statistics as the live portal would have them: PostgreSQL's autovacuum runs
    /// ANALYZE; on SQLite the portal's own statistics job (<see cref="PlannerStatistics"/>, at startup
    /// and every six hours) does the same.
    /// </summary>
    public async Task AnalyzeAsync()
    {
        await using var db = Create(SystemPropertyScope.Instance);
        if (options.IsPostgres)
        {
            await db.Database.ExecuteSqlRawAsync("ANALYZE;");
        }
        else
        {
            await PlannerStatistics.RefreshAsync(db, default);
        }
    }

    public async Task<long> SizeBytesAsync()
    {
        await using var db = Create(SystemPropertyScope.Instance);
        if (options.IsPostgres)
        {
            return await db.Database.SqlQueryRaw<long>("SELECT pg_database_size(current_database()) AS \"Value\"").SingleAsync();
        }

        var file = new SqliteConnectionStringBuilder(_connection).DataSource;
        return new FileInfo(file).Length + (File.Exists(file + "-wal") ? new FileInfo(file + "-wal").Length : 0);
    }

    private static string SqliteConnection(string connection)
    {
        var builder = new SqliteConnectionStringBuilder(connection);
        builder.DataSource = Path.GetFullPath(builder.DataSource);
        var folder = Path.GetDirectoryName(builder.DataSource);
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        return builder.ToString();
    }
}

/// <summary>A front-desk user assigned to some properties: the query filters apply as they do in the portal.</summary>
internal sealed class BenchScope(IReadOnlyList<Guid> propertyIds) : IPropertyScope
{
    public bool AllProperties => false;

    public IReadOnlyList<Guid> PropertyIds => propertyIds;

    public string? UserId => null;

    public string? UserName => "bench";
}
