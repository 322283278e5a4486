using System.Globalization;

namespace PropertyPortal.Bench.Cluster;

/// <summary>
/// Command line of the cluster load (scripts/cluster.sh passes it): --scenario cluster --url URL
/// --connection CS (the portal's PostgreSQL database, for setup and the audit) [--clerks 50]
/// [--seconds 600] [--think-ms 1500] [--double-percent 5] [--settle-seconds 120] [--out FILE]
/// [--events FILE] (lines "unix-seconds text" the script appends while the load runs: the kill and restart).
/// </summary>
internal sealed record ClusterOptions(Uri Url, string Connection, int Clerks, TimeSpan Duration, TimeSpan Think, int DoublePercent, TimeSpan Settle,
    string? Out, string? Events)
{
    public const string Password = "Demo@12345";

    public static ClusterOptions Parse(string[] args)
    {
        string? Value(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        int Number(string name, int fallback) => Value(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

        return new ClusterOptions(
            new Uri(Value("--url") ?? throw new ArgumentException("--url is required (nginx in front of the instances)")),
            Value("--connection") ?? throw new ArgumentException("--connection is required (the portal's PostgreSQL database)"),
            Number("--clerks", 50),
            TimeSpan.FromSeconds(Number("--seconds", 600)),
            TimeSpan.FromMilliseconds(Number("--think-ms", 1500)),
            Number("--double-percent", 5),
            TimeSpan.FromSeconds(Number("--settle-seconds", 120)),
            Value("--out"),
            Value("--events"));
    }
}
