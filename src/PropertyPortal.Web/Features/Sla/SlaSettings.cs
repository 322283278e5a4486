using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Sla;

/// <summary>
/// Loads what a case needs to run its clocks: the property's <see cref="SlaPolicy"/> (defaults when
/// the admin has not saved one) and the business calendar. The calendar is a few hundred rows and
/// changes a few times a year, so it is cached for a minute per instance; an admin's edit clears the
/// cache of the instance that made it, the others follow within the minute.
/// </summary>
public sealed class SlaSettings(PortalDbContext db, IMemoryCache cache)
{
    private const string CalendarKey = "sla:calendar";

    public async Task<SlaContext> ContextForAsync(Guid propertyId, CancellationToken ct) =>
        new(await PolicyForAsync(propertyId, ct), await CalendarAsync(ct));

    /// <summary>The saved policy with its ladders per milestone (tracked, so an admin can edit it) or an unsaved default.</summary>
    public async Task<SlaPolicy> PolicyForAsync(Guid propertyId, CancellationToken ct) =>
        await db.SlaPolicies.Include(p => p.Ladders).FirstOrDefaultAsync(p => p.PropertyId == propertyId, ct) ?? SlaPolicy.CreateDefault(propertyId);

    public async Task<BusinessCalendar> CalendarAsync(CancellationToken ct)
    {
        if (cache.TryGetValue(CalendarKey, out BusinessCalendar? cached) && cached is not null)
        {
            return cached;
        }

        var days = await db.CalendarDays.AsNoTracking().Select(d => new { d.Date, d.Kind }).ToListAsync(ct);
        var years = await db.CalendarYears.AsNoTracking().Select(y => y.Year).ToListAsync(ct);
        var hours = await db.ServiceHours.AsNoTracking().OrderBy(h => h.Id).FirstOrDefaultAsync(ct) ?? new ServiceHoursSetting();
        var calendar = new BusinessCalendar(
            days.Select(d => KeyValuePair.Create(d.Date, d.Kind)), years, hours.Workday, hours.RestDay, PortalClock.Zone);
        cache.Set(CalendarKey, calendar, TimeSpan.FromMinutes(1));
        return calendar;
    }

    /// <summary>Call after editing the calendar or the service hours.</summary>
    public void CalendarChanged() => cache.Remove(CalendarKey);
}
