using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Web.Features.Customers;
using PropertyPortal.Web.Features.DailyLog;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.MoveIns;

/// <summary>The household's move-in in its story: every step (预约, 接待, 查验, 签收, 交钥匙, 入住 …).</summary>
public sealed class MoveInStory(PortalDbContext db, IStringLocalizer<SharedResource> shared) : IHouseholdStorySource
{
    public async Task<IReadOnlyList<StoryEntry>> NewestAsync(Household household, int take, CancellationToken ct)
    {
        var rows = await (from e in db.MoveInEvents.AsNoTracking()
                          join m in db.MoveIns on e.MoveInId equals m.Id
                          where m.CustomerId == household.CustomerId
                          orderby e.At descending, e.Id descending
                          select new { e.At, e.Kind, e.ActorName, m.Id, m.Number }).Take(take).ToListAsync(ct);
        return rows.Select(r => new StoryEntry(r.At, shared["Entity.MoveIn"], r.Number, shared.Enum(r.Kind), r.ActorName, $"/MoveIns/Details/{r.Id}")).ToList();
    }
}

/// <summary>The move-ins booked and completed on a day, for the daily log.</summary>
public sealed class MoveInDayCases(PortalDbContext db, IStringLocalizer<SharedResource> shared) : IDailyLogSource
{
    public async Task<DayCases> ForDayAsync(Guid propertyId, DateTime fromUtc, DateTime toUtc, CancellationToken ct)
    {
        var moveIns = from m in db.MoveIns.AsNoTracking()
                      join c in db.Customers on m.CustomerId equals c.Id
                      join u in db.Units on m.UnitId equals u.Id
                      where m.PropertyId == propertyId
                      select new { m.Id, m.Number, m.BookedAt, m.CompletedAt, Customer = c.Name, Unit = u.Number, m.Status };
        var opened = await moveIns.Where(m => m.BookedAt >= fromUtc && m.BookedAt < toUtc).OrderBy(m => m.BookedAt).ToListAsync(ct);
        var closed = await moveIns.Where(m => m.CompletedAt >= fromUtc && m.CompletedAt < toUtc).OrderBy(m => m.CompletedAt).ToListAsync(ct);
        var kind = shared["Entity.MoveIn"];
        return new(
            opened.Select(m => new DayCase(kind, m.Number, m.BookedAt, m.Customer, m.Unit, shared.Enum(m.Status), $"/MoveIns/Details/{m.Id}")).ToList(),
            closed.Select(m => new DayCase(kind, m.Number, m.CompletedAt!.Value, m.Customer, m.Unit, shared.Enum(m.Status), $"/MoveIns/Details/{m.Id}")).ToList());
    }
}
