using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Features.Board;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Localization;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Home;

public sealed record PropertySummary(Guid Id, string Code, string Name, PropertyKind Kind, int Buildings, int Units, int Occupied, int Vacant, int UnderRenovation, int Households);

public sealed record RecentChange(DateTime At, string UserName, string EntityType, Guid EntityId, AuditAction Action);

public sealed record HomeModel(string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<PropertySummary> Properties, IReadOnlyList<RecentChange> RecentChanges, int? UserCount)
{
    public HomeQueue? Queue { get; init; }

    /// <summary>The role's own work beside its clocks: calls, patrols, reviews, approvals (<see cref="RoleWork"/>).</summary>
    public IReadOnlyList<WorkTile> Work { get; init; } = [];
}

/// <summary>The front desk's (or a technician's) queue, one row per case: overdue, due within two hours, callbacks awaiting.</summary>
public sealed record HomeQueue(bool Mine, DateTime Now, IReadOnlyList<QueueRow> Overdue, IReadOnlyList<QueueRow> DueSoon, IReadOnlyList<QueueRow> Callbacks, bool IsTechnician);

public sealed class HomeController(PortalDbContext db, WorkQueue queue, RoleWork work, IAuthorizationService authz) : PortalController
{
    /// <summary>The role's home: search first for the counter, the properties at a glance, recent changes for those who review.</summary>
    public async Task<IActionResult> Index(bool? mine, CancellationToken ct)
    {
        var properties = await db.Properties.AsNoTracking().OrderBy(p => p.Code)
            .Select(p => new PropertySummary(
                p.Id, p.Code, p.Name, p.Kind,
                db.Buildings.Count(b => b.PropertyId == p.Id),
                db.Units.Count(u => u.PropertyId == p.Id),
                db.Units.Count(u => u.PropertyId == p.Id && u.Status == UnitStatus.Occupied),
                db.Units.Count(u => u.PropertyId == p.Id && u.Status == UnitStatus.Vacant),
                db.Units.Count(u => u.PropertyId == p.Id && u.Status == UnitStatus.UnderRenovation),
                db.Customers.Count(c => c.PropertyId == p.Id)))
            .ToListAsync(ct);

        IReadOnlyList<RecentChange> recent = [];
        if (User.IsInRole(Roles.Admin) || User.IsInRole(Roles.Manager) || User.IsInRole(Roles.Supervisor))
        {
            var visible = properties.Select(p => (Guid?)p.Id).ToList();
            recent = await db.AuditEntries.AsNoTracking()
                .Where(a => a.PropertyId != null && visible.Contains(a.PropertyId))
                .OrderByDescending(a => a.Id).Take(10)
                .Select(a => new RecentChange(a.At, a.UserName, a.EntityType, a.EntityId, a.Action))
                .ToListAsync(ct);
        }

        int? userCount = User.IsInRole(Roles.Admin) ? await db.Users.CountAsync(ct) : null;
        var roles = Infrastructure.Identity.Roles.All.Where(User.IsInRole).ToList();
        var name = User.FindFirst(PortalClaims.DisplayName)?.Value ?? User.Identity?.Name ?? "";
        return View(new HomeModel(name, roles, properties, recent, userCount) { Queue = await QueueAsync(mine, ct), Work = await work.ForAsync(User, ct) });
    }

    /// <summary>
    /// Clocks that are the user's own, or all of their properties' — the default for supervisors and
    /// managers, who own few clocks but answer for all — soonest first.
    /// </summary>
    private async Task<HomeQueue?> QueueAsync(bool? mine, CancellationToken ct)
    {
        var technician = User.IsInRole(Roles.Technician);
        if (!technician && !(await authz.AuthorizeAsync(User, Policies.CaseIntake)).Succeeded)
        {
            return null;
        }

        var now = UtcNow;
        var overseer = User.IsInRole(Roles.Supervisor) || User.IsInRole(Roles.Manager) || User.IsInRole(Roles.Admin);
        var me = technician || (mine ?? !overseer) ? CurrentActor.UserId : null;
        List<QueueWindow> windows = [new(SlaClockState.Running, null, now), new(SlaClockState.Running, now, now.AddHours(2))];
        if (!technician)
        {
            windows.Add(new(SlaClockState.Running, null, null, SlaSubject.Callback));
        }

        var sections = await queue.ScreenAsync(null, me, windows, ct);
        return new HomeQueue(me is not null, now, sections[0], sections[1], technician ? [] : sections[2], technician);
    }

    [AllowAnonymous]
    [HttpPost]
    public IActionResult SetLanguage(string culture, string? returnUrl)
    {
        var chosen = LocalizationSetup.Supported.FirstOrDefault(c => c.Name == culture) ?? LocalizationSetup.Chinese;
        Response.Cookies.Append(LocalizationSetup.CookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = Request.IsHttps });
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "~/");
    }

    [AllowAnonymous]
    [IgnoreAntiforgeryToken]
    public IActionResult Error()
    {
        // 503 when the exception handler judged the failure transient (the database busy or unreachable): the user may simply retry.
        var status = Response.StatusCode == StatusCodes.Status503ServiceUnavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            Response.Headers.RetryAfter = "5";
        }

        return View(new ErrorModel(Activity.Current?.Id ?? HttpContext.TraceIdentifier, status));
    }

    [AllowAnonymous]
    [IgnoreAntiforgeryToken]
    [Route("Home/Status/{code:int}")]
    public IActionResult Status(int code) =>
        View("Error", new ErrorModel(Activity.Current?.Id ?? HttpContext.TraceIdentifier, code));
}

public sealed record ErrorModel(string RequestId, int StatusCode);
