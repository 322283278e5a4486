using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Properties;

/// <summary>项目: the company's 小区 and 大厦. Only administrators shape this list; a property is deactivated, never deleted.</summary>
[Authorize(Policy = Policies.Administration)]
public sealed class PropertiesController(PortalDbContext db, IStringLocalizer<PropertiesText> t, ILogger<PropertiesController> logger) : PortalController
{
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var rows = await db.Properties.AsNoTracking()
            .OrderByDescending(p => p.IsActive).ThenBy(p => p.Code)
            .Select(p => new PropertyRow(p.Id, p.Code, p.Name, p.Kind, p.Address, p.Phone, p.IsActive,
                db.Buildings.Count(b => b.PropertyId == p.Id),
                db.Units.Count(u => u.PropertyId == p.Id)))
            .ToListAsync(ct);
        return View(rows);
    }

    public async Task<IActionResult> Details(Guid id, CancellationToken ct)
    {
        var p = await db.Properties.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (p is null)
        {
            return NotFound();
        }

        // One grouped query for the unit figures instead of one count per status.
        var byStatus = await db.Units.AsNoTracking().Where(u => u.PropertyId == id)
            .GroupBy(u => u.Status)
            .Select(g => new { Status = g.Key, Count = g.Count(), Area = g.Sum(u => (double)u.Area) })
            .ToListAsync(ct);
        var buildings = await db.Buildings.AsNoTracking().Where(b => b.PropertyId == id)
            .OrderBy(b => b.Code.Length).ThenBy(b => b.Code)
            .Select(b => new PropertyBuildingRow(b.Id, b.Code, b.Name, b.Floors, db.Units.Count(u => u.BuildingId == b.Id)))
            .ToListAsync(ct);
        var households = await db.Customers.CountAsync(c => c.PropertyId == id, ct);
        var keys = await db.OfficeKeys.CountAsync(k => k.PropertyId == id && k.Status != KeyStatus.Returned, ct);

        int Count(UnitStatus s) => byStatus.Where(x => x.Status == s).Sum(x => x.Count);
        var model = new PropertyDetails(p.Id, p.Code, p.Name, p.Kind, p.Address, p.Phone, p.IsActive,
            byStatus.Sum(x => x.Count), Count(UnitStatus.Occupied), Count(UnitStatus.Vacant), Count(UnitStatus.UnderRenovation),
            decimal.Round((decimal)byStatus.Sum(x => x.Area), 2), households, keys, buildings)
        {
            Counter = (p.PayeeName, p.BankName, p.BankAccount, p.CounterHours, p.ReceiptPaper),
        };
        return View(model);
    }

    [HttpGet]
    public IActionResult Create() => View("Edit", new PropertyForm());

    [HttpPost]
    public async Task<IActionResult> Create(PropertyForm form, CancellationToken ct)
    {
        if (ModelState.IsValid && await CodeTakenAsync(form.Code!, null, ct))
        {
            ModelState.AddModelError(nameof(form.Code), t["Properties.DuplicateCode"]);
        }

        if (!ModelState.IsValid)
        {
            return View("Edit", form);
        }

        Property? property = null;
        if (!await TrySaveAsync(db, () =>
            {
                property = new Property(form.Code!, form.Name!, form.Kind, form.Address, form.Phone);
                property.Update(form.Code!, form.Name!, form.Kind, form.Address, form.Phone, form.IsActive);
                property.SetCounter(form.PayeeName, form.BankName, form.BankAccount, form.CounterHours, form.ReceiptPaper);
                db.Properties.Add(property);
            }, nameof(form.Code)))
        {
            return View("Edit", form);
        }

        logger.LogInformation("Property {PropertyCode} created by {User}", property!.Code, User.Identity?.Name);
        Flash(Shared["Common.Created"]);
        return RedirectToAction(nameof(Details), new { id = property.Id });
    }

    [HttpGet]
    public async Task<IActionResult> Edit(Guid id, CancellationToken ct)
    {
        var p = await db.Properties.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        return p is null ? NotFound() : View(PropertyForm.From(p));
    }

    [HttpPost]
    public async Task<IActionResult> Edit(Guid id, PropertyForm form, CancellationToken ct)
    {
        var property = await db.Properties.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (property is null)
        {
            return NotFound();
        }

        form.Id = id;
        if (ModelState.IsValid && await CodeTakenAsync(form.Code!, id, ct))
        {
            ModelState.AddModelError(nameof(form.Code), t["Properties.DuplicateCode"]);
        }

        if (!ModelState.IsValid)
        {
            return View(form);
        }

        ExpectVersion(db, property, form.Version);
        if (!await TrySaveAsync(db, () =>
            {
                property.Update(form.Code!, form.Name!, form.Kind, form.Address, form.Phone, form.IsActive);
                property.SetCounter(form.PayeeName, form.BankName, form.BankAccount, form.CounterHours, form.ReceiptPaper);
            }, nameof(form.Code)))
        {
            return View(form);
        }

        Flash(Shared["Common.Saved"]);
        return RedirectToAction(nameof(Details), new { id });
    }

    private Task<bool> CodeTakenAsync(string code, Guid? exceptId, CancellationToken ct)
    {
        var normalized = code.Trim().ToUpperInvariant();
        return db.Properties.AnyAsync(p => p.Code == normalized && p.Id != exceptId, ct);
    }
}
