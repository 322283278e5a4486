using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Services;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Services;

/// <summary>A property's service, visit and survey limits: the saved <see cref="ServiceSettings"/>, or the spec's defaults until an admin saves some.</summary>
public sealed class ServiceLimits(PortalDbContext db)
{
    /// <summary>Tracked when saved, so the settings page can edit it; an unsaved default otherwise.</summary>
    public async Task<ServiceSettings> ForAsync(Guid propertyId, CancellationToken ct) =>
        await db.ServiceSettings.FirstOrDefaultAsync(s => s.PropertyId == propertyId, ct) ?? new ServiceSettings(propertyId);

    /// <summary>Every property's limits at once (the job and the reports), defaults filled in.</summary>
    public async Task<Dictionary<Guid, ServiceSettings>> ForAllAsync(IReadOnlyCollection<Guid> propertyIds, CancellationToken ct)
    {
        var saved = await db.ServiceSettings.AsNoTracking().Where(s => propertyIds.Contains(s.PropertyId)).ToDictionaryAsync(s => s.PropertyId, ct);
        return propertyIds.ToDictionary(id => id, id => saved.GetValueOrDefault(id) ?? new ServiceSettings(id));
    }
}
