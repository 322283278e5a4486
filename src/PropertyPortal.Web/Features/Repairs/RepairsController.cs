using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Notifications;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Features.Notifications;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure.Idempotency;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Export;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Storage;

namespace PropertyPortal.Web.Features.Repairs;

/// <summary>
/// 报修: intake (from a front-desk contact or directly), the register, the order page with its clocks
/// and timeline, every transition, and the technician's phone page. Each transition loads the order
/// and its clocks, calls one domain method and saves once — notifications go out through the outbox
/// in the same transaction.
/// </summary>
[Authorize(Policy = Policies.RepairWork)]
public sealed class RepairsController(
    PortalDbContext db, SlaSettings sla, Notifier notifier, FileStore files, Shared.StaffDirectory staff, IAuthorizationService authz,
    IStringLocalizer<RepairsText> t, ILogger<RepairsController> logger) : PortalController
{
    public const int MaxExportRows = 50_000;

    public async Task<IActionResult> Index([FromQuery] RepairFilter filter, CancellationToken ct)
    {
        var query = Filtered(filter);
        var total = await query.CountAsync(ct);
        var paging = PageInfo.For(Request, Math.Clamp(filter.Page, 1, Math.Max(1, (total + PageInfo.DefaultSize - 1) / PageInfo.DefaultSize)), total);
        var rows = await Rows(query, paging.Skip, paging.PageSize).ToListAsync(ct);
        return View(new RepairList(filter, await PropertyOptionsAsync(filter.PropertyId, ct), await CategoryOptionsAsync(filter.CategoryId, true, ct),
            rows, paging, await CanIntakeAsync()));
    }

    /// <summary>The filtered register as .xlsx, same filters as the page.</summary>
    public async Task<IActionResult> Export([FromQuery] RepairFilter filter, CancellationToken ct)
    {
        var query = Filtered(filter);
        var count = await query.CountAsync(ct);
        if (count > MaxExportRows)
        {
            FlashError(t["Repairs.ExportTooLarge", count, MaxExportRows]);
            return RedirectToAction(nameof(Index), filter);
        }

        var rows = await Rows(query, 0, MaxExportRows).ToListAsync(ct);
        logger.LogInformation("User {User} exported {Count} repair orders", User.Identity?.Name, rows.Count);
        string[] headers =
        [
            Shared["Field.Number"], Shared["Field.PropertyId"], Shared["Field.ReceivedAt"], Shared["Field.ReporterName"], Shared["Field.Phone"],
            Shared["Field.Location"], Shared["Field.CategoryId"], Shared["Field.Urgency"], Shared["Field.Status"], Shared["Field.TechnicianId"],
            t["Repairs.Chases"], t["Repairs.NextDue"],
        ];
        var data = rows.Select(r => (IReadOnlyList<object?>)
        [
            r.Number, r.PropertyName, ViewHelpers.Time(r.ReceivedAt), r.ReporterName, r.Phone, r.Location, r.CategoryName,
            Shared.Enum(r.Urgency), Shared.Enum(r.Status), r.TechnicianName, r.ChaseCount, ViewHelpers.Time(r.NextDueAt),
        ]);
        return XlsxExport.File(t["Repairs.ExportName"], Today, t["Repairs.ExportName"], headers, data);
    }

    /// <summary>Cards on the technician's phone page; anything beyond waits its turn (most urgent first).</summary>
    public const int MineCards = 30;

    /// <summary>Orders dispatched to me, most urgent clock first: the technician's phone page.</summary>
    public async Task<IActionResult> Mine(CancellationToken ct)
    {
        var me = CurrentActor.UserId;
        var mine = db.RepairOrders.AsNoTracking()
            .Where(o => o.TechnicianId == me && (o.Status == RepairStatus.Dispatched || o.Status == RepairStatus.OnSite || o.Status == RepairStatus.Paused));
        var total = await mine.CountAsync(ct);

        // Most urgent first: my running on-site/finish clocks in due order (one index range), then the
        // orders with no running clock (paused) — never every order's clocks.
        var clocks = await db.SlaClocks.AsNoTracking()
            .Where(c => c.AssigneeId == me && c.State == SlaClockState.Running && c.Subject == SlaSubject.RepairOrder
                        && (c.Milestone == SlaMilestone.OnSite || c.Milestone == SlaMilestone.Finished))
            .OrderBy(c => c.DueAt).Take(MineCards * 2)
            .Select(c => new { c.SubjectId, c.DueAt, c.Milestone })
            .ToListAsync(ct);
        var next = clocks.GroupBy(c => c.SubjectId).Take(MineCards).ToDictionary(g => g.Key, g => g.First());
        var ids = next.Keys.ToList();
        var found = await mine.Where(o => ids.Contains(o.Id)).ToListAsync(ct);
        if (found.Count < MineCards)
        {
            found.AddRange(await mine.Where(o => !ids.Contains(o.Id)).OrderBy(o => o.Number).Take(MineCards - found.Count).ToListAsync(ct));
        }

        var orders = found
            .Select(o => (Order: o, Next: next.GetValueOrDefault(o.Id)))
            .OrderBy(x => x.Next?.DueAt ?? DateTime.MaxValue).ThenBy(x => x.Order.Number)
            .Select(x => new MyOrder(x.Order.Id, x.Order.Number, x.Order.Urgency, x.Order.Status, x.Order.Billing, x.Order.Location,
                x.Order.Description, x.Order.ReporterName, x.Order.Phone, x.Order.AppointmentAt, x.Next?.DueAt, x.Next?.Milestone, x.Order.Version,
                x.Order.CallbackRule == CallbackRule.Leak))
            .ToList();
        return View(new MyOrders(orders, total));
    }

    public async Task<IActionResult> Details(Guid id, CancellationToken ct)
    {
        var model = await LoadDetailsAsync(id, ct);
        return model is null ? NotFound() : View(model);
    }

    [HttpGet]
    [Authorize(Policy = Policies.CaseIntake)]
    public async Task<IActionResult> Create(Guid? contactId, Guid? unitId, Guid? customerId, Guid? propertyId, Guid? complaintId, CancellationToken ct)
    {
        var form = new RepairForm { ContactId = contactId, UnitId = unitId, CustomerId = customerId, PropertyId = propertyId, ComplaintId = complaintId, ReceivedAt = PortalClock.ToLocal(UtcNow) };
        if (complaintId is { } fromComplaint)
        {
            var complaint = await db.Complaints.AsNoTracking().Where(c => c.Id == fromComplaint)
                .Select(c => new { c.PropertyId, c.ComplainantName, c.Phone, c.Location, c.Content }).FirstOrDefaultAsync(ct);
            if (complaint is null)
            {
                return NotFound();
            }

            (form.PropertyId, form.ReporterName, form.Phone, form.Location, form.Description) =
                (complaint.PropertyId, complaint.ComplainantName, complaint.Phone, complaint.Location, complaint.Content);
        }

        if (contactId is { } cid)
        {
            var contact = await db.Contacts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == cid, ct);
            if (contact is null)
            {
                return NotFound();
            }

            if (contact.RepairOrderId is { } existing)
            {
                Flash(t["Repairs.ContactAlreadyOrdered"]);
                return RedirectToAction(nameof(Details), new { id = existing });
            }

            form.PropertyId = contact.PropertyId;
            form.UnitId = contact.UnitId;
            form.CustomerId = contact.CustomerId;
            form.ReporterName = contact.Name;
            form.Phone = contact.Phone;
            form.Description = contact.Subject + (contact.Details is null ? "" : "\n" + contact.Details);
            form.ReceivedAt = PortalClock.ToLocal(contact.ReceivedAt);
            form.PhoneReplied = contact.Source == Domain.FrontDesk.ContactSource.Visit;
        }

        // A unit picked without a caller: the person living there (tenant before owner) is the usual caller.
        if (form.UnitId is { } occupiedUnit && form.CustomerId is null)
        {
            var today = Today;
            form.CustomerId = await db.Occupancies.AsNoTracking()
                .Where(o => o.UnitId == occupiedUnit && o.StartDate <= today && (o.EndDate == null || o.EndDate >= today))
                .OrderByDescending(o => o.Role).Select(o => (Guid?)o.CustomerId).FirstOrDefaultAsync(ct);
        }

        if (form.CustomerId is { } custId && form.ReporterName is null)
        {
            var customer = await db.Customers.AsNoTracking().Where(c => c.Id == custId).Select(c => new { c.Name, c.Phone, c.PropertyId }).FirstOrDefaultAsync(ct);
            if (customer is null)
            {
                return NotFound();
            }

            (form.ReporterName, form.Phone, form.PropertyId) = (customer.Name, customer.Phone, customer.PropertyId);
        }

        if (form.PropertyId is null && form.UnitId is { } forUnit)
        {
            form.PropertyId = await db.Units.Where(u => u.Id == forUnit).Select(u => (Guid?)u.PropertyId).FirstOrDefaultAsync(ct);
        }

        if (!await WithOptionsAsync(form, ct))
        {
            return NotFound();
        }

        // The unit's warranty decides the usual billing (保修/有偿); the clerk may still change it.
        if (form.WarrantyNote is not null && form.UnitId is not null)
        {
            form.Billing = form.WarrantyNote == t["Repairs.InWarranty"] ? RepairBilling.Warranty : RepairBilling.Paid;
        }

        return View("Create", form);
    }

    [HttpPost]
    [Idempotent]
    [Authorize(Policy = Policies.CaseIntake)]
    [RequestSizeLimit(64 * 1024 * 1024)]
    public async Task<IActionResult> Create(RepairForm form, CancellationToken ct)
    {
        if (!await WithOptionsAsync(form, ct))
        {
            return NotFound();
        }

        var category = form.CategoryId is { } catId ? await db.RepairCategories.AsNoTracking().FirstOrDefaultAsync(c => c.Id == catId, ct) : null;
        if (form.CategoryId is not null && category is null)
        {
            ModelState.AddModelError(nameof(form.CategoryId), Shared["Error.NotFound"]);
        }

        var contact = form.ContactId is { } cid ? await db.Contacts.FirstOrDefaultAsync(c => c.Id == cid, ct) : null;
        if (form.ContactId is not null && (contact is null || contact.PropertyId != form.PropertyId))
        {
            return NotFound();
        }

        var complaint = form.ComplaintId is { } complaintId ? await db.Complaints.FirstOrDefaultAsync(c => c.Id == complaintId, ct) : null;
        if (form.ComplaintId is not null && (complaint is null || complaint.PropertyId != form.PropertyId))
        {
            return NotFound();
        }

        if (form.TechnicianId is { Length: > 0 } tech && !form.TechnicianOptions.Any(o => o.Value == tech))
        {
            ModelState.AddModelError(nameof(form.TechnicianId), t["Repairs.NotATechnician"]);
        }

        var photos = form.Photos ?? [];
        if (photos.Any(p => p.Length > FileStore.MaxBytes))
        {
            ModelState.AddModelError(nameof(form.Photos), t["Repairs.PhotoTooLarge", FileStore.MaxBytes / 1024 / 1024]);
        }

        if (!ModelState.IsValid)
        {
            return View("Create", form);
        }

        var saved = new List<(string Key, string ContentType, IFormFile File)>();
        foreach (var photo in photos)
        {
            if (await files.SaveImageAsync(photo, form.PropertyId!.Value, ct) is not { } stored)
            {
                saved.ForEach(s => files.Delete(s.Key));
                ModelState.AddModelError(nameof(form.Photos), t["Repairs.PhotoNotImage", photo.FileName]);
                return View("Create", form);
            }

            saved.Add((stored.Key, stored.ContentType, photo));
        }

        var now = UtcNow;
        var actor = CurrentActor;
        var context = await sla.ContextForAsync(form.PropertyId!.Value, ct);
        RepairOrder? order = null;
        var ok = await TrySaveNumberedAsync(db, () => NextNumberAsync(form.PropertyId!.Value, now, ct), number =>
            {
                var clocks = new ClockSet([], context);
                order = RepairOrder.Open(number, new RepairOrder.Intake(
                    form.PropertyId!.Value, form.UnitId, form.CustomerId, form.ContactId, form.ReporterName!, form.Phone, form.Location!,
                    form.Description!, category!, form.Urgency, form.Billing, form.Responsibility,
                    form.AppointmentAt is { } appt ? PortalClock.ToUtc(appt) : null, PortalClock.ToUtc(form.ReceivedAt!.Value)), actor, now, clocks);
                db.RepairOrders.Add(order);
                if (form.PhoneReplied)
                {
                    order.RecordPhoneReply(null, actor, now, clocks);
                }

                if (form.TechnicianId is { Length: > 0 } techId)
                {
                    order.Dispatch(techId, form.TechnicianOptions.First(o => o.Value == techId).Text, actor, now, clocks);
                    notifier.Enqueue($"repair:{order.Id}:dispatch:{techId}", NotificationKinds.RepairDispatched, [order.Number, order.Location],
                        $"/Repairs/Details/{order.Id}", order.PropertyId, [techId]);
                }

                contact?.LinkRepairOrder(order.Id);
                if (complaint is not null)
                {
                    order.LinkComplaint(complaint, actor, now);
                }

                db.SlaClocks.AddRange(clocks.Started);
                foreach (var (key, type, file) in saved)
                {
                    db.Attachments.Add(new Attachment(order.PropertyId, nameof(RepairOrder), order.Id, Path.GetFileName(file.FileName), type, file.Length, key, actor, now));
                }
            }, nameof(form.Location));

        if (!ok)
        {
            saved.ForEach(s => files.Delete(s.Key));
            return View("Create", form);
        }

        logger.LogInformation("Repair order {Number} ({OrderId}) accepted by {User}, urgency {Urgency}", order!.Number, order.Id, actor.Name, order.Urgency);
        Flash(t["Repairs.Accepted", order.Number]);
        return RedirectToAction(nameof(Details), new { id = order.Id });
    }

    [HttpPost]
    [Authorize(Policy = Policies.CaseIntake)]
    public async Task<IActionResult> Dispatch(Guid id, DispatchForm form, CancellationToken ct)
    {
        var technicians = await TechnicianOptionsAsync(await db.RepairOrders.Where(o => o.Id == id).Select(o => (Guid?)o.PropertyId).FirstOrDefaultAsync(ct), ct);
        var name = technicians.FirstOrDefault(o => o.Value == form.TechnicianId)?.Text;
        if (form.TechnicianId is not null && name is null)
        {
            ModelState.AddModelError(nameof(form.TechnicianId), t["Repairs.NotATechnician"]);
        }

        return await TransitionAsync(id, form.Version, false, (o, clocks, actor, now) =>
        {
            o.Dispatch(form.TechnicianId!, name!, actor, now, clocks);
            notifier.Enqueue($"repair:{o.Id}:dispatch:{form.TechnicianId}:{o.Events.Count}", NotificationKinds.RepairDispatched, [o.Number, o.Location],
                $"/Repairs/Details/{o.Id}", o.PropertyId, [form.TechnicianId]);
        }, "Repairs.Dispatched", ct);
    }

    [HttpPost]
    public Task<IActionResult> PhoneReply(Guid id, NoteForm form, CancellationToken ct) =>
        TransitionAsync(id, form.Version, true, (o, clocks, actor, now) => o.RecordPhoneReply(form.Note, actor, now, clocks), "Repairs.PhoneReplied", ct);

    [HttpPost]
    public Task<IActionResult> OnSite(Guid id, int version, string? returnTo, CancellationToken ct) =>
        TransitionAsync(id, version, true, (o, clocks, actor, now) => o.ArriveOnSite(actor, now, clocks), "Repairs.OnSiteRecorded", ct, returnTo);

    [HttpPost]
    public async Task<IActionResult> Complete(Guid id, CompleteForm form, string? returnTo, CancellationToken ct)
    {
        // A paid repair's charge goes on the unit's fee account in the same save, once per order (a reopened order is not charged twice).
        var chargeKey = $"R:{id:N}";
        var charged = await db.Charges.AnyAsync(c => c.SourceKey == chargeKey, ct);
        return await TransitionAsync(id, form.Version, true, (o, clocks, actor, now) =>
        {
            var callback = o.Complete(form.WorkDone!, form.Materials, form.Charge, form.LeakTestAt is { } leak ? PortalClock.ToUtc(leak) : null, actor, now, clocks);
            db.Callbacks.Add(callback);
            notifier.Enqueue($"callback:{callback.Id}:assigned", NotificationKinds.CallbackAssigned, [o.Number], $"/Callbacks/Details/{callback.Id}",
                o.PropertyId, [callback.AssigneeId]);
            if (!charged && o.Charge is { } amount and > 0 && o.UnitId is { } unit)
            {
                db.Charges.Add(new Domain.Fees.Charge(o.PropertyId, unit, o.CustomerId, null, Domain.Fees.FeeKind.OneOff, null, $"有偿维修 {o.Number}",
                    1, amount, amount, Today, chargeKey, actor, now));
            }
        }, "Repairs.DoneRecorded", ct, returnTo);
    }

    [HttpPost]
    public Task<IActionResult> Pause(Guid id, PauseForm form, CancellationToken ct) =>
        TransitionAsync(id, form.Version, true, (o, clocks, actor, now) => o.Pause(form.Reason!, form.ApprovedBy!, actor, now, clocks), "Repairs.PausedRecorded", ct);

    [HttpPost]
    public Task<IActionResult> Resume(Guid id, int version, CancellationToken ct) =>
        TransitionAsync(id, version, true, (o, clocks, actor, now) => o.Resume(actor, now, clocks), "Repairs.ResumedRecorded", ct);

    [HttpPost]
    [Authorize(Policy = Policies.CaseIntake)]
    public Task<IActionResult> Cancel(Guid id, NoteForm form, CancellationToken ct) =>
        TransitionAsync(id, form.Version, false, (o, clocks, actor, now) => o.Cancel(form.Note!, actor, now, clocks), "Repairs.CancelledRecorded", ct);

    [HttpPost]
    [Authorize(Policy = Policies.CaseIntake)]
    public async Task<IActionResult> Reopen(Guid id, NoteForm form, CancellationToken ct)
    {
        var openCallback = await db.Callbacks.FirstOrDefaultAsync(c => c.RepairOrderId == id && c.Status == Domain.Callbacks.CallbackStatus.Open, ct);
        return await TransitionAsync(id, form.Version, false, (o, clocks, actor, now) =>
        {
            o.Reopen(form.Note!, actor, now, clocks);
            openCallback?.Withdraw(form.Note!, actor, now);

            if (o.TechnicianId is { } tech)
            {
                notifier.Enqueue($"repair:{o.Id}:reopen:{o.ReopenCount}", NotificationKinds.RepairDispatched, [o.Number, o.Location], $"/Repairs/Details/{o.Id}", o.PropertyId, [tech]);
            }
        }, "Repairs.ReopenedRecorded", ct);
    }

    /// <summary>催单: recorded on the order; the technician and the property's supervisors are told.</summary>
    [HttpPost]
    [Authorize(Policy = Policies.CaseIntake)]
    public async Task<IActionResult> Chase(Guid id, NoteForm form, CancellationToken ct)
    {
        var propertyId = await db.RepairOrders.Where(o => o.Id == id).Select(o => (Guid?)o.PropertyId).FirstOrDefaultAsync(ct);
        var supervisors = propertyId is { } pid ? await notifier.SupervisorsOfAsync(pid, ct) : [];
        return await TransitionAsync(id, form.Version, false, (o, _, actor, now) =>
        {
            o.Chase(form.Note, actor, now);
            notifier.Enqueue($"repair:{o.Id}:chase:{o.ChaseCount}", NotificationKinds.RepairChased, [o.Number, o.ChaseCount], $"/Repairs/Details/{o.Id}",
                o.PropertyId, [.. supervisors, o.TechnicianId]);
        }, "Repairs.ChaseRecorded", ct);
    }

    [HttpPost]
    [Authorize(Policy = Policies.CaseIntake)]
    public Task<IActionResult> Appointment(Guid id, AppointmentForm form, CancellationToken ct) =>
        TransitionAsync(id, form.Version, false, (o, clocks, actor, now) =>
            o.ChangeAppointment(form.AppointmentAt is { } a ? PortalClock.ToUtc(a) : null, actor, now, clocks), "Repairs.AppointmentRecorded", ct);

    [HttpPost]
    [RequestSizeLimit(64 * 1024 * 1024)]
    public async Task<IActionResult> AddPhotos(Guid id, List<IFormFile>? photos, CancellationToken ct)
    {
        var order = await db.RepairOrders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct);
        if (order is null)
        {
            return NotFound();
        }

        if (!await CanIntakeAsync() && order.TechnicianId != CurrentActor.UserId)
        {
            return Forbid();
        }

        var (added, rejected) = await Features.Shared.PhotoUploads.AddAsync(db, files, nameof(RepairOrder), order.Id, order.PropertyId, photos ?? [], CurrentActor, UtcNow, ct);
        foreach (var name in rejected)
        {
            FlashError(t["Repairs.PhotoNotImage", name]);
        }

        await db.SaveChangesAsync(ct);
        if (added > 0)
        {
            Flash(t["Repairs.PhotosAdded", added]);
        }

        return RedirectToAction(nameof(Details), new { id });
    }

    /// <summary>A photo, only through the scoped query: a user of another property gets 404.</summary>
    public async Task<IActionResult> Photo(Guid id, CancellationToken ct)
    {
        var photo = await db.Attachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (photo is null || !System.IO.File.Exists(files.PathOf(photo.StorageKey)))
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "private, max-age=3600";
        return PhysicalFile(files.PathOf(photo.StorageKey), photo.ContentType);
    }

    private async Task<IActionResult> TransitionAsync(Guid id, int version, bool technicianMayDo, Action<RepairOrder, ClockSet, Actor, DateTime> change,
        string doneKey, CancellationToken ct, string? returnTo = null)
    {
        var order = await db.RepairOrders.FirstOrDefaultAsync(o => o.Id == id, ct);
        if (order is null)
        {
            return NotFound();
        }

        var actor = CurrentActor;
        if (!await CanIntakeAsync() && !(technicianMayDo && order.TechnicianId == actor.UserId))
        {
            return Forbid();
        }

        var back = returnTo == "mine" ? RedirectToAction(nameof(Mine)) : RedirectToAction(nameof(Details), new { id });
        if (!ModelState.IsValid)
        {
            FlashError(ModelStateErrors());
            return back;
        }

        ExpectVersion(db, order, version);
        var callbackIds = await db.Callbacks.Where(c => c.RepairOrderId == id).Select(c => c.Id).ToListAsync(ct);
        var clocks = new ClockSet(
            await db.SlaClocks.Where(c => c.SubjectId == id || callbackIds.Contains(c.SubjectId)).OrderBy(c => c.StartedAt).ToListAsync(ct),
            await sla.ContextForAsync(order.PropertyId, ct));
        var now = UtcNow;
        if (await TrySaveAsync(db, () =>
            {
                change(order, clocks, actor, now);
                db.SlaClocks.AddRange(clocks.Started);
            }))
        {
            logger.LogInformation("Repair order {Number} now {Status} after {Action} by {User}", order.Number, order.Status, doneKey, actor.Name);
            Flash(t[doneKey, order.Number]);
        }
        else
        {
            FlashError(ModelStateErrors());
        }

        return back;
    }

    private async Task<RepairDetails?> LoadDetailsAsync(Guid id, CancellationToken ct)
    {
        var order = await db.RepairOrders.AsNoTracking().Include(o => o.Events).FirstOrDefaultAsync(o => o.Id == id, ct);
        if (order is null)
        {
            return null;
        }

        var now = UtcNow;
        var propertyName = await db.Properties.Where(p => p.Id == order.PropertyId).Select(p => p.Name).FirstAsync(ct);
        var category = await db.RepairCategories.Where(c => c.Id == order.CategoryId).Select(c => c.Group + " · " + c.Name).FirstOrDefaultAsync(ct) ?? "";
        var unit = order.UnitId is { } uid ? await db.Units.Where(u => u.Id == uid).Select(u => u.Number).FirstOrDefaultAsync(ct) : null;
        var customer = order.CustomerId is { } cid ? await db.Customers.Where(c => c.Id == cid).Select(c => c.Name).FirstOrDefaultAsync(ct) : null;
        var callback = await db.Callbacks.AsNoTracking().Include(c => c.Attempts).Where(c => c.RepairOrderId == id).OrderByDescending(c => c.CreatedAt).FirstOrDefaultAsync(ct);
        var subjectIds = await db.Callbacks.Where(c => c.RepairOrderId == id).Select(c => c.Id).ToListAsync(ct);
        subjectIds.Add(id);
        var clocks = await db.SlaClocks.AsNoTracking().Where(c => subjectIds.Contains(c.SubjectId)).OrderBy(c => c.StartedAt).ThenBy(c => c.Milestone).ToListAsync(ct);
        var slaEvents = await db.SlaEvents.AsNoTracking().Where(e => subjectIds.Contains(e.SubjectId)).ToListAsync(ct);
        var userIds = clocks.Select(c => c.AssigneeId).OfType<string>().Distinct().ToList();
        var names = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var photos = await db.Attachments.AsNoTracking().Where(a => a.OwnerType == nameof(RepairOrder) && a.OwnerId == id).OrderBy(a => a.UploadedAt).ToListAsync(ct);

        var timeline = order.Events
            .Select(e => new TimelineEntry(e.At, e.ActorName, Shared.Enum(e.Kind),
                e.Kind == RepairEventKind.AppointmentChanged && e.Note is not null
                    ? ViewHelpers.Time(DateTime.Parse(e.Note, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal))
                    : e.Note is "backdated" ? t["Repairs.Backdated"] : e.Note,
                e.ToStatus == RepairStatus.Cancelled ? "text-danger" : ""))
            .Concat(slaEvents.Select(e => new TimelineEntry(e.FiredAt, t["Repairs.System"], $"{Shared.Enum(e.Milestone)} · {Shared.Enum(e.Kind)}",
                t["Repairs.DueWas", ViewHelpers.Time(e.Kind == SlaEventKind.Warning ? clocks.FirstOrDefault(c => c.Id == e.ClockId)?.DueAt : e.ScheduledAt)],
                e.Kind == SlaEventKind.Warning ? "text-warning-emphasis" : "text-danger")))
            .OrderByDescending(e => e.At)
            .ToList();

        return new RepairDetails(order, propertyName, category, unit, customer,
            clocks.Select(c => ClockView.From(c, now, names)).ToList(), timeline, callback, photos,
            await TechnicianOptionsAsync(order.PropertyId, ct), await CanIntakeAsync(), order.TechnicianId == CurrentActor.UserId, now);
    }

    private IQueryable<RepairOrder> Filtered(RepairFilter f)
    {
        var query = db.RepairOrders.AsNoTracking();
        if (f.PropertyId is { } pid)
        {
            query = query.Where(o => o.PropertyId == pid);
        }

        if (f.Status is { } status)
        {
            query = query.Where(o => o.Status == status);
        }

        if (f.Open)
        {
            query = query.Where(o => o.Status == RepairStatus.Accepted || o.Status == RepairStatus.Dispatched || o.Status == RepairStatus.OnSite || o.Status == RepairStatus.Paused);
        }

        if (f.Urgency is { } urgency)
        {
            query = query.Where(o => o.Urgency == urgency);
        }

        if (f.CategoryId is { } cat)
        {
            query = query.Where(o => o.CategoryId == cat);
        }

        var (fromUtc, toUtc) = Features.Shared.CaseFilters.ReceivedRange(f.From, f.To);
        if (fromUtc is { } fromAt)
        {
            query = query.Where(o => o.ReceivedAt >= fromAt);
        }

        if (toUtc is { } toAt)
        {
            query = query.Where(o => o.ReceivedAt < toAt);
        }

        if (f.Overdue)
        {
            var now = UtcNow;
            query = query.Where(o => db.SlaClocks.Any(c => c.SubjectId == o.Id && c.State == SlaClockState.Running && c.DueAt < now));
        }

        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var q = f.Q.Trim();
            query = query.Where(o => o.Number == q.ToUpperInvariant() || o.Phone == q || o.ReporterName == q || o.Location.Contains(q));
        }

        return query;
    }

    /// <summary>
    /// One page of the register. The page is cut from the orders alone (newest first, an index walk)
    /// before names and next due times are joined: joined first, the planner read every order of the
    /// property and computed its next due time before sorting (150–450 ms at 200,000 orders).
    /// </summary>
    private IQueryable<RepairRow> Rows(IQueryable<RepairOrder> query, int skip, int take)
    {
        var now = UtcNow;
        var page = query.OrderByDescending(o => o.ReceivedAt).ThenByDescending(o => o.Number).Skip(skip).Take(take);
        return from o in page
               join p in db.Properties on o.PropertyId equals p.Id
               join c in db.RepairCategories on o.CategoryId equals c.Id
               orderby o.ReceivedAt descending, o.Number descending
               let next = db.SlaClocks.Where(k => k.SubjectId == o.Id && k.State == SlaClockState.Running).Min(k => (DateTime?)k.DueAt)
               select new RepairRow(o.Id, o.Number, p.Name, o.ReceivedAt, o.ReporterName, o.Phone, o.Location, c.Name, o.Urgency, o.Status,
                   o.TechnicianName, o.ChaseCount, next, next != null && next < now);
    }

    private Task<string> NextNumberAsync(Guid propertyId, DateTime nowUtc, CancellationToken ct) =>
        Features.Shared.CaseNumbers.NextAsync(db.RepairOrders.IgnoreQueryFilters().Where(o => o.PropertyId == propertyId).Select(o => o.Number), "BX", nowUtc, ct);

    private async Task<bool> WithOptionsAsync(RepairForm form, CancellationToken ct)
    {
        form.PropertyOptions = await PropertyOptionsAsync(form.PropertyId, ct);
        if (form.PropertyId is null && form.PropertyOptions.Count == 1)
        {
            form.PropertyId = Guid.Parse(form.PropertyOptions[0].Value);
        }

        if (form.PropertyId is { } pid && form.PropertyOptions.All(o => o.Value != pid.ToString()))
        {
            return false;
        }

        if (form.UnitId is { } uid)
        {
            var unit = await db.Units.AsNoTracking().Where(u => u.Id == uid).Select(u => new { u.Number, u.PropertyId, u.WarrantyUntil }).FirstOrDefaultAsync(ct);
            if (unit is null || unit.PropertyId != form.PropertyId)
            {
                return false;
            }

            form.UnitLabel = unit.Number;
            form.Location ??= unit.Number;
            form.WarrantyNote = unit.WarrantyUntil is { } w && w >= Today ? t["Repairs.InWarranty"] : t["Repairs.OutOfWarranty"];
        }

        if (form.CustomerId is { } custId && !await db.Customers.AnyAsync(c => c.Id == custId && c.PropertyId == form.PropertyId, ct))
        {
            return false;
        }

        form.CategoryOptions = await CategoryOptionsAsync(form.CategoryId, false, ct);
        form.TechnicianOptions = await TechnicianOptionsAsync(form.PropertyId, ct);
        return true;
    }

    private Task<IReadOnlyList<SelectListItem>> PropertyOptionsAsync(Guid? selected, CancellationToken ct) =>
        Features.Shared.CaseFilters.PropertyOptionsAsync(db, selected, ct);

    private async Task<IReadOnlyList<SelectListItem>> CategoryOptionsAsync(Guid? selected, bool includeInactive, CancellationToken ct) =>
        (await db.RepairCategories.AsNoTracking().Where(c => includeInactive || c.IsActive || c.Id == selected)
            .OrderBy(c => c.SortOrder).ThenBy(c => c.Name).Select(c => new { c.Id, c.Group, c.Name }).ToListAsync(ct))
            .Select(c => new SelectListItem(c.Group + " · " + c.Name, c.Id.ToString(), c.Id == selected)).ToList();

    private Task<IReadOnlyList<SelectListItem>> TechnicianOptionsAsync(Guid? propertyId, CancellationToken ct) =>
        staff.OptionsAsync(propertyId, ct, Roles.Technician);

    private async Task<bool> CanIntakeAsync() => (await authz.AuthorizeAsync(User, Policies.CaseIntake)).Succeeded;
}
