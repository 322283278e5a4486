using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Notifications;

/// <summary>The bell in the top bar: the caller's unread count, linking to the notification centre.</summary>
public sealed class NotificationBellViewComponent(PortalDbContext db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var me = UserClaimsPrincipal.FindFirstValue(ClaimTypes.NameIdentifier);
        var unread = me is null ? 0 : await db.Notifications.CountAsync(n => n.UserId == me && n.ReadAt == null, HttpContext.RequestAborted);
        return View(unread);
    }
}
