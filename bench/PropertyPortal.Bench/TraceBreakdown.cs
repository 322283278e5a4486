using System.Globalization;
using Microsoft.Diagnostics.Symbols;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Stacks;

namespace PropertyPortal.Bench;

/// <summary>
/// Where the portal process's own CPU goes (issue 21): reads a <c>dotnet-trace collect</c> file (EventPipe's sample
/// profiler, one sample per thread per millisecond) and sorts every sample that was running managed code into a
/// handful of costs — EF's query pipeline (cache lookup and compilation), materialisation and tracking, the ADO
/// provider, Razor, localization, encoding, authentication, logging, compression, Kestrel — by the nearest frame,
/// from the leaf up, that belongs to one of them. Frames of the base library (LINQ, collections, tasks) are not a
/// cost of their own: they count for whoever called them. Samples whose thread was in native code are left out
/// (EventPipe cannot tell native work from a native wait). What remains is thread time in managed code, which is not
/// quite CPU: a thread that spins on a lock, is suspended for a collection or waits for a core while the machine is
/// busy is sampled too, so the per-request figure can exceed the machine's CPU per request. The shares say where the
/// threads were. bench/pages.sh --profile drives it.
/// </summary>
internal static class TraceBreakdown
{
    /// <summary>A cost and the frame names (module!type.method) that belong to it; the first rule a frame matches wins.</summary>
    private static readonly (string Cost, Func<string, bool> Matches)[] Rules =
    [
        (Profiler, f => f.Contains("System.Diagnostics.Tracing", StringComparison.Ordinal) || f.Contains("EventPipe", StringComparison.Ordinal)),
        ("EF: query cache lookup and compilation", f => f.Contains("EntityFrameworkCore", StringComparison.Ordinal)
            && (f.Contains("QueryCompil", StringComparison.Ordinal) || f.Contains("Funcletizer", StringComparison.Ordinal)
                || f.Contains("ParameterExtracting", StringComparison.Ordinal) || f.Contains("ExpressionEqualityComparer", StringComparison.Ordinal)
                || f.Contains("QueryTranslat", StringComparison.Ordinal) || f.Contains("SqlGenerator", StringComparison.Ordinal)
                || f.Contains("ParameterBasedSqlProcessor", StringComparison.Ordinal) || f.Contains("CompiledQueryCache", StringComparison.Ordinal))),
        ("EF: materialisation and change tracking", f => f.Contains("EntityFrameworkCore", StringComparison.Ordinal)
            && (f.Contains("Shaper", StringComparison.Ordinal) || f.Contains("Materializ", StringComparison.Ordinal)
                || f.Contains("QueryingEnumerable", StringComparison.Ordinal) || f.Contains("ChangeTracking", StringComparison.Ordinal)
                || f.Contains("StateManager", StringComparison.Ordinal) || f.Contains("EntityEntry", StringComparison.Ordinal))),
        ("EF: the rest (context, command pipeline, interceptors)", f => f.Contains("EntityFrameworkCore", StringComparison.Ordinal)),
        ("ADO provider (Npgsql / Microsoft.Data.Sqlite)", f => f.StartsWith("Npgsql", StringComparison.Ordinal)
            || f.Contains("Microsoft.Data.Sqlite", StringComparison.Ordinal) || f.StartsWith("SQLitePCL", StringComparison.Ordinal)),
        ("Localization (resource lookups)", f => f.Contains("Microsoft.Extensions.Localization", StringComparison.Ordinal)
            || f.Contains("System.Resources", StringComparison.Ordinal) || f.Contains("Localiz", StringComparison.Ordinal)),
        ("HTML and text encoding", f => f.Contains("System.Text.Encodings.Web", StringComparison.Ordinal)
            || f.Contains("System.Text.Unicode", StringComparison.Ordinal) || f.Contains("System.Text.UTF8Encoding", StringComparison.Ordinal)),
        ("Razor views and view rendering", f => f.Contains("AspNetCoreGeneratedDocument", StringComparison.Ordinal)
            || f.Contains("Microsoft.AspNetCore.Mvc.Razor", StringComparison.Ordinal) || f.Contains("Microsoft.AspNetCore.Mvc.ViewFeatures", StringComparison.Ordinal)
            || f.Contains("Microsoft.AspNetCore.Razor", StringComparison.Ordinal) || f.Contains("Microsoft.AspNetCore.Html", StringComparison.Ordinal)),
        ("Authentication, antiforgery, data protection", f => f.Contains("Microsoft.AspNetCore.Authentication", StringComparison.Ordinal)
            || f.Contains("Microsoft.AspNetCore.Authorization", StringComparison.Ordinal) || f.Contains("Microsoft.AspNetCore.Identity", StringComparison.Ordinal)
            || f.Contains("DataProtection", StringComparison.Ordinal) || f.Contains("Antiforgery", StringComparison.Ordinal)
            || f.Contains("System.Security.Cryptography", StringComparison.Ordinal)),
        ("Logging (Serilog, request log)", f => f.StartsWith("Serilog", StringComparison.Ordinal) || f.Contains("Microsoft.Extensions.Logging", StringComparison.Ordinal)
            || f.Contains("RequestLogging", StringComparison.Ordinal)),
        ("Response compression", f => f.Contains("ResponseCompression", StringComparison.Ordinal) || f.Contains("System.IO.Compression", StringComparison.Ordinal)),
        ("JSON", f => f.Contains("System.Text.Json", StringComparison.Ordinal)),
        ("MVC: routing, binding, filters, actions", f => f.Contains("Microsoft.AspNetCore.Mvc", StringComparison.Ordinal)
            || f.Contains("Microsoft.AspNetCore.Routing", StringComparison.Ordinal)),
        ("Dependency injection", f => f.Contains("Microsoft.Extensions.DependencyInjection", StringComparison.Ordinal)),
        ("Portal code (features, helpers)", f => f.StartsWith("PropertyPortal", StringComparison.Ordinal)),
        ("Kestrel, HTTP, pipelines, static files", f => f.Contains("Microsoft.AspNetCore", StringComparison.Ordinal)
            || f.Contains("System.IO.Pipelines", StringComparison.Ordinal)),
    ];

    /// <summary>
    /// The trace's own cost: when a session starts every EventSource in the process writes its manifest, reading its events'
    /// attributes by reflection — a quarter of a 15-second trace's samples. Left out of the figures.
    /// </summary>
    private const string Profiler = "the profiler itself";

    private const string Unattributed = "Runtime and base library alone (thread pool, timers, async machinery)";

    /// <summary>A frame as a table shows it: type and method without module, namespace or arguments.</summary>
    private static string Short(string frame)
    {
        var method = frame[(frame.IndexOf('!', StringComparison.Ordinal) + 1)..];
        var args = method.IndexOf('(', StringComparison.Ordinal);
        method = args > 0 ? method[..args] : method;
        var parts = method.Split('.');
        return parts.Length > 2 ? string.Join('.', parts[^2..]) : method;
    }

    public static int Run(string[] args)
    {
        string? Value(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        var trace = Value("--trace") ?? throw new ArgumentException("--trace FILE.nettrace is required");
        var requests = Value("--requests") is { } r ? long.Parse(r, CultureInfo.InvariantCulture) : 0;
        var title = Value("--title") ?? Path.GetFileNameWithoutExtension(trace);

        var etlx = TraceLog.CreateFromEventPipeDataFile(trace);
        try
        {
            using var symbols = new SymbolReader(TextWriter.Null) { SymbolPath = "" };
            using var log = new TraceLog(etlx);
            var source = new MutableTraceEventStackSource(log) { OnlyManagedCodeStacks = true };
            new SampleProfilerThreadTimeComputer(log, symbols).GenerateThreadTimeStacks(source);

            var costs = new Dictionary<string, double>();
            var leaves = new Dictionary<string, double>();
            double cpu = 0, other = 0, profiler = 0;
            source.ForEach(sample =>
            {
                var stack = sample.StackIndex;
                if (source.GetFrameName(source.GetFrameIndex(stack), false) != "CPU_TIME")
                {
                    other += sample.Metric;
                    return;
                }

                cpu += sample.Metric;
                var cost = Unattributed;
                string? leaf = null, owner = null;
                for (stack = source.GetCallerIndex(stack); stack != StackSourceCallStackIndex.Invalid; stack = source.GetCallerIndex(stack))
                {
                    var frame = source.GetFrameName(source.GetFrameIndex(stack), false);
                    if (frame.StartsWith("Thread (", StringComparison.Ordinal) || frame.StartsWith("Process", StringComparison.Ordinal))
                    {
                        break;
                    }

                    leaf ??= frame;
                    if (Array.Find(Rules, rule => rule.Matches(frame)).Cost is { } found)
                    {
                        cost = found;
                        owner = frame;
                        break;
                    }
                }

                if (cost == Profiler)
                {
                    cpu -= sample.Metric;
                    profiler += sample.Metric;
                    return;
                }

                costs[cost] = costs.GetValueOrDefault(cost) + sample.Metric;
                if (leaf is not null)
                {
                    // The hot method and, when it is the base library's, the first frame above it that is someone's cost.
                    var key = owner is null || owner == leaf ? Short(leaf) : $"{Short(leaf)} ← {Short(owner)}";
                    leaves[key] = leaves.GetValueOrDefault(key) + sample.Metric;
                }
            });

            Console.WriteLine($"### Where the portal process's threads were: {title}");
            Console.WriteLine();
            Console.WriteLine($"{cpu:N0} ms of thread time in managed code sampled ({other:N0} ms of thread time in native code or waiting and {profiler:N0} ms of the profiler's own left out)"
                + (requests > 0 ? $"; {requests:N0} requests, **{cpu / requests:0.00} ms of it per request**." : "."));
            Console.WriteLine();
            Console.WriteLine("| where | ms | share |" + (requests > 0 ? " ms per request |" : ""));
            Console.WriteLine("|---|---:|---:|" + (requests > 0 ? "---:|" : ""));
            foreach (var (cost, ms) in costs.OrderByDescending(c => c.Value))
            {
                Console.WriteLine($"| {cost} | {ms:N0} | {100 * ms / cpu:0.0} % |" + (requests > 0 ? $" {ms / requests:0.000} |" : ""));
            }

            Console.WriteLine();
            Console.WriteLine("Hottest methods (exclusive, managed; ← the first caller that is one of the costs above):");
            Console.WriteLine();
            Console.WriteLine("| method | share |");
            Console.WriteLine("|---|---:|");
            foreach (var (method, ms) in leaves.OrderByDescending(l => l.Value).Take(20))
            {
                Console.WriteLine($"| `{method}` | {100 * ms / cpu:0.0} % |");
            }

            return 0;
        }
        finally
        {
            File.Delete(etlx);
        }
    }
}
