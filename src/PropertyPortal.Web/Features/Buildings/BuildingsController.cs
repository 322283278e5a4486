using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Buildings;

/// <summary>
/// 楼栋. Everyone signed in reads the buildings of their properties; only the registry's owners
/// (<see cref="Policies.RegistryStructure"/>) change them. Every query goes through the scoped DbSets,
/// so another property's building is simply not found.
/// </summary>
public sealed class BuildingsController(PortalDbContext db, IAuthorizationService authz, IStringLocalizer<BuildingsText> t, ILogger<BuildingsController> logger) : PortalController
{
    private const int UnitPageSize = 50;

    public async Task<IActionResult> Index(Guid? propertyId, int page = 1, CancellationToken ct = default)
    {
        var query = db.Buildings.AsNoTracking();
        if (propertyId is { } pid)
        {
            query = query.Where(b => b.PropertyId == pid);
        }

        var total = await query.CountAsync(ct);
        var paging = Paging(page, total);
        var rows = await (
                from b in query
                join p in db.Properties on b.PropertyId equals p.Id
                orderby p.Code, b.Code.Length, b.Code
                select new BuildingRow(b.Id, b.PropertyId, p.Name, b.Code, b.Name, b.Floors,
                    db.Units.Count(u => u.BuildingId == b.Id),
                    db.Units.Count(u => u.BuildingId == b.Id && u.Status == UnitStatus.Occupied)))
            .Skip(paging.Skip).Take(paging.PageSize)
            .ToListAsync(ct);
        return View(new BuildingList(propertyId, await PropertyOptionsAsync(false, ct), rows, paging, await CanWriteAsync()));
    }

    public async Task<IActionResult> Details(Guid id, int page = 1, CancellationToken ct = default)
    {
        var model = await LoadDetailsAsync(id, page, ct);
        return model is null ? NotFound() : View(model);
    }

    [HttpGet]
    [Authorize(Policy = Policies.RegistryStructure)]
    public async Task<IActionResult> Create(Guid? propertyId, CancellationToken ct)
    {
        var form = new BuildingForm { PropertyId = propertyId };
        return View("Edit", await WithOptionsAsync(form, ct));
    }

    [HttpPost]
    [Authorize(Policy = Policies.RegistryStructure)]
    public async Task<IActionResult> Create(BuildingForm form, CancellationToken ct)
    {
        // The property list on the form is only a convenience: the posted id is checked against what this user may see.
        var property = form.PropertyId is { } pid
            ? await db.Properties.AsNoTracking().FirstOrDefaultAsync(p => p.Id == pid && p.IsActive, ct)
            : null;
        if (form.PropertyId is not null && property is null)
        {
            ModelState.AddModelError(nameof(form.PropertyId), t["Buildings.PropertyUnavailable"]);
        }

        if (ModelState.IsValid && await CodeTakenAsync(property!.Id, form.Code!, null, ct))
        {
            ModelState.AddModelError(nameof(form.Code), t["Buildings.DuplicateCode"]);
        }

        if (!ModelState.IsValid)
        {
            return View("Edit", await WithOptionsAsync(form, ct));
        }

        Building? building = null;
        if (!await TrySaveAsync(db, () =>
            {
                building = new Building(property!.Id, form.Code!, form.Name!, form.Floors);
                building.Update(form.Code!, form.Name!, form.Floors, form.Notes);
                db.Buildings.Add(building);
            }, nameof(form.Code)))
        {
            return View("Edit", await WithOptionsAsync(form, ct));
        }

        logger.LogInformation("Building {BuildingCode} created in property {PropertyId} by {User}", building!.Code, building.PropertyId, User.Identity?.Name);
        Flash(Shared["Common.Created"]);
        return RedirectToAction(nameof(Details), new { id = building.Id });
    }

    [HttpGet]
    [Authorize(Policy = Policies.RegistryStructure)]
    public async Task<IActionResult> Edit(Guid id, CancellationToken ct)
    {
        var row = await (from b in db.Buildings.AsNoTracking()
                         join p in db.Properties on b.PropertyId equals p.Id
                         where b.Id == id
                         select new { Building = b, PropertyName = p.Name }).FirstOrDefaultAsync(ct);
        return row is null ? NotFound() : View(BuildingForm.From(row.Building, row.PropertyName));
    }

    [HttpPost]
    [Authorize(Policy = Policies.RegistryStructure)]
    public async Task<IActionResult> Edit(Guid id, BuildingForm form, CancellationToken ct)
    {
        var building = await db.Buildings.FirstOrDefaultAsync(b => b.Id == id, ct);
        if (building is null)
        {
            return NotFound();
        }

        // The property is fixed once a building exists; whatever the form posted for it does not count.
        ModelState.Remove(nameof(form.PropertyId));
        form.Id = id;
        form.PropertyId = building.PropertyId;
        form.PropertyName = await db.Properties.Where(p => p.Id == building.PropertyId).Select(p => p.Name).FirstOrDefaultAsync(ct);
        if (ModelState.IsValid && await CodeTakenAsync(building.PropertyId, form.Code!, id, ct))
        {
            ModelState.AddModelError(nameof(form.Code), t["Buildings.DuplicateCode"]);
        }

        if (!ModelState.IsValid)
        {
            return View(form);
        }

        ExpectVersion(db, building, form.Version);
        if (!await TrySaveAsync(db, () => building.Update(form.Code!, form.Name!, form.Floors, form.Notes), nameof(form.Code)))
        {
            return View(form);
        }

        Flash(Shared["Common.Saved"]);
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpPost]
    [Authorize(Policy = Policies.RegistryStructure)]
    public async Task<IActionResult> Delete(Guid id, int version, CancellationToken ct)
    {
        var building = await db.Buildings.FirstOrDefaultAsync(b => b.Id == id, ct);
        if (building is null)
        {
            return NotFound();
        }

        // Units of a building always share its property, so the scoped Units set sees every one of them.
        if (await db.Units.AnyAsync(u => u.BuildingId == id, ct))
        {
            ModelState.AddModelError(string.Empty, Shared["Error.InUse"]);
            return View(nameof(Details), await LoadDetailsAsync(id, 1, ct));
        }

        ExpectVersion(db, building, version);
        db.Buildings.Remove(building);
        bool saved;
        try
        {
            saved = await TrySaveAsync(db);
        }
        catch (DbUpdateException ex)
        {
            // A record of another feature may point at the building; the foreign key refuses the delete.
            logger.LogInformation(ex, "Building {BuildingId} is still referenced; not deleted", id);
            db.ChangeTracker.Clear();
            ModelState.AddModelError(string.Empty, Shared["Error.InUse"]);
            saved = false;
        }

        if (!saved)
        {
            var model = await LoadDetailsAsync(id, 1, ct);
            return model is null ? NotFound() : View(nameof(Details), model);
        }

        logger.LogInformation("Building {BuildingId} ({BuildingCode}) deleted by {User}", id, building.Code, User.Identity?.Name);
        Flash(Shared["Common.Deleted"]);
        return RedirectToAction(nameof(Index), new { propertyId = building.PropertyId });
    }

    private async Task<BuildingDetails?> LoadDetailsAsync(Guid id, int page, CancellationToken ct)
    {
        var b = await (from x in db.Buildings.AsNoTracking()
                       join p in db.Properties on x.PropertyId equals p.Id
                       where x.Id == id
                       select new { x.Id, x.PropertyId, PropertyName = p.Name, x.Code, x.Name, x.Floors, x.Notes, x.Version }).FirstOrDefaultAsync(ct);
        if (b is null)
        {
            return null;
        }

        var byStatus = await db.Units.AsNoTracking().Where(u => u.BuildingId == id)
            .GroupBy(u => u.Status)
            .Select(g => new { Status = g.Key, Count = g.Count(), Area = g.Sum(u => (double)u.Area) })
            .ToListAsync(ct);
        var total = byStatus.Sum(x => x.Count);
        var paging = Paging(page, total, UnitPageSize);
        var units = await db.Units.AsNoTracking().Where(u => u.BuildingId == id)
            .OrderBy(u => u.Floor).ThenBy(u => u.Number)
            .Skip(paging.Skip).Take(paging.PageSize)
            .Select(u => new BuildingUnitRow(u.Id, u.Number, u.Floor, u.Area, u.Type, u.Status))
            .ToListAsync(ct);

        int Count(UnitStatus s) => byStatus.Where(x => x.Status == s).Sum(x => x.Count);
        return new BuildingDetails(b.Id, b.PropertyId, b.PropertyName, b.Code, b.Name, b.Floors, b.Notes, b.Version,
            total, Count(UnitStatus.Occupied), Count(UnitStatus.Vacant), Count(UnitStatus.UnderRenovation),
            decimal.Round((decimal)byStatus.Sum(x => x.Area), 2), units, paging, await CanWriteAsync());
    }

    private PageInfo Paging(int page, int total, int size = PageInfo.DefaultSize)
    {
        var pages = Math.Max(1, (total + size - 1) / size);
        return PageInfo.For(Request, Math.Clamp(page, 1, pages), total, size);
    }

    private async Task<BuildingForm> WithOptionsAsync(BuildingForm form, CancellationToken ct)
    {
        var options = await PropertyOptionsAsync(true, ct);
        form.PropertyOptions = options.Select(p => new SelectListItem(p.Name, p.Id.ToString(), p.Id == form.PropertyId)).ToList();
        if (form.PropertyId is null && options.Count == 1)
        {
            form.PropertyId = options[0].Id;
            form.PropertyOptions[0].Selected = true;
        }

        return form;
    }

    private async Task<IReadOnlyList<PropertyOption>> PropertyOptionsAsync(bool activeOnly, CancellationToken ct) =>
        await db.Properties.AsNoTracking()
            .Where(p => !activeOnly || p.IsActive)
            .OrderBy(p => p.Code)
            .Select(p => new PropertyOption(p.Id, p.Name))
            .ToListAsync(ct);

    private Task<bool> CodeTakenAsync(Guid propertyId, string code, Guid? exceptId, CancellationToken ct)
    {
        var trimmed = code.Trim();
        return db.Buildings.AnyAsync(b => b.PropertyId == propertyId && b.Code == trimmed && b.Id != exceptId, ct);
    }

    private async Task<bool> CanWriteAsync() => (await authz.AuthorizeAsync(User, Policies.RegistryStructure)).Succeeded;
}
