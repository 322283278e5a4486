using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Web.Infrastructure.Identity;

namespace PropertyPortal.Web.Infrastructure.Persistence;

/// <summary>
/// Runs inside every SaveChanges, in the same transaction as the change itself:
/// refuses writes outside the caller's properties, bumps the concurrency version of updated
/// records, and writes one <see cref="AuditEntry"/> per created/updated/deleted business record.
/// </summary>
public sealed class AuditInterceptor(TimeProvider time) : SaveChangesInterceptor
{
    /// <summary>Identity's role-assignment row, audited under a readable name.</summary>
    public const string UserRoleEntityType = "UserRole";

    /// <summary>What the trail stores as the actor when no user is signed in (jobs, seeding, verbs); shown as 系统.</summary>
    public const string SystemUser = "system";

    /// <summary>
    /// The name an entity type is audited under (the page shows resource <c>Entity.{name}</c>), or null when
    /// the type is not audited: business records (<see cref="Entity"/>) except those with their own history,
    /// users, their property and role assignments.
    /// </summary>
    public static string? AuditedName(Type clrType) =>
        typeof(IHasOwnHistory).IsAssignableFrom(clrType) ? null
        : typeof(IdentityUserRole<string>).IsAssignableFrom(clrType) ? UserRoleEntityType
        : typeof(Entity).IsAssignableFrom(clrType) || clrType == typeof(AppUser) || clrType == typeof(UserProperty) ? clrType.Name
        : null;

    // Never copied into the audit trail in clear.
    private static readonly HashSet<string> Hidden = ["PasswordHash", "SecurityStamp", "ConcurrencyStamp", "Content"];
    private static readonly HashSet<string> Masked = [nameof(Customer.IdNumber)];
    private static readonly HashSet<string> Skipped = [nameof(Entity.Version), "NormalizedUserName", "NormalizedEmail", "AccessFailedCount", nameof(Customer.PhoneLast4), nameof(Customer.Phone2Last4)];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Apply(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Apply(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Apply(DbContext? context)
    {
        if (context is not PortalDbContext db)
        {
            return;
        }

        db.ChangeTracker.DetectChanges();
        var now = time.GetUtcNow().UtcDateTime;
        var audits = new List<AuditEntry>();
        foreach (var entry in db.ChangeTracker.Entries().ToList())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            EnsureInScope(db.Scope, entry);
            if (entry.Entity is Entity && entry.State == EntityState.Modified)
            {
                var version = entry.Property(nameof(Entity.Version));
                version.CurrentValue = (int)version.OriginalValue! + 1;
            }

            if (ToAudit(entry, db.Scope, now) is { } audit)
            {
                audits.Add(audit);
            }
        }

        db.AuditEntries.AddRange(audits);
    }

    private static void EnsureInScope(IPropertyScope scope, EntityEntry entry)
    {
        if (entry.Entity is not IPropertyScoped scoped)
        {
            return;
        }

        var ok = scope.CanSee(scoped.PropertyId);
        if (ok && entry.State == EntityState.Modified && entry.Entity is not Property
            && entry.Property(nameof(IPropertyScoped.PropertyId)).OriginalValue is Guid original)
        {
            ok = scope.CanSee(original);
        }

        if (!ok)
        {
            throw new PropertyScopeViolationException($"{entry.Metadata.ClrType.Name} belongs to a property outside the caller's scope.");
        }
    }

    private static AuditEntry? ToAudit(EntityEntry entry, IPropertyScope scope, DateTime now)
    {
        Guid entityId;
        Guid? propertyId = null;
        switch (entry.Entity)
        {
            case IHasOwnHistory:
                return null;
            case Entity e:
                entityId = e.Id;
                propertyId = (e as IPropertyScoped)?.PropertyId;
                break;
            case AppUser u when Guid.TryParse(u.Id, out var userId):
                entityId = userId;
                break;
            case UserProperty up when Guid.TryParse(up.UserId, out var assignedUser):
                entityId = assignedUser;
                break;
            case IdentityUserRole<string> ur when Guid.TryParse(ur.UserId, out var roleHolder):
                entityId = roleHolder;
                break;
            default:
                return null;
        }

        var action = entry.State switch
        {
            EntityState.Added => AuditAction.Created,
            EntityState.Deleted => AuditAction.Deleted,
            _ => AuditAction.Updated,
        };

        var changes = new List<AuditChange>();
        foreach (var p in entry.Properties)
        {
            var name = p.Metadata.Name;
            // Assignment rows are nothing but their key: the key is the change.
            if (Skipped.Contains(name) || p.Metadata.IsPrimaryKey() && entry.Entity is not (UserProperty or IdentityUserRole<string>))
            {
                continue;
            }

            switch (action)
            {
                case AuditAction.Created when p.CurrentValue is not null:
                    changes.Add(new AuditChange(name, null, Format(name, p.CurrentValue)));
                    break;
                case AuditAction.Deleted when p.OriginalValue is not null:
                    changes.Add(new AuditChange(name, Format(name, p.OriginalValue), null));
                    break;
                case AuditAction.Updated when p.IsModified && !Equals(p.OriginalValue, p.CurrentValue):
                    changes.Add(new AuditChange(name, Format(name, p.OriginalValue), Format(name, p.CurrentValue)));
                    break;
            }
        }

        if (action == AuditAction.Updated && changes.Count == 0)
        {
            return null;
        }

        return new AuditEntry
        {
            At = now,
            UserId = scope.UserId,
            UserName = scope.UserName ?? SystemUser,
            EntityType = AuditedName(entry.Metadata.ClrType) ?? entry.Metadata.ClrType.Name,
            EntityId = entityId,
            PropertyId = propertyId,
            Action = action,
            Changes = JsonSerializer.Serialize(changes),
        };
    }

    private static string? Format(string field, object? value)
    {
        if (value is null)
        {
            return null;
        }

        if (Hidden.Contains(field))
        {
            return "******";
        }

        var text = value switch
        {
            DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTimeOffset d => d.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture),
            decimal m => m.ToString("0.##", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
        return Masked.Contains(field) ? Customer.Mask(text) : text;
    }
}
