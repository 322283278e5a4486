using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Bench;

/// <summary>
/// Migrates an empty database and seeds 100,000 units with their households; then either times the
/// household searches 200 times each, as a company-wide user and as a user of one property
/// (--scenario search), or seeds 200,000 repair orders and times the desk's pages and the SLA sweep
/// (--scenario repairs, <see cref="RepairsBench"/>), or bills one property of 50,000 units
/// (--scenario billing, <see cref="BillingBench"/>), or sends that run's 50,000 payment-notice SMS through the
/// outbox with an instance killed midway (--scenario sms, <see cref="SmsBench"/>), or seeds 13 months of repairs and
/// 12 of bills and times the monthly report and the dashboard (--scenario reports, <see cref="ReportsBench"/>). Usage: bench/run.sh. The
/// cluster soak's load and audit (--scenario cluster, <see cref="Cluster.ClusterLoad"/>) runs against live
/// instances: scripts/cluster.sh.
/// </summary>
internal static class BenchMain
{
    public static async Task<int> Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        Console.OutputEncoding = Encoding.UTF8;
        switch (args.SkipWhile(a => a != "--scenario").Skip(1).FirstOrDefault())
        {
            case "cluster":
                // Load and audit over HTTP against running instances (scripts/cluster.sh); nothing to seed here.
                return await Cluster.ClusterLoad.RunAsync(args);
            case "profile":
                // Reads a dotnet-trace file of a running portal (bench/profile.sh); no database.
                return TraceBreakdown.Run(args);
        }

        var options = BenchOptions.Parse(args);
        var database = new BenchDatabase(options);
        var report = new StringBuilder();
        void Line(string text = "")
        {
            Console.WriteLine(text);
            report.AppendLine(text);
        }

        Line($"# PropertyPortal {options.Scenario} benchmark — {options.Provider}");
        Line();
        Line($"- when: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        Line($"- load average at start (other work on the machine): {Measure.LoadAverage()}");
        Line($"- data: {options.Units:N0} units in {options.Properties} properties, one owner household (customer + occupancy) per unit, 30 % with a second phone; audit interceptor {(options.Audit ? "on" : "off")} while seeding");

        var migrate = Stopwatch.StartNew();
        await database.MigrateAsync();
        Line($"- migrate: {migrate.Elapsed.TotalSeconds:0.0} s");

        var seeded = await new BenchSeeder(database, options).SeedAsync();
        if (seeded > TimeSpan.Zero)
        {
            Line($"- seed: {seeded.TotalSeconds:0.0} s ({options.Units / seeded.TotalSeconds:N0} households/s, batches of {options.Batch:N0})");
        }

        await database.AnalyzeAsync();
        var (units, customers, firstProperty) = await CountAsync(database);
        Line($"- rows: {units:N0} units, {customers:N0} customers; database size {await database.SizeBytesAsync() / 1024.0 / 1024.0:0.0} MB");

        try
        {
            switch (options.Scenario)
            {
                case "repairs":
                    await new RepairsBench(database, options, Line).RunAsync();
                    break;
                case "billing":
                    await new BillingBench(database, options, Line).RunAsync();
                    break;
                case "sms":
                    await new SmsBench(database, options, Line).RunAsync();
                    break;
                case "reports":
                    await new ReportsBench(database, options, Line).RunAsync();
                    break;
                default:
                    await SearchAsync(database, options, firstProperty, Line);
                    break;
            }
        }
        finally
        {
            // A failed check is reported too: the file says what failed.
            Line();
            Line($"- load average at end: {Measure.LoadAverage()}");
            if (options.Out is { } path)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
                await File.WriteAllTextAsync(path, report.ToString());
            }
        }

        return 0;
    }

    private static async Task SearchAsync(BenchDatabase database, BenchOptions options, Guid firstProperty, Action<string> line)
    {
        var terms = await SearchTerms.SampleAsync(database, 256);
        Measure.Collect();
        line($"- memory before searches: {Measure.Memory()}");
        line("");
        line($"{options.Runs} runs per row after {options.Warmup} warm-up runs; each run opens a fresh DbContext (as a request does), runs the query with its query filters, materialises ≤ {SearchQueries.Limit} rows.");
        line("");
        line("| scope | search | where | p50 ms | p95 ms | max ms | avg rows |");
        line("|---|---|---|---:|---:|---:|---:|");

        (string Name, IPropertyScope Scope)[] scopes =
        [
            ("all properties", SystemPropertyScope.Instance),
            ("one property", new BenchScope([firstProperty])),
        ];
        foreach (var (scopeName, scope) in scopes)
        {
            foreach (var query in SearchQueries.All)
            {
                var result = await TimeAsync(database, scope, query, terms.For(query.Name), options);
                line($"| {scopeName} | {query.Name} | `{query.Description}` | {result.P50:0.00} | {result.P95:0.00} | {result.Max:0.00} | {result.AverageRows:0.0} |");
            }
        }

        line("");
        line($"- memory after searches: {Measure.Memory()}");
        if (options.Sql)
        {
            await PrintSqlAsync(database, terms, line);
        }
    }

    private static async Task<(int Units, int Customers, Guid FirstProperty)> CountAsync(BenchDatabase database)
    {
        await using var db = database.Create(SystemPropertyScope.Instance);
        var first = await db.Properties.OrderBy(p => p.Code).Select(p => p.Id).FirstAsync();
        return (await db.Units.CountAsync(), await db.Customers.CountAsync(), first);
    }

    private static async Task<Timing> TimeAsync(BenchDatabase database, IPropertyScope scope, SearchQuery query, string[] terms, BenchOptions options)
    {
        var samples = new List<double>(options.Runs);
        long rows = 0;
        for (var i = 0; i < options.Warmup + options.Runs; i++)
        {
            var term = terms[i % terms.Length];
            var started = Stopwatch.GetTimestamp();
            await using (var db = database.Create(scope))
            {
                var found = await query.Build(db, term).ToListAsync();
                if (i >= options.Warmup)
                {
                    rows += found.Count;
                }
            }

            if (i >= options.Warmup)
            {
                samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        return Measure.Summarise(samples, (double)rows / options.Runs);
    }

    private static async Task PrintSqlAsync(BenchDatabase database, SearchTerms terms, Action<string> line)
    {
        await using var db = database.Create(new BenchScope([Guid.Empty]));
        foreach (var query in SearchQueries.All)
        {
            line("");
            line($"## {query.Name}");
            line("```sql");
            line(query.Build(db, terms.For(query.Name)[0]).ToQueryString());
            line("```");
        }
    }
}
