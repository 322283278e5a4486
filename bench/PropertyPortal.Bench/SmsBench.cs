using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Fees;
using PropertyPortal.Domain.Notifications;
using PropertyPortal.Web.Features.Fees;
using PropertyPortal.Web.Features.Notifications;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Bench;

/// <summary>
/// Issue 19's bulk send: a billing run over 50,000 units queues one payment-notice SMS per household; a
/// portal process (dotnet PropertyPortal.Web.dll, its own scheduler) sends them to a local server playing
/// Alibaba Cloud SMS at the provider rate (--rate, default 100/s) and is killed with SIGKILL a fifth of the
/// way through; the in-process portal, once the dead instance's leases have run out, sends the rest. Checks:
/// every signature valid, nobody texted twice, every row sent or — the few in flight at the kill — unknown.
/// </summary>
internal sealed class SmsBench(BenchDatabase database, BenchOptions options, Action<string> line)
{
    private const int LeaseSeconds = 15;
    private const int Parallelism = 8;
    private static readonly BillingPeriod Month = new(2026, 12);
    private static readonly DateTime BilledAtUtc = new(2026, 12, 1, 2, 0, 0, DateTimeKind.Utc);

    public async Task RunAsync()
    {
        Guid propertyId;
        int units;
        await using (var db = database.Create(SystemPropertyScope.Instance))
        {
            var property = await db.Properties.OrderBy(p => p.Code).Select(p => new { p.Id, p.Code }).FirstAsync();
            propertyId = property.Id;
            units = await db.Units.CountAsync(u => u.PropertyId == propertyId);
            if (await db.BillingRuns.AnyAsync(r => r.PropertyId == propertyId))
            {
                throw new InvalidOperationException($"{property.Code} has been billed already in this database; run with --reset (bench/run.sh does).");
            }

            // The portal process runs on the real clock: quiet hours would hold the notices at night.
            var quiet = new MessagingSettings();
            quiet.Update(new TimeOnly(0, 0), new TimeOnly(0, 0));
            db.MessagingSettings.Add(quiet);
            await db.SaveChangesAsync();
        }

        await new FeeSeeder(database, options).SeedAsync(propertyId, [Month.Previous, Month], BilledAtUtc);
        await database.AnalyzeAsync();
        await using var provider = await FakeSms.StartAsync();
        var settings = Settings(provider.Endpoint, options.Rate);
        var clock = new BenchClock(BilledAtUtc);
        await using var host = new BenchHost(options, database.ConnectionString, clock, settings);
        _ = host.Server;

        line($"- provider: a local Kestrel server answering SendSms (form POST, RPC signature checked with the portal's signer) at once; rate limit {options.Rate}/s; parallelism {Parallelism}; lease {LeaseSeconds} s");
        line("");

        // 1. The run: charges, notices and one SMS row per household notice, queued in chunks of 2,000.
        var watch = Stopwatch.StartNew();
        Guid runId;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            runId = (await scope.ServiceProvider.GetRequiredService<BillingService>().RunAsync(propertyId, Month, new Actor(null, "bench"), default)).RunId!.Value;
        }

        var runSeconds = watch.Elapsed.TotalSeconds;
        var batch = HouseholdMessages.BillingBatch(runId);
        var queued = await CountAsync(batch);
        watch.Restart();
        int requeued;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            requeued = await scope.ServiceProvider.GetRequiredService<HouseholdMessages>().QueuePaymentNoticesAsync(propertyId, runId, Month, default);
        }

        var requeueSeconds = watch.Elapsed.TotalSeconds;
        var total = queued.Values.Sum();
        Check(total == units && queued.GetValueOrDefault(DeliveryState.Queued) == units, $"{total:N0} rows queued for {units:N0} units ({Describe(queued)})");
        Check(requeued == 0, $"queueing the run's notices again added {requeued:N0} rows");

        line("| step | rows | s | rows/s |");
        line("|---|---:|---:|---:|");
        line($"| billing run {Month}: 100,000 charges, {units:N0} notices, {total:N0} SMS rows queued | {total:N0} | {runSeconds:0.0} | — |");
        line($"| queueing the run's notices again (a restart mid-run): reads {total:N0} keys, adds nothing | 0 | {requeueSeconds:0.00} | — |");

        // 2. A portal process sends until a fifth is out, then dies.
        var killAt = total / 5;
        watch.Restart();
        var process = PortalProcess.Start(options.IsPostgres ? "Postgres" : "Sqlite", database.ConnectionString, settings);
        var firstSend = await provider.WaitForAsync(1, process, TimeSpan.FromMinutes(5));
        var startup = watch.Elapsed.TotalSeconds;
        await provider.WaitForAsync(killAt, process, TimeSpan.FromMinutes(30));
        var received = provider.Received;
        await process.KillAsync();
        var phase1 = (DateTime.UtcNow - firstSend).TotalSeconds;
        var atKill = await CountAsync(batch);
        line($"| instance A (a process): first SMS {startup:0.0} s after its start, then killed (SIGKILL) after {received:N0} SMS | {atKill.GetValueOrDefault(DeliveryState.Sent):N0} sent, {atKill.GetValueOrDefault(DeliveryState.Sending):N0} in flight | {phase1:0.0} | {received / phase1:0} |");
        Check(atKill.GetValueOrDefault(DeliveryState.Sending) <= Parallelism, $"{atKill.GetValueOrDefault(DeliveryState.Sending)} rows in flight at the kill, more than the parallelism {Parallelism}");

        // 3. Instance B (this process's portal) once the leases have run out: sends the rest.
        clock.Set(DateTime.UtcNow.AddSeconds(LeaseSeconds + 1));
        watch.Restart();
        var before = provider.Received;
        var runs = 0;
        var expired = 0;
        while (true)
        {
            await using var scope = host.Services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(default);
            runs++;
            expired += result.LeasesExpired;
            if (result.Delivered + result.Failed + result.Unknown + result.LeasesExpired == 0)
            {
                break;
            }
        }

        var phase2 = watch.Elapsed.TotalSeconds;
        var sentByB = provider.Received - before;
        var after = await CountAsync(batch);
        line($"| instance B (in-process), after the lease: {expired} expired leases marked unknown, the rest sent in {runs} dispatch runs | {sentByB:N0} sent | {phase2:0.0} | {sentByB / phase2:0} |");
        line("");

        // 4. The audit.
        var counts = provider.Counts();
        Dictionary<long, DeliveryState> states;
        await using (var db = database.Create(SystemPropertyScope.Instance))
        {
            states = await db.OutboxMessages.AsNoTracking().Where(m => m.Batch == batch).ToDictionaryAsync(m => m.Id, m => m.State);
        }

        var twice = counts.Count(c => c.Value > 1);
        var sentRows = states.Where(s => s.Value == DeliveryState.Sent).ToList();
        var unknownRows = states.Where(s => s.Value == DeliveryState.Unknown).ToList();
        var sentOnce = sentRows.Count(s => counts.GetValueOrDefault("pp-" + s.Key) == 1);
        line($"- rows at the end: {Describe(after)}");
        line($"- SMS requests received: {provider.Received:N0} for {counts.Count:N0} distinct rows; signatures invalid: {provider.BadSignatures}; rows texted twice: **{twice}**");
        line($"- sent rows received exactly once: {sentOnce:N0} of {sentRows.Count:N0}; unknown rows (in flight at the kill, left for an admin): {unknownRows.Count} — received by the provider: {unknownRows.Count(s => counts.ContainsKey("pp-" + s.Key))}");
        line($"- most SMS in one second (instance B): {provider.PeakPerSecond(since: DateTime.UtcNow.AddSeconds(-phase2))} (limit {options.Rate}/s)");
        Check(twice == 0, $"{twice} households were texted twice");
        Check(provider.BadSignatures == 0, $"{provider.BadSignatures} requests with a bad signature");
        Check(sentOnce == sentRows.Count && sentRows.Count + unknownRows.Count == total, $"{sentOnce:N0} of {sentRows.Count:N0} sent rows received once; {unknownRows.Count} unknown; {total:N0} in all");
        Check(unknownRows.Count <= Parallelism, $"{unknownRows.Count} unknown rows, more than the parallelism");
    }

    private static Dictionary<string, string> Settings(string endpoint, int rate) => new()
    {
        ["Notifications:Sms:Provider"] = "Aliyun",
        ["Notifications:Sms:Endpoint"] = endpoint,
        ["Notifications:Sms:AccessKeyId"] = FakeSms.AccessKeyId,
        ["Notifications:Sms:AccessKeySecret"] = FakeSms.AccessKeySecret,
        ["Notifications:Sms:SignName"] = "基准物业",
        ["Notifications:Sms:Templates:PaymentNotice"] = "SMS_900001",
        ["Notifications:Sms:RatePerSecond"] = rate.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Notifications:Sms:TimeoutSeconds"] = "10",
        ["Notifications:LeaseSeconds"] = LeaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Notifications:Parallelism"] = Parallelism.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private async Task<Dictionary<DeliveryState, int>> CountAsync(string batch)
    {
        await using var db = database.Create(SystemPropertyScope.Instance);
        return await db.OutboxMessages.AsNoTracking().Where(m => m.Batch == batch).GroupBy(m => m.State)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
    }

    private static string Describe(Dictionary<DeliveryState, int> counts) =>
        string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value:N0}"));

    private void Check(bool ok, string problem)
    {
        if (!ok)
        {
            line("");
            line($"**FAILED: {problem}**");
            throw new InvalidOperationException(problem);
        }
    }

    /// <summary>The SMS provider: counts each OutId and checks each signature with the portal's own signer.</summary>
    private sealed class FakeSms : IAsyncDisposable
    {
        public const string AccessKeyId = "LTAI-bench";
        public const string AccessKeySecret = "bench-secret";

        private readonly WebApplication _app;
        private readonly ConcurrentDictionary<string, int> _outIds = new();
        private readonly ConcurrentQueue<DateTime> _times = new();
        private int _received;
        private int _bad;

        private FakeSms(WebApplication app) => _app = app;

        public string Endpoint { get; private set; } = "";

        public int Received => Volatile.Read(ref _received);

        public int BadSignatures => Volatile.Read(ref _bad);

        public static async Task<FakeSms> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            var fake = new FakeSms(app);
            app.MapPost("/", fake.HandleAsync);
            await app.StartAsync();
            fake.Endpoint = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/";
            return fake;
        }

        private async Task HandleAsync(HttpContext http)
        {
            var form = await http.Request.ReadFormAsync();
            var parameters = form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
            if (AliyunSignature.Sign("POST", parameters, AccessKeySecret) != parameters.GetValueOrDefault("Signature"))
            {
                Interlocked.Increment(ref _bad);
            }

            _outIds.AddOrUpdate(parameters.GetValueOrDefault("OutId", ""), 1, (_, n) => n + 1);
            _times.Enqueue(DateTime.UtcNow);
            Interlocked.Increment(ref _received);
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync($$"""{"Message":"OK","RequestId":"{{Guid.NewGuid()}}","BizId":"{{Guid.NewGuid():N}}","Code":"OK"}""");
        }

        public Dictionary<string, int> Counts() => new(_outIds);

        public int PeakPerSecond(DateTime since) =>
            _times.Where(t => t >= since).GroupBy(t => t.Ticks / TimeSpan.TicksPerSecond).Select(g => g.Count()).DefaultIfEmpty(0).Max();

        /// <summary>Waits until <paramref name="count"/> requests arrived; returns when the first one did.</summary>
        public async Task<DateTime> WaitForAsync(int count, PortalProcess process, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (Received < count)
            {
                if (process.HasExited || DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException($"{Received:N0} of {count:N0} SMS arrived; the instance {(process.HasExited ? "exited" : "is too slow")}:\n{process.Output}");
                }

                await Task.Delay(20);
            }

            return _times.TryPeek(out var first) ? first : DateTime.UtcNow;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    /// <summary>The portal as a separate process on the bench database: the instance killed midway.</summary>
    private sealed class PortalProcess
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();

        private PortalProcess(Process process) => _process = process;

        public bool HasExited => _process.HasExited;

        public string Output
        {
            get
            {
                lock (_output)
                {
                    var text = _output.ToString();
                    return text.Length > 4000 ? text[^4000..] : text;
                }
            }
        }

        public static PortalProcess Start(string provider, string connectionString, Dictionary<string, string> settings)
        {
            var folder = Path.GetFullPath(Path.Combine("src", "PropertyPortal.Web", "bin", "Release", "net10.0"));
            var start = new ProcessStartInfo("dotnet", [Path.Combine(folder, "PropertyPortal.Web.dll")])
            {
                WorkingDirectory = folder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            var env = new Dictionary<string, string>(settings)
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
                ["Https:Required"] = "false",
                ["Database:Provider"] = provider,
                ["ConnectionStrings:Portal"] = Path.IsPathRooted(connectionString) || !connectionString.StartsWith("Data Source=", StringComparison.Ordinal)
                    ? connectionString
                    : "Data Source=" + Path.GetFullPath(connectionString["Data Source=".Length..]),
                ["Database:MigrateOnStartup"] = "false",
                ["Seed:Demo"] = "false",
                ["Logging:FilePath"] = "",
                ["Serilog:MinimumLevel:Default"] = "Warning",
                ["Scheduler:OutboxSeconds"] = "1",
                ["Scheduler:SweepSeconds"] = "3600",
                ["Scheduler:FeesMinutes"] = "1440",
                ["Scheduler:StatisticsHours"] = "24",
            };
            foreach (var (key, value) in env)
            {
                start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }

            var process = new Process { StartInfo = start };
            var instance = new PortalProcess(process);
            process.OutputDataReceived += (_, e) => instance.Append(e.Data);
            process.ErrorDataReceived += (_, e) => instance.Append(e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return instance;
        }

        private void Append(string? text)
        {
            if (text is not null)
            {
                lock (_output)
                {
                    _output.AppendLine(text);
                }
            }
        }

        public async Task KillAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync();
            _process.Dispose();
        }
    }
}
