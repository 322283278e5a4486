using System.Security.Claims;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Infrastructure.Identity;

/// <summary>
/// The signed-in user's properties, read from the claims written at sign-in (and refreshed with the
/// security stamp, so a changed assignment takes effect within a minute). Outside a request — jobs,
/// seeding, command-line verbs — there is no user and the system sees every property.
/// </summary>
public sealed class HttpPropertyScope(IHttpContextAccessor accessor) : IPropertyScope
{
    private (bool All, IReadOnlyList<Guid> Ids)? _resolved;

    public bool AllProperties => Resolve().All;

    public IReadOnlyList<Guid> PropertyIds => Resolve().Ids;

    public string? UserId => accessor.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier);

    public string? UserName => accessor.HttpContext is { } http ? http.User.Identity?.Name ?? "anonymous" : AuditInterceptor.SystemUser;

    private (bool All, IReadOnlyList<Guid> Ids) Resolve() => _resolved ??= Read(accessor.HttpContext?.User);

    internal static (bool All, IReadOnlyList<Guid> Ids) Read(ClaimsPrincipal? user)
    {
        if (user is null)
        {
            return (true, []);
        }

        if (user.Identity?.IsAuthenticated != true)
        {
            return (false, []);
        }

        if (user.IsInRole(Roles.Admin) || user.HasClaim(PortalClaims.AllProperties, "true"))
        {
            return (true, []);
        }

        var ids = user.FindAll(PortalClaims.Property)
            .Select(c => Guid.TryParse(c.Value, out var id) ? id : Guid.Empty)
            .Where(id => id != Guid.Empty)
            .ToArray();
        return (false, ids);
    }
}
