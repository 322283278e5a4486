using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;
using DailyLogEntry = PropertyPortal.Domain.FrontDesk.DailyLog;

namespace PropertyPortal.Web.Features.DailyLog;

/// <summary>
/// 工作日志 (§3.1): a property's China-local day — its contacts and every case (repairs, complaints, renovations,
/// move-ins, move-outs) opened, closed, breached or escalated in it (<see cref="DailyLogPages"/>) — with the shift's
/// handover notes. The desk reads it and writes the notes; a supervisor signs it off (which meets the day's review
/// clock, <see cref="DailyLogReviews"/>), after which the day changes only by an amendment naming who, when and why.
/// The row is created by the first save, or by the job that starts the review clock once the day has ended.
/// </summary>
[Authorize(Policy = Policies.CaseIntake)]
public sealed class DailyLogController(
    PortalDbContext db, DailyLogPages pages, DailyLogReviews reviews, IAuthorizationService authz, IStringLocalizer<DailyLogText> t, ILogger<DailyLogController> logger)
    : PortalController
{
    public async Task<IActionResult> Index(Guid? propertyId, DateOnly? date, CancellationToken ct)
    {
        var page = await PageAsync(propertyId, date ?? Today, ct);
        return page is null ? NotFound() : View(page);
    }

    /// <summary>A day's page by its log's id: where a review clock's breach links to.</summary>
    public async Task<IActionResult> Day(Guid id, CancellationToken ct)
    {
        var log = await db.DailyLogs.AsNoTracking().Where(l => l.Id == id).Select(l => new { l.PropertyId, l.Date }).FirstOrDefaultAsync(ct);
        return log is null ? NotFound() : RedirectToAction(nameof(Index), new { propertyId = log.PropertyId, date = ViewHelpers.Date(log.Date) });
    }

    [HttpPost]
    public Task<IActionResult> SaveHandover(DailyLogForm form, CancellationToken ct) =>
        ChangeLogAsync(form, log =>
        {
            log.SetHandoverNotes(form.HandoverNotes);
            return Task.CompletedTask;
        }, () => Shared["Common.Saved"], ct);

    [HttpPost]
    [Authorize(Policy = Policies.Supervision)]
    public Task<IActionResult> SignOff(DailyLogForm form, CancellationToken ct)
    {
        var (now, today) = (UtcNow, Today);
        return ChangeLogAsync(form, async log => log.SignOff(User.ToActor(), now, today, await reviews.ClocksOfAsync(log, ct)), () =>
        {
            logger.LogInformation("Daily log of property {PropertyId} for {Date} signed off by {User}", form.PropertyId, form.Date, User.Identity?.Name);
            return t["DailyLog.SignedFlash"];
        }, ct);
    }

    /// <summary>Loads (or starts) the day's log, applies one change with the form's version, saves, and goes back to the day.</summary>
    private async Task<IActionResult> ChangeLogAsync(DailyLogForm form, Func<DailyLogEntry, Task> change, Func<string> saved, CancellationToken ct)
    {
        if (!await db.Properties.AnyAsync(p => p.Id == form.PropertyId, ct))
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            var log = await LogAsync(form.PropertyId, form.Date, ct);
            if (log is null)
            {
                log = new DailyLogEntry(form.PropertyId, form.Date);
                db.DailyLogs.Add(log);
            }
            else
            {
                ExpectVersion(db, log, form.Version);
            }

            if (await TrySaveAsync(db, () => change(log)))
            {
                Flash(saved());
                return Back(form);
            }
        }

        return await ReshowAsync(form, ct);
    }

    [HttpPost]
    [Authorize(Policy = Policies.Supervision)]
    public async Task<IActionResult> Amend(DailyLogForm form, CancellationToken ct)
    {
        if (!await db.Properties.AnyAsync(p => p.Id == form.PropertyId, ct))
        {
            return NotFound();
        }

        if (string.IsNullOrWhiteSpace(form.Text))
        {
            ModelState.AddModelError(nameof(form.Text), t["DailyLog.AmendmentRequired"]);
        }

        if (ModelState.IsValid)
        {
            var log = await LogAsync(form.PropertyId, form.Date, ct);
            if (log is null)
            {
                ModelState.AddModelError(string.Empty, Shared["Domain.DailyLogNotSigned"]);
            }
            else if (await TrySaveAsync(db, () => log.Amend(form.Text!, User.ToActor(), UtcNow)))
            {
                logger.LogInformation("Daily log of property {PropertyId} for {Date} amended by {User}", form.PropertyId, form.Date, User.Identity?.Name);
                Flash(t["DailyLog.AmendedFlash"]);
                return Back(form);
            }
        }

        return await ReshowAsync(form, ct);
    }

    private Task<DailyLogEntry?> LogAsync(Guid propertyId, DateOnly date, CancellationToken ct) =>
        db.DailyLogs.Include(l => l.Amendments).FirstOrDefaultAsync(l => l.PropertyId == propertyId && l.Date == date, ct);

    private RedirectToActionResult Back(DailyLogForm form) =>
        RedirectToAction(nameof(Index), new { propertyId = form.PropertyId, date = ViewHelpers.Date(form.Date) });

    private async Task<IActionResult> ReshowAsync(DailyLogForm form, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var page = await PageAsync(form.PropertyId, form.Date, ct);
        if (page is null)
        {
            return NotFound();
        }

        // The notes the user typed stay in the box when saving them failed.
        ViewData["PostedNotes"] = form.HandoverNotes;
        ViewData["PostedText"] = form.Text;
        return View(nameof(Index), page);
    }

    private async Task<DailyLogPage?> PageAsync(Guid? propertyId, DateOnly date, CancellationToken ct) =>
        await pages.PageAsync(propertyId, date, (await authz.AuthorizeAsync(User, Policies.Supervision)).Succeeded, Today, ct);
}
