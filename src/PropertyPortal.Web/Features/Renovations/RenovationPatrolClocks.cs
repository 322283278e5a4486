using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Renovations;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Renovations;

/// <summary>
/// The twice-daily site patrol of running renovations (004 §五.八③) as clocks, kept by the patrol job: in each window
/// of the service day (<see cref="RenovationPatrolWindows"/>, the property's settings) every renovation whose works ran
/// since before the window opened gets one clock, due at the window's end and met by a patrol in it. The window's
/// start is the clock's, and a unique index allows one clock per renovation and start, so running the job again — or
/// on two instances at once — starts nothing twice. Clocks of works that stopped are cancelled.
/// </summary>
public sealed class RenovationPatrolClocks(PortalDbContext db, CaseClocks caseClocks, ILogger<RenovationPatrolClocks> logger)
{
    private static readonly Expression<Func<Renovation, bool>> Running =
        r => r.Status == RenovationStatus.InProgress || r.Status == RenovationStatus.Rectifying || r.Status == RenovationStatus.InspectionBooked;

    /// <returns>How many window clocks were started and how many clocks of stopped works were cancelled.</returns>
    public async Task<(int Started, int Stopped)> KeepAsync(DateTime nowUtc, CancellationToken ct)
    {
        var stopped = await StopWhereWorksStoppedAsync(ct);
        var started = 0;
        var running = await db.Renovations.AsNoTracking().Where(Running).Select(r => new { r.Id, r.PropertyId }).ToListAsync(ct);
        foreach (var property in running.GroupBy(r => r.PropertyId))
        {
            try
            {
                started += await KeepPropertyAsync(property.Key, [.. property.Select(r => r.Id)], nowUtc, ct);
            }
            catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || ex.IsUniqueViolation())
            {
                // Another instance started this window's clocks, or a patrol met one, first: the next run sees what they saved.
                db.ChangeTracker.Clear();
                logger.LogInformation("Renovation patrol clocks of property {PropertyId}: someone else saved first, left for the next run", property.Key);
            }
        }

        return (started, stopped);
    }

    private async Task<int> KeepPropertyAsync(Guid propertyId, IReadOnlyList<Guid> ids, DateTime nowUtc, CancellationToken ct)
    {
        var clocks = await caseClocks.ForSubjectsAsync(propertyId, ids, ct);
        if (RenovationPatrolWindows.At(nowUtc, clocks.Context) is not { } window)
        {
            return 0;
        }

        var renovations = await db.Renovations.Include(r => r.Patrols).Where(r => ids.Contains(r.Id)).AsSplitQuery().ToListAsync(ct);
        var started = renovations.Count(r => r.KeepPatrolWindow(window, clocks) is not null);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return started;
    }

    /// <summary>Open patrol clocks whose renovation no longer runs (accepted, or otherwise stopped): cancelled.</summary>
    private async Task<int> StopWhereWorksStoppedAsync(CancellationToken ct)
    {
        var running = db.Renovations.Where(Running).Select(r => r.Id);
        var stale = await db.SlaClocks
            .Where(c => c.Milestone == SlaMilestone.RenovationPatrol && (c.State == SlaClockState.Running || c.State == SlaClockState.Paused) && !running.Contains(c.SubjectId))
            .ToListAsync(ct);
        stale.ForEach(c => c.Cancel());
        if (stale.Count > 0)
        {
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        return stale.Count;
    }
}
