using PropertyPortal.Domain.Common;

namespace PropertyPortal.Domain.Notifications;

/// <summary>
/// One send: a notification on one channel to one recipient, written in the same transaction as the
/// change that caused it. <see cref="DedupKey"/> is unique: the same fact never queues twice. The text
/// is a kind and arguments, rendered when it is sent (the bell: in the reader's language when shown).
/// The row is the send's record: queued → (held in quiet hours) → sending under a lease → sent with the
/// provider's id, or retried with back-off and in the end dead, or — when an instance died while the
/// provider had the message and the provider cannot deduplicate — unknown until an admin checks.
/// The state and the claim token are concurrency tokens: two dispatchers never send the same row.
/// </summary>
public sealed class OutboxMessage : IHasOwnHistory
{
    /// <summary>The states a dispatcher may pick a row up in (when its NextAttemptAt has come).</summary>
    public static readonly DeliveryState[] Due = [DeliveryState.Queued, DeliveryState.Held, DeliveryState.Retrying];

    /// <summary>Final states an admin may send again from.</summary>
    public static readonly DeliveryState[] Finished = [DeliveryState.Sent, DeliveryState.Dead, DeliveryState.Unknown, DeliveryState.Skipped];

    public const int MaxErrorLength = 500;

    private OutboxMessage() { }

    /// <summary>A notification to a member of staff (their bell, phone or e-mail).</summary>
    public OutboxMessage(string dedupKey, string channel, string recipientUserId, Guid? propertyId, string kind, string args, string? link, DateTime nowUtc)
        : this(dedupKey, channel, RecipientKind.User, recipientUserId, null, propertyId, kind, args, link, DeliveryPriority.Urgent, nowUtc)
    {
    }

    public OutboxMessage(string dedupKey, string channel, RecipientKind recipient, string? recipientUserId, Guid? customerId, Guid? propertyId,
        string kind, string args, string? link, DeliveryPriority priority, DateTime nowUtc, string? batch = null, bool bypassQuietHours = false)
    {
        if ((recipient is RecipientKind.User or RecipientKind.Resident) != (recipientUserId is not null)
            || (recipient == RecipientKind.Household) != (customerId is not null)
            || (recipient == RecipientKind.Team && propertyId is null))
        {
            throw new DomainException("OutboxRecipientInvalid", "A user or resident message names its account, a household message a customer, a team message a property.");
        }

        DedupKey = dedupKey;
        Channel = channel;
        Recipient = recipient;
        RecipientUserId = recipientUserId;
        CustomerId = customerId;
        PropertyId = propertyId;
        Kind = kind;
        Args = args;
        Link = link;
        Priority = priority;
        Batch = batch;
        BypassQuietHours = bypassQuietHours;
        CreatedAt = nowUtc;
        State = DeliveryState.Queued;
        NextAttemptAt = nowUtc;
    }

    public long Id { get; private set; }
    public string DedupKey { get; private set; } = "";
    public string Channel { get; private set; } = "";
    public RecipientKind Recipient { get; private set; }

    /// <summary>The member of staff (Recipient = User).</summary>
    public string? RecipientUserId { get; private set; }

    /// <summary>The household's customer (Recipient = Household).</summary>
    public Guid? CustomerId { get; private set; }

    /// <summary>The property the message is about; for Recipient = Team, whose team chat it goes to.</summary>
    public Guid? PropertyId { get; private set; }

    public string Kind { get; private set; } = "";
    public string Args { get; private set; } = "[]";
    public string? Link { get; private set; }
    public DeliveryPriority Priority { get; private set; }

    /// <summary>A bulk send this row belongs to (e.g. "billing:{run}"), for its progress.</summary>
    public string? Batch { get; private set; }

    /// <summary>Emergencies and outage notices reach households in quiet hours too.</summary>
    public bool BypassQuietHours { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public DeliveryState State { get; private set; }

    /// <summary>When a dispatcher may pick the row up (again); null while sending and once finished.</summary>
    public DateTime? NextAttemptAt { get; private set; }

    /// <summary>The dispatcher holding the row while it sends; a result is saved only under the same token.</summary>
    public Guid? ClaimToken { get; private set; }

    /// <summary>Until when the claim holds; a send still unrecorded after it ended was cut off (its instance died).</summary>
    public DateTime? LeaseUntil { get; private set; }

    public int Attempts { get; private set; }
    public DateTime? LastAttemptAt { get; private set; }

    /// <summary>When the row reached a final state (sent, dead, skipped, unknown).</summary>
    public DateTime? ProcessedAt { get; private set; }

    /// <summary>The provider's id of the send (SMS BizId, SMTP queue answer, in-app row id).</summary>
    public string? ProviderMessageId { get; private set; }

    /// <summary>Where it went, masked (138****8000, z***@example.com).</summary>
    public string? Address { get; private set; }

    /// <summary>SMS parts billed: 70 characters with the signature fit one, longer texts go 67 a part.</summary>
    public int? Segments { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>The key handed to the provider (SMS OutId, e-mail Message-ID): the same for every attempt of this row.</summary>
    public string IdempotencyKey => "pp-" + Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public bool IsDue(DateTime nowUtc) => Due.Contains(State) && NextAttemptAt is { } at && at <= nowUtc;

    /// <summary>Takes the row for one attempt; the attempt counts from here, so an instance dying mid-send still counts it.</summary>
    public void Claim(Guid token, DateTime nowUtc, TimeSpan lease)
    {
        if (!IsDue(nowUtc))
        {
            throw new DomainException("OutboxNotDue", $"Message {Id} is {State}, not due.");
        }

        State = DeliveryState.Sending;
        ClaimToken = token;
        LeaseUntil = nowUtc + lease;
        NextAttemptAt = null;
        Attempts++;
        LastAttemptAt = nowUtc;
    }

    /// <summary>The provider took it. Also from Unknown: a late answer from the dispatcher that held the claim is the truth.</summary>
    public void Sent(string? providerMessageId, string? address, int? segments, DateTime nowUtc)
    {
        EnsureState("OutboxNotSending", DeliveryState.Sending, DeliveryState.Unknown);
        State = DeliveryState.Sent;
        ProviderMessageId = Truncate(providerMessageId, 100);
        Address = address ?? Address;
        Segments = segments;
        Finish(nowUtc, null);
    }

    /// <summary>
    /// The provider refused, or never got it. A retryable failure waits <see cref="RetryPolicy.DelayAfter"/>
    /// and tries again until the policy's attempts are spent; a permanent one (a wrong number, a template
    /// the provider does not know) is dead at once.
    /// </summary>
    public void Failed(string reason, bool retryable, RetryPolicy policy, DateTime nowUtc, string? address = null)
    {
        EnsureState("OutboxNotSending", DeliveryState.Sending, DeliveryState.Unknown);
        Address = address ?? Address;
        if (retryable && Attempts < policy.MaxAttempts)
        {
            State = DeliveryState.Retrying;
            NextAttemptAt = nowUtc + policy.DelayAfter(Attempts);
            LeaseUntil = null;
            LastError = Truncate(reason, MaxErrorLength);
            return;
        }

        State = DeliveryState.Dead;
        Finish(nowUtc, reason);
    }

    /// <summary>Cannot be sent at all (no phone number, no such channel): dead without an attempt.</summary>
    public void Undeliverable(string reason, DateTime nowUtc)
    {
        EnsureState("OutboxNotDue", Due);
        State = DeliveryState.Dead;
        Finish(nowUtc, reason);
    }

    /// <summary>Not to be sent (the household opted out, prefers letters): kept so the office sees who still needs paper.</summary>
    public void Skip(string reason, DateTime nowUtc)
    {
        EnsureState("OutboxNotDue", Due);
        State = DeliveryState.Skipped;
        Finish(nowUtc, reason);
    }

    /// <summary>A household's quiet hours: the row waits until they end, nothing is dropped.</summary>
    public void Hold(DateTime untilUtc)
    {
        EnsureState("OutboxNotDue", Due);
        State = DeliveryState.Held;
        NextAttemptAt = untilUtc;
    }

    /// <summary>
    /// The claim's lease ran out with no result saved: the instance that held it died (or hung) between
    /// claiming and saving. An idempotent channel (the provider or the channel deduplicates on the row's
    /// key) is simply sent again; any other is marked unknown, never resent on its own.
    /// </summary>
    public void LeaseExpired(bool idempotentChannel, DateTime nowUtc)
    {
        EnsureState("OutboxNotSending", DeliveryState.Sending);
        if (LeaseUntil is { } until && until >= nowUtc)
        {
            throw new DomainException("OutboxLeaseHeld", $"Message {Id} is leased until {until:O}.");
        }

        if (idempotentChannel)
        {
            State = DeliveryState.Queued;
            NextAttemptAt = nowUtc;
            LeaseUntil = null;
            LastError = DeliveryReason.LeaseExpiredResent;
            return;
        }

        OutcomeUnknown(DeliveryReason.LeaseExpiredUnknown, nowUtc);
    }

    /// <summary>The provider may or may not have it (a timeout after the request went out).</summary>
    public void OutcomeUnknown(string reason, DateTime nowUtc)
    {
        EnsureState("OutboxNotSending", DeliveryState.Sending);
        State = DeliveryState.Unknown;
        Finish(nowUtc, reason);
    }

    /// <summary>An admin checked the provider's console: the unknown send did arrive.</summary>
    public void ConfirmSent(Actor by, DateTime nowUtc)
    {
        EnsureState("OutboxNotUnknown", DeliveryState.Unknown);
        State = DeliveryState.Sent;
        Finish(nowUtc, null);
        LastError = DeliveryReason.With(DeliveryReason.ConfirmedByAdmin, by.Name);
    }

    /// <summary>An admin sends a finished row again (dead, unknown, skipped, or sent and not received): a fresh set of attempts.</summary>
    public void SendAgain(DateTime nowUtc)
    {
        EnsureState("OutboxNotFinished", Finished);
        State = DeliveryState.Queued;
        NextAttemptAt = nowUtc;
        Attempts = 0;
        ClaimToken = null;
        LeaseUntil = null;
        ProcessedAt = null;
        LastError = null;
    }

    private void Finish(DateTime nowUtc, string? error)
    {
        NextAttemptAt = null;
        LeaseUntil = null;
        ProcessedAt = nowUtc;
        LastError = error is null ? null : Truncate(error, MaxErrorLength);
    }

    private void EnsureState(string code, params DeliveryState[] allowed)
    {
        if (!allowed.Contains(State))
        {
            throw new DomainException(code, $"Message {Id} is {State}.");
        }
    }

    private static string? Truncate(string? text, int max) => text is null || text.Length <= max ? text : text[..max];
}

/// <summary>How many times a failing send is tried and how long it waits: base × 2^(attempt−1), at most <see cref="MaxDelay"/>.</summary>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan BaseDelay, TimeSpan MaxDelay)
{
    /// <summary>5 attempts, 2 minutes doubling (2, 4, 8, 16 min), capped at an hour.</summary>
    public static readonly RetryPolicy Default = new(5, TimeSpan.FromMinutes(2), TimeSpan.FromHours(1));

    public TimeSpan DelayAfter(int attempts)
    {
        var factor = Math.Pow(2, Math.Max(0, attempts - 1));
        var delay = BaseDelay.TotalSeconds * factor;
        return delay >= MaxDelay.TotalSeconds ? MaxDelay : TimeSpan.FromSeconds(delay);
    }
}

/// <summary>One attempt of a send, or an admin's action on it: the row's history on the admin page.</summary>
public sealed class OutboxAttempt : IHasOwnHistory
{
    private OutboxAttempt() { }

    public OutboxAttempt(long messageId, int attempt, DeliveryState outcome, string? detail, string? byName, DateTime nowUtc)
    {
        MessageId = messageId;
        Attempt = attempt;
        Outcome = outcome;
        Detail = detail is { Length: > OutboxMessage.MaxErrorLength } ? detail[..OutboxMessage.MaxErrorLength] : detail;
        ByName = byName;
        At = nowUtc;
    }

    public long Id { get; private set; }
    public long MessageId { get; private set; }
    public int Attempt { get; private set; }
    public DeliveryState Outcome { get; private set; }
    public string? Detail { get; private set; }

    /// <summary>The admin who confirmed or resent; null for the dispatcher.</summary>
    public string? ByName { get; private set; }

    public DateTime At { get; private set; }
}

/// <summary>An entry of a person's in-app notification centre (the bell).</summary>
public sealed class Notification : IHasOwnHistory
{
    private Notification() { }

    public Notification(long outboxMessageId, string userId, Guid? propertyId, string kind, string args, string? link, DateTime createdAtUtc)
    {
        OutboxMessageId = outboxMessageId;
        UserId = userId;
        PropertyId = propertyId;
        Kind = kind;
        Args = args;
        Link = link;
        CreatedAt = createdAtUtc;
    }

    public long Id { get; private set; }
    public long OutboxMessageId { get; private set; }
    public string UserId { get; private set; } = "";
    public Guid? PropertyId { get; private set; }
    public string Kind { get; private set; } = "";
    public string Args { get; private set; } = "[]";
    public string? Link { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? ReadAt { get; private set; }

    public void MarkRead(DateTime nowUtc) => ReadAt ??= nowUtc;
}

/// <summary>A photo or document attached to a case, stored outside the web root.</summary>
public sealed class Attachment : Entity, IPropertyScoped
{
    private Attachment() { }

    public Attachment(Guid propertyId, string ownerType, Guid ownerId, string fileName, string contentType, long size, string storageKey, Actor by, DateTime nowUtc)
    {
        PropertyId = propertyId;
        OwnerType = ownerType;
        OwnerId = ownerId;
        FileName = Guard.Required(fileName, nameof(FileName));
        ContentType = contentType;
        Size = size;
        StorageKey = storageKey;
        UploadedAt = nowUtc;
        UploadedByName = by.Name;
    }

    public Guid PropertyId { get; private set; }
    public string OwnerType { get; private set; } = "";
    public Guid OwnerId { get; private set; }
    public string FileName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public long Size { get; private set; }
    public string StorageKey { get; private set; } = "";
    public DateTime UploadedAt { get; private set; }
    public string UploadedByName { get; private set; } = "";
}
