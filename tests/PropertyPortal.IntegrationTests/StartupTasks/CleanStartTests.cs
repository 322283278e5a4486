using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using PropertyPortal.IntegrationTests.Infrastructure;

namespace PropertyPortal.IntegrationTests.StartupTasks;

/// <summary>
/// The README's first start, as a newcomer sees it: the portal as its own process in Development on a fresh
/// SQLite file (the demo company, its morning of cases, three months of bills, the scheduler running), on a
/// server whose own language is English, and what it prints. A warning there is something the newcomer
/// cannot judge (EF's "PRAGMA foreign_keys … cannot be executed in a transaction", "First/FirstOrDefault
/// without OrderBy", Data Protection's "No XML encryptor configured"), and a date is written year first.
/// </summary>
public sealed partial class CleanStartTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_first_start_on_a_fresh_database_prints_no_warning_and_writes_dates_the_Chinese_way()
    {
        var folder = Directory.CreateTempSubdirectory("portal-clean-start-").FullName;
        var port = FreePort();
        var output = new ConcurrentQueue<string>();
        var started = new TaskCompletionSource();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = RepositoryPaths.WebProject,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(RepositoryPaths.PortalAssembly());
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ConnectionStrings__Portal"] = "Data Source=" + Path.Combine(folder, "portal.db");
        start.Environment["Storage__Path"] = Path.Combine(folder, "files");
        start.Environment["Logging__FilePath"] = Path.Combine(folder, "logs", "portal-.log");

        // A server installed in English: the portal's dates must not follow it.
        start.Environment["LANG"] = "en_US.UTF-8";
        start.Environment["LC_ALL"] = "en_US.UTF-8";

        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Collect(e.Data);
        process.ErrorDataReceived += (_, e) => Collect(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await started.Task.WaitAsync(TimeSpan.FromMinutes(3), Ct);

            // The pages a newcomer opens first, so the queries behind them run once.
            var portal = new Uri($"http://127.0.0.1:{port}");
            foreach (var (user, pages) in new[]
            {
                ("admin", new[] { "/", "/Settings/Calendar", "/Settings/Sla", "/Fees", "/Board", "/Repairs", "/Properties", "/Billing" }),
                ("steward", ["/", "/Dunning"]),
                ("technician", ["/", "/Repairs/Mine"]),
            })
            {
                using var client = PortalClient.ForServer(portal);
                Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(user, "Demo@12345")).StatusCode);
                foreach (var page in pages)
                {
                    Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(page)).StatusCode);
                }
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(Ct);
            TryDelete(folder);
        }

        var lines = output.ToArray();
        Assert.Contains(lines, l => l.Contains("Seeded the demo company", StringComparison.Ordinal));

        // Each warning with the two lines before it: what the portal was doing.
        var warnings = lines.Select((l, i) => (l, i)).Where(x => NotInformation().IsMatch(x.l))
            .Select(x => string.Join("\n", lines[Math.Max(0, x.i - 2)..(x.i + 1)])).ToList();
        Assert.True(warnings.Count == 0, "The first start printed:\n" + string.Join("\n---\n", warnings));

        // The dunning run prints the day it ran: 2026/12/7, never 12/7/2026 as the server's en-US would.
        Assert.Contains(lines, l => ChineseDate().IsMatch(l));
        Assert.DoesNotContain(lines, l => MonthFirstDate().IsMatch(l));

        void Collect(string? line)
        {
            if (line is null)
            {
                return;
            }

            output.Enqueue(line);
            if (line.Contains("Application started", StringComparison.Ordinal))
            {
                started.TrySetResult();
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // The temp folder is the OS's to clean.
        }
    }

    [GeneratedRegex(@"\b(WRN|ERR|FTL)\]|\b(warn|fail|crit):")]
    private static partial Regex NotInformation();

    [GeneratedRegex(@"Dunning \S+ \d{4}/\d{1,2}/\d{1,2}:")]
    private static partial Regex ChineseDate();

    [GeneratedRegex(@"\b\d{1,2}/\d{1,2}/\d{4}\b")]
    private static partial Regex MonthFirstDate();
}
