using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Features.Contacts;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;
using DailyLogEntry = PropertyPortal.Domain.FrontDesk.DailyLog;

namespace PropertyPortal.Web.Features.DailyLog;

/// <summary>
/// 工作日志 (§3.1): a property's China-local day — its contacts and the repair orders opened, closed,
/// breached or escalated in it — with the shift's handover notes. The desk reads it and writes the notes;
/// a supervisor signs it off, after which the day changes only by an amendment naming who, when and why.
/// The row is created by the first save; a day nobody wrote on has none.
/// </summary>
[Authorize(Policy = Policies.CaseIntake)]
public sealed class DailyLogController(PortalDbContext db, IAuthorizationService authz, IStringLocalizer<DailyLogText> t, ILogger<DailyLogController> logger)
    : PortalController
{
    public async Task<IActionResult> Index(Guid? propertyId, DateOnly? date, CancellationToken ct)
    {
        var page = await PageAsync(propertyId, date ?? Today, ct);
        return page is null ? NotFound() : View(page);
    }

    [HttpPost]
    public Task<IActionResult> SaveHandover(DailyLogForm form, CancellationToken ct) =>
        ChangeLogAsync(form, log => log.SetHandoverNotes(form.HandoverNotes), () => Shared["Common.Saved"], ct);

    [HttpPost]
    [Authorize(Policy = Policies.Supervision)]
    public Task<IActionResult> SignOff(DailyLogForm form, CancellationToken ct)
    {
        var (now, today) = (UtcNow, Today);
        return ChangeLogAsync(form, log => log.SignOff(User.ToActor(), now, today), () =>
        {
            logger.LogInformation("Daily log of property {PropertyId} for {Date} signed off by {User}", form.PropertyId, form.Date, User.Identity?.Name);
            return t["DailyLog.SignedFlash"];
        }, ct);
    }

    /// <summary>Loads (or starts) the day's log, applies one change with the form's version, saves, and goes back to the day.</summary>
    private async Task<IActionResult> ChangeLogAsync(DailyLogForm form, Action<DailyLogEntry> change, Func<string> saved, CancellationToken ct)
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

    /// <summary>Null when the property is not one of the user's (the query filter decides).</summary>
    private async Task<DailyLogPage?> PageAsync(Guid? propertyId, DateOnly date, CancellationToken ct)
    {
        var properties = await db.Properties.AsNoTracking().OrderBy(p => p.Code).Select(p => new { p.Id, p.Name }).ToListAsync(ct);
        var property = propertyId is { } requested ? properties.FirstOrDefault(p => p.Id == requested) : properties.FirstOrDefault();
        if (property is null)
        {
            return null;
        }

        var pid = property.Id;
        var day = new LocalDay(date);
        var (start, end) = (day.StartUtc, day.EndUtc);
        var contacts = await ContactRows.LoadAsync(db,
            db.Contacts.AsNoTracking().Where(c => c.PropertyId == pid && c.ReceivedAt >= start && c.ReceivedAt < end), int.MaxValue, ct);
        var bySource = contacts.GroupBy(c => c.Source).OrderBy(g => g.Key).Select(g => (g.Key, g.Count())).ToList();

        var opened = await db.RepairOrders.AsNoTracking()
            .Where(o => o.PropertyId == pid && o.ReceivedAt >= start && o.ReceivedAt < end)
            .OrderBy(o => o.ReceivedAt)
            .Select(o => new OrderLine(o.Id, o.Number, o.ReceivedAt, o.ReporterName, o.Location, o.Urgency, o.Status))
            .ToListAsync(ct);
        var closed = await db.RepairOrders.AsNoTracking()
            .Where(o => o.PropertyId == pid && o.ClosedAt >= start && o.ClosedAt < end)
            .OrderBy(o => o.ClosedAt)
            .Select(o => new OrderLine(o.Id, o.Number, o.ClosedAt!.Value, o.ReporterName, o.Location, o.Urgency, o.Status))
            .ToListAsync(ct);

        SlaEventKind[] kinds = [SlaEventKind.Breach, SlaEventKind.EscalatedToSupervisor, SlaEventKind.EscalatedToManager];
        var events = await db.SlaEvents.AsNoTracking()
            .Where(e => e.PropertyId == pid && e.FiredAt >= start && e.FiredAt < end && kinds.Contains(e.Kind))
            .OrderBy(e => e.FiredAt)
            .Select(e => new { e.FiredAt, e.Kind, e.Milestone, e.Subject, e.SubjectId })
            .ToListAsync(ct);

        // A callback's clock belongs to the repair order it follows up: show that order's number.
        var callbackIds = events.Where(e => e.Subject == SlaSubject.Callback).Select(e => e.SubjectId).Distinct().ToList();
        var callbackOrders = await db.Callbacks.AsNoTracking().Where(c => callbackIds.Contains(c.Id) && c.RepairOrderId != null)
            .ToDictionaryAsync(c => c.Id, c => c.RepairOrderId!.Value, ct);
        var orderIds = events.Where(e => e.Subject == SlaSubject.RepairOrder).Select(e => e.SubjectId).Concat(callbackOrders.Values).Distinct().ToList();
        var numbers = await db.RepairOrders.AsNoTracking().Where(o => orderIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Number, ct);
        var lines = events.Select(e =>
        {
            Guid? orderId = e.Subject == SlaSubject.RepairOrder ? e.SubjectId : callbackOrders.TryGetValue(e.SubjectId, out var o) ? o : null;
            return new SlaLine(e.FiredAt, e.Kind, e.Milestone, e.Subject, orderId, orderId is { } id ? numbers.GetValueOrDefault(id) : null);
        }).ToList();

        var log = await db.DailyLogs.AsNoTracking().Include(l => l.Amendments).FirstOrDefaultAsync(l => l.PropertyId == pid && l.Date == date, ct);
        var amendments = log?.Amendments.OrderBy(a => a.At).Select(a => new AmendmentRow(a.At, a.ActorName, a.Text)).ToList() ?? [];
        var canSupervise = (await authz.AuthorizeAsync(User, Policies.Supervision)).Succeeded;
        var options = properties.Select(p => new SelectListItem(p.Name, p.Id.ToString(), p.Id == pid)).ToList();
        return new DailyLogPage(pid, property.Name, date, options, contacts, bySource, opened, closed,
            lines.Where(l => l.Kind == SlaEventKind.Breach).ToList(), lines.Where(l => l.Kind != SlaEventKind.Breach).ToList(),
            log?.HandoverNotes, log?.Version ?? 0, log?.SignedAt, log?.SignedByName, amendments, canSupervise, date > Today);
    }
}
