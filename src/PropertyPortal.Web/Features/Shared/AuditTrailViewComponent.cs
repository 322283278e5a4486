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
        var parsed = entries.Select(a => (Entry: a, Changes: JsonSerializer.Deserialize<List<AuditChange>>(a.Changes) ?? [])).ToList();
        var names = await NamesAsync(parsed.SelectMany(p => p.Changes).Where(c => c.Field.EndsWith("Id", StringComparison.Ordinal)));
        var rows = parsed.Select(p => new AuditRow(p.Entry.At, p.Entry.UserName, p.Entry.EntityType, p.Entry.Action,
            p.Changes.Select(c => Translate(p.Entry.EntityType, c, names)).ToList())).ToList();
        return View(rows);
    }

    /// <summary>
    /// A reference is shown by what people call it (翠湖花园, 3-2-501, 张伟), not its key. Looked up
    /// through the scoped sets, so a record of a property the user cannot see stays a bare key.
    /// </summary>
    private async Task<Dictionary<string, string>> NamesAsync(IEnumerable<AuditChange> references)
    {
        var ids = references.SelectMany(c => new[] { c.Old, c.New })
            .Select(v => Guid.TryParse(v, out var id) ? id : Guid.Empty)
            .Where(id => id != Guid.Empty).Distinct().ToList();
        var names = new Dictionary<string, string>();
        if (ids.Count == 0)
        {
            return names;
        }

        var ct = HttpContext.RequestAborted;
        foreach (var x in await db.Properties.AsNoTracking().Where(x => ids.Contains(x.Id)).Select(x => new { x.Id, x.Name }).ToListAsync(ct))
        {
            names[x.Id.ToString()] = x.Name;
        }

        foreach (var x in await db.Buildings.AsNoTracking().Where(x => ids.Contains(x.Id)).Select(x => new { x.Id, x.Name }).ToListAsync(ct))
        {
            names[x.Id.ToString()] = x.Name;
        }

        foreach (var x in await db.Units.AsNoTracking().Where(x => ids.Contains(x.Id)).Select(x => new { x.Id, x.Number }).ToListAsync(ct))
        {
            names[x.Id.ToString()] = x.Number;
        }

        foreach (var x in await db.Customers.AsNoTracking().Where(x => ids.Contains(x.Id)).Select(x => new { x.Id, x.Name }).ToListAsync(ct))
        {
            names[x.Id.ToString()] = x.Name;
        }

        var roleIds = ids.Select(id => id.ToString()).ToList();
        foreach (var x in await db.Roles.AsNoTracking().Where(r => roleIds.Contains(r.Id)).Select(r => new { r.Id, r.Name }).ToListAsync(ct))
        {
            names[x.Id] = localizer["Role." + x.Name] is { ResourceNotFound: false } role ? role.Value : x.Name ?? x.Id;
        }

        return names;
    }

    /// <summary>Enum values are stored by name (UnderRenovation); show them as the user reads them (装修中).</summary>
    private AuditChange Translate(string entityType, AuditChange change, Dictionary<string, string> names)
    {
        if (change.Field.EndsWith("Id", StringComparison.Ordinal))
        {
            return change with { Old = Name(change.Old), New = Name(change.New) };
        }

        var type = db.Model.GetEntityTypes().FirstOrDefault(t => t.ClrType.Name == entityType)?.FindProperty(change.Field)?.ClrType;
        var enumType = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        if (enumType is not { IsEnum: true })
        {
            return change;
        }

        string? Text(string? value) => value is null ? null : localizer[$"Enum.{enumType.Name}.{value}"] is { ResourceNotFound: false } t ? t.Value : value;
        return change with { Old = Text(change.Old), New = Text(change.New) };

        string? Name(string? value) => value is not null && names.TryGetValue(value, out var name) ? name : value;
    }
}
