using System.Diagnostics;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Infrastructure.Logging;

/// <summary>
/// One line per request (Serilog.AspNetCore's request logging is not available here), with the statements the
/// request sent to the database and their time (<see cref="StatementCounter"/>), also sent as a <c>Server-Timing</c> header.
/// </summary>
public sealed class RequestLoggingMiddleware(RequestDelegate next, ILogger<RequestLoggingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var db = new RequestDbWork();
        context.Features.Set(db);
        context.Response.OnStarting(() =>
        {
            // Pages and actions only: a static file (served before routing, so no endpoint) has no database work to report.
            if (context.GetEndpoint() is not null)
            {
                context.Response.Headers.Append("Server-Timing", db.ServerTiming());
            }

            return Task.CompletedTask;
        });
        try
        {
            await next(context);
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var level = context.Response.StatusCode >= 500 ? LogLevel.Error : LogLevel.Information;
            logger.Log(level, "HTTP {Method} {Path} responded {StatusCode} in {Elapsed:0.0} ms ({Statements} SQL statements, {DbElapsed:0.0} ms) for {User} ({RequestId})",
                context.Request.Method, context.Request.Path.Value, context.Response.StatusCode, elapsed, db.Statements, db.Milliseconds,
                context.User.Identity?.Name ?? "-", context.TraceIdentifier);
        }
    }
}
