namespace PropertyPortal.Web.Infrastructure.Persistence;

/// <summary>
/// Who is asking and which properties they may see. The DbContext applies it as a global query
/// filter on every <see cref="Domain.Common.IPropertyScoped"/> record and refuses to save a record
/// outside it: property scoping is enforced here, once, not per controller action.
/// </summary>
public interface IPropertyScope
{
    bool AllProperties { get; }

    IReadOnlyList<Guid> PropertyIds { get; }

    string? UserId { get; }

    string? UserName { get; }

    bool CanSee(Guid propertyId) => AllProperties || PropertyIds.Contains(propertyId);
}

/// <summary>Background work (jobs, seeding, command-line verbs): sees every property.</summary>
public sealed class SystemPropertyScope : IPropertyScope
{
    public static readonly SystemPropertyScope Instance = new();

    public bool AllProperties => true;

    public IReadOnlyList<Guid> PropertyIds => [];

    public string? UserId => null;

    public string? UserName => AuditInterceptor.SystemUser;
}

/// <summary>Thrown when a write targets a property outside the caller's scope; the web layer answers 404.</summary>
public sealed class PropertyScopeViolationException(string message) : Exception(message)
{
    public PropertyScopeViolationException() : this("Outside the caller's property scope.") { }
}
