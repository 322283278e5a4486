using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Callbacks;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Board;

public sealed record ChasedOrder(Guid Id, string Number, string Location, int ChaseCount, RepairStatus Status);

public sealed record EscalationItem(QueueItem Clock, SlaEventKind Kind, DateTime FiredAt);

/// <summary>A complaint whose harm is still going on (000 L272): first on every board until stopped.</summary>
public sealed record HarmItem(Guid Id, string Number, string ComplainantName, string? Location, DateTime ReceivedAt);

public sealed record BoardModel(
    Guid? PropertyId, IReadOnlyList<SelectListItem> Properties, bool Wall, DateTime Now,
    IReadOnlyList<QueueRow> Overdue, int OverdueCount, IReadOnlyList<QueueRow> DueSoon, int DueSoonCount, IReadOnlyList<QueueRow> Paused,
    int RunningCount, IReadOnlyList<EscalationItem> Escalations, IReadOnlyList<ChasedOrder> Chased, int CallbacksNeedingSupervisor,
    IReadOnlyList<HarmItem> Harm);

/// <summary>
/// 时限看板: every case of a property with an open clock, one row each — overdue first, then due within the hour — with the
/// escalations and chases a supervisor must act on. Refreshes itself; ?wall=true for a wall screen.
/// </summary>
[Authorize(Policy = Policies.Supervision)]
public sealed class BoardController(BoardPages pages) : PortalController
{
    public async Task<IActionResult> Index(Guid? propertyId, bool wall, CancellationToken ct) =>
        await pages.IndexAsync(propertyId, wall, ct) is { } model ? View(model) : NotFound();
}

/// <summary>The board's reads: the property picked (or the user's only one), its queue sections, escalations, chases and ongoing harm.</summary>
public sealed class BoardPages(PortalDbContext db, WorkQueue queue, TimeProvider time)
{
    public static readonly TimeSpan SoonWindow = TimeSpan.FromHours(1);

    /// <summary>Null when <paramref name="propertyId"/> is not one of the user's properties.</summary>
    public async Task<BoardModel?> IndexAsync(Guid? propertyId, bool wall, CancellationToken ct)
    {
        var properties = (await db.Properties.AsNoTracking().OrderBy(p => p.Code).Select(p => new { p.Id, p.Name }).ToListAsync(ct))
            .Select(p => new SelectListItem(p.Name, p.Id.ToString(), p.Id == propertyId)).ToList();
        if (propertyId is { } pid && properties.All(p => p.Value != pid.ToString()))
        {
            return null;
        }

        // A supervisor of one property sees that property's board (and its property-keyed indexes).
        if (propertyId is null && properties.Count == 1)
        {
            propertyId = Guid.Parse(properties[0].Value);
            properties[0].Selected = true;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var sections = await queue.ScreenAsync(propertyId, null,
            [new(SlaClockState.Running, null, now, Take: 100), new(SlaClockState.Running, now, now + SoonWindow), new(SlaClockState.Paused, null, null)], ct);
        var (overdue, soon, paused) = (sections[0], sections[1], sections[2]);

        // Escalations of the last 7 days whose clock is still open: what the supervisor has to act on.
        var since = now.AddDays(-7);
        var events = await (from e in db.SlaEvents.AsNoTracking()
                            join c in db.SlaClocks on e.ClockId equals c.Id
                            where e.FiredAt >= since && (e.Kind == SlaEventKind.EscalatedToSupervisor || e.Kind == SlaEventKind.EscalatedToManager)
                                  && c.State == SlaClockState.Running && (propertyId == null || e.PropertyId == propertyId)
                            orderby e.FiredAt descending
                            select new { Event = e, Clock = c }).Take(100).ToListAsync(ct);
        var described = await queue.DescribeAsync(events.Select(e => e.Clock).DistinctBy(c => c.Id).ToList(), ct);
        var escalations = events.Select(e => new EscalationItem(described.First(d => d.ClockId == e.Clock.Id), e.Event.Kind, e.Event.FiredAt)).ToList();

        var chased = await db.RepairOrders.AsNoTracking()
            .Where(o => o.ChaseCount > 0 && (o.Status == RepairStatus.Accepted || o.Status == RepairStatus.Dispatched || o.Status == RepairStatus.OnSite || o.Status == RepairStatus.Paused)
                        && (propertyId == null || o.PropertyId == propertyId))
            .OrderByDescending(o => o.ChaseCount).Take(20)
            .Select(o => new ChasedOrder(o.Id, o.Number, o.Location, o.ChaseCount, o.Status)).ToListAsync(ct);
        var harm = await db.Complaints.AsNoTracking()
            .Where(c => c.OngoingHarm && c.HarmStoppedAt == null && c.Status != Domain.Complaints.ComplaintStatus.Closed && (propertyId == null || c.PropertyId == propertyId))
            .OrderBy(c => c.ReceivedAt).Take(20)
            .Select(c => new HarmItem(c.Id, c.Number, c.ComplainantName, c.Location, c.ReceivedAt)).ToListAsync(ct);
        var needsSupervisor = await db.Callbacks.CountAsync(c => c.Status == CallbackStatus.Open && c.NeedsSupervisor && (propertyId == null || c.PropertyId == propertyId), ct);

        return new BoardModel(propertyId, properties, wall, now,
            overdue, await queue.CountRunningAsync(propertyId, null, now, ct),
            soon, await queue.CountRunningAsync(propertyId, now, now + SoonWindow, ct), paused,
            await queue.CountRunningAsync(propertyId, null, null, ct), escalations, chased, needsSupervisor, harm);
    }
}
