using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Callbacks;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Complaints;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Features.Notifications;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure.Idempotency;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Export;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Complaints;

/// <summary>
/// 投诉: intake (from a front-desk contact or directly), the register, the complaint page with its
/// clocks and timeline, and every step to closing. Each step loads the complaint and its clocks, calls
/// one domain method and saves once; notifications go out through the outbox in the same transaction.
/// Only the Manager approves a major complaint's plan; handing a complaint over needs a supervisor.
/// </summary>
[Authorize(Policy = Policies.CaseIntake)]
public sealed class ComplaintsController(
    PortalDbContext db, SlaSettings sla, Notifier notifier, Shared.StaffDirectory staff, Infrastructure.Storage.FileStore files, IAuthorizationService authz,
    IStringLocalizer<ComplaintsText> t, ILogger<ComplaintsController> logger) : PortalController
{
    public const int MaxExportRows = 50_000;

    public async Task<IActionResult> Index([FromQuery] ComplaintFilter filter, CancellationToken ct)
    {
        var query = Filtered(filter);
        var total = await query.CountAsync(ct);
        var paging = PageInfo.For(Request, Math.Clamp(filter.Page, 1, Math.Max(1, (total + PageInfo.DefaultSize - 1) / PageInfo.DefaultSize)), total);
        var rows = await Rows(query, paging.Skip, paging.PageSize).ToListAsync(ct);
        return View(new ComplaintList(filter, await PropertyOptionsAsync(filter.PropertyId, ct), await CategoryOptionsAsync(filter.CategoryId, true, ct),
            rows, paging, true));
    }

    /// <summary>The filtered register as .xlsx, same filters as the page.</summary>
    public async Task<IActionResult> Export([FromQuery] ComplaintFilter filter, CancellationToken ct)
    {
        var query = Filtered(filter);
        var count = await query.CountAsync(ct);
        if (count > MaxExportRows)
        {
            FlashError(t["Complaints.ExportTooLarge", count, MaxExportRows]);
            return RedirectToAction(nameof(Index), filter);
        }

        var rows = await Rows(query, 0, MaxExportRows).ToListAsync(ct);
        logger.LogInformation("User {User} exported {Count} complaints", User.Identity?.Name, rows.Count);
        string[] headers =
        [
            Shared["Field.Number"], Shared["Field.PropertyId"], Shared["Field.ReceivedAt"], Shared["Field.ComplainantName"], Shared["Field.Phone"],
            Shared["Field.ComplaintCategoryId"], Shared["Field.Tier"], Shared["Field.Status"], t["Complaints.Valid"], t["Complaints.Owner"], t["Complaints.NextDue"],
        ];
        var data = rows.Select(r => (IReadOnlyList<object?>)
        [
            r.Number, r.PropertyName, ViewHelpers.Time(r.ReceivedAt), r.ComplainantName, r.Phone, r.CategoryName,
            Shared.Enum(r.Tier), Shared.Enum(r.Status), r.IsValid ? t["Complaints.ValidYes"] : t["Complaints.ValidNo"], r.OwnerName, ViewHelpers.Time(r.NextDueAt),
        ]);
        return XlsxExport.File(t["Complaints.ExportName"], Today, t["Complaints.ExportName"], headers, data);
    }

    public async Task<IActionResult> Details(Guid id, CancellationToken ct)
    {
        var model = await LoadDetailsAsync(id, ct);
        return model is null ? NotFound() : View(model);
    }

    [HttpGet]
    public async Task<IActionResult> Create(Guid? contactId, Guid? unitId, Guid? customerId, Guid? propertyId, CancellationToken ct)
    {
        var form = new ComplaintForm { ContactId = contactId, UnitId = unitId, CustomerId = customerId, PropertyId = propertyId, ReceivedAt = PortalClock.ToLocal(UtcNow) };
        if (contactId is { } cid)
        {
            var contact = await db.Contacts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == cid, ct);
            if (contact is null)
            {
                return NotFound();
            }

            if (contact.ComplaintId is { } existing)
            {
                Flash(t["Complaints.ContactAlreadyComplaint"]);
                return RedirectToAction(nameof(Details), new { id = existing });
            }

            form.PropertyId = contact.PropertyId;
            form.UnitId = contact.UnitId;
            form.CustomerId = contact.CustomerId;
            form.ComplainantName = contact.Name;
            form.Phone = contact.Phone;
            form.Content = contact.Subject + (contact.Details is null ? "" : "\n" + contact.Details);
            form.ReceivedAt = PortalClock.ToLocal(contact.ReceivedAt);
            form.Channel = contact.Source == Domain.FrontDesk.ContactSource.Visit ? ComplaintChannel.Visit : ComplaintChannel.Phone;
        }

        if (form.CustomerId is { } custId && form.ComplainantName is null)
        {
            var customer = await db.Customers.AsNoTracking().Where(c => c.Id == custId).Select(c => new { c.Name, c.Phone, c.PropertyId }).FirstOrDefaultAsync(ct);
            if (customer is null)
            {
                return NotFound();
            }

            (form.ComplainantName, form.Phone, form.PropertyId) = (customer.Name, customer.Phone, customer.PropertyId);
        }

        if (form.PropertyId is null && form.UnitId is { } forUnit)
        {
            form.PropertyId = await db.Units.Where(u => u.Id == forUnit).Select(u => (Guid?)u.PropertyId).FirstOrDefaultAsync(ct);
        }

        return await WithOptionsAsync(form, ct) ? View(form) : NotFound();
    }

    [HttpPost]
    [Idempotent]
    public async Task<IActionResult> Create(ComplaintForm form, CancellationToken ct)
    {
        if (!await WithOptionsAsync(form, ct))
        {
            return NotFound();
        }

        var category = form.CategoryId is { } catId ? await db.ComplaintCategories.FirstOrDefaultAsync(c => c.Id == catId, ct) : null;
        if (form.CategoryId is not null && category is null)
        {
            ModelState.AddModelError(nameof(form.CategoryId), Shared["Error.NotFound"]);
        }

        Domain.FrontDesk.Contact? contact = null;
        if (form.ContactId is { } contactId)
        {
            contact = await db.Contacts.FirstOrDefaultAsync(c => c.Id == contactId, ct);
            if (contact is null)
            {
                return NotFound();
            }
        }

        if (!ModelState.IsValid)
        {
            return View(form);
        }

        var now = UtcNow;
        var actor = CurrentActor;
        var context = await sla.ContextForAsync(form.PropertyId!.Value, ct);
        var received = PortalClock.ToUtc(form.ReceivedAt!.Value);

        // 重复投诉: the same household, the same category, within the policy's window (30 days).
        var repeatOf = form.CustomerId is { } customerId
            ? await db.Complaints.Where(c => c.CustomerId == customerId && c.CategoryId == category!.Id && c.ReceivedAt >= received.AddDays(-context.Policy.RepeatWindowDays))
                .OrderByDescending(c => c.ReceivedAt).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct)
            : null;
        var supervisors = await notifier.SupervisorsOfAsync(form.PropertyId!.Value, ct);
        var managers = form.Tier == ComplaintTier.Major ? await notifier.ManagersOfAsync(form.PropertyId!.Value, ct) : [];

        Complaint? complaint = null;
        var ok = await TrySaveNumberedAsync(db, () => NextNumberAsync(form.PropertyId!.Value, now, ct), number =>
            {
                var clocks = new ClockSet([], context);
                complaint = Complaint.Open(number, new Complaint.Intake(
                    form.PropertyId!.Value, form.UnitId, form.CustomerId, form.ContactId, form.ComplainantName!, form.Phone, form.Location,
                    form.OccurredAt is { } occurred ? PortalClock.ToUtc(occurred) : null, form.Channel, category!, form.AgainstPerson, form.AgainstDepartment,
                    form.Content!, form.Demand, form.RequestedDeadline is { } deadline ? PortalClock.ToUtc(deadline) : null, form.WrittenReplyRequested,
                    form.Tier, form.OngoingHarm, received, repeatOf), actor, now, clocks);
                db.Complaints.Add(complaint);
                if (form.RepliedNow)
                {
                    complaint.RecordReply(form.Channel == ComplaintChannel.Visit ? ReplyChannel.InPerson : ReplyChannel.Phone, t["Complaints.RepliedOnTheSpot"], false, actor, now, clocks);
                }

                contact?.LinkComplaint(complaint.Id);
                db.SlaClocks.AddRange(clocks.Started);
                NotifyIntake(complaint, supervisors, managers);
            }, nameof(form.Content));
        if (!ok)
        {
            return View(form);
        }

        if (!ok)
        {
            return View(form);
        }

        logger.LogInformation("Complaint {Number} ({ComplaintId}) accepted by {User}, tier {Tier}", complaint!.Number, complaint.Id, actor.Name, complaint.Tier);
        Flash(t["Complaints.Accepted", complaint.Number]);
        return RedirectToAction(nameof(Details), new { id = complaint.Id });
    }

    [HttpPost]
    public Task<IActionResult> Reply(Guid id, ReplyForm form, CancellationToken ct) =>
        StepAsync(id, form.Version, (c, clocks, actor, now) => c.RecordReply(form.Channel, form.Text ?? "", form.Written, actor, now, clocks), "Complaints.ReplyRecorded", ct);

    /// <summary>The manager (major) or a supervisor (important) takes it up.</summary>
    [HttpPost]
    [Authorize(Policy = Policies.Supervision)]
    public async Task<IActionResult> Acknowledge(Guid id, int version, CancellationToken ct)
    {
        var tier = await db.Complaints.Where(c => c.Id == id).Select(c => (ComplaintTier?)c.Tier).FirstOrDefaultAsync(ct);
        if (tier == ComplaintTier.Major && !User.IsInRole(Roles.Manager))
        {
            return Forbid();
        }

        return await StepAsync(id, version, (c, clocks, actor, now) => c.AcknowledgeEscalation(actor, now, clocks), "Complaints.Acknowledged", ct);
    }

    [HttpPost]
    [Authorize(Policy = Policies.Supervision)]
    public async Task<IActionResult> Tier(Guid id, TierForm form, CancellationToken ct)
    {
        var propertyId = await db.Complaints.Where(c => c.Id == id).Select(c => (Guid?)c.PropertyId).FirstOrDefaultAsync(ct);
        var managers = form.Tier == ComplaintTier.Major && propertyId is { } pid ? await notifier.ManagersOfAsync(pid, ct) : [];
        return await StepAsync(id, form.Version, (c, clocks, actor, now) =>
        {
            c.ChangeTier(form.Tier, form.Reason ?? "", actor, now, clocks);
            NotifyTier(c, [], managers, c.Events.Count);
        }, "Complaints.TierChanged", ct);
    }

    [HttpPost]
    [Authorize(Policy = Policies.Supervision)]
    public Task<IActionResult> Invalid(Guid id, TextForm form, CancellationToken ct) =>
        StepAsync(id, form.Version, (c, clocks, actor, now) => c.MarkInvalid(form.Text ?? "", actor, now, clocks), "Complaints.MarkedInvalid", ct);

    [HttpPost]
    [Authorize(Policy = Policies.Supervision)]
    public Task<IActionResult> Valid(Guid id, TextForm form, CancellationToken ct) =>
        StepAsync(id, form.Version, (c, clocks, actor, now) => c.MarkValid(form.Text ?? "", actor, now, clocks), "Complaints.MarkedValid", ct);

    [HttpPost]
    public Task<IActionResult> StopHarm(Guid id, TextForm form, CancellationToken ct) =>
        StepAsync(id, form.Version, (c, _, actor, now) => c.StopHarm(form.Text ?? "", actor, now), "Complaints.HarmStopped", ct);

    [HttpPost]
    public async Task<IActionResult> Assign(Guid id, AssignForm form, CancellationToken ct)
    {
        var propertyId = await db.Complaints.Where(c => c.Id == id).Select(c => (Guid?)c.PropertyId).FirstOrDefaultAsync(ct);
        var people = await staff.OptionsAsync(propertyId, ct, Roles.All.ToArray());
        var name = people.FirstOrDefault(o => o.Value == form.HandlerId)?.Text;
        if (form.HandlerId is { Length: > 0 } && name is null)
        {
            ModelState.AddModelError(nameof(form.HandlerId), t["Complaints.NotStaff"]);
        }

        return await StepAsync(id, form.Version, (c, _, actor, now) =>
        {
            c.Assign(form.Department ?? "", form.HandlerId is { Length: > 0 } h ? h : null, name, form.Responsibility, actor, now);
            if (c.HandlerId is { } handler)
            {
                notifier.Enqueue($"complaint:{c.Id}:handler:{handler}:{c.Events.Count}", NotificationKinds.ComplaintAssigned, [c.Number], Link(c), c.PropertyId, [handler]);
            }
        }, "Complaints.AssignedRecorded", ct);
    }

    /// <summary>谁受理、谁跟进、谁回复: only a supervisor hands a complaint to someone else.</summary>
    [HttpPost]
    [Authorize(Policy = Policies.Supervision)]
    public async Task<IActionResult> Transfer(Guid id, TransferForm form, CancellationToken ct)
    {
        var propertyId = await db.Complaints.Where(c => c.Id == id).Select(c => (Guid?)c.PropertyId).FirstOrDefaultAsync(ct);
        var people = await staff.OptionsAsync(propertyId, ct, Roles.FrontDesk, Roles.Steward, Roles.Supervisor, Roles.Manager);
        var name = people.FirstOrDefault(o => o.Value == form.OwnerId)?.Text;
        if (name is null)
        {
            ModelState.AddModelError(nameof(form.OwnerId), t["Complaints.NotStaff"]);
        }

        return await StepAsync(id, form.Version, (c, clocks, actor, now) =>
        {
            c.TransferOwnership(form.OwnerId!, name!, form.Reason ?? "", actor, actor, now, clocks);
            notifier.Enqueue($"complaint:{c.Id}:owner:{c.OwnerId}:{c.Events.Count}", NotificationKinds.ComplaintAssigned, [c.Number], Link(c), c.PropertyId, [c.OwnerId]);
        }, "Complaints.Transferred", ct);
    }

    [HttpPost]
    public Task<IActionResult> Note(Guid id, TextForm form, CancellationToken ct) =>
        StepAsync(id, form.Version, (c, _, actor, now) => c.AddNote(form.Text ?? "", actor, now), "Complaints.NoteRecorded", ct);

    [HttpPost]
    public async Task<IActionResult> Plan(Guid id, TextForm form, CancellationToken ct)
    {
        var propertyId = await db.Complaints.Where(c => c.Id == id).Select(c => (Guid?)c.PropertyId).FirstOrDefaultAsync(ct);
        var managers = propertyId is { } pid ? await notifier.ManagersOfAsync(pid, ct) : [];
        return await StepAsync(id, form.Version, (c, clocks, actor, now) =>
        {
            c.ProposePlan(form.Text ?? "", actor, now, clocks);
            if (c.Status == ComplaintStatus.PlanPendingApproval)
            {
                notifier.Enqueue($"complaint:{c.Id}:plan:{c.Events.Count}", NotificationKinds.ComplaintPlanPending, [c.Number], Link(c), c.PropertyId, managers);
            }
        }, "Complaints.PlanRecorded", ct);
    }

    [HttpPost]
    [Authorize(Roles = Roles.Manager)]
    public Task<IActionResult> Approve(Guid id, TextForm form, CancellationToken ct) =>
        StepAsync(id, form.Version, (c, clocks, actor, now) =>
        {
            c.ApprovePlan(form.Text, actor, now, clocks);
            notifier.Enqueue($"complaint:{c.Id}:approved:{c.Events.Count}", NotificationKinds.ComplaintPlanDecided, [c.Number], Link(c), c.PropertyId, [c.OwnerId]);
        }, "Complaints.PlanApproved", ct);

    [HttpPost]
    [Authorize(Roles = Roles.Manager)]
    public Task<IActionResult> Return(Guid id, TextForm form, CancellationToken ct) =>
        StepAsync(id, form.Version, (c, clocks, actor, now) =>
        {
            c.ReturnPlan(form.Text ?? "", actor, now, clocks);
            notifier.Enqueue($"complaint:{c.Id}:returned:{c.Events.Count}", NotificationKinds.ComplaintPlanDecided, [c.Number], Link(c), c.PropertyId, [c.OwnerId]);
        }, "Complaints.PlanReturned", ct);

    [HttpPost]
    public Task<IActionResult> Agreement(Guid id, ReplyForm form, CancellationToken ct) =>
        StepAsync(id, form.Version, (c, clocks, actor, now) => c.RecordAgreement(form.Channel, form.Text, actor, now, clocks), "Complaints.AgreementRecorded", ct);

    [HttpPost]
    public Task<IActionResult> Resolve(Guid id, TextForm form, CancellationToken ct) =>
        StepAsync(id, form.Version, (c, clocks, actor, now) => c.Resolve(form.Text ?? "", actor, now, clocks), "Complaints.ResolvedRecorded", ct);

    [HttpPost]
    public Task<IActionResult> Result(Guid id, ReplyForm form, CancellationToken ct) =>
        StepAsync(id, form.Version, (c, clocks, actor, now) => c.NotifyResult(form.Channel, form.Text, actor, now, clocks), "Complaints.ResultRecorded", ct);

    [HttpPost]
    public Task<IActionResult> Close(Guid id, int version, CancellationToken ct) =>
        StepAsync(id, version, (c, clocks, actor, now) =>
        {
            if (c.Close(actor, now, clocks) is { } callback)
            {
                db.Callbacks.Add(callback);
                notifier.Enqueue($"callback:{callback.Id}:assigned", NotificationKinds.CallbackAssigned, [c.Number], $"/Callbacks/Details/{callback.Id}",
                    c.PropertyId, [callback.AssigneeId]);
            }
        }, "Complaints.ClosedRecorded", ct);

    /// <summary>调查取证: photos of what the complaint is about (stored outside the web root, served only within the property).</summary>
    [HttpPost]
    [RequestSizeLimit(64 * 1024 * 1024)]
    public async Task<IActionResult> AddPhotos(Guid id, List<IFormFile>? photos, CancellationToken ct)
    {
        var complaint = await db.Complaints.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (complaint is null)
        {
            return NotFound();
        }

        var (added, rejected) = await Features.Shared.PhotoUploads.AddAsync(db, files, nameof(Complaint), complaint.Id, complaint.PropertyId, photos ?? [], CurrentActor, UtcNow, ct);
        foreach (var name in rejected)
        {
            FlashError(t["Complaints.PhotoNotImage", name]);
        }

        await db.SaveChangesAsync(ct);
        if (added > 0)
        {
            Flash(t["Complaints.PhotosAdded", added]);
        }

        return RedirectToAction(nameof(Details), new { id });
    }

    /// <summary>A repair order opened from the complaint page: the repair form, prefilled, remembering the complaint.</summary>
    public async Task<IActionResult> Repair(Guid id, CancellationToken ct)
    {
        var c = await db.Complaints.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        return c is null
            ? NotFound()
            : RedirectToAction("Create", "Repairs", new { unitId = c.UnitId, customerId = c.CustomerId, propertyId = c.PropertyId, complaintId = c.Id });
    }

    private void NotifyIntake(Complaint c, IReadOnlyList<string> supervisors, IReadOnlyList<string> managers)
    {
        NotifyTier(c, supervisors, managers, 0);
        if (c.IsRepeat)
        {
            notifier.Enqueue($"complaint:{c.Id}:repeat", NotificationKinds.ComplaintRepeat, [c.Number, c.ComplainantName], Link(c), c.PropertyId, supervisors);
        }

        if (c.OngoingHarm)
        {
            notifier.Enqueue($"complaint:{c.Id}:harm", NotificationKinds.ComplaintHarm, [c.Number], Link(c), c.PropertyId, supervisors);
        }
    }

    /// <summary>重大 → the managers at once; 重要 → the property's supervisors (the department heads) at once.</summary>
    private void NotifyTier(Complaint c, IReadOnlyList<string> supervisors, IReadOnlyList<string> managers, int step)
    {
        if (c.Tier == ComplaintTier.Major)
        {
            notifier.Enqueue($"complaint:{c.Id}:major:{step}", NotificationKinds.ComplaintEscalated, [c.Number, Shared.Enum(c.Tier)], Link(c), c.PropertyId, managers);
        }
        else if (c.Tier == ComplaintTier.Important)
        {
            notifier.Enqueue($"complaint:{c.Id}:important:{step}", NotificationKinds.ComplaintEscalated, [c.Number, Shared.Enum(c.Tier)], Link(c), c.PropertyId, supervisors);
        }
    }

    private static string Link(Complaint c) => $"/Complaints/Details/{c.Id}";

    /// <summary>The domain writes channels and tiers into notes by their code names; people read them in their language.</summary>
    private string? Readable(ComplaintEventKind kind, string? note)
    {
        if (note is null)
        {
            return null;
        }

        if (kind is ComplaintEventKind.Replied or ComplaintEventKind.CustomerAgreed or ComplaintEventKind.ResultNotified)
        {
            foreach (var channel in Enum.GetValues<ReplyChannel>())
            {
                if (note.StartsWith(channel.ToString(), StringComparison.Ordinal))
                {
                    return Shared.Enum(channel) + note[channel.ToString().Length..];
                }
            }
        }

        if (kind == ComplaintEventKind.Retiered)
        {
            foreach (var tier in Enum.GetValues<ComplaintTier>())
            {
                note = note.Replace(tier + " ", Shared.Enum(tier) + " ", StringComparison.Ordinal).Replace(" " + tier + ":", " " + Shared.Enum(tier) + ":", StringComparison.Ordinal);
            }
        }

        return note;
    }

    private async Task<IActionResult> StepAsync(Guid id, int version, Action<Complaint, ClockSet, Actor, DateTime> change, string doneKey, CancellationToken ct)
    {
        var complaint = await db.Complaints.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (complaint is null)
        {
            return NotFound();
        }

        var back = RedirectToAction(nameof(Details), new { id });
        if (!ModelState.IsValid)
        {
            FlashError(ModelStateErrors());
            return back;
        }

        ExpectVersion(db, complaint, version);
        var callbackIds = await db.Callbacks.Where(c => c.ComplaintId == id).Select(c => c.Id).ToListAsync(ct);
        var clocks = new ClockSet(
            await db.SlaClocks.Where(c => c.SubjectId == id || callbackIds.Contains(c.SubjectId)).OrderBy(c => c.StartedAt).ToListAsync(ct),
            await sla.ContextForAsync(complaint.PropertyId, ct));
        var actor = CurrentActor;
        var now = UtcNow;
        if (await TrySaveAsync(db, () =>
            {
                change(complaint, clocks, actor, now);
                db.SlaClocks.AddRange(clocks.Started);
            }))
        {
            logger.LogInformation("Complaint {Number} now {Status} after {Action} by {User}", complaint.Number, complaint.Status, doneKey, actor.Name);
            Flash(t[doneKey, complaint.Number]);
        }
        else
        {
            FlashError(ModelStateErrors());
        }

        return back;
    }

    private async Task<ComplaintDetails?> LoadDetailsAsync(Guid id, CancellationToken ct)
    {
        var c = await db.Complaints.AsNoTracking().Include(x => x.Events).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
        {
            return null;
        }

        var propertyName = await db.Properties.Where(p => p.Id == c.PropertyId).Select(p => p.Name).FirstAsync(ct);
        var category = await db.ComplaintCategories.Where(x => x.Id == c.CategoryId).Select(x => x.Name).FirstOrDefaultAsync(ct) ?? "";
        var unit = c.UnitId is { } uid ? await db.Units.Where(u => u.Id == uid).Select(u => u.Number).FirstOrDefaultAsync(ct) : null;
        var clocks = await db.SlaClocks.AsNoTracking().Where(k => k.SubjectId == id).OrderBy(k => k.StartedAt).ThenBy(k => k.Milestone).ToListAsync(ct);
        var slaEvents = await db.SlaEvents.AsNoTracking().Where(e => e.SubjectId == id).ToListAsync(ct);
        var userIds = clocks.Select(k => k.AssigneeId).OfType<string>().Distinct().ToList();
        var names = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var now = UtcNow;
        var repairs = (await db.RepairOrders.AsNoTracking().Where(o => o.ComplaintId == id).OrderBy(o => o.ReceivedAt)
                .Select(o => new { o.Id, o.Number, o.Status }).ToListAsync(ct))
            .Select(o => (o.Id, o.Number, Shared.Enum(o.Status))).ToList();
        var callbackId = await db.Callbacks.Where(x => x.ComplaintId == id).OrderByDescending(x => x.CreatedAt).Select(x => (Guid?)x.Id).FirstOrDefaultAsync(ct);
        var timeline = c.Events
            .Select(e => new Repairs.TimelineEntry(e.At, e.ActorName, Shared.Enum(e.Kind), e.Note is "backdated" ? t["Complaints.Backdated"] : Readable(e.Kind, e.Note),
                e.Kind is ComplaintEventKind.Reopened or ComplaintEventKind.MarkedInvalid ? "text-danger" : ""))
            .Concat(slaEvents.Select(e => new Repairs.TimelineEntry(e.FiredAt, t["Complaints.System"], $"{Shared.Enum(e.Milestone)} · {Shared.Enum(e.Kind)}", null,
                e.Kind == SlaEventKind.Warning ? "text-warning-emphasis" : "text-danger")))
            .OrderByDescending(e => e.At)
            .ToList();
        var supervise = (await authz.AuthorizeAsync(User, Policies.Supervision)).Succeeded;
        var photos = await db.Attachments.AsNoTracking().Where(a => a.OwnerType == nameof(Complaint) && a.OwnerId == id).OrderBy(a => a.UploadedAt).ToListAsync(ct);
        return new ComplaintDetails(c, propertyName, category, unit, now, photos,
            clocks.Select(k => Repairs.ClockView.From(k, now, names)).ToList(), timeline, repairs, callbackId,
            await staff.OptionsAsync(c.PropertyId, ct, Roles.FrontDesk, Roles.Steward, Roles.Supervisor, Roles.Manager, Roles.Technician),
            true, supervise, User.IsInRole(Roles.Manager), c.OwnerId == CurrentActor.UserId);
    }

    private IQueryable<Complaint> Filtered(ComplaintFilter f)
    {
        var query = db.Complaints.AsNoTracking();
        if (f.PropertyId is { } pid)
        {
            query = query.Where(c => c.PropertyId == pid);
        }

        if (f.Status is { } status)
        {
            query = query.Where(c => c.Status == status);
        }

        if (f.Open)
        {
            query = query.Where(c => c.Status != ComplaintStatus.Closed);
        }

        if (f.Tier is { } tier)
        {
            query = query.Where(c => c.Tier == tier);
        }

        if (f.CategoryId is { } cat)
        {
            query = query.Where(c => c.CategoryId == cat);
        }

        var (fromUtc, toUtc) = Features.Shared.CaseFilters.ReceivedRange(f.From, f.To);
        if (fromUtc is { } fromAt)
        {
            query = query.Where(c => c.ReceivedAt >= fromAt);
        }

        if (toUtc is { } toAt)
        {
            query = query.Where(c => c.ReceivedAt < toAt);
        }

        if (f.Overdue)
        {
            var now = UtcNow;
            query = query.Where(c => db.SlaClocks.Any(k => k.SubjectId == c.Id && k.State == SlaClockState.Running && k.DueAt < now));
        }

        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var q = f.Q.Trim();
            query = query.Where(c => c.Number == q.ToUpperInvariant() || c.Phone == q || c.ComplainantName == q || c.Content.Contains(q));
        }

        return query;
    }

    /// <summary>One page, cut from the complaints alone before names and due times are joined (ADR 0013).</summary>
    private IQueryable<ComplaintRow> Rows(IQueryable<Complaint> query, int skip, int take)
    {
        var now = UtcNow;
        var page = query.OrderByDescending(c => c.ReceivedAt).ThenByDescending(c => c.Number).Skip(skip).Take(take);
        return from c in page
               join p in db.Properties on c.PropertyId equals p.Id
               join k in db.ComplaintCategories on c.CategoryId equals k.Id
               orderby c.ReceivedAt descending, c.Number descending
               let next = db.SlaClocks.Where(x => x.SubjectId == c.Id && x.State == SlaClockState.Running).Min(x => (DateTime?)x.DueAt)
               select new ComplaintRow(c.Id, c.Number, p.Name, c.ReceivedAt, c.ComplainantName, c.Phone, k.Name, c.Tier, c.Status, c.IsValid,
                   c.OngoingHarm && c.HarmStoppedAt == null, c.IsRepeat, c.OwnerName, next, next != null && next < now);
    }

    private Task<string> NextNumberAsync(Guid propertyId, DateTime nowUtc, CancellationToken ct) =>
        Features.Shared.CaseNumbers.NextAsync(db.Complaints.IgnoreQueryFilters().Where(c => c.PropertyId == propertyId).Select(c => c.Number), "TS", nowUtc, ct);

    private async Task<bool> WithOptionsAsync(ComplaintForm form, CancellationToken ct)
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
            var unit = await db.Units.AsNoTracking().Where(u => u.Id == uid).Select(u => new { u.Number, u.PropertyId }).FirstOrDefaultAsync(ct);
            if (unit is null || (form.PropertyId is { } p && unit.PropertyId != p))
            {
                return false;
            }

            form.UnitLabel = unit.Number;
            form.Location ??= unit.Number;
        }

        form.CategoryOptions = await CategoryOptionsAsync(form.CategoryId, false, ct);
        return true;
    }

    private Task<IReadOnlyList<SelectListItem>> PropertyOptionsAsync(Guid? selected, CancellationToken ct) =>
        Features.Shared.CaseFilters.PropertyOptionsAsync(db, selected, ct);

    private async Task<IReadOnlyList<SelectListItem>> CategoryOptionsAsync(Guid? selected, bool includeInactive, CancellationToken ct) =>
        (await db.ComplaintCategories.AsNoTracking().Where(c => includeInactive || c.IsActive || c.Id == selected)
            .OrderBy(c => c.SortOrder).ThenBy(c => c.Name).Select(c => new { c.Id, c.Name }).ToListAsync(ct))
            .Select(c => new SelectListItem(c.Name, c.Id.ToString(), c.Id == selected)).ToList();
}
