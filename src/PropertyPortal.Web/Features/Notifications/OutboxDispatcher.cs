using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PropertyPortal.Domain.Notifications;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Notifications;

/// <summary>What one dispatch run did.</summary>
public sealed record DispatchResult(int Delivered, int Failed, TimeSpan Duration)
{
    public int Held { get; init; }
    public int Skipped { get; init; }
    public int Unknown { get; init; }
    public int LeasesExpired { get; init; }
}

/// <summary>
/// Delivers due outbox rows (NextAttemptAt has passed), most urgent first, several at once
/// (Notifications:Parallelism), each provider at its rate. For one row:
/// <list type="number">
/// <item>the gates, without an attempt: the channel must be built and configured; a household must not have
/// opted out, and in its quiet hours the row is held until they end; an address must exist;</item>
/// <item>the provider's rate token;</item>
/// <item>the claim: state Sending, a fresh claim token and a lease, saved with the state and the old token as
/// concurrency tokens — of two dispatchers (two instances) exactly one gets the row;</item>
/// <item>the send, with the row's idempotency key, under the provider's timeout only (a shutdown stops new
/// claims but lets sends in flight finish and be recorded);</item>
/// <item>the result, saved only under the same claim token: sent with the provider's id, retried with
/// back-off, dead, or unknown (a timeout on a provider that cannot deduplicate).</item>
/// </list>
/// A row whose lease ran out with no result (its instance died between claiming and saving) is sent again
/// when its channel is idempotent (the bell), and otherwise marked unknown for an admin — never resent on
/// its own (ADR 0022).
/// </summary>
public sealed class OutboxDispatcher(
    PortalDbContext db,
    IServiceScopeFactory scopes,
    IEnumerable<INotificationChannel> channels,
    MessageRenderer renderer,
    ChannelRateLimits rates,
    IOptions<MessagingOptions> options,
    TimeProvider time,
    Residents.SecretArgs secrets,
    ILogger<OutboxDispatcher> logger)
{
    /// <summary>Rows one run looks at, at most (a larger backlog is the next run's).</summary>
    public const int MaxPerRun = 20_000;

    private readonly MessagingOptions _o = options.Value;
    private readonly Dictionary<string, INotificationChannel> _channels = channels.ToDictionary(c => c.Name, StringComparer.Ordinal);

    public Task<DispatchResult> DispatchAsync(CancellationToken ct) => DispatchAsync(DeliveryPriority.Bulk, ct);

    /// <summary>Delivers what is due with a priority up to <paramref name="upTo"/> (the SLA sweep sends only urgent rows; the outbox job everything).</summary>
    public async Task<DispatchResult> DispatchAsync(DeliveryPriority upTo, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var tally = new Tally();
        var expired = await ExpireLeasesAsync(ct);
        var templates = await renderer.LoadAsync(ct);
        var quiet = await QuietHoursAsync(ct);
        var seen = new HashSet<long>();
        var budget = TimeSpan.FromSeconds(_o.MaxRunSeconds);
        while (!ct.IsCancellationRequested && seen.Count < MaxPerRun && Stopwatch.GetElapsedTime(started) < budget)
        {
            var now = time.GetUtcNow().UtcDateTime;
            if (quiet.Contains(TimeOnly.FromDateTime(PortalClock.ToLocal(now))))
            {
                tally.Add(ref tally.Held, await HoldHouseholdsAsync(quiet, now, ct));
            }

            db.ChangeTracker.Clear();
            var rows = await db.OutboxMessages.AsNoTracking()
                .Where(m => m.NextAttemptAt != null && m.NextAttemptAt <= now && m.Priority <= upTo)
                .OrderBy(m => m.Priority).ThenBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
                .Take(_o.BatchSize)
                .ToListAsync(ct);
            var fresh = rows.Where(r => seen.Add(r.Id)).ToList();
            if (fresh.Count == 0)
            {
                break;
            }

            var recipients = await Recipients.LoadAsync(db, fresh, ct);
            fresh = await DeliverBellsAsync(fresh, recipients, quiet, tally, ct);
            try
            {
                await Parallel.ForEachAsync(fresh, new ParallelOptions { MaxDegreeOfParallelism = _o.Parallelism, CancellationToken = ct },
                    async (row, token) => await DeliverAsync(row, recipients, templates, quiet, tally, token));
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }

            if (rows.Count < _o.BatchSize)
            {
                break;
            }
        }

        db.ChangeTracker.Clear();
        var result = new DispatchResult(tally.Sent, tally.Failed, Stopwatch.GetElapsedTime(started))
        {
            Held = tally.Held,
            Skipped = tally.Skipped,
            Unknown = tally.Unknown,
            LeasesExpired = expired,
        };
        if (result.Delivered + result.Failed + result.Unknown + result.Skipped + result.Held + expired > 0)
        {
            logger.LogInformation(
                "Outbox sent {Delivered}, failed {Failed}, unknown {Unknown}, skipped {Skipped}, held {Held}, expired leases {Expired} in {ElapsedMs} ms",
                result.Delivered, result.Failed, result.Unknown, result.Skipped, result.Held, expired, (long)result.Duration.TotalMilliseconds);
        }

        return result;
    }

    private async Task DeliverAsync(OutboxMessage row, Recipients recipients, TemplateSet templates, QuietHours quiet, Tally tally, CancellationToken stop)
    {
        await using var scope = scopes.CreateAsyncScope();
        var sdb = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        sdb.OutboxMessages.Attach(row);
        var now = time.GetUtcNow().UtcDateTime;
        if (!row.IsDue(now))
        {
            return;
        }

        var channel = scope.ServiceProvider.GetServices<INotificationChannel>().FirstOrDefault(c => c.Name == row.Channel);
        var gate = Gate(row, channel, recipients, quiet, now);
        if (gate.Hold is { } until)
        {
            row.Hold(until);
            tally.Add(ref tally.Held, await SaveGateAsync(sdb, row) ? 1 : 0);
            return;
        }

        if (gate.Skip is { } skip)
        {
            row.Skip(skip, now);
            tally.Add(ref tally.Skipped, await SaveGateAsync(sdb, row) ? 1 : 0);
            return;
        }

        if (gate.Undeliverable is { } reason)
        {
            row.Undeliverable(reason, now);
            tally.Add(ref tally.Failed, await SaveGateAsync(sdb, row) ? 1 : 0);
            logger.LogWarning("Outbox message {MessageId} ({Kind} on {Channel}) cannot be sent: {Reason}", row.Id, row.Kind, row.Channel, reason);
            return;
        }

        if (stop.IsCancellationRequested || !await rates.WaitAsync(row.Channel, stop))
        {
            return;
        }

        var token = Guid.NewGuid();
        now = time.GetUtcNow().UtcDateTime;
        if (!row.IsDue(now))
        {
            return;
        }

        row.Claim(token, now, _o.Lease);
        try
        {
            await sdb.SaveChangesAsync(CancellationToken.None);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another dispatcher claimed it (or quiet hours held it) first.
            return;
        }

        var content = row.Channel == NotificationChannels.InApp ? new RenderedMessage("", "", []) : renderer.Render(templates, row.Kind, secrets.Reveal(row.Args));
        var outgoing = new OutgoingMessage(row, gate.Address!, gate.Name, content, Link(row.Link));
        using var timeout = new CancellationTokenSource(TimeoutOf(row.Channel));
        DeliveryReceipt? receipt = null;
        DeliveryException? failure = null;
        try
        {
            receipt = await channel!.SendAsync(outgoing, timeout.Token);
        }
        catch (DeliveryException ex)
        {
            failure = ex;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Not a provider's answer (a fault of ours mid-send): the provider may have it.
            failure = new DeliveryException(FailureKind.Unknown, ex.GetType().Name + ": " + ex.Message, ex);
        }

        await RecordAsync(sdb, row, token, channel!, receipt, failure, gate.MaskedAddress, tally);
    }

    /// <summary>
    /// The bell's rows of a batch, delivered together: each claimed, its notification added (unless one exists) and marked sent
    /// with its attempt — all in one SaveChanges, so one transaction instead of three per row. The claim's concurrency tokens
    /// (state, claim token) and the notification's unique OutboxMessageId guard it as they guard one row: if another
    /// dispatcher took any of them first, the whole batch rolls back and goes the one-by-one way. Returns the rows left for
    /// that way (every other channel, and bells a gate stops).
    /// </summary>
    private async Task<List<OutboxMessage>> DeliverBellsAsync(List<OutboxMessage> rows, Recipients recipients, QuietHours quiet, Tally tally, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var bells = _channels.TryGetValue(NotificationChannels.InApp, out var bell) && bell.Idempotent
            ? rows.Where(r => r.Channel == NotificationChannels.InApp && r.IsDue(now)
                              && Gate(r, bell, recipients, quiet, now) is { Address: not null, Hold: null, Skip: null, Undeliverable: null }).ToList()
            : [];
        if (bells.Count < 2)
        {
            return rows;
        }

        db.ChangeTracker.Clear();
        var ids = bells.Select(r => r.Id).ToList();
        var have = (await db.Notifications.AsNoTracking().Where(n => ids.Contains(n.OutboxMessageId)).Select(n => n.OutboxMessageId).ToListAsync(ct)).ToHashSet();
        var token = Guid.NewGuid();
        // Copies to change (one query): if the batch rolls back, the one-by-one way starts from the rows as they were read.
        var copies = (await db.OutboxMessages.AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync(ct)).Where(r => r.IsDue(now)).ToList();
        var taken = copies.Select(r => r.Id).ToHashSet();
        bells = [.. bells.Where(r => taken.Contains(r.Id))];

        foreach (var row in copies)
        {
            db.OutboxMessages.Attach(row);
            row.Claim(token, now, _o.Lease);
            if (!have.Contains(row.Id))
            {
                db.Notifications.Add(new Notification(row.Id, row.RecipientUserId!, row.PropertyId, row.Kind, row.Args, row.Link, row.CreatedAt));
            }

            row.Sent(null, null, null, now);
            db.OutboxAttempts.Add(new OutboxAttempt(row.Id, row.Attempts, row.State, null, null, now));
        }

        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is DbUpdateConcurrencyException || ex is DbUpdateException u && u.IsUniqueViolation())
        {
            logger.LogInformation("Outbox: a bell of the batch was taken elsewhere ({Reason}); delivering one by one", ex.GetType().Name);
            db.ChangeTracker.Clear();
            return rows;
        }

        db.ChangeTracker.Clear();
        tally.Add(ref tally.Sent, bells.Count);
        return [.. rows.Except(bells)];
    }

    /// <summary>Saves the send's result under the claim token; a late answer for a row marked unknown meanwhile still counts.</summary>
    private async Task RecordAsync(PortalDbContext sdb, OutboxMessage row, Guid token, INotificationChannel channel, DeliveryReceipt? receipt, DeliveryException? failure,
        string? address, Tally tally)
    {
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var now = time.GetUtcNow().UtcDateTime;
            string? detail;
            if (receipt is not null)
            {
                row.Sent(receipt.ProviderMessageId, address, receipt.Segments, now);
                detail = receipt.ProviderMessageId;
            }
            else if (failure!.Kind == FailureKind.Unknown && !channel.Idempotent)
            {
                // May have been sent: never retried on its own. Already unknown (the lease ran out first): nothing to add.
                if (row.State != DeliveryState.Sending)
                {
                    return;
                }

                row.OutcomeUnknown(failure.Message, now);
                detail = failure.Message;
            }
            else
            {
                // A definite refusal (or any failure on a channel that deduplicates): retrying cannot send twice.
                row.Failed(failure.Message, failure.Kind != FailureKind.Permanent, _o.Retry, now, address);
                detail = failure.Message;
            }

            sdb.OutboxAttempts.Add(new OutboxAttempt(row.Id, row.Attempts, row.State, detail, null, now));
            try
            {
                await sdb.SaveChangesAsync(CancellationToken.None);
                Count(row.State, tally);
                if (failure is not null)
                {
                    logger.LogWarning("Outbox message {MessageId} ({Kind} on {Channel}, attempt {Attempt}) {State}: {Reason}",
                        row.Id, row.Kind, row.Channel, row.Attempts, row.State, failure.Message);
                }

                return;
            }
            catch (DbUpdateConcurrencyException)
            {
                // The lease ran out meanwhile and another dispatcher moved the row: reread it. Still our claim
                // (marked unknown) → our answer is the truth; claimed again (idempotent channel) → theirs is.
                sdb.ChangeTracker.Clear();
                var fresh = await sdb.OutboxMessages.FirstOrDefaultAsync(m => m.Id == row.Id, CancellationToken.None);
                if (fresh is null || fresh.ClaimToken != token || fresh.State is not (DeliveryState.Sending or DeliveryState.Unknown))
                {
                    logger.LogWarning("Outbox message {MessageId}: the answer came after its lease was taken over; left to the new claim", row.Id);
                    return;
                }

                if (receipt is not null && channel.Name == NotificationChannels.InApp)
                {
                    await channel.SendAsync(new OutgoingMessage(fresh, fresh.RecipientUserId!, null, new RenderedMessage("", "", []), null), CancellationToken.None);
                }

                row = fresh;
            }
        }
    }

    private static void Count(DeliveryState state, Tally tally)
    {
        switch (state)
        {
            case DeliveryState.Sent:
                tally.Add(ref tally.Sent, 1);
                break;
            case DeliveryState.Unknown:
                tally.Add(ref tally.Unknown, 1);
                break;
            default:
                tally.Add(ref tally.Failed, 1);
                break;
        }
    }

    private static async Task<bool> SaveGateAsync(PortalDbContext sdb, OutboxMessage row)
    {
        try
        {
            await sdb.SaveChangesAsync(CancellationToken.None);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }

    private sealed record GateResult(string? Address, string? MaskedAddress, string? Name, DateTime? Hold = null, string? Skip = null, string? Undeliverable = null);

    /// <summary>Whether and where the row can go now, decided before any attempt.</summary>
    private GateResult Gate(OutboxMessage row, INotificationChannel? channel, Recipients recipients, QuietHours quiet, DateTime now)
    {
        if (channel is null)
        {
            return new(null, null, null, Undeliverable: DeliveryReason.With(DeliveryReason.ChannelNotInstalled, row.Channel));
        }

        if (!NotificationChannels.IsConfigured(_o, row.Channel))
        {
            return new(null, null, null, Undeliverable: DeliveryReason.With(DeliveryReason.ChannelNotConfigured, row.Channel));
        }

        switch (row.Recipient)
        {
            case RecipientKind.User:
                if (!recipients.Users.TryGetValue(row.RecipientUserId!, out var user) || user.Disabled)
                {
                    return new(null, null, null, Skip: DeliveryReason.UserDisabled);
                }

                return row.Channel switch
                {
                    NotificationChannels.InApp => new(user.Id, null, user.Name),
                    NotificationChannels.Sms => user.Phone is { } phone ? new(phone, AddressMask.Phone(phone), user.Name) : new(null, null, null, Undeliverable: DeliveryReason.NoMobile),
                    NotificationChannels.Email => user.Email is { } email ? new(email, AddressMask.Email(email), user.Name) : new(null, null, null, Undeliverable: DeliveryReason.NoEmail),
                    _ => new(null, null, null, Undeliverable: DeliveryReason.With(DeliveryReason.ChannelNotInstalled, row.Channel)),
                };

            case RecipientKind.Household:
                if (!recipients.Households.TryGetValue(row.CustomerId!.Value, out var household))
                {
                    return new(null, null, null, Skip: DeliveryReason.HouseholdGone);
                }

                if (household.OptedOut)
                {
                    return new(null, null, null, Skip: DeliveryReason.OptedOut);
                }

                var local = PortalClock.ToLocal(now);
                if (!row.BypassQuietHours && quiet.Contains(TimeOnly.FromDateTime(local)))
                {
                    return new(null, null, null, Hold: PortalClock.ToUtc(quiet.EndAfter(local)));
                }

                return row.Channel switch
                {
                    NotificationChannels.Sms => household.Phone is { } p ? new(p, AddressMask.Phone(p), household.Name) : new(null, null, null, Undeliverable: DeliveryReason.NoMobile),
                    NotificationChannels.Email => household.Email is { } e ? new(e, AddressMask.Email(e), household.Name) : new(null, null, null, Undeliverable: DeliveryReason.NoEmail),
                    _ => new(null, null, null, Undeliverable: DeliveryReason.With(DeliveryReason.ChannelNotInstalled, row.Channel)),
                };

            case RecipientKind.Resident:
                if (!recipients.Residents.TryGetValue(row.RecipientUserId!, out var resident) || resident.Disabled)
                {
                    return new(null, null, null, Skip: DeliveryReason.UserDisabled);
                }

                return row.Channel == NotificationChannels.Sms
                    ? new(resident.Phone, AddressMask.Phone(resident.Phone), resident.Name)
                    : new(null, null, null, Undeliverable: DeliveryReason.With(DeliveryReason.ChannelNotInstalled, row.Channel));

            default:
                return row.PropertyId is { } property && recipients.TeamChats.TryGetValue(property, out var chat)
                    ? new(chat.Key, chat.Masked, chat.Property)
                    : new(null, null, null, Undeliverable: DeliveryReason.NoWebhookKey);
        }
    }

    /// <summary>
    /// Leases that ran out with no result saved: their instance died (or hung) between claiming and saving.
    /// </summary>
    private async Task<int> ExpireLeasesAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var ids = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.State == DeliveryState.Sending && m.LeaseUntil < now)
            .OrderBy(m => m.LeaseUntil).Select(m => m.Id).Take(1000).ToListAsync(ct);
        var moved = 0;
        foreach (var id in ids)
        {
            db.ChangeTracker.Clear();
            var row = await db.OutboxMessages.FirstOrDefaultAsync(m => m.Id == id, ct);
            if (row is null || row.State != DeliveryState.Sending || row.LeaseUntil >= now)
            {
                continue;
            }

            var idempotent = _channels.TryGetValue(row.Channel, out var channel) && channel.Idempotent;
            row.LeaseExpired(idempotent, now);
            db.OutboxAttempts.Add(new OutboxAttempt(row.Id, row.Attempts, row.State, row.LastError, null, now));
            try
            {
                await db.SaveChangesAsync(ct);
                moved++;
                logger.LogWarning("Outbox message {MessageId} ({Kind} on {Channel}) was still sending when its lease ran out at {LeaseUntil:O}: {State}",
                    row.Id, row.Kind, row.Channel, row.LeaseUntil, row.State);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Its dispatcher answered after all, or another run got here first.
            }
        }

        db.ChangeTracker.Clear();
        return moved;
    }

    /// <summary>In quiet hours: every household row that would fall due before they end waits for the end (one statement).</summary>
    private async Task<int> HoldHouseholdsAsync(QuietHours quiet, DateTime now, CancellationToken ct)
    {
        DateTime? end = PortalClock.ToUtc(quiet.EndAfter(PortalClock.ToLocal(now)));
        return await db.OutboxMessages
            .Where(m => m.Recipient == RecipientKind.Household && !m.BypassQuietHours && m.NextAttemptAt != null && m.NextAttemptAt < end
                        && (m.State == DeliveryState.Queued || m.State == DeliveryState.Retrying))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.State, DeliveryState.Held).SetProperty(m => m.NextAttemptAt, end), ct);
    }

    private async Task<QuietHours> QuietHoursAsync(CancellationToken ct) =>
        (await db.MessagingSettings.AsNoTracking().OrderBy(s => s.Id).FirstOrDefaultAsync(ct))?.QuietHours ?? QuietHours.Default;

    private TimeSpan TimeoutOf(string channel) => TimeSpan.FromSeconds(channel switch
    {
        NotificationChannels.Sms => _o.Sms.TimeoutSeconds,
        NotificationChannels.Email => _o.Email.TimeoutSeconds,
        NotificationChannels.WeChatWork => _o.WeChatWork.TimeoutSeconds,
        _ => 30,
    });

    private string? Link(string? link) =>
        link is null || string.IsNullOrWhiteSpace(_o.PublicBaseUrl) ? null : _o.PublicBaseUrl.TrimEnd('/') + link;

    /// <summary>Counters shared by the parallel sends of a run.</summary>
    private sealed class Tally
    {
        public int Sent;
        public int Failed;
        public int Held;
        public int Skipped;
        public int Unknown;

        public void Add(ref int counter, int n) => Interlocked.Add(ref counter, n);
    }

    /// <summary>The recipients of a batch, read once: users, households, team chats.</summary>
    private sealed record Recipients(
        IReadOnlyDictionary<string, (string Id, string Name, string? Phone, string? Email, bool Disabled)> Users,
        IReadOnlyDictionary<Guid, (string Name, string? Phone, string? Email, bool OptedOut)> Households,
        IReadOnlyDictionary<Guid, (string Key, string Masked, string Property)> TeamChats)
    {
        /// <summary>Households' own sign-in accounts (by id as text): their number.</summary>
        public IReadOnlyDictionary<string, (string Phone, string Name, bool Disabled)> Residents { get; init; } =
            new Dictionary<string, (string Phone, string Name, bool Disabled)>();

        public static async Task<Recipients> LoadAsync(PortalDbContext db, IReadOnlyCollection<OutboxMessage> rows, CancellationToken ct)
        {
            var userIds = rows.Where(r => r.Recipient == RecipientKind.User).Select(r => r.RecipientUserId!).Distinct().ToList();
            var residentIds = rows.Where(r => r.Recipient == RecipientKind.Resident).Select(r => Guid.Parse(r.RecipientUserId!)).Distinct().ToList();
            var customerIds = rows.Where(r => r.CustomerId != null).Select(r => r.CustomerId!.Value).Distinct().ToList();
            var propertyIds = rows.Where(r => r.Recipient == RecipientKind.Team).Select(r => r.PropertyId!.Value).Distinct().ToList();
            var users = userIds.Count == 0
                ? []
                : (await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id))
                    .Select(u => new { u.Id, u.DisplayName, u.PhoneNumber, u.Email, u.IsDisabled }).ToListAsync(ct))
                    .ToDictionary(u => u.Id, u => (u.Id, u.DisplayName, u.PhoneNumber, u.Email, u.IsDisabled));
            var households = customerIds.Count == 0
                ? []
                : (await db.Customers.IgnoreQueryFilters().AsNoTracking().Where(c => customerIds.Contains(c.Id))
                    .Select(c => new { c.Id, c.Name, c.Phone, c.Email, c.MessagesOptedOut }).ToListAsync(ct))
                    .ToDictionary(c => c.Id, c => (c.Name, c.Phone, c.Email, c.MessagesOptedOut));
            var chats = propertyIds.Count == 0
                ? []
                : (await (from t in db.TeamChats.IgnoreQueryFilters().AsNoTracking()
                          join p in db.Properties.IgnoreQueryFilters() on t.PropertyId equals p.Id
                          where propertyIds.Contains(t.PropertyId)
                          select new { t.PropertyId, t.WebhookKey, p.Name }).ToListAsync(ct))
                    .ToDictionary(t => t.PropertyId, t => (t.WebhookKey, t.WebhookKey.Length <= 4 ? "****" : "****" + t.WebhookKey[^4..], t.Name));
            var residents = residentIds.Count == 0
                ? []
                : (await db.ResidentAccounts.IgnoreQueryFilters().AsNoTracking().Where(a => residentIds.Contains(a.Id))
                    .Select(a => new { a.Id, a.Phone, a.Name, a.IsDisabled }).ToListAsync(ct))
                    .ToDictionary(a => a.Id.ToString(), a => (a.Phone, a.Name, a.IsDisabled));
            return new Recipients(users, households, chats) { Residents = residents };
        }
    }
}
