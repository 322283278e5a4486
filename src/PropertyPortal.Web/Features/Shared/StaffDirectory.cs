using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Web.Features.Notifications;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Shared;

/// <summary>Who works at a property in given roles, as options for a "who does it" select (dispatch, callbacks).</summary>
public sealed class StaffDirectory(PortalDbContext db, Notifier notifier)
{
    public async Task<IReadOnlyList<SelectListItem>> OptionsAsync(Guid? propertyId, CancellationToken ct, params string[] roles)
    {
        if (propertyId is not { } pid)
        {
            return [];
        }

        var ids = new List<string>();
        foreach (var role in roles)
        {
            ids.AddRange(await notifier.UsersInRoleForPropertyAsync(role, pid, ct));
        }

        return await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).OrderBy(u => u.DisplayName)
            .Select(u => new SelectListItem(u.DisplayName, u.Id)).ToListAsync(ct);
    }
}
