using System.Diagnostics;

namespace PropertyPortal.Web.Infrastructure.Logging;

/// <summary>One line per request (Serilog.AspNetCore's request logging is not available here).</summary>
public sealed class RequestLoggingMiddleware(RequestDelegate next, ILogger<RequestLoggingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var level = context.Response.StatusCode >= 500 ? LogLevel.Error : LogLevel.Information;
            logger.Log(level, "HTTP {Method} {Path} responded {StatusCode} in {Elapsed:0.0} ms for {User} ({RequestId})",
                context.Request.Method, context.Request.Path.Value, context.Response.StatusCode, elapsed,
                context.User.Identity?.Name ?? "-", context.TraceIdentifier);
        }
    }
}
