using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Services;
using PropertyPortal.Web.Features.Shared;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Services;

/// <summary>
/// 失物招领: the register of found items (held first; those unclaimed past the property's setting marked), logging
/// an item under the property's next number, the claim with the ID checked, and disposal once unclaimed long enough.
/// </summary>
[Authorize(Policy = Policies.CaseIntake)]
public sealed class LostFoundController(PortalDbContext db, ServicePages pages, ServiceLimits limits, IStringLocalizer<ServicesText> t,
    ILogger<LostFoundController> logger) : PortalController
{
    [HttpGet]
    public async Task<IActionResult> Index(Guid? propertyId, FoundItemStatus? status, bool unclaimed, CancellationToken ct) =>
        await pages.FoundItemsAsync(propertyId, status, unclaimed, ct) is { } model ? View(model) : NotFound();

    [HttpGet]
    public async Task<IActionResult> Create(Guid? propertyId, CancellationToken ct)
    {
        var form = new FoundItemForm { PropertyId = propertyId, FoundAt = PortalClock.ToLocal(UtcNow) };
        return await WithOptionsAsync(form, ct) ? View(form) : NotFound();
    }

    [HttpPost]
    public async Task<IActionResult> Create(FoundItemForm form, CancellationToken ct)
    {
        if (!await WithOptionsAsync(form, ct))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return View(form);
        }

        var propertyId = form.PropertyId!.Value;
        var now = UtcNow;
        FoundItem? item = null;
        if (!await TrySaveNumberedAsync(db,
                () => CaseNumbers.NextAsync(db.FoundItems.IgnoreQueryFilters().Where(f => f.PropertyId == propertyId).Select(f => f.Number), "SW", now, HttpContext.RequestAborted),
                number => db.FoundItems.Add(item = new FoundItem(number, propertyId, form.Description!, PortalClock.ToUtc(form.FoundAt!.Value), form.FoundWhere!,
                    form.FoundBy!, form.StoredWhere!, CurrentActor, now)),
                nameof(form.Description)))
        {
            return View(form);
        }

        logger.LogInformation("Found item {Number} logged at property {PropertyId} by {User}", item!.Number, propertyId, CurrentActor.Name);
        Flash(t["LostFound.Logged", item.Number]);
        return RedirectToAction(nameof(Details), new { id = item.Id });
    }

    [HttpGet]
    public async Task<IActionResult> Details(Guid id, CancellationToken ct) =>
        await pages.FoundItemAsync(id, ct) is { } model ? View(model) : NotFound();

    /// <summary>认领: handed over to the claimant, whose ID the desk checked.</summary>
    [HttpPost]
    public async Task<IActionResult> Claim(Guid id, ClaimForm form, CancellationToken ct)
    {
        var item = await db.FoundItems.FirstOrDefaultAsync(f => f.Id == id, ct);
        if (item is null)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            FlashError(ModelStateErrors());
            return RedirectToAction(nameof(Details), new { id });
        }

        ExpectVersion(db, item, form.Version);
        if (await TrySaveAsync(db, () => item.Claim(form.ClaimantName!, form.Phone, form.IdDocumentType, form.IdLast4!, form.IdChecked, CurrentActor, UtcNow)))
        {
            Flash(t["LostFound.Claimed", item.Number]);
        }
        else
        {
            FlashError(ModelStateErrors());
        }

        return RedirectToAction(nameof(Details), new { id });
    }

    /// <summary>处理 (handed to the police, donated …): only once unclaimed for the property's setting.</summary>
    [HttpPost]
    public async Task<IActionResult> Discard(Guid id, DiscardForm form, CancellationToken ct)
    {
        var item = await db.FoundItems.FirstOrDefaultAsync(f => f.Id == id, ct);
        if (item is null)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            FlashError(ModelStateErrors());
            return RedirectToAction(nameof(Details), new { id });
        }

        var days = (await limits.ForAsync(item.PropertyId, ct)).UnclaimedAfterDays;
        ExpectVersion(db, item, form.Version);
        if (await TrySaveAsync(db, () => item.Discard(form.Note!, days, CurrentActor, UtcNow)))
        {
            Flash(t["LostFound.Discarded", item.Number]);
        }
        else
        {
            FlashError(ModelStateErrors());
        }

        return RedirectToAction(nameof(Details), new { id });
    }

    private async Task<bool> WithOptionsAsync(FoundItemForm form, CancellationToken ct)
    {
        form.PropertyOptions = await db.PropertyOptionsAsync(form.PropertyId, ct);
        if (form.PropertyId is null && form.PropertyOptions.Count == 1)
        {
            form.PropertyId = Guid.Parse(form.PropertyOptions[0].Value);
        }

        return form.PropertyId is not { } pid || form.PropertyOptions.Any(o => o.Value == pid.ToString());
    }
}
