using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.Shared;

public sealed record AuditRow(DateTime At, string UserName, string EntityType, AuditAction Action, IReadOnlyList<AuditChange> Changes);

/// <summary>
/// The change history of one record (and, optionally, of records that hang off it), newest first:
/// <c>@await Component.InvokeAsync("AuditTrail", new { entityIds = new[] { Model.Id } })</c>.
/// Call it only for a record the user could load, which the property query filter has already decided.
/// </summary>
public sealed class AuditTrailViewComponent(PortalDbContext db, IStringLocalizer<SharedResource> localizer) : ViewComponent
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
            (JsonSerializer.Deserialize<List<AuditChange>>(a.Changes) ?? []).Select(c => Translate(a.EntityType, c)).ToList())).ToList();
        return View(rows);
    }

    /// <summary>Enum values are stored by name (UnderRenovation); show them as the user reads them (装修中).</summary>
    private AuditChange Translate(string entityType, AuditChange change)
    {
        var type = db.Model.GetEntityTypes().FirstOrDefault(t => t.ClrType.Name == entityType)?.FindProperty(change.Field)?.ClrType;
        var enumType = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        if (enumType is not { IsEnum: true })
        {
            return change;
        }

        string? Text(string? value) => value is null ? null : localizer[$"Enum.{enumType.Name}.{value}"] is { ResourceNotFound: false } t ? t.Value : value;
        return change with { Old = Text(change.Old), New = Text(change.New) };
    }
}
