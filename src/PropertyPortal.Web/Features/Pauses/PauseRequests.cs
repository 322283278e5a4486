using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Features.Notifications;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.Pauses;

/// <summary>What a pause step did, for the controller to redirect and flash: found, allowed, refused (with the message) or done.</summary>
public sealed record PauseOutcome(PauseOutcome.Kind Result, string? Error = null, Guid CaseId = default, SlaSubject Subject = default, string Number = "")
{
    public enum Kind { NotFound, Forbidden, Refused, Done }

    public static readonly PauseOutcome NotFound = new(Kind.NotFound);

    public static readonly PauseOutcome Forbidden = new(Kind.Forbidden);

    public string CaseLink => SlaSubjects.Link(Subject, CaseId) ?? "/";
}

/// <summary>A pending request as the supervisor's list shows it.</summary>
public sealed record PendingPause(
    Guid Id, int Version, Guid PropertyId, string PropertyName, SlaSubject Subject, Guid CaseId, string CaseNumber, PauseReason Reason, string? Note,
    string RequestedById, string RequestedByName, DateTime RequestedAt, DateTime? DueAt)
{
    public string CaseLink => SlaSubjects.Link(Subject, CaseId) ?? "/";
}

/// <summary>A request already decided (or withdrawn), for the list's recent history and the case's panel.</summary>
public sealed record PastPause(
    Guid Id, SlaSubject Subject, Guid CaseId, string CaseNumber, PauseReason Reason, string? Note, string RequestedByName, DateTime RequestedAt,
    PauseRequestState State, string? DecidedByName, DateTime? DecidedAt, string? DecisionNote, DateTime? EndedAt, string? EndedByName)
{
    public string CaseLink => SlaSubjects.Link(Subject, CaseId) ?? "/";
}

/// <summary>The pause panel of a case page: its open request, what this user may do, and the case's earlier requests.</summary>
public sealed record CasePausePanel(
    SlaSubject Subject, Guid CaseId, int CaseVersion, IReadOnlyList<PauseReason> Reasons, PauseRequest? Open, DateTime? ApprovalDueAt,
    bool MayHandle, bool MayDecide, bool IsRequester, IReadOnlyList<PastPause> History, DateTime Now);

/// <summary>
/// 暂停申请: every step of a pause — request, approve, refuse, withdraw, resume — for the three kinds of
/// case that can pause (repair orders, complaints, renovations). Each step loads the case and all its
/// clocks, checks who may act, calls the one domain method, queues who must hear of it, and saves once.
/// The property scope is the DbContext's: a case or request of another property is simply not found.
/// </summary>
public sealed class PauseRequests(
    PortalDbContext db, SlaSettings sla, Notifier notifier, IAuthorizationService authz, TimeProvider time,
    IStringLocalizer<SharedResource> shared, ILogger<PauseRequests> logger)
{
    /// <summary>How far back the list shows decided requests.</summary>
    public static readonly TimeSpan RecentWindow = TimeSpan.FromDays(7);

    private sealed record LoadedCase(IPausableCase Case, SlaSubject Subject, string? TechnicianId);

    /// <summary>The handler asks for a pause: the case's clocks keep running; the supervisors are told.</summary>
    public async Task<PauseOutcome> RequestAsync(Guid caseId, int version, PauseReason? reason, string? note, string? formError, ClaimsPrincipal user, CancellationToken ct)
    {
        var loaded = await LoadCaseAsync(caseId, ct);
        if (loaded is null)
        {
            return PauseOutcome.NotFound;
        }

        if (!await MayHandleAsync(user, loaded))
        {
            return PauseOutcome.Forbidden;
        }

        if (formError is not null || reason is not { } why)
        {
            return Refused(loaded, formError ?? shared["Pause.ReasonRequired"]);
        }

        var actor = ActorOf(user);
        var supervisors = await notifier.SupervisorsOfAsync(loaded.Case.PropertyId, ct);
        return await SaveAsync(loaded, version, clocks =>
        {
            var request = loaded.Case.RequestPause(why, note, actor, Now, clocks);
            db.PauseRequests.Add(request);
            notifier.Enqueue($"pause:{request.Id}:requested", NotificationKinds.PauseRequested, [request.CaseNumber, request.Reason.ToString(), actor.Name],
                SlaSubjects.Link(loaded.Subject, loaded.Case.Id), request.PropertyId, supervisors.Where(id => id != actor.UserId));
            return Task.CompletedTask;
        }, ct);
    }

    /// <summary>A supervisor or manager of the property approves: the case's clocks stop now; the requester is told.</summary>
    public Task<PauseOutcome> ApproveAsync(Guid requestId, int version, string? note, string? formError, ClaimsPrincipal user, CancellationToken ct) =>
        DecideAsync(requestId, version, formError, user, ct, (loaded, request, actor, clocks) =>
        {
            loaded.Case.ApprovePause(request, note, actor, Now, clocks);
            notifier.Enqueue($"pause:{request.Id}:approved", NotificationKinds.PauseApproved, [request.CaseNumber, actor.Name],
                SlaSubjects.Link(loaded.Subject, loaded.Case.Id), request.PropertyId, [request.RequestedById]);
        });

    /// <summary>A supervisor or manager refuses, saying why: nothing pauses; the requester is told.</summary>
    public Task<PauseOutcome> RefuseAsync(Guid requestId, int version, string? note, string? formError, ClaimsPrincipal user, CancellationToken ct) =>
        DecideAsync(requestId, version, formError, user, ct, (loaded, request, actor, clocks) =>
        {
            loaded.Case.RefusePause(request, note ?? "", actor, Now, clocks);
            notifier.Enqueue($"pause:{request.Id}:refused", NotificationKinds.PauseRefused, [request.CaseNumber, actor.Name, request.DecisionNote],
                SlaSubjects.Link(loaded.Subject, loaded.Case.Id), request.PropertyId, [request.RequestedById]);
        });

    /// <summary>The requester (or another handler of the case) takes a pending request back.</summary>
    public async Task<PauseOutcome> WithdrawAsync(Guid requestId, int version, ClaimsPrincipal user, CancellationToken ct)
    {
        var request = await db.PauseRequests.FirstOrDefaultAsync(r => r.Id == requestId, ct);
        var loaded = request is null ? null : await LoadCaseAsync(request.SubjectId, ct);
        if (request is null || loaded is null)
        {
            return PauseOutcome.NotFound;
        }

        if (request.RequestedById != user.FindFirstValue(ClaimTypes.NameIdentifier) && !await MayHandleAsync(user, loaded))
        {
            return PauseOutcome.Forbidden;
        }

        db.Entry(request).Property(nameof(Entity.Version)).OriginalValue = version;
        var actor = ActorOf(user);
        return await SaveAsync(loaded, null, clocks =>
        {
            loaded.Case.WithdrawPause(request, actor, Now, clocks);
            return Task.CompletedTask;
        }, ct);
    }

    /// <summary>The case's clocks run again (a handler of the case, or its supervisor).</summary>
    public async Task<PauseOutcome> ResumeAsync(Guid caseId, int version, ClaimsPrincipal user, CancellationToken ct)
    {
        var loaded = await LoadCaseAsync(caseId, ct);
        if (loaded is null)
        {
            return PauseOutcome.NotFound;
        }

        if (!await MayHandleAsync(user, loaded) && !await MayDecideAsync(user))
        {
            return PauseOutcome.Forbidden;
        }

        var request = loaded.Case.PauseRequestId is { } open ? await db.PauseRequests.FirstOrDefaultAsync(r => r.Id == open, ct) : null;
        if (request is null)
        {
            return Refused(loaded, shared["Domain.PauseNotApproved"]);
        }

        var actor = ActorOf(user);
        return await SaveAsync(loaded, version, clocks =>
        {
            loaded.Case.ResumeFromPause(request, actor, Now, clocks);
            return Task.CompletedTask;
        }, ct);
    }

    /// <summary>Pending requests of the user's properties (or one of them), oldest first, with their approval clock's due time.</summary>
    public async Task<IReadOnlyList<PendingPause>> PendingAsync(Guid? propertyId, CancellationToken ct)
    {
        var rows = await (from r in Live(propertyId)
                          join p in db.Properties on r.PropertyId equals p.Id
                          orderby r.RequestedAt
                          select new { r, p.Name }).Take(200).ToListAsync(ct);
        var caseIds = rows.Select(x => x.r.SubjectId).ToList();
        var due = (await db.SlaClocks.AsNoTracking()
                .Where(c => caseIds.Contains(c.SubjectId) && c.Milestone == SlaMilestone.PauseApproval && c.State == SlaClockState.Running)
                .Select(c => new { c.SubjectId, c.DueAt }).ToListAsync(ct))
            .GroupBy(c => c.SubjectId).ToDictionary(g => g.Key, g => g.Max(c => c.DueAt));
        return rows.Select(x => new PendingPause(x.r.Id, x.r.Version, x.r.PropertyId, x.Name, x.r.Subject, x.r.SubjectId, x.r.CaseNumber, x.r.Reason, x.r.Note,
            x.r.RequestedById, x.r.RequestedByName, x.r.RequestedAt, due.TryGetValue(x.r.SubjectId, out var d) ? d : null)).ToList();
    }

    /// <summary>How many requests wait for a decision in the user's properties (the board's and home page's line).</summary>
    public Task<int> CountPendingAsync(CancellationToken ct) => Live(null).CountAsync(ct);

    /// <summary>Requests decided, withdrawn or resumed in the last <see cref="RecentWindow"/>.</summary>
    public async Task<IReadOnlyList<PastPause>> RecentAsync(Guid? propertyId, CancellationToken ct)
    {
        var since = Now - RecentWindow;
        var q = db.PauseRequests.AsNoTracking().Where(r => r.State != PauseRequestState.Pending && (r.DecidedAt >= since || r.EndedAt >= since));
        if (propertyId is { } pid)
        {
            q = q.Where(r => r.PropertyId == pid);
        }

        return await q.OrderByDescending(r => r.RequestedAt).Take(50).Select(Past()).ToListAsync(ct);
    }

    /// <summary>The panel a case page shows: null when the case is not one that pauses (or is not visible).</summary>
    public async Task<CasePausePanel?> PanelAsync(Guid caseId, ClaimsPrincipal user, CancellationToken ct)
    {
        var loaded = await LoadCaseAsync(caseId, ct, tracked: false);
        if (loaded is null)
        {
            return null;
        }

        var open = loaded.Case.PauseRequestId is { } id ? await db.PauseRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) : null;
        var due = open is { State: PauseRequestState.Pending }
            ? await db.SlaClocks.AsNoTracking().Where(c => c.SubjectId == caseId && c.Milestone == SlaMilestone.PauseApproval && c.State == SlaClockState.Running)
                .Select(c => (DateTime?)c.DueAt).FirstOrDefaultAsync(ct)
            : null;
        var openId = open?.Id;
        var history = await db.PauseRequests.AsNoTracking().Where(r => r.SubjectId == caseId && r.Id != openId)
            .OrderByDescending(r => r.RequestedAt).Take(20).Select(Past()).ToListAsync(ct);
        var me = user.FindFirstValue(ClaimTypes.NameIdentifier);
        return new CasePausePanel(loaded.Subject, caseId, ((Entity)loaded.Case).Version, loaded.Case.PauseReasonsNow, open, due,
            await MayHandleAsync(user, loaded), await MayDecideAsync(user), open is not null && open.RequestedById == me, history, Now);
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private static Actor ActorOf(ClaimsPrincipal user) => new(
        user.FindFirstValue(ClaimTypes.NameIdentifier),
        user.FindFirstValue(PortalClaims.DisplayName) ?? user.Identity?.Name ?? "?");

    private static System.Linq.Expressions.Expression<Func<PauseRequest, PastPause>> Past() => r => new PastPause(
        r.Id, r.Subject, r.SubjectId, r.CaseNumber, r.Reason, r.Note, r.RequestedByName, r.RequestedAt, r.State, r.DecidedByName, r.DecidedAt,
        r.DecisionNote, r.EndedAt, r.EndedByName);

    /// <summary>Pending requests whose case still holds them open (a case closed or cancelled meanwhile lets its request lapse).</summary>
    private IQueryable<PauseRequest> Live(Guid? propertyId)
    {
        var q = db.PauseRequests.AsNoTracking().Where(r => r.State == PauseRequestState.Pending
            && (db.RepairOrders.Any(o => o.Id == r.SubjectId && o.PauseRequestId == r.Id)
                || db.Complaints.Any(c => c.Id == r.SubjectId && c.PauseRequestId == r.Id)
                || db.Renovations.Any(v => v.Id == r.SubjectId && v.PauseRequestId == r.Id)));
        return propertyId is { } pid ? q.Where(r => r.PropertyId == pid) : q;
    }

    private async Task<PauseOutcome> DecideAsync(Guid requestId, int version, string? formError, ClaimsPrincipal user, CancellationToken ct,
        Action<LoadedCase, PauseRequest, Actor, ClockSet> decide)
    {
        var request = await db.PauseRequests.FirstOrDefaultAsync(r => r.Id == requestId, ct);
        var loaded = request is null ? null : await LoadCaseAsync(request.SubjectId, ct);
        if (request is null || loaded is null)
        {
            return PauseOutcome.NotFound;
        }

        if (!await MayDecideAsync(user))
        {
            return PauseOutcome.Forbidden;
        }

        if (formError is not null)
        {
            return Refused(loaded, formError);
        }

        db.Entry(request).Property(nameof(Entity.Version)).OriginalValue = version;
        var actor = ActorOf(user);
        return await SaveAsync(loaded, null, clocks =>
        {
            decide(loaded, request, actor, clocks);
            return Task.CompletedTask;
        }, ct);
    }

    /// <summary>Runs the step on the case and its clocks and saves once; a broken rule or a stale form changes nothing.</summary>
    private async Task<PauseOutcome> SaveAsync(LoadedCase loaded, int? caseVersion, Func<ClockSet, Task> step, CancellationToken ct)
    {
        var entity = (Entity)loaded.Case;
        if (caseVersion is { } v)
        {
            db.Entry(entity).Property(nameof(Entity.Version)).OriginalValue = v;
        }

        var clocks = new ClockSet(
            await db.SlaClocks.Where(c => c.SubjectId == loaded.Case.Id).OrderBy(c => c.StartedAt).ToListAsync(ct),
            await sla.ContextForAsync(loaded.Case.PropertyId, ct));
        try
        {
            await step(clocks);
            db.SlaClocks.AddRange(clocks.Started);
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Pause step on {Subject} {Number} ({CaseId}): request {RequestId}, case paused {Paused}",
                loaded.Subject, loaded.Case.Number, loaded.Case.Id, loaded.Case.PauseRequestId, loaded.Case.IsPaused);
            return new PauseOutcome(PauseOutcome.Kind.Done, null, loaded.Case.Id, loaded.Subject, loaded.Case.Number);
        }
        catch (DomainException ex)
        {
            db.ChangeTracker.Clear();
            var text = shared["Domain." + ex.Code];
            return Refused(loaded, text.ResourceNotFound ? shared["Domain.Unknown"] : text);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Refused(loaded, shared["Error.Concurrency"]);
        }
    }

    private static PauseOutcome Refused(LoadedCase loaded, string message) =>
        new(PauseOutcome.Kind.Refused, message, loaded.Case.Id, loaded.Subject, loaded.Case.Number);

    /// <summary>Who works the case: at intake (desk, stewards, supervisors, managers, admin), or the technician it is dispatched to.</summary>
    private async Task<bool> MayHandleAsync(ClaimsPrincipal user, LoadedCase loaded) =>
        (await authz.AuthorizeAsync(user, Policies.CaseIntake)).Succeeded
        || loaded.TechnicianId is { } tech && tech == user.FindFirstValue(ClaimTypes.NameIdentifier);

    private async Task<bool> MayDecideAsync(ClaimsPrincipal user) => (await authz.AuthorizeAsync(user, Policies.PauseApproval)).Succeeded;

    /// <summary>The case with this id, whichever kind it is (ids are GUIDs, unique across the tables), through the property filter.</summary>
    private async Task<LoadedCase?> LoadCaseAsync(Guid caseId, CancellationToken ct, bool tracked = true)
    {
        var repairs = tracked ? db.RepairOrders : db.RepairOrders.AsNoTracking();
        if (await repairs.FirstOrDefaultAsync(o => o.Id == caseId, ct) is { } order)
        {
            return new(order, SlaSubject.RepairOrder, order.TechnicianId);
        }

        var complaints = tracked ? db.Complaints : db.Complaints.AsNoTracking();
        if (await complaints.FirstOrDefaultAsync(c => c.Id == caseId, ct) is { } complaint)
        {
            return new(complaint, SlaSubject.Complaint, null);
        }

        var renovations = tracked ? db.Renovations : db.Renovations.AsNoTracking();
        return await renovations.FirstOrDefaultAsync(r => r.Id == caseId, ct) is { } renovation ? new(renovation, SlaSubject.Renovation, null) : null;
    }
}
