using PropertyPortal.Domain.Common;

namespace PropertyPortal.Domain.Notifications;

/// <summary>
/// A message waiting to be delivered on one channel to one person, written in the same transaction
/// as the change that caused it. <see cref="DedupKey"/> is unique: the same fact never queues twice.
/// The text is a resource key and arguments, rendered in the reader's language on delivery.
/// </summary>
public sealed class OutboxMessage : IHasOwnHistory
{
    private OutboxMessage() { }

    public OutboxMessage(string dedupKey, string channel, string recipientUserId, Guid? propertyId, string kind, string args, string? link, DateTime nowUtc)
    {
        DedupKey = dedupKey;
        Channel = channel;
        RecipientUserId = recipientUserId;
        PropertyId = propertyId;
        Kind = kind;
        Args = args;
        Link = link;
        CreatedAt = nowUtc;
        NextAttemptAt = nowUtc;
    }

    public long Id { get; private set; }
    public string DedupKey { get; private set; } = "";
    public string Channel { get; private set; } = "";
    public string RecipientUserId { get; private set; } = "";
    public Guid? PropertyId { get; private set; }
    public string Kind { get; private set; } = "";
    public string Args { get; private set; } = "[]";
    public string? Link { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? ProcessedAt { get; private set; }

    /// <summary>When the dispatcher may try (again); null once delivered or given up.</summary>
    public DateTime? NextAttemptAt { get; private set; }

    public int Attempts { get; private set; }
    public string? LastError { get; private set; }

    public void Delivered(DateTime nowUtc)
    {
        ProcessedAt = nowUtc;
        NextAttemptAt = null;
        Attempts++;
        LastError = null;
    }

    /// <summary>Retries with back-off; after <paramref name="maxAttempts"/> the message is given up and kept for review.</summary>
    public void Failed(string error, DateTime nowUtc, int maxAttempts)
    {
        Attempts++;
        LastError = error.Length > 500 ? error[..500] : error;
        NextAttemptAt = Attempts >= maxAttempts ? null : nowUtc.AddMinutes(Math.Pow(2, Attempts));
        if (NextAttemptAt is null)
        {
            ProcessedAt = nowUtc;
        }
    }
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
