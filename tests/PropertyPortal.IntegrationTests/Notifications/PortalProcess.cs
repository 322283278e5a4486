using System.Diagnostics;
using System.Text;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.IntegrationTests.Notifications;

/// <summary>
/// The portal as a separate operating-system process (dotnet PropertyPortal.Web.dll, the build of this test
/// run's configuration) on a test's database, with its own scheduler: an instance the test can kill with
/// SIGKILL in the middle of its work, as kill -9 would.
/// </summary>
public sealed class PortalProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private PortalProcess(Process process) => _process = process;

    /// <summary>Everything the instance wrote (for a failing test's message).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Settings as configuration keys (Section:Key); they reach the process as environment variables (Section__Key).</summary>
    public static PortalProcess Start(DatabaseProvider provider, string connectionString, IReadOnlyDictionary<string, string> settings)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var folder = Path.Combine(RepositoryPaths.WebProject, "bin", configuration, "net10.0");
        var dll = Path.Combine(folder, "PropertyPortal.Web.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is not built.");
        }

        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var env = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["Https__Required"] = "false",
            ["Database__Provider"] = provider.ToString(),
            ["ConnectionStrings__Portal"] = connectionString,
            ["Database__MigrateOnStartup"] = "false",
            ["Seed__Demo"] = "false",
            ["Logging__FilePath"] = "",
            ["Scheduler__Enabled"] = "true",
            ["Scheduler__OutboxSeconds"] = "1",
            ["Scheduler__SweepSeconds"] = "3600",
            ["Scheduler__HeartbeatSeconds"] = "60",
            ["Scheduler__FeesMinutes"] = "1440",
            ["Scheduler__StatisticsHours"] = "24",
        };
        foreach (var (key, value) in settings)
        {
            env[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        foreach (var (key, value) in env)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var instance = new PortalProcess(process);
        process.OutputDataReceived += (_, e) => instance.Append(e.Data);
        process.ErrorDataReceived += (_, e) => instance.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return instance;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    /// <summary>SIGKILL: no shutdown, no finally blocks, no last save — what a crash or kill -9 does.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }
}
