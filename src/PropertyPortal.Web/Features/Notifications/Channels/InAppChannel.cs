using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Notifications;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Notifications;

/// <summary>The bell: a row in the recipient's notification centre, saved with the "sent" mark. The unique OutboxMessageId makes a repeat harmless.</summary>
public sealed class InAppChannel(PortalDbContext db) : INotificationChannel
{
    public string Name => NotificationChannels.InApp;

    public bool Idempotent => true;

    public async Task<DeliveryReceipt> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        var row = message.Row;
        if (!await db.Notifications.AnyAsync(n => n.OutboxMessageId == row.Id, ct))
        {
            db.Notifications.Add(new Notification(row.Id, row.RecipientUserId!, row.PropertyId, row.Kind, row.Args, row.Link, row.CreatedAt));
        }

        return new DeliveryReceipt(null);
    }
}
