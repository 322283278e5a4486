using System.Security.Claims;
using PropertyPortal.Domain.Common;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Identity;

namespace PropertyPortal.Web.Features.DailyLog;

/// <summary>
/// A China-local calendar day as the UTC range the database stores: a day's contacts and cases are
/// those with an instant in [Start, End). A call at 23:30 Beijing time belongs to that day, not the next.
/// </summary>
public readonly record struct LocalDay(DateOnly Date)
{
    public DateTime StartUtc => PortalClock.ToUtc(Date.ToDateTime(TimeOnly.MinValue));

    public DateTime EndUtc => PortalClock.ToUtc(Date.AddDays(1).ToDateTime(TimeOnly.MinValue));

    public static LocalDay Of(DateTime utc) => new(DateOnly.FromDateTime(PortalClock.ToLocal(utc)));
}

public static class ActorExtensions
{
    /// <summary>The signed-in user as the domain records them (id and display name).</summary>
    public static Actor ToActor(this ClaimsPrincipal user) =>
        new(user.FindFirstValue(ClaimTypes.NameIdentifier), user.FindFirst(PortalClaims.DisplayName)?.Value ?? user.Identity?.Name ?? "");
}
