using Microsoft.EntityFrameworkCore;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Bench;

/// <summary>One search kind: how to pick a realistic term, and the LINQ the search page runs for it.</summary>
internal sealed record SearchQuery(string Name, string Description, Func<PortalDbContext, string, IQueryable<object>> Build);

/// <summary>
/// The household-search queries of the /Search page: a result row is a customer (or a unit) with
/// the unit number (or the owner) beside it, at most 50 rows. Query filters apply as in the portal.
/// </summary>
internal static class SearchQueries
{
    public const int Limit = 50;

    public static readonly SearchQuery[] All =
    [
        new("phone-last4", "PhoneLast4 == x || Phone2Last4 == x", (db, x) => Customers(db,
            db.Customers.Where(c => c.PhoneLast4 == x || c.Phone2Last4 == x))),
        new("phone-full", "Phone == x || Phone2 == x", (db, x) => Customers(db,
            db.Customers.Where(c => c.Phone == x || c.Phone2 == x))),
        new("unit-exact", "Unit.Number == x", (db, x) => Units(db,
            db.Units.Where(u => u.Number == x))),
        new("unit-prefix", "Unit.Number.StartsWith(x)", (db, x) => Units(db,
            db.Units.Where(u => u.Number.StartsWith(x)))),
        // The same search as a range: unit numbers are stored upper-case, so LIKE's case-insensitivity
        // buys nothing, and a range is an index seek on both providers (LIKE 'x%' is not, see docs/benchmarks.md).
        new("unit-prefix-range", "Number >= x && Number < next(x)", (db, x) => Units(db,
            db.Units.Where(u => string.Compare(u.Number, x) >= 0 && string.Compare(u.Number, NextPrefix(x)) < 0))),
        new("name-contains", "Customer.Name.Contains(x)", (db, x) => Customers(db,
            db.Customers.Where(c => c.Name.Contains(x)))),
    ];

    /// <summary>The smallest string after every string that starts with <paramref name="prefix"/>: 3-2-25 → 3-2-26.</summary>
    public static string NextPrefix(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    private static IQueryable<object> Customers(PortalDbContext db, IQueryable<Domain.Registry.Customer> matches) =>
        matches.AsNoTracking()
            .OrderBy(c => c.Name).ThenBy(c => c.Id)
            .Take(Limit)
            .Select(c => new CustomerHit(
                c.Id,
                c.Name,
                c.Phone,
                c.Phone2,
                c.PropertyId,
                db.Occupancies.Where(o => o.CustomerId == c.Id)
                    .Join(db.Units, o => o.UnitId, u => u.Id, (o, u) => u.Number)
                    .OrderBy(n => n)
                    .FirstOrDefault()));

    private static IQueryable<object> Units(PortalDbContext db, IQueryable<Domain.Registry.Unit> matches) =>
        matches.AsNoTracking()
            .OrderBy(u => u.Number).ThenBy(u => u.Id)
            .Take(Limit)
            .Select(u => new UnitHit(
                u.Id,
                u.Number,
                u.PropertyId,
                db.Occupancies.Where(o => o.UnitId == u.Id)
                    .Join(db.Customers, o => o.CustomerId, c => c.Id, (o, c) => c.Name)
                    .OrderBy(n => n)
                    .FirstOrDefault()));
}

internal sealed record CustomerHit(Guid Id, string Name, string? Phone, string? Phone2, Guid PropertyId, string? Unit);

internal sealed record UnitHit(Guid Id, string Number, Guid PropertyId, string? Owner);

/// <summary>Search terms taken from the seeded data, so every kind of search finds something.</summary>
internal sealed class SearchTerms
{
    private readonly Dictionary<string, string[]> _terms = [];

    public string[] For(string query) => _terms[query];

    public static async Task<SearchTerms> SampleAsync(BenchDatabase database, int count)
    {
        await using var db = database.Create(SystemPropertyScope.Instance);
        var customers = await db.Customers.AsNoTracking().Select(c => new { c.Phone, c.Name }).ToListAsync();
        var units = await db.Units.AsNoTracking().Select(u => u.Number).ToListAsync();
        var random = new Random(7);
        var people = Enumerable.Range(0, count).Select(_ => customers[random.Next(customers.Count)]).ToArray();
        var numbers = Enumerable.Range(0, count).Select(_ => units[random.Next(units.Count)]).ToArray();
        var terms = new SearchTerms();
        terms._terms["phone-last4"] = [.. people.Select(c => c.Phone![^4..])];
        terms._terms["phone-full"] = [.. people.Select(c => c.Phone!)];
        terms._terms["unit-exact"] = numbers;
        terms._terms["unit-prefix"] = [.. numbers.Select(n => n[..^2])];  // 3-2-25 → the 25th floor of 3-2
        terms._terms["unit-prefix-range"] = terms._terms["unit-prefix"];
        terms._terms["name-contains"] = [.. people.Select(c => c.Name[1..])]; // the given name: 建华, 伟
        return terms;
    }
}
