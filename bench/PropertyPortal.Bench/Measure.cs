using System.Diagnostics;

namespace PropertyPortal.Bench;

/// <summary>Percentiles, memory and machine load, shared by every scenario.</summary>
internal static class Measure
{
    public static Timing Summarise(List<double> samples, double averageRows = 0)
    {
        samples.Sort();
        return new Timing(Percentile(samples, 0.50), Percentile(samples, 0.95), samples[^1], averageRows);
    }

    public static double Percentile(List<double> sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    public static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    public static string Memory()
    {
        using var process = Process.GetCurrentProcess();
        return $"working set {process.WorkingSet64 / 1048576.0:0} MB, peak {process.PeakWorkingSet64 / 1048576.0:0} MB, managed heap {GC.GetTotalMemory(false) / 1048576.0:0} MB";
    }

    /// <summary>
    /// Starts a new peak for <see cref="PeakWorkingSetMB"/> (Linux: writing 5 to /proc/self/clear_refs
    /// resets VmHWM, which is what the runtime reads as the peak working set). False where unsupported:
    /// the peak then stays the process's since start.
    /// </summary>
    public static bool ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static double PeakWorkingSetMB()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64 / 1048576.0;
    }

    /// <summary>1/5/15-minute load (Linux); on a 2-core machine anything above 2 means the bench shared the CPU.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}

internal sealed record Timing(double P50, double P95, double Max, double AverageRows);
