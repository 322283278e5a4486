using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Complaints;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Complaints;

/// <summary>
/// Every step of a complaint after intake, each one domain method run through the case step runner
/// (<see cref="CaseSteps{TCase}"/>: clocks through the seam, notifications from the new timeline events by
/// <see cref="ComplaintNotifications"/>, one save). Who may take which step is the controller's policy,
/// except the acknowledgement of a major complaint, which only a manager gives.
/// </summary>
public sealed class ComplaintSteps(CaseSteps<Complaint> steps, PortalDbContext db, Shared.StaffDirectory staff, IStringLocalizer<ComplaintsText> t)
{
    public Task<StepResult> ReplyAsync(StepRequest request, ReplyForm form, CancellationToken ct) =>
        steps.RunAsync(request, (c, s) => c.RecordReply(form.Channel, form.Text ?? "", form.Written, s.By, s.Now, s.Clocks), ct);

    /// <summary>The manager (major) or a supervisor (important) takes it up.</summary>
    public Task<StepResult> AcknowledgeAsync(StepRequest request, bool isManager, CancellationToken ct) =>
        steps.RunAsync(request, (c, s) => c.AcknowledgeEscalation(s.By, s.Now, s.Clocks), ct, allowed: c => c.Tier != ComplaintTier.Major || isManager);

    public Task<StepResult> TierAsync(StepRequest request, TierForm form, CancellationToken ct) =>
        steps.RunAsync(request, (c, s) => c.ChangeTier(form.Tier, form.Reason ?? "", s.By, s.Now, s.Clocks), ct);

    public Task<StepResult> InvalidAsync(StepRequest request, string? reason, CancellationToken ct) =>
        steps.RunAsync(request, (c, s) => c.MarkInvalid(reason ?? "", s.By, s.Now, s.Clocks), ct);

    public Task<StepResult> ValidAsync(StepRequest request, string? reason, CancellationToken ct) =>
        steps.RunAsync(request, (c, s) => c.MarkValid(reason ?? "", s.By, s.Now, s.Clocks), ct);

    public Task<StepResult> StopHarmAsync(StepRequest request, string? note, CancellationToken ct) =>
        steps.RunAsync(request, (c, s) => c.StopHarm(note ?? "", s.By, s.Now), ct);

    /// <summary>归口: a department, and optionally one of the property's staff as the handler.</summary>
    public async Task<StepResult> AssignAsync(StepRequest request, AssignForm form, CancellationToken ct)
    {
        var name = await StaffNameAsync(request.Id, form.HandlerId, Roles.All.ToArray(), ct);
        if (form.HandlerId is { Length: > 0 } && name is null)
        {
            request = request.WithError(t["Complaints.NotStaff"]);
        }

        return await steps.RunAsync(request, (c, s) =>
            c.Assign(form.Department ?? "", form.HandlerId is { Length: > 0 } h ? h : null, name, form.Responsibility, s.By, s.Now), ct);
    }

    /// <summary>谁受理、谁跟进、谁回复: the supervisor (the caller) hands the complaint to someone else of the desk.</summary>
    public async Task<StepResult> TransferAsync(StepRequest request, TransferForm form, CancellationToken ct)
    {
        var name = await StaffNameAsync(request.Id, form.OwnerId, [Roles.FrontDesk, Roles.Steward, Roles.Supervisor, Roles.Manager], ct);
        if (name is null)
        {
            request = request.WithError(t["Complaints.NotStaff"]);
        }

        return await steps.RunAsync(request, (c, s) => c.TransferOwnership(form.OwnerId!, name!, form.Reason ?? "", s.By, s.By, s.Now, s.Clocks), ct);
    }

    public Task<StepResult> NoteAsync(StepRequest request, string? text, CancellationToken ct) =>
        steps.RunAsync(request, (c, s) => c.AddNote(text ?? "", s.By, s.Now), ct);

    public Task<StepResult> PlanAsync(StepRequest request, string? plan, CancellationToken ct) =>
        steps.RunAsync(request, (c, s) => c.ProposePlan(plan ?? "", s.By, s.Now, s.Clocks), ct);

    public Task<StepResult> ApproveAsync(StepRequest request, string? comments, CancellationToken ct) =>
        steps.RunAsync(request, (c, s) => c.ApprovePlan(comments, s.By, s.Now, s.Clocks), ct);

    public Task<StepResult> ReturnAsync(StepRequest request, string? comments, CancellationToken ct) =>
        steps.RunAsync(request, (c, s) => c.ReturnPlan(comments ?? "", s.By, s.Now, s.Clocks), ct);

    public Task<StepResult> AgreementAsync(StepRequest request, ReplyForm form, CancellationToken ct) =>
        steps.RunAsync(request, (c, s) => c.RecordAgreement(form.Channel, form.Text, s.By, s.Now, s.Clocks), ct);

    public Task<StepResult> ResolveAsync(StepRequest request, string? resolution, CancellationToken ct) =>
        steps.RunAsync(request, (c, s) => c.Resolve(resolution ?? "", s.By, s.Now, s.Clocks), ct);

    public Task<StepResult> ResultAsync(StepRequest request, ReplyForm form, CancellationToken ct) =>
        steps.RunAsync(request, (c, s) => c.NotifyResult(form.Channel, form.Text, s.By, s.Now, s.Clocks), ct);

    /// <summary>结案; a valid complaint's callback is scheduled in the same save.</summary>
    public Task<StepResult> CloseAsync(StepRequest request, CancellationToken ct) =>
        steps.RunAsync(request, (c, s) =>
        {
            if (c.Close(s.By, s.Now, s.Clocks) is { } callback)
            {
                db.Callbacks.Add(callback);
            }
        }, ct);

    /// <summary>The display name of <paramref name="userId"/> among the complaint's property's staff in <paramref name="roles"/> (null: not one of them).</summary>
    private async Task<string?> StaffNameAsync(Guid complaintId, string? userId, string[] roles, CancellationToken ct)
    {
        var propertyId = await db.Complaints.Where(c => c.Id == complaintId).Select(c => (Guid?)c.PropertyId).FirstOrDefaultAsync(ct);
        return (await staff.OptionsAsync(propertyId, ct, roles)).FirstOrDefault(o => o.Value == userId)?.Text;
    }
}
