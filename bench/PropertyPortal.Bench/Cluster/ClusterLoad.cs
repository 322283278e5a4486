using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Bench.Cluster;

/// <summary>
/// The cluster soak's load and audit (scripts/cluster.sh starts nginx, two portal instances and
/// PostgreSQL, and kills one instance in the middle): N clerks, each signed in as their own front-desk
/// user, work through nginx for the given time; then the database is audited for exactly once —
/// every clock's warnings, breaches and escalations fired once and none left behind, every notification
/// queued and delivered once, receipts gap-free and not doubled, and every contact, repair and payment
/// the clerks were told "done" present exactly once. Exit code 1 when the audit or the load failed.
/// </summary>
internal static class ClusterLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = ClusterOptions.Parse(args);
        var report = new StringBuilder();
        void Line(string text = "")
        {
            Console.WriteLine(text);
            report.AppendLine(text);
        }

        Line($"# PropertyPortal cluster soak — {options.Clerks} clerks × {options.Duration.TotalSeconds:0} s through {options.Url}");
        Line();
        Line($"- when: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; machine: {Environment.ProcessorCount} cores; load average at start: {Measure.LoadAverage()}");

        var place = await WorkplaceAsync(options);
        var users = await EnsureClerksAsync(options, place);
        Line($"- {users.Count} front-desk users (clerk01 …), {place.Units.Count} households' units to work on");

        var samples = new ConcurrentQueue<(DateTime At, Sample Sample)>();
        var failures = new ConcurrentQueue<Failure>();
        var book = new Ledgerbook();
        var loads = new List<string>();
        using var stop = new CancellationTokenSource();

        // scripts/cluster.sh waits for this line to time the kill from the start of the load, not of the setup.
        Console.WriteLine("LOAD STARTED");
        var started = DateTime.UtcNow;
        var until = started + options.Duration;
        var clerks = users.Select((u, i) => new Clerk(i + 1, u, place, options, book, s => samples.Enqueue((DateTime.UtcNow, s)), failures.Enqueue)).ToList();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                loads.Add($"{(DateTime.UtcNow - started).TotalSeconds:0} s: {Measure.LoadAverage()}");
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(Math.Max(10, options.Duration.TotalSeconds / 10)), stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        });

        // Clerks arrive over the first few seconds, not in one burst.
        var ramp = TimeSpan.FromSeconds(Math.Min(10, options.Duration.TotalSeconds / 10));
        var running = clerks.Select((c, i) => Task.Run(async () =>
        {
            await Task.Delay(ramp * i / clerks.Count);
            await c.RunAsync(until, CancellationToken.None);
        })).ToList();
        await Task.WhenAll(running);
        await stop.CancelAsync();
        await sampler;
        var elapsed = DateTime.UtcNow - started;
        Line($"- load ran {elapsed.TotalSeconds:0} s; load average at end: {Measure.LoadAverage()}");
        Line($"- load average during the run: {string.Join("; ", loads)}");
        if (options.Events is { } eventsFile && File.Exists(eventsFile))
        {
            foreach (var e in await File.ReadAllLinesAsync(eventsFile))
            {
                var parts = e.Split(' ', 2);
                var at = DateTimeOffset.FromUnixTimeSeconds(long.Parse(parts[0], CultureInfo.InvariantCulture)).UtcDateTime;
                Line($"- at {(at - started).TotalSeconds:0} s: {parts[1]}");
            }
        }

        Line();
        var ok = PrintLoad(Line, samples.Select(s => s.Sample).ToList(), failures.ToList(), book, clerks.Sum(c => c.Resubmits), elapsed);

        Line();
        Line("## Exactly-once audit (database)");
        Line();
        var settled = await ClusterAudit.SettleAsync(options);
        Line($"- after the load: waited {settled.TotalSeconds:0} s for the last sweep and deliveries");
        Line();
        var audit = await ClusterAudit.RunAsync(options, book, started, Line);
        Line();
        Line(ok && audit ? "RESULT: PASS" : $"RESULT: FAIL ({(ok ? "" : "load errors ")}{(audit ? "" : "audit")})");
        if (options.Out is { } path)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            await File.WriteAllTextAsync(path, report.ToString());
        }

        return ok && audit ? 0 : 1;
    }

    private static bool PrintLoad(Action<string> line, List<Sample> samples, List<Failure> failures, Ledgerbook book, int resubmits, TimeSpan elapsed)
    {
        var answered = samples.Where(s => s.Status != 0).ToList();
        var gateway = samples.Count(s => s.Status is 502 or 503 or 504 || s.Status == 0);
        var serverErrors = samples.Count(s => s.Status is 500 or 501 or > 504);
        line("## Load");
        line("");
        line($"- requests: {samples.Count:N0} ({samples.Count / elapsed.TotalSeconds:0.0}/s); errors: **{failures.Count + serverErrors}** " +
             $"(actions that failed after the clerk's retries: {failures.Count}; answers 500: {serverErrors})");
        line($"- gateway errors or dropped connections during the kill (502/503/504/reset), each reloaded or resubmitted with the same form: {gateway}; resubmits and reloads: {resubmits}");
        line($"- done and confirmed by a redirect: {book.Contacts.Count} contacts, {book.Repairs.Count} repair orders, {book.Payments.Count} payments; " +
             $"double clicks: {book.DoubleClicks}, of which answered with two different records: {book.SplitAnswers.Count}");
        line("");
        line("| page | requests | p50 ms | p95 ms | max ms |");
        line("|---|---:|---:|---:|---:|");
        foreach (var group in answered.GroupBy(s => s.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var t = Measure.Summarise(group.Select(s => s.Ms).ToList());
            line($"| {group.Key} | {group.Count():N0} | {t.P50:0} | {t.P95:0} | {t.Max:0} |");
        }

        if (answered.Count > 0)
        {
            var all = Measure.Summarise(answered.Select(s => s.Ms).ToList());
            line($"| **all clerk pages** | {answered.Count:N0} | {all.P50:0} | {all.P95:0} | {all.Max:0} |");
            var firstTry = answered.Where(s => !s.Retry && s.Status is < 500).Select(s => s.Ms).ToList();
            if (firstTry.Count > 0)
            {
                var t = Measure.Summarise(firstTry);
                line($"| all, first tries answered below 500 | {firstTry.Count:N0} | {t.P50:0} | {t.P95:0} | {t.Max:0} |");
            }
        }

        foreach (var f in failures.Take(20))
        {
            line($"- failed: {f.Kind} {f.Url}: {f.Detail}");
        }

        foreach (var s in book.SplitAnswers.Take(20))
        {
            line($"- double click split: {s}");
        }

        return failures.Count == 0 && serverErrors == 0 && book.SplitAnswers.IsEmpty;
    }

    private static PortalDbContext Db(ClusterOptions options) =>
        new PostgresPortalDbContext(new DbContextOptionsBuilder<PostgresPortalDbContext>().UseNpgsql(options.Connection).Options, SystemPropertyScope.Instance);

    private static async Task<Workplace> WorkplaceAsync(ClusterOptions options)
    {
        await using var db = Db(options);
        var property = await db.Properties.Where(p => p.Code == "CHHY").Select(p => p.Id).SingleAsync();
        var units = await db.Occupancies.Where(o => o.PropertyId == property && o.EndDate == null).Select(o => o.UnitId).Distinct().OrderBy(u => u).Take(200).ToListAsync();
        var phones = await db.Customers.Where(c => c.PropertyId == property).OrderBy(c => c.Id).Select(c => c.PhoneLast4).Where(p => p != null).Take(200).ToListAsync();
        var numbers = await db.Units.Where(u => u.PropertyId == property && u.Type == UnitType.Residence).OrderBy(u => u.Number).Select(u => u.Number).Take(100).ToListAsync();
        return new Workplace(property, units, [.. phones.OfType<string>(), .. numbers]);
    }

    /// <summary>clerk01 … clerkNN, front desk of 翠湖花园, created by the admin through /Users/Create when missing.</summary>
    private static async Task<List<string>> EnsureClerksAsync(ClusterOptions options, Workplace place)
    {
        var names = Enumerable.Range(1, options.Clerks).Select(i => $"clerk{i:D2}").ToList();
        List<string> existing;
        await using (var db = Db(options))
        {
            existing = await db.Users.Where(u => names.Contains(u.UserName!)).Select(u => u.UserName!).ToListAsync();
        }

        var missing = names.Except(existing).ToList();
        if (missing.Count == 0)
        {
            return names;
        }

        var watch = Stopwatch.StartNew();
        using var admin = new Browser(options.Url, _ => { });
        var login = await admin.PageAsync("login", "/Account/Login", CancellationToken.None);
        var (action, values) = Browser.ReadForm(login, "form[action*='Login']", new Dictionary<string, string> { ["UserName"] = "admin", ["Password"] = ClusterOptions.Password }, "/Account/Login");
        await admin.SubmitAsync("login", action, values, CancellationToken.None);
        // Four at a time: hashing a password is the slow part, and the instances have two cores between them.
        await Parallel.ForEachAsync(missing, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (name, ct) =>
        {
            var page = await admin.PageAsync("user form", "/Users/Create", ct);
            var (create, fields) = Browser.ReadForm(page, "main form[method='post']", new Dictionary<string, string>
            {
                ["UserName"] = name, ["DisplayName"] = "负载" + name, ["Password"] = ClusterOptions.Password,
            }, "/Users/Create");
            fields.RemoveAll(f => f.Key is "Roles" or "PropertyIds" or "AllProperties");
            fields.Add(new("Roles", "FrontDesk"));
            fields.Add(new("PropertyIds", place.PropertyId.ToString()));
            await admin.SubmitAsync("user save", create, fields, ct);
        });

        Console.WriteLine($"- created {missing.Count} clerk users in {watch.Elapsed.TotalSeconds:0} s");
        return names;
    }
}
