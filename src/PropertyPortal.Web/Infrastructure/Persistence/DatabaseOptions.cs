using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace PropertyPortal.Web.Infrastructure.Persistence;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>What sits between the portal and PostgreSQL: nothing, or PgBouncer in transaction pooling mode.</summary>
public enum DatabasePooler { None, PgBouncer }

/// <summary>
/// <c>Database:Provider</c> (Sqlite | Postgres) and <c>ConnectionStrings:Portal</c>. SQLite is the
/// embedded default: a file under the app's data folder, created on first run.
/// On PostgreSQL the connection budget (docs/deploy-postgres.md): each instance opens at most
/// <see cref="PoolSize"/> connections for requests and jobs and <see cref="SchedulerPoolSize"/> for
/// Quartz's job store, so <c>Instances × (PoolSize + SchedulerPoolSize)</c> must stay within the
/// server's <c>max_connections</c> less its superuser reserve and <see cref="ReservedConnections"/>.
/// </summary>
public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString, bool MigrateOnStartup)
{
    /// <summary>Maximum Pool Size when the PostgreSQL connection string names none (Npgsql's own default, 100, is the whole of a default server).</summary>
    public const int DefaultPoolSize = 20;

    public const int DefaultSchedulerPoolSize = 5;

    public const string ApplicationName = "PropertyPortal";

    /// <summary>Connections this instance may open for requests and jobs (the connection string's Maximum Pool Size).</summary>
    public int PoolSize { get; init; } = DefaultPoolSize;

    /// <summary>Quartz's job store has its own, small pool (<c>Scheduler:PoolSize</c>).</summary>
    public int SchedulerPoolSize { get; init; } = DefaultSchedulerPoolSize;

    /// <summary>Quartz's connection string: the portal's with its own pool size and application name.</summary>
    public string SchedulerConnectionString { get; init; } = ConnectionString;

    /// <summary><c>Database:Instances</c>: how many portal instances share the server (for the budget check at startup).</summary>
    public int Instances { get; init; } = 1;

    /// <summary><c>Database:ReservedConnections</c>: kept free for psql, the migrate step, backups and monitoring.</summary>
    public int ReservedConnections { get; init; } = 10;

    public DatabasePooler Pooler { get; init; } = DatabasePooler.None;

    /// <summary><c>Database:RetryCount</c>: how often a transient failure (connection lost, too many clients …) is retried; 0 turns retrying off.</summary>
    public int RetryCount { get; init; } = 3;

    /// <summary><c>Database:RetryMaxDelaySeconds</c>: the longest pause between two attempts (they grow 0 s, 1 s, 3 s … up to this).</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(2);

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

            var poolerText = configuration["Database:Pooler"] ?? nameof(DatabasePooler.None);
            if (!Enum.TryParse<DatabasePooler>(poolerText, ignoreCase: true, out var pooler))
            {
                throw new InvalidOperationException($"Database:Pooler must be None or PgBouncer, not '{poolerText}'.");
            }

            return ForPostgres(cs, migrate, pooler, configuration.GetValue("Scheduler:PoolSize", DefaultSchedulerPoolSize)) with
            {
                Instances = Math.Max(1, configuration.GetValue("Database:Instances", 1)),
                ReservedConnections = Math.Max(0, configuration.GetValue("Database:ReservedConnections", 10)),
                RetryCount = Math.Max(0, configuration.GetValue("Database:RetryCount", 3)),
                RetryMaxDelay = TimeSpan.FromSeconds(Math.Max(0, configuration.GetValue("Database:RetryMaxDelaySeconds", 2.0))),
            };
        }

        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(cs) ? "Data Source=App_Data/portal.db" : cs);
        if (builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
        }

        Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);

        // Writers wait for each other (the scheduler and the web share the file) instead of failing.
        builder.DefaultTimeout = Math.Max(builder.DefaultTimeout, 30);
        return new DatabaseOptions(provider, builder.ToString(), migrate) { RetryCount = 0 };
    }

    /// <summary>
    /// The PostgreSQL connection strings as the portal uses them: what the operator wrote wins; what
    /// they left out gets the portal's defaults — a pool of <see cref="DefaultPoolSize"/>, the
    /// application name (visible in pg_stat_activity), and behind PgBouncer no reset on close (in
    /// transaction pooling Npgsql's DISCARD ALL would run on a server connection another client uses next).
    /// </summary>
    public static DatabaseOptions ForPostgres(string connectionString, bool migrate, DatabasePooler pooler, int schedulerPoolSize)
    {
        var named = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Names(named, "Maximum Pool Size", "MaxPoolSize"))
        {
            builder.MaxPoolSize = DefaultPoolSize;
        }

        if (!Names(named, "Application Name", "ApplicationName"))
        {
            builder.ApplicationName = ApplicationName;
        }

        if (pooler == DatabasePooler.PgBouncer && !Names(named, "No Reset On Close", "NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        // A server on this machine is reached without TLS unless the operator asks for it: Npgsql's default (Prefer) encrypts
        // whenever the server offers it, as Debian's does, and on the loopback that bought nothing for 4 % of the CPU (issue 21).
        if (!Names(named, "SSL Mode", "SslMode") && OnThisMachine(builder.Host))
        {
            builder.SslMode = SslMode.Disable;
        }

        var scheduler = new NpgsqlConnectionStringBuilder(builder.ConnectionString)
        {
            MaxPoolSize = Math.Max(1, schedulerPoolSize),
            ApplicationName = builder.ApplicationName + ".Scheduler",
        };
        return new DatabaseOptions(DatabaseProvider.Postgres, builder.ConnectionString, migrate)
        {
            PoolSize = builder.MaxPoolSize,
            SchedulerPoolSize = scheduler.MaxPoolSize,
            SchedulerConnectionString = scheduler.ConnectionString,
            Pooler = pooler,
        };
    }

    /// <summary>Whether every host of the connection string is this machine: localhost, a loopback address or a Unix socket's folder.</summary>
    private static bool OnThisMachine(string? hosts) =>
        !string.IsNullOrWhiteSpace(hosts) && hosts.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).All(h =>
        {
            var host = h.StartsWith('[') ? h[1..h.IndexOf(']', StringComparison.Ordinal)] : System.Net.IPAddress.TryParse(h, out _) ? h : h.Split(':')[0];
            return host.StartsWith('/') || host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
                || (System.Net.IPAddress.TryParse(host, out var ip) && System.Net.IPAddress.IsLoopback(ip));
        });

    /// <summary>Whether the operator's string names a keyword, in any of Npgsql's spellings (case and spaces do not matter).</summary>
    private static bool Names(DbConnectionStringBuilder named, params string[] keywords)
    {
        static string Normal(string k) => k.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var wanted = keywords.Select(Normal).ToHashSet();
        return named.Keys.Cast<string>().Any(k => wanted.Contains(Normal(k)));
    }
}
