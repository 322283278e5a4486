using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Common;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Shared;

/// <summary>
/// Whom a message is for, as a form picks it (<c>_Audience.cshtml</c>): the whole property or some buildings and,
/// optionally, only owners or only households that moved in since a date ("moved in this year"). Used by event
/// invitations and notices; any feature that writes to households (surveys, campaigns) can take it as it is.
/// </summary>
public sealed class AudienceForm
{
    [Display(Name = "Field.AudienceScope")]
    public AudienceScope AudienceScope { get; set; } = AudienceScope.Property;

    [Display(Name = "Field.BuildingIds")]
    public List<Guid> BuildingIds { get; set; } = [];

    /// <summary>Only households whose occupancy began on or after this day.</summary>
    [Display(Name = "Field.MovedInFrom")]
    public DateOnly? MovedInFrom { get; set; }

    [Display(Name = "Field.OwnersOnly")]
    public bool OwnersOnly { get; set; }

    [BindNever]
    public IReadOnlyList<SelectListItem> BuildingOptions { get; set; } = [];

    /// <summary>Whether the form offers the filters (notices go to buildings, not to a filter).</summary>
    [BindNever]
    public bool WithFilters { get; set; }
}

/// <summary>A household an audience reaches: the customer and the unit they live in (the first, if several).</summary>
public sealed record AudienceHousehold(Guid CustomerId, Guid UnitId);

/// <summary>Resolves an audience to households: people with a current occupancy in the property's (chosen) buildings.</summary>
public sealed class AudienceSelector(PortalDbContext db, TimeProvider time)
{
    /// <summary>The property's buildings as checkboxes; null when the property is not the user's to see.</summary>
    public async Task<IReadOnlyList<SelectListItem>> BuildingOptionsAsync(Guid propertyId, IEnumerable<Guid> selected, CancellationToken ct)
    {
        var chosen = selected.ToHashSet();
        return (await db.Buildings.AsNoTracking().Where(b => b.PropertyId == propertyId).OrderBy(b => b.Code)
                .Select(b => new { b.Id, b.Name }).ToListAsync(ct))
            .Select(b => new SelectListItem(b.Name, b.Id.ToString(), chosen.Contains(b.Id))).ToList();
    }

    /// <summary>Whether every chosen building belongs to the property (a posted id of another property's building does not).</summary>
    public async Task<bool> BuildingsBelongAsync(Guid propertyId, IReadOnlyCollection<Guid> buildingIds, CancellationToken ct) =>
        buildingIds.Count == 0 || await db.Buildings.CountAsync(b => b.PropertyId == propertyId && buildingIds.Contains(b.Id), ct) == buildingIds.Distinct().Count();

    public async Task<IReadOnlyList<AudienceHousehold>> HouseholdsAsync(Guid propertyId, AudienceScope scope, IReadOnlyCollection<Guid> buildingIds,
        DateOnly? movedInFrom, bool ownersOnly, CancellationToken ct)
    {
        var today = PortalClock.Today(time);
        var buildings = buildingIds.ToList();
        var query = from o in db.Occupancies.AsNoTracking()
                    join u in db.Units on o.UnitId equals u.Id
                    where o.PropertyId == propertyId && o.StartDate <= today && (o.EndDate == null || o.EndDate >= today)
                    select new { o.CustomerId, o.UnitId, u.BuildingId, u.Number, o.StartDate, o.Role };
        if (scope == AudienceScope.Buildings)
        {
            query = query.Where(x => buildings.Contains(x.BuildingId));
        }

        if (movedInFrom is { } from)
        {
            query = query.Where(x => x.StartDate >= from);
        }

        if (ownersOnly)
        {
            query = query.Where(x => x.Role == Domain.Registry.OccupancyRole.Owner);
        }

        var rows = await query.OrderBy(x => x.Number).Select(x => new { x.CustomerId, x.UnitId }).ToListAsync(ct);
        return [.. rows.DistinctBy(r => r.CustomerId).Select(r => new AudienceHousehold(r.CustomerId, r.UnitId))];
    }

    public Task<IReadOnlyList<AudienceHousehold>> HouseholdsAsync(Guid propertyId, AudienceForm form, CancellationToken ct) =>
        HouseholdsAsync(propertyId, form.AudienceScope, form.BuildingIds, form.MovedInFrom, form.OwnersOnly, ct);
}
