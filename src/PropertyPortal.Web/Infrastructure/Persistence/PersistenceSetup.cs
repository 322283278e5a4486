using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PropertyPortal.Web.Infrastructure.Identity;

namespace PropertyPortal.Web.Infrastructure.Persistence;

public static class PersistenceSetup
{
    public static DatabaseOptions AddPortalPersistence(this WebApplicationBuilder builder)
    {
        var options = DatabaseOptions.From(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<AuditInterceptor>();
        builder.Services.AddSingleton<DbFailureLogInterceptor>();
        builder.Services.AddSingleton<StatementCounter>();
        builder.Services.AddSingleton<ReferenceCache>();
        builder.Services.AddSingleton<ReferenceCacheInterceptor>();
        builder.Services.AddScoped<IPropertyScope, HttpPropertyScope>();
        if (options.Provider == DatabaseProvider.Postgres)
        {
            builder.Services.AddDbContext<PortalDbContext, PostgresPortalDbContext>((sp, o) =>
                WithPortalInterceptors(ConfigurePostgres(o, options.ConnectionString, options), sp));
        }
        else
        {
            builder.Services.AddDbContext<PortalDbContext, SqlitePortalDbContext>((sp, o) =>
                WithPortalInterceptors(ConfigureSqlite(o, options.ConnectionString), sp));
        }

        return options;
    }

    /// <summary>
    /// The audit trail, and failure logging that knows an expected clash from an error: EF's own
    /// "saving changes failed", "command failed" and "connection failed" events (Error, with a stack
    /// trace, for every case-number clash or retried connection) are lowered to Debug and
    /// <see cref="DbFailureLogInterceptor"/> logs each failure at the level it deserves. A failed
    /// query still logs at Error (EF's QueryIterationFailed) once the retries are spent.
    /// <see cref="StatementCounter"/> counts each request's statements.
    /// </summary>
    private static DbContextOptionsBuilder WithPortalInterceptors(DbContextOptionsBuilder o, IServiceProvider sp) =>
        o.AddInterceptors(sp.GetRequiredService<AuditInterceptor>(), sp.GetRequiredService<DbFailureLogInterceptor>(), sp.GetRequiredService<StatementCounter>(),
            sp.GetRequiredService<ReferenceCacheInterceptor>())
            .ConfigureWarnings(w => w.Log(
                (CoreEventId.SaveChangesFailed, LogLevel.Debug),
                (RelationalEventId.CommandError, LogLevel.Debug),
                (RelationalEventId.ConnectionError, LogLevel.Debug)));

    internal static DbContextOptionsBuilder ConfigureSqlite(DbContextOptionsBuilder o, string connectionString) =>
        o.UseSqlite(connectionString, x => x.MigrationsAssembly(typeof(PortalDbContext).Assembly.GetName().Name));

    /// <summary>
    /// PostgreSQL; with <paramref name="options"/> (the app) transient failures — a connection killed,
    /// too many clients, a deadlock — are retried by Npgsql's retrying execution strategy: every query
    /// and every SaveChanges on its own, and explicit transactions as a whole through
    /// <see cref="PortalTransactions.InTransactionAsync{T}"/> (ADR 0018).
    /// </summary>
    internal static DbContextOptionsBuilder ConfigurePostgres(DbContextOptionsBuilder o, string connectionString, DatabaseOptions? options = null) =>
        o.UseNpgsql(connectionString, x =>
        {
            x.MigrationsAssembly(typeof(PortalDbContext).Assembly.GetName().Name);
            if (options is { RetryCount: > 0 })
            {
                x.EnableRetryOnFailure(options.RetryCount, options.RetryMaxDelay, TransientFailures.ExtraPostgresCodes);
            }
        });

    /// <summary>
    /// Applies pending migrations. EF Core takes a database lock while migrating, so several instances
    /// starting together apply each migration once. SQLite is switched to WAL so the scheduler and web
    /// requests read while another writes.
    /// </summary>
    public static async Task MigratePortalDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }

    public static bool IsUniqueViolation(this DbUpdateException ex) => ex.InnerException switch
    {
        SqliteException s => s.SqliteErrorCode == 19 && s.SqliteExtendedErrorCode is 2067 or 1555,
        Npgsql.PostgresException p => p.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}

/// <summary>Used by `dotnet ef` for the SQLite migrations set (Infrastructure/Persistence/Migrations/Sqlite).</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqlitePortalDbContext>
{
    public SqlitePortalDbContext CreateDbContext(string[] args)
    {
        var o = new DbContextOptionsBuilder<SqlitePortalDbContext>();
        PersistenceSetup.ConfigureSqlite(o, "Data Source=design-time.db");
        return new SqlitePortalDbContext(o.Options);
    }
}

/// <summary>Used by `dotnet ef` for the PostgreSQL migrations set (Infrastructure/Persistence/Migrations/Postgres).</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresPortalDbContext>
{
    public PostgresPortalDbContext CreateDbContext(string[] args)
    {
        var o = new DbContextOptionsBuilder<PostgresPortalDbContext>();
        PersistenceSetup.ConfigurePostgres(o, "Host=localhost;Database=portal_design;Username=postgres");
        return new PostgresPortalDbContext(o.Options);
    }
}
