using Microsoft.EntityFrameworkCore;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Customers;

/// <summary>The household whose story is told: the customer, its property, and every unit it holds or held.</summary>
public sealed record Household(Guid CustomerId, Guid PropertyId, IReadOnlyList<Guid> UnitIds);

/// <summary>
/// One line of a household's story: when, what kind of record (报修单, 投诉, 收款 …, already in the user's language),
/// which one (its number and a few words), what happened, who did it, and the page of the case it belongs to.
/// </summary>
public sealed record StoryEntry(DateTime At, string Kind, string Title, string? What, string? Who, string? Link, string Css = "");

/// <summary>
/// A feature's part of the household's story. Implement it in the feature's folder and register it
/// (<c>services.AddScoped&lt;IHouseholdStorySource, XStory&gt;()</c>): the household page then tells it, with no
/// other change. One query, ordered newest first with a unique tie-breaker and cut at <c>take</c> rows — the
/// merge relies on each source returning its own newest entries in its own fixed order.
/// </summary>
public interface IHouseholdStorySource
{
    Task<IReadOnlyList<StoryEntry>> NewestAsync(Household household, int take, CancellationToken ct);
}

/// <summary>A page of the story, newest first.</summary>
public sealed record StoryPage(Guid CustomerId, IReadOnlyList<StoryEntry> Entries, int Page, bool HasMore);

/// <summary>
/// 户档案时间线: the household's whole story — contacts, repairs, complaints, callbacks, renovations, move-in and
/// move-out, bills, payments, dunning, counter visits, and whatever source a later feature registers — one
/// timeline, newest first, paged. Page n asks each source for its newest n×size+1 entries (one query each, read
/// through the property filter, so another property's records never appear) and merges them: nothing else is loaded.
/// </summary>
public sealed class HouseholdStory(PortalDbContext db, IEnumerable<IHouseholdStorySource> sources)
{
    public const int PageSize = 20;

    /// <summary>How far back the pages go (page × size rows per source); older history is on each case's own page.</summary>
    public const int MaxPages = 50;

    /// <summary>The household as the story needs it; null when the customer is not the user's to see.</summary>
    public async Task<Household?> HouseholdAsync(Guid customerId, CancellationToken ct)
    {
        var property = await db.Customers.AsNoTracking().Where(c => c.Id == customerId).Select(c => (Guid?)c.PropertyId).FirstOrDefaultAsync(ct);
        if (property is not { } pid)
        {
            return null;
        }

        var units = await db.Occupancies.AsNoTracking().Where(o => o.CustomerId == customerId).Select(o => o.UnitId).Distinct().ToListAsync(ct);
        return new Household(customerId, pid, units);
    }

    public async Task<StoryPage> PageAsync(Household household, int page, CancellationToken ct)
    {
        page = Math.Clamp(page, 1, MaxPages);
        var take = page * PageSize + 1;

        // Ties (a month's charges billed in one instant) are broken by the source's place and the entry's place
        // in its source, the order each source cut its rows in: a page's prefix is then the same on every page.
        var merged = new List<(StoryEntry Entry, int Source, int Rank)>();
        var index = 0;
        foreach (var source in sources)
        {
            var entries = await source.NewestAsync(household, take, ct);
            merged.AddRange(entries.Select((e, rank) => (e, index, rank)));
            index++;
        }

        var ordered = merged.OrderByDescending(m => m.Entry.At).ThenBy(m => m.Source).ThenBy(m => m.Rank).Select(m => m.Entry).ToList();
        return new StoryPage(household.CustomerId, ordered.Skip((page - 1) * PageSize).Take(PageSize).ToList(), page, ordered.Count > page * PageSize);
    }
}
