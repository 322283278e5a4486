using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Community;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Events;

/// <summary>
/// "每半年至少开展一次公益性活动" (004 L51). Each property has one <see cref="PublicWelfareHalf"/> per half year with a
/// clock to the half's end, met when a public-welfare event of the half is recorded as held; from the alert day
/// (1 May, 1 November by default) the events page and the supervisor's board list the properties with none held or
/// planned. Opening the halves is idempotent (a unique row per property and half), so the hourly job may run it anywhere.
/// </summary>
public sealed class PublicWelfareRule(PortalDbContext db, SlaSettings settings, CaseClocks caseClocks, TimeProvider time, ILogger<PublicWelfareRule> logger)
{
    /// <summary>The properties this user sees that are past the alert day with no public-welfare event held or planned in the current half.</summary>
    public async Task<IReadOnlyList<PublicWelfareAlert>> AlertsAsync(CancellationToken ct)
    {
        var today = PortalClock.Today(time);
        var (year, half) = (today.Year, EventDeadlines.HalfOf(today));
        var calendar = await settings.CalendarAsync(ct);
        var from = EventDeadlines.Midnight(EventDeadlines.HalfStart(year, half), calendar);
        var to = EventDeadlines.Midnight(EventDeadlines.HalfEnd(year, half), calendar);
        var properties = await db.Properties.AsNoTracking().Where(p => p.IsActive).OrderBy(p => p.Code).Select(p => new { p.Id, p.Name }).ToListAsync(ct);
        var covered = await db.CommunityEvents.AsNoTracking()
            .Where(e => e.PublicWelfare && e.Status != CommunityEventStatus.Cancelled && e.StartsAt >= from && e.StartsAt < to)
            .Select(e => e.PropertyId).Distinct().ToListAsync(ct);
        var alerts = new List<PublicWelfareAlert>();
        foreach (var p in properties.Where(p => !covered.Contains(p.Id)))
        {
            var policy = await settings.PolicyForAsync(p.Id, ct);
            if (today >= EventDeadlines.AlertFrom(year, half, policy.PublicWelfareAlertMonths))
            {
                alerts.Add(new PublicWelfareAlert(p.Id, p.Name, year, half, EventDeadlines.HalfEnd(year, half).AddDays(-1)));
            }
        }

        return alerts;
    }

    /// <summary>
    /// Opens the current half of every active property (its row and its clock) where it is not open yet, and meets the
    /// clock of a half whose public-welfare event was recorded without meeting it. Safe to run any number of times.
    /// </summary>
    public async Task<int> EnsureHalvesAsync(CancellationToken ct)
    {
        if (!db.Scope.AllProperties)
        {
            throw new InvalidOperationException("The half-year rule is kept by a system job.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var today = PortalClock.Today(time);
        var (year, half) = (today.Year, EventDeadlines.HalfOf(today));
        var opened = 0;
        var properties = await db.Properties.AsNoTracking().Where(p => p.IsActive).Select(p => p.Id).ToListAsync(ct);
        var open = await db.PublicWelfareHalves.AsNoTracking().Where(h => h.Year == year && h.Half == half).Select(h => h.PropertyId).ToListAsync(ct);
        foreach (var property in properties.Except(open))
        {
            db.ChangeTracker.Clear();
            var clocks = await caseClocks.ForNewCaseAsync(property, ct);
            db.PublicWelfareHalves.Add(new PublicWelfareHalf(property, year, half, now, clocks));
            try
            {
                await db.SaveChangesAsync(ct);
                opened++;
            }
            catch (DbUpdateException ex) when (ex.IsUniqueViolation())
            {
                // Another instance opened it a moment ago.
                logger.LogInformation("Half {Year}-H{Half} of property {PropertyId} was opened elsewhere", year, half, property);
            }
        }

        db.ChangeTracker.Clear();
        foreach (var h in await db.PublicWelfareHalves.Where(h => h.MetByEventId == null).ToListAsync(ct))
        {
            await MeetAsync(h, ct);
        }

        await db.SaveChangesAsync(ct);
        return opened;
    }

    /// <summary>
    /// A public-welfare event was recorded as held: its half (opened now if the job has not yet) meets its clock, in the
    /// caller's save. Nothing happens for an event that is not public-welfare or a half already met.
    /// </summary>
    public async Task MeetForAsync(CommunityEvent e, CancellationToken ct)
    {
        if (!e.PublicWelfare || e.RecordedAt is null)
        {
            return;
        }

        var calendar = await settings.CalendarAsync(ct);
        var date = e.EventDate(calendar);
        var (year, half) = (date.Year, EventDeadlines.HalfOf(date));
        var row = await db.PublicWelfareHalves.FirstOrDefaultAsync(h => h.PropertyId == e.PropertyId && h.Year == year && h.Half == half, ct);
        if (row is null)
        {
            row = new PublicWelfareHalf(e.PropertyId, year, half, e.RecordedAt.Value, await caseClocks.ForNewCaseAsync(e.PropertyId, ct));
            db.PublicWelfareHalves.Add(row);
        }

        row.Meet(e, calendar, await caseClocks.ForSubjectsAsync(e.PropertyId, [row.Id], ct));
    }

    private async Task MeetAsync(PublicWelfareHalf h, CancellationToken ct)
    {
        var calendar = await settings.CalendarAsync(ct);
        var from = EventDeadlines.Midnight(EventDeadlines.HalfStart(h.Year, h.Half), calendar);
        var to = EventDeadlines.Midnight(EventDeadlines.HalfEnd(h.Year, h.Half), calendar);
        var held = await db.CommunityEvents.AsNoTracking().Where(e => e.PropertyId == h.PropertyId && e.PublicWelfare && e.RecordedAt != null && e.StartsAt >= from && e.StartsAt < to)
            .OrderBy(e => e.RecordedAt).FirstOrDefaultAsync(ct);
        if (held is not null)
        {
            h.Meet(held, calendar, await caseClocks.ForSubjectsAsync(h.PropertyId, [h.Id], ct));
        }
    }
}
