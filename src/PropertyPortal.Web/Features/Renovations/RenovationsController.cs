using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Fees;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Domain.Renovations;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Features.Shared;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure.Idempotency;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Storage;

namespace PropertyPortal.Web.Features.Renovations;

/// <summary>
/// 装修: application at the desk, the review chain (customer service → engineering → the Manager),
/// agreement, deposit and debris fee on the unit's fee account, the permit (printed), worker passes and
/// work permits, the stewards' patrols with rectification notices, the completion inspection and the
/// deposit refund through the ledger. Each step loads the renovation and its clocks, calls one domain
/// method and saves once.
/// </summary>
[Authorize(Policy = Policies.RepairWork)]
public sealed class RenovationsController(PortalDbContext db, CaseSteps<Renovation> steps, CaseClocks caseClocks, Fees.Ledger ledger, FileStore files,
    IStringLocalizer<RenovationsText> t) : PortalController
{
    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] RenovationFilter filter, CancellationToken ct)
    {
        var q = db.Renovations.AsNoTracking();
        if (filter.PropertyId is { } pid)
        {
            q = q.Where(r => r.PropertyId == pid);
        }

        if (filter.Status is { } st)
        {
            q = q.Where(r => r.Status == st);
        }
        else if (filter.Open)
        {
            q = q.Where(r => r.Status != RenovationStatus.Closed && r.Status != RenovationStatus.Cancelled);
        }

        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var text = filter.Q.Trim();
            var number = Unit.NormalizeNumber(text);
            q = q.Where(r => r.Number.Contains(text) || r.ApplicantName.Contains(text) || r.ContractorName.Contains(text) || db.Units.Any(u => u.Id == r.UnitId && u.Number.StartsWith(number)));
        }

        var total = await q.CountAsync(ct);
        var paging = PageInfo.For(Request, Math.Clamp(filter.Page, 1, Math.Max(1, (total + PageInfo.DefaultSize - 1) / PageInfo.DefaultSize)), total);
        var page = await q.OrderByDescending(r => r.ReceivedAt).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        var labels = await Fees.UnitLabels.ForAsync(db, page.Select(r => r.UnitId).ToList(), ct);
        var ids = page.Select(r => r.Id).ToList();
        var due = await db.SlaClocks.AsNoTracking().Where(c => c.Subject == SlaSubject.Renovation && ids.Contains(c.SubjectId) && c.State == SlaClockState.Running)
            .GroupBy(c => c.SubjectId).Select(g => new { g.Key, Due = g.Min(c => c.DueAt) }).ToDictionaryAsync(x => x.Key, x => (DateTime?)x.Due, ct);
        var rows = page.Where(r => labels.ContainsKey(r.UnitId)).Select(r =>
        {
            var u = labels[r.UnitId];
            return new RenovationRow(r.Id, r.Number, u.Property, u.Building, u.Number, r.ApplicantName, r.Scope, r.Status, r.StartDate, r.EndDate, r.ReceivedAt, due.GetValueOrDefault(r.Id));
        }).ToList();
        return View(new RenovationList(filter, await db.PropertyOptionsAsync(filter.PropertyId, ct), rows, paging));
    }

    /// <summary>巡查清单: running works of the user's properties, the least visited today first.</summary>
    [HttpGet]
    [Authorize(Policy = Policies.HouseholdWrite)]
    public async Task<IActionResult> Patrols(CancellationToken ct)
    {
        var today = Today;
        var from = PortalClock.ToUtc(today.ToDateTime(TimeOnly.MinValue));
        var running = await db.Renovations.AsNoTracking()
            .Where(r => r.Status == RenovationStatus.InProgress || r.Status == RenovationStatus.Rectifying || r.Status == RenovationStatus.InspectionBooked)
            .Select(r => new
            {
                r.Id, r.Number, r.UnitId, r.ContractorName, r.Status,
                Today = r.Patrols.Count(p => p.At >= from),
                Last = r.Patrols.Max(p => (DateTime?)p.At),
                RectifyBy = r.Patrols.Where(p => p.Violation != null && p.RectifiedAt == null).Min(p => p.RectifyBy),
            }).ToListAsync(ct);
        var labels = await Fees.UnitLabels.ForAsync(db, running.Select(r => r.UnitId).ToList(), ct);
        var rows = running.Where(r => labels.ContainsKey(r.UnitId))
            .Select(r => new PatrolRow(r.Id, r.Number, labels[r.UnitId].Property, labels[r.UnitId].Building, labels[r.UnitId].Number, r.ContractorName, r.Status, r.Today, r.Last, r.RectifyBy))
            .OrderBy(r => r.PatrolsToday).ThenBy(r => r.LastPatrolAt).ToList();
        return View(rows);
    }

    [HttpGet]
    [Authorize(Policy = Policies.CaseIntake)]
    public async Task<IActionResult> Create(Guid? unitId, CancellationToken ct)
    {
        var form = new RenovationForm { UnitId = unitId, StartDate = Today.AddDays(3), EndDate = Today.AddDays(33) };
        return await WithUnitAsync(form, ct) ? View(form) : NotFound();
    }

    [HttpPost]
    [Idempotent]
    [Authorize(Policy = Policies.CaseIntake)]
    public async Task<IActionResult> Create(RenovationForm form, CancellationToken ct)
    {
        if (!await WithUnitAsync(form, ct))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return View(form);
        }

        var propertyId = await db.Units.Where(u => u.Id == form.UnitId).Select(u => u.PropertyId).FirstAsync(ct);
        var now = UtcNow;
        var opened = await steps.OpenAsync(propertyId, CurrentActor,
            () => CaseNumbers.NextAsync(db.Renovations.IgnoreQueryFilters().Where(r => r.PropertyId == propertyId).Select(r => r.Number), "ZX", now, ct),
            (number, s) => Task.FromResult(Renovation.Submit(number, new RenovationApplication(propertyId, form.UnitId!.Value, form.CustomerId, form.ApplicantName!,
                form.ApplicantPhone, form.ByAgent, form.DocumentsChecked, form.ContractorName!, form.ContractorLicence, form.ContractorPhone, form.Scope, form.Structural,
                form.Description!, form.StartDate!.Value, form.EndDate!.Value, form.Workers!.Value, form.WorkingHours!, s.Now), s.By, s.Now, s.Clocks)), ct);
        if (!Saved(opened))
        {
            return View(form);
        }

        Flash(t["Renovations.Submitted", opened.Number!, Renovation.ApprovalWorkingDays(form.Scope)]);
        return RedirectToAction(nameof(Details), new { id = opened.CaseId });
    }

    private async Task<bool> WithUnitAsync(RenovationForm form, CancellationToken ct)
    {
        if (form.UnitId is not { } unitId)
        {
            return false;
        }

        var unit = await Fees.UnitLabels.ForAsync(db, [unitId], ct);
        if (!unit.TryGetValue(unitId, out var label))
        {
            return false;
        }

        form.UnitLabel = $"{label.Property} {label.Building} {label.Number}";
        var households = await (from o in db.Occupancies.AsNoTracking()
                                join c in db.Customers on o.CustomerId equals c.Id
                                where o.UnitId == unitId && (o.EndDate == null || o.EndDate >= Today)
                                orderby o.Role
                                select new { c.Id, c.Name, c.Phone }).ToListAsync(ct);
        form.CustomerId ??= households.FirstOrDefault()?.Id;
        form.ApplicantName ??= households.FirstOrDefault()?.Name;
        form.ApplicantPhone ??= households.FirstOrDefault()?.Phone;
        form.Households = households.Select(h => new SelectListItem(h.Name, h.Id.ToString(), h.Id == form.CustomerId)).ToList();
        if (form.CustomerId is { } cid && households.All(h => h.Id != cid))
        {
            form.CustomerId = null;
        }

        return true;
    }

    [HttpGet]
    public async Task<IActionResult> Details(Guid id, CancellationToken ct)
    {
        var model = await LoadAsync(id, ct);
        return model is null ? NotFound() : View(model);
    }

    /// <summary>装修许可证, A4, to post at the door of the works.</summary>
    [HttpGet]
    public async Task<IActionResult> Permit(Guid id, CancellationToken ct)
    {
        var model = await LoadAsync(id, ct);
        return model is null || model.Renovation.PermitNumber is null ? NotFound() : View(model);
    }

    /// <summary>验收合格单, A4, for the owner and Finance.</summary>
    [HttpGet]
    public async Task<IActionResult> Acceptance(Guid id, CancellationToken ct)
    {
        var model = await LoadAsync(id, ct);
        return model is null || model.Renovation.AcceptedAt is null ? NotFound() : View(model);
    }

    private async Task<RenovationDetails?> LoadAsync(Guid id, CancellationToken ct)
    {
        var r = await db.Renovations.AsNoTracking().Include(x => x.Events).Include(x => x.Passes).Include(x => x.Permits).Include(x => x.Patrols)
            .AsSplitQuery().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (r is null)
        {
            return null;
        }

        var label = (await Fees.UnitLabels.ForAsync(db, [r.UnitId], ct))[r.UnitId];
        var clocks = await caseClocks.ReadAsync([id], ct);
        var names = await db.Users.Where(u => clocks.Select(c => c.AssigneeId).Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var photos = await db.Attachments.AsNoTracking().Where(a => a.OwnerId == id || r.Patrols.Select(p => p.Id).Contains(a.OwnerId)).OrderBy(a => a.UploadedAt).ToListAsync(ct);
        var chargeIds = new[] { r.DepositChargeId, r.DebrisChargeId }.OfType<Guid>().ToList();
        var charges = await db.Charges.AsNoTracking().Where(c => chargeIds.Contains(c.Id)).ToListAsync(ct);
        var deposit = charges.FirstOrDefault(c => c.Id == r.DepositChargeId);
        var debris = charges.FirstOrDefault(c => c.Id == r.DebrisChargeId);
        var now = UtcNow;
        return new RenovationDetails(r, label.Property, label.PropertyPhone, label.Building, label.Number,
            clocks.Select(c => Repairs.ClockView.From(c, now, names)).ToList(), now, photos, deposit?.Held, deposit?.Outstanding, debris?.Outstanding,
            deposit is { ClosedAt: not null });
    }

    [HttpPost]
    [Authorize(Policy = Policies.CaseIntake)]
    public Task<IActionResult> Review(Guid id, int version, string? note, CancellationToken ct) =>
        StepAsync(id, version, (r, c, a, n) => r.ServiceReview(Trim(note), a, n, c), "Renovations.ServiceReviewed", ct);

    [HttpPost]
    [Authorize(Policy = Policies.RenovationEngineering)]
    public Task<IActionResult> Engineering(Guid id, int version, string? note, CancellationToken ct) =>
        StepAsync(id, version, (r, c, a, n) => r.EngineeringReview(Trim(note), a, n, c), "Renovations.EngineeringReviewed", ct);

    [HttpPost]
    [Authorize(Policy = Policies.CaseIntake)]
    public Task<IActionResult> Return(Guid id, int version, string? note, CancellationToken ct) =>
        StepAsync(id, version, (r, c, a, n) => r.Return(note ?? "", a, n, c), "Renovations.Returned", ct);

    [HttpPost]
    [Authorize(Policy = Policies.CaseIntake)]
    public Task<IActionResult> Resubmit(Guid id, int version, string? note, CancellationToken ct) =>
        StepAsync(id, version, (r, c, a, n) => r.Resubmit(Trim(note), a, n, c), "Renovations.Resubmitted", ct);

    /// <summary>The authority's approval of a structural change, as photos of the document.</summary>
    [HttpPost]
    [Authorize(Policy = Policies.CaseIntake)]
    public async Task<IActionResult> Authority(Guid id, int version, List<IFormFile>? photos, CancellationToken ct)
    {
        var r = await db.Renovations.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (r is null)
        {
            return NotFound();
        }

        var (added, rejected) = await PhotoUploads.AddAsync(db, files, "RenovationAuthority", id, r.PropertyId, photos ?? [], CurrentActor, UtcNow, ct);
        if (added == 0)
        {
            FlashError(t["Renovations.AuthorityFileRequired"]);
            db.ChangeTracker.Clear();
            return RedirectToAction(nameof(Details), new { id });
        }

        ExpectVersion(db, r, version);
        if (await TrySaveAsync(db, () => r.AttachAuthorityApproval(CurrentActor, UtcNow)))
        {
            Flash(rejected.Count > 0 ? t["Renovations.SomeFilesRejected", string.Join("、", rejected)] : Shared["Common.Saved"]);
        }
        else
        {
            FlashError(ModelStateErrors());
        }

        return RedirectToAction(nameof(Details), new { id });
    }

    /// <summary>Plans, drawings and site photos of the renovation.</summary>
    [HttpPost]
    [Authorize(Policy = Policies.CaseIntake)]
    public async Task<IActionResult> AddPhotos(Guid id, List<IFormFile>? photos, CancellationToken ct)
    {
        var r = await db.Renovations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (r is null)
        {
            return NotFound();
        }

        var (added, rejected) = await PhotoUploads.AddAsync(db, files, "Renovation", id, r.PropertyId, photos ?? [], CurrentActor, UtcNow, ct);
        await db.SaveChangesAsync(ct);
        if (rejected.Count > 0)
        {
            FlashError(t["Renovations.SomeFilesRejected", string.Join("、", rejected)]);
        }
        else
        {
            Flash(t["Renovations.PhotosAdded", added]);
        }

        return RedirectToAction(nameof(Details), new { id });
    }

    /// <summary>经理批准 — the Manager only. The deposit and the debris fee go on the unit's account in the same save.</summary>
    [HttpPost]
    [Authorize(Roles = Roles.Manager)]
    public Task<IActionResult> Approve(Guid id, ApproveForm form, CancellationToken ct) =>
        StepAsync(id, form.Version, (r, c, a, n) =>
        {
            r.Approve(Trim(form.Note), a, n, c);
            var due = PortalClock.Today(HttpContext.RequestServices.GetRequiredService<TimeProvider>());
            var deposit = new Charge(r.PropertyId, r.UnitId, r.CustomerId, null, FeeKind.Deposit, null, $"装修保证金 {r.Number}", 1, form.Deposit, form.Deposit, due,
                $"ZX:{r.Id:N}:deposit", a, n);
            db.Charges.Add(deposit);
            Charge? debris = null;
            if (form.DebrisFee > 0)
            {
                debris = new Charge(r.PropertyId, r.UnitId, r.CustomerId, null, FeeKind.OneOff, null, $"装修垃圾清运费 {r.Number}", 1, form.DebrisFee, form.DebrisFee, due,
                    $"ZX:{r.Id:N}:debris", a, n);
                db.Charges.Add(debris);
            }

            r.Charged(deposit.Id, debris?.Id);
        }, "Renovations.Approved", ct);

    [HttpPost]
    [Authorize(Policy = Policies.CaseIntake)]
    public Task<IActionResult> Agreement(Guid id, int version, CancellationToken ct) =>
        StepAsync(id, version, (r, c, a, n) => r.SignAgreement(a, n), "Renovations.AgreementSigned", ct);

    /// <summary>装修许可证: needs the agreement and the deposit paid (at the fee counter); the unit shows 装修中.</summary>
    [HttpPost]
    [Authorize(Policy = Policies.CaseIntake)]
    public async Task<IActionResult> IssuePermit(Guid id, int version, CancellationToken ct)
    {
        var r = await db.Renovations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (r is null)
        {
            return NotFound();
        }

        var depositPaid = r.DepositChargeId is { } did && await db.Charges.AnyAsync(c => c.Id == did && c.ReversedAt == null && c.Paid >= c.Amount, ct);
        var unit = await db.Units.FirstAsync(u => u.Id == r.UnitId, ct);
        return await StepAsync(id, version, (x, c, a, n) =>
        {
            x.IssuePermit("XK-" + x.Number, depositPaid, a, n);
            unit.SetStatus(UnitStatus.UnderRenovation);
        }, "Renovations.PermitIssued", ct);
    }

    [HttpPost]
    [Authorize(Policy = Policies.CaseIntake)]
    public Task<IActionResult> IssuePass(Guid id, int version, string? workerName, string? idLast4, CancellationToken ct) =>
        StepAsync(id, version, (r, c, a, n) => db.RenovationPasses.Add(r.IssuePass(workerName ?? "", idLast4, a, n)), "Renovations.PassIssued", ct);

    [HttpPost]
    [Authorize(Policy = Policies.CaseIntake)]
    public Task<IActionResult> ReturnPass(Guid id, int version, Guid passId, CancellationToken ct) =>
        StepAsync(id, version, (r, c, a, n) => r.ReturnPass(passId, a, n), "Renovations.PassReturned", ct);

    [HttpPost]
    [Authorize(Policy = Policies.CaseIntake)]
    public Task<IActionResult> AddPermit(Guid id, int version, RenovationPermitKind kind, DateOnly? from, DateOnly? to, string? note, CancellationToken ct)
    {
        // Out-of-range days go back with their message (StepAsync refuses an invalid ModelState).
        Within(from, d => d.RenovationStart, nameof(from));
        Within(to, d => d.RenovationEnd(from), nameof(to));
        return StepAsync(id, version, (r, c, a, n) => db.RenovationPermits.Add(r.AddPermit(kind, from ?? DateOnly.MinValue, to ?? DateOnly.MinValue, Trim(note), a, n)),
            "Renovations.PermitAdded", ct);
    }

    /// <summary>巡查 (stewards too): a finding, optionally a violation with its rectification deadline (整改通知), and photos.</summary>
    [HttpPost]
    [Authorize(Policy = Policies.HouseholdWrite)]
    public async Task<IActionResult> Patrol(Guid id, int version, string? finding, string? violation, DateTime? rectifyBy, List<IFormFile>? photos, CancellationToken ct)
    {
        Within(rectifyBy, d => d.Appointment, nameof(rectifyBy));
        RenovationPatrol? patrol = null;
        var result = await StepAsync(id, version, (r, c, a, n) =>
        {
            patrol = r.Patrol(finding ?? "", violation, rectifyBy is { } local ? PortalClock.ToUtc(local) : null, a, n, c);
            db.RenovationPatrols.Add(patrol);
        }, "Renovations.Patrolled", ct);
        if (patrol is not null && photos is { Count: > 0 })
        {
            var propertyId = patrol.PropertyId;
            await PhotoUploads.AddAsync(db, files, "RenovationPatrol", patrol.Id, propertyId, photos, CurrentActor, UtcNow, ct);
            await db.SaveChangesAsync(ct);
        }

        return result;
    }

    [HttpPost]
    [Authorize(Policy = Policies.HouseholdWrite)]
    public Task<IActionResult> Rectified(Guid id, int version, string? note, CancellationToken ct) =>
        StepAsync(id, version, (r, c, a, n) => r.Rectified(note ?? "", a, n, c), "Renovations.RectifiedDone", ct);

    [HttpPost]
    [Authorize(Policy = Policies.CaseIntake)]
    public Task<IActionResult> BookInspection(Guid id, int version, DateTime? at, CancellationToken ct)
    {
        Within(at, d => d.Appointment, nameof(at));
        return StepAsync(id, version, (r, c, a, n) => r.BookInspection(at is { } local ? PortalClock.ToUtc(local) : DateTime.MinValue, a, n, c), "Renovations.InspectionBooked", ct);
    }

    [HttpPost]
    [Authorize(Policy = Policies.RenovationEngineering)]
    public Task<IActionResult> Arrived(Guid id, int version, CancellationToken ct) =>
        StepAsync(id, version, (r, c, a, n) => r.InspectorArrived(a, n, c), "Renovations.InspectorArrived", ct);

    /// <summary>验收: a pass restores the unit's status and opens the refund; a fail issues a rectification notice.</summary>
    [HttpPost]
    [Authorize(Policy = Policies.RenovationEngineering)]
    public async Task<IActionResult> Inspect(Guid id, int version, bool passed, string? note, DateTime? rectifyBy, CancellationToken ct)
    {
        var r = await db.Renovations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (r is null)
        {
            return NotFound();
        }

        var unit = await db.Units.FirstAsync(u => u.Id == r.UnitId, ct);
        var today = Today;
        var occupied = await db.Occupancies.AnyAsync(o => o.UnitId == r.UnitId && o.StartDate <= today && (o.EndDate == null || o.EndDate >= today), ct);
        Within(rectifyBy, d => d.Appointment, nameof(rectifyBy));
        return await StepAsync(id, version, (x, c, a, n) =>
        {
            x.Inspect(passed, note ?? "", rectifyBy is { } local ? PortalClock.ToUtc(local) : null, a, n, c);
            if (passed)
            {
                unit.SetStatus(occupied ? UnitStatus.Occupied : UnitStatus.Vacant);
            }
        }, passed ? "Renovations.Accepted" : "Renovations.InspectionFailed", ct);
    }

    /// <summary>退保证金办理 (supervisor): processed within 2 working days of acceptance. Refused before acceptance.</summary>
    [HttpPost]
    [Authorize(Policy = Policies.Supervision)]
    public Task<IActionResult> ProcessRefund(Guid id, int version, CancellationToken ct) =>
        StepAsync(id, version, (r, c, a, n) => r.RefundProcessed(a, n, c), "Renovations.RefundProcessed", ct);

    /// <summary>
    /// 退还保证金 and close (supervisor): passes back, the deposit refunded through the ledger less itemised
    /// deductions (with a receipt number), the renovation closed — all refused before acceptance.
    /// </summary>
    [HttpPost]
    [Idempotent]
    [Authorize(Policy = Policies.Supervision)]
    public async Task<IActionResult> Refund(Guid id, int version, Fees.RefundForm form, CancellationToken ct)
    {
        var r = await db.Renovations.AsNoTracking().Include(x => x.Passes).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (r is null)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            FlashError(ModelStateErrors());
            return RedirectToAction(nameof(Details), new { id });
        }

        try
        {
            r.EnsureRefundable();

            var deposit = await db.Charges.AsNoTracking().FirstAsync(c => c.Id == r.DepositChargeId, ct);
            if (deposit.ClosedAt is null)
            {
                await ledger.RefundDepositAsync(deposit.Id, deposit.Version, form.Deductions, form.DeductionNote, form.Method, form.Reference, CurrentActor, ct);
            }

            db.ChangeTracker.Clear();
        }
        catch (DomainException ex)
        {
            FlashError(DomainMessage(ex));
            return RedirectToAction(nameof(Details), new { id });
        }

        return await StepAsync(id, version, (x, c, a, n) => x.Close(true, a, n, c), "Renovations.Closed", ct);
    }

    [HttpPost]
    [Authorize(Policy = Policies.CaseIntake)]
    public Task<IActionResult> Cancel(Guid id, int version, string? note, CancellationToken ct) =>
        StepAsync(id, version, (r, c, a, n) => r.Cancel(note ?? "", a, n, c), "Renovations.Cancelled", ct);

    private static string? Trim(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>
    /// One step through the case step runner: the renovation (with its passes and patrols), its clocks through the seam,
    /// who is told from the new timeline events (<see cref="RenovationNotifications"/>), one save.
    /// </summary>
    private async Task<IActionResult> StepAsync(Guid id, int version, Action<Renovation, ClockSet, Actor, DateTime> change, string doneKey, CancellationToken ct) =>
        Outcome(await steps.RunAsync(Step(id, version), (r, s) => change(r, s.Clocks, s.By, s.Now), ct,
                load: q => q.Include(r => r.Passes).Include(r => r.Patrols).AsSplitQuery(), step: doneKey),
            r => t[doneKey, r.Number!], RedirectToAction(nameof(Details), new { id }));
}
