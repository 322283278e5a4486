using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Shared;

public sealed record AuditRow(DateTime At, string UserName, string EntityType, AuditAction Action, IReadOnlyList<AuditChange> Changes);

/// <summary>
/// The change history of one record (and, optionally, of records that hang off it), newest first:
/// <c>@await Component.InvokeAsync("AuditTrail", new { entityIds = new[] { Model.Id } })</c>.
/// Call it only for a record the user could load, which the property query filter has already decided.
/// </summary>
public sealed class AuditTrailViewComponent(PortalDbContext db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(IReadOnlyCollection<Guid> entityIds, int take = 100)
    {
        var ids = entityIds.ToList();
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(a => ids.Contains(a.EntityId))
            .OrderByDescending(a => a.Id)
            .Take(take)
            .ToListAsync(HttpContext.RequestAborted);
        var rows = entries.Select(a => new AuditRow(a.At, a.UserName, a.EntityType, a.Action,
            JsonSerializer.Deserialize<List<AuditChange>>(a.Changes) ?? [])).ToList();
        return View(rows);
    }
}
