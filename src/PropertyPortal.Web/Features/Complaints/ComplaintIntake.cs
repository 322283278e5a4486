using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Complaints;
using PropertyPortal.Domain.FrontDesk;
using PropertyPortal.Web.Features.Shared;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.Complaints;

/// <summary>
/// 受理: a complaint from the intake form (from a contact or straight at the desk), flagged as a repeat when the
/// household complained of the same category within the policy's window, answered on the spot when the form
/// says so — opened through the case step runner, so its clocks save themselves and the escalation, repeat and
/// harm notices come from its first event (<see cref="ComplaintNotifications"/>).
/// </summary>
public sealed class ComplaintIntake(
    CaseSteps<Complaint> steps, CaseClocks caseClocks, ComplaintPages pages, PortalDbContext db, TimeProvider time, IStringLocalizer<ComplaintsText> t,
    IStringLocalizer<SharedResource> shared)
{
    /// <param name="form">As posted; its options are filled again for a redisplay.</param>
    /// <param name="formInvalid">The form's validator found something (the form is shown again, with the intake's own findings too).</param>
    public async Task<IntakeResult> OpenAsync(ComplaintForm form, bool formInvalid, Actor actor, CancellationToken ct)
    {
        if (!await pages.WithOptionsAsync(form, ct))
        {
            return IntakeResult.NotFound;
        }

        var errors = new List<FieldError>();
        var category = form.CategoryId is { } catId ? await db.ComplaintCategories.AsNoTracking().FirstOrDefaultAsync(c => c.Id == catId, ct) : null;
        if (form.CategoryId is not null && category is null)
        {
            errors.Add(new(nameof(form.CategoryId), shared["Error.NotFound"]));
        }

        var contact = await ContactAsync(form, ct);
        if (form.ContactId is not null && contact is null)
        {
            return IntakeResult.NotFound;
        }

        if (formInvalid || errors.Count > 0)
        {
            return IntakeResult.Invalid(errors);
        }

        var propertyId = form.PropertyId!.Value;
        var now = time.GetUtcNow().UtcDateTime;
        var received = PortalClock.ToUtc(form.ReceivedAt!.Value);
        var policy = (await caseClocks.ContextForAsync(propertyId, ct)).Policy;

        // 重复投诉: the same household, the same category, within the policy's window (30 days).
        var repeatOf = form.CustomerId is { } customerId
            ? await db.Complaints.Where(c => c.CustomerId == customerId && c.CategoryId == category!.Id && c.ReceivedAt >= received.AddDays(-policy.RepeatWindowDays))
                .OrderByDescending(c => c.ReceivedAt).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct)
            : null;

        var result = await steps.OpenAsync(propertyId, actor,
            () => CaseNumbers.NextAsync(db.Complaints.IgnoreQueryFilters().Where(c => c.PropertyId == propertyId).Select(c => c.Number), "TS", now, ct),
            (number, s) =>
            {
                var complaint = Complaint.Open(number, new Complaint.Intake(
                    propertyId, form.UnitId, form.CustomerId, form.ContactId, form.ComplainantName!, form.Phone, form.Location,
                    form.OccurredAt is { } occurred ? PortalClock.ToUtc(occurred) : null, form.Channel, category!, form.AgainstPerson, form.AgainstDepartment,
                    form.Content!, form.Demand, form.RequestedDeadline is { } deadline ? PortalClock.ToUtc(deadline) : null, form.WrittenReplyRequested,
                    form.Tier, form.OngoingHarm, received, repeatOf), s.By, s.Now, s.Clocks);
                if (form.RepliedNow)
                {
                    complaint.RecordReply(form.Channel == ComplaintChannel.Visit ? ReplyChannel.InPerson : ReplyChannel.Phone, t["Complaints.RepliedOnTheSpot"], false,
                        s.By, s.Now, s.Clocks);
                }

                contact?.LinkComplaint(complaint.Id);
                return Task.FromResult(complaint);
            }, ct,
            beforeRetry: async () =>
            {
                // A failed save leaves the contact detached: the next number links a fresh copy.
                contact = await ContactAsync(form, ct);
            });
        return IntakeResult.Of(result, nameof(form.Content));
    }

    private async Task<Contact?> ContactAsync(ComplaintForm form, CancellationToken ct) =>
        form.ContactId is { } cid ? await db.Contacts.FirstOrDefaultAsync(c => c.Id == cid, ct) : null;
}
