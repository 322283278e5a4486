using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Visits;
using PropertyPortal.Web.Features.Services;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Visits;

/// <summary>A household the visit list suggests, and why: its complaints and calls in the window, and its last visit.</summary>
public sealed record Suggestion(Guid CustomerId, string Name, string? Phone, Guid? UnitId, string? UnitLabel, int Complaints, int Contacts, DateOnly? LastVisit);

/// <summary>
/// 走访推荐 (002 L15: visits favour households with complaints or suggestions): the property's moved-in households not
/// visited this month, those with complaints in the window first (most first), then those who called or came to the
/// desk with an opinion, then the longest unvisited (never visited first). The window is the property's setting.
/// </summary>
public sealed class VisitSuggestions(PortalDbContext db, ServiceLimits limits, TimeProvider time)
{
    public const int Shown = 20;

    public async Task<IReadOnlyList<Suggestion>> ForAsync(Guid propertyId, CancellationToken ct, int take = Shown)
    {
        var today = PortalClock.Today(time);
        var window = (await limits.ForAsync(propertyId, ct)).SuggestionWindowDays;
        var since = PortalClock.ToUtc(today.AddDays(-window).ToDateTime(TimeOnly.MinValue));
        var month = new DateOnly(today.Year, today.Month, 1);

        var households = await (from o in db.Occupancies.AsNoTracking()
                                join c in db.Customers on o.CustomerId equals c.Id
                                join u in db.Units on o.UnitId equals u.Id
                                join b in db.Buildings on u.BuildingId equals b.Id
                                where o.PropertyId == propertyId && o.StartDate <= today && (o.EndDate == null || o.EndDate >= today)
                                select new { c.Id, c.Name, c.Phone, UnitId = u.Id, Unit = b.Name + " " + u.Number, o.Role })
            .ToListAsync(ct);
        var complaints = await db.Complaints.AsNoTracking().Where(c => c.PropertyId == propertyId && c.CustomerId != null && c.ReceivedAt >= since)
            .GroupBy(c => c.CustomerId).Select(g => new { Id = g.Key!.Value, Count = g.Count() }).ToDictionaryAsync(g => g.Id, g => g.Count, ct);
        var contacts = await db.Contacts.AsNoTracking().Where(c => c.PropertyId == propertyId && c.CustomerId != null && c.ReceivedAt >= since)
            .GroupBy(c => c.CustomerId).Select(g => new { Id = g.Key!.Value, Count = g.Count() }).ToDictionaryAsync(g => g.Id, g => g.Count, ct);
        var visits = await db.Visits.AsNoTracking().Where(v => v.PropertyId == propertyId)
            .GroupBy(v => v.CustomerId).Select(g => new { Id = g.Key, Last = g.Max(v => v.VisitedOn) }).ToDictionaryAsync(g => g.Id, g => g.Last, ct);

        return households
            .GroupBy(h => h.Id)
            .Select(g => g.OrderBy(h => h.Role).First())
            .Where(h => !visits.TryGetValue(h.Id, out var last) || last < month)
            .Select(h => new Suggestion(h.Id, h.Name, h.Phone, h.UnitId, h.Unit, complaints.GetValueOrDefault(h.Id), contacts.GetValueOrDefault(h.Id),
                visits.TryGetValue(h.Id, out var last) ? last : null))
            .OrderByDescending(s => s.Complaints)
            .ThenByDescending(s => s.Contacts)
            .ThenBy(s => s.LastVisit ?? DateOnly.MinValue)
            .ThenBy(s => s.UnitLabel, StringComparer.Ordinal)
            .Take(take)
            .ToList();
    }
}

/// <summary>
/// 抽样 for the quarterly survey (004 §七): the property's moved-in households today (a current owner or tenant of a
/// unit), those already in a sample this calendar year, and the property's share; the domain's <see cref="SurveySampler"/>
/// draws. The seed comes from the property and the quarter, so the same data draws the same sample.
/// </summary>
public sealed class SurveySampling(PortalDbContext db, ServiceLimits limits, TimeProvider time)
{
    public async Task<Survey> DrawAsync(Guid propertyId, int year, int quarter, Domain.Common.Actor by, CancellationToken ct)
    {
        var today = PortalClock.Today(time);
        var movedIn = (await db.Occupancies.AsNoTracking()
                .Where(o => o.PropertyId == propertyId && o.StartDate <= today && (o.EndDate == null || o.EndDate >= today))
                .OrderBy(o => o.Role).Select(o => new { o.CustomerId, o.UnitId }).ToListAsync(ct))
            .Select(o => (o.CustomerId, (Guid?)o.UnitId)).ToList();
        var surveyed = (await db.SurveySamples.AsNoTracking().Where(s => s.PropertyId == propertyId && s.Year == year).Select(s => s.CustomerId).ToListAsync(ct)).ToHashSet();
        var share = (await limits.ForAsync(propertyId, ct)).SurveySharePercent;
        var seed = BitConverter.ToInt32(propertyId.ToByteArray(), 12) ^ (year * 10 + quarter);
        return Survey.Draw(propertyId, year, quarter, movedIn, surveyed, share, new Random(seed), by, time.GetUtcNow().UtcDateTime, today);
    }
}
