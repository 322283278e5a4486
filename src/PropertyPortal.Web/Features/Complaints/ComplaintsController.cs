using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Complaints;
using PropertyPortal.Web.Features.Shared;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure.Idempotency;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Export;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Storage;

namespace PropertyPortal.Web.Features.Complaints;

/// <summary>
/// 投诉: the register, the complaint page, intake and every step to closing. Each action binds, calls one
/// feature method (<see cref="ComplaintPages"/>, <see cref="ComplaintIntake"/>, <see cref="ComplaintSteps"/>) and
/// redirects; clocks and notifications go through the case seam. Only the Manager approves a major complaint's
/// plan; handing a complaint over needs a supervisor.
/// </summary>
[Authorize(Policy = Policies.CaseIntake)]
public sealed class ComplaintsController(
    ComplaintPages pages, ComplaintIntake intake, ComplaintSteps steps, PortalDbContext db, FileStore files, IStringLocalizer<ComplaintsText> t,
    ILogger<ComplaintsController> logger) : PortalController
{
    public async Task<IActionResult> Index([FromQuery] ComplaintFilter filter, CancellationToken ct) => View(await pages.ListAsync(filter, Request, ct));

    /// <summary>The filtered register as .xlsx, same filters as the page.</summary>
    public async Task<IActionResult> Export([FromQuery] ComplaintFilter filter, CancellationToken ct)
    {
        var query = pages.Filtered(filter);
        var count = await query.CountAsync(ct);
        if (count > CaseFilters.MaxExportRows)
        {
            FlashError(t["Complaints.ExportTooLarge", count, CaseFilters.MaxExportRows]);
            return RedirectToAction(nameof(Index), filter);
        }

        var rows = await pages.Rows(query, 0, CaseFilters.MaxExportRows).ToListAsync(ct);
        logger.LogInformation("User {User} exported {Count} complaints", User.Identity?.Name, rows.Count);
        string[] headers =
        [
            Shared["Field.CaseNumber"], Shared["Field.PropertyId"], Shared["Field.ReceivedAt"], Shared["Field.ComplainantName"], Shared["Field.Phone"],
            Shared["Field.ComplaintCategoryId"], Shared["Field.Tier"], Shared["Field.Status"], t["Complaints.Valid"], t["Complaints.Owner"], t["Complaints.NextDue"],
        ];
        var data = rows.Select(r => (IReadOnlyList<object?>)
        [
            r.Number, r.PropertyName, ViewHelpers.Time(r.ReceivedAt), r.ComplainantName, r.Phone, r.CategoryName,
            Shared.Enum(r.Tier), Shared.Enum(r.Status), r.IsValid ? t["Complaints.ValidYes"] : t["Complaints.ValidNo"], r.OwnerName, ViewHelpers.Time(r.NextDueAt),
        ]);
        return XlsxExport.File(t["Complaints.ExportName"], Today, t["Complaints.ExportName"], headers, data);
    }

    public async Task<IActionResult> Details(Guid id, CancellationToken ct) =>
        await pages.DetailsAsync(id, await CanAsync(Policies.Supervision), User.IsInRole(Roles.Manager), CurrentActor.UserId, ct) is { } model
            ? View(model)
            : NotFound();

    [HttpGet]
    public async Task<IActionResult> Create(Guid? contactId, Guid? unitId, Guid? customerId, Guid? propertyId, CancellationToken ct)
    {
        var (form, complaintAlready) = await pages.NewFormAsync(contactId, unitId, customerId, propertyId, ct);
        if (complaintAlready is { } existing)
        {
            Flash(t["Complaints.ContactAlreadyComplaint"]);
            return RedirectToAction(nameof(Details), new { id = existing });
        }

        return form is null ? NotFound() : View(form);
    }

    [HttpPost]
    [Idempotent]
    public async Task<IActionResult> Create(ComplaintForm form, CancellationToken ct)
    {
        var result = await intake.OpenAsync(form, !ModelState.IsValid, CurrentActor, ct);
        return Opened(result, null, form, number => t["Complaints.Accepted", number]);
    }

    [HttpPost]
    public async Task<IActionResult> Reply(Guid id, ReplyForm form, CancellationToken ct) =>
        Done(await steps.ReplyAsync(Step(id, form.Version), form, ct), "Complaints.ReplyRecorded", id);

    /// <summary>The manager (major) or a supervisor (important) takes it up.</summary>
    [HttpPost]
    [Authorize(Policy = Policies.Supervision)]
    public async Task<IActionResult> Acknowledge(Guid id, int version, CancellationToken ct) =>
        Done(await steps.AcknowledgeAsync(Step(id, version), User.IsInRole(Roles.Manager), ct), "Complaints.Acknowledged", id);

    [HttpPost]
    [Authorize(Policy = Policies.Supervision)]
    public async Task<IActionResult> Tier(Guid id, TierForm form, CancellationToken ct) =>
        Done(await steps.TierAsync(Step(id, form.Version), form, ct), "Complaints.TierChanged", id);

    [HttpPost]
    [Authorize(Policy = Policies.Supervision)]
    public async Task<IActionResult> Invalid(Guid id, TextForm form, CancellationToken ct) =>
        Done(await steps.InvalidAsync(Step(id, form.Version), form.Text, ct), "Complaints.MarkedInvalid", id);

    [HttpPost]
    [Authorize(Policy = Policies.Supervision)]
    public async Task<IActionResult> Valid(Guid id, TextForm form, CancellationToken ct) =>
        Done(await steps.ValidAsync(Step(id, form.Version), form.Text, ct), "Complaints.MarkedValid", id);

    [HttpPost]
    public async Task<IActionResult> StopHarm(Guid id, TextForm form, CancellationToken ct) =>
        Done(await steps.StopHarmAsync(Step(id, form.Version), form.Text, ct), "Complaints.HarmStopped", id);

    [HttpPost]
    public async Task<IActionResult> Assign(Guid id, AssignForm form, CancellationToken ct) =>
        Done(await steps.AssignAsync(Step(id, form.Version), form, ct), "Complaints.AssignedRecorded", id);

    /// <summary>谁受理、谁跟进、谁回复: only a supervisor hands a complaint to someone else.</summary>
    [HttpPost]
    [Authorize(Policy = Policies.Supervision)]
    public async Task<IActionResult> Transfer(Guid id, TransferForm form, CancellationToken ct) =>
        Done(await steps.TransferAsync(Step(id, form.Version), form, ct), "Complaints.Transferred", id);

    [HttpPost]
    public async Task<IActionResult> Note(Guid id, TextForm form, CancellationToken ct) =>
        Done(await steps.NoteAsync(Step(id, form.Version), form.Text, ct), "Complaints.NoteRecorded", id);

    [HttpPost]
    public async Task<IActionResult> Plan(Guid id, TextForm form, CancellationToken ct) =>
        Done(await steps.PlanAsync(Step(id, form.Version), form.Text, ct), "Complaints.PlanRecorded", id);

    [HttpPost]
    [Authorize(Roles = Roles.Manager)]
    public async Task<IActionResult> Approve(Guid id, TextForm form, CancellationToken ct) =>
        Done(await steps.ApproveAsync(Step(id, form.Version), form.Text, ct), "Complaints.PlanApproved", id);

    [HttpPost]
    [Authorize(Roles = Roles.Manager)]
    public async Task<IActionResult> Return(Guid id, TextForm form, CancellationToken ct) =>
        Done(await steps.ReturnAsync(Step(id, form.Version), form.Text, ct), "Complaints.PlanReturned", id);

    [HttpPost]
    public async Task<IActionResult> Agreement(Guid id, ReplyForm form, CancellationToken ct) =>
        Done(await steps.AgreementAsync(Step(id, form.Version), form, ct), "Complaints.AgreementRecorded", id);

    [HttpPost]
    public async Task<IActionResult> Resolve(Guid id, TextForm form, CancellationToken ct) =>
        Done(await steps.ResolveAsync(Step(id, form.Version), form.Text, ct), "Complaints.ResolvedRecorded", id);

    [HttpPost]
    public async Task<IActionResult> Result(Guid id, ReplyForm form, CancellationToken ct) =>
        Done(await steps.ResultAsync(Step(id, form.Version), form, ct), "Complaints.ResultRecorded", id);

    [HttpPost]
    public async Task<IActionResult> Close(Guid id, int version, CancellationToken ct) =>
        Done(await steps.CloseAsync(Step(id, version), ct), "Complaints.ClosedRecorded", id);

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

        var (added, rejected) = await PhotoUploads.AddAsync(db, files, nameof(Complaint), complaint.Id, complaint.PropertyId, photos ?? [], CurrentActor, UtcNow, ct);
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

    /// <summary>Back to the complaint with what happened.</summary>
    private IActionResult Done(StepResult result, string doneKey, Guid id) =>
        Outcome(result, r => t[doneKey, r.Number!], RedirectToAction(nameof(Details), new { id }));
}
