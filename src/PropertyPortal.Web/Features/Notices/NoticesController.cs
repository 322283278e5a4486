using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Web.Features.Shared;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure.Export;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Mvc;

namespace PropertyPortal.Web.Features.Notices;

/// <summary>
/// 公告: the numbered ledger with its filters and Excel export, a notice's page, the draft form, approval, posting,
/// withdrawal, archiving and the A4 sheet for the notice board. Binds, calls one feature method, redirects.
/// </summary>
[Authorize(Policy = Policies.Events)]
public sealed class NoticesController(NoticePages pages, NoticeIntake intake, NoticeSteps steps, IStringLocalizer<NoticesText> t, ILogger<NoticesController> logger)
    : PortalController
{
    public async Task<IActionResult> Index([FromQuery] NoticeFilter filter, CancellationToken ct) => View(await pages.ListAsync(filter, Request, ct));

    public async Task<IActionResult> Export([FromQuery] NoticeFilter filter, CancellationToken ct)
    {
        var rows = await pages.Rows(pages.Filtered(filter), 0, CaseFilters.MaxExportRows).ToListAsync(ct);
        logger.LogInformation("User {User} exported {Count} notices", User.Identity?.Name, rows.Count);
        string[] headers =
        [
            Shared["Field.CaseNumber"], Shared["Field.PropertyId"], Shared["Field.Title"], Shared["Field.Category"], Shared["Field.Status"], Shared["Field.PublishFrom"],
            Shared["Field.PublishUntil"], t["Notices.PublishedAt"], t["Notices.WithdrawnAt"], t["Notices.Author"],
        ];
        var data = rows.Select(r => (IReadOnlyList<object?>)
        [
            r.Number, r.PropertyName, r.Title, Shared.Enum(r.Category), Shared.Enum(r.Status), ViewHelpers.Date(r.PublishFrom), ViewHelpers.Date(r.PublishUntil),
            ViewHelpers.Time(r.PublishedAt), ViewHelpers.Time(r.WithdrawnAt), r.AuthorName,
        ]);
        return XlsxExport.File(t["Notices.ExportName"], Today, t["Notices.ExportName"], headers, data);
    }

    public async Task<IActionResult> Details(Guid id, CancellationToken ct) =>
        await pages.DetailsAsync(id, await CanAsync(Policies.NoticeApproval), ct) is { } model ? View(model) : NotFound();

    /// <summary>The notice on A4, for the notice board.</summary>
    public async Task<IActionResult> Print(Guid id, CancellationToken ct) =>
        await pages.DetailsAsync(id, false, ct) is { } model ? View(model) : NotFound();

    [HttpGet]
    public async Task<IActionResult> Create(Guid? propertyId, CancellationToken ct) =>
        await pages.NewFormAsync(propertyId, ct) is { } form ? View("Edit", form) : NotFound();

    [HttpPost]
    public async Task<IActionResult> Create(NoticeForm form, CancellationToken ct)
    {
        var result = await intake.OpenAsync(form, !ModelState.IsValid, CurrentActor, ct);
        return Opened(result, "Edit", form, number => t["Notices.Drafted", number]);
    }

    [HttpGet]
    public async Task<IActionResult> Edit(Guid id, CancellationToken ct) =>
        await pages.EditFormAsync(id, ct) is { } form ? View(form) : NotFound();

    [HttpPost]
    public async Task<IActionResult> Edit(Guid id, NoticeForm form, CancellationToken ct)
    {
        var saved = await pages.EditFormAsync(id, ct);
        if (saved is null)
        {
            return NotFound();
        }

        (form.NoticeId, form.Number, form.PropertyId) = (id, saved.Number, saved.PropertyId);
        if (!await pages.WithOptionsAsync(form, ct))
        {
            return NotFound();
        }

        var result = await steps.EditAsync(Step(id, form.Version), form, ct);
        if (result.Status is StepStatus.NotFound or StepStatus.Forbidden)
        {
            return Outcome(result, _ => "", RedirectToAction(nameof(Details), new { id }));
        }

        if (!Saved(result))
        {
            return View(form);
        }

        Flash(t["Notices.Saved", result.Number!]);
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpPost]
    [Authorize(Policy = Policies.NoticeApproval)]
    public async Task<IActionResult> Approve(Guid id, int version, CancellationToken ct) =>
        Done(await steps.ApproveAsync(Step(id, version), ct), "Notices.Approved", id);

    [HttpPost]
    public async Task<IActionResult> Publish(Guid id, int version, CancellationToken ct) =>
        Done(await steps.PublishAsync(Step(id, version), ct), "Notices.Published", id);

    [HttpPost]
    public async Task<IActionResult> Withdraw(Guid id, NoticeReasonForm form, CancellationToken ct) =>
        Done(await steps.WithdrawAsync(Step(id, form.Version), form.WithdrawReason, ct), "Notices.Withdrawn", id);

    [HttpPost]
    public async Task<IActionResult> Archive(Guid id, int version, CancellationToken ct) =>
        Done(await steps.ArchiveAsync(Step(id, version), ct), "Notices.Archived", id);

    private IActionResult Done(StepResult result, string doneKey, Guid id) =>
        Outcome(result, r => t[doneKey, r.Number!], RedirectToAction(nameof(Details), new { id }));
}
