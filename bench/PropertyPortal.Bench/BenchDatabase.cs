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
        }

        await db.Database.MigrateAsync();
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
    }

    /// <summary>Refreshes planner statistics, as autovacuum does on a live PostgreSQL; SQLite is left as the app leaves it.</summary>
    public async Task AnalyzeAsync()
    {
        if (options.IsPostgres)
        {
            await using var db = Create(SystemPropertyScope.Instance);
            await db.Database.ExecuteSqlRawAsync("ANALYZE;");
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
        var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
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
