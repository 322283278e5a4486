using Microsoft.Data.Sqlite;

namespace PropertyPortal.Web.Infrastructure.Persistence;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>
/// <c>Database:Provider</c> (Sqlite | Postgres) and <c>ConnectionStrings:Portal</c>. SQLite is the
/// embedded default: a file under the app's data folder, created on first run.
/// </summary>
public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString, bool MigrateOnStartup)
{
    public static DatabaseOptions From(IConfiguration configuration, string contentRoot)
    {
        var providerText = configuration["Database:Provider"] ?? nameof(DatabaseProvider.Sqlite);
        if (!Enum.TryParse<DatabaseProvider>(providerText, ignoreCase: true, out var provider))
        {
            throw new InvalidOperationException($"Database:Provider must be Sqlite or Postgres, not '{providerText}'.");
        }

        var migrate = configuration.GetValue("Database:MigrateOnStartup", true);
        var cs = configuration.GetConnectionString("Portal");
        if (provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(cs))
            {
                throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Portal is empty.");
            }

            return new DatabaseOptions(provider, cs, migrate);
        }

        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(cs) ? "Data Source=App_Data/portal.db" : cs);
        if (builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
        }

        Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);

        // Writers wait for each other (the scheduler and the web share the file) instead of failing.
        builder.DefaultTimeout = Math.Max(builder.DefaultTimeout, 30);
        return new DatabaseOptions(provider, builder.ToString(), migrate);
    }
}
