using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace PropertyPortal.Bench;

/// <summary>
/// The real portal (routing, authentication, antiforgery, EF, Razor) on the bench database, served
/// in-process: page timings include everything but the network. The scheduler is off — the bench
/// runs the sweep itself so it can time it — and the clock is the bench's.
/// </summary>
internal sealed class BenchHost(BenchOptions options, string connectionString, BenchClock clock, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    /// <summary>
    /// The factory looks for its manifest in the current directory (a test runner's output folder); the
    /// bench runs from the repository root, so it is told the portal's folder from the manifest the build
    /// wrote next to the bench, through the hosting layer's own override.
    /// </summary>
    static BenchHost()
    {
        var manifest = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(
            File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "MvcTestingAppManifest.json")))!;
        var web = manifest.First(m => m.Key.StartsWith("PropertyPortal.Web,", StringComparison.Ordinal)).Value;
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_PROPERTYPORTAL_WEB", web);

        // One log line per request would time the console, not the portal.
        Environment.SetEnvironmentVariable("Serilog__MinimumLevel__Default", "Warning");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Database:Provider", options.IsPostgres ? "Postgres" : "Sqlite");
        builder.UseSetting("ConnectionStrings:Portal", connectionString);
        builder.UseSetting("Seed:Demo", "false");
        builder.UseSetting("Scheduler:Enabled", "false");
        builder.UseSetting("Https:Required", "false");
        builder.UseSetting("Logging:FilePath", "");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock));
    }
}

/// <summary>A clock the bench sets: the host and the seeder agree on "now".</summary>
internal sealed class BenchClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public void Set(DateTime utc) => Interlocked.Exchange(ref _ticks, DateTime.SpecifyKind(utc, DateTimeKind.Utc).Ticks);
}
