using PropertyPortal.Domain.Sla;

namespace PropertyPortal.Domain.Renovations;

public enum RenovationPatrolHalf { Morning, Afternoon }

/// <summary>One half of a service day in which a running renovation's site is patrolled once (UTC instants).</summary>
public sealed record RenovationPatrolWindow(DateOnly Date, RenovationPatrolHalf Half, DateTime StartUtc, DateTime DueUtc);

/// <summary>
/// 物业服务中心每天两次组织巡视装修施工现场 (004 §五.八③): each day the service desk is open is cut in two
/// windows — the morning from the desk's opening to <see cref="SlaPolicy.RenovationPatrolMorningBy"/> (12:00), the
/// afternoon from then to <see cref="SlaPolicy.RenovationPatrolAfternoonBy"/> or, when that is not set, the close of
/// the service day. A day the desk is closed (no rest-day hours) has no window; a window that would be empty is left out.
/// </summary>
public static class RenovationPatrolWindows
{
    /// <summary>The windows of one China date, in order.</summary>
    public static IReadOnlyList<RenovationPatrolWindow> On(DateOnly date, SlaContext context)
    {
        if (context.Calendar.HoursOn(date) is not { } hours)
        {
            return [];
        }

        var policy = context.Policy;
        var morningBy = policy.RenovationPatrolMorningBy;
        var afternoonBy = policy.RenovationPatrolAfternoonBy ?? hours.Close;
        var windows = new List<RenovationPatrolWindow>(2);
        if (morningBy > hours.Open)
        {
            windows.Add(new(date, RenovationPatrolHalf.Morning, Utc(date, hours.Open), Utc(date, morningBy)));
        }

        var afternoonFrom = morningBy > hours.Open ? morningBy : hours.Open;
        if (afternoonBy > afternoonFrom)
        {
            windows.Add(new(date, RenovationPatrolHalf.Afternoon, Utc(date, afternoonFrom), Utc(date, afternoonBy)));
        }

        return windows;

        DateTime Utc(DateOnly d, TimeOnly t) => context.Calendar.ToUtc(d.ToDateTime(t));
    }

    /// <summary>The window <paramref name="nowUtc"/> falls in (from its start up to and including its due instant), if any.</summary>
    public static RenovationPatrolWindow? At(DateTime nowUtc, SlaContext context) =>
        On(DateOnly.FromDateTime(context.Calendar.ToLocal(nowUtc)), context).FirstOrDefault(w => w.StartUtc <= nowUtc && nowUtc <= w.DueUtc);
}
