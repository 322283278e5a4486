using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using PropertyPortal.IntegrationTests.Infrastructure;

namespace PropertyPortal.IntegrationTests.Resilience;

/// <summary>
/// At startup the portal reads the server's max_connections and superuser reserve and says whether
/// Database:Instances × (pool + scheduler pool) fits: a warning naming the figures and a pool size
/// that would fit when it does not, one line of information when it does.
/// </summary>
public sealed class PostgresConnectionBudgetTests(PostgresPortalFactory factory) : IClassFixture<PostgresPortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Startup_warns_when_the_instances_pools_exceed_what_the_server_allows_and_says_what_would_fit()
    {
        factory.EnsureAvailable();
        var available = await AvailableAsync();
        var instances = available / 25 + 1;

        var logs = await StartAsync(instances);

        var warning = Assert.Single(logs.Entries, e => e.Message.StartsWith("Connection budget exceeded", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains($"{instances} instance(s) × (20 + 5) = {instances * 25} connections, but the server allows {available}", warning.Message);
        Assert.Contains($"Maximum Pool Size={Math.Max(0, available / instances - 5)}", warning.Message);
    }

    [Fact]
    public async Task Startup_says_in_one_line_that_a_budget_that_fits_fits()
    {
        factory.EnsureAvailable();
        var available = await AvailableAsync();

        var logs = await StartAsync(1);

        Assert.DoesNotContain(logs.Entries, e => e.Message.StartsWith("Connection budget exceeded", StringComparison.Ordinal));
        var fits = Assert.Single(logs.Entries, e => e.Message.StartsWith("Connection budget:", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Information, fits.Level);
        Assert.Contains($"= 25 of the {available} connections", fits.Message);
    }

    private async Task<CapturedLogs> StartAsync(int instances)
    {
        var logs = new CapturedLogs();
        await using var app = factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("Database:Instances", instances.ToString(CultureInfo.InvariantCulture));
            b.UseSetting("Scheduler:Enabled", "false");
            b.ConfigureTestServices(s => s.AddSingleton<ILoggerProvider>(logs));
        });
        _ = app.Services;
        return logs;
    }

    /// <summary>max_connections − superuser_reserved_connections − the default Database:ReservedConnections (10), read from the server.</summary>
    private static async Task<int> AvailableAsync()
    {
        await using var admin = new NpgsqlConnection(Requirements.Postgres());
        await admin.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT current_setting('max_connections')::int - current_setting('superuser_reserved_connections')::int", admin);
        return (int)(await command.ExecuteScalarAsync(Ct))! - 10;
    }
}
