using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Community;
using PropertyPortal.Web.Features.Shared;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure.Export;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Storage;

namespace PropertyPortal.Web.Features.Events;

/// <summary>
/// 社区活动: the register, an event's page and its plan form, every step from proposal to the approved evaluation, the
/// invitation list, the record and the A4 forms (策划表, 记录表, 评估表). Each action binds, calls one feature method
/// (<see cref="EventPages"/>, <see cref="EventIntake"/>, <see cref="EventSteps"/>) and redirects.
/// </summary>
[Authorize(Policy = Policies.Events)]
public sealed class EventsController(
    EventPages pages, EventIntake intake, EventSteps steps, PortalDbContext db, FileStore files, IStringLocalizer<EventsText> t,
    ILogger<EventsController> logger) : PortalController
{
    public async Task<IActionResult> Index([FromQuery] EventFilter filter, CancellationToken ct) => View(await pages.ListAsync(filter, Request, ct));

    /// <summary>The filtered register as .xlsx, same filters as the page.</summary>
    public async Task<IActionResult> Export([FromQuery] EventFilter filter, CancellationToken ct)
    {
        var rows = await pages.Rows(pages.Filtered(filter), 0, CaseFilters.MaxExportRows).ToListAsync(ct);
        logger.LogInformation("User {User} exported {Count} community events", User.Identity?.Name, rows.Count);
        string[] headers =
        [
            Shared["Field.CaseNumber"], Shared["Field.PropertyId"], Shared["Field.Theme"], Shared["Field.Format"], Shared["Field.StartsAt"], Shared["Field.Place"],
            Shared["Field.PublicWelfare"], Shared["Field.ExpectedAttendance"], Shared["Field.ActualAttendance"], Shared["Field.Status"], t["Events.NextDue"],
        ];
        var data = rows.Select(r => (IReadOnlyList<object?>)
        [
            r.Number, r.PropertyName, r.Theme, r.Format, ViewHelpers.Time(r.StartsAt), r.Place, r.PublicWelfare ? t["Events.Yes"].Value : "",
            r.ExpectedAttendance, r.ActualAttendance, Shared.Enum(r.Status), ViewHelpers.Time(r.NextDueAt),
        ]);
        return XlsxExport.File(t["Events.ExportName"], Today, t["Events.ExportName"], headers, data);
    }

    public async Task<IActionResult> Details(Guid id, CancellationToken ct) =>
        await pages.DetailsAsync(id, await CanAsync(Policies.EventReview), User.IsInRole(Roles.Manager), Decider, ct) is { } model ? View(model) : NotFound();

    [HttpGet]
    public async Task<IActionResult> Create(Guid? propertyId, Guid? planRowId, CancellationToken ct) =>
        await pages.NewFormAsync(propertyId, planRowId, ct) is { } form ? View("Plan", form) : NotFound();

    [HttpPost]
    public async Task<IActionResult> Create(EventForm form, CancellationToken ct)
    {
        var result = await intake.OpenAsync(form, !ModelState.IsValid, CurrentActor, ct);
        return Opened(result, "Plan", form, number => t[form.PlanRowId is null ? "Events.Proposed" : "Events.Created", number]);
    }

    [HttpGet]
    public async Task<IActionResult> Edit(Guid id, CancellationToken ct) =>
        await pages.EditFormAsync(id, ct) is { } form ? View("Plan", form) : NotFound();

    [HttpPost]
    public async Task<IActionResult> Edit(Guid id, EventForm form, CancellationToken ct)
    {
        var saved = await pages.EditFormAsync(id, ct);
        if (saved is null)
        {
            return NotFound();
        }

        (form.EventId, form.Number, form.PropertyId, form.PlanRowId) = (id, saved.Number, saved.PropertyId, saved.PlanRowId);
        await pages.WithOptionsAsync(form, ct);
        var result = await steps.EditPlanAsync(Step(id, form.Version), form, ct);
        if (result.Status is StepStatus.NotFound or StepStatus.Forbidden)
        {
            return Outcome(result, _ => "", RedirectToAction(nameof(Details), new { id }));
        }

        if (!Saved(result))
        {
            return View("Plan", form);
        }

        Flash(t["Events.PlanSaved", result.Number!]);
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpPost]
    public async Task<IActionResult> ApproveProposal(Guid id, int version, CancellationToken ct) =>
        Done(await steps.ApproveProposalAsync(Step(id, version), User.IsInRole(Roles.Manager), ct), "Events.ProposalApproved", id);

    [HttpPost]
    public async Task<IActionResult> MarkFilled(Guid id, int version, CancellationToken ct) =>
        Done(await steps.MarkFilledAsync(Step(id, version), ct), "Events.PlanFilled", id);

    [HttpPost]
    [Authorize(Policy = Policies.EventReview)]
    public async Task<IActionResult> Submit(Guid id, EventNoteForm form, CancellationToken ct) =>
        Done(await steps.SubmitAsync(Step(id, form.Version), form.DecisionNote, ct), "Events.Submitted", id);

    [HttpPost]
    public async Task<IActionResult> Return(Guid id, EventNoteForm form, CancellationToken ct) =>
        Done(await steps.ReturnAsync(Step(id, form.Version), form.DecisionNote, await CanAsync(Policies.EventReview), Decider, ct), "Events.Returned", id);

    [HttpPost]
    [Authorize(Policy = Policies.EventDecision)]
    public async Task<IActionResult> Approve(Guid id, EventNoteForm form, CancellationToken ct) =>
        Done(await steps.ApproveAsync(Step(id, form.Version), form.DecisionNote, Decider, ct), "Events.Approved", id);

    [HttpPost]
    public async Task<IActionResult> PoliceReport(Guid id, PoliceReportForm form, CancellationToken ct) =>
        Done(await steps.PoliceReportAsync(Step(id, form.Version), form, ct), "Events.PoliceReported", id);

    [HttpPost]
    public async Task<IActionResult> Readiness(Guid id, ReadinessForm form, CancellationToken ct) =>
        Done(await steps.ReadinessAsync(Step(id, form.Version), form, ct), "Events.ReadinessSaved", id);

    /// <summary>The invitation list: who was invited, replies and check-ins; prints on A4 for the stewards.</summary>
    public async Task<IActionResult> Invitations(Guid id, CancellationToken ct) =>
        await pages.InvitationsAsync(id, null, Permissions, ct) is { } model ? View(model) : NotFound();

    [HttpPost]
    public async Task<IActionResult> Invite(Guid id, InviteForm form, CancellationToken ct)
    {
        var result = await steps.InviteAsync(Step(id, form.Version), form.Audience, ct);
        return Outcome(result, r => t["Events.InvitationsMade", r.Number!], RedirectToAction(nameof(Invitations), new { id }));
    }

    /// <summary>The invitation list as .xlsx.</summary>
    public async Task<IActionResult> InvitationsExport(Guid id, CancellationToken ct)
    {
        if (await pages.InvitationsAsync(id, null, Permissions, ct) is not { } list)
        {
            return NotFound();
        }

        string[] headers = [Shared["Field.BuildingId"], Shared["Field.UnitId"], Shared["Field.CustomerId"], Shared["Field.Phone"], Shared["Field.Reply"], Shared["Field.People"], t["Events.Attended"]];
        var data = list.Rows.Select(r => (IReadOnlyList<object?>)
        [
            r.Building, r.Unit, r.CustomerName, r.Phone, Shared.Enum(r.Reply), r.People, r.AttendedAt is null ? "" : t["Events.Yes"].Value,
        ]);
        return XlsxExport.File($"{t["Events.InvitationsExportName"]}-{list.Event.Number}", Today, list.Event.Number, headers, data);
    }

    /// <summary>A household's reply taken at the desk (<paramref name="id"/> is the invitation's).</summary>
    [HttpPost]
    public async Task<IActionResult> Reply(Guid id, ReplyForm form, CancellationToken ct)
    {
        var result = await steps.ReplyAsync(id, form, Step(id, form.Version), ct);
        return Outcome(result, _ => t["Events.ReplySaved"], result.CaseId is { } e ? RedirectToAction(nameof(Invitations), new { id = e }) : RedirectToAction(nameof(Index)));
    }

    /// <summary>签到 of the household of invitation <paramref name="id"/>.</summary>
    [HttpPost]
    public async Task<IActionResult> CheckIn(Guid id, int version, bool attended, CancellationToken ct)
    {
        var result = await steps.CheckInAsync(id, attended, Step(id, version), ct);
        return Outcome(result, _ => t["Events.CheckInSaved"], result.CaseId is { } e ? RedirectToAction(nameof(Invitations), new { id = e }) : RedirectToAction(nameof(Index)));
    }

    [HttpGet]
    public async Task<IActionResult> Record(Guid id, CancellationToken ct) =>
        await pages.RecordFormAsync(id, null, ct) is { } form ? View(form) : NotFound();

    [HttpPost]
    public async Task<IActionResult> Record(Guid id, RecordForm form, CancellationToken ct)
    {
        if (await pages.RecordFormAsync(id, form, ct) is null)
        {
            return NotFound();
        }

        var result = await steps.RecordAsync(Step(id, form.Version), form, ct);
        if (result.Status is StepStatus.NotFound or StepStatus.Forbidden)
        {
            return Outcome(result, _ => "", RedirectToAction(nameof(Details), new { id }));
        }

        if (!Saved(result))
        {
            return View(form);
        }

        Flash(t["Events.RecordSaved", result.Number!]);
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpPost]
    public async Task<IActionResult> Evaluate(Guid id, EvaluationForm form, CancellationToken ct) =>
        Done(await steps.EvaluateAsync(Step(id, form.Version), form, ct), "Events.Evaluated", id);

    [HttpPost]
    public async Task<IActionResult> ReviewEvaluation(Guid id, ReviewForm form, CancellationToken ct) =>
        Done(await steps.ReviewEvaluationAsync(Step(id, form.Version), form, User.IsInRole(Roles.Manager), ct), form.Passed ? "Events.EvaluationReviewed" : "Events.EvaluationReturned", id);

    [HttpPost]
    [Authorize(Policy = Policies.EventDecision)]
    public async Task<IActionResult> ApproveEvaluation(Guid id, EventNoteForm form, CancellationToken ct) =>
        Done(await steps.ApproveEvaluationAsync(Step(id, form.Version), form.DecisionNote, Decider, ct), "Events.Closed", id);

    [HttpPost]
    [Authorize(Policy = Policies.EventReview)]
    public async Task<IActionResult> Cancel(Guid id, EventNoteForm form, CancellationToken ct) =>
        Done(await steps.CancelAsync(Step(id, form.Version), form.DecisionNote, true, ct), "Events.Cancelled", id);

    [HttpPost]
    [RequestSizeLimit(64 * 1024 * 1024)]
    public async Task<IActionResult> AddPhotos(Guid id, List<IFormFile>? photos, CancellationToken ct)
    {
        var e = await db.CommunityEvents.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (e is null)
        {
            return NotFound();
        }

        var (added, rejected) = await PhotoUploads.AddAsync(db, files, nameof(CommunityEvent), e.Id, e.PropertyId, photos ?? [], CurrentActor, UtcNow, ct);
        foreach (var name in rejected)
        {
            FlashError(t["Events.PhotoNotImage", name]);
        }

        await db.SaveChangesAsync(ct);
        if (added > 0)
        {
            Flash(t["Events.PhotosAdded", added]);
        }

        return RedirectToAction(nameof(Details), new { id });
    }

    /// <summary>An event's photo, only through the scoped query: a user of another property gets 404.</summary>
    public async Task<IActionResult> Photo(Guid id, CancellationToken ct)
    {
        var photo = await db.Attachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id && a.OwnerType == nameof(CommunityEvent), ct);
        if (photo is null || !System.IO.File.Exists(files.PathOf(photo.StorageKey)))
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "private, max-age=3600";
        return PhysicalFile(files.PathOf(photo.StorageKey), photo.ContentType);
    }

    /// <summary>客户活动策划表 on A4.</summary>
    public Task<IActionResult> PrintPlan(Guid id, CancellationToken ct) => PrintAsync(id, "PrintPlan", ct);

    /// <summary>客户活动记录表 on A4.</summary>
    public Task<IActionResult> PrintRecord(Guid id, CancellationToken ct) => PrintAsync(id, "PrintRecord", ct);

    /// <summary>客户活动评估表 on A4.</summary>
    public Task<IActionResult> PrintEvaluation(Guid id, CancellationToken ct) => PrintAsync(id, "PrintEvaluation", ct);

    private async Task<IActionResult> PrintAsync(Guid id, string view, CancellationToken ct) =>
        await pages.DetailsAsync(id, false, false, new Decider(false, false), ct) is { } model ? View(view, model) : NotFound();

    private Decider Decider => new(User.IsInRole(Roles.GeneralManager), User.IsInRole(Roles.Manager));

    private EventPermissions Permissions => new(true, false, User.IsInRole(Roles.Manager), null);

    private IActionResult Done(StepResult result, string doneKey, Guid id) =>
        Outcome(result, r => t[doneKey, r.Number!], RedirectToAction(nameof(Details), new { id }));
}
