using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Web.Features.Customers;
using PropertyPortal.Web.Features.DailyLog;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.MoveOuts;

/// <summary>The household's move-outs in its story (one line each: received, and how it ended).</summary>
public sealed class MoveOutStory(PortalDbContext db, IStringLocalizer<SharedResource> shared) : IHouseholdStorySource
{
    public async Task<IReadOnlyList<StoryEntry>> NewestAsync(Household household, int take, CancellationToken ct)
    {
        var rows = await db.MoveOuts.AsNoTracking().Where(m => m.CustomerId == household.CustomerId)
            .OrderByDescending(m => m.ReceivedAt).ThenByDescending(m => m.Id)
            .Select(m => new { m.Id, m.Number, m.ReceivedAt, m.ReceivedByName, m.Status, m.CompletedAt }).Take(take).ToListAsync(ct);
        return rows.Select(r => new StoryEntry(r.ReceivedAt, shared["Entity.MoveOut"], r.Number,
            r.CompletedAt is { } done ? $"{shared.Enum(r.Status)} {ViewHelpers.Time(done)}" : shared.Enum(r.Status), r.ReceivedByName, $"/MoveOuts/Details/{r.Id}")).ToList();
    }
}

/// <summary>The move-outs received and completed on a day, for the daily log.</summary>
public sealed class MoveOutDayCases(PortalDbContext db, IStringLocalizer<SharedResource> shared) : IDailyLogSource
{
    public async Task<DayCases> ForDayAsync(Guid propertyId, DateTime fromUtc, DateTime toUtc, CancellationToken ct)
    {
        var moveOuts = from m in db.MoveOuts.AsNoTracking()
                       join c in db.Customers on m.CustomerId equals c.Id
                       join u in db.Units on m.UnitId equals u.Id
                       where m.PropertyId == propertyId
                       select new { m.Id, m.Number, m.ReceivedAt, m.CompletedAt, Customer = c.Name, Unit = u.Number, m.Status };
        var opened = await moveOuts.Where(m => m.ReceivedAt >= fromUtc && m.ReceivedAt < toUtc).OrderBy(m => m.ReceivedAt).ToListAsync(ct);
        var closed = await moveOuts.Where(m => m.CompletedAt >= fromUtc && m.CompletedAt < toUtc).OrderBy(m => m.CompletedAt).ToListAsync(ct);
        var kind = shared["Entity.MoveOut"];
        return new(
            opened.Select(m => new DayCase(kind, m.Number, m.ReceivedAt, m.Customer, m.Unit, shared.Enum(m.Status), $"/MoveOuts/Details/{m.Id}")).ToList(),
            closed.Select(m => new DayCase(kind, m.Number, m.CompletedAt!.Value, m.Customer, m.Unit, shared.Enum(m.Status), $"/MoveOuts/Details/{m.Id}")).ToList());
    }
}
