using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Search;

public enum SearchKind { Empty, PhoneTail, Phone, UnitNumber, Name }

public sealed record HitUnit(Guid Id, string Number, OccupancyRole Role);

public sealed record HouseholdHit(Guid Id, string Name, CustomerKind Kind, string? Phone, string? Phone2, string PropertyName, IReadOnlyList<HitUnit> Units);

public sealed record UnitHit(Guid Id, string Number, UnitStatus Status, string PropertyName);

public sealed record SearchResult(string Query, SearchKind Kind, string Needle, IReadOnlyList<HouseholdHit> Households, IReadOnlyList<UnitHit> Units, bool More);

/// <summary>
/// The one search box of the front desk: a household by name, phone (full or last four digits) or unit
/// number. The shape of the input decides the query, and every query uses an index except the name's
/// "contains", which is bounded. Results pass through the property query filter like everything else.
/// </summary>
public sealed class HouseholdSearch(PortalDbContext db)
{
    public const int Limit = 50;

    public static (SearchKind Kind, string Needle) Classify(string? query)
    {
        // A Chinese IME often types full-width characters (８０００, Ａ－５０１); NFKC makes them ASCII.
        var q = (query ?? "").Normalize(System.Text.NormalizationForm.FormKC).Trim();
        if (q.Length == 0)
        {
            return (SearchKind.Empty, "");
        }

        var digits = Phone.Normalize(q);
        var onlyPhoneChars = q.All(c => char.IsAsciiDigit(c) || c is ' ' or '-' or '+' or '(' or ')');
        if (onlyPhoneChars && digits is { Length: 4 })
        {
            return (SearchKind.PhoneTail, digits);
        }

        // 3-2-501 is a unit; 138-0013-8000 and 021-58001234 are phones: dashes with short parts and
        // fewer than 10 digits read as a unit number.
        if (onlyPhoneChars && digits is { Length: >= 7 } && !LooksLikeUnitNumber(q, digits))
        {
            return (SearchKind.Phone, digits);
        }

        if (q.Any(char.IsAsciiDigit) && q.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '－' or '—'))
        {
            return (SearchKind.UnitNumber, Unit.NormalizeNumber(q));
        }

        return (SearchKind.Name, q);
    }

    private static bool LooksLikeUnitNumber(string q, string digits) =>
        q.Contains('-', StringComparison.Ordinal) && digits.Length < 10 && q.Split('-').All(part => part.Trim().Length <= 4);

    public async Task<SearchResult> RunAsync(string? query, DateOnly today, CancellationToken ct)
    {
        var (kind, needle) = Classify(query);
        List<Guid> customerIds = [];
        List<UnitHit> units = [];
        var properties = await db.Properties.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        switch (kind)
        {
            case SearchKind.PhoneTail:
                customerIds = await db.Customers.AsNoTracking()
                    .Where(c => c.PhoneLast4 == needle || c.Phone2Last4 == needle)
                    .OrderBy(c => c.Name).Select(c => c.Id).Take(Limit + 1).ToListAsync(ct);
                break;
            case SearchKind.Phone:
                customerIds = await db.Customers.AsNoTracking()
                    .Where(c => c.Phone == needle || c.Phone2 == needle)
                    .Select(c => c.Id).Take(Limit + 1).ToListAsync(ct);
                customerIds.AddRange(await db.HouseholdMembers.AsNoTracking()
                    .Where(m => m.Phone == needle).Select(m => m.CustomerId).Take(Limit + 1).ToListAsync(ct));
                break;
            case SearchKind.UnitNumber:
                // A range instead of StartsWith: LIKE cannot use the index on either database (docs/benchmarks.md).
                var upper = needle + '\uffff';
                var found = await db.Units.AsNoTracking()
                    .Where(u => string.Compare(u.Number, needle) >= 0 && string.Compare(u.Number, upper) < 0)
                    .OrderBy(u => u.Number).Take(Limit + 1)
                    .Select(u => new { u.Id, u.Number, u.Status, u.PropertyId })
                    .ToListAsync(ct);
                units = found.Select(u => new UnitHit(u.Id, u.Number, u.Status, properties.GetValueOrDefault(u.PropertyId, ""))).ToList();
                var unitIds = found.Select(u => u.Id).Take(Limit).ToList();
                customerIds = await db.Occupancies.AsNoTracking()
                    .Where(o => unitIds.Contains(o.UnitId) && o.StartDate <= today && (o.EndDate == null || o.EndDate >= today))
                    .Select(o => o.CustomerId).Take(Limit + 1).ToListAsync(ct);
                break;
            case SearchKind.Name:
                customerIds = await db.Customers.AsNoTracking()
                    .Where(c => c.Name.Contains(needle))
                    .OrderBy(c => c.Name).Select(c => c.Id).Take(Limit + 1).ToListAsync(ct);
                customerIds.AddRange(await db.HouseholdMembers.AsNoTracking()
                    .Where(m => m.Name.Contains(needle)).Select(m => m.CustomerId).Take(Limit + 1).ToListAsync(ct));
                break;
        }

        customerIds = customerIds.Distinct().ToList();
        var more = customerIds.Count > Limit || units.Count > Limit;
        customerIds = customerIds.Take(Limit).ToList();
        if (units.Count > Limit)
        {
            units = units.Take(Limit).ToList();
        }

        var customers = await db.Customers.AsNoTracking()
            .Where(c => customerIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Name, c.Kind, c.Phone, c.Phone2, c.PropertyId })
            .ToListAsync(ct);
        var occupied = await db.Occupancies.AsNoTracking()
            .Where(o => customerIds.Contains(o.CustomerId) && o.StartDate <= today && (o.EndDate == null || o.EndDate >= today))
            .Join(db.Units, o => o.UnitId, u => u.Id, (o, u) => new { o.CustomerId, u.Id, u.Number, o.Role })
            .ToListAsync(ct);
        var unitsByCustomer = occupied.ToLookup(x => x.CustomerId, x => new HitUnit(x.Id, x.Number, x.Role));
        var households = customers
            .Select(c => new HouseholdHit(c.Id, c.Name, c.Kind, c.Phone, c.Phone2, properties.GetValueOrDefault(c.PropertyId, ""),
                unitsByCustomer[c.Id].OrderBy(u => u.Number, StringComparer.Ordinal).ToList()))
            .OrderByDescending(h => h.Units.Count > 0)
            .ThenBy(h => h.Units.FirstOrDefault()?.Number ?? "", StringComparer.Ordinal)
            .ThenBy(h => h.Name, StringComparer.Ordinal)
            .ToList();
        return new SearchResult((query ?? "").Trim(), kind, needle, households, units, more);
    }
}
