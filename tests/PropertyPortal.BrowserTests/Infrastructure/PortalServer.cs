using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(PropertyPortal.BrowserTests.Infrastructure.PortalServer))]

namespace PropertyPortal.BrowserTests.Infrastructure;

/// <summary>
/// The real portal on Kestrel (a real TCP port, so a real browser can reach it) over a fresh SQLite file
/// seeded with the demo company, plus one headless Debian Chromium driven by Playwright. Started once for
/// the whole assembly: both are slow to start and every test opens its own browser context (own cookies).
/// </summary>
public class PortalServer : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public const string ChromiumMissing = "Chromium not installed: apt-get install chromium fonts-noto-cjk";

    public const string DemoPassword = "Demo@12345";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
    ];

    private readonly string _databaseFile = Path.Combine(Path.GetTempPath(), "portal-browser-" + Guid.NewGuid().ToString("N") + ".db");
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Where the portal listens, e.g. http://127.0.0.1:40123 (no trailing slash).</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>The portal's TimeProvider: real time until a test moves it (and resets it afterwards).</summary>
    public TestClock Clock { get; } = new();

    /// <summary>Screenshots go beside the test binaries so a person can open them after a run.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static bool OnCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public virtual async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(ScreenshotFolder);

        // Without a browser there is nothing to drive: the tests themselves skip (or fail on CI) with the reason.
        if (!File.Exists(ChromiumPath))
        {
            return;
        }

        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().TrimEnd('/');
        await WaitForHealthAsync();

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Portal", "Data Source=" + _databaseFile);
        builder.UseSetting("Seed:Demo", "true");
        builder.UseSetting("Logging:FilePath", "");
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>A fresh browser context (own cookies) with the given viewport, Chinese locale and China time.</summary>
    public async Task<IBrowserContext> NewContextAsync(int width = 1366, int height = 900, bool mobile = false)
    {
        if (_browser is null)
        {
            if (OnCi)
            {
                Assert.Fail(ChromiumMissing);
            }

            Assert.Skip(ChromiumMissing);
        }

        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            IsMobile = mobile,
            HasTouch = mobile,
            DeviceScaleFactor = mobile ? 2 : 1,
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
        });
        context.SetDefaultTimeout(15_000);
        return context;
    }

    /// <summary>Saves a full-page screenshot as screenshots/{name}.png and returns its path.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(ScreenshotFolder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.Current.TestOutputHelper?.WriteLine($"screenshot: {path}");
        return path;
    }

    private async Task WaitForHealthAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(10) };
        var clock = Stopwatch.StartNew();
        var last = "";
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                using var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }

            await Task.Delay(250);
        }

        throw new InvalidOperationException($"The portal at {BaseUrl} did not report healthy within 60 s: {last}");
    }

    public override async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var path in new[] { _databaseFile, _databaseFile + "-wal", _databaseFile + "-shm" })
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
                // A leftover temp file is harmless; the test result is what matters.
            }
        }
    }
}
