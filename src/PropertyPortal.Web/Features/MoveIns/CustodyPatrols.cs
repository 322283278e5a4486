using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.MoveIns;

/// <summary>
/// The weekly patrol of units in custody (托管, 000 L208) as SLA clocks on the unit: one running clock per
/// unit in custody, met by each patrol, which starts the next week's. A unit put into or taken out of
/// custody on its own page is picked up by <see cref="ReconcileAsync"/>, run hourly by the custody job.
/// </summary>
public static class CustodyPatrols
{
    public const int IntervalDays = 7;

    public static void StartNext(ClockSet clocks, Guid propertyId, Guid unitId, DateTime nowUtc) =>
        clocks.Start(propertyId, SlaSubject.CustodyUnit, unitId, SlaMilestone.CustodyPatrol, null, SlaTarget.Days(IntervalDays), nowUtc);

    /// <summary>Starts a clock for every unit in custody without one and cancels the clocks of units no longer in custody.</summary>
    public static async Task<(int Started, int Cancelled)> ReconcileAsync(PortalDbContext db, SlaSettings sla, DateTime nowUtc, CancellationToken ct)
    {
        var inCustody = await db.Units.Where(u => u.InCustody).Select(u => new { u.Id, u.PropertyId }).ToListAsync(ct);
        var open = await db.SlaClocks.Where(c => c.Subject == SlaSubject.CustodyUnit && (c.State == SlaClockState.Running || c.State == SlaClockState.Paused)).ToListAsync(ct);
        var wanted = inCustody.Select(u => u.Id).ToHashSet();
        var cancelled = 0;
        foreach (var clock in open.Where(c => !wanted.Contains(c.SubjectId)))
        {
            clock.Cancel();
            cancelled++;
        }

        var covered = open.Select(c => c.SubjectId).ToHashSet();
        var started = 0;
        var caseClocks = new CaseClocks(db, sla);
        foreach (var group in inCustody.Where(u => !covered.Contains(u.Id)).GroupBy(u => u.PropertyId))
        {
            var clocks = await caseClocks.ForNewCaseAsync(group.Key, ct);
            foreach (var unit in group)
            {
                StartNext(clocks, unit.PropertyId, unit.Id, nowUtc);
                started++;
            }
        }

        if (started + cancelled > 0)
        {
            await db.SaveChangesAsync(ct);
        }

        return (started, cancelled);
    }
}
