using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PropertyPortal.Web.Infrastructure.Persistence;

/// <summary>The database work of one request: how many statements ran and how long they took.</summary>
public sealed class RequestDbWork
{
    private int _statements;
    private long _ticks;

    public int Statements => Volatile.Read(ref _statements);

    public double Milliseconds => TimeSpan.FromTicks(Interlocked.Read(ref _ticks)).TotalMilliseconds;

    public void Add(TimeSpan duration)
    {
        Interlocked.Increment(ref _statements);
        Interlocked.Add(ref _ticks, duration.Ticks);
    }

    /// <summary>The <c>Server-Timing</c> value a browser's network panel (and the tests, and the bench) read: <c>db;dur=3.2;desc="4 statements"</c>.</summary>
    public string ServerTiming() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"db;dur={Milliseconds:0.0};desc=\"{Statements} statements\"");
}

/// <summary>
/// Counts every statement a request sends to the database (queries, saves, failures) into the request's
/// <see cref="RequestDbWork"/>, which the request log line and the <c>Server-Timing</c> header report. Work
/// outside a request (the sweep, the outbox) is not counted here; those jobs log their own timings.
/// </summary>
public sealed class StatementCounter(IHttpContextAccessor http) : DbCommandInterceptor
{
    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Count(eventData.Duration);
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
        CancellationToken cancellationToken = default)
    {
        Count(eventData.Duration);
        return ValueTask.FromResult(result);
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Count(eventData.Duration);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        Count(eventData.Duration);
        return ValueTask.FromResult(result);
    }

    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        Count(eventData.Duration);
        return result;
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result,
        CancellationToken cancellationToken = default)
    {
        Count(eventData.Duration);
        return ValueTask.FromResult(result);
    }

    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Count(eventData.Duration);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Count(eventData.Duration);
        return Task.CompletedTask;
    }

    private void Count(TimeSpan duration) => http.HttpContext?.Features.Get<RequestDbWork>()?.Add(duration);
}
