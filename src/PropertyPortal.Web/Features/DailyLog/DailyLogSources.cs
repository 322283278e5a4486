namespace PropertyPortal.Web.Features.DailyLog;

/// <summary>
/// A case opened or closed on a property's day, as the daily log lists it: its kind (already in the user's language),
/// number and page, when, for whom, a few words, its status now, and a flag worth the supervisor's eye (特急, 重大 …).
/// </summary>
public sealed record DayCase(string Kind, string Number, DateTime At, string Who, string? What, string Status, string Link, string? Flag = null);

public sealed record DayCases(IReadOnlyList<DayCase> Opened, IReadOnlyList<DayCase> Closed)
{
    public static readonly DayCases None = new([], []);
}

/// <summary>
/// A feature's cases in the daily log (工作日志, §3.1: every case opened or closed that day). Implement it in the
/// feature's folder and register it (<c>services.AddScoped&lt;IDailyLogSource, XDayCases&gt;()</c>); the day's
/// breaches and escalations come from the clocks, named by <see cref="Sla.SlaSubjects"/>, for every kind alike.
/// </summary>
public interface IDailyLogSource
{
    /// <summary>The property's cases opened and closed in [<paramref name="fromUtc"/>, <paramref name="toUtc"/>).</summary>
    Task<DayCases> ForDayAsync(Guid propertyId, DateTime fromUtc, DateTime toUtc, CancellationToken ct);
}
