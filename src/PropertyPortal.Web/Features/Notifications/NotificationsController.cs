using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Notifications;

/// <summary>
/// 通知中心: the signed-in user's own notifications, newest first. Every action is limited to the
/// caller's rows; someone else's notification answers 404, like a record of another property.
/// </summary>
public sealed class NotificationsController(PortalDbContext db, NotificationText text, IStringLocalizer<NotificationsText> t) : PortalController
{
    public const int PageSize = 30;

    private string Me => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";

    public async Task<IActionResult> Index(int page, CancellationToken ct)
    {
        var mine = db.Notifications.AsNoTracking().Where(n => n.UserId == Me);
        var total = await mine.CountAsync(ct);
        var unread = await mine.CountAsync(n => n.ReadAt == null, ct);
        var paging = PageInfo.For(Request, page, total, PageSize);
        var rows = await mine.OrderByDescending(n => n.Id)
            .Skip(paging.Skip).Take(PageSize)
            .Select(n => new { n.Id, n.Kind, n.Args, n.Link, n.CreatedAt, n.ReadAt })
            .ToListAsync(ct);
        var model = new NotificationsPage(
            [.. rows.Select(n => new NotificationRow(n.Id, text.Render(n.Kind, n.Args), n.Link, n.CreatedAt, n.ReadAt is not null))],
            paging,
            unread);
        return View(model);
    }

    [HttpPost]
    public async Task<IActionResult> MarkRead(long id, CancellationToken ct)
    {
        var notification = await db.Notifications.FirstOrDefaultAsync(n => n.Id == id && n.UserId == Me, ct);
        if (notification is null)
        {
            return NotFound();
        }

        notification.MarkRead(UtcNow);
        await db.SaveChangesAsync(ct);
        return RedirectToAction(nameof(Index));
    }

    [HttpPost]
    public async Task<IActionResult> MarkAllRead(CancellationToken ct)
    {
        var now = UtcNow;
        var count = await db.Notifications.Where(n => n.UserId == Me && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
        Flash(t["Notifications.AllRead", count]);
        return RedirectToAction(nameof(Index));
    }

    /// <summary>Follows a notification: marks it read and goes to what it is about.</summary>
    public async Task<IActionResult> Open(long id, CancellationToken ct)
    {
        var notification = await db.Notifications.FirstOrDefaultAsync(n => n.Id == id && n.UserId == Me, ct);
        if (notification is null)
        {
            return NotFound();
        }

        notification.MarkRead(UtcNow);
        await db.SaveChangesAsync(ct);
        return notification.Link is { } link && Url.IsLocalUrl(link) ? LocalRedirect(link) : RedirectToAction(nameof(Index));
    }
}
