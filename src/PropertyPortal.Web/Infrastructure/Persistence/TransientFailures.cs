using Microsoft.Data.Sqlite;
using Npgsql;

namespace PropertyPortal.Web.Infrastructure.Persistence;

/// <summary>
/// Which database failures are worth trying again: the connection lost or refused (too many
/// clients, the server restarting, the backend killed), a deadlock or serialisation failure, a
/// timeout — Npgsql's own list plus the shutdown codes it leaves out. The retrying execution strategy
/// retries them (<see cref="PersistenceSetup"/>); what still fails is answered with the "please retry" page (503).
/// </summary>
public static class TransientFailures
{
    /// <summary>SQLSTATEs retried beyond Npgsql's IsTransient: admin_shutdown (pg_terminate_backend, a fast shutdown), crash_shutdown, deadlock_detected.</summary>
    public static readonly string[] ExtraPostgresCodes = ["57P01", "57P02", "40P01"];

    public static bool IsTransient(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException p when p.IsTransient || ExtraPostgresCodes.Contains(p.SqlState):
                case NpgsqlException { IsTransient: true }:
                case SqliteException { SqliteErrorCode: 5 or 6 }: // SQLITE_BUSY, SQLITE_LOCKED: the write lock was not free in time
                case TimeoutException:
                    return true;
            }
        }

        return false;
    }

    /// <summary>The SQLSTATE (PostgreSQL) or error code (SQLite) for a log line, without the stack trace.</summary>
    public static string Code(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException p:
                    return p.SqlState;
                case SqliteException s:
                    return "SQLite " + s.SqliteErrorCode;
                case TimeoutException:
                    return "timeout";
            }
        }

        return exception?.GetBaseException().GetType().Name ?? "";
    }
}
