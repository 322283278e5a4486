using System.Diagnostics;

namespace PropertyPortal.IntegrationTests.Infrastructure;

/// <summary>
/// What a test needs from the machine. A developer without PostgreSQL sees the test skipped with the
/// reason; on CI (CI=true) a missing server is a failure, so a misconfigured pipeline cannot go green
/// by skipping half the suite.
/// </summary>
public static class Requirements
{
    public const string PostgresVariable = "PORTAL_TEST_POSTGRES";

    public const string PostgresMissing =
        "PostgreSQL not configured: set PORTAL_TEST_POSTGRES to a connection string of a user that may create databases, "
        + "e.g. Host=127.0.0.1;Username=postgres;Password=postgres;Database=postgres";

    public static bool PostgresConfigured => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresVariable));

    public static bool OnCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public const string PgBouncerPath = "/usr/sbin/pgbouncer";

    public const string PgBouncerMissing = "PgBouncer not installed: apt-get install pgbouncer (Debian's package; the test starts its own on a free port)";

    /// <summary>Debian's pgbouncer binary, or skips (fails on CI) the calling test.</summary>
    public static string PgBouncer()
    {
        if (File.Exists(PgBouncerPath))
        {
            return PgBouncerPath;
        }

        if (OnCi)
        {
            Assert.Fail(PgBouncerMissing);
        }

        Assert.Skip(PgBouncerMissing);
        throw new UnreachableException();
    }

    /// <summary>The administrative connection string, or skips (fails on CI) the calling test.</summary>
    public static string Postgres()
    {
        var cs = Environment.GetEnvironmentVariable(PostgresVariable);
        if (!string.IsNullOrWhiteSpace(cs))
        {
            return cs;
        }

        if (OnCi)
        {
            Assert.Fail(PostgresMissing);
        }

        Assert.Skip(PostgresMissing);
        throw new UnreachableException();
    }
}
