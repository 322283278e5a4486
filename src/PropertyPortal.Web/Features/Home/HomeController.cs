using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Web.Features.Board;
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

public sealed class HomeController(HomePages pages) : PortalController
{
    /// <summary>The role's home: search first for the counter, the properties at a glance, recent changes for those who review.</summary>
    public async Task<IActionResult> Index(bool? mine, CancellationToken ct) =>
        View(await pages.IndexAsync(User, CurrentActor.UserId, mine, ct));

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
