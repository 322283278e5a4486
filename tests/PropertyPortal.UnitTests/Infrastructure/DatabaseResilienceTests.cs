using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Configuration;
using Npgsql;
using PropertyPortal.Web.Infrastructure.Idempotency;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.UnitTests.Infrastructure;

/// <summary>The connection budget's defaults and formula, and which failures count as transient.</summary>
public sealed class DatabaseResilienceTests
{
    private static DatabaseOptions Postgres(string connectionString, params (string Key, string Value)[] settings)
    {
        var values = new Dictionary<string, string?> { ["Database:Provider"] = "Postgres", ["ConnectionStrings:Portal"] = connectionString };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        return DatabaseOptions.From(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), Path.GetTempPath());
    }

    [Fact]
    public void A_connection_string_without_a_pool_size_gets_twenty_and_the_scheduler_its_own_five()
    {
        var options = Postgres("Host=db;Database=portal;Username=portal;Password=x");

        var web = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        var scheduler = new NpgsqlConnectionStringBuilder(options.SchedulerConnectionString);
        Assert.Equal((20, "PropertyPortal", false), (web.MaxPoolSize, web.ApplicationName, web.NoResetOnClose));
        Assert.Equal((5, "PropertyPortal.Scheduler"), (scheduler.MaxPoolSize, scheduler.ApplicationName));
        Assert.Equal((20, 5, 1, 10, 3), (options.PoolSize, options.SchedulerPoolSize, options.Instances, options.ReservedConnections, options.RetryCount));
    }

    [Theory]
    [InlineData("Host=db;Maximum Pool Size=8")]
    [InlineData("Host=db;MaxPoolSize=8")]
    [InlineData("Host=db;maximum pool size=8")]
    public void A_pool_size_the_operator_wrote_is_kept_in_any_spelling(string connectionString)
    {
        var options = Postgres(connectionString);
        Assert.Equal(8, options.PoolSize);
        Assert.Equal(8, new NpgsqlConnectionStringBuilder(options.ConnectionString).MaxPoolSize);
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Port=5432", SslMode.Disable)]
    [InlineData("Host=localhost", SslMode.Disable)]
    [InlineData("Host=::1", SslMode.Disable)]
    [InlineData("Host=/var/run/postgresql", SslMode.Disable)]
    [InlineData("Host=127.0.0.1,localhost:5433", SslMode.Disable)]
    [InlineData("Host=db.example.cn", SslMode.Prefer)]
    [InlineData("Host=127.0.0.1,db.example.cn", SslMode.Prefer)]
    [InlineData("Host=127.0.0.1;SSL Mode=Require", SslMode.Require)]
    [InlineData("Host=localhost;sslmode=prefer", SslMode.Prefer)]
    public void A_server_on_this_machine_is_reached_without_tls_unless_the_operator_asks_for_it(string connectionString, SslMode expected) =>
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(Postgres(connectionString).ConnectionString).SslMode);

    [Fact]
    public void Behind_pgbouncer_npgsql_does_not_reset_connections_on_close_unless_told_otherwise()
    {
        Assert.True(new NpgsqlConnectionStringBuilder(Postgres("Host=pgb;Port=6432", ("Database:Pooler", "PgBouncer")).ConnectionString).NoResetOnClose);
        Assert.False(new NpgsqlConnectionStringBuilder(Postgres("Host=pgb;Port=6432;No Reset On Close=false", ("Database:Pooler", "PgBouncer")).ConnectionString).NoResetOnClose);
        Assert.Throws<InvalidOperationException>(() => Postgres("Host=db", ("Database:Pooler", "Pgpool")));
    }

    [Fact]
    public void The_budget_is_instances_times_both_pools_against_max_connections_less_both_reserves()
    {
        // The failure: two instances with Npgsql's default of 100 on a default server of 100.
        var unbounded = ConnectionBudget.For(Postgres("Host=db;Maximum Pool Size=100", ("Database:Instances", "2")), maxConnections: 100, superuserReserved: 3);
        Assert.Equal((210, 87, false), (unbounded.Needed, unbounded.Available, unbounded.Fits));
        Assert.Equal(38, unbounded.LargestPoolThatFits);

        var defaults = ConnectionBudget.For(Postgres("Host=db", ("Database:Instances", "2")), maxConnections: 100, superuserReserved: 3);
        Assert.Equal((50, true), (defaults.Needed, defaults.Fits));

        var four = ConnectionBudget.For(Postgres("Host=db", ("Database:Instances", "4")), maxConnections: 100, superuserReserved: 3);
        Assert.Equal((100, false), (four.Needed, four.Fits));
    }

    [Theory]
    [InlineData("53300", true)] // too many clients
    [InlineData("57P01", true)] // terminated by an administrator (pg_terminate_backend, fast shutdown)
    [InlineData("40P01", true)] // deadlock
    [InlineData("40001", true)] // serialisation failure
    [InlineData("23505", false)] // unique violation: an answer, not a glitch
    [InlineData("42P01", false)] // undefined table: a bug
    public void Postgres_failures_worth_retrying_are_told_from_the_rest_by_their_sqlstate(string sqlState, bool transient)
    {
        var failure = new PostgresException("m", "FATAL", "FATAL", sqlState);
        Assert.Equal(transient, TransientFailures.IsTransient(failure));
        Assert.Equal(transient, TransientFailures.IsTransient(new DbUpdateException("wrapped", failure)));
        Assert.Equal(transient, TransientFailures.IsTransient(new DatabaseUnavailableException(new RetryLimitExceededException("spent", failure))));
    }

    [Fact]
    public void A_busy_sqlite_file_and_a_timeout_are_transient_a_constraint_is_not()
    {
        Assert.True(TransientFailures.IsTransient(new SqliteException("busy", 5)));
        Assert.True(TransientFailures.IsTransient(new InvalidOperationException("pool", new TimeoutException())));
        Assert.False(TransientFailures.IsTransient(new SqliteException("constraint", 19)));
        Assert.False(TransientFailures.IsTransient(new InvalidOperationException("bug")));
    }

    [Fact]
    public void Sqlite_is_not_retried_by_a_strategy_it_would_not_need()
    {
        var options = DatabaseOptions.From(new ConfigurationBuilder().Build(), Path.GetTempPath());
        Assert.Equal((DatabaseProvider.Sqlite, 0), (options.Provider, options.RetryCount));
    }
}
