using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Fees;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Features.Shared;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Fees;

public sealed record BillingRunRow(Guid Id, string PropertyName, BillingPeriod Period, int Charges, decimal Amount, int Notices, int MissingReadings,
    DateTime? LastRunAt, string? LastRunBy, DateTime? DeliveredAt, bool Running);

public sealed record BillingIndex(IReadOnlyList<SelectListItem> Properties, Guid? PropertyId, BillingPeriod Period, IReadOnlyList<BillingRunRow> Runs);

public sealed record BillingPreviewPage(Guid PropertyId, string PropertyName, BillingOutcome Outcome, BillingRunRow? Existing);

public sealed record BillingRunPage(BillingRunRow Run, Guid PropertyId, IReadOnlyList<Repairs.ClockView> Clocks, DateTime Now, int NoticeCount, decimal NoticeTotal)
{
    /// <summary>The run's payment notices sent to households (SMS, e-mail), by state; null when none were queued.</summary>
    public Notifications.OutboxProgress? Messages { get; init; }
}

public sealed record NoticeSheet(string PropertyName, string? PropertyPhone, string Building, string UnitNumber, string? Household, decimal Balance,
    IReadOnlyList<(string What, DateOnly Due, decimal Outstanding)> Lines)
{
    /// <summary>Owner or tenant, for the salutation (尊敬的…业主 / 住户); null when the notice names no household.</summary>
    public PropertyPortal.Domain.Registry.OccupancyRole? Role { get; init; }

    /// <summary>The household's invitation code for its own pages (/My, ADR 0025), printed as ABCDE-FGHJK.</summary>
    public string? InvitationCode { get; init; }
}

/// <summary>How a household pays this property, printed on every notice: the account for transfers and the counter's hours.</summary>
public sealed record PayingIn(string? PayeeName, string? BankName, string? BankAccount, string? CounterHours);

public sealed record NoticesPage(BillingRunRow Run, DateOnly NoticeBy, IReadOnlyList<NoticeSheet> Sheets)
{
    public PayingIn PayingIn { get; init; } = new(null, null, null, null);
}

public sealed record ReadingRow(Guid UnitId, string UnitNumber, decimal? Previous, decimal? Current);

public sealed record ReadingsPage(IReadOnlyList<SelectListItem> Properties, IReadOnlyList<SelectListItem> Buildings, Guid? PropertyId, Guid? BuildingId,
    BillingPeriod Period, MeterKind Meter, IReadOnlyList<ReadingRow> Rows, IReadOnlyList<string> Errors);

/// <summary>
/// 计费: preview and run a property's month, see its runs, print the payment notices (one A4 sheet per
/// unit) and record them delivered (the 10th-of-the-month clock), and enter meter readings by building.
/// </summary>
[Authorize(Policy = Policies.Billing)]
public sealed class BillingController(PortalDbContext db, BillingService billing, Ledger ledger, Sla.CaseClocks caseClocks, IStringLocalizer<FeesText> t,
    ILogger<BillingController> logger) : PortalController
{
    [HttpGet]
    public async Task<IActionResult> Index(Guid? propertyId, CancellationToken ct)
    {
        var runs = await RunRowsAsync(db.BillingRuns.AsNoTracking().Where(r => propertyId == null || r.PropertyId == propertyId), ct);
        var properties = await db.PropertyOptionsAsync(propertyId, ct);
        return View(new BillingIndex(properties, propertyId ?? (properties.Count == 1 ? Guid.Parse(properties[0].Value) : null), BillingPeriod.Of(Today), runs));
    }

    private async Task<List<BillingRunRow>> RunRowsAsync(IQueryable<BillingRun> runs, CancellationToken ct)
    {
        var now = UtcNow;
        return (await (from r in runs
                       join p in db.Properties on r.PropertyId equals p.Id
                       orderby r.Period descending, p.Code
                       select new { r, p.Name }).Take(200).ToListAsync(ct))
            .Select(x => new BillingRunRow(x.r.Id, x.Name, x.r.BillingPeriod, x.r.ChargesCreated, x.r.AmountBilled, x.r.NoticesCreated, x.r.MissingReadings,
                x.r.LastRunAt, x.r.LastRunByName, x.r.NoticesDeliveredAt, x.r.LeaseUntil > now)).ToList();
    }

    /// <summary>What a run would write, without writing: counts and amounts per item, units with missing readings.</summary>
    [HttpGet]
    public async Task<IActionResult> Preview(Guid propertyId, string? period, CancellationToken ct)
    {
        var property = await db.Properties.AsNoTracking().FirstOrDefaultAsync(p => p.Id == propertyId, ct);
        if (property is null)
        {
            return NotFound();
        }

        if (!BillingPeriod.TryParse(period, out var month))
        {
            FlashError(t["Fees.PeriodInvalid"]);
            return RedirectToAction(nameof(Index), new { propertyId });
        }

        var outcome = await billing.PreviewAsync(propertyId, month, ct);
        var existing = (await RunRowsAsync(db.BillingRuns.AsNoTracking().Where(r => r.PropertyId == propertyId && r.Period == month.Key), ct)).FirstOrDefault();
        return View(new BillingPreviewPage(propertyId, property.Name, outcome, existing));
    }

    [HttpPost]
    public async Task<IActionResult> Run(Guid propertyId, string? period, CancellationToken ct)
    {
        if (!await db.Properties.AnyAsync(p => p.Id == propertyId, ct))
        {
            return NotFound();
        }

        if (!BillingPeriod.TryParse(period, out var month) || month.CompareTo(BillingPeriod.Of(Today).Next) > 0)
        {
            FlashError(t["Fees.PeriodInvalid"]);
            return RedirectToAction(nameof(Index), new { propertyId });
        }

        var outcome = await billing.RunAsync(propertyId, month, CurrentActor, ct);
        if (outcome.Busy)
        {
            FlashError(t["Fees.RunBusy"]);
        }
        else
        {
            logger.LogInformation("Billing {Property} {Period} run by {User}: {Charges} charges", propertyId, month, User.Identity?.Name, outcome.NewCharges);
            Flash(t["Fees.RunDone", outcome.NewCharges, ViewHelpers.Money(outcome.NewAmount), outcome.Notices]);
        }

        return RedirectToAction(nameof(Details), new { id = outcome.RunId });
    }

    [HttpGet]
    public async Task<IActionResult> Details(Guid id, CancellationToken ct)
    {
        var run = (await RunRowsAsync(db.BillingRuns.AsNoTracking().Where(r => r.Id == id), ct)).FirstOrDefault();
        if (run is null)
        {
            return NotFound();
        }

        var propertyId = await db.BillingRuns.Where(r => r.Id == id).Select(r => r.PropertyId).FirstAsync(ct);
        var clocks = await caseClocks.ReadAsync([id], ct);
        var notices = await db.PaymentNotices.AsNoTracking().Where(n => n.RunId == id).GroupBy(_ => 1).Select(g => new { Count = g.Count(), Total = g.Sum(n => n.Balance) }).SingleOrDefaultAsync(ct);
        var now = UtcNow;
        return View(new BillingRunPage(run, propertyId, clocks.Select(c => Repairs.ClockView.From(c, now, new Dictionary<string, string>())).ToList(), now,
            notices?.Count ?? 0, notices?.Total ?? 0)
        {
            Messages = await Notifications.OutboxProgress.ForBatchAsync(db, HouseholdMessages.BillingBatch(id), ct),
        });
    }

    /// <summary>付款通知书 of a run, one A4 sheet per unit, with the unit's open charges as they stand now.</summary>
    [HttpGet]
    public async Task<IActionResult> Notices(Guid id, Guid? buildingId, CancellationToken ct)
    {
        var run = (await RunRowsAsync(db.BillingRuns.AsNoTracking().Where(r => r.Id == id), ct)).FirstOrDefault();
        if (run is null)
        {
            return NotFound();
        }

        var info = await (from r in db.BillingRuns
                          join p in db.Properties on r.PropertyId equals p.Id
                          where r.Id == id
                          select new { r.PropertyId, p.Name, p.Phone, p.PayeeName, p.BankName, p.BankAccount, p.CounterHours }).FirstAsync(ct);
        var notices = (await (from n in db.PaymentNotices.AsNoTracking()
                              join u in db.Units on n.UnitId equals u.Id
                              join b in db.Buildings on u.BuildingId equals b.Id
                              where n.RunId == id && (buildingId == null || u.BuildingId == buildingId)
                              select new { n.UnitId, n.CustomerId, u.Number, Building = b.Name, BuildingCode = b.Code }).Take(5000).ToListAsync(ct))
            // Door to door: building, entrance, room, as they are delivered.
            .OrderBy(n => PropertyPortal.Domain.Registry.Unit.OrderKey(n.BuildingCode), StringComparer.Ordinal)
            .ThenBy(n => PropertyPortal.Domain.Registry.Unit.OrderKey(n.Number), StringComparer.Ordinal).ToList();
        var unitIds = notices.Select(n => n.UnitId).ToList();
        var open = await db.Charges.AsNoTracking().Where(c => unitIds.Contains(c.UnitId)).Owed()
            .OrderBy(c => c.DueDate).Select(c => new { c.UnitId, c.Description, c.DueDate, c.Amount, Paid = c.Paid + c.Released }).ToListAsync(ct);
        var customerIds = notices.Where(n => n.CustomerId != null).Select(n => n.CustomerId!.Value).Distinct().ToList();
        var names = await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var roles = (await db.Occupancies.AsNoTracking().Where(o => unitIds.Contains(o.UnitId) && customerIds.Contains(o.CustomerId))
                .Select(o => new { o.UnitId, o.CustomerId, o.Role }).ToListAsync(ct))
            .GroupBy(o => (o.UnitId, o.CustomerId)).ToDictionary(g => g.Key, g => g.Min(o => o.Role));
        var byUnit = open.ToLookup(c => c.UnitId);
        var invitations = await HttpContext.RequestServices.GetRequiredService<Residents.HouseholdInvitations>().ForNoticesAsync(info.PropertyId, customerIds, ct);
        var sheets = notices.Select(n => new NoticeSheet(info.Name, info.Phone, n.Building, n.Number, n.CustomerId is { } cid ? names.GetValueOrDefault(cid) : null,
                byUnit[n.UnitId].Sum(c => c.Amount - c.Paid), byUnit[n.UnitId].Select(c => (c.Description, c.DueDate, c.Amount - c.Paid)).ToList())
            {
                Role = n.CustomerId is { } who && roles.TryGetValue((n.UnitId, who), out var role) ? role : null,
                InvitationCode = n.CustomerId is { } invited ? invitations.GetValueOrDefault(invited) : null,
            })
            .Where(s => s.Balance > 0).ToList();
        var policy = await ledger.PolicyForAsync(info.PropertyId, ct);
        await db.BillingRuns.Where(r => r.Id == id && r.NoticesPrintedAt == null).ExecuteUpdateAsync(s => s.SetProperty(r => r.NoticesPrintedAt, UtcNow), ct);
        return View(new NoticesPage(run, run.Period.FirstDay.AddDays(policy.NoticeDay - 1), sheets)
        {
            PayingIn = new PayingIn(info.PayeeName, info.BankName, info.BankAccount, info.CounterHours),
        });
    }

    [HttpPost]
    public async Task<IActionResult> Delivered(Guid id, CancellationToken ct)
    {
        try
        {
            if (!await billing.NoticesDeliveredAsync(id, CurrentActor, ct))
            {
                return NotFound();
            }

            Flash(Shared["Common.Saved"]);
        }
        catch (Domain.Common.DomainException ex)
        {
            FlashError(DomainMessage(ex));
        }

        return RedirectToAction(nameof(Details), new { id });
    }

    /// <summary>抄表: one meter's readings of a building for a month, beside last month's.</summary>
    [HttpGet]
    public async Task<IActionResult> Readings(Guid? propertyId, Guid? buildingId, string? period, MeterKind meter, CancellationToken ct) =>
        View(await ReadingsAsync(propertyId, buildingId, BillingPeriod.TryParse(period, out var p) ? p : BillingPeriod.Of(Today), meter, [], null, ct));

    [HttpPost]
    public async Task<IActionResult> Readings(Guid buildingId, string? period, MeterKind meter, Dictionary<Guid, string?> values, CancellationToken ct)
    {
        var building = await db.Buildings.AsNoTracking().FirstOrDefaultAsync(b => b.Id == buildingId, ct);
        if (building is null || !BillingPeriod.TryParse(period, out var month))
        {
            return NotFound();
        }

        var units = await db.Units.AsNoTracking().Where(u => u.BuildingId == buildingId).ToDictionaryAsync(u => u.Id, u => u.Number, ct);
        var existing = await db.MeterReadings.Where(r => r.PropertyId == building.PropertyId && r.Meter == meter && r.Period == month.Key && units.Keys.Contains(r.UnitId))
            .ToDictionaryAsync(r => r.UnitId, ct);
        var errors = new List<string>();
        var parsed = new Dictionary<Guid, decimal?>();
        foreach (var (unitId, text) in values.Where(v => units.ContainsKey(v.Key)))
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                parsed[unitId] = null;
            }
            else if (decimal.TryParse(text.Trim(), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var v)
                     && v >= 0 && v <= MeterReading.MaxReading && decimal.Round(v, 2) == v)
            {
                parsed[unitId] = v;
            }
            else
            {
                errors.Add(t["Fees.ReadingInvalid", units[unitId], text]);
            }
        }

        if (errors.Count > 0)
        {
            return View(await ReadingsAsync(building.PropertyId, buildingId, month, meter, errors, parsed, ct));
        }

        var now = UtcNow;
        var saved = 0;
        foreach (var (unitId, value) in parsed.Where(p => p.Value is not null))
        {
            if (existing.TryGetValue(unitId, out var r))
            {
                if (r.Reading != value!.Value)
                {
                    r.Change(value.Value, CurrentActor, now);
                    saved++;
                }
            }
            else
            {
                db.MeterReadings.Add(new MeterReading(building.PropertyId, unitId, meter, month.Key, value!.Value, CurrentActor, now));
                saved++;
            }
        }

        if (!await TrySaveAsync(db))
        {
            return View(await ReadingsAsync(building.PropertyId, buildingId, month, meter, [ModelStateErrors()], parsed, ct));
        }

        Flash(t["Fees.ReadingsSaved", saved]);
        return RedirectToAction(nameof(Readings), new { propertyId = building.PropertyId, buildingId, period = month.ToString(), meter });
    }

    private async Task<ReadingsPage> ReadingsAsync(Guid? propertyId, Guid? buildingId, BillingPeriod month, MeterKind meter, IReadOnlyList<string> errors,
        IReadOnlyDictionary<Guid, decimal?>? posted, CancellationToken ct)
    {
        var properties = await db.PropertyOptionsAsync(propertyId, ct);
        propertyId ??= properties.Count == 1 ? Guid.Parse(properties[0].Value) : null;
        var buildings = propertyId is { } pid
            ? (await db.Buildings.AsNoTracking().Where(b => b.PropertyId == pid).OrderBy(b => b.Name).Select(b => new { b.Id, b.Name }).ToListAsync(ct))
                .Select(b => new SelectListItem(b.Name, b.Id.ToString(), b.Id == buildingId)).ToList()
            : [];
        var rows = new List<ReadingRow>();
        if (buildingId is { } bid && buildings.Any(b => b.Value == bid.ToString()))
        {
            var periods = new[] { month.Key, month.Previous.Key };
            var units = await db.Units.AsNoTracking().Where(u => u.BuildingId == bid).OrderBy(u => u.Number).Select(u => new { u.Id, u.Number }).ToListAsync(ct);
            var ids = units.Select(u => u.Id).ToList();
            var readings = await db.MeterReadings.AsNoTracking().Where(r => ids.Contains(r.UnitId) && r.Meter == meter && periods.Contains(r.Period))
                .Select(r => new { r.UnitId, r.Period, r.Reading }).ToListAsync(ct);
            rows = units.Select(u => new ReadingRow(u.Id, u.Number,
                readings.FirstOrDefault(r => r.UnitId == u.Id && r.Period == month.Previous.Key)?.Reading,
                posted is not null && posted.TryGetValue(u.Id, out var pv) ? pv : readings.FirstOrDefault(r => r.UnitId == u.Id && r.Period == month.Key)?.Reading)).ToList();
        }

        return new ReadingsPage(properties, buildings, propertyId, buildingId, month, meter, rows, errors);
    }
}
