using System.Globalization;

namespace PropertyPortal.Bench;

/// <summary>
/// Command line: --scenario search|repairs|billing|sms|reports [--rate N (sms: provider rate per second, 100)] --provider sqlite|postgres --connection CS [--units N]
/// [--properties N] [--orders N] [--runs N] [--batch N] [--reset] [--audit] [--out FILE] [--seed-only (repairs: seed and count, time nothing; bench/pages.sh)]. The billing
/// scenario defaults to one property of 50,000 units; reports to 10 properties of 5,000 units, 20 runs after 3 warm-ups; the others to 10 properties, 100,000 units.
/// </summary>
internal sealed record BenchOptions(
    string Scenario,
    string Provider,
    string Connection,
    int Units,
    int Properties,
    int Orders,
    int Runs,
    int Warmup,
    int Batch,
    bool Reset,
    bool Audit,
    bool Sql,
    string? Out,
    int Rate = 100,
    bool SeedOnly = false)
{
    public bool IsPostgres => Provider == "postgres";

    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        int Number(string name, int fallback) =>
            Value(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

        var provider = (Value("--provider") ?? "sqlite").ToLowerInvariant();
        if (provider is not ("sqlite" or "postgres"))
        {
            throw new ArgumentException("--provider must be sqlite or postgres");
        }

        var connection = Value("--connection")
            ?? (provider == "sqlite" ? "Data Source=bench/results/bench.db" : throw new ArgumentException("--connection is required for postgres"));

        var scenario = (Value("--scenario") ?? "search").ToLowerInvariant();
        if (scenario is not ("search" or "repairs" or "billing" or "sms" or "reports"))
        {
            throw new ArgumentException("--scenario must be search, repairs, billing, sms or reports");
        }

        // Billing (and its SMS) bills one property: the 50,000 units in one 项目.
        var billing = scenario is "billing" or "sms";
        // Reports: the 50,000 units billed monthly, in 10 properties.
        var reports = scenario == "reports";
        var units = Number("--units", billing || reports ? 50_000 : 100_000);
        var properties = Number("--properties", billing ? 1 : 10);
        if (units % properties != 0 || units / properties % 500 != 0)
        {
            throw new ArgumentException("--units must be a multiple of 500 × --properties (each building holds 500 units)");
        }

        var orders = Number("--orders", 200_000);
        if (orders % (20 * properties) != 0)
        {
            throw new ArgumentException("--orders must be a multiple of 20 × --properties (the seeder's mix repeats every 20 orders)");
        }

        return new BenchOptions(scenario, provider, connection, units, properties, orders, Number("--runs", reports ? 20 : 200), Number("--warmup", reports ? 3 : 20),
            Number("--batch", 2_000), args.Contains("--reset"), args.Contains("--audit"), args.Contains("--sql"), Value("--out"), Number("--rate", 100),
            args.Contains("--seed-only"));
    }
}
