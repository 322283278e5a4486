using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Features.Repairs;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.Shared;

/// <summary>A case page's clocks and its one timeline: the case's own events and what the sweep fired on its clocks, newest first.</summary>
public sealed record CaseHistory(IReadOnlyList<ClockView> Clocks, IReadOnlyList<TimelineEntry> Timeline);

/// <summary>Reads a case's clocks (through <see cref="CaseClocks"/>) and merges its timeline with the sweep's warnings and breaches.</summary>
public sealed class CaseTimeline(PortalDbContext db, CaseClocks caseClocks, IStringLocalizer<SharedResource> shared)
{
    /// <param name="describe">The case event as the page shows it: what happened, the note, and a css class.</param>
    public async Task<CaseHistory> ReadAsync(ICase c, Func<CaseEvent, (string What, string? Note, string Css)> describe, DateTime nowUtc, CancellationToken ct)
    {
        var clocks = await caseClocks.ReadForCaseAsync(c.Id, ct);
        var clockIds = clocks.Select(k => k.Id).ToList();
        var fired = await db.SlaEvents.AsNoTracking().Where(e => clockIds.Contains(e.ClockId)).ToListAsync(ct);
        var userIds = clocks.Select(k => k.AssigneeId).OfType<string>().Distinct().ToList();
        var names = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var timeline = c.Timeline
            .Select(e =>
            {
                var (what, note, css) = describe(e);
                return new TimelineEntry(e.At, e.ActorName, what, note, css);
            })
            .Concat(fired.Select(e => new TimelineEntry(e.FiredAt, shared["Timeline.System"], $"{shared.Enum(e.Milestone)} · {shared.Enum(e.Kind)}",
                shared["Timeline.DueWas", ViewHelpers.Time(e.Kind == SlaEventKind.Warning ? clocks.FirstOrDefault(k => k.Id == e.ClockId)?.DueAt : e.ScheduledAt)],
                e.Kind == SlaEventKind.Warning ? "text-warning-emphasis" : "text-danger")))
            .OrderByDescending(e => e.At)
            .ToList();
        return new CaseHistory(clocks.Select(k => ClockView.From(k, nowUtc, names)).ToList(), timeline);
    }
}
