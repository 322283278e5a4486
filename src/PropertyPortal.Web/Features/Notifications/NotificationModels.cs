using PropertyPortal.Web.Infrastructure.Mvc;

namespace PropertyPortal.Web.Features.Notifications;

public sealed record NotificationRow(long Id, string Text, string? Link, DateTime CreatedAt, bool IsRead);

public sealed record NotificationsPage(IReadOnlyList<NotificationRow> Rows, PageInfo Paging, int Unread);
