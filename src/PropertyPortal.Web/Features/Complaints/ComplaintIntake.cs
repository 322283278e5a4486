using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Complaints;
using PropertyPortal.Domain.FrontDesk;
using PropertyPortal.Domain.Notifications;
using PropertyPortal.Web.Features.Shared;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Storage;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.Complaints;

/// <summary>
/// 受理: a complaint from the intake form (from a contact or straight at the desk), flagged as a repeat when the
/// household complained of the same category within the policy's window, answered on the spot when the form
/// says so — opened through the case step runner, so its clocks save themselves and the escalation, repeat and
/// harm notices come from its first event (<see cref="ComplaintNotifications"/>).
/// </summary>
public sealed class ComplaintIntake(
    CaseSteps<Complaint> steps, CaseClocks caseClocks, ComplaintPages pages, PortalDbContext db, FileStore files, TimeProvider time, IStringLocalizer<ComplaintsText> t,
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

        if (form.Photos.Any(p => p.Length > FileStore.MaxBytes))
        {
            errors.Add(new(nameof(form.Photos), t["Complaints.PhotoTooLarge", FileStore.MaxBytes / 1024 / 1024]));
        }

        if (formInvalid || errors.Count > 0)
        {
            return IntakeResult.Invalid(errors);
        }

        var saved = new List<(string Key, string ContentType, IFormFile File)>();
        foreach (var photo in form.Photos)
        {
            if (await files.SaveImageAsync(photo, form.PropertyId!.Value, ct) is not { } stored)
            {
                saved.ForEach(s => files.Delete(s.Key));
                return IntakeResult.Invalid([new(nameof(form.Photos), t["Complaints.PhotoNotImage", photo.FileName])]);
            }

            saved.Add((stored.Key, stored.ContentType, photo));
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
                // A complaint from the household's own page is its own front-desk contact, logged with the complaint.
                var logged = form.LogContactAs is { } source
                    ? new Contact(propertyId, received, source, form.UnitId, form.CustomerId, form.ComplainantName!, form.Phone, category!.Name, form.Content, s.By, s.Now)
                    : null;
                if (logged is not null)
                {
                    db.Contacts.Add(logged);
                }

                var complaint = Complaint.Open(number, new Complaint.Intake(
                    propertyId, form.UnitId, form.CustomerId, logged?.Id ?? form.ContactId, form.ComplainantName!, form.Phone, form.Location,
                    form.OccurredAt is { } occurred ? PortalClock.ToUtc(occurred) : null, form.Channel, category!, form.AgainstPerson, form.AgainstDepartment,
                    form.Content!, form.Demand, form.RequestedDeadline is { } deadline ? PortalClock.ToUtc(deadline) : null, form.WrittenReplyRequested,
                    form.Tier, form.OngoingHarm, received, repeatOf), s.By, s.Now, s.Clocks);
                if (form.RepliedNow)
                {
                    complaint.RecordReply(form.Channel == ComplaintChannel.Visit ? ReplyChannel.InPerson : ReplyChannel.Phone, t["Complaints.RepliedOnTheSpot"], false,
                        s.By, s.Now, s.Clocks);
                }

                (logged ?? contact)?.LinkComplaint(complaint.Id);
                foreach (var (key, type, file) in saved)
                {
                    db.Attachments.Add(new Attachment(propertyId, nameof(Complaint), complaint.Id, Path.GetFileName(file.FileName), type, file.Length, key, s.By, s.Now));
                }

                return Task.FromResult(complaint);
            }, ct,
            beforeRetry: async () =>
            {
                // A failed save leaves the contact detached: the next number links a fresh copy.
                contact = await ContactAsync(form, ct);
            });
        if (!result.Done)
        {
            saved.ForEach(s => files.Delete(s.Key));
        }

        return IntakeResult.Of(result, nameof(form.Content));
    }

    private async Task<Contact?> ContactAsync(ComplaintForm form, CancellationToken ct) =>
        form.ContactId is { } cid ? await db.Contacts.FirstOrDefaultAsync(c => c.Id == cid, ct) : null;
}
