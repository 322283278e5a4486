using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Web.Features.Customers;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Keys;

/// <summary>
/// 代管钥匙, worked from the household page: register, lend, take back, hand back to the owner.
/// The household id only says where to return to; the key itself is found through the scoped set.
/// </summary>
[Authorize(Policy = Policies.HouseholdWrite)]
public sealed class KeysController(PortalDbContext db, IStringLocalizer<CustomersText> t, ILogger<KeysController> logger) : PortalController
{
    [HttpGet]
    public async Task<IActionResult> Create(Guid customerId, CancellationToken ct)
    {
        var form = new KeyForm { CustomerId = customerId, ReceivedOn = Today };
        if (!await WithHouseholdAsync(form, ct))
        {
            return NotFound();
        }

        if (form.UnitOptions.Count == 1)
        {
            form.UnitId = Guid.Parse(form.UnitOptions[0].Value);
        }

        return View("Edit", form);
    }

    [HttpPost]
    public async Task<IActionResult> Create(KeyForm form, CancellationToken ct)
    {
        if (!await WithHouseholdAsync(form, ct))
        {
            return NotFound();
        }

        // Only the household's current units are offered; anything else posted is refused, not trusted.
        var unit = form.UnitOptions.Any(o => o.Value == form.UnitId?.ToString())
            ? await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == form.UnitId, ct)
            : null;
        if (unit is null)
        {
            ModelState.AddModelError(nameof(form.UnitId), t["Keys.UnitNotOfHousehold"]);
        }

        if (!ModelState.IsValid)
        {
            return View("Edit", form);
        }

        OfficeKey? key = null;
        if (!await TrySaveAsync(db, () =>
            {
                key = new OfficeKey(unit!.PropertyId, unit.Id, form.Label!, form.Count!.Value, form.StorageLocation, form.ReceivedOn!.Value);
                key.Update(form.Label!, form.Count!.Value, form.StorageLocation, form.Notes);
                db.OfficeKeys.Add(key);
            }))
        {
            return View("Edit", form);
        }

        logger.LogInformation("Office key {KeyId} registered for unit {UnitId} by {User}", key!.Id, unit!.Id, User.Identity?.Name);
        Flash(t["Keys.Registered", unit.Number]);
        return Household(form.CustomerId);
    }

    [HttpGet]
    public async Task<IActionResult> Edit(Guid id, Guid customerId, CancellationToken ct)
    {
        var row = await (from k in db.OfficeKeys.AsNoTracking()
                         join u in db.Units on k.UnitId equals u.Id
                         where k.Id == id
                         select new { Key = k, u.Number }).FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return NotFound();
        }

        var k0 = row.Key;
        var form = new KeyForm
        {
            Id = id, CustomerId = customerId, UnitId = k0.UnitId, UnitNumber = row.Number, Label = k0.Label, Count = k0.Count,
            StorageLocation = k0.StorageLocation, ReceivedOn = k0.ReceivedOn, Notes = k0.Notes, Version = k0.Version,
        };
        return await WithHouseholdAsync(form, ct) ? View(form) : NotFound();
    }

    [HttpPost]
    public async Task<IActionResult> Edit(Guid id, KeyForm form, CancellationToken ct)
    {
        var key = await db.OfficeKeys.FirstOrDefaultAsync(k => k.Id == id, ct);
        if (key is null || !await WithHouseholdAsync(form, ct))
        {
            return NotFound();
        }

        // The unit and the day the office received the key are facts of the registration, not edited here.
        form.Id = id;
        form.UnitId = key.UnitId;
        form.ReceivedOn = key.ReceivedOn;
        form.UnitNumber = await db.Units.Where(u => u.Id == key.UnitId).Select(u => u.Number).FirstOrDefaultAsync(ct);
        if (!ModelState.IsValid)
        {
            return View(form);
        }

        ExpectVersion(db, key, form.Version);
        if (!await TrySaveAsync(db, () => key.Update(form.Label!, form.Count!.Value, form.StorageLocation, form.Notes)))
        {
            return View(form);
        }

        Flash(Shared["Common.Saved"]);
        return Household(form.CustomerId);
    }

    [HttpGet]
    public async Task<IActionResult> Lend(Guid id, Guid customerId, CancellationToken ct)
    {
        var form = new LendKeyForm { CustomerId = customerId };
        return await FillLendAsync(id, form, true, ct) ? View(form) : NotFound();
    }

    [HttpPost]
    public async Task<IActionResult> Lend(Guid id, LendKeyForm form, CancellationToken ct)
    {
        var key = await db.OfficeKeys.FirstOrDefaultAsync(k => k.Id == id, ct);
        if (key is null || !await FillLendAsync(id, form, false, ct))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return View(form);
        }

        ExpectVersion(db, key, form.Version);
        if (!await TrySaveAsync(db, () => key.Lend(form.LentTo!)))
        {
            return View(form);
        }

        logger.LogInformation("Office key {KeyId} lent by {User}", id, User.Identity?.Name);
        Flash(t["Keys.Lent", key.Label, key.LentTo!]);
        return Household(form.CustomerId);
    }

    [HttpPost]
    public Task<IActionResult> Return(Guid id, Guid customerId, int version, CancellationToken ct) =>
        OneClickAsync(id, customerId, version, k => k.ReturnToOffice(), "Keys.Returned", ct);

    [HttpPost]
    public Task<IActionResult> HandBack(Guid id, Guid customerId, int version, CancellationToken ct) =>
        OneClickAsync(id, customerId, version, k => k.HandBackToOwner(), "Keys.HandedBack", ct);

    /// <summary>A change with nothing to type; when a rule or a concurrent change refuses it, the household page says why.</summary>
    private async Task<IActionResult> OneClickAsync(Guid id, Guid customerId, int version, Action<OfficeKey> change, string doneKey, CancellationToken ct)
    {
        var key = await db.OfficeKeys.FirstOrDefaultAsync(k => k.Id == id, ct);
        if (key is null)
        {
            return NotFound();
        }

        ExpectVersion(db, key, version);
        if (!await TrySaveAsync(db, () => change(key)))
        {
            var archive = await HouseholdArchiveQuery.LoadAsync(db, customerId, Today, HouseholdAccess.CanSeeFullIdNumber(User), true, ct);
            return archive is null ? NotFound() : View("~/Features/Customers/Details.cshtml", archive);
        }

        logger.LogInformation("Office key {KeyId} now {Status}, by {User}", id, key.Status, User.Identity?.Name);
        Flash(t[doneKey, key.Label]);
        return Household(customerId);
    }

    private async Task<bool> WithHouseholdAsync(KeyForm form, CancellationToken ct)
    {
        var name = await db.Customers.AsNoTracking().Where(c => c.Id == form.CustomerId).Select(c => c.Name).FirstOrDefaultAsync(ct);
        if (name is null)
        {
            return false;
        }

        form.CustomerName = name;
        var today = Today;
        var units = await (from o in db.Occupancies.AsNoTracking()
                           join u in db.Units on o.UnitId equals u.Id
                           where o.CustomerId == form.CustomerId && o.StartDate <= today && (o.EndDate == null || o.EndDate >= today)
                           orderby u.Number
                           select new { u.Id, u.Number })
            .Distinct().ToListAsync(ct);
        form.UnitOptions = units.Select(u => new SelectListItem(u.Number, u.Id.ToString(), u.Id == form.UnitId)).ToList();
        return true;
    }

    private async Task<bool> FillLendAsync(Guid id, LendKeyForm form, bool withVersion, CancellationToken ct)
    {
        var row = await (from k in db.OfficeKeys.AsNoTracking()
                         join u in db.Units on k.UnitId equals u.Id
                         where k.Id == id
                         select new { u.Number, k.Label, k.StorageLocation, k.Version }).FirstOrDefaultAsync(ct);
        if (row is null || !await db.Customers.AnyAsync(c => c.Id == form.CustomerId, ct))
        {
            return false;
        }

        form.UnitNumber = row.Number;
        form.Label = row.Label;
        form.StorageLocation = row.StorageLocation;
        if (withVersion)
        {
            form.Version = row.Version;
        }

        return true;
    }

    private RedirectResult Household(Guid customerId) => Redirect(Url.Action("Details", "Customers", new { id = customerId }) + "#keys");
}
