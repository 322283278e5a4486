using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Identity;

namespace PropertyPortal.Web.Features.Settings;

/// <summary>Years the business calendar lacks, of this year and the next; both null when nothing is missing.</summary>
public sealed record CalendarWarning(int? MissingThisYear, int? MissingNextYear)
{
    /// <summary>The admins' open clocks for a year to load (from the reminder's day, <see cref="CalendarReminders"/>).</summary>
    public IReadOnlyList<CalendarDuty> Duties { get; init; } = [];

    public DateTime Now { get; init; }
}

/// <summary>
/// Tells an administrator that a calendar year is not loaded: the State Council publishes next year's
/// holidays late in the year, and until an admin loads them working-day deadlines count Monday–Friday.
/// From the reminder's day the admins are on a clock for it: its due time and countdown show here.
/// <c>@await Component.InvokeAsync("CalendarWarning")</c>; renders nothing for other users.
/// </summary>
public sealed class CalendarWarningViewComponent(SlaSettings settings, CalendarReminders reminders, TimeProvider clock, IAuthorizationService authz) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        if (!(await authz.AuthorizeAsync(UserClaimsPrincipal, Policies.Administration)).Succeeded)
        {
            return Content("");
        }

        var calendar = await settings.CalendarAsync(HttpContext.RequestAborted);
        var year = PortalClock.Today(clock).Year;
        var now = clock.GetUtcNow().UtcDateTime;
        var warning = new CalendarWarning(calendar.IsYearLoaded(year) ? null : year, calendar.IsYearLoaded(year + 1) ? null : year + 1)
        {
            Duties = await reminders.OpenAsync(now, HttpContext.RequestAborted),
            Now = now,
        };
        return warning is { MissingThisYear: null, MissingNextYear: null, Duties.Count: 0 } ? Content("") : View(warning);
    }
}
