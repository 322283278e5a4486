using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.MoveInOut;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Features.Fees;
using PropertyPortal.Web.Features.Shared;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure.Idempotency;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.MoveOuts;

public sealed class MoveOutForm
{
    public Guid? UnitId { get; set; }

    [Display(Name = "Field.CustomerId")]
    public Guid? OccupancyId { get; set; }

    [Display(Name = "Field.MoveOutDate")]
    public DateOnly? MoveOutDate { get; set; }

    [Display(Name = "Field.Items")]
    public string? Items { get; set; }

    [Display(Name = "Field.KeysReturned")]
    public int KeysReturned { get; set; }

    [Display(Name = "Field.KeyStorage")]
    public string? KeyStorage { get; set; }

    [BindNever]
    public string? UnitLabel { get; set; }

    [BindNever]
    public IReadOnlyList<SelectListItem> Occupants { get; set; } = [];

    [BindNever]
    public decimal Owed { get; set; }
}

public sealed class MoveOutFormValidator : AbstractValidator<MoveOutForm>
{
    public MoveOutFormValidator(IStringLocalizer<SharedResource> shared, DateWindows dates)
    {
        RuleFor(x => x.UnitId).NotNull();
        RuleFor(x => x.OccupancyId).NotNull();
        RuleFor(x => x.MoveOutDate).NotNull().Within(_ => dates.MoveOut, shared);
        RuleFor(x => x.Items).NotEmpty().MaximumLength(2000);
        RuleFor(x => x.KeysReturned).InclusiveBetween(0, 50);
        RuleFor(x => x.KeyStorage).MaximumLength(100);
    }
}

public sealed record MoveOutPage(MoveOut MoveOut, string PropertyName, string Building, string UnitNumber, string CustomerName, decimal OwedNow,
    IReadOnlyList<Repairs.ClockView> Clocks, DateTime Now);

/// <summary>
/// 迁出 at the counter (30 minutes, 002 L40): the form, keys handed in (onto the office's key register),
/// every fee settled — refused while anything is owed unless a supervisor overrides with a reason — the
/// occupancy ended, and the item-release slip (放行条) printed for the gate.
/// </summary>
[Authorize(Policy = Policies.CaseIntake)]
public sealed class MoveOutsController(PortalDbContext db, CaseClocks caseClocks, IStringLocalizer<MoveOutsText> t, ILogger<MoveOutsController> logger) : PortalController
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var rows = await db.MoveOuts.AsNoTracking().OrderByDescending(m => m.ReceivedAt).Take(100).ToListAsync(ct);
        var labels = await UnitLabels.ForAsync(db, rows.Select(r => r.UnitId).Distinct().ToList(), ct);
        return View((rows, labels));
    }

    [HttpGet]
    public async Task<IActionResult> Create(Guid? unitId, CancellationToken ct)
    {
        var form = new MoveOutForm { UnitId = unitId, MoveOutDate = Today };
        return await WithUnitAsync(form, ct) ? View(form) : NotFound();
    }

    [HttpPost]
    [Idempotent]
    public async Task<IActionResult> Create(MoveOutForm form, CancellationToken ct)
    {
        if (!await WithUnitAsync(form, ct))
        {
            return NotFound();
        }

        var occupancy = form.OccupancyId is { } oid ? await db.Occupancies.FirstOrDefaultAsync(o => o.Id == oid && o.UnitId == form.UnitId, ct) : null;
        if (form.OccupancyId is not null && occupancy is null)
        {
            ModelState.AddModelError(nameof(form.OccupancyId), Shared["Error.NotFound"]);
        }

        if (!ModelState.IsValid)
        {
            return View(form);
        }

        var now = UtcNow;
        var context = await caseClocks.ContextForAsync(occupancy!.PropertyId, ct);
        MoveOut? moveOut = null;
        if (!await TrySaveNumberedAsync(db,
                () => CaseNumbers.NextAsync(db.MoveOuts.IgnoreQueryFilters().Where(m => m.PropertyId == occupancy.PropertyId).Select(m => m.Number), "QC", now, ct),
                number =>
                {
                    moveOut = new MoveOut(number, occupancy.PropertyId, occupancy.UnitId, occupancy.CustomerId, occupancy.Id, form.MoveOutDate!.Value, form.Items!,
                        form.KeysReturned, form.KeyStorage, CurrentActor, now, caseClocks.ForNewCase(context));
                    db.MoveOuts.Add(moveOut);
                }))
        {
            await WithUnitAsync(form, ct);
            return View(form);
        }

        logger.LogInformation("Move-out {Number} opened by {User}", moveOut!.Number, User.Identity?.Name);
        return RedirectToAction(nameof(Details), new { id = moveOut.Id });
    }

    private async Task<bool> WithUnitAsync(MoveOutForm form, CancellationToken ct)
    {
        if (form.UnitId is not { } unitId || (await UnitLabels.ForAsync(db, [unitId], ct)).GetValueOrDefault(unitId) is not { } label)
        {
            return false;
        }

        form.UnitLabel = $"{label.Property} {label.Building} {label.Number}";
        var today = Today;
        form.Occupants = (await (from o in db.Occupancies.AsNoTracking()
                                 join c in db.Customers on o.CustomerId equals c.Id
                                 where o.UnitId == unitId && (o.EndDate == null || o.EndDate >= today)
                                 orderby o.Role
                                 select new { o.Id, c.Name, o.Role }).ToListAsync(ct))
            .Select(o => new SelectListItem($"{o.Name}（{Shared.Enum(o.Role)}）", o.Id.ToString(), o.Id == form.OccupancyId)).ToList();
        form.Owed = await OwedAsync(unitId, ct);
        return true;
    }

    /// <summary>Everything the unit still owes, deposits unpaid included (a held deposit is not owed).</summary>
    private async Task<decimal> OwedAsync(Guid unitId, CancellationToken ct) =>
        await db.Charges.Where(c => c.UnitId == unitId).Owed().SumAsync(c => c.Amount - c.Released - c.Paid, ct);

    [HttpGet]
    public async Task<IActionResult> Details(Guid id, CancellationToken ct)
    {
        var model = await LoadAsync(id, ct);
        return model is null ? NotFound() : View(model);
    }

    /// <summary>放行条 for the gate, A4, once the move-out is completed.</summary>
    [HttpGet]
    public async Task<IActionResult> Slip(Guid id, CancellationToken ct)
    {
        var model = await LoadAsync(id, ct);
        return model is null || model.MoveOut.Status != MoveOutStatus.Completed ? NotFound() : View(model);
    }

    private async Task<MoveOutPage?> LoadAsync(Guid id, CancellationToken ct)
    {
        var m = await db.MoveOuts.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (m is null)
        {
            return null;
        }

        var label = (await UnitLabels.ForAsync(db, [m.UnitId], ct))[m.UnitId];
        var name = await db.Customers.Where(c => c.Id == m.CustomerId).Select(c => c.Name).FirstAsync(ct);
        var clocks = await caseClocks.ReadAsync([id], ct);
        var now = UtcNow;
        return new MoveOutPage(m, label.Property, label.Building, label.Number, name, await OwedAsync(m.UnitId, ct),
            clocks.Select(c => Repairs.ClockView.From(c, now, new Dictionary<string, string>())).ToList(), now);
    }

    /// <summary>
    /// Completes the move-out: refused while anything is owed, unless a supervisor gives the reason to let it
    /// go; the household's occupancy ends, the keys go on the office's register, the unit is vacant when no one else lives there.
    /// </summary>
    [HttpPost]
    public async Task<IActionResult> Complete(Guid id, int version, string? overrideReason, CancellationToken ct)
    {
        var m = await db.MoveOuts.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (m is null)
        {
            return NotFound();
        }

        ExpectVersion(db, m, version);
        var owed = await OwedAsync(m.UnitId, ct);
        var canOverride = await CanAsync(Policies.Supervision);
        var occupancy = await db.Occupancies.FirstAsync(o => o.Id == m.OccupancyId, ct);
        var unit = await db.Units.FirstAsync(u => u.Id == m.UnitId, ct);
        var others = await db.Occupancies.AnyAsync(o => o.UnitId == m.UnitId && o.Id != m.OccupancyId && (o.EndDate == null || o.EndDate > m.MoveOutDate), ct);
        var clocks = await caseClocks.ForSubjectsAsync(m.PropertyId, [id], ct);
        var now = UtcNow;
        if (await TrySaveAsync(db, () =>
            {
                m.Complete(owed, overrideReason, canOverride, CurrentActor, now, clocks);
                occupancy.End(m.MoveOutDate < occupancy.StartDate ? occupancy.StartDate : m.MoveOutDate);
                if (m.KeysReturned > 0)
                {
                    db.OfficeKeys.Add(new OfficeKey(m.PropertyId, m.UnitId, t["MoveOuts.KeyLabel", m.Number], m.KeysReturned, m.KeyStorage, Today));
                }

                if (!others)
                {
                    unit.SetStatus(UnitStatus.Vacant);
                }
            }))
        {
            logger.LogInformation("Move-out {Number} completed by {User}{Override}", m.Number, User.Identity?.Name, m.OverrideReason is null ? "" : " with override: " + m.OverrideReason);
            Flash(t["MoveOuts.Completed", m.Number]);
        }
        else
        {
            FlashError(ModelStateErrors());
        }

        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpPost]
    public async Task<IActionResult> Cancel(Guid id, int version, CancellationToken ct)
    {
        var m = await db.MoveOuts.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (m is null)
        {
            return NotFound();
        }

        ExpectVersion(db, m, version);
        var clocks = await caseClocks.ForSubjectsAsync(m.PropertyId, [id], ct);
        if (!await TrySaveAsync(db, () => m.Cancel(clocks)))
        {
            FlashError(ModelStateErrors());
        }

        return RedirectToAction(nameof(Details), new { id });
    }
}
