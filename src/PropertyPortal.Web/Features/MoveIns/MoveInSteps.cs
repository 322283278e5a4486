using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Fees;
using PropertyPortal.Domain.MoveInOut;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Features.Fees;
using PropertyPortal.Web.Features.Shared;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Storage;

namespace PropertyPortal.Web.Features.MoveIns;

/// <summary>
/// Every step of a move-in after booking, each one domain method run through the case step runner
/// (<see cref="CaseSteps{TCase}"/>: the move-in loaded with its checklist and defects, the posted version expected,
/// its clocks through the seam, notifications from its new events by <see cref="MoveInNotifications"/>, one save).
/// What a step adds beside the move-in — a ledger charge, the developer's repair orders, the new household's
/// callback, the occupancy, the opening meter readings, the custody patrol clock — is added inside the step, so it
/// is saved in the same transaction. A step that is done carries the message the desk reads in <see cref="StepResult.Message"/>.
/// </summary>
public sealed class MoveInSteps(
    CaseSteps<MoveIn> steps, CaseClocks caseClocks, MoveInPages pages, PortalDbContext db, Ledger ledger, FileStore files, TimeProvider time,
    IStringLocalizer<MoveInsText> t, ILogger<MoveInSteps> logger)
{
    private static readonly RepairStatus[] OpenRepair = [RepairStatus.Accepted, RepairStatus.Dispatched, RepairStatus.OnSite, RepairStatus.Paused];

    /// <summary>A new appointment (local time as typed): the reception clock follows it.</summary>
    public async Task<StepResult> RescheduleAsync(StepRequest request, DateTime? appointmentLocal, CancellationToken ct)
    {
        var at = appointmentLocal is { } local ? PortalClock.ToUtc(local) : (DateTime?)null;
        var result = await steps.RunAsync(request,
            (m, s) => m.Reschedule(at ?? throw new DomainException("Required", "The new appointment time is required."), s.By, s.Now, s.Clocks), ct, load: Checklist);
        return Said(result, () => t["MoveIns.Rescheduled", ViewHelpers.Time(at)]);
    }

    /// <summary>开始办理: the household is at the counter; the reception clock is met.</summary>
    public async Task<StepResult> ReceiveAsync(StepRequest request, CancellationToken ct) =>
        Said(await steps.RunAsync(request, (m, s) => m.Receive(s.By, s.Now, s.Clocks), ct, load: Checklist), () => t["MoveIns.Received"]);

    /// <summary>Ticks the counter's lines of the checklist.</summary>
    public async Task<StepResult> CheckAsync(StepRequest request, IReadOnlyList<MoveInItem>? items, CancellationToken ct)
    {
        var ticked = 0;
        var result = await steps.RunAsync(request, (m, s) => ticked = m.Check(items ?? [], s.By, s.Now).Count, ct, load: Checklist);
        return Said(result, () => t["MoveIns.Checked", ticked]);
    }

    /// <summary>Raises one move-in charge (an active one-off or deposit fee item of the property) on the unit's ledger, to be paid at the cashier.</summary>
    public async Task<StepResult> RaiseChargeAsync(StepRequest request, Guid? feeItemId, decimal? amount, string? description, CancellationToken ct)
    {
        var propertyId = await db.MoveIns.Where(m => m.Id == request.Id).Select(m => (Guid?)m.PropertyId).FirstOrDefaultAsync(ct);
        var item = propertyId is { } pid && feeItemId is { } fid ? await db.FeeItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == fid && i.PropertyId == pid, ct) : null;
        var value = amount ?? 0;
        if (item is null || value <= 0 || value > 1_000_000m || decimal.Round(value, 2) != value || description?.Length > 100)
        {
            request = request.WithError(t["MoveIns.ChargeInvalid"]);
        }

        var today = PortalClock.Today(time);
        var result = await steps.RunAsync(request, async (m, s) =>
        {
            m.RecordChargesRaised($"{item!.Name} {ViewHelpers.Money(value)}", s.By, s.Now);
            await ledger.AddOneOffAsync(m.UnitId, item.Id, value, description ?? m.Number, today, MoveInPages.ChargeKey(m.Id, item.Id), s.By, ct, m.CustomerId);
        }, ct, load: Checklist);

        // The charge's key is one per move-in and fee item: a clash means this item is already charged.
        return result.Status == StepStatus.Duplicate
            ? result with { Status = StepStatus.Refused, Message = t["MoveIns.ChargeTwice", item!.Name] }
            : Said(result, () => t["MoveIns.ChargeRaised", item!.Name, ViewHelpers.Money(value)]);
    }

    /// <summary>Ticks 入住费用 once the ledger shows the move-in's charges paid; the receipts go on the checklist.</summary>
    public async Task<StepResult> ConfirmChargesAsync(StepRequest request, CancellationToken ct)
    {
        var unitId = await db.MoveIns.Where(m => m.Id == request.Id).Select(m => (Guid?)m.UnitId).FirstOrDefaultAsync(ct);
        var charges = unitId is { } unit ? await pages.ChargesAsync(request.Id, unit, ct) : [];
        var outstanding = charges.Sum(c => c.Amount - c.Released - c.Paid);
        var receipts = (await pages.ReceiptsAsync(charges.Select(c => c.Id).ToList(), ct)).Values.SelectMany(r => r).Distinct().Order().ToList();
        var result = await steps.RunAsync(request, (m, s) => m.RecordChargesPaid(outstanding, receipts, s.By, s.Now), ct, load: Checklist);
        return Said(result, () => t["MoveIns.ChargesConfirmed", receipts.Count == 0 ? "—" : string.Join("、", receipts)]);
    }

    /// <summary>
    /// 验房 (or 复检 when <paramref name="again"/>): base readings the first time, and the defects found, each becoming a
    /// repair order for the developer (numbered BX…, drawn again when another desk took the number), saved with the
    /// inspection; a re-inspection is refused while a defect's repair is still open. The defect rows' photos
    /// (<c>defectPhotos_{row}</c>) go to the defects once the inspection is saved.
    /// </summary>
    public async Task<StepResult> InspectAsync(StepRequest request, InspectionForm form, bool again, IFormFileCollection? photos, Actor actor, CancellationToken ct)
    {
        if (!again && (form.Water is null || form.Electricity is null || string.IsNullOrWhiteSpace(form.InspectorName)))
        {
            request = request.WithError(t["MoveIns.ReadingsRequired"]);
        }

        var rows = form.Defects.Where(d => !d.IsBlank).ToList();
        var categoryIds = rows.Select(r => r.CategoryId).OfType<Guid>().Distinct().ToList();
        var categories = await db.RepairCategories.AsNoTracking().Where(c => categoryIds.Contains(c.Id) && c.IsActive).ToDictionaryAsync(c => c.Id, ct);
        if (request.InputErrors is null && (categories.Count != categoryIds.Count || rows.Any(r => r.CategoryId is null)))
        {
            request = request.WithError(t["MoveIns.DefectCategory"]);
        }

        var head = await db.MoveIns.AsNoTracking().Where(m => m.Id == request.Id).Select(m => new { m.CustomerId }).FirstOrDefaultAsync(ct);
        var customer = head is null ? null
            : await db.Customers.AsNoTracking().Where(c => c.Id == head.CustomerId).Select(c => new { c.Name, c.Phone }).FirstAsync(ct);
        var linked = await db.MoveInDefects.AsNoTracking().Where(d => d.MoveInId == request.Id && d.FixedAt == null && d.RepairOrderId != null)
            .Select(d => new { d.Id, Repair = d.RepairOrderId!.Value }).ToListAsync(ct);
        var repairIds = linked.Select(d => d.Repair).ToList();
        var openRepairs = await db.RepairOrders.AsNoTracking().Where(o => repairIds.Contains(o.Id) && OpenRepair.Contains(o.Status)).Select(o => o.Id).ToListAsync(ct);
        var openDefects = linked.Where(d => openRepairs.Contains(d.Repair)).Select(d => d.Id).ToList();
        var found = rows.Select(r => (r.Location?.Trim() ?? "", r.Description?.Trim() ?? "")).ToList();
        IReadOnlyList<MoveInDefect> added = [];
        var result = await steps.RunNumberedAsync(request, async (m, s) =>
        {
            added = again
                ? m.Reinspect(openDefects, found, s.By, s.Now)
                : m.RecordInspection(form.InspectorName!, form.Water!.Value, form.Electricity!.Value, form.Gas, found, s.By, s.Now);
            if (added.Count == 0)
            {
                return;
            }

            var number = await CaseNumbers.NextAsync(db.RepairOrders.IgnoreQueryFilters().Where(o => o.PropertyId == m.PropertyId).Select(o => o.Number),
                "BX", s.Now, ct);
            var clocks = caseClocks.ForNewCase(s.Clocks.Context);
            for (var i = 0; i < added.Count; i++)
            {
                var defect = added[i];
                var order = RepairOrder.Open(CaseNumbers.Following(number, i), new RepairOrder.Intake(m.PropertyId, m.UnitId, m.CustomerId, null, customer!.Name,
                    customer.Phone, $"{t["MoveIns.DefectLocation", m.Number]} {defect.Location}", defect.Description, categories[rows[i].CategoryId!.Value],
                    RepairUrgency.Normal, RepairBilling.Warranty, RepairResponsibility.Developer, null, s.Now), s.By, s.Now, clocks);
                db.RepairOrders.Add(order);
                defect.LinkRepairOrder(order.Id);
            }
        }, ct, load: Checklist);
        if (!result.Done)
        {
            return result;
        }

        await SaveDefectPhotosAsync(added, photos, actor, ct);
        logger.LogInformation("Move-in {Number} {Step}: {Defects} defect(s) by {User}", result.Number, again ? "re-inspected" : "inspected", added.Count, actor.Name);
        return result with { Message = added.Count == 0 ? t["MoveIns.InspectionPassed"] : t["MoveIns.DefectsRaised", added.Count] };
    }

    /// <summary>Photos posted with the inspection rows (defectPhotos_0, defectPhotos_1, …) go to the defects just made.</summary>
    private async Task SaveDefectPhotosAsync(IReadOnlyList<MoveInDefect> added, IFormFileCollection? photos, Actor actor, CancellationToken ct)
    {
        if (photos is null || photos.Count == 0 || added.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        for (var i = 0; i < added.Count; i++)
        {
            var row = photos.GetFiles($"defectPhotos_{i}");
            if (row.Count > 0)
            {
                await PhotoUploads.AddAsync(db, files, MoveInPages.DefectPhotos, added[i].Id, added[i].PropertyId, row, actor, now, ct);
            }
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>More photos of one defect (the developer's repair, before and after); null when the defect is not the move-in's or not the user's to see.</summary>
    public async Task<(int Added, IReadOnlyList<string> Rejected)?> AddDefectPhotosAsync(Guid moveInId, Guid defectId, IReadOnlyList<IFormFile> photos, Actor actor,
        CancellationToken ct)
    {
        var defect = await db.MoveInDefects.AsNoTracking().FirstOrDefaultAsync(d => d.Id == defectId && d.MoveInId == moveInId, ct);
        if (defect is null)
        {
            return null;
        }

        var outcome = await PhotoUploads.AddAsync(db, files, MoveInPages.DefectPhotos, defect.Id, defect.PropertyId, photos, actor, time.GetUtcNow().UtcDateTime, ct);
        await db.SaveChangesAsync(ct);
        return outcome;
    }

    /// <summary>业主签字确认 of a passed inspection.</summary>
    public async Task<StepResult> SignOffAsync(StepRequest request, string? signedBy, CancellationToken ct) =>
        Said(await steps.RunAsync(request, (m, s) => m.SignOff(signedBy ?? "", s.By, s.Now), ct, load: Checklist), () => t["MoveIns.SignedOff"]);

    /// <summary>钥匙交付签收, after the inspection passed.</summary>
    public async Task<StepResult> KeysAsync(StepRequest request, int keys, CancellationToken ct) =>
        Said(await steps.RunAsync(request, (m, s) => m.HandOverKeys(keys, s.By, s.Now), ct, load: Checklist), () => t["MoveIns.KeysHandedOver", keys]);

    /// <summary>
    /// 办结: the owner on the unit's record from today, the base readings as the unit's opening meter readings, the unit
    /// occupied (or vacant in custody, with its regular patrol clock), the new household's callback due the property's
    /// number of calendar months from now, given to whoever completed it (谁受理谁回访). Refused with the checklist
    /// incomplete unless <paramref name="canOverride"/> (a supervisor) gives the reason.
    /// </summary>
    /// <param name="stewardId">The household's steward: one of the property's stewards, or none.</param>
    public async Task<StepResult> CompleteAsync(StepRequest request, string? overrideReason, bool canOverride, string? stewardId, CancellationToken ct)
    {
        var head = await db.MoveIns.AsNoTracking().Where(m => m.Id == request.Id).Select(m => new { m.UnitId, m.CustomerId, m.PropertyId }).FirstOrDefaultAsync(ct);
        if (head is null)
        {
            return StepResult.NotFound;
        }

        var today = PortalClock.Today(time);
        var unit = await db.Units.FirstAsync(u => u.Id == head.UnitId, ct);
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == head.CustomerId).Select(c => new { c.Name, c.Phone }).FirstAsync(ct);
        var onRecord = await db.Occupancies.AnyAsync(o => o.UnitId == head.UnitId && o.CustomerId == head.CustomerId && (o.EndDate == null || o.EndDate >= today), ct);
        var custody = await caseClocks.ForSubjectsAsync(head.PropertyId, [head.UnitId], ct);
        var opening = BillingPeriod.Of(today).Previous.Key;
        var readings = await db.MeterReadings.Where(r => r.UnitId == head.UnitId && r.Period == opening).ToListAsync(ct);
        Actor? steward = null;
        if (!string.IsNullOrEmpty(stewardId))
        {
            steward = (await pages.StewardsAsync(head.PropertyId, ct)).Where(o => o.Value == stewardId).Select(o => new Actor(o.Value, o.Text)).FirstOrDefault();
            if (steward is null)
            {
                request = request.WithError(t["MoveIns.NotASteward"]);
            }
        }

        var due = default(DateTime);
        var result = await steps.RunAsync(request, (m, s) =>
        {
            due = MoveIn.CallbackDue(s.Clocks.Context, s.Now);
            db.Callbacks.Add(m.Complete(canOverride, overrideReason, s.By.UserId, s.By.Name, customer.Name, customer.Phone, due, s.By, s.Now, s.Clocks, steward));
            if (!onRecord)
            {
                db.Occupancies.Add(new Occupancy(m.PropertyId, m.UnitId, m.CustomerId, OccupancyRole.Owner, today));
            }

            OpenMeters(m, opening, readings, s.By, s.Now);
            if (m.Custody)
            {
                unit.SetStatus(UnitStatus.Vacant);
                unit.SetCustody(true);
                if (custody.Open(SlaMilestone.CustodyPatrol) is null)
                {
                    CustodyPatrol.StartWeekly(custody, m.PropertyId, m.UnitId, s.Now);
                }
            }
            else
            {
                unit.SetStatus(UnitStatus.Occupied);
            }
        }, ct, load: Checklist);
        return Said(result, () => t["MoveIns.Completed", result.Number!, ViewHelpers.Date(DateOnly.FromDateTime(PortalClock.ToLocal(due)))]);
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

    /// <summary>Cancels a booked or open move-in, with the reason; its reception clock stops.</summary>
    public async Task<StepResult> CancelAsync(StepRequest request, string? reason, CancellationToken ct) =>
        Said(await steps.RunAsync(request, (m, s) => m.Cancel(reason ?? "", s.By, s.Now, s.Clocks), ct, load: Checklist), () => t["MoveIns.Cancelled"]);

    /// <summary>Every step works on the move-in with its checklist and defects (the runner adds its timeline).</summary>
    private static IQueryable<MoveIn> Checklist(IQueryable<MoveIn> q) => q.Include(x => x.Checks).Include(x => x.Defects).AsSplitQuery();

    /// <summary>A step that is done carries the desk's message; any other outcome is returned as it is.</summary>
    private static StepResult Said(StepResult result, Func<string> message) => result.Done ? result with { Message = message() } : result;
}
