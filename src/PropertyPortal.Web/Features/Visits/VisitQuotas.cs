using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Visits;
using PropertyPortal.Web.Features.Notifications;
using PropertyPortal.Web.Features.Services;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Visits;

/// <summary>One quota's progress as the visits page shows it.</summary>
public sealed record QuotaProgress(Guid? QuotaId, string? StewardId, string Who, int Target, int Households, int Percent, bool Reached, DateTime? DueAt, bool Breached);

/// <summary>
/// The month's visit quotas and their clocks (<see cref="VisitQuota"/>): the property's and each of its stewards', set
/// for the current month with the targets of the property's settings (idempotent: a unique (property, month, key)
/// index makes a quota once whichever instance sets it), and met as visits come in — the month that ends below
/// quota breaches its clock and the ladder tells the steward and the supervisors. Clocks go through <see cref="CaseClocks"/>.
/// </summary>
public sealed class VisitQuotas(PortalDbContext db, CaseClocks caseClocks, ServiceLimits limits, Notifier notifier, TimeProvider time, ILogger<VisitQuotas> logger)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>The current month's quotas of every active property, set and counted (the hourly job).</summary>
    public async Task<int> ReconcileAsync(CancellationToken ct)
    {
        var period = VisitQuota.PeriodOf(PortalClock.Today(time));
        var properties = await db.Properties.AsNoTracking().Where(p => p.IsActive).Select(p => p.Id).ToListAsync(ct);
        var set = 0;
        foreach (var propertyId in properties)
        {
            set += await EnsureMonthAsync(propertyId, period, ct);
            await CountAsync(propertyId, period, ct);
        }

        return set;
    }

    /// <summary>
    /// Sets the month's quotas of a property that are missing (the property's, each steward's), each with its clock to
    /// the month's end. Only the current month: a past month's quota would start life already breached. Returns how many.
    /// </summary>
    public async Task<int> EnsureMonthAsync(Guid propertyId, int period, CancellationToken ct)
    {
        if (period != VisitQuota.PeriodOf(PortalClock.Today(time)))
        {
            return 0;
        }

        var settings = await limits.ForAsync(propertyId, ct);
        var existing = await db.VisitQuotas.Where(q => q.PropertyId == propertyId && q.Period == period).Select(q => q.Key).ToListAsync(ct);
        var stewardIds = await notifier.UsersInRoleForPropertyAsync(Roles.Steward, propertyId, ct);
        var stewards = await db.Users.AsNoTracking().Where(u => stewardIds.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct);
        var wanted = new List<VisitQuota>();
        if (settings.VisitsPerProperty > 0 && !existing.Contains(VisitQuota.PropertyKey))
        {
            wanted.Add(VisitQuota.ForProperty(propertyId, period, settings.VisitsPerProperty));
        }

        if (settings.VisitsPerSteward > 0)
        {
            wanted.AddRange(stewards.Where(s => !existing.Contains(s.Id)).Select(s => VisitQuota.ForSteward(propertyId, period, s.Id, s.DisplayName, settings.VisitsPerSteward)));
        }

        if (wanted.Count == 0)
        {
            return 0;
        }

        var clocks = await caseClocks.ForNewCaseAsync(propertyId, ct);
        foreach (var quota in wanted)
        {
            db.VisitQuotas.Add(quota);
            quota.StartClock(clocks, PortalClock.Zone);
        }

        try
        {
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Visit quotas of {Period} set for property {PropertyId}: {Count}", period, propertyId, wanted.Count);
            return wanted.Count;
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Another instance set them in the same moment: theirs stand.
            db.ChangeTracker.Clear();
            return 0;
        }
    }

    /// <summary>Counts the month's visited households per quota of the property and meets each quota's clock the moment it is reached.</summary>
    public async Task CountAsync(Guid propertyId, int period, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var open = await db.VisitQuotas.Where(q => q.PropertyId == propertyId && q.Period == period && q.ReachedAt == null).ToListAsync(ct);
            if (open.Count == 0)
            {
                return;
            }

            var households = await HouseholdsAsync(propertyId, period, ct);
            var now = Now;
            var reached = new List<VisitQuota>();
            foreach (var quota in open.Where(q => Count(households, q) >= q.Target))
            {
                // One quota's clocks at a time: meeting the steward's quota must not meet the property's clock of the same milestone.
                if (quota.Count(Count(households, quota), now, await caseClocks.ForSubjectsAsync(propertyId, [quota.Id], ct)))
                {
                    reached.Add(quota);
                }
            }

            if (reached.Count == 0)
            {
                db.ChangeTracker.Clear();
                return;
            }

            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Two visits saved at once both reached the quota: the other one met it; count again.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>The month's quotas of a property with their progress: the property's first, then each steward's (the quotas not set yet shown with the settings' targets).</summary>
    public async Task<IReadOnlyList<QuotaProgress>> ProgressAsync(Guid propertyId, int period, CancellationToken ct)
    {
        var quotas = await db.VisitQuotas.AsNoTracking().Where(q => q.PropertyId == propertyId && q.Period == period).ToListAsync(ct);
        var ids = quotas.Select(q => q.Id).ToList();
        var clocks = (await caseClocks.ReadAsync(ids, ct)).GroupBy(c => c.SubjectId).ToDictionary(g => g.Key, g => g.Last());
        var households = await HouseholdsAsync(propertyId, period, ct);
        var settings = await limits.ForAsync(propertyId, ct);
        var now = Now;
        var rows = new List<QuotaProgress>();

        QuotaProgress Row(VisitQuota? q, string? steward, string who, int target)
        {
            var count = steward is null ? households.Select(h => h.CustomerId).Distinct().Count() : households.Where(h => h.StewardId == steward).Select(h => h.CustomerId).Distinct().Count();
            var clock = q is null ? null : clocks.GetValueOrDefault(q.Id);
            return new QuotaProgress(q?.Id, steward, who, target, count, VisitQuotaRules.Percent(count, target), q?.ReachedAt is not null || count >= target,
                clock?.DueAt, clock?.IsBreachedAt(now) ?? false);
        }

        var own = quotas.FirstOrDefault(q => q.Key == VisitQuota.PropertyKey);
        rows.Add(Row(own, null, "", own?.Target ?? settings.VisitsPerProperty));
        var stewardIds = await notifier.UsersInRoleForPropertyAsync(Roles.Steward, propertyId, ct);
        var names = await db.Users.AsNoTracking().Where(u => stewardIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        foreach (var q in quotas.Where(q => q.StewardId is not null).OrderBy(q => q.StewardName))
        {
            rows.Add(Row(q, q.StewardId, q.StewardName!, q.Target));
            names.Remove(q.StewardId!);
        }

        rows.AddRange(names.OrderBy(n => n.Value).Select(n => Row(null, n.Key, n.Value, settings.VisitsPerSteward)));
        return rows;
    }

    private async Task<List<(Guid CustomerId, string StewardId)>> HouseholdsAsync(Guid propertyId, int period, CancellationToken ct)
    {
        var first = VisitQuota.FirstDay(period);
        var next = first.AddMonths(1);
        return (await db.Visits.AsNoTracking().Where(v => v.PropertyId == propertyId && v.VisitedOn >= first && v.VisitedOn < next)
                .Select(v => new { v.CustomerId, v.StewardId }).ToListAsync(ct))
            .Select(v => (v.CustomerId, v.StewardId)).ToList();
    }

    private static int Count(List<(Guid CustomerId, string StewardId)> households, VisitQuota q) =>
        households.Where(h => q.StewardId is null || h.StewardId == q.StewardId).Select(h => h.CustomerId).Distinct().Count();
}
