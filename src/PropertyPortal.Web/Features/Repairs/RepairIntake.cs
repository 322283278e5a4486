using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Complaints;
using PropertyPortal.Domain.FrontDesk;
using PropertyPortal.Domain.Notifications;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.Web.Features.Shared;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Storage;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.Repairs;

/// <summary>
/// 受理: a repair order from the intake form (from a contact, a complaint, or straight at the desk), with its
/// photos, answered on the spot and dispatched at once when the form says so — opened through the case step
/// runner, so its clocks save themselves and the dispatch tells the technician (<see cref="RepairNotifications"/>).
/// </summary>
public sealed class RepairIntake(
    CaseSteps<RepairOrder> steps, RepairPages pages, PortalDbContext db, FileStore files, TimeProvider time, IStringLocalizer<RepairsText> t,
    IStringLocalizer<SharedResource> shared)
{
    /// <param name="form">As posted; its options are filled again for a redisplay.</param>
    /// <param name="formInvalid">The form's validator found something (the form is shown again, with the intake's own findings too).</param>
    public async Task<IntakeResult> OpenAsync(RepairForm form, bool formInvalid, Actor actor, CancellationToken ct)
    {
        if (!await pages.WithOptionsAsync(form, ct))
        {
            return IntakeResult.NotFound;
        }

        var errors = new List<FieldError>();
        var category = form.CategoryId is { } catId ? await db.RepairCategories.AsNoTracking().FirstOrDefaultAsync(c => c.Id == catId, ct) : null;
        if (form.CategoryId is not null && category is null)
        {
            errors.Add(new(nameof(form.CategoryId), shared["Error.NotFound"]));
        }

        var contact = await ContactAsync(form, ct);
        if (form.ContactId is not null && (contact is null || contact.PropertyId != form.PropertyId))
        {
            return IntakeResult.NotFound;
        }

        var complaint = await ComplaintAsync(form, ct);
        if (form.ComplaintId is not null && (complaint is null || complaint.PropertyId != form.PropertyId))
        {
            return IntakeResult.NotFound;
        }

        if (form.TechnicianId is { Length: > 0 } tech && !form.TechnicianOptions.Any(o => o.Value == tech))
        {
            errors.Add(new(nameof(form.TechnicianId), t["Repairs.NotATechnician"]));
        }

        var photos = form.Photos ?? [];
        if (photos.Any(p => p.Length > FileStore.MaxBytes))
        {
            errors.Add(new(nameof(form.Photos), t["Repairs.PhotoTooLarge", FileStore.MaxBytes / 1024 / 1024]));
        }

        if (formInvalid || errors.Count > 0)
        {
            return IntakeResult.Invalid(errors);
        }

        var saved = new List<(string Key, string ContentType, IFormFile File)>();
        foreach (var photo in photos)
        {
            if (await files.SaveImageAsync(photo, form.PropertyId!.Value, ct) is not { } stored)
            {
                saved.ForEach(s => files.Delete(s.Key));
                return IntakeResult.Invalid([new(nameof(form.Photos), t["Repairs.PhotoNotImage", photo.FileName])]);
            }

            saved.Add((stored.Key, stored.ContentType, photo));
        }

        var propertyId = form.PropertyId!.Value;
        var now = time.GetUtcNow().UtcDateTime;
        var result = await steps.OpenAsync(propertyId, actor,
            () => CaseNumbers.NextAsync(db.RepairOrders.IgnoreQueryFilters().Where(o => o.PropertyId == propertyId).Select(o => o.Number), "BX", now, ct),
            (number, s) =>
            {
                // A report from the household's own page is its own front-desk contact, logged with the order.
                var logged = form.LogContactAs is { } channel
                    ? new Contact(propertyId, PortalClock.ToUtc(form.ReceivedAt!.Value), channel, form.UnitId, form.CustomerId, form.ReporterName!, form.Phone,
                        category!.Name, form.Description, s.By, s.Now)
                    : null;
                if (logged is not null)
                {
                    db.Contacts.Add(logged);
                }

                var order = RepairOrder.Open(number, new RepairOrder.Intake(
                    propertyId, form.UnitId, form.CustomerId, logged?.Id ?? form.ContactId, form.ReporterName!, form.Phone, form.Location!,
                    form.Description!, category!, form.Urgency, form.Billing, form.Responsibility,
                    form.AppointmentAt is { } appt ? PortalClock.ToUtc(appt) : null, PortalClock.ToUtc(form.ReceivedAt!.Value)), s.By, s.Now, s.Clocks);
                if (form.PhoneReplied)
                {
                    order.RecordPhoneReply(null, s.By, s.Now, s.Clocks);
                }

                if (form.TechnicianId is { Length: > 0 } techId)
                {
                    order.Dispatch(techId, form.TechnicianOptions.First(o => o.Value == techId).Text, s.By, s.Now, s.Clocks);
                }

                (logged ?? contact)?.LinkRepairOrder(order.Id);
                if (complaint is not null)
                {
                    order.LinkComplaint(complaint, s.By, s.Now);
                }

                foreach (var (key, type, file) in saved)
                {
                    db.Attachments.Add(new Attachment(order.PropertyId, nameof(RepairOrder), order.Id, Path.GetFileName(file.FileName), type, file.Length, key, s.By, s.Now));
                }

                return Task.FromResult(order);
            }, ct,
            beforeRetry: async () =>
            {
                // A failed save leaves the contact and the complaint detached: the next number links fresh copies.
                contact = await ContactAsync(form, ct);
                complaint = await ComplaintAsync(form, ct);
            });

        if (!result.Done)
        {
            saved.ForEach(s => files.Delete(s.Key));
        }

        return IntakeResult.Of(result, nameof(form.Location));
    }

    private async Task<Contact?> ContactAsync(RepairForm form, CancellationToken ct) =>
        form.ContactId is { } cid ? await db.Contacts.FirstOrDefaultAsync(c => c.Id == cid, ct) : null;

    private async Task<Complaint?> ComplaintAsync(RepairForm form, CancellationToken ct) =>
        form.ComplaintId is { } id ? await db.Complaints.FirstOrDefaultAsync(c => c.Id == id, ct) : null;
}
