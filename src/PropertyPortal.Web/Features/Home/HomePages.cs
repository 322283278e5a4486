using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Features.Board;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Home;

/// <summary>What a role's home page shows: the properties at a glance, recent changes for those who review, the queue and the role's work.</summary>
public sealed class HomePages(PortalDbContext db, WorkQueue queue, RoleWork work, IAuthorizationService authz, TimeProvider time)
{
    public async Task<HomeModel> IndexAsync(ClaimsPrincipal user, string? userId, bool? mine, CancellationToken ct)
    {
        var properties = (await SummariesAsync(ct)).Where(p => db.Scope.CanSee(p.Id)).ToList();

        IReadOnlyList<RecentChange> recent = [];
        if (user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Manager) || user.IsInRole(Roles.Supervisor))
        {
            var visible = properties.Select(p => (Guid?)p.Id).ToList();
            recent = await db.AuditEntries.AsNoTracking()
                .Where(a => a.PropertyId != null && visible.Contains(a.PropertyId))
                .OrderByDescending(a => a.Id).Take(10)
                .Select(a => new RecentChange(a.At, a.UserName, a.EntityType, a.EntityId, a.Action))
                .ToListAsync(ct);
        }

        int? userCount = user.IsInRole(Roles.Admin) ? await db.Users.CountAsync(ct) : null;
        var roles = Roles.All.Where(user.IsInRole).ToList();
        var name = user.FindFirst(PortalClaims.DisplayName)?.Value ?? user.Identity?.Name ?? "";
        return new HomeModel(name, roles, properties, recent, userCount) { Queue = await QueueAsync(user, userId, mine, ct), Work = await work.ForAsync(user, ct) };
    }

    /// <summary>
    /// Every property at a glance (buildings, units by status, customers), from the instance's <see cref="ReferenceCache"/>:
    /// six counts per property that read every unit row are worth once a minute, not once a page. Read past the property
    /// filters for all users alike; <see cref="IndexAsync"/> keeps the user's own.
    /// </summary>
    private Task<List<PropertySummary>> SummariesAsync(CancellationToken ct) =>
        ReferenceNames.Cached(db, "home:property-summaries", [typeof(Property), typeof(Building), typeof(Unit), typeof(Customer)], () =>
            db.Properties.IgnoreQueryFilters().AsNoTracking().OrderBy(p => p.Code)
                .Select(p => new PropertySummary(
                    p.Id, p.Code, p.Name, p.Kind,
                    db.Buildings.Count(b => b.PropertyId == p.Id),
                    db.Units.Count(u => u.PropertyId == p.Id),
                    db.Units.Count(u => u.PropertyId == p.Id && u.Status == UnitStatus.Occupied),
                    db.Units.Count(u => u.PropertyId == p.Id && u.Status == UnitStatus.Vacant),
                    db.Units.Count(u => u.PropertyId == p.Id && u.Status == UnitStatus.UnderRenovation),
                    db.Customers.Count(c => c.PropertyId == p.Id)))
                .ToListAsync(ct));

    /// <summary>
    /// Clocks that are the user's own, or all of their properties' — the default for supervisors and
    /// managers, who own few clocks but answer for all — soonest first.
    /// </summary>
    private async Task<HomeQueue?> QueueAsync(ClaimsPrincipal user, string? userId, bool? mine, CancellationToken ct)
    {
        var technician = user.IsInRole(Roles.Technician);
        if (!technician && !(await authz.AuthorizeAsync(user, Policies.CaseIntake)).Succeeded)
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var overseer = user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.Manager) || user.IsInRole(Roles.Admin);
        var me = technician || (mine ?? !overseer) ? userId : null;
        List<QueueWindow> windows = [new(SlaClockState.Running, null, now), new(SlaClockState.Running, now, now.AddHours(2))];
        if (!technician)
        {
            windows.Add(new(SlaClockState.Running, null, null, SlaSubject.Callback));
        }

        var sections = await queue.ScreenAsync(null, me, windows, ct);
        return new HomeQueue(me is not null, now, sections[0], sections[1], technician ? [] : sections[2], technician);
    }
}
