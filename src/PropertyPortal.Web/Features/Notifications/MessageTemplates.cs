using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Notifications;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Notifications;

/// <summary>The message templates as data: one row per kind of the catalog, inserted when missing (a new kind in a release gets its row at the next start).</summary>
public static class MessageTemplates
{
    public static async Task EnsureSeededAsync(PortalDbContext db, CancellationToken ct)
    {
        var have = (await db.MessageTemplates.Select(t => t.Kind).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var missing = NotificationCatalog.All.Where(k => !have.Contains(k.Kind)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        foreach (var kind in missing)
        {
            db.MessageTemplates.Add(new MessageTemplate(kind.Kind, kind.Subject, kind.Text));
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Another instance starting at the same moment seeded them.
            db.ChangeTracker.Clear();
        }
    }
}
