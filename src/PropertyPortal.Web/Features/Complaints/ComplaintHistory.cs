using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Complaints;
using PropertyPortal.Web.Features.Customers;
using PropertyPortal.Web.Features.DailyLog;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.Complaints;

/// <summary>The household's complaints in its story: every step (受理, 答复, 方案, 解决, 结案 …).</summary>
public sealed class ComplaintStory(PortalDbContext db, IStringLocalizer<SharedResource> shared) : IHouseholdStorySource
{
    public async Task<IReadOnlyList<StoryEntry>> NewestAsync(Household household, int take, CancellationToken ct)
    {
        var rows = await (from e in db.ComplaintEvents.AsNoTracking()
                          join c in db.Complaints on e.ComplaintId equals c.Id
                          where c.CustomerId == household.CustomerId
                          orderby e.At descending, e.Id descending
                          select new { e.At, e.Kind, e.ActorName, c.Id, c.Number, c.Tier }).Take(take).ToListAsync(ct);
        return rows.Select(r => new StoryEntry(r.At, shared["Entity.Complaint"], $"{r.Number} · {shared.Enum(r.Tier)}", shared.Enum(r.Kind), r.ActorName,
            $"/Complaints/Details/{r.Id}")).ToList();
    }
}

/// <summary>The complaints received and closed on a day, for the daily log (重大 and ongoing harm flagged).</summary>
public sealed class ComplaintDayCases(PortalDbContext db, IStringLocalizer<SharedResource> shared) : IDailyLogSource
{
    public async Task<DayCases> ForDayAsync(Guid propertyId, DateTime fromUtc, DateTime toUtc, CancellationToken ct)
    {
        var complaints = db.Complaints.AsNoTracking().Where(c => c.PropertyId == propertyId);
        var opened = await complaints.Where(c => c.ReceivedAt >= fromUtc && c.ReceivedAt < toUtc).OrderBy(c => c.ReceivedAt)
            .Select(c => new { c.Id, c.Number, At = c.ReceivedAt, c.ComplainantName, c.Location, c.Tier, c.OngoingHarm, c.Status }).ToListAsync(ct);
        var closed = await complaints.Where(c => c.ClosedAt >= fromUtc && c.ClosedAt < toUtc).OrderBy(c => c.ClosedAt)
            .Select(c => new { c.Id, c.Number, At = c.ClosedAt!.Value, c.ComplainantName, c.Location, c.Tier, c.OngoingHarm, c.Status }).ToListAsync(ct);
        var kind = shared["Entity.Complaint"];
        DayCase Line(Guid id, string number, DateTime at, string who, string? where, ComplaintTier tier, ComplaintStatus status) =>
            new(kind, number, at, who, where, shared.Enum(status), $"/Complaints/Details/{id}", tier == ComplaintTier.Minor ? null : shared.Enum(tier));
        return new(
            opened.Select(c => Line(c.Id, c.Number, c.At, c.ComplainantName, c.Location, c.Tier, c.Status)).ToList(),
            closed.Select(c => Line(c.Id, c.Number, c.At, c.ComplainantName, c.Location, c.Tier, c.Status)).ToList());
    }
}
