namespace PropertyPortal.Web.Features.Notifications;

/// <summary>Marker for Features/Notifications/NotificationsText.resx.</summary>
public sealed class NotificationsText;
