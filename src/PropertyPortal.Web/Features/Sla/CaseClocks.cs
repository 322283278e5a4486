using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Sla;

/// <summary>
/// The one place a case's clocks are loaded, started and saved. Every <see cref="ClockSet"/> it hands out
/// is loaded in one order (started, then milestone, then id — <see cref="ClockSet.Open"/> takes the last
/// open clock of a milestone, so the order is part of the rules), carries the property's policy and the
/// business calendar, and adds each clock a domain method starts to the DbContext at once: the caller's
/// single save stores it with the change that started it, and no caller can forget it.
/// </summary>
public sealed class CaseClocks(PortalDbContext db, SlaSettings settings)
{
    /// <summary>
    /// The clocks that move with a case: its own and those of its callbacks (a repair's callback is met
    /// by the callback, cancelled when the repair is reopened).
    /// </summary>
    public async Task<ClockSet> ForCaseAsync(ICase c, CancellationToken ct) =>
        await ForSubjectsAsync(c.PropertyId, await SubjectsOfAsync(c.Id, ct), ct);

    /// <summary>The clocks of the given subjects (a unit's custody patrol, a payment, a billing run …), tracked.</summary>
    public async Task<ClockSet> ForSubjectsAsync(Guid propertyId, IReadOnlyCollection<Guid> subjectIds, CancellationToken ct)
    {
        var clocks = await InOrder(db.SlaClocks.Where(c => subjectIds.Contains(c.SubjectId))).ToListAsync(ct);
        return Registered(clocks, await settings.ContextForAsync(propertyId, ct));
    }

    /// <summary>An empty set for a case being opened (its clocks start with it).</summary>
    public async Task<ClockSet> ForNewCaseAsync(Guid propertyId, CancellationToken ct) =>
        Registered([], await settings.ContextForAsync(propertyId, ct));

    /// <summary>The property's policy and the calendar, for <see cref="ForNewCase"/>.</summary>
    public Task<SlaContext> ContextForAsync(Guid propertyId, CancellationToken ct) => settings.ContextForAsync(propertyId, ct);

    /// <summary>The same, when the caller already holds the property's context (opening many cases of one property).</summary>
    public ClockSet ForNewCase(SlaContext context) => Registered([], context);

    /// <summary>A case's clocks and its callbacks', read-only, in the seam's order: for the case's page.</summary>
    public async Task<List<SlaClock>> ReadForCaseAsync(Guid caseId, CancellationToken ct) =>
        await ReadAsync(await SubjectsOfAsync(caseId, ct), ct);

    /// <summary>The clocks of the given subjects, read-only, in the seam's order.</summary>
    public Task<List<SlaClock>> ReadAsync(IReadOnlyCollection<Guid> subjectIds, CancellationToken ct) =>
        InOrder(db.SlaClocks.AsNoTracking().Where(c => subjectIds.Contains(c.SubjectId))).ToListAsync(ct);

    /// <summary>
    /// Which subjects of a kind have open clocks (running or paused), of which milestone and property: for a job that
    /// reconciles them (the custody patrols), which then loads the ones it changes with <see cref="ForSubjectsAsync"/>.
    /// </summary>
    public async Task<IReadOnlyList<OpenSubject>> OpenSubjectsAsync(SlaSubject subject, CancellationToken ct) =>
        await db.SlaClocks.AsNoTracking().Where(c => c.Subject == subject && (c.State == SlaClockState.Running || c.State == SlaClockState.Paused))
            .Select(c => new OpenSubject(c.SubjectId, c.PropertyId, c.Milestone)).Distinct().ToListAsync(ct);

    /// <summary>The seam's order: started, then milestone, then id (time-ordered GUIDs), the same on both databases.</summary>
    public static IQueryable<SlaClock> InOrder(IQueryable<SlaClock> clocks) =>
        clocks.OrderBy(c => c.StartedAt).ThenBy(c => c.Milestone).ThenBy(c => c.Id);

    /// <summary>The case and its callbacks: the subjects whose clocks travel with the case.</summary>
    public async Task<IReadOnlyCollection<Guid>> SubjectsOfAsync(Guid caseId, CancellationToken ct)
    {
        var callbacks = await db.Callbacks.Where(b => b.RepairOrderId == caseId || b.ComplaintId == caseId || b.MoveInId == caseId)
            .Select(b => b.Id).ToListAsync(ct);
        return [caseId, .. callbacks];
    }

    private ClockSet Registered(IEnumerable<SlaClock> clocks, SlaContext context) => new(clocks, context, started => db.SlaClocks.Add(started));
}

/// <summary>A subject with an open clock of <paramref name="Milestone"/>.</summary>
public sealed record OpenSubject(Guid SubjectId, Guid PropertyId, SlaMilestone Milestone);
