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
    /// <summary>Audit rows written while a household signs in say this.</summary>
    public const string ResidentSignInUser = "resident-sign-in";

    private (bool All, IReadOnlyList<Guid> Ids)? _resolved;
    private bool _system;

    public bool AllProperties => _system || Resolve().All;

    public IReadOnlyList<Guid> PropertyIds => Resolve().Ids;

    public string? UserId => _system ? null : accessor.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier);

    public string? UserName => _system ? ResidentSignInUser
        : accessor.HttpContext is { } http ? http.User.Identity?.Name ?? "anonymous" : AuditInterceptor.SystemUser;

    /// <summary>
    /// The household sign-in's one exception (ADR 0025): before anyone is signed in, the number's account and the invitation it
    /// redeems are read and written as the system. Disposing restores the request's own scope.
    /// </summary>
    public static IDisposable AsSystem(PortalDbContext db)
    {
        if (db.Scope is not HttpPropertyScope scope)
        {
            return new Restore(null);
        }

        scope._system = true;
        return new Restore(scope);
    }

    private sealed class Restore(HttpPropertyScope? scope) : IDisposable
    {
        public void Dispose()
        {
            if (scope is not null)
            {
                scope._system = false;
            }
        }
    }

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
