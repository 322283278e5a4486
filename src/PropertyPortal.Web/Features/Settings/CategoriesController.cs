using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Settings;

/// <summary>
/// 维修类别: the company-wide table of repair kinds and their arrive/finish targets. A category is
/// deactivated, never deleted: repair orders reference it and keep the targets they were opened with.
/// </summary>
[Authorize(Policy = Policies.Administration)]
[Route("Settings/Categories/{action=Index}/{id?}")]
public sealed class CategoriesController(PortalDbContext db, IStringLocalizer<SettingsText> t, ILogger<CategoriesController> logger) : PortalController
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var rows = await db.RepairCategories.AsNoTracking()
            .OrderByDescending(c => c.IsActive).ThenBy(c => c.SortOrder).ThenBy(c => c.Group).ThenBy(c => c.Name)
            .Select(c => new CategoryRow(c.Id, c.Group, c.Name, c.ArriveMinutes, c.FinishMinutes, c.FinishWorkingDays, c.CallbackRule, c.SortOrder, c.IsActive))
            .ToListAsync(ct);
        return View(rows);
    }

    [HttpGet]
    public async Task<IActionResult> Create(CancellationToken ct)
    {
        var last = await db.RepairCategories.MaxAsync(c => (int?)c.SortOrder, ct) ?? 0;
        return View("Edit", new CategoryForm { SortOrder = last + 10 });
    }

    [HttpPost]
    public async Task<IActionResult> Create(CategoryForm form, CancellationToken ct)
    {
        if (ModelState.IsValid && await NameTakenAsync(form, null, ct))
        {
            ModelState.AddModelError(nameof(form.Name), t["Categories.Duplicate"]);
        }

        if (!ModelState.IsValid)
        {
            return View("Edit", form);
        }

        RepairCategory? category = null;
        if (!await TrySaveAsync(db, () =>
            {
                category = new RepairCategory(form.Group!, form.Name!, form.ArriveMinutes, form.FinishMinutes, form.FinishWorkingDays, form.CallbackRule, form.SortOrder!.Value);
                category.Update(form.Group!, form.Name!, form.ArriveMinutes, form.FinishMinutes, form.FinishWorkingDays, form.CallbackRule, form.SortOrder.Value, form.IsActive);
                db.RepairCategories.Add(category);
            }, nameof(form.Name)))
        {
            return View("Edit", form);
        }

        logger.LogInformation("Repair category {Group}/{Name} created by {User}", category!.Group, category.Name, User.Identity?.Name);
        Flash(Shared["Common.Created"]);
        return RedirectToAction(nameof(Index));
    }

    [HttpGet]
    public async Task<IActionResult> Edit(Guid id, CancellationToken ct)
    {
        var category = await db.RepairCategories.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        return category is null ? NotFound() : View(CategoryForm.From(category));
    }

    [HttpPost]
    public async Task<IActionResult> Edit(Guid id, CategoryForm form, CancellationToken ct)
    {
        var category = await db.RepairCategories.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (category is null)
        {
            return NotFound();
        }

        form.Id = id;
        if (ModelState.IsValid && await NameTakenAsync(form, id, ct))
        {
            ModelState.AddModelError(nameof(form.Name), t["Categories.Duplicate"]);
        }

        if (!ModelState.IsValid)
        {
            return View(form);
        }

        ExpectVersion(db, category, form.Version);
        if (!await TrySaveAsync(db, () => category.Update(form.Group!, form.Name!, form.ArriveMinutes, form.FinishMinutes, form.FinishWorkingDays,
                form.CallbackRule, form.SortOrder!.Value, form.IsActive), nameof(form.Name)))
        {
            return View(form);
        }

        Flash(Shared["Common.Saved"]);
        return RedirectToAction(nameof(Index));
    }

    /// <summary>Takes the category off the intake form; orders that use it keep it.</summary>
    [HttpPost]
    public async Task<IActionResult> Deactivate(Guid id, CancellationToken ct)
    {
        var c = await db.RepairCategories.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
        {
            return NotFound();
        }

        if (c.IsActive)
        {
            c.Update(c.Group, c.Name, c.ArriveMinutes, c.FinishMinutes, c.FinishWorkingDays, c.CallbackRule, c.SortOrder, false);
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Repair category {Group}/{Name} deactivated by {User}", c.Group, c.Name, User.Identity?.Name);
        }

        Flash(t["Categories.Deactivated", c.Name]);
        return RedirectToAction(nameof(Index));
    }

    private Task<bool> NameTakenAsync(CategoryForm form, Guid? exceptId, CancellationToken ct)
    {
        var group = form.Group!.Trim();
        var name = form.Name!.Trim();
        return db.RepairCategories.AnyAsync(c => c.Group == group && c.Name == name && c.Id != exceptId, ct);
    }
}
