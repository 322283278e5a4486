using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Features.Notifications;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Sla;

/// <summary>What one sweep did: clocks looked at, steps fired, steps another instance fired first, time taken.</summary>
public sealed record SweepResult(int ClocksExamined, int EventsFired, int Conflicts, TimeSpan Duration);

/// <summary>
/// Fires the warnings, breaches and escalations that are due. Reads only clocks whose NextCheckAt has
/// passed (an index seek), so a sweep costs what is due, not what is open. A batch of due clocks is
/// saved at once — their events, their outbox rows and their new NextCheckAt in one transaction — and
/// the unique (ClockId, Kind) index plus each clock's version make a step fire exactly once when several
/// instances sweep at the same moment: the losing batch rolls back and is swept again clock by clock
/// (each clock its own transaction), reloading a clock that changed and moving on.
/// A late sweep catches up: every step whose instant has passed fires, in ladder order.
/// </summary>
public sealed class SlaSweeper(PortalDbContext db, Notifier notifier, TimeProvider time, ILogger<SlaSweeper> logger)
{
    public const int BatchSize = 200;

    /// <summary>Clocks one sweep examines at most; the rest wait for the next run (a minute later).</summary>
    public const int MaxClocksPerSweep = 20_000;

    private const int MaxAttemptsPerClock = 3;

    private readonly Dictionary<(string Role, Guid Property), IReadOnlyList<string>> _roleHolders = [];

    public async Task<SweepResult> SweepAsync(CancellationToken ct)
    {
        if (!db.Scope.AllProperties)
        {
            throw new InvalidOperationException("The SLA sweep is a system job: run it with a context that sees every property.");
        }

        var started = Stopwatch.GetTimestamp();
        var now = time.GetUtcNow().UtcDateTime;
        var examined = new HashSet<Guid>();
        int fired = 0, conflicts = 0;
        while (examined.Count < MaxClocksPerSweep)
        {
            db.ChangeTracker.Clear();
            var batch = await db.SlaClocks.IgnoreQueryFilters().AsNoTracking()
                .Where(c => c.NextCheckAt != null && c.NextCheckAt <= now)
                .OrderBy(c => c.NextCheckAt)
                .Take(BatchSize)
                .ToListAsync(ct);
            var fresh = batch.Where(c => examined.Add(c.Id)).ToList();
            if (fresh.Count == 0)
            {
                // Nothing due, or only clocks this sweep already looked at and could not move.
                break;
            }

            var numbers = await SlaSubjects.NumbersAsync(db, fresh, allProperties: true, ct);
            if (await SweepBatchAsync(fresh, numbers, now, ct) is { } batchFired)
            {
                fired += batchFired;
            }
            else
            {
                // Another instance (or a case) moved one of these clocks: clock by clock, from the stored rows.
                var ids = fresh.Select(c => c.Id).ToList();
                var stored = await db.SlaClocks.IgnoreQueryFilters().AsNoTracking().Where(c => ids.Contains(c.Id)).ToListAsync(ct);
                foreach (var clock in stored.Where(c => c.NextCheckAt != null && c.NextCheckAt <= now).OrderBy(c => c.NextCheckAt))
                {
                    var (count, conflicted) = await SweepClockAsync(clock, numbers, now, ct);
                    fired += count;
                    conflicts += conflicted;
                }

                conflicts++;
            }

            if (batch.Count < BatchSize)
            {
                break;
            }
        }

        db.ChangeTracker.Clear();
        var result = new SweepResult(examined.Count, fired, conflicts, Stopwatch.GetElapsedTime(started));
        if (result.EventsFired > 0 || result.Conflicts > 0)
        {
            logger.LogInformation("SLA sweep examined {Clocks} clocks, fired {Events} events ({Conflicts} already fired elsewhere) in {ElapsedMs} ms",
                result.ClocksExamined, result.EventsFired, result.Conflicts, (long)result.Duration.TotalMilliseconds);
        }
        else
        {
            logger.LogDebug("SLA sweep examined {Clocks} clocks, nothing to fire, in {ElapsedMs} ms", result.ClocksExamined, (long)result.Duration.TotalMilliseconds);
        }

        return result;
    }

    /// <summary>
    /// Fires what is due on a batch of clocks and saves it all in one SaveChanges (one transaction): the events, their outbox
    /// rows and the clocks. The same constraints as clock by clock guard it — the clocks' versions and the unique (ClockId, Kind)
    /// index — so if any clock was moved or fired elsewhere the whole batch rolls back and null is returned (the caller then
    /// goes clock by clock). Returns the events fired.
    /// </summary>
    private async Task<int?> SweepBatchAsync(List<SlaClock> clocks, IReadOnlyDictionary<Guid, string> numbers, DateTime now, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var fired = new List<(SlaClock Clock, SlaEventKind Kind, DateTime At)>();
        foreach (var clock in clocks)
        {
            var due = clock.DueEvents(now);
            if (due.Count == 0)
            {
                logger.LogWarning("SLA clock {ClockId} was due at {NextCheckAt} but has nothing to fire", clock.Id, clock.NextCheckAt);
                continue;
            }

            db.Attach(clock);
            foreach (var (kind, at) in due)
            {
                db.SlaEvents.Add(new SlaEvent(clock, kind, now));
                await NotifyAsync(clock, kind, numbers.GetValueOrDefault(clock.SubjectId), ct);
                clock.MarkFired(kind);
                fired.Add((clock, kind, at));
            }
        }

        if (fired.Count == 0)
        {
            return 0;
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (Exception ex) when (ex is DbUpdateConcurrencyException || ex is DbUpdateException u && u.IsUniqueViolation())
        {
            logger.LogInformation("SLA sweep: a clock of the batch changed while sweeping ({Reason}); going clock by clock", ex.GetType().Name);
            db.ChangeTracker.Clear();
            return null;
        }

        db.ChangeTracker.Clear();
        foreach (var (clock, kind, at) in fired)
        {
            logger.LogInformation("SLA {Kind} fired for {Subject} {SubjectId} milestone {Milestone} (scheduled {ScheduledAt:O}, clock {ClockId})",
                kind, clock.Subject, clock.SubjectId, clock.Milestone, at, clock.Id);
        }

        return fired.Count;
    }

    /// <summary>Fires what is due on one clock and saves. Returns the events fired and the conflicts met.</summary>
    private async Task<(int Fired, int Conflicts)> SweepClockAsync(SlaClock loaded, IReadOnlyDictionary<Guid, string> numbers, DateTime now, CancellationToken ct)
    {
        var clock = loaded;
        db.Attach(clock);
        var conflicts = 0;
        for (var attempt = 1; attempt <= MaxAttemptsPerClock; attempt++)
        {
            var due = clock.DueEvents(now);
            if (due.Count == 0)
            {
                if (attempt == 1)
                {
                    logger.LogWarning("SLA clock {ClockId} was due at {NextCheckAt} but has nothing to fire", clock.Id, clock.NextCheckAt);
                }

                db.ChangeTracker.Clear();
                return (0, conflicts);
            }

            foreach (var (kind, _) in due)
            {
                db.SlaEvents.Add(new SlaEvent(clock, kind, now));
                await NotifyAsync(clock, kind, numbers.GetValueOrDefault(clock.SubjectId), ct);
                clock.MarkFired(kind);
            }

            try
            {
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                foreach (var (kind, at) in due)
                {
                    logger.LogInformation("SLA {Kind} fired for {Subject} {SubjectId} milestone {Milestone} (scheduled {ScheduledAt:O}, clock {ClockId})",
                        kind, clock.Subject, clock.SubjectId, clock.Milestone, at, clock.Id);
                }

                return (due.Count, conflicts);
            }
            catch (Exception ex) when (ex is DbUpdateConcurrencyException || ex is DbUpdateException u && u.IsUniqueViolation())
            {
                // Another instance fired first (or the case moved the clock meanwhile): start again from the stored clock.
                conflicts++;
                logger.LogInformation("SLA clock {ClockId} changed while sweeping ({Reason}); reloading", clock.Id, ex.GetType().Name);
                db.ChangeTracker.Clear();
                var reloaded = await db.SlaClocks.IgnoreQueryFilters().FirstOrDefaultAsync(c => c.Id == clock.Id, ct);
                if (reloaded is null)
                {
                    return (0, conflicts);
                }

                clock = reloaded;
            }
        }

        logger.LogWarning("SLA clock {ClockId} kept changing during the sweep; left for the next run", clock.Id);
        db.ChangeTracker.Clear();
        return (0, conflicts);
    }

    /// <summary>
    /// Tells the people the clock's ladder names for this step (copied onto the clock when it started): the
    /// handler, the property's supervisors, the managers (and, for the calendar, the administrators) — any mix, by role, resolved now.
    /// </summary>
    private async Task NotifyAsync(SlaClock clock, SlaEventKind kind, string? number, CancellationToken ct)
    {
        var (notification, level) = kind switch
        {
            SlaEventKind.Warning => (NotificationKinds.SlaWarning, null),
            SlaEventKind.Breach => (NotificationKinds.SlaBreach, null),
            SlaEventKind.EscalatedToSupervisor => (NotificationKinds.SlaEscalated, Roles.Supervisor),
            _ => (NotificationKinds.SlaEscalated, Roles.Manager),
        };
        var who = clock.RecipientsOf(kind);
        var recipients = new List<string?>();
        if (who.HasFlag(SlaRecipients.Handler))
        {
            recipients.Add(clock.AssigneeId);
        }

        if (who.HasFlag(SlaRecipients.Supervisors))
        {
            recipients.AddRange(await RoleHoldersAsync(Roles.Supervisor, clock.PropertyId, ct));
        }

        if (who.HasFlag(SlaRecipients.Managers))
        {
            recipients.AddRange(await RoleHoldersAsync(Roles.Manager, clock.PropertyId, ct));
        }

        if (who.HasFlag(SlaRecipients.Admins))
        {
            recipients.AddRange(await RoleHoldersAsync(Roles.Admin, Guid.Empty, ct));
        }

        var due = PortalClock.ToLocal(clock.DueAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        object?[] args = level is null
            ? [number, clock.Milestone.ToString(), due]
            : [number, clock.Milestone.ToString(), due, level];
        var link = SlaSubjects.Link(clock.Subject, clock.SubjectId);
        if (recipients.All(r => r is null))
        {
            logger.LogWarning("SLA {Kind} for clock {ClockId} has nobody to tell", kind, clock.Id);
        }

        notifier.Enqueue($"sla:{clock.Id}:{kind}", notification, args, link, clock.PropertyId, recipients);
    }

    private async Task<IReadOnlyList<string?>> RoleHoldersAsync(string role, Guid propertyId, CancellationToken ct)
    {
        if (!_roleHolders.TryGetValue((role, propertyId), out var users))
        {
            users = role switch
            {
                Roles.Supervisor => await notifier.SupervisorsOfAsync(propertyId, ct),
                Roles.Admin => await notifier.AdminsAsync(ct),
                _ => await notifier.ManagersOfAsync(propertyId, ct),
            };
            _roleHolders[(role, propertyId)] = users;
        }

        return [.. users];
    }
}
