using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Web.Features.Customers;
using PropertyPortal.Web.Features.DailyLog;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.Renovations;

/// <summary>The household's renovations in its story: every step (申请, 审核, 许可, 巡查, 验收, 退保证金 …).</summary>
public sealed class RenovationStory(PortalDbContext db, IStringLocalizer<SharedResource> shared) : IHouseholdStorySource
{
    public async Task<IReadOnlyList<StoryEntry>> NewestAsync(Household household, int take, CancellationToken ct)
    {
        var rows = await (from e in db.RenovationEvents.AsNoTracking()
                          join r in db.Renovations on e.RenovationId equals r.Id
                          where r.CustomerId == household.CustomerId
                          orderby e.At descending, e.Id descending
                          select new { e.At, e.Kind, e.ActorName, r.Id, r.Number, r.Scope }).Take(take).ToListAsync(ct);
        return rows.Select(r => new StoryEntry(r.At, shared["Entity.Renovation"], $"{r.Number} · {shared.Enum(r.Scope)}", shared.Enum(r.Kind), r.ActorName,
            $"/Renovations/Details/{r.Id}")).ToList();
    }
}

/// <summary>The renovation applications received and closed on a day, for the daily log.</summary>
public sealed class RenovationDayCases(PortalDbContext db, IStringLocalizer<SharedResource> shared) : IDailyLogSource
{
    public async Task<DayCases> ForDayAsync(Guid propertyId, DateTime fromUtc, DateTime toUtc, CancellationToken ct)
    {
        var renovations = db.Renovations.AsNoTracking().Where(r => r.PropertyId == propertyId);
        var opened = await renovations.Where(r => r.ReceivedAt >= fromUtc && r.ReceivedAt < toUtc).OrderBy(r => r.ReceivedAt)
            .Select(r => new { r.Id, r.Number, At = r.ReceivedAt, r.ApplicantName, r.Scope, r.Status }).ToListAsync(ct);
        var closed = await renovations.Where(r => r.ClosedAt >= fromUtc && r.ClosedAt < toUtc).OrderBy(r => r.ClosedAt)
            .Select(r => new { r.Id, r.Number, At = r.ClosedAt!.Value, r.ApplicantName, r.Scope, r.Status }).ToListAsync(ct);
        var kind = shared["Entity.Renovation"];
        return new(
            opened.Select(r => new DayCase(kind, r.Number, r.At, r.ApplicantName, shared.Enum(r.Scope), shared.Enum(r.Status), $"/Renovations/Details/{r.Id}")).ToList(),
            closed.Select(r => new DayCase(kind, r.Number, r.At, r.ApplicantName, shared.Enum(r.Scope), shared.Enum(r.Status), $"/Renovations/Details/{r.Id}")).ToList());
    }
}
