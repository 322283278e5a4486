using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Features.Board;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Renovations;

/// <summary>Patrols of running renovations still to do in this window (overdue first), on a steward's or supervisor's home page.</summary>
public sealed class RenovationPatrolsDueViewComponent(PortalDbContext db, WorkQueue queue, TimeProvider time) : ViewComponent
{
    public const int Shown = 10;

    public async Task<IViewComponentResult> InvokeAsync()
    {
        if (!UserClaimsPrincipal.IsInRole(Roles.Steward) && !UserClaimsPrincipal.IsInRole(Roles.Supervisor))
        {
            return Content("");
        }

        var ct = HttpContext.RequestAborted;
        var open = db.SlaClocks.AsNoTracking().Where(c => c.Milestone == SlaMilestone.RenovationPatrol && c.State == SlaClockState.Running);
        var clocks = await open.OrderBy(c => c.DueAt).Take(Shown).ToListAsync(ct);
        if (clocks.Count == 0)
        {
            return Content("");
        }

        var items = await queue.RowsAsync(clocks, ct);
        return View("~/Features/Renovations/_PatrolsDue.cshtml", new PatrolsDue(items, await open.CountAsync(ct), time.GetUtcNow().UtcDateTime));
    }
}

public sealed record PatrolsDue(IReadOnlyList<QueueRow> Items, int Total, DateTime Now);
