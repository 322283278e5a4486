using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;
using DailyLogEntry = PropertyPortal.Domain.FrontDesk.DailyLog;

namespace PropertyPortal.Web.Features.DailyLog;

/// <summary>
/// 每日查阅 (000 L348): each property's day is reviewed and signed by a supervisor. Once a day has ended, its review
/// clock starts from the day's end (<see cref="StartDueAsync"/>, run by <c>DailyLogJob</c>), due by the close of the
/// policy's N-th service day after it; the sign-off meets it; an unsigned day breaches to the managers on the
/// milestone's ladder. A day nobody wrote on gets its (empty) log row then, so it can be signed like any other.
/// </summary>
public sealed class DailyLogReviews(PortalDbContext db, CaseClocks caseClocks, ILogger<DailyLogReviews> logger)
{
    /// <summary>Starts the review clock of yesterday (China time) at every active property that has none. Idempotent.</summary>
    /// <returns>How many clocks were started.</returns>
    public async Task<int> StartDueAsync(DateTime nowUtc, CancellationToken ct)
    {
        var day = DateOnly.FromDateTime(PortalClock.ToLocal(nowUtc)).AddDays(-1);
        var dayEnd = new LocalDay(day).EndUtc;
        var properties = await db.Properties.AsNoTracking().Where(p => p.IsActive).OrderBy(p => p.Code).Select(p => p.Id).ToListAsync(ct);
        var started = 0;
        foreach (var propertyId in properties)
        {
            db.ChangeTracker.Clear();
            var log = await db.DailyLogs.FirstOrDefaultAsync(l => l.PropertyId == propertyId && l.Date == day, ct);
            if (log is not null && await db.SlaClocks.AnyAsync(c => c.SubjectId == log.Id && c.Milestone == SlaMilestone.DailyLogReview, ct))
            {
                continue;
            }

            if (log is null)
            {
                log = new DailyLogEntry(propertyId, day);
                db.DailyLogs.Add(log);
            }

            log.StartReview(dayEnd, await ClocksOfAsync(log, ct));
            try
            {
                await db.SaveChangesAsync(ct);
                started++;
            }
            catch (DbUpdateException ex) when (ex.IsUniqueViolation() || ex is DbUpdateConcurrencyException)
            {
                // A desk wrote the day's first line at this very moment: the next run starts its clock.
                logger.LogInformation("Daily log of property {PropertyId} for {Date} changed while its review clock was started; retried next run", propertyId, day);
            }
        }

        db.ChangeTracker.Clear();
        return started;
    }

    /// <summary>The day's review clock, for the sign-off to meet (none before the day has ended).</summary>
    public Task<ClockSet> ClocksOfAsync(DailyLogEntry log, CancellationToken ct) => caseClocks.ForSubjectsAsync(log.PropertyId, [log.Id], ct);
}
