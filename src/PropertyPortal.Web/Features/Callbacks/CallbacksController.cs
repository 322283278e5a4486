using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Callbacks;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Features.Notifications;
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
    PortalDbContext db, SlaSettings sla, Notifier notifier, Shared.StaffDirectory staff, IAuthorizationService authz,
    IStringLocalizer<CallbacksText> t, ILogger<CallbacksController> logger) : PortalController
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
        var clocks = await db.SlaClocks.AsNoTracking().Where(c => c.SubjectId == id).ToListAsync(ct);
        var userIds = clocks.Select(c => c.AssigneeId).OfType<string>().ToList();
        var names = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var now = UtcNow;
        return View(new CallbackDetails(callback, order,
            await db.Properties.Where(p => p.Id == callback.PropertyId).Select(p => p.Name).FirstAsync(ct),
            clocks.Select(c => ClockView.From(c, now, names)).ToList(),
            await AssigneeOptionsAsync(callback.PropertyId, ct), await CanSuperviseAsync(), now));
    }

    [HttpPost]
    public async Task<IActionResult> Record(Guid id, CallbackResultForm form, CancellationToken ct)
    {
        var callback = await db.Callbacks.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (callback is null)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            FlashError(ModelStateErrors());
            return RedirectToAction(nameof(Details), new { id });
        }

        var order = callback.RepairOrderId is { } oid ? await db.RepairOrders.FirstOrDefaultAsync(o => o.Id == oid, ct) : null;
        var complaint = callback.ComplaintId is { } cid ? await db.Complaints.FirstOrDefaultAsync(c => c.Id == cid, ct) : null;
        var caseId = order?.Id ?? complaint?.Id;
        var context = await sla.ContextForAsync(callback.PropertyId, ct);
        var clocks = new ClockSet(await db.SlaClocks.Where(c => c.SubjectId == id || (caseId != null && c.SubjectId == caseId)).OrderBy(c => c.StartedAt).ToListAsync(ct), context);
        ExpectVersion(db, callback, form.Version);
        var actor = CurrentActor;
        var now = UtcNow;
        var supervisors = await notifier.SupervisorsOfAsync(callback.PropertyId, ct);
        string message = "";
        var saved = await TrySaveAsync(db, () =>
        {
            switch (form.Outcome)
            {
                case CallbackOutcome.Reached:
                    var reopened = complaint is not null
                        ? callback.RecordReached(form.Fixed!.Value, form.AttitudeSatisfied!.Value, form.Score!.Value, form.Comment, actor, now, clocks, complaint)
                        : callback.RecordReached(form.Fixed!.Value, form.AttitudeSatisfied!.Value, form.ChargedCorrectly, form.Score!.Value, form.Comment, actor, now, clocks, order);
                    if (reopened && complaint is not null)
                    {
                        notifier.Enqueue($"complaint:{complaint.Id}:reopen:{complaint.ReopenCount}", NotificationKinds.ComplaintReopened, [complaint.Number, form.Score],
                            $"/Complaints/Details/{complaint.Id}", complaint.PropertyId, [.. supervisors, complaint.OwnerId]);
                    }

                    if (reopened && order is not null)
                    {
                        notifier.Enqueue($"repair:{order.Id}:reopen:{order.ReopenCount}", NotificationKinds.RepairReopened, [order.Number, form.Score],
                            $"/Repairs/Details/{order.Id}", order.PropertyId, [.. supervisors, order.TechnicianId]);
                    }

                    if (callback.MoveInId is { } moveInId && callback.CallsForRework)
                    {
                        // A new household with something still wrong: the supervisor follows it up.
                        notifier.Enqueue($"movein:{moveInId}:callback", NotificationKinds.MoveInCallbackDissatisfied, [callback.Subject, form.Score],
                            $"/Callbacks/Details/{callback.Id}", callback.PropertyId, supervisors);
                    }

                    message = reopened ? t["Callbacks.Reopened", callback.Subject] : t["Callbacks.Closed", callback.Subject];
                    break;
                case CallbackOutcome.Unreachable:
                    if (callback.RecordUnreachable(form.Comment, context.Policy.CallbackMaxAttempts, actor, now))
                    {
                        notifier.Enqueue($"callback:{callback.Id}:supervisor", NotificationKinds.CallbackNeedsSupervisor, [callback.Subject, callback.AttemptCount],
                            $"/Callbacks/Details/{callback.Id}", callback.PropertyId, supervisors);
                    }

                    message = t["Callbacks.UnreachableRecorded", callback.AttemptCount];
                    break;
                default:
                    if (complaint is not null)
                    {
                        callback.RecordRefused(form.Comment, actor, now, clocks, complaint);
                    }
                    else
                    {
                        callback.RecordRefused(form.Comment, actor, now, clocks, order);
                    }

                    message = t["Callbacks.RefusedRecorded", callback.Subject];
                    break;
            }

            db.SlaClocks.AddRange(clocks.Started);
        });
        if (saved)
        {
            logger.LogInformation("Callback {CallbackId} for {Subject}: {Outcome} by {User}", callback.Id, callback.Subject, form.Outcome, actor.Name);
            Flash(message);
        }
        else
        {
            FlashError(ModelStateErrors());
        }

        return RedirectToAction(nameof(Details), new { id });
    }

    /// <summary>The supervisor gives the callback to someone (谁受理谁回访 by default; the supervisor may choose).</summary>
    [HttpPost]
    [Authorize(Policy = Policies.Supervision)]
    public async Task<IActionResult> Assign(Guid id, AssignForm form, CancellationToken ct)
    {
        var callback = await db.Callbacks.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (callback is null)
        {
            return NotFound();
        }

        var assignee = (await AssigneeOptionsAsync(callback.PropertyId, ct)).FirstOrDefault(o => o.Value == form.AssigneeId);
        if (assignee is null)
        {
            FlashError(t["Callbacks.NotAssignable"]);
            return RedirectToAction(nameof(Details), new { id });
        }

        var clocks = new ClockSet(await db.SlaClocks.Where(c => c.SubjectId == id).ToListAsync(ct), await sla.ContextForAsync(callback.PropertyId, ct));
        ExpectVersion(db, callback, form.Version);
        if (await TrySaveAsync(db, () =>
            {
                callback.Assign(assignee.Value, assignee.Text, clocks);
                notifier.Enqueue($"callback:{callback.Id}:assigned:{callback.Version}", NotificationKinds.CallbackAssigned, [callback.Subject],
                    $"/Callbacks/Details/{callback.Id}", callback.PropertyId, [assignee.Value]);
            }))
        {
            Flash(t["Callbacks.Assigned", assignee.Text]);
        }
        else
        {
            FlashError(ModelStateErrors());
        }

        return RedirectToAction(nameof(Details), new { id });
    }

    /// <summary>Front-desk staff, stewards and supervisors of the property: who may make a callback.</summary>
    private Task<IReadOnlyList<SelectListItem>> AssigneeOptionsAsync(Guid propertyId, CancellationToken ct) =>
        staff.OptionsAsync(propertyId, ct, Roles.FrontDesk, Roles.Steward, Roles.Supervisor);

    private async Task<bool> CanSuperviseAsync() => (await authz.AuthorizeAsync(User, Policies.Supervision)).Succeeded;
}
