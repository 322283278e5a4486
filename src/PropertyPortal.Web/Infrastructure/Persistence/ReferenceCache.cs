using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Caching.Memory;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Web.Infrastructure.Identity;

namespace PropertyPortal.Web.Infrastructure.Persistence;

/// <summary>
/// Reference data kept per instance (#21): what nearly every page prints and a few edits a year change — property and
/// staff names, the properties' unit counts — read once per <see cref="Lifetime"/> instead of on every page. Each entry
/// names the entity types it is made of; a save that adds, changes or removes one of them clears those entries of this
/// instance at once (<see cref="ReferenceCacheInterceptor"/>); other instances behind the load balancer follow within
/// <see cref="Lifetime"/>.
/// </summary>
public sealed class ReferenceCache(IMemoryCache cache)
{
    /// <summary>How long another instance may show an old value after an edit.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<Type, ConcurrentDictionary<string, byte>> _keysByType = new();

    /// <summary>The cached value of <paramref name="key"/>, loaded by <paramref name="load"/> when absent or older than <see cref="Lifetime"/>.</summary>
    public async Task<T> GetAsync<T>(string key, Type[] madeOf, Func<Task<T>> load)
        where T : class
    {
        if (cache.TryGetValue(key, out T? hit) && hit is not null)
        {
            return hit;
        }

        foreach (var type in madeOf)
        {
            _keysByType.GetOrAdd(type, _ => new(StringComparer.Ordinal))[key] = 0;
        }

        var value = await load();
        cache.Set(key, value, Lifetime);
        return value;
    }

    /// <summary>Whether a save of <paramref name="type"/> would clear anything.</summary>
    public bool Depends(Type type) => _keysByType.ContainsKey(type);

    /// <summary>Forgets this instance's entries made of <paramref name="type"/>.</summary>
    public void Changed(Type type)
    {
        if (_keysByType.TryGetValue(type, out var keys))
        {
            foreach (var key in keys.Keys)
            {
                cache.Remove(key);
            }
        }
    }
}

/// <summary>A property as pickers and lists name it.</summary>
public sealed record PropertyName(Guid Id, string Code, string Name);

/// <summary>
/// Property and staff names, which every queue row, case list and property picker prints, from the instance's
/// <see cref="ReferenceCache"/> (straight from the database for a context built without it).
/// </summary>
/// <remarks>
/// Read past the property filters and kept for everyone alike: <see cref="PropertyNamesAsync"/> hands back only the
/// properties the context's user may see; the id maps name rows a caller has already read through the filters.
/// </remarks>
public static class ReferenceNames
{
    /// <summary>The properties the context's user may see, by code.</summary>
    public static async Task<IReadOnlyList<PropertyName>> PropertyNamesAsync(this PortalDbContext db, CancellationToken ct) =>
        [.. (await AllPropertiesAsync(db, ct)).Where(p => db.Scope.CanSee(p.Id))];

    /// <summary>Every property's name by id (for rows already read through the property filters).</summary>
    public static async Task<IReadOnlyDictionary<Guid, string>> PropertyNamesByIdAsync(this PortalDbContext db, CancellationToken ct) =>
        (await AllPropertiesAsync(db, ct)).ToDictionary(p => p.Id, p => p.Name);

    /// <summary>Every user's display name by id.</summary>
    public static Task<IReadOnlyDictionary<string, string>> UserNamesAsync(this PortalDbContext db, CancellationToken ct) =>
        Cached<IReadOnlyDictionary<string, string>>(db, "names:users", [typeof(AppUser)], async () =>
            await db.Users.AsNoTracking().Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.DisplayName, StringComparer.Ordinal, ct));

    private static Task<IReadOnlyList<PropertyName>> AllPropertiesAsync(PortalDbContext db, CancellationToken ct) =>
        Cached<IReadOnlyList<PropertyName>>(db, "names:properties", [typeof(Property)], async () =>
            await db.Properties.IgnoreQueryFilters().AsNoTracking().OrderBy(p => p.Code).Select(p => new PropertyName(p.Id, p.Code, p.Name)).ToListAsync(ct));

    /// <summary>Through the context's cache when it has one.</summary>
    public static Task<T> Cached<T>(PortalDbContext db, string key, Type[] madeOf, Func<Task<T>> load)
        where T : class =>
        db.References is { } cache ? cache.GetAsync(key, madeOf, load) : load();
}

/// <summary>
/// Clears the <see cref="ReferenceCache"/> entries a save touches: before the save (so no page keeps the old value while
/// it commits) and again after it (so a page that read the old rows in between does not keep them).
/// </summary>
public sealed class ReferenceCacheInterceptor(ReferenceCache cache) : SaveChangesInterceptor
{
    /// <summary>The cache this interceptor keeps (a context finds it here: <see cref="PortalDbContext.References"/>).</summary>
    public ReferenceCache Cache => cache;

    private readonly ConditionalWeakTable<DbContext, Type[]> _pending = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Saving(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Saving(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Saved(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return Task.CompletedTask;
    }

    private void Saving(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var changed = context.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => e.Entity.GetType()).Distinct().Where(cache.Depends).ToArray();
        if (changed.Length == 0)
        {
            return;
        }

        foreach (var type in changed)
        {
            cache.Changed(type);
        }

        _pending.AddOrUpdate(context, changed);
    }

    private void Saved(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var changed))
        {
            return;
        }

        _pending.Remove(context);
        foreach (var type in changed)
        {
            cache.Changed(type);
        }
    }
}
