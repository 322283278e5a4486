using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Settings;

/// <summary>
/// 工作日历: the statutory holidays and make-up working days per year, and the service desk's hours.
/// Working-day deadlines are computed from this data, so every edit clears the cached calendar
/// (<see cref="SlaSettings.CalendarChanged"/>).
/// </summary>
[Authorize(Policy = Policies.Administration)]
[Route("Settings/Calendar/{action=Index}/{id?}")]
public sealed class CalendarController(PortalDbContext db, SlaSettings settings, CalendarReminders reminders, IStringLocalizer<SettingsText> t, ILogger<CalendarController> logger)
    : PortalController
{
    [HttpGet]
    public async Task<IActionResult> Index(int? year, CancellationToken ct) =>
        View(await PageAsync(year ?? Today.Year, new CalendarDayForm(), ct));

    [HttpPost]
    public async Task<IActionResult> AddDay(CalendarDayForm addDay, CancellationToken ct)
    {
        var year = addDay.Date?.Year ?? Today.Year;
        if (ModelState.IsValid && await db.CalendarDays.AnyAsync(d => d.Date == addDay.Date, ct))
        {
            ModelState.AddModelError("AddDay.Date", t["Calendar.DayExists"]);
        }

        if (ModelState.IsValid)
        {
            await TrySaveAsync(db, () => db.CalendarDays.Add(new CalendarDay(addDay.Date!.Value, addDay.Kind, addDay.Name)), "AddDay.Date");
        }

        if (!ModelState.IsValid)
        {
            return View(nameof(Index), await PageAsync(year, addDay, ct));
        }

        settings.CalendarChanged();
        logger.LogInformation("Calendar day {Date} ({Kind}) added by {User}", addDay.Date, addDay.Kind, User.Identity?.Name);
        Flash(t["Calendar.DayAdded", CalendarListParser.Format(addDay.Date!.Value)]);
        return RedirectToAction(nameof(Index), new { year });
    }

    [HttpPost]
    public async Task<IActionResult> RemoveDay(Guid id, CancellationToken ct)
    {
        var day = await db.CalendarDays.FirstOrDefaultAsync(d => d.Id == id, ct);
        if (day is null)
        {
            return NotFound();
        }

        db.CalendarDays.Remove(day);
        await db.SaveChangesAsync(ct);
        settings.CalendarChanged();
        logger.LogInformation("Calendar day {Date} removed by {User}", day.Date, User.Identity?.Name);
        Flash(t["Calendar.DayRemoved", CalendarListParser.Format(day.Date)]);
        return RedirectToAction(nameof(Index), new { year = day.Date.Year });
    }

    [HttpGet]
    public async Task<IActionResult> Load(int? year, CancellationToken ct)
    {
        if (year is null)
        {
            // The year an admin most likely came to load: the first of this year and next that is missing.
            var loaded = await db.CalendarYears.Select(y => y.Year).ToListAsync(ct);
            year = new[] { Today.Year, Today.Year + 1 }.FirstOrDefault(y => !loaded.Contains(y), Today.Year + 1);
        }

        return View(new CalendarLoadForm { Year = year });
    }

    /// <summary>
    /// Loads a whole year from pasted text. All or nothing: any bad line, or a year already there without
    /// "replace", saves nothing; a replacement swaps the year's days in one transaction.
    /// </summary>
    [HttpPost]
    public async Task<IActionResult> Load(CalendarLoadForm form, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return View(form);
        }

        var year = form.Year!.Value;
        var list = CalendarListParser.Parse(form.Text, year);
        foreach (var error in list.Errors)
        {
            ModelState.AddModelError(nameof(form.Text), t["Calendar.Error." + error.Code, error.Args]);
        }

        if (!list.IsValid)
        {
            return View(form);
        }

        var (first, last) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var existingYear = await db.CalendarYears.FirstOrDefaultAsync(y => y.Year == year, ct);
        var existingDays = await db.CalendarDays.Where(d => d.Date >= first && d.Date <= last).ToListAsync(ct);
        if ((existingYear is not null || existingDays.Count > 0) && !form.Replace)
        {
            ModelState.AddModelError(nameof(form.Replace), existingYear is not null
                ? t["Calendar.YearLoaded", year]
                : t["Calendar.YearHasDays", year, existingDays.Count]);
            return View(form);
        }

        var now = UtcNow;
        var saved = await db.InTransactionAsync(async token =>
        {
            // Read again inside the transaction: a retried attempt starts from an empty change tracker.
            var year0 = await db.CalendarYears.FirstOrDefaultAsync(y => y.Year == year, token);
            if (year0 is not null)
            {
                db.CalendarYears.Remove(year0);
            }

            db.CalendarDays.RemoveRange(await db.CalendarDays.Where(d => d.Date >= first && d.Date <= last).ToListAsync(token));

            // Removed before the new rows go in: the dates are unique, and one batch might insert first.
            await db.SaveChangesAsync(token);
            // Loading the year meets the admins' clock of it at every property, in the same save.
            return await TrySaveAsync(db, async () =>
            {
                ReferenceData.AddYear(db, year, form.Source ?? t["Calendar.DefaultSource"], list.Holidays, list.MakeUpDays);
                await reminders.MeetAsync(year, now, token);
            });
        }, ok => ok, ct);
        if (!saved)
        {
            return View(form);
        }

        settings.CalendarChanged();
        var days = list.Entries.Sum(e => e.To.DayNumber - e.From.DayNumber + 1);
        logger.LogInformation("Calendar {Year} loaded ({Days} days, replaced {Replaced}) by {User}", year, days, existingDays.Count, User.Identity?.Name);
        Flash(t["Calendar.Loaded", year, days]);
        return RedirectToAction(nameof(Index), new { year });
    }

    /// <summary>From which day of the year the admins are on the clock to load next year's holidays, and within how many days.</summary>
    [HttpGet]
    public async Task<IActionResult> Reminder(CancellationToken ct)
    {
        var setting = await db.CalendarReminders.AsNoTracking().OrderBy(r => r.Id).FirstOrDefaultAsync(ct);
        ViewData["SettingId"] = setting?.Id;
        return View(CalendarReminderForm.From(setting ?? new CalendarReminderSetting(), setting is not null));
    }

    [HttpPost]
    public async Task<IActionResult> Reminder(CalendarReminderForm form, CancellationToken ct)
    {
        var setting = await db.CalendarReminders.OrderBy(r => r.Id).FirstOrDefaultAsync(ct);
        ViewData["SettingId"] = setting?.Id;
        if (ModelState.IsValid && setting is not null && !form.Saved)
        {
            // The form showed the defaults, but another admin saved the setting meanwhile.
            ModelState.AddModelError(string.Empty, Shared["Error.Concurrency"]);
        }

        if (!ModelState.IsValid)
        {
            return View(form);
        }

        if (setting is null)
        {
            setting = new CalendarReminderSetting();
            db.CalendarReminders.Add(setting);
        }
        else
        {
            ExpectVersion(db, setting, form.Version);
        }

        if (!await TrySaveAsync(db, () => setting.Update(form.StartMonth!.Value, form.StartDay!.Value, form.LoadWithinDays!.Value)))
        {
            return View(form);
        }

        logger.LogInformation("Calendar reminder set to {Month}-{Day}, {Days} days, by {User}", form.StartMonth, form.StartDay, form.LoadWithinDays, User.Identity?.Name);
        Flash(Shared["Common.Saved"]);
        return RedirectToAction(nameof(Index));
    }

    [HttpGet]
    public async Task<IActionResult> Hours(CancellationToken ct)
    {
        var hours = await db.ServiceHours.AsNoTracking().OrderBy(h => h.Id).FirstOrDefaultAsync(ct) ?? new ServiceHoursSetting();
        ViewData["HoursId"] = hours.Id;
        return View(ServiceHoursForm.From(hours));
    }

    [HttpPost]
    public async Task<IActionResult> Hours(ServiceHoursForm form, CancellationToken ct)
    {
        var hours = await db.ServiceHours.OrderBy(h => h.Id).FirstOrDefaultAsync(ct);
        ViewData["HoursId"] = hours?.Id;
        if (!ModelState.IsValid)
        {
            return View(form);
        }

        if (hours is null)
        {
            hours = new ServiceHoursSetting();
            db.ServiceHours.Add(hours);
        }
        else
        {
            ExpectVersion(db, hours, form.Version);
        }

        if (!await TrySaveAsync(db, () => form.ApplyTo(hours)))
        {
            return View(form);
        }

        settings.CalendarChanged();
        logger.LogInformation("Service hours changed by {User}", User.Identity?.Name);
        Flash(Shared["Common.Saved"]);
        return RedirectToAction(nameof(Index));
    }

    private async Task<CalendarPage> PageAsync(int year, CalendarDayForm addDay, CancellationToken ct)
    {
        year = Math.Clamp(year, 2000, 2100);
        var (first, last) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var loaded = await db.CalendarYears.AsNoTracking().Select(y => new { y.Year, y.Source }).ToListAsync(ct);
        var days = await db.CalendarDays.AsNoTracking().Where(d => d.Date >= first && d.Date <= last)
            .OrderBy(d => d.Date).Select(d => new CalendarDayRow(d.Id, d.Date, d.Kind, d.Name)).ToListAsync(ct);
        var years = loaded.Select(y => y.Year).Union([Today.Year, Today.Year + 1, year]).Order()
            .Select(y => new CalendarYearOption(y, loaded.Any(l => l.Year == y))).ToList();
        var hours = await db.ServiceHours.AsNoTracking().OrderBy(h => h.Id).FirstOrDefaultAsync(ct) ?? new ServiceHoursSetting();
        return new CalendarPage(year, years, loaded.Any(l => l.Year == year), loaded.FirstOrDefault(l => l.Year == year)?.Source, days, hours, addDay);
    }
}
