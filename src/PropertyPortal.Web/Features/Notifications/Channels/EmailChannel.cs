using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace PropertyPortal.Web.Features.Notifications;

/// <summary>
/// E-mail over SMTP with MailKit (host, port, TLS mode and credentials from Notifications:Email). The
/// Message-ID is the row's key, the same on every attempt. Where it failed decides what happens next:
/// connecting or logging in failed → the server never had the mail (retry; bad credentials are permanent);
/// the server refused a command → 4xx retry, 5xx permanent; the connection broke while the mail was being
/// handed over → it may have been accepted (unknown: SMTP has no idempotency key).
/// </summary>
public sealed class EmailChannel(IOptions<MessagingOptions> options) : INotificationChannel
{
    private readonly EmailOptions _o = options.Value.Email;

    public string Name => NotificationChannels.Email;

    public bool Idempotent => false;

    public async Task<DeliveryReceipt> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        var from = MailboxAddress.Parse(_o.From!);
        var mail = new MimeMessage();
        mail.From.Add(from);
        mail.To.Add(new MailboxAddress(message.RecipientName ?? "", message.Address));
        mail.Subject = message.Content.Subject;
        mail.MessageId = message.IdempotencyKey + "@" + (from.Domain is { Length: > 0 } d ? d : "propertyportal");
        mail.Body = new TextPart("plain")
        {
            Text = message.Link is null ? message.Content.Text : message.Content.Text + "\n\n" + message.Link,
        };

        using var client = new SmtpClient { Timeout = _o.TimeoutSeconds * 1000 };
        try
        {
            await client.ConnectAsync(_o.Host!, _o.Port, Enum.Parse<SecureSocketOptions>(_o.Security, ignoreCase: true), ct);
            if (!string.IsNullOrEmpty(_o.UserName))
            {
                await client.AuthenticateAsync(_o.UserName, _o.Password ?? "", ct);
            }
        }
        catch (AuthenticationException ex)
        {
            throw new DeliveryException(FailureKind.Permanent, $"SMTP login refused: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is SocketException or IOException or SslHandshakeException or SmtpProtocolException or SmtpCommandException
                                       or TimeoutException or OperationCanceledException)
        {
            throw new DeliveryException(FailureKind.Retryable, $"SMTP {_o.Host}:{_o.Port} unreachable: {ex.Message}", ex);
        }

        try
        {
            var answer = await client.SendAsync(mail, ct);
            return new DeliveryReceipt(mail.MessageId + " " + answer);
        }
        catch (SmtpCommandException ex)
        {
            // The server answered a command with a refusal: it did not take the mail.
            var code = (int)ex.StatusCode;
            throw new DeliveryException(code is >= 400 and < 500 ? FailureKind.Retryable : FailureKind.Permanent, $"SMTP {code}: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is IOException or SmtpProtocolException or TimeoutException or OperationCanceledException or ServiceNotConnectedException)
        {
            throw new DeliveryException(FailureKind.Unknown, $"SMTP connection lost while sending: {ex.Message}", ex);
        }
        finally
        {
            if (client.IsConnected)
            {
                try
                {
                    await client.DisconnectAsync(quit: true, CancellationToken.None);
                }
                catch (Exception ex) when (ex is IOException or SmtpProtocolException or SmtpCommandException or OperationCanceledException)
                {
                    // The mail's fate was decided above; a failed goodbye changes nothing.
                }
            }
        }
    }
}
