using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.Web.Features.Customers;
using PropertyPortal.Web.Features.DailyLog;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.Repairs;

/// <summary>The household's repair orders in its story: every step of each order (受理, 派工, 到场, 完工 …).</summary>
public sealed class RepairStory(PortalDbContext db, IStringLocalizer<SharedResource> shared) : IHouseholdStorySource
{
    public async Task<IReadOnlyList<StoryEntry>> NewestAsync(Household household, int take, CancellationToken ct)
    {
        var rows = await (from e in db.RepairOrderEvents.AsNoTracking()
                          join o in db.RepairOrders on e.RepairOrderId equals o.Id
                          where o.CustomerId == household.CustomerId
                          orderby e.At descending, e.Id descending
                          select new { e.At, e.Kind, e.ActorName, o.Id, o.Number, o.Location }).Take(take).ToListAsync(ct);
        return rows.Select(r => new StoryEntry(r.At, shared["Entity.RepairOrder"], $"{r.Number} · {r.Location}", shared.Enum(r.Kind), r.ActorName,
            $"/Repairs/Details/{r.Id}", r.Kind == RepairEventKind.Cancelled ? "text-muted" : "")).ToList();
    }
}

/// <summary>The repair orders received and closed on a day, for the daily log.</summary>
public sealed class RepairDayCases(PortalDbContext db, IStringLocalizer<SharedResource> shared) : IDailyLogSource
{
    public async Task<DayCases> ForDayAsync(Guid propertyId, DateTime fromUtc, DateTime toUtc, CancellationToken ct)
    {
        var orders = db.RepairOrders.AsNoTracking().Where(o => o.PropertyId == propertyId);
        var opened = await orders.Where(o => o.ReceivedAt >= fromUtc && o.ReceivedAt < toUtc).OrderBy(o => o.ReceivedAt)
            .Select(o => new { o.Id, o.Number, At = o.ReceivedAt, o.ReporterName, o.Location, o.Urgency, o.Status }).ToListAsync(ct);
        var closed = await orders.Where(o => o.ClosedAt >= fromUtc && o.ClosedAt < toUtc).OrderBy(o => o.ClosedAt)
            .Select(o => new { o.Id, o.Number, At = o.ClosedAt!.Value, o.ReporterName, o.Location, o.Urgency, o.Status }).ToListAsync(ct);
        var kind = shared["Entity.RepairOrder"];
        return new(
            opened.Select(o => new DayCase(kind, o.Number, o.At, o.ReporterName, o.Location, shared.Enum(o.Status), $"/Repairs/Details/{o.Id}",
                o.Urgency == RepairUrgency.Normal ? null : shared.Enum(o.Urgency))).ToList(),
            closed.Select(o => new DayCase(kind, o.Number, o.At, o.ReporterName, o.Location, shared.Enum(o.Status), $"/Repairs/Details/{o.Id}",
                o.Urgency == RepairUrgency.Normal ? null : shared.Enum(o.Urgency))).ToList());
    }
}
