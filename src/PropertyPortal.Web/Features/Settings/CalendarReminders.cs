using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Settings;

/// <summary>An open clock of a year still to be loaded, as the admin's home shows it.</summary>
public sealed record CalendarDuty(int Year, DateTime StartedAt, DateTime DueAt, int Properties);

/// <summary>
/// The admins' clock for next year's holidays (issue 15): from the reminder's day (1 November unless an admin set
/// another, <see cref="CalendarReminderSetting"/>) a job starts, once, a clock per active property for next year
/// while that year is not loaded — each property's working-day deadlines depend on it — and loading the year meets
/// them all. Until then the admins hear the warning and the breach (<see cref="SlaLadder.CalendarLoad"/>).
/// </summary>
public sealed class CalendarReminders(PortalDbContext db, CaseClocks caseClocks)
{
    public async Task<CalendarReminderSetting> SettingAsync(CancellationToken ct) =>
        await db.CalendarReminders.FirstOrDefaultAsync(ct) ?? new CalendarReminderSetting();

    /// <summary>Starts the clocks of next year when its reminder day has come and it is not loaded. Idempotent.</summary>
    /// <returns>How many clocks were started.</returns>
    public async Task<int> StartDueAsync(DateTime nowUtc, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(PortalClock.ToLocal(nowUtc));
        var setting = await SettingAsync(ct);
        var startsOn = setting.StartsOn(today.Year);
        var year = today.Year + 1;
        if (today < startsOn || await db.CalendarYears.AnyAsync(y => y.Year == year, ct))
        {
            return 0;
        }

        var subject = CalendarYearDuty.SubjectOf(year);
        var properties = await db.Properties.AsNoTracking().Where(p => p.IsActive && !db.SlaClocks.Any(c => c.PropertyId == p.Id && c.SubjectId == subject))
            .OrderBy(p => p.Code).Select(p => p.Id).ToListAsync(ct);
        var startUtc = PortalClock.ToUtc(startsOn.ToDateTime(TimeOnly.MinValue));
        foreach (var propertyId in properties)
        {
            CalendarYearDuty.Start(await caseClocks.ForNewCaseAsync(propertyId, ct), propertyId, year, startUtc, setting);
        }

        await db.SaveChangesAsync(ct);
        return properties.Count;
    }

    /// <summary>The year is loaded: every property's clock of it is met (saved by the caller's save of the year).</summary>
    public async Task MeetAsync(int year, DateTime nowUtc, CancellationToken ct)
    {
        // The clocks of one year are met alike at every property: no property's policy is needed to meet them.
        var clocks = await caseClocks.ForSubjectsAsync(Guid.Empty, [CalendarYearDuty.SubjectOf(year)], ct);
        clocks.MeetAll(SlaMilestone.CalendarLoad, nowUtc);
    }

    /// <summary>The open calendar clocks of last, this and next year, one line per year (for the admin's home).</summary>
    public async Task<IReadOnlyList<CalendarDuty>> OpenAsync(DateTime nowUtc, CancellationToken ct)
    {
        var year = PortalClock.ToLocal(nowUtc).Year;
        Guid[] subjects = [CalendarYearDuty.SubjectOf(year - 1), CalendarYearDuty.SubjectOf(year), CalendarYearDuty.SubjectOf(year + 1)];
        var open = await db.SlaClocks.AsNoTracking()
            .Where(c => subjects.Contains(c.SubjectId) && c.Milestone == SlaMilestone.CalendarLoad && (c.State == SlaClockState.Running || c.State == SlaClockState.Paused))
            .Select(c => new { c.SubjectId, c.StartedAt, c.DueAt }).ToListAsync(ct);
        return open.GroupBy(c => c.SubjectId)
            .Select(g => new CalendarDuty(CalendarYearDuty.YearOf(g.Key) ?? 0, g.Min(c => c.StartedAt), g.Min(c => c.DueAt), g.Count()))
            .OrderBy(d => d.Year).ToList();
    }
}
