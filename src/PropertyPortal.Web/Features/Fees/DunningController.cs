using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Fees;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Fees;

/// <summary>An open dunning task as the steward's list shows it, with what the household owes right now.</summary>
public sealed record DunningTaskRow(Guid StepId, Guid CaseId, Guid UnitId, string PropertyName, string Building, string UnitNumber, string? Household, string? Phone,
    DunningStage Stage, DateOnly Given, decimal BalanceAtStart, decimal OverdueNow, DunningState State);

public sealed record DunningList(DunningStage? Stage, string? Q, IReadOnlyList<DunningTaskRow> Rows, int Total, PageInfo Paging);

public sealed record DunningCasePage(DunningCase Case, string PropertyName, string Building, string UnitNumber, string? Household, string? Phone, decimal OverdueNow,
    DateOnly? NextStepDate, DateOnly Today);

public sealed class StepForm
{
    [Display(Name = "Field.Outcome")]
    public string? Outcome { get; set; }

    [Display(Name = "Field.TrackingNumber")]
    public string? TrackingNumber { get; set; }

    public int Version { get; set; }
}

/// <summary>
/// 催缴: the open tasks of the ladder (calls, letters, visits, legal referrals) with each household's
/// overdue balance as it stands now, and a case page to record the outcome, a promise to pay or a dispute.
/// </summary>
[Authorize(Policy = Policies.FeesRead)]
public sealed class DunningController(PortalDbContext db, Ledger ledger, IStringLocalizer<FeesText> t, ILogger<DunningController> logger) : PortalController
{
    /// <summary>Open tasks, oldest first, a page at a time; <paramref name="q"/> finds a unit by its number's beginning.</summary>
    [HttpGet]
    public async Task<IActionResult> Index(DunningStage? stage, string? q, int page, CancellationToken ct)
    {
        var steps = from s in db.DunningSteps.AsNoTracking()
                    join c in db.DunningCases on s.CaseId equals c.Id
                    where s.DoneAt == null && s.WithdrawnAt == null && c.State != DunningState.Settled && (stage == null || s.Stage == stage)
                    select new { s, c };
        if (!string.IsNullOrWhiteSpace(q))
        {
            var number = PropertyPortal.Domain.Registry.Unit.NormalizeNumber(q);
            steps = steps.Where(x => db.Units.Any(u => u.Id == x.c.UnitId && u.Number.StartsWith(number)));
        }

        var total = await steps.CountAsync(ct);
        var paging = PageInfo.For(Request, Math.Clamp(page, 1, Math.Max(1, (total + PageInfo.DefaultSize - 1) / PageInfo.DefaultSize)), total);
        var rowsPage = await steps.OrderBy(x => x.s.CreatedOn).ThenBy(x => x.s.Stage).ThenBy(x => x.s.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        var unitIds = rowsPage.Select(x => x.c.UnitId).Distinct().ToList();
        var rows = await RowsAsync(unitIds, ct);
        var today = Today;
        var overdue = await db.Charges.AsNoTracking()
            .Where(c => unitIds.Contains(c.UnitId)).OverdueOn(today)
            .GroupBy(c => c.UnitId).Select(g => new { g.Key, Sum = g.Sum(c => c.Amount - c.Paid) }).ToDictionaryAsync(x => x.Key, x => x.Sum, ct);
        return View(new DunningList(stage, q, rowsPage.Where(x => rows.ContainsKey(x.c.UnitId)).Select(x =>
        {
            var u = rows[x.c.UnitId];
            return new DunningTaskRow(x.s.Id, x.c.Id, x.c.UnitId, u.Property, u.Building, u.Number, u.Household, u.Phone, x.s.Stage, x.s.CreatedOn,
                x.s.BalanceAtStart, overdue.GetValueOrDefault(x.c.UnitId), x.c.State);
        }).ToList(), total, paging));
    }

    private sealed record UnitInfo(string Property, string Building, string Number, string? Household, string? Phone);

    private async Task<Dictionary<Guid, UnitInfo>> RowsAsync(IReadOnlyCollection<Guid> unitIds, CancellationToken ct)
    {
        var units = await UnitLabels.ForAsync(db, unitIds, ct);
        var people = await UnitLabels.HouseholdsAsync(db, unitIds, Today, ct);
        return units.Values.ToDictionary(u => u.Id, u =>
        {
            var h = people.GetValueOrDefault(u.Id);
            return new UnitInfo(u.Property, u.Building, u.Number, h?.Names, h?.Phone);
        });
    }

    [HttpGet]
    public async Task<IActionResult> Case(Guid id, CancellationToken ct)
    {
        var model = await CaseAsync(id, ct);
        return model is null ? NotFound() : View(model);
    }

    private async Task<DunningCasePage?> CaseAsync(Guid id, CancellationToken ct)
    {
        var c = await db.DunningCases.AsNoTracking().Include(x => x.Steps).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
        {
            return null;
        }

        var info = (await RowsAsync([c.UnitId], ct))[c.UnitId];
        var policy = await ledger.PolicyForAsync(c.PropertyId, ct);
        return new DunningCasePage(c, info.Property, info.Building, info.Number, info.Household, info.Phone, await ledger.OverdueBalanceAsync(c.UnitId, ct),
            c.NextStepDate(policy.Ladder), Today);
    }

    /// <summary>Records a call, letter, visit or referral. Refused — and the case settled — if the household owes nothing overdue now.</summary>
    [HttpPost]
    public async Task<IActionResult> Complete(Guid id, StepForm form, CancellationToken ct)
    {
        var step = await db.DunningSteps.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (step is null)
        {
            return NotFound();
        }

        var unitId = await db.DunningCases.Where(c => c.Id == step.CaseId).Select(c => c.UnitId).FirstAsync(ct);
        ExpectVersion(db, step, form.Version);
        var overdue = await ledger.OverdueBalanceAsync(unitId, ct);
        if (form.Outcome is not { Length: > 0 and <= 500 })
        {
            FlashError(t["Fees.OutcomeRequired"]);
        }
        else if (!await TrySaveAsync(db, () => step.Complete(form.Outcome, form.TrackingNumber, overdue, Today, CurrentActor, UtcNow)))
        {
            FlashError(ModelStateErrors());
            if (overdue <= 0)
            {
                await ledger.SettleDunningIfClearAsync(unitId, ct);
            }
        }
        else
        {
            logger.LogInformation("Dunning step {Step} ({Stage}) done by {User}", id, step.Stage, User.Identity?.Name);
            Flash(Shared["Common.Saved"]);
        }

        return RedirectToAction(nameof(Case), new { id = step.CaseId });
    }

    [HttpPost]
    public async Task<IActionResult> Promise(Guid id, DateOnly? until, int version, CancellationToken ct)
    {
        if (!Within(until, d => d.NextYear, nameof(until)))
        {
            FlashError(ModelStateErrors());
            return RedirectToAction(nameof(Case), new { id });
        }

        return await ChangeAsync(id, version, c => c.Promise(until ?? DateOnly.MinValue, Today, CurrentActor, UtcNow), ct);
    }

    [HttpPost]
    public async Task<IActionResult> Dispute(Guid id, string? reason, string? link, int version, CancellationToken ct)
    {
        Guid? complaintId = null;
        Guid? repairId = null;
        if (!string.IsNullOrWhiteSpace(link))
        {
            var number = link.Trim().ToUpperInvariant();
            complaintId = await db.Complaints.Where(x => x.Number == number).Select(x => (Guid?)x.Id).FirstOrDefaultAsync(ct);
            repairId = complaintId is null ? await db.RepairOrders.Where(x => x.Number == number).Select(x => (Guid?)x.Id).FirstOrDefaultAsync(ct) : null;
            if (complaintId is null && repairId is null)
            {
                FlashError(t["Fees.CaseNumberUnknown", number]);
                return RedirectToAction(nameof(Case), new { id });
            }
        }

        return await ChangeAsync(id, version, c => c.Dispute(reason ?? "", complaintId, repairId, CurrentActor, UtcNow), ct);
    }

    [HttpPost]
    public async Task<IActionResult> Resolve(Guid id, int version, CancellationToken ct) =>
        await ChangeAsync(id, version, c => c.ResolveDispute(CurrentActor, UtcNow), ct);

    private async Task<IActionResult> ChangeAsync(Guid id, int version, Action<DunningCase> change, CancellationToken ct)
    {
        var c = await db.DunningCases.Include(x => x.Steps).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
        {
            return NotFound();
        }

        ExpectVersion(db, c, version);
        if (await TrySaveAsync(db, () => change(c)))
        {
            logger.LogInformation("Dunning case {Case} now {State} by {User}", id, c.State, User.Identity?.Name);
            Flash(Shared["Common.Saved"]);
        }
        else
        {
            FlashError(ModelStateErrors());
        }

        return RedirectToAction(nameof(Case), new { id });
    }
}
