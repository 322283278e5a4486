using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Callbacks;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.Web.Features.Repairs;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Callbacks;

public sealed record CallbackRow(Guid Id, string Subject, Guid? RepairOrderId, string PropertyName, string ContactName, string? Phone,
    string? AssigneeName, DateTime DueAt, CallbackStatus Status, int Attempts, bool NeedsSupervisor, int? Score);

public sealed record CallbackList(CallbackFilter Filter, IReadOnlyList<CallbackRow> Rows, PageInfo Page, bool CanSupervise);

public sealed record CallbackDetails(Callback Callback, RepairOrder? Order, string PropertyName, IReadOnlyList<ClockView> Clocks,
    IReadOnlyList<SelectListItem> Assignees, bool CanSupervise, DateTime Now);

/// <summary>
/// 回访: the queue of callbacks (mine first, overdue first) and the call itself. A reached customer's
/// answers close or reopen the repair; unreachable attempts are counted and, at the property's
/// limit, the supervisor is told and decides (reassign, or try again).
/// </summary>
[Authorize(Policy = Policies.CaseIntake)]
public sealed class CallbacksController(
    PortalDbContext db, CallbackCalls calls, CaseClocks caseClocks, Shared.StaffDirectory staff, IAuthorizationService authz,
    IStringLocalizer<CallbacksText> t) : PortalController
{
    public async Task<IActionResult> Index([FromQuery] CallbackFilter filter, CancellationToken ct)
    {
        var me = CurrentActor.UserId;
        var query = db.Callbacks.AsNoTracking().Where(c => c.Status == filter.Status);
        if (!filter.All)
        {
            query = query.Where(c => c.AssigneeId == me || c.AssigneeId == null);
        }

        if (filter.NeedsSupervisor)
        {
            query = query.Where(c => c.NeedsSupervisor);
        }

        if (filter.PropertyId is { } pid)
        {
            query = query.Where(c => c.PropertyId == pid);
        }

        var total = await query.CountAsync(ct);
        var paging = PageInfo.For(Request, Math.Max(1, filter.Page), total);
        var rows = await (from c in query
                          join p in db.Properties on c.PropertyId equals p.Id
                          orderby c.NeedsSupervisor descending, c.DueAt
                          select new CallbackRow(c.Id, c.Subject, c.RepairOrderId, p.Name, c.ContactName, c.Phone, c.AssigneeName, c.DueAt, c.Status,
                              c.AttemptCount, c.NeedsSupervisor, c.Score))
            .Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return View(new CallbackList(filter, rows, paging, await CanSuperviseAsync()));
    }

    public async Task<IActionResult> Details(Guid id, CancellationToken ct)
    {
        var callback = await db.Callbacks.AsNoTracking().Include(c => c.Attempts).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (callback is null)
        {
            return NotFound();
        }

        var order = callback.RepairOrderId is { } oid ? await db.RepairOrders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == oid, ct) : null;
        var clocks = await caseClocks.ReadAsync([id], ct);
        var userIds = clocks.Select(c => c.AssigneeId).OfType<string>().ToList();
        var names = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var now = UtcNow;
        return View(new CallbackDetails(callback, order,
            await db.Properties.Where(p => p.Id == callback.PropertyId).Select(p => p.Name).FirstAsync(ct),
            clocks.Select(c => ClockView.From(c, now, names)).ToList(),
            await AssigneeOptionsAsync(callback.PropertyId, ct), await CanSuperviseAsync(), now));
    }

    [HttpPost]
    public async Task<IActionResult> Record(Guid id, CallbackResultForm form, CancellationToken ct) =>
        Outcome(await calls.RecordAsync(Step(id, form.Version), form, ct), r => r.Message!, RedirectToAction(nameof(Details), new { id }));

    /// <summary>The supervisor gives the callback to someone (谁受理谁回访 by default; the supervisor may choose).</summary>
    [HttpPost]
    [Authorize(Policy = Policies.Supervision)]
    public async Task<IActionResult> Assign(Guid id, AssignForm form, CancellationToken ct)
    {
        if (await calls.PropertyOfAsync(id, ct) is not { } propertyId)
        {
            return NotFound();
        }

        var back = RedirectToAction(nameof(Details), new { id });
        var assignee = (await AssigneeOptionsAsync(propertyId, ct)).FirstOrDefault(o => o.Value == form.AssigneeId);
        if (assignee is null)
        {
            FlashError(t["Callbacks.NotAssignable"]);
            return back;
        }

        return Outcome(await calls.AssignAsync(Step(id, form.Version), assignee.Value, assignee.Text, ct), _ => t["Callbacks.Assigned", assignee.Text], back);
    }

    /// <summary>Front-desk staff, stewards and supervisors of the property: who may make a callback.</summary>
    private Task<IReadOnlyList<SelectListItem>> AssigneeOptionsAsync(Guid propertyId, CancellationToken ct) =>
        staff.OptionsAsync(propertyId, ct, Roles.FrontDesk, Roles.Steward, Roles.Supervisor);

    private async Task<bool> CanSuperviseAsync() => (await authz.AuthorizeAsync(User, Policies.Supervision)).Succeeded;
}
