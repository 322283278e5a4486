using System.Net.Http;
using PropertyPortal.Domain.Notifications;

namespace PropertyPortal.Web.Features.Notifications;

/// <summary>
/// One way of reaching a person (the bell, e-mail, SMS, a WeChat Work team chat), registered in DI and
/// chosen by <see cref="Name"/>, which is what Notifications:Channels lists and what each outbox row
/// names. <see cref="SendAsync"/> returns the provider's receipt or throws a <see cref="DeliveryException"/>
/// saying whether the provider surely did not take it (retry), refused it for good, or may have it.
/// A channel that writes to the portal database adds to its scope's <see cref="Infrastructure.Persistence.PortalDbContext"/>
/// without saving: the dispatcher saves it together with the "sent" mark.
/// </summary>
public interface INotificationChannel
{
    string Name { get; }

    /// <summary>Sending the same row twice is harmless (the channel or its provider deduplicates on the row's key):
    /// a send whose instance died is sent again instead of being marked unknown.</summary>
    bool Idempotent { get; }

    Task<DeliveryReceipt> SendAsync(OutgoingMessage message, CancellationToken ct);
}

/// <summary>What a channel sends: the row, where to (phone, e-mail, webhook key, user id), and the rendered Chinese text.</summary>
public sealed record OutgoingMessage(OutboxMessage Row, string Address, string? RecipientName, RenderedMessage Content, string? Link)
{
    public string IdempotencyKey => Row.IdempotencyKey;
}

/// <summary>The provider's receipt: its id of the send and, for SMS, the parts billed.</summary>
public sealed record DeliveryReceipt(string? ProviderMessageId, int? Segments = null);

public enum FailureKind
{
    /// <summary>The provider surely does not have it (refused as busy, unreachable): try again later.</summary>
    Retryable,

    /// <summary>Refused for good (a wrong number, an unknown template, bad credentials): dead at once.</summary>
    Permanent,

    /// <summary>The request went out and no answer came back (a timeout): it may have been sent.</summary>
    Unknown,
}

public sealed class DeliveryException : Exception
{
    public DeliveryException(FailureKind kind, string reason, Exception? inner = null)
        : base(reason, inner) => Kind = kind;

    public DeliveryException() : this(FailureKind.Unknown, "Delivery failed.") { }

    public DeliveryException(string message) : this(FailureKind.Unknown, message) { }

    public DeliveryException(string message, Exception innerException) : this(FailureKind.Unknown, message, innerException) { }

    public FailureKind Kind { get; }

    /// <summary>
    /// An HTTP call that threw: no connection (refused, no such host, TLS failed) means the provider never
    /// saw the request; a timeout or a connection dropped after the request was written may have reached it.
    /// </summary>
    public static DeliveryException FromHttp(Exception ex, string provider) => ex switch
    {
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError } h =>
            new(FailureKind.Retryable, $"{provider} unreachable: {h.Message}", ex),
        OperationCanceledException => new(FailureKind.Unknown, DeliveryReason.With(DeliveryReason.Timeout, provider), ex),
        _ => new(FailureKind.Unknown, $"{provider}: {ex.Message}", ex),
    };
}
