using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Community;
using PropertyPortal.Web.Features.Shared;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.Events;

/// <summary>
/// Every step of a community event after it is created, each one domain method run through the case step runner
/// (<see cref="CaseSteps{TCase}"/>: the event's clocks through the seam, notifications from its new timeline entries by
/// <see cref="EventNotifications"/>, one save). Who may take the general manager's decisions is asked of
/// <see cref="EventApprovers"/>; the Manager's steps of the controller's caller.
/// </summary>
public sealed class EventSteps(
    CaseSteps<CommunityEvent> steps, PortalDbContext db, EventApprovers approvers, AudienceSelector audience, PublicWelfareRule welfare,
    IStringLocalizer<EventsText> t, IStringLocalizer<SharedResource> shared)
{
    /// <summary>
    /// How invitations go out today: the property's stewards are told and deliver the printed list (the seed's notice
    /// board and mailboxes, 004 L11). When household channels exist, this name and <see cref="EventNotifications"/>'s
    /// Invited line change; the invitation rows stay as they are.
    /// </summary>
    public const string InvitationChannel = "Steward";

    /// <summary>临时活动: the Manager approves the proposal (planning starts).</summary>
    public Task<StepResult> ApproveProposalAsync(StepRequest request, bool manager, CancellationToken ct) =>
        steps.RunAsync(request, (e, s) => e.ApproveProposal(s.By, s.Now), ct, _ => manager);

    /// <summary>Saves the plan form (the clocks follow a new date).</summary>
    public Task<StepResult> EditPlanAsync(StepRequest request, EventForm form, CancellationToken ct) =>
        steps.RunAsync(request, (e, s) => e.EditPlan(EventIntake.Sheet(form), s.By, s.Now, s.Clocks), ct, load: WithBudget);

    public Task<StepResult> MarkFilledAsync(StepRequest request, CancellationToken ct) =>
        steps.RunAsync(request, (e, s) => e.MarkFilled(s.By, s.Now, s.Clocks), ct, load: WithBudget);

    /// <summary>The budget lines with the event: the plan form replaces them, "filled" needs at least one.</summary>
    private static IQueryable<CommunityEvent> WithBudget(IQueryable<CommunityEvent> q) => q.Include(e => e.Budget);

    /// <summary>The supervisor's review: submitted to the general manager.</summary>
    public Task<StepResult> SubmitAsync(StepRequest request, string? note, CancellationToken ct) =>
        steps.RunAsync(request, (e, s) => e.Submit(note, s.By, s.Now, s.Clocks), ct);

    /// <summary>退回 with comments: by the reviewer while the form waits for review, by the general manager once submitted.</summary>
    public async Task<StepResult> ReturnAsync(StepRequest request, string? comment, bool reviewer, Decider decider, CancellationToken ct)
    {
        var (status, propertyId) = await StateAsync(request.Id, ct);
        var standing = propertyId is { } pid ? await approvers.StandingAsync(pid, decider, ct) : null;
        request = Need(request, comment);
        return await steps.RunAsync(request, (e, s) => e.Return(comment!, s.By, status == CommunityEventStatus.Submitted && standing == true, s.Now), ct,
            e => e.Status == CommunityEventStatus.Submitted ? standing is not null : reviewer);
    }

    /// <summary>The general manager's approval (a Manager standing in where the property has none).</summary>
    public async Task<StepResult> ApproveAsync(StepRequest request, string? note, Decider decider, CancellationToken ct)
    {
        var standing = await StandingAsync(request.Id, decider, ct);
        return await steps.RunAsync(request, (e, s) => e.Approve(note, s.By, standing == true, s.Now, s.Clocks), ct, _ => standing is not null);
    }

    public Task<StepResult> PoliceReportAsync(StepRequest request, PoliceReportForm form, CancellationToken ct) =>
        steps.RunAsync(request, (e, s) => e.RecordPoliceReport(form.ReportedOn!.Value, form.PoliceReference!, s.By, s.Now), ct);

    public Task<StepResult> ReadinessAsync(StepRequest request, ReadinessForm form, CancellationToken ct) =>
        steps.RunAsync(request, (e, s) => e.CheckReadiness(form.Item, form.Done, form.CheckNote, s.By, s.Now), ct);

    /// <summary>邀请: every household of the audience not invited yet gets an invitation row; the stewards are told to hand them out.</summary>
    public async Task<StepResult> InviteAsync(StepRequest request, AudienceForm form, CancellationToken ct)
    {
        var propertyId = await db.CommunityEvents.Where(e => e.Id == request.Id).Select(e => (Guid?)e.PropertyId).FirstOrDefaultAsync(ct);
        if (propertyId is not { } pid)
        {
            return StepResult.NotFound;
        }

        if (!await audience.BuildingsBelongAsync(pid, form.BuildingIds, ct))
        {
            return StepResult.NotFound;
        }

        if (form.AudienceScope == AudienceScope.Buildings && form.BuildingIds.Count == 0)
        {
            request = request.WithError(shared["Domain.AudienceNoBuildings"]);
        }

        var households = await audience.HouseholdsAsync(pid, form, ct);
        var invited = (await db.EventInvitations.Where(i => i.EventId == request.Id).Select(i => i.CustomerId).ToListAsync(ct)).ToHashSet();
        return await steps.RunAsync(request, (e, s) =>
            db.EventInvitations.AddRange(e.Invite(households.Select(h => (h.CustomerId, (Guid?)h.UnitId)), invited, InvitationChannel, s.By, s.Now)), ct);
    }

    /// <summary>A reply taken at the desk; the invitation's own version catches two clerks at once.</summary>
    public async Task<StepResult> ReplyAsync(Guid invitationId, ReplyForm form, StepRequest asked, CancellationToken ct)
    {
        var invitation = await db.EventInvitations.FirstOrDefaultAsync(i => i.Id == invitationId, ct);
        if (invitation is null)
        {
            return StepResult.NotFound;
        }

        db.Entry(invitation).Property(nameof(Entity.Version)).OriginalValue = form.Version;
        return await steps.RunAsync(asked with { Id = invitation.EventId, Version = await VersionOfAsync(invitation.EventId, ct) },
            (e, s) => e.Reply(invitation, form.Reply, form.People, s.By, s.Now), ct);
    }

    /// <summary>签到 of one household on the day.</summary>
    public async Task<StepResult> CheckInAsync(Guid invitationId, bool attended, StepRequest asked, CancellationToken ct)
    {
        var invitation = await db.EventInvitations.FirstOrDefaultAsync(i => i.Id == invitationId, ct);
        if (invitation is null)
        {
            return StepResult.NotFound;
        }

        db.Entry(invitation).Property(nameof(Entity.Version)).OriginalValue = asked.Version;
        return await steps.RunAsync(asked with { Id = invitation.EventId, Version = await VersionOfAsync(invitation.EventId, ct) },
            (e, s) => e.CheckIn(invitation, attended, s.Now), ct);
    }

    /// <summary>客户活动记录表: held; a public-welfare event meets its half year's clock in the same save.</summary>
    public Task<StepResult> RecordAsync(StepRequest request, RecordForm form, CancellationToken ct) =>
        steps.RunAsync(request, async (e, s) =>
        {
            e.RecordHeld(new EventRecordSheet(form.ActualAttendance!.Value, form.RecordSummary!, form.Media,
                form.Actuals.Where(a => a.Actual is not null).ToDictionary(a => a.LineId, a => a.Actual!.Value),
                [.. form.Extra.Where(x => !x.IsBlank).Select(x => (x.BudgetItem!, x.Amount!.Value))]), s.By, s.Now);
            await welfare.MeetForAsync(e, ct);
        }, ct, load: q => q.Include(e => e.Budget));

    public Task<StepResult> EvaluateAsync(StepRequest request, EvaluationForm form, CancellationToken ct) =>
        steps.RunAsync(request, (e, s) => e.Evaluate(form.GoalsMet!.Value, form.EvaluationScore!.Value, form.EvaluationSummary!, s.By, s.Now), ct);

    /// <summary>The Manager's review of the evaluation.</summary>
    public Task<StepResult> ReviewEvaluationAsync(StepRequest request, ReviewForm form, bool manager, CancellationToken ct) =>
        steps.RunAsync(request, (e, s) => e.ReviewEvaluation(form.Passed, form.ReviewNote, s.By, s.Now), ct, _ => manager);

    /// <summary>The general manager approves the evaluation (a Manager standing in where the property has none): the file is closed.</summary>
    public async Task<StepResult> ApproveEvaluationAsync(StepRequest request, string? note, Decider decider, CancellationToken ct)
    {
        var standing = await StandingAsync(request.Id, decider, ct);
        return await steps.RunAsync(request, (e, s) => e.ApproveEvaluation(note, s.By, standing == true, s.Now), ct, _ => standing is not null);
    }

    /// <summary>取消 with the reason: the supervisors and managers (the event's clocks stop).</summary>
    public Task<StepResult> CancelAsync(StepRequest request, string? reason, bool reviewer, CancellationToken ct) =>
        steps.RunAsync(Need(request, reason), (e, s) => e.Cancel(reason!, s.By, s.Now, s.Clocks), ct, _ => reviewer);

    private StepRequest Need(StepRequest request, string? text) =>
        string.IsNullOrWhiteSpace(text) ? request.WithError(t["Events.ReasonRequired"]) : request;

    private async Task<bool?> StandingAsync(Guid id, Decider decider, CancellationToken ct) =>
        (await StateAsync(id, ct)).PropertyId is { } pid ? await approvers.StandingAsync(pid, decider, ct) : null;

    private async Task<(CommunityEventStatus? Status, Guid? PropertyId)> StateAsync(Guid id, CancellationToken ct)
    {
        var row = await db.CommunityEvents.AsNoTracking().Where(e => e.Id == id).Select(e => new { e.Status, e.PropertyId }).FirstOrDefaultAsync(ct);
        return (row?.Status, row?.PropertyId);
    }

    private async Task<int> VersionOfAsync(Guid id, CancellationToken ct) =>
        await db.CommunityEvents.AsNoTracking().Where(e => e.Id == id).Select(e => e.Version).FirstOrDefaultAsync(ct);
}
