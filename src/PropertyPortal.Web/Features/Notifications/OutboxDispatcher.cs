using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Notifications;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Notifications;

/// <summary>
/// One way of reaching a person (in-app, later SMS, WeChat, e-mail), registered in DI and chosen by
/// <see cref="Name"/>, which is what Notifications:Channels lists and what each outbox row names.
/// <see cref="DeliverAsync"/> either succeeds or throws; the dispatcher retries with back-off.
/// A channel that writes to the portal database adds to the scoped <see cref="PortalDbContext"/>
/// without saving: the dispatcher saves it together with the message's "delivered" mark.
/// </summary>
public interface INotificationChannel
{
    string Name { get; }

    Task DeliverAsync(OutboxMessage message, CancellationToken ct);
}

/// <summary>The bell: a row in the recipient's notification centre. The unique OutboxMessageId makes a repeat delivery harmless.</summary>
public sealed class InAppChannel(PortalDbContext db) : INotificationChannel
{
    public string Name => NotificationChannels.InApp;

    public async Task DeliverAsync(OutboxMessage message, CancellationToken ct)
    {
        if (!await db.Notifications.AnyAsync(n => n.OutboxMessageId == message.Id, ct))
        {
            db.Notifications.Add(new Notification(message.Id, message.RecipientUserId, message.PropertyId, message.Kind, message.Args, message.Link, message.CreatedAt));
        }
    }
}

public sealed record DispatchResult(int Delivered, int Failed, TimeSpan Duration);

/// <summary>
/// Delivers pending outbox rows (NextAttemptAt has passed) on their channel. Each row is first claimed
/// with a conditional update that pushes NextAttemptAt past a lease, so two instances never deliver the
/// same row; then delivered and marked in one save. A failure is recorded on the row and retried with
/// back-off up to <see cref="MaxAttempts"/>; a channel that is not installed fails the row at once with
/// a message saying so, rather than leaving it pending for ever.
/// </summary>
public sealed class OutboxDispatcher(PortalDbContext db, IEnumerable<INotificationChannel> channels, TimeProvider time, ILogger<OutboxDispatcher> logger)
{
    public const int MaxAttempts = 5;
    public const int BatchSize = 100;
    public const int MaxPerRun = 5_000;

    /// <summary>How long a claimed row stays invisible to other dispatchers while it is being delivered.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private readonly Dictionary<string, INotificationChannel> _channels = channels.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);

    public async Task<DispatchResult> DispatchAsync(CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var now = time.GetUtcNow().UtcDateTime;
        int delivered = 0, failed = 0, seen = 0;
        while (seen < MaxPerRun)
        {
            db.ChangeTracker.Clear();
            var ids = await db.OutboxMessages.AsNoTracking()
                .Where(m => m.NextAttemptAt != null && m.NextAttemptAt <= now)
                .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
                .Select(m => m.Id)
                .Take(BatchSize)
                .ToListAsync(ct);
            foreach (var id in ids)
            {
                switch (await DispatchOneAsync(id, now, ct))
                {
                    case true:
                        delivered++;
                        break;
                    case false:
                        failed++;
                        break;
                }
            }

            seen += ids.Count;
            if (ids.Count < BatchSize)
            {
                break;
            }
        }

        db.ChangeTracker.Clear();
        var result = new DispatchResult(delivered, failed, Stopwatch.GetElapsedTime(started));
        if (delivered + failed > 0)
        {
            logger.LogInformation("Outbox delivered {Delivered} and failed {Failed} messages in {ElapsedMs} ms", delivered, failed, (long)result.Duration.TotalMilliseconds);
        }

        return result;
    }

    /// <summary>True when delivered, false when it failed, null when another dispatcher has it.</summary>
    private async Task<bool?> DispatchOneAsync(long id, DateTime now, CancellationToken ct)
    {
        var leaseUntil = now + Lease;
        var claimed = await db.OutboxMessages
            .Where(m => m.Id == id && m.NextAttemptAt != null && m.NextAttemptAt <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, leaseUntil), ct);
        if (claimed == 0)
        {
            return null;
        }

        var message = await db.OutboxMessages.FirstAsync(m => m.Id == id, ct);
        if (!_channels.TryGetValue(message.Channel, out var channel))
        {
            // Configured but not installed (an SMS or WeChat adapter not deployed yet): retrying cannot help.
            message.Failed($"No notification channel named '{message.Channel}' is installed; installed: {string.Join(", ", _channels.Keys)}.", now, maxAttempts: 1);
            await db.SaveChangesAsync(ct);
            logger.LogError("Outbox message {MessageId} names channel {Channel}, which is not installed; given up", message.Id, message.Channel);
            return false;
        }

        try
        {
            await channel.DeliverAsync(message, ct);
            message.Delivered(now);
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Already delivered (in-app row exists): only the mark was missing.
            db.ChangeTracker.Clear();
            await db.OutboxMessages.Where(m => m.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ProcessedAt, now).SetProperty(m => m.NextAttemptAt, (DateTime?)null), ct);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            db.ChangeTracker.Clear();
            var retry = await db.OutboxMessages.FirstAsync(m => m.Id == id, ct);
            retry.Failed(ex.Message, now, MaxAttempts);
            await db.SaveChangesAsync(ct);
            logger.LogWarning(ex, "Outbox message {MessageId} on {Channel} failed (attempt {Attempt} of {MaxAttempts}); next try {NextAttemptAt:O}",
                retry.Id, retry.Channel, retry.Attempts, MaxAttempts, retry.NextAttemptAt);
            return false;
        }
    }
}
