using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using PropertyPortal.Web.Infrastructure.Identity;

namespace PropertyPortal.Web.Infrastructure.Persistence;

public static class PersistenceSetup
{
    public static DatabaseOptions AddPortalPersistence(this WebApplicationBuilder builder)
    {
        var options = DatabaseOptions.From(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<AuditInterceptor>();
        builder.Services.AddScoped<IPropertyScope, HttpPropertyScope>();
        if (options.Provider == DatabaseProvider.Postgres)
        {
            builder.Services.AddDbContext<PortalDbContext, PostgresPortalDbContext>((sp, o) =>
                ConfigurePostgres(o, options.ConnectionString).AddInterceptors(sp.GetRequiredService<AuditInterceptor>()));
        }
        else
        {
            builder.Services.AddDbContext<PortalDbContext, SqlitePortalDbContext>((sp, o) =>
                ConfigureSqlite(o, options.ConnectionString).AddInterceptors(sp.GetRequiredService<AuditInterceptor>()));
        }

        return options;
    }

    internal static DbContextOptionsBuilder ConfigureSqlite(DbContextOptionsBuilder o, string connectionString) =>
        o.UseSqlite(connectionString, x => x.MigrationsAssembly(typeof(PortalDbContext).Assembly.GetName().Name));

    internal static DbContextOptionsBuilder ConfigurePostgres(DbContextOptionsBuilder o, string connectionString) =>
        o.UseNpgsql(connectionString, x => x.MigrationsAssembly(typeof(PortalDbContext).Assembly.GetName().Name));

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
