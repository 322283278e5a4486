using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Callbacks;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Callbacks;

/// <summary>
/// 回访 use cases: recording a call (which closes or reopens the repair or complaint behind it) and giving
/// a callback to someone. The clocks of the callback and of its case come through <see cref="CaseClocks"/>,
/// who is told what through <see cref="CallbackNotifications"/>, and the change is saved once (<see cref="Saving"/>).
/// </summary>
public sealed class CallbackCalls(
    PortalDbContext db, CaseClocks caseClocks, Saving saving, CallbackNotifications notifications, TimeProvider time,
    IStringLocalizer<CallbacksText> t, ILogger<CallbackCalls> logger)
{
    /// <summary>The outcome of one call; the result's message says what happened to the case.</summary>
    public async Task<StepResult> RecordAsync(StepRequest request, CallbackResultForm form, CancellationToken ct)
    {
        var callback = await db.Callbacks.FirstOrDefaultAsync(c => c.Id == request.Id, ct);
        if (callback is null)
        {
            return StepResult.NotFound;
        }

        if (request.InputErrors is { } errors)
        {
            return StepResult.Refused(errors);
        }

        var order = callback.RepairOrderId is { } oid ? await db.RepairOrders.FirstOrDefaultAsync(o => o.Id == oid, ct) : null;
        var complaint = callback.ComplaintId is { } cid ? await db.Complaints.FirstOrDefaultAsync(c => c.Id == cid, ct) : null;
        ICase? behind = (ICase?)order ?? complaint;
        var clocks = behind is not null
            ? await caseClocks.ForCaseAsync(behind, ct)
            : await caseClocks.ForSubjectsAsync(callback.PropertyId, [callback.Id], ct);
        db.Entry(callback).Property(nameof(Entity.Version)).OriginalValue = request.Version;
        var actor = request.Actor;
        var now = time.GetUtcNow().UtcDateTime;
        var message = "";
        var saved = await saving.TryAsync(async () =>
        {
            var flagged = false;
            switch (form.Outcome)
            {
                case CallbackOutcome.Reached:
                    flagged = complaint is not null
                        ? callback.RecordReached(form.Fixed!.Value, form.AttitudeSatisfied!.Value, form.Score!.Value, form.Comment, actor, now, clocks, complaint)
                        : callback.RecordReached(form.Fixed!.Value, form.AttitudeSatisfied!.Value, form.ChargedCorrectly, form.Score!.Value, form.Comment, actor, now, clocks, order);
                    message = flagged ? t["Callbacks.Reopened", callback.Subject] : t["Callbacks.Closed", callback.Subject];
                    break;
                case CallbackOutcome.Unreachable:
                    flagged = callback.RecordUnreachable(form.Comment, clocks.Context.Policy.CallbackMaxAttempts, actor, now);
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

            await notifications.OutcomeAsync(callback, form.Outcome, flagged, order, complaint, form.Score, ct);
        }, ct);
        if (saved.Ok)
        {
            logger.LogInformation("Callback {CallbackId} for {Subject}: {Outcome} by {User}", callback.Id, callback.Subject, form.Outcome, actor.Name);
        }

        return saved.Ok ? new StepResult(StepStatus.Done, message, callback.Id, callback.Subject) : StepResult.Of(saved, null);
    }

    /// <summary>The supervisor gives the callback to <paramref name="assigneeId"/> (<paramref name="assigneeName"/>), one of the property's staff.</summary>
    public async Task<StepResult> AssignAsync(StepRequest request, string assigneeId, string assigneeName, CancellationToken ct)
    {
        var callback = await db.Callbacks.FirstOrDefaultAsync(c => c.Id == request.Id, ct);
        if (callback is null)
        {
            return StepResult.NotFound;
        }

        var clocks = await caseClocks.ForSubjectsAsync(callback.PropertyId, [callback.Id], ct);
        db.Entry(callback).Property(nameof(Entity.Version)).OriginalValue = request.Version;
        var saved = await saving.TryAsync(() =>
        {
            callback.Assign(assigneeId, assigneeName, clocks);
            notifications.Assigned(callback, assigneeId);
        }, ct);
        return StepResult.Of(saved, null);
    }

    /// <summary>The property of a callback the user may see (null: none).</summary>
    public Task<Guid?> PropertyOfAsync(Guid id, CancellationToken ct) =>
        db.Callbacks.Where(c => c.Id == id).Select(c => (Guid?)c.PropertyId).FirstOrDefaultAsync(ct);
}
