using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Customers;

public static class HouseholdAccess
{
    /// <summary>The full ID number is personal data: only the desk roles that check documents see it, and only on the household page.</summary>
    public static bool CanSeeFullIdNumber(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Manager) || user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.FrontDesk);
}

/// <summary>
/// Loads the household page. Lives apart from the controller because the occupancy, member and key
/// actions re-show this page, with their error, when a rule refuses a one-click change.
/// </summary>
public static class HouseholdArchiveQuery
{
    public static async Task<HouseholdArchive?> LoadAsync(PortalDbContext db, Guid id, DateOnly today, bool canSeeFullId, bool canWrite, CancellationToken ct)
    {
        var c = await (from x in db.Customers.AsNoTracking()
                       join p in db.Properties on x.PropertyId equals p.Id
                       where x.Id == id
                       select new { Customer = x, PropertyName = p.Name }).FirstOrDefaultAsync(ct);
        if (c is null)
        {
            return null;
        }

        var occupancies = (await (from o in db.Occupancies.AsNoTracking()
                                  join u in db.Units on o.UnitId equals u.Id
                                  join b in db.Buildings on u.BuildingId equals b.Id
                                  where o.CustomerId == id
                                  select new { o.Id, o.UnitId, u.Number, BuildingName = b.Name, u.Area, o.Role, o.StartDate, o.EndDate, o.Version })
                .ToListAsync(ct))
            .Select(o => new OccupancyRow(o.Id, o.UnitId, o.Number, o.BuildingName, o.Area, o.Role, o.StartDate, o.EndDate,
                o.StartDate <= today && (o.EndDate is null || o.EndDate >= today), o.StartDate > today, o.Version))
            .OrderByDescending(o => o.IsCurrent).ThenByDescending(o => o.StartDate)
            .ToList();

        var members = await db.HouseholdMembers.AsNoTracking().Where(m => m.CustomerId == id)
            .OrderBy(m => m.Name)
            .Select(m => new MemberRow(m.Id, m.Name, m.Relation, m.Phone, m.Notes, m.Version))
            .ToListAsync(ct);

        // Keys belong to a unit, not to a household: show those of the units the household holds now.
        var currentUnitIds = occupancies.Where(o => o.IsCurrent).Select(o => o.UnitId).Distinct().ToList();
        var keys = await (from k in db.OfficeKeys.AsNoTracking()
                          join u in db.Units on k.UnitId equals u.Id
                          where currentUnitIds.Contains(k.UnitId)
                          orderby u.Number, k.ReceivedOn
                          select new KeyRow(k.Id, u.Number, k.Label, k.Count, k.StorageLocation, k.ReceivedOn, k.Status, k.LentTo, k.Notes, k.Version))
            .ToListAsync(ct);

        // A deleted member's row is gone, but its audit entries still name this household; keep them on the timeline.
        var idText = id.ToString();
        var deletedMembers = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(HouseholdMember) && a.Action == AuditAction.Deleted
                && a.PropertyId == c.Customer.PropertyId && a.Changes.Contains(idText))
            .Select(a => a.EntityId)
            .ToListAsync(ct);

        // The household's calls and visits (来访来电) are part of its story: their entries join the timeline.
        var contacts = await db.Contacts.AsNoTracking().Where(x => x.CustomerId == id)
            .OrderByDescending(x => x.ReceivedAt).Select(x => x.Id).Take(50).ToListAsync(ct);

        // So are its repair orders and their callbacks.
        var repairs = await db.RepairOrders.AsNoTracking().Where(x => x.CustomerId == id)
            .OrderByDescending(x => x.ReceivedAt).Select(x => x.Id).Take(50).ToListAsync(ct);
        var callbacks = await db.Callbacks.AsNoTracking().Where(x => x.CustomerId == id)
            .OrderByDescending(x => x.CreatedAt).Select(x => x.Id).Take(50).ToListAsync(ct);

        List<Guid> timeline = [id, .. occupancies.Select(o => o.Id), .. members.Select(m => m.Id), .. keys.Select(k => k.Id), .. deletedMembers, .. contacts, .. repairs, .. callbacks];

        var h = c.Customer;
        var masked = !canSeeFullId;
        return new HouseholdArchive(h.Id, h.PropertyId, c.PropertyName, h.Kind, h.Name, h.Phone, h.Phone2, h.Email,
            h.IdDocumentType, masked ? h.MaskedIdNumber : h.IdNumber, masked && h.IdNumber is not null,
            h.EmergencyContactName, h.EmergencyContactPhone, h.PreferredChannel, h.Notes, h.Version,
            occupancies, members, keys, timeline.Distinct().ToList(), canWrite)
        {
            Messages = new MessagesConsentView(h.MessagesOptedOut, h.MessagesConsentChangedAt, h.MessagesConsentChangedByName, h.MessagesConsentNote),
        };
    }
}
