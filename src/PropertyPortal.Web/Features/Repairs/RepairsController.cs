using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.Web.Features.Shared;
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
/// 报修: the register, the order page, intake and every transition, and the technician's phone page. Each
/// action binds, calls one feature method (<see cref="RepairPages"/>, <see cref="RepairIntake"/>,
/// <see cref="RepairSteps"/>) and redirects; clocks and notifications go through the case seam.
/// </summary>
[Authorize(Policy = Policies.RepairWork)]
public sealed class RepairsController(
    RepairPages pages, RepairIntake intake, RepairSteps steps, PortalDbContext db, FileStore files, IStringLocalizer<RepairsText> t,
    ILogger<RepairsController> logger) : PortalController
{
    public async Task<IActionResult> Index([FromQuery] RepairFilter filter, CancellationToken ct) =>
        View(await pages.ListAsync(filter, Request, await CanIntakeAsync(), ct));

    /// <summary>The filtered register as .xlsx, same filters as the page.</summary>
    public async Task<IActionResult> Export([FromQuery] RepairFilter filter, CancellationToken ct)
    {
        var query = pages.Filtered(filter);
        var count = await query.CountAsync(ct);
        if (count > CaseFilters.MaxExportRows)
        {
            FlashError(t["Repairs.ExportTooLarge", count, CaseFilters.MaxExportRows]);
            return RedirectToAction(nameof(Index), filter);
        }

        var rows = await pages.Rows(query, 0, CaseFilters.MaxExportRows).ToListAsync(ct);
        logger.LogInformation("User {User} exported {Count} repair orders", User.Identity?.Name, rows.Count);
        string[] headers =
        [
            Shared["Field.CaseNumber"], Shared["Field.PropertyId"], Shared["Field.ReceivedAt"], Shared["Field.ReporterName"], Shared["Field.Phone"],
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

    /// <summary>Orders dispatched to me, most urgent clock first: the technician's phone page.</summary>
    public async Task<IActionResult> Mine(CancellationToken ct) => View(await pages.MineAsync(CurrentActor.UserId, ct));

    public async Task<IActionResult> Details(Guid id, CancellationToken ct) =>
        await pages.DetailsAsync(id, await CanIntakeAsync(), CurrentActor.UserId, ct) is { } model ? View(model) : NotFound();

    [HttpGet]
    [Authorize(Policy = Policies.CaseIntake)]
    public async Task<IActionResult> Create(Guid? contactId, Guid? unitId, Guid? customerId, Guid? propertyId, Guid? complaintId, CancellationToken ct)
    {
        var (form, orderedAlready) = await pages.NewFormAsync(contactId, unitId, customerId, propertyId, complaintId, ct);
        if (orderedAlready is { } existing)
        {
            Flash(t["Repairs.ContactAlreadyOrdered"]);
            return RedirectToAction(nameof(Details), new { id = existing });
        }

        return form is null ? NotFound() : View("Create", form);
    }

    [HttpPost]
    [Idempotent]
    [Authorize(Policy = Policies.CaseIntake)]
    [RequestSizeLimit(64 * 1024 * 1024)]
    public async Task<IActionResult> Create(RepairForm form, CancellationToken ct)
    {
        var result = await intake.OpenAsync(form, !ModelState.IsValid, CurrentActor, ct);
        return Opened(result, "Create", form, number => t["Repairs.Accepted", number]);
    }

    [HttpPost]
    [Authorize(Policy = Policies.CaseIntake)]
    public async Task<IActionResult> Dispatch(Guid id, DispatchForm form, CancellationToken ct) =>
        Done(await steps.DispatchAsync(Step(id, form.Version), form.TechnicianId, ct), "Repairs.Dispatched", id);

    [HttpPost]
    public async Task<IActionResult> PhoneReply(Guid id, NoteForm form, CancellationToken ct) =>
        Done(await steps.PhoneReplyAsync(Step(id, form.Version), form.Note, await CanIntakeAsync(), ct), "Repairs.PhoneReplied", id);

    [HttpPost]
    public async Task<IActionResult> OnSite(Guid id, int version, string? returnTo, CancellationToken ct) =>
        Done(await steps.OnSiteAsync(Step(id, version), await CanIntakeAsync(), ct), "Repairs.OnSiteRecorded", id, returnTo);

    [HttpPost]
    public async Task<IActionResult> Complete(Guid id, CompleteForm form, string? returnTo, CancellationToken ct) =>
        Done(await steps.CompleteAsync(Step(id, form.Version), form, await CanIntakeAsync(), ct), "Repairs.DoneRecorded", id, returnTo);

    [HttpPost]
    [Authorize(Policy = Policies.CaseIntake)]
    public async Task<IActionResult> Cancel(Guid id, NoteForm form, CancellationToken ct) =>
        Done(await steps.CancelAsync(Step(id, form.Version), form.Note, ct), "Repairs.CancelledRecorded", id);

    [HttpPost]
    [Authorize(Policy = Policies.CaseIntake)]
    public async Task<IActionResult> Reopen(Guid id, NoteForm form, CancellationToken ct) =>
        Done(await steps.ReopenAsync(Step(id, form.Version), form.Note, ct), "Repairs.ReopenedRecorded", id);

    /// <summary>催单: recorded on the order; the technician and the property's supervisors are told.</summary>
    [HttpPost]
    [Authorize(Policy = Policies.CaseIntake)]
    public async Task<IActionResult> Chase(Guid id, NoteForm form, CancellationToken ct) =>
        Done(await steps.ChaseAsync(Step(id, form.Version), form.Note, ct), "Repairs.ChaseRecorded", id);

    [HttpPost]
    [Authorize(Policy = Policies.CaseIntake)]
    public async Task<IActionResult> Appointment(Guid id, AppointmentForm form, CancellationToken ct) =>
        Done(await steps.AppointmentAsync(Step(id, form.Version), form.AppointmentAt, ct), "Repairs.AppointmentRecorded", id);

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

        var (added, rejected) = await PhotoUploads.AddAsync(db, files, nameof(RepairOrder), order.Id, order.PropertyId, photos ?? [], CurrentActor, UtcNow, ct);
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

    /// <summary>Back to the order (or the technician's page it was posted from) with what happened.</summary>
    private IActionResult Done(StepResult result, string doneKey, Guid id, string? returnTo = null) =>
        Outcome(result, r => t[doneKey, r.Number!], returnTo == "mine" ? RedirectToAction(nameof(Mine)) : RedirectToAction(nameof(Details), new { id }));

    private Task<bool> CanIntakeAsync() => CanAsync(Policies.CaseIntake);
}
