using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Callbacks;
using PropertyPortal.Domain.Fees;
using PropertyPortal.Domain.MoveInOut;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Features.Fees;
using PropertyPortal.Web.Features.Shared;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.MoveIns;

/// <summary>
/// What the move-in pages read: the register, the booking form, the move-in's page and its print forms, batch
/// days, the units in custody with their patrol clocks and the rain orders, and the week's statistics. Reads only;
/// the property filter keeps each user to their properties.
/// </summary>
public sealed class MoveInPages(PortalDbContext db, CaseClocks caseClocks, SlaSettings sla, TimeProvider time, Notifications.Notifier notifier)
{
    /// <summary>The owner type of a defect's photos (attachments).</summary>
    public const string DefectPhotos = "MoveInDefect";

    private DateOnly Today => PortalClock.Today(time);

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>Open move-ins (or those of one status), by appointment.</summary>
    public async Task<(List<MoveInRow> Rows, Dictionary<Guid, UnitLabel> Labels)> ListAsync(MoveInStatus? status, CancellationToken ct)
    {
        var q = db.MoveIns.AsNoTracking();
        q = status is { } s ? q.Where(m => m.Status == s) : q.Where(MoveIn.Open);
        var rows = await RowsAsync(q.OrderBy(m => m.AppointmentAt).Take(200), ct);
        return (rows, await UnitLabels.ForAsync(db, rows.Select(r => r.UnitId).Distinct().ToList(), ct));
    }

    private async Task<List<MoveInRow>> RowsAsync(IQueryable<MoveIn> q, CancellationToken ct) =>
        await (from m in q
               join c in db.Customers on m.CustomerId equals c.Id
               select new MoveInRow(m.Id, m.Number, m.UnitId, c.Name, m.Applicant, m.AppointmentAt, m.Status, m.Inspection,
                   m.Checks.Count(x => x.Done), m.Checks.Count(), m.Custody, m.BatchId)).ToListAsync(ct);

    /// <summary>A booking form for the unit, tomorrow at nine; null when the unit is not the user's to see.</summary>
    public async Task<MoveInForm?> NewFormAsync(Guid? unitId, CancellationToken ct)
    {
        var form = new MoveInForm { UnitId = unitId, AppointmentAt = Today.AddDays(1).ToDateTime(new TimeOnly(9, 0)) };
        return await WithUnitAsync(form, ct) ? form : null;
    }

    /// <summary>Fills the form's unit label and the unit's owners on record; false when the unit is not the user's to see.</summary>
    public async Task<bool> WithUnitAsync(MoveInForm form, CancellationToken ct)
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

    /// <summary>The move-in's page (and its print forms): checklist, charges, defects and their repairs, the callback, the clocks.</summary>
    public async Task<MoveInPage?> DetailsAsync(Guid id, bool canOverride, bool canCharge, CancellationToken ct)
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
        var charges = await ChargesAsync(m.Id, m.UnitId, ct);
        var receipts = await ReceiptsAsync(charges.Select(c => c.Id).ToList(), ct);
        var repairIds = m.Defects.Select(d => d.RepairOrderId).OfType<Guid>().ToList();
        var repairs = await db.RepairOrders.AsNoTracking().Where(o => repairIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => (o.Number, o.Status), ct);
        var defectIds = m.Defects.Select(d => d.Id).ToList();
        var photos = (await db.Attachments.AsNoTracking().Where(a => a.OwnerType == DefectPhotos && defectIds.Contains(a.OwnerId)).OrderBy(a => a.UploadedAt).ToListAsync(ct))
            .ToLookup(a => a.OwnerId);
        var callback = m.CallbackId is { } cb ? await db.Callbacks.AsNoTracking().FirstOrDefaultAsync(c => c.Id == cb, ct) : null;
        var clocks = await caseClocks.ReadForCaseAsync(m.Id, ct);
        var names = await db.Users.Where(u => clocks.Select(c => c.AssigneeId).Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var feeItems = (await db.FeeItems.AsNoTracking()
                .Where(i => i.PropertyId == m.PropertyId && i.IsActive && (i.Kind == FeeKind.OneOff || i.Kind == FeeKind.Deposit))
                .OrderBy(i => i.SortOrder).ThenBy(i => i.Name).Select(i => new { i.Id, i.Name }).ToListAsync(ct))
            .Select(i => new SelectListItem(i.Name, i.Id.ToString())).ToList();
        var categories = (await db.RepairCategories.AsNoTracking().Where(c => c.IsActive).OrderBy(c => c.SortOrder).ThenBy(c => c.Name)
                .Select(c => new { c.Id, c.Group, c.Name }).ToListAsync(ct))
            .Select(c => new SelectListItem(c.Group + " · " + c.Name, c.Id.ToString())).ToList();
        var policy = await sla.PolicyForAsync(m.PropertyId, ct);
        var now = Now;
        return new MoveInPage(m, label.Property, label.Building, label.Number, customer.Name, customer.Phone, batch,
            charges.Select(c => new MoveInChargeView(c.Id, c.Description, c.Amount, c.Amount - c.Released - c.Paid, receipts.GetValueOrDefault(c.Id) ?? [])).ToList(),
            m.Defects.OrderBy(d => d.RecordedAt).Select(d =>
            {
                var repair = d.RepairOrderId is { } rid && repairs.TryGetValue(rid, out var r) ? r : ((string, RepairStatus)?)null;
                return new DefectView(d, repair?.Item1, repair?.Item2, photos[d.Id].ToList());
            }).ToList(),
            callback, feeItems, categories, clocks.Select(c => Repairs.ClockView.From(c, now, names)).ToList(), now, canOverride, canCharge,
            policy.NewHouseholdCallbackMonths, policy.CustodyPatrolDays)
        {
            Stewards = m.Status == MoveInStatus.InProgress ? await StewardsAsync(m.PropertyId, ct) : [],
        };
    }

    /// <summary>The property's enabled stewards (assigned to it, or company-wide), by name: who may be named the household's steward.</summary>
    public async Task<IReadOnlyList<SelectListItem>> StewardsAsync(Guid propertyId, CancellationToken ct)
    {
        var ids = await notifier.UsersInRoleForPropertyAsync(Roles.Steward, propertyId, ct);
        return (await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct))
            .Select(u => new SelectListItem(u.DisplayName, u.Id)).ToList();
    }

    /// <summary>住户登记表: the move-in's page with the household's record and its members.</summary>
    public async Task<(MoveInPage Page, Customer Customer, List<HouseholdMember> Members)?> RegistrationAsync(Guid id, CancellationToken ct)
    {
        if (await DetailsAsync(id, false, false, ct) is not { } page)
        {
            return null;
        }

        var customer = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == page.MoveIn.CustomerId, ct);
        var members = await db.HouseholdMembers.AsNoTracking().Where(m => m.CustomerId == page.MoveIn.CustomerId).OrderBy(m => m.Name).ToListAsync(ct);
        return (page, customer, members);
    }

    /// <summary>The move-in's own charges: raised from its page, keyed "MI:{id}:…" on the unit's ledger.</summary>
    public Task<List<Charge>> ChargesAsync(Guid moveInId, Guid unitId, CancellationToken ct)
    {
        var prefix = ChargeKey(moveInId, null);
        return db.Charges.AsNoTracking().Where(c => c.UnitId == unitId && c.SourceKey.StartsWith(prefix)).OrderBy(c => c.CreatedAt).ToListAsync(ct);
    }

    /// <summary>The ledger key of a move-in's charge of one fee item (unique: one charge per item); without the item, the prefix of them all.</summary>
    public static string ChargeKey(Guid moveInId, Guid? feeItemId) => $"MI:{moveInId:N}:{feeItemId:N}";

    /// <summary>The receipts that paid each charge (reversed payments left out).</summary>
    public async Task<Dictionary<Guid, List<string>>> ReceiptsAsync(List<Guid> chargeIds, CancellationToken ct) =>
        (await (from a in db.PaymentAllocations.AsNoTracking()
                join p in db.Payments on a.PaymentId equals p.Id
                where chargeIds.Contains(a.ChargeId) && p.ReversedAt == null
                select new { a.ChargeId, p.ReceiptNumber }).ToListAsync(ct))
            .GroupBy(x => x.ChargeId).ToDictionary(g => g.Key, g => g.Select(x => x.ReceiptNumber).Distinct().ToList());

    // ---------------- 集中入伙 ----------------

    public async Task<List<(Guid Id, string Name, DateOnly Day, string Property, int Total, int Done)>> BatchesAsync(CancellationToken ct)
    {
        var batches = await (from b in db.MoveInBatches.AsNoTracking()
                             join p in db.Properties on b.PropertyId equals p.Id
                             orderby b.Day descending
                             select new { b.Id, b.Name, b.Day, Property = p.Name }).Take(100).ToListAsync(ct);
        var ids = batches.Select(b => b.Id).ToList();
        var counts = await db.MoveIns.AsNoTracking().Where(m => m.BatchId != null && ids.Contains(m.BatchId.Value))
            .GroupBy(m => m.BatchId!.Value).Select(g => new { g.Key, Total = g.Count(), Done = g.Count(m => m.Status == MoveInStatus.Completed) }).ToDictionaryAsync(x => x.Key, ct);
        return batches.Select(b => (b.Id, b.Name, b.Day, b.Property, counts.GetValueOrDefault(b.Id)?.Total ?? 0, counts.GetValueOrDefault(b.Id)?.Done ?? 0)).ToList();
    }

    /// <summary>A batch form for a week from today.</summary>
    public async Task<BatchForm> NewBatchFormAsync(Guid? propertyId, Guid? buildingId, CancellationToken ct)
    {
        var form = new BatchForm { PropertyId = propertyId, BuildingId = buildingId, Day = Today.AddDays(7) };
        await FillBatchAsync(form, ct);
        return form;
    }

    /// <summary>The batch form's options: the user's properties, the property's buildings, the building's units with an owner on record.</summary>
    public async Task FillBatchAsync(BatchForm form, CancellationToken ct)
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

    /// <summary>The batch day at a glance: each unit's slot, checklist progress, inspection and status.</summary>
    public async Task<BatchPage?> BatchAsync(Guid id, CancellationToken ct)
    {
        var batch = await db.MoveInBatches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct);
        if (batch is null)
        {
            return null;
        }

        var rows = (await RowsAsync(db.MoveIns.AsNoTracking().Where(m => m.BatchId == id), ct)).OrderBy(r => r.AppointmentAt).ThenBy(r => r.Number).ToList();
        var labels = await UnitLabels.ForAsync(db, rows.Select(r => r.UnitId).ToList(), ct);
        var property = await db.Properties.Where(p => p.Id == batch.PropertyId).Select(p => p.Name).FirstAsync(ct);
        return new BatchPage(batch, property, rows, labels);
    }

    // ---------------- 托管 ----------------

    /// <summary>
    /// Units in custody: last patrol, when the next regular and heavy-rain patrols are due, the base readings and
    /// the property's limits the meters are compared with; the recent rain orders and the rain form's properties.
    /// </summary>
    /// <param name="posted">The rain form as posted, shown again with its messages beside the fields.</param>
    public async Task<CustodyPage> CustodyAsync(bool canOrderRain, CancellationToken ct, RainPatrolForm? posted = null)
    {
        var units = await (from u in db.Units.AsNoTracking()
                           join b in db.Buildings on u.BuildingId equals b.Id
                           join p in db.Properties on u.PropertyId equals p.Id
                           where u.InCustody
                           orderby p.Name, b.Name, u.Number
                           select new { u.Id, u.PropertyId, Property = p.Name, Building = b.Name, u.Number }).ToListAsync(ct);
        var ids = units.Select(u => u.Id).ToList();
        var households = await UnitLabels.HouseholdsAsync(db, ids, Today, ct);
        var bases = await BaseReadingsAsync(ids, ct);
        var patrols = (await db.CustodyPatrols.AsNoTracking().Where(p => ids.Contains(p.UnitId)).ToListAsync(ct))
            .GroupBy(p => p.UnitId).ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.At).First());
        var open = (await caseClocks.ReadAsync(ids, ct)).Where(c => c.Subject == SlaSubject.CustodyUnit && c.State == SlaClockState.Running).ToList();
        DateTime? Due(Guid unit, SlaMilestone milestone) => open.Where(c => c.SubjectId == unit && c.Milestone == milestone).Select(c => (DateTime?)c.DueAt).Min();
        var policies = new Dictionary<Guid, SlaPolicy>();
        foreach (var propertyId in units.Select(u => u.PropertyId).Distinct())
        {
            policies[propertyId] = await sla.PolicyForAsync(propertyId, ct);
        }

        var rows = units.Select(u => new CustodyRow(u.Id, u.Property, u.Building, u.Number, households.GetValueOrDefault(u.Id)?.Names,
            bases.GetValueOrDefault(u.Id).Water, bases.GetValueOrDefault(u.Id).Electricity, patrols.GetValueOrDefault(u.Id),
            Due(u.Id, SlaMilestone.CustodyPatrol), Due(u.Id, SlaMilestone.CustodyRainPatrol),
            policies[u.PropertyId].CustodyPatrolDays, policies[u.PropertyId].CustodyWaterLimit, policies[u.PropertyId].CustodyElectricityLimit)).ToList();
        var orders = await (from o in db.RainPatrolOrders.AsNoTracking()
                            join p in db.Properties on o.PropertyId equals p.Id
                            orderby o.OrderedAt descending
                            select new RainOrderRow(o.Id, p.Name, o.RainDate, o.Phase, o.Reason, o.OrderedByName, o.OrderedAt, o.Units, o.DueAt)).Take(10).ToListAsync(ct);
        var form = posted ?? new RainPatrolForm { RainDate = Today };
        if (canOrderRain)
        {
            form.Properties = await db.PropertyOptionsAsync(form.PropertyId, ct);
        }

        return new CustodyPage(rows, orders, canOrderRain ? form : null, Now);
    }

    /// <summary>The base readings a custody patrol compares with: those of the unit's latest completed move-in.</summary>
    public async Task<Dictionary<Guid, (decimal? Water, decimal? Electricity)>> BaseReadingsAsync(IReadOnlyCollection<Guid> unitIds, CancellationToken ct) =>
        (await db.MoveIns.AsNoTracking().Where(m => unitIds.Contains(m.UnitId) && m.Status == MoveInStatus.Completed)
            .Select(m => new { m.UnitId, m.CompletedAt, m.WaterBase, m.ElectricityBase }).ToListAsync(ct))
        .GroupBy(m => m.UnitId)
        .ToDictionary(g => g.Key, g => g.OrderByDescending(m => m.CompletedAt).Select(m => (m.WaterBase, m.ElectricityBase)).First());
}
