using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PropertyPortal.Web.Infrastructure.Persistence;
using Quartz;

namespace PropertyPortal.Web.Infrastructure.Health;

public static class HealthSetup
{
    public static void AddPortalHealth(this IServiceCollection services) =>
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<SchedulerHealthCheck>("scheduler");

    /// <summary>/healthz: anonymous, JSON, 503 when any check is unhealthy (load balancers read the status).</summary>
    public static void MapPortalHealth(this WebApplication app) =>
        app.MapHealthChecks("/healthz", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions
        {
            ResponseWriter = async (context, report) =>
            {
                context.Response.ContentType = "application/json; charset=utf-8";
                var body = new
                {
                    status = report.Status.ToString(),
                    checks = report.Entries.ToDictionary(e => e.Key, e => new
                    {
                        status = e.Value.Status.ToString(),
                        description = e.Value.Description,
                        data = e.Value.Data,
                    }),
                };
                await context.Response.WriteAsync(JsonSerializer.Serialize(body));
            },
        }).AllowAnonymous();
}

internal sealed class DatabaseHealthCheck(PortalDbContext db, DatabaseOptions options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            var data = new Dictionary<string, object> { ["provider"] = options.Provider.ToString(), ["pendingMigrations"] = pending };
            return pending == 0
                ? HealthCheckResult.Healthy("reachable", data)
                : HealthCheckResult.Unhealthy("migrations pending", data: data);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("unreachable: " + ex.GetType().Name);
        }
    }
}

internal sealed class SchedulerHealthCheck(ISchedulerFactory factory, PortalDbContext db, TimeProvider time, IConfiguration configuration) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        var beat = await db.SchedulerHeartbeats.AsNoTracking().FirstOrDefaultAsync(x => x.Id == Jobs.HeartbeatJob.Key, cancellationToken);
        var status = await scheduler.GetStatus(cancellationToken);
        var data = new Dictionary<string, object>
        {
            ["instance"] = await scheduler.GetSchedulerInstanceId(cancellationToken),
            ["status"] = status.ToString(),
            ["lastBeatUtc"] = beat?.LastBeatAt.ToString("O") ?? "never",
            ["lastBeatInstance"] = beat?.InstanceName ?? "",
        };
        if (!configuration.GetValue("Scheduler:Enabled", true))
        {
            return HealthCheckResult.Healthy("disabled on this instance", data);
        }

        if (status != SchedulerStatus.Running)
        {
            return HealthCheckResult.Unhealthy("not running", data: data);
        }

        // Several missed beats mean jobs are not running anywhere in the cluster.
        var interval = TimeSpan.FromSeconds(configuration.GetValue("Scheduler:HeartbeatSeconds", 60));
        if (beat is not null && time.GetUtcNow().UtcDateTime - beat.LastBeatAt > interval * 5)
        {
            return HealthCheckResult.Degraded("heartbeat is late", data: data);
        }

        return HealthCheckResult.Healthy("running", data);
    }
}
