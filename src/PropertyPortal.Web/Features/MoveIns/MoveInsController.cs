using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Callbacks;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Fees;
using PropertyPortal.Domain.MoveInOut;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Features.Fees;
using PropertyPortal.Web.Features.Notifications;
using PropertyPortal.Web.Features.Shared;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure.Idempotency;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Storage;

namespace PropertyPortal.Web.Features.MoveIns;

/// <summary>
/// 入住/入伙 at the counter (000 L184–L210; 004 L95 §一): booked by appointment or in a batch day,
/// the household received, the checklist for its applicant type worked through, the move-in charges
/// raised and paid at the cashier, the joint inspection with base readings and defects (each a repair
/// order for the developer), re-inspection, the owner's sign-off, keys. Completing it makes the unit the
/// household's — refused while anything on the checklist is open unless a supervisor gives the reason —
/// and schedules the new household's callback within a month (002 L13).
/// </summary>
[Authorize(Policy = Policies.CaseIntake)]
public sealed class MoveInsController(
    PortalDbContext db, CaseClocks caseClocks, Ledger ledger, FileStore files, MoveInNotifications notifications,
    IStringLocalizer<MoveInsText> t, ILogger<MoveInsController> logger) : PortalController
{
    public const string NumberKind = "RZ";

    [HttpGet]
    public async Task<IActionResult> Index(MoveInStatus? status, CancellationToken ct)
    {
        var q = db.MoveIns.AsNoTracking();
        q = status is { } s ? q.Where(m => m.Status == s) : q.Where(MoveIn.Open);
        var rows = await RowsAsync(q.OrderBy(m => m.AppointmentAt).Take(200), ct);
        var labels = await UnitLabels.ForAsync(db, rows.Select(r => r.UnitId).Distinct().ToList(), ct);
        ViewData["Status"] = status;
        return View((rows, labels));
    }

    private async Task<List<MoveInRow>> RowsAsync(IQueryable<MoveIn> q, CancellationToken ct) =>
        await (from m in q
               join c in db.Customers on m.CustomerId equals c.Id
               select new MoveInRow(m.Id, m.Number, m.UnitId, c.Name, m.Applicant, m.AppointmentAt, m.Status, m.Inspection,
                   m.Checks.Count(x => x.Done), m.Checks.Count(), m.Custody, m.BatchId)).ToListAsync(ct);

    [HttpGet]
    public async Task<IActionResult> Create(Guid? unitId, CancellationToken ct)
    {
        var tomorrow = Today.AddDays(1);
        var form = new MoveInForm { UnitId = unitId, AppointmentAt = tomorrow.ToDateTime(new TimeOnly(9, 0)) };
        return await WithUnitAsync(form, ct) ? View(form) : NotFound();
    }

    [HttpPost]
    [Idempotent]
    public async Task<IActionResult> Create(MoveInForm form, CancellationToken ct)
    {
        if (!await WithUnitAsync(form, ct))
        {
            return NotFound();
        }

        var unit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == form.UnitId, ct);
        var existingId = form.CustomerId is { } cid
            ? await db.Customers.Where(c => c.Id == cid && c.PropertyId == unit.PropertyId).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct)
            : null;
        if (form.CustomerId is not null && existingId is null)
        {
            ModelState.AddModelError(nameof(form.CustomerId), Shared["Error.NotFound"]);
        }

        if (await db.MoveIns.Where(MoveIn.Open).AnyAsync(m => m.UnitId == unit.Id, ct))
        {
            ModelState.AddModelError(string.Empty, t["MoveIns.AlreadyOpen"]);
        }

        if (!ModelState.IsValid)
        {
            return View(form);
        }

        var now = UtcNow;
        var actor = CurrentActor;
        MoveIn? moveIn = null;
        if (!await TrySaveNumberedAsync(db, () => NextNumberAsync(unit.PropertyId, now, ct), number =>
            {
                // A new owner is registered with the booking, in the same save (again on a retry: a failed save drops it).
                var customerId = existingId ?? AddOwner(unit.PropertyId, form).Id;
                moveIn = new MoveIn(number, unit.PropertyId, unit.Id, customerId, form.Applicant, form.AgentName, PortalClock.ToUtc(form.AppointmentAt!.Value), null,
                    form.Custody, actor, now);
                db.MoveIns.Add(moveIn);
            }))
        {
            return View(form);
        }

        logger.LogInformation("Move-in {Number} booked by {User}", moveIn!.Number, actor.Name);
        Flash(t["MoveIns.Booked", moveIn.Number]);
        return RedirectToAction(nameof(Details), new { id = moveIn.Id });
    }

    private Customer AddOwner(Guid propertyId, MoveInForm form)
    {
        var owner = new Customer(propertyId, form.Applicant == MoveInApplicant.Company ? CustomerKind.Company : CustomerKind.Person, form.NewName!, form.NewPhone);
        db.Customers.Add(owner);
        return owner;
    }

    private Task<string> NextNumberAsync(Guid propertyId, DateTime nowUtc, CancellationToken ct) =>
        CaseNumbers.NextAsync(db.MoveIns.IgnoreQueryFilters().Where(m => m.PropertyId == propertyId).Select(m => m.Number), NumberKind, nowUtc, ct);

    private async Task<bool> WithUnitAsync(MoveInForm form, CancellationToken ct)
    {
        if (form.UnitId is not { } unitId || (await UnitLabels.ForAsync(db, [unitId], ct)).GetValueOrDefault(unitId) is not { } label)
        {
            return false;
        }

        form.UnitLabel = $"{label.Property} {label.Building} {label.Number}";
        var today = Today;
        form.Owners = (await (from o in db.Occupancies.AsNoTracking()
                              join c in db.Customers on o.CustomerId equals c.Id
                              where o.UnitId == unitId && o.Role == OccupancyRole.Owner && (o.EndDate == null || o.EndDate >= today)
                              select new { c.Id, c.Name, c.Phone }).ToListAsync(ct))
            .Select(o => new SelectListItem($"{o.Name} {o.Phone}", o.Id.ToString(), o.Id == form.CustomerId)).ToList();
        return true;
    }

    [HttpGet]
    public Task<IActionResult> Details(Guid id, CancellationToken ct) => PageAsync(id, ct);

    /// <summary>入住手续单: the checklist with who ticked what, and signature lines — A4.</summary>
    [HttpGet]
    public Task<IActionResult> Checklist(Guid id, CancellationToken ct) => PageAsync(id, ct);

    /// <summary>住户登记表: the household's particulars and its members, with blank rows to fill in by hand — A4.</summary>
    [HttpGet]
    public async Task<IActionResult> Registration(Guid id, CancellationToken ct)
    {
        var page = await LoadAsync(id, ct);
        if (page is null)
        {
            return NotFound();
        }

        var customer = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == page.MoveIn.CustomerId, ct);
        var members = await db.HouseholdMembers.AsNoTracking().Where(m => m.CustomerId == page.MoveIn.CustomerId).OrderBy(m => m.Name).ToListAsync(ct);
        ViewData["Customer"] = customer;
        ViewData["Members"] = members;
        return View(page);
    }

    /// <summary>验房记录 (房屋质量验收登记表): base readings, defects and their repairs, the owner's signature — A4.</summary>
    [HttpGet]
    public Task<IActionResult> InspectionRecord(Guid id, CancellationToken ct) => PageAsync(id, ct);

    /// <summary>The move-in's page or one of its print forms: the same model, the action's view.</summary>
    private async Task<IActionResult> PageAsync(Guid id, CancellationToken ct)
    {
        var page = await LoadAsync(id, ct);
        return page is null ? NotFound() : View(page);
    }

    private async Task<MoveInPage?> LoadAsync(Guid id, CancellationToken ct)
    {
        var m = await db.MoveIns.AsNoTracking().Include(x => x.Checks).Include(x => x.Defects).Include(x => x.Events).AsSplitQuery()
            .FirstOrDefaultAsync(x => x.Id == id, ct);
        if (m is null)
        {
            return null;
        }

        var label = (await UnitLabels.ForAsync(db, [m.UnitId], ct))[m.UnitId];
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == m.CustomerId).Select(c => new { c.Name, c.Phone }).FirstAsync(ct);
        var batch = m.BatchId is { } bid ? await db.MoveInBatches.Where(b => b.Id == bid).Select(b => b.Name).FirstOrDefaultAsync(ct) : null;
        var charges = await ChargesAsync(m, ct);
        var receipts = await ReceiptsAsync(charges.Select(c => c.Id).ToList(), ct);
        var repairIds = m.Defects.Select(d => d.RepairOrderId).OfType<Guid>().ToList();
        var repairs = await db.RepairOrders.AsNoTracking().Where(o => repairIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => (o.Number, o.Status), ct);
        var defectIds = m.Defects.Select(d => d.Id).ToList();
        var photos = (await db.Attachments.AsNoTracking().Where(a => a.OwnerType == DefectPhotos && defectIds.Contains(a.OwnerId)).OrderBy(a => a.UploadedAt).ToListAsync(ct))
            .ToLookup(a => a.OwnerId);
        var callback = m.CallbackId is { } cb ? await db.Callbacks.AsNoTracking().FirstOrDefaultAsync(c => c.Id == cb, ct) : null;
        var clockIds = new[] { m.Id, m.CallbackId ?? Guid.Empty };
        var clocks = await caseClocks.ReadAsync(clockIds, ct);
        var names = await db.Users.Where(u => clocks.Select(c => c.AssigneeId).Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var feeItems = (await db.FeeItems.AsNoTracking()
                .Where(i => i.PropertyId == m.PropertyId && i.IsActive && (i.Kind == FeeKind.OneOff || i.Kind == FeeKind.Deposit))
                .OrderBy(i => i.SortOrder).ThenBy(i => i.Name).Select(i => new { i.Id, i.Name }).ToListAsync(ct))
            .Select(i => new SelectListItem(i.Name, i.Id.ToString())).ToList();
        var categories = (await db.RepairCategories.AsNoTracking().Where(c => c.IsActive).OrderBy(c => c.SortOrder).ThenBy(c => c.Name)
                .Select(c => new { c.Id, c.Group, c.Name }).ToListAsync(ct))
            .Select(c => new SelectListItem(c.Group + " · " + c.Name, c.Id.ToString())).ToList();
        var now = UtcNow;
        return new MoveInPage(m, label.Property, label.Building, label.Number, customer.Name, customer.Phone, batch,
            charges.Select(c => new MoveInChargeView(c.Id, c.Description, c.Amount, c.Amount - c.Released - c.Paid, receipts.GetValueOrDefault(c.Id) ?? [])).ToList(),
            m.Defects.OrderBy(d => d.RecordedAt).Select(d =>
            {
                var repair = d.RepairOrderId is { } rid && repairs.TryGetValue(rid, out var r) ? r : ((string, RepairStatus)?)null;
                return new DefectView(d, repair?.Item1, repair?.Item2, photos[d.Id].ToList());
            }).ToList(),
            callback, feeItems, categories, clocks.Select(c => Repairs.ClockView.From(c, now, names)).ToList(), now,
            await CanAsync(Policies.Supervision), await CanAsync(Policies.Cashier));
    }

    public const string DefectPhotos = "MoveInDefect";

    /// <summary>The move-in's own charges: raised from its page, keyed "MI:{id}:…" on the unit's ledger.</summary>
    private Task<List<Charge>> ChargesAsync(MoveIn m, CancellationToken ct)
    {
        var prefix = ChargeKey(m.Id, null);
        return db.Charges.AsNoTracking().Where(c => c.UnitId == m.UnitId && c.SourceKey.StartsWith(prefix)).OrderBy(c => c.CreatedAt).ToListAsync(ct);
    }

    private static string ChargeKey(Guid moveInId, Guid? feeItemId) => $"MI:{moveInId:N}:{feeItemId:N}";

    private async Task<Dictionary<Guid, List<string>>> ReceiptsAsync(List<Guid> chargeIds, CancellationToken ct) =>
        (await (from a in db.PaymentAllocations.AsNoTracking()
                join p in db.Payments on a.PaymentId equals p.Id
                where chargeIds.Contains(a.ChargeId) && p.ReversedAt == null
                select new { a.ChargeId, p.ReceiptNumber }).ToListAsync(ct))
            .GroupBy(x => x.ChargeId).ToDictionary(g => g.Key, g => g.Select(x => x.ReceiptNumber).Distinct().ToList());

    [HttpPost]
    public Task<IActionResult> Reschedule(Guid id, int version, DateTime? appointmentAt, CancellationToken ct)
    {
        if (!Within(appointmentAt, d => d.MoveIn, nameof(appointmentAt)))
        {
            FlashError(ModelStateErrors());
            return Task.FromResult<IActionResult>(RedirectToAction(nameof(Details), new { id }));
        }

        return StepAsync(id, version, (m, a, n) =>
        {
            if (appointmentAt is not { } local)
            {
                throw new DomainException("Required", "The new appointment time is required.");
            }

            m.Reschedule(PortalClock.ToUtc(local), a, n);
            return t["MoveIns.Rescheduled", ViewHelpers.Time(m.AppointmentAt)];
        }, ct);
    }

    [HttpPost]
    public Task<IActionResult> Receive(Guid id, int version, CancellationToken ct) =>
        StepAsync(id, version, (m, a, n) =>
        {
            m.Receive(a, n);
            return t["MoveIns.Received"];
        }, ct);

    [HttpPost]
    public Task<IActionResult> Check(Guid id, int version, List<MoveInItem>? items, CancellationToken ct) =>
        StepAsync(id, version, (m, a, n) => t["MoveIns.Checked", m.Check(items ?? [], a, n).Count], ct);

    /// <summary>Raises one move-in charge (an active one-off or deposit fee item) on the unit's ledger, to be paid at the cashier.</summary>
    [HttpPost]
    [Authorize(Policy = Policies.Cashier)]
    public async Task<IActionResult> RaiseCharge(Guid id, int version, Guid? feeItemId, decimal? amount, string? description, CancellationToken ct)
    {
        var m = await db.MoveIns.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (m is null)
        {
            return NotFound();
        }

        var back = RedirectToAction(nameof(Details), new { id });
        var item = feeItemId is { } fid ? await db.FeeItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == fid && i.PropertyId == m.PropertyId, ct) : null;
        var value = amount ?? 0;
        if (item is null || value <= 0 || value > 1_000_000m || decimal.Round(value, 2) != value || description?.Length > 100)
        {
            FlashError(t["MoveIns.ChargeInvalid"]);
            return back;
        }

        ExpectVersion(db, m, version);
        if (await TrySaveAsync(db, async () =>
            {
                m.RecordChargesRaised($"{item.Name} {ViewHelpers.Money(value)}", CurrentActor, UtcNow);
                await ledger.AddOneOffAsync(m.UnitId, item.Id, value, description ?? m.Number, Today, ChargeKey(m.Id, item.Id), CurrentActor, ct, m.CustomerId);
            }, nameof(feeItemId)))
        {
            Flash(t["MoveIns.ChargeRaised", item.Name, ViewHelpers.Money(value)]);
        }
        else
        {
            // The charge's key is one per move-in and fee item: a clash means this item is already charged.
            FlashError(ModelState[nameof(feeItemId)]?.Errors.Count > 0 ? t["MoveIns.ChargeTwice", item.Name] : ModelStateErrors());
        }

        return back;
    }

    /// <summary>Ticks 入住费用 once the ledger shows the move-in's charges paid; the receipts go on the checklist.</summary>
    [HttpPost]
    public Task<IActionResult> ConfirmCharges(Guid id, int version, CancellationToken ct) =>
        StepAsync(id, version, async m =>
        {
            var charges = await ChargesAsync(m, ct);
            var outstanding = charges.Sum(c => c.Amount - c.Released - c.Paid);
            var receipts = (await ReceiptsAsync(charges.Select(c => c.Id).ToList(), ct)).Values.SelectMany(r => r).Distinct().Order().ToList();
            return (mi, a, n) =>
            {
                mi.RecordChargesPaid(outstanding, receipts, a, n);
                return t["MoveIns.ChargesConfirmed", receipts.Count == 0 ? "—" : string.Join("、", receipts)];
            };
        }, ct);

    /// <summary>验房: base readings and the defects found, each becoming a repair order for the developer.</summary>
    [HttpPost]
    public Task<IActionResult> Inspect(Guid id, InspectionForm form, CancellationToken ct) => InspectAsync(id, form, false, ct);

    /// <summary>复检: refused while any defect's repair is still open; anything new found starts another round.</summary>
    [HttpPost]
    public Task<IActionResult> Reinspect(Guid id, InspectionForm form, CancellationToken ct) => InspectAsync(id, form, true, ct);

    private async Task<IActionResult> InspectAsync(Guid id, InspectionForm form, bool again, CancellationToken ct)
    {
        var m = await TrackedAsync(id, ct);
        if (m is null)
        {
            return NotFound();
        }

        if (!again && (form.Water is null || form.Electricity is null || string.IsNullOrWhiteSpace(form.InspectorName)))
        {
            ModelState.AddModelError(string.Empty, t["MoveIns.ReadingsRequired"]);
        }

        if (!ModelState.IsValid)
        {
            return await RedisplayInspectionAsync(id, form, ct);
        }

        var rows = form.Defects.Where(d => !d.IsBlank).ToList();
        var categoryIds = rows.Select(r => r.CategoryId!.Value).Distinct().ToList();
        var categories = await db.RepairCategories.AsNoTracking().Where(c => categoryIds.Contains(c.Id) && c.IsActive).ToDictionaryAsync(c => c.Id, ct);
        if (categories.Count != categoryIds.Count)
        {
            ModelState.AddModelError(string.Empty, t["MoveIns.DefectCategory"]);
            return await RedisplayInspectionAsync(id, form, ct);
        }

        var repairIds = m.Defects.Where(d => d.FixedAt is null).Select(d => d.RepairOrderId).OfType<Guid>().ToList();
        var openRepairs = await db.RepairOrders.AsNoTracking()
            .Where(o => repairIds.Contains(o.Id) && (o.Status == RepairStatus.Accepted || o.Status == RepairStatus.Dispatched || o.Status == RepairStatus.OnSite || o.Status == RepairStatus.Paused))
            .Select(o => o.Id).ToListAsync(ct);
        var openDefects = m.Defects.Where(d => d.RepairOrderId is { } r && openRepairs.Contains(r)).Select(d => d.Id).ToList();
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == m.CustomerId).Select(c => new { c.Name, c.Phone }).FirstAsync(ct);
        var context = await caseClocks.ContextForAsync(m.PropertyId, ct);
        var actor = CurrentActor;
        var now = UtcNow;
        ExpectVersion(db, m, form.Version);
        var found = rows.Select(r => (r.Location!.Trim(), r.Description!.Trim())).ToList();
        IReadOnlyList<MoveInDefect> added = [];
        var saved = await TrySaveNumberedAsync(db,
            () => CaseNumbers.NextAsync(db.RepairOrders.IgnoreQueryFilters().Where(o => o.PropertyId == m.PropertyId).Select(o => o.Number), "BX", now, ct),
            number =>
            {
                added = again
                    ? m.Reinspect(openDefects, found, actor, now)
                    : m.RecordInspection(form.InspectorName!, form.Water!.Value, form.Electricity!.Value, form.Gas, found, actor, now);
                var clocks = caseClocks.ForNewCase(context);
                for (var i = 0; i < added.Count; i++)
                {
                    var defect = added[i];
                    var row = rows[i];
                    var order = RepairOrder.Open(CaseNumbers.Following(number, i), new RepairOrder.Intake(m.PropertyId, m.UnitId, m.CustomerId, null, customer.Name,
                        customer.Phone, $"{t["MoveIns.DefectLocation", m.Number]} {defect.Location}", defect.Description, categories[row.CategoryId!.Value],
                        RepairUrgency.Normal, RepairBilling.Warranty, RepairResponsibility.Developer, null, now), actor, now, clocks);
                    db.RepairOrders.Add(order);
                    defect.LinkRepairOrder(order.Id);
                }
            }, beforeRetry: async () =>
            {
                m = await TrackedAsync(id, ct) ?? throw new InvalidOperationException("The move-in disappeared during its inspection.");
                ExpectVersion(db, m, form.Version);
            });
        if (saved)
        {
            await SaveDefectPhotosAsync(m, added, ct);
            logger.LogInformation("Move-in {Number} {Step}: {Defects} defect(s) by {User}", m.Number, again ? "re-inspected" : "inspected", added.Count, actor.Name);
            Flash(added.Count == 0 ? t["MoveIns.InspectionPassed"] : t["MoveIns.DefectsRaised", added.Count]);
            return RedirectToAction(nameof(Details), new { id });
        }

        return await RedisplayInspectionAsync(id, form, ct);
    }

    /// <summary>
    /// A refused inspection comes back on the move-in's page with the reason inside the form and what was
    /// typed still there (readings, every defect row); only the photos must be chosen again.
    /// </summary>
    private async Task<IActionResult> RedisplayInspectionAsync(Guid id, InspectionForm form, CancellationToken ct)
    {
        var page = await LoadAsync(id, ct);
        if (page is null)
        {
            return NotFound();
        }

        ViewData["Inspection"] = form;
        ViewData["InspectionError"] = ModelStateErrors();
        return View(nameof(Details), page);
    }

    /// <summary>Photos posted with the inspection rows (defectPhotos_0, defectPhotos_1, …) go to the defects just made.</summary>
    private async Task SaveDefectPhotosAsync(MoveIn m, IReadOnlyList<MoveInDefect> added, CancellationToken ct)
    {
        if (!Request.HasFormContentType || Request.Form.Files.Count == 0 || added.Count == 0)
        {
            return;
        }

        for (var i = 0; i < added.Count; i++)
        {
            var photos = Request.Form.Files.GetFiles($"defectPhotos_{i}");
            if (photos.Count > 0)
            {
                await PhotoUploads.AddAsync(db, files, DefectPhotos, added[i].Id, m.PropertyId, photos, CurrentActor, UtcNow, ct);
            }
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>More photos of one defect (the developer's repair, before and after).</summary>
    [HttpPost]
    public async Task<IActionResult> AddPhotos(Guid id, Guid defectId, List<IFormFile>? photos, CancellationToken ct)
    {
        var defect = await db.MoveInDefects.AsNoTracking().FirstOrDefaultAsync(d => d.Id == defectId && d.MoveInId == id, ct);
        if (defect is null)
        {
            return NotFound();
        }

        var (added, rejected) = await PhotoUploads.AddAsync(db, files, DefectPhotos, defect.Id, defect.PropertyId, photos ?? [], CurrentActor, UtcNow, ct);
        await db.SaveChangesAsync(ct);
        if (rejected.Count > 0)
        {
            FlashError(t["MoveIns.NotImages", added, string.Join("、", rejected)]);
        }
        else
        {
            Flash(t["MoveIns.PhotosAdded", added]);
        }

        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpPost]
    public Task<IActionResult> SignOff(Guid id, int version, string? signedBy, CancellationToken ct) =>
        StepAsync(id, version, (m, a, n) =>
        {
            m.SignOff(signedBy ?? "", a, n);
            return t["MoveIns.SignedOff"];
        }, ct);

    [HttpPost]
    public Task<IActionResult> Keys(Guid id, int version, int keys, CancellationToken ct) =>
        StepAsync(id, version, (m, a, n) =>
        {
            m.HandOverKeys(keys, a, n);
            return t["MoveIns.KeysHandedOver", keys];
        }, ct);

    /// <summary>
    /// Completes the move-in: the owner on the unit's record from today, the unit occupied (or vacant in
    /// custody, with its weekly patrol clock), the new household's callback due one calendar month from
    /// now, given to the clerk who completed it (谁受理谁回访).
    /// </summary>
    [HttpPost]
    public async Task<IActionResult> Complete(Guid id, int version, string? overrideReason, CancellationToken ct)
    {
        var m = await TrackedAsync(id, ct);
        if (m is null)
        {
            return NotFound();
        }

        var today = Today;
        var unit = await db.Units.FirstAsync(u => u.Id == m.UnitId, ct);
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == m.CustomerId).Select(c => new { c.Name, c.Phone }).FirstAsync(ct);
        var onRecord = await db.Occupancies.AnyAsync(o => o.UnitId == m.UnitId && o.CustomerId == m.CustomerId && (o.EndDate == null || o.EndDate >= today), ct);
        var clocks = await caseClocks.ForCaseAsync(m, ct);
        var custody = await caseClocks.ForSubjectsAsync(m.PropertyId, [m.UnitId], ct);
        var opening = BillingPeriod.Of(today).Previous.Key;
        var readings = await db.MeterReadings.Where(r => r.UnitId == m.UnitId && r.Period == opening).ToListAsync(ct);
        var canOverride = await CanAsync(Policies.Supervision);
        var actor = CurrentActor;
        var now = UtcNow;
        ExpectVersion(db, m, version);
        if (await TrySaveAsync(db, () =>
            {
                var callback = m.Complete(canOverride, overrideReason, actor.UserId, actor.Name, customer.Name, customer.Phone, CallbackDue(now), actor, now, clocks);
                db.Callbacks.Add(callback);
                if (!onRecord)
                {
                    db.Occupancies.Add(new Occupancy(m.PropertyId, m.UnitId, m.CustomerId, OccupancyRole.Owner, today));
                }

                OpenMeters(m, opening, readings, actor, now);
                if (m.Custody)
                {
                    unit.SetStatus(UnitStatus.Vacant);
                    unit.SetCustody(true);
                    if (custody.Open(SlaMilestone.CustodyPatrol) is null)
                    {
                        CustodyPatrols.StartNext(custody, m.PropertyId, m.UnitId, now);
                    }
                }
                else
                {
                    unit.SetStatus(UnitStatus.Occupied);
                }
            }))
        {
            logger.LogInformation("Move-in {Number} completed by {User}{Override}", m.Number, actor.Name, m.OverrideReason is null ? "" : " with override: " + m.OverrideReason);
            Flash(t["MoveIns.Completed", m.Number, ViewHelpers.Date(DateOnly.FromDateTime(PortalClock.ToLocal(CallbackDue(now))))]);
        }
        else
        {
            FlashError(ModelStateErrors());
        }

        return RedirectToAction(nameof(Details), new { id });
    }

    /// <summary>
    /// The base readings taken with the owner become the unit's meter readings closing the month before
    /// (<paramref name="opening"/>): the first bill charges the household only what it used since the
    /// inspection. A reading already there is corrected to the base the owner signed.
    /// </summary>
    private void OpenMeters(MoveIn m, int opening, List<MeterReading> existing, Actor actor, DateTime now)
    {
        foreach (var (meter, value) in new[] { (MeterKind.Water, m.WaterBase), (MeterKind.Electricity, m.ElectricityBase), (MeterKind.Gas, m.GasBase) })
        {
            if (value is not { } reading)
            {
                continue;
            }

            if (existing.FirstOrDefault(r => r.Meter == meter) is { } row)
            {
                row.Change(reading, actor, now);
            }
            else
            {
                db.MeterReadings.Add(new MeterReading(m.PropertyId, m.UnitId, meter, opening, reading, actor, now));
            }
        }
    }

    /// <summary>The new household's callback: one calendar month after the move-in, on the portal's wall clock (002 L13).</summary>
    public static DateTime CallbackDue(DateTime nowUtc) => PortalClock.ToUtc(PortalClock.ToLocal(nowUtc).AddMonths(1));

    [HttpPost]
    public Task<IActionResult> Cancel(Guid id, int version, string? reason, CancellationToken ct) =>
        StepAsync(id, version, (m, a, n) =>
        {
            m.Cancel(reason ?? "", a, n);
            return t["MoveIns.Cancelled"];
        }, ct);

    private Task<MoveIn?> TrackedAsync(Guid id, CancellationToken ct) =>
        db.MoveIns.Include(x => x.Checks).Include(x => x.Defects).AsSplitQuery().FirstOrDefaultAsync(x => x.Id == id, ct);

    /// <summary>One step on the move-in's page: the change, saved against the version the page showed, and its message.</summary>
    private Task<IActionResult> StepAsync(Guid id, int version, Func<MoveIn, Actor, DateTime, string> change, CancellationToken ct) =>
        StepAsync(id, version, _ => Task.FromResult(change), ct);

    /// <summary>The same, for a step that first reads what it needs (the ledger) for the loaded move-in.</summary>
    private async Task<IActionResult> StepAsync(Guid id, int version, Func<MoveIn, Task<Func<MoveIn, Actor, DateTime, string>>> prepare, CancellationToken ct)
    {
        var m = await TrackedAsync(id, ct);
        if (m is null)
        {
            return NotFound();
        }

        var change = await prepare(m);
        ExpectVersion(db, m, version);
        var message = "";
        if (await TrySaveAsync(db, () => message = change(m, CurrentActor, UtcNow)))
        {
            Flash(message);
        }
        else
        {
            FlashError(ModelStateErrors());
        }

        return RedirectToAction(nameof(Details), new { id });
    }

    // ---------------- 集中入伙 ----------------

    [HttpGet]
    public async Task<IActionResult> Batches(CancellationToken ct)
    {
        var batches = await (from b in db.MoveInBatches.AsNoTracking()
                             join p in db.Properties on b.PropertyId equals p.Id
                             orderby b.Day descending
                             select new { b.Id, b.Name, b.Day, Property = p.Name }).Take(100).ToListAsync(ct);
        var ids = batches.Select(b => b.Id).ToList();
        var counts = await db.MoveIns.AsNoTracking().Where(m => m.BatchId != null && ids.Contains(m.BatchId.Value))
            .GroupBy(m => m.BatchId!.Value).Select(g => new { g.Key, Total = g.Count(), Done = g.Count(m => m.Status == MoveInStatus.Completed) }).ToDictionaryAsync(x => x.Key, ct);
        return View(batches.Select(b => (b.Id, b.Name, b.Day, b.Property, counts.GetValueOrDefault(b.Id)?.Total ?? 0, counts.GetValueOrDefault(b.Id)?.Done ?? 0)).ToList());
    }

    [HttpGet]
    public async Task<IActionResult> CreateBatch(Guid? propertyId, Guid? buildingId, CancellationToken ct)
    {
        var form = new BatchForm { PropertyId = propertyId, BuildingId = buildingId, Day = Today.AddDays(7) };
        await FillBatchAsync(form, ct);
        return View(form);
    }

    [HttpPost]
    public async Task<IActionResult> CreateBatch(BatchForm form, CancellationToken ct)
    {
        await FillBatchAsync(form, ct);
        var eligible = form.Candidates.Where(c => !c.HasMoveIn).Select(c => c.UnitId).ToHashSet();
        if (form.UnitIds.Any(u => !eligible.Contains(u)))
        {
            ModelState.AddModelError(nameof(form.UnitIds), t["MoveIns.UnitNotEligible"]);
        }

        if (!ModelState.IsValid)
        {
            return View(form);
        }

        var today = Today;
        var unitIds = form.UnitIds.Distinct().ToList();
        var owners = (await db.Occupancies.AsNoTracking()
                .Where(o => unitIds.Contains(o.UnitId) && o.Role == OccupancyRole.Owner && (o.EndDate == null || o.EndDate >= today))
                .OrderBy(o => o.StartDate).Select(o => new { o.UnitId, o.CustomerId }).ToListAsync(ct))
            .GroupBy(o => o.UnitId).ToDictionary(g => g.Key, g => g.First().CustomerId);
        var order = form.Candidates.Where(c => unitIds.Contains(c.UnitId)).Select(c => c.UnitId).ToList();
        var propertyId = form.PropertyId!.Value;
        var now = UtcNow;
        var actor = CurrentActor;
        MoveInBatch? batch = null;
        if (!await TrySaveNumberedAsync(db, () => NextNumberAsync(propertyId, now, ct), number =>
            {
                var slots = MoveInBatch.Schedule(PortalClock.ToUtc(form.Day!.Value.ToDateTime(form.FirstSlot!.Value)), order.Count, form.SlotMinutes, form.Desks);
                batch = new MoveInBatch(propertyId, form.Name!, form.Day!.Value, actor, now);
                db.MoveInBatches.Add(batch);
                for (var i = 0; i < order.Count; i++)
                {
                    db.MoveIns.Add(new MoveIn(CaseNumbers.Following(number, i), propertyId, order[i], owners[order[i]], MoveInApplicant.Owner, null, slots[i], batch.Id,
                        false, actor, now));
                }
            }))
        {
            return View(form);
        }

        logger.LogInformation("Move-in batch {Batch} of {Count} units booked by {User}", batch!.Name, order.Count, actor.Name);
        Flash(t["MoveIns.BatchBooked", order.Count]);
        return RedirectToAction(nameof(Batch), new { id = batch.Id });
    }

    private async Task FillBatchAsync(BatchForm form, CancellationToken ct)
    {
        form.Properties = await db.PropertyOptionsAsync(form.PropertyId, ct);
        if (form.PropertyId is not { } propertyId)
        {
            return;
        }

        form.Buildings = (await db.Buildings.AsNoTracking().Where(b => b.PropertyId == propertyId).OrderBy(b => b.Name).Select(b => new { b.Id, b.Name }).ToListAsync(ct))
            .Select(b => new SelectListItem(b.Name, b.Id.ToString(), b.Id == form.BuildingId)).ToList();
        if (form.BuildingId is not { } buildingId || form.Buildings.All(b => b.Value != buildingId.ToString()))
        {
            form.BuildingId = null;
            return;
        }

        var today = Today;
        var units = await db.Units.AsNoTracking().Where(u => u.BuildingId == buildingId).OrderBy(u => u.Number).Select(u => new { u.Id, u.Number }).ToListAsync(ct);
        var unitIds = units.Select(u => u.Id).ToList();
        var owners = (await (from o in db.Occupancies.AsNoTracking()
                             join c in db.Customers on o.CustomerId equals c.Id
                             where unitIds.Contains(o.UnitId) && o.Role == OccupancyRole.Owner && (o.EndDate == null || o.EndDate >= today)
                             select new { o.UnitId, c.Name }).ToListAsync(ct))
            .GroupBy(o => o.UnitId).ToDictionary(g => g.Key, g => string.Join("、", g.Select(x => x.Name)));
        var taken = (await db.MoveIns.AsNoTracking().Where(m => unitIds.Contains(m.UnitId) && m.Status != MoveInStatus.Cancelled).Select(m => m.UnitId).ToListAsync(ct)).ToHashSet();
        form.Candidates = units.Where(u => owners.ContainsKey(u.Id)).Select(u => new BatchCandidate(u.Id, u.Number, owners[u.Id], taken.Contains(u.Id))).ToList();
    }

    /// <summary>The batch day at a glance: each unit's slot, checklist progress, inspection and status. Prints as the day's schedule.</summary>
    [HttpGet]
    public async Task<IActionResult> Batch(Guid id, CancellationToken ct)
    {
        var batch = await db.MoveInBatches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct);
        if (batch is null)
        {
            return NotFound();
        }

        var rows = (await RowsAsync(db.MoveIns.AsNoTracking().Where(m => m.BatchId == id), ct)).OrderBy(r => r.AppointmentAt).ThenBy(r => r.Number).ToList();
        var labels = await UnitLabels.ForAsync(db, rows.Select(r => r.UnitId).ToList(), ct);
        var property = await db.Properties.Where(p => p.Id == batch.PropertyId).Select(p => p.Name).FirstAsync(ct);
        return View(new BatchPage(batch, property, rows, labels));
    }

    // ---------------- 托管 ----------------

    /// <summary>Units in custody (托管): last patrol, when the next is due, the base readings the meters are compared with.</summary>
    [HttpGet]
    [Authorize(Policy = Policies.HouseholdWrite)]
    public async Task<IActionResult> Custody(CancellationToken ct)
    {
        var today = Today;
        var units = await (from u in db.Units.AsNoTracking()
                           join b in db.Buildings on u.BuildingId equals b.Id
                           join p in db.Properties on u.PropertyId equals p.Id
                           where u.InCustody
                           orderby p.Name, b.Name, u.Number
                           select new { u.Id, Property = p.Name, Building = b.Name, u.Number }).ToListAsync(ct);
        var ids = units.Select(u => u.Id).ToList();
        var households = await UnitLabels.HouseholdsAsync(db, ids, today, ct);
        var bases = await BaseReadingsAsync(ids, ct);
        var patrols = (await db.CustodyPatrols.AsNoTracking().Where(p => ids.Contains(p.UnitId)).ToListAsync(ct))
            .GroupBy(p => p.UnitId).ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.At).First());
        var due = (await db.SlaClocks.AsNoTracking().Where(c => c.Subject == SlaSubject.CustodyUnit && ids.Contains(c.SubjectId) && c.State == SlaClockState.Running)
                .Select(c => new { c.SubjectId, c.DueAt }).ToListAsync(ct))
            .GroupBy(c => c.SubjectId).ToDictionary(g => g.Key, g => g.Min(c => c.DueAt));
        var rows = units.Select(u => new CustodyRow(u.Id, u.Property, u.Building, u.Number, households.GetValueOrDefault(u.Id)?.Names,
            bases.GetValueOrDefault(u.Id).Water, bases.GetValueOrDefault(u.Id).Electricity, patrols.GetValueOrDefault(u.Id),
            due.TryGetValue(u.Id, out var d) ? d : null)).ToList();
        ViewData["Now"] = UtcNow;
        return View(rows);
    }

    /// <summary>
    /// A weekly custody patrol: what was seen, and the meters. Meets the running patrol clock and starts the
    /// next week's; a problem or meters past the custody limits go to the property's supervisors.
    /// </summary>
    [HttpPost]
    [Authorize(Policy = Policies.HouseholdWrite)]
    public async Task<IActionResult> Patrol(Guid unitId, string? finding, bool problem, decimal? water, decimal? electricity, CancellationToken ct)
    {
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId && u.InCustody, ct);
        if (unit is null)
        {
            return NotFound();
        }

        var back = Redirect(Url.Action(nameof(Custody)) + "#u-" + unitId);
        if (string.IsNullOrWhiteSpace(finding) || finding.Length > 1000 || water is < 0 or > 100_000_000m || electricity is < 0 or > 100_000_000m)
        {
            FlashError(t["MoveIns.PatrolInvalid"]);
            return back;
        }

        var bases = (await BaseReadingsAsync([unitId], ct)).GetValueOrDefault(unitId);
        var clocks = await caseClocks.ForSubjectsAsync(unit.PropertyId, [unitId], ct);
        var label = (await UnitLabels.ForAsync(db, [unitId], ct))[unitId];
        var now = UtcNow;
        CustodyPatrol? patrol = null;
        if (await TrySaveAsync(db, async () =>
            {
                patrol = new CustodyPatrol(unit.PropertyId, unitId, finding, problem, water, electricity, bases.Water, bases.Electricity, CurrentActor, now);
                db.CustodyPatrols.Add(patrol);
                clocks.MeetAll(SlaMilestone.CustodyPatrol, now);
                CustodyPatrols.StartNext(clocks, unit.PropertyId, unitId, now);
                await notifications.PatrolledAsync(patrol, $"{label.Building} {label.Number}", ct);
            }))
        {
            Flash(patrol!.MeterAlarm ? t["MoveIns.PatrolMeterAlarm"] : t["MoveIns.Patrolled"]);
        }
        else
        {
            FlashError(ModelStateErrors());
        }

        return back;
    }

    /// <summary>The base readings a custody patrol compares with: those of the unit's latest completed move-in.</summary>
    private async Task<Dictionary<Guid, (decimal? Water, decimal? Electricity)>> BaseReadingsAsync(IReadOnlyCollection<Guid> unitIds, CancellationToken ct) =>
        (await db.MoveIns.AsNoTracking().Where(m => unitIds.Contains(m.UnitId) && m.Status == MoveInStatus.Completed)
            .Select(m => new { m.UnitId, m.CompletedAt, m.WaterBase, m.ElectricityBase }).ToListAsync(ct))
        .GroupBy(m => m.UnitId)
        .ToDictionary(g => g.Key, g => g.OrderByDescending(m => m.CompletedAt).Select(m => (m.WaterBase, m.ElectricityBase)).First());

    // ---------------- 周统计 ----------------

    /// <summary>入住周统计 (004 L36): the week (Monday–Sunday, China time) holding <paramref name="week"/>.</summary>
    [HttpGet]
    public async Task<IActionResult> Stats(DateOnly? week, Guid? propertyId, CancellationToken ct)
    {
        var day = week ?? Today;
        var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        var from = PortalClock.ToUtc(monday.ToDateTime(TimeOnly.MinValue));
        var to = PortalClock.ToUtc(monday.AddDays(7).ToDateTime(TimeOnly.MinValue));
        var moveIns = db.MoveIns.AsNoTracking().Where(m => propertyId == null || m.PropertyId == propertyId);
        var events = db.MoveInEvents.AsNoTracking().Where(e => (propertyId == null || e.PropertyId == propertyId) && e.At >= from && e.At < to);
        var defects = db.MoveInDefects.AsNoTracking().Where(d => propertyId == null || d.PropertyId == propertyId);
        var callbacks = db.Callbacks.AsNoTracking().Where(c => c.Source == CallbackSource.MoveIn && (propertyId == null || c.PropertyId == propertyId));
        var patrols = db.CustodyPatrols.AsNoTracking().Where(p => (propertyId == null || p.PropertyId == propertyId) && p.At >= from && p.At < to);
        var now = UtcNow;
        var cutoff = now < to ? now : to;
        var patrolClocks = db.SlaClocks.AsNoTracking().Where(c => c.Milestone == SlaMilestone.CustodyPatrol && (propertyId == null || c.PropertyId == propertyId)
            && c.DueAt >= from && c.DueAt < cutoff);
        var model = new MoveInWeek(monday, propertyId, await db.PropertyOptionsAsync(propertyId, ct),
            await moveIns.CountAsync(m => m.BookedAt >= from && m.BookedAt < to, ct),
            await moveIns.CountAsync(m => m.ReceivedAt >= from && m.ReceivedAt < to, ct),
            await moveIns.CountAsync(m => m.CompletedAt >= from && m.CompletedAt < to, ct),
            await moveIns.CountAsync(m => m.CompletedAt >= from && m.CompletedAt < to && m.OverrideReason != null, ct),
            await events.CountAsync(e => e.Kind == MoveInEventKind.Cancelled, ct),
            await events.CountAsync(e => e.Kind == MoveInEventKind.Inspected && e.Note == null, ct),
            await events.CountAsync(e => e.Kind == MoveInEventKind.Inspected && e.Note != null, ct),
            await defects.CountAsync(d => d.RecordedAt >= from && d.RecordedAt < to, ct),
            await defects.CountAsync(d => d.FixedAt >= from && d.FixedAt < to, ct),
            await callbacks.CountAsync(c => c.DueAt >= from && c.DueAt < to, ct),
            await callbacks.CountAsync(c => c.CompletedAt >= from && c.CompletedAt < to && (c.Status == CallbackStatus.Done || c.Status == CallbackStatus.Refused), ct),
            await db.Units.AsNoTracking().CountAsync(u => u.InCustody && (propertyId == null || u.PropertyId == propertyId), ct),
            await patrols.CountAsync(ct),
            await patrolClocks.CountAsync(c => (c.MetAt != null && c.MetAt > c.DueAt) || (c.MetAt == null && c.State != SlaClockState.Cancelled), ct),
            await patrols.CountAsync(p => p.MeterAlarm, ct));
        return View(model);
    }
}
