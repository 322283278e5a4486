using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.Web.Infrastructure.Jobs;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.IntegrationTests.Health;

/// <summary>/healthz is what the load balancer and the operator read: anonymous JSON, database and scheduler.</summary>
public abstract class HealthTests(PortalFactory factory)
{
    private PortalFactory App
    {
        get
        {
            factory.EnsureAvailable();
            return factory;
        }
    }

    [Fact]
    public async Task Health_endpoint_is_anonymous_json_and_reports_database_and_scheduler_healthy()
    {
        using var client = PortalClient.Anonymous(App);

        // A heartbeat held up by a busy machine reads "Degraded" for a moment; a healthy portal recovers within seconds.
        var response = await client.GetAsync("/healthz");
        for (var i = 0; i < 20 && !(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).StartsWith("{\"status\":\"Healthy\"", StringComparison.Ordinal); i++)
        {
            await Task.Delay(500, TestContext.Current.CancellationToken);
            response = await client.GetAsync("/healthz");
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var checks = json.RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.Equal(App.Provider.ToString(), checks.GetProperty("database").GetProperty("data").GetProperty("provider").GetString());
        Assert.Equal(0, checks.GetProperty("database").GetProperty("data").GetProperty("pendingMigrations").GetInt32());
        Assert.Equal("Healthy", checks.GetProperty("scheduler").GetProperty("status").GetString());
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_scheduler_writes_its_heartbeat_into_the_database_within_seconds()
    {
        var since = DateTime.UtcNow;
        _ = App.Server;
        SchedulerHeartbeat? beat = null;
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            await using var scope = App.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            beat = await db.SchedulerHeartbeats.AsNoTracking().FirstOrDefaultAsync(x => x.Id == HeartbeatJob.Key, TestContext.Current.CancellationToken);
            if (beat is not null && beat.LastBeatAt > since)
            {
                break;
            }

            await Task.Delay(250, TestContext.Current.CancellationToken);
        }

        Assert.NotNull(beat);
        Assert.True(beat.LastBeatAt > since, $"No heartbeat since {since:O}; the last was at {beat.LastBeatAt:O}.");
        Assert.True(beat.Beats >= 1);
        Assert.False(string.IsNullOrEmpty(beat.InstanceName));

        using var client = PortalClient.Anonymous(App);
        using var json = JsonDocument.Parse(await (await client.GetAsync("/healthz")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.NotEqual("never", json.RootElement.GetProperty("checks").GetProperty("scheduler").GetProperty("data").GetProperty("lastBeatUtc").GetString());
    }

    [Fact]
    public async Task Pages_carry_the_security_headers()
    {
        using var client = PortalClient.Anonymous(App);

        var response = await client.GetAsync("/Account/Login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.Contains("X-Content-Type-Options"), "X-Content-Type-Options missing");
    }
}

public sealed class SqliteHealthTests(SqlitePortalFactory factory) : HealthTests(factory), IClassFixture<SqlitePortalFactory>;

public sealed class PostgresHealthTests(PostgresPortalFactory factory) : HealthTests(factory), IClassFixture<PostgresPortalFactory>;
