using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Web.Features.Customers;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Occupancies;

/// <summary>入住关系: which units a household owns or rents, and since/until when. Always reached from the household page.</summary>
[Authorize(Policy = Policies.HouseholdWrite)]
public sealed class OccupanciesController(PortalDbContext db, IStringLocalizer<CustomersText> t, ILogger<OccupanciesController> logger) : PortalController
{
    [HttpGet]
    public async Task<IActionResult> Create(Guid customerId, CancellationToken ct)
    {
        var form = new OccupancyForm { CustomerId = customerId, StartDate = Today, Role = OccupancyRole.Owner };
        return await WithHouseholdAsync(form, ct) ? View("Edit", form) : NotFound();
    }

    [HttpPost]
    public async Task<IActionResult> Create(OccupancyForm form, CancellationToken ct)
    {
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == form.CustomerId, ct);
        if (customer is null || !await WithHouseholdAsync(form, ct))
        {
            return NotFound();
        }

        Unit? unit = null;
        if (string.IsNullOrWhiteSpace(form.UnitNumber))
        {
            ModelState.AddModelError(nameof(form.UnitNumber), Shared["Validation.MissingValue", Shared["Field.Number"]]);
        }
        else if (ModelState.IsValid)
        {
            var number = Unit.NormalizeNumber(form.UnitNumber);
            unit = await db.Units.FirstOrDefaultAsync(u => u.PropertyId == customer.PropertyId && u.Number == number, ct);
            if (unit is null)
            {
                ModelState.AddModelError(nameof(form.UnitNumber), t["Occupancies.UnitNotFound", number, form.PropertyName]);
            }
            else if (await db.Occupancies.AnyAsync(o => o.CustomerId == customer.Id && o.UnitId == unit.Id
                         && (o.EndDate == null || o.EndDate >= form.StartDate), ct))
            {
                ModelState.AddModelError(nameof(form.UnitNumber), t["Occupancies.AlreadyLinked", number]);
            }
        }

        if (!ModelState.IsValid)
        {
            return View("Edit", form);
        }

        var occupancy = new Occupancy(customer.PropertyId, unit!.Id, customer.Id, form.Role, form.StartDate!.Value, form.EndDate);
        if (!await TrySaveAsync(db, () =>
            {
                db.Occupancies.Add(occupancy);
                MarkOccupied(unit, occupancy);
            }))
        {
            return View("Edit", form);
        }

        logger.LogInformation("Unit {UnitId} linked to customer {CustomerId} as {Role} by {User}", unit.Id, customer.Id, form.Role, User.Identity?.Name);
        Flash(t["Occupancies.Added", unit.Number]);
        return Household(customer.Id);
    }

    [HttpGet]
    public async Task<IActionResult> Edit(Guid id, CancellationToken ct)
    {
        var row = await (from o in db.Occupancies.AsNoTracking()
                         join u in db.Units on o.UnitId equals u.Id
                         where o.Id == id
                         select new { o.CustomerId, u.Number, o.Role, o.StartDate, o.EndDate, o.Version }).FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return NotFound();
        }

        var form = new OccupancyForm
        {
            Id = id, CustomerId = row.CustomerId, UnitNumber = row.Number, Role = row.Role,
            StartDate = row.StartDate, EndDate = row.EndDate, Version = row.Version,
        };
        return await WithHouseholdAsync(form, ct) ? View(form) : NotFound();
    }

    [HttpPost]
    public async Task<IActionResult> Edit(Guid id, OccupancyForm form, CancellationToken ct)
    {
        var occupancy = await db.Occupancies.FirstOrDefaultAsync(o => o.Id == id, ct);
        var unit = occupancy is null ? null : await db.Units.FirstOrDefaultAsync(u => u.Id == occupancy.UnitId, ct);
        if (occupancy is null || unit is null)
        {
            return NotFound();
        }

        // The unit and household of an occupancy are fixed; only role and dates change.
        form.Id = id;
        form.CustomerId = occupancy.CustomerId;
        form.UnitNumber = unit.Number;
        await WithHouseholdAsync(form, ct);
        if (!ModelState.IsValid)
        {
            return View(form);
        }

        ExpectVersion(db, occupancy, form.Version);
        if (!await TrySaveAsync(db, () =>
            {
                occupancy.Change(form.Role, form.StartDate!.Value, form.EndDate);
                MarkOccupied(unit, occupancy);
            }))
        {
            return View(form);
        }

        Flash(Shared["Common.Saved"]);
        return Household(occupancy.CustomerId);
    }

    [HttpGet]
    public async Task<IActionResult> End(Guid id, CancellationToken ct)
    {
        var form = new EndOccupancyForm { EndDate = Today };
        return await FillEndAsync(id, form, true, ct) ? View(form) : NotFound();
    }

    [HttpPost]
    public async Task<IActionResult> End(Guid id, EndOccupancyForm form, CancellationToken ct)
    {
        var occupancy = await db.Occupancies.FirstOrDefaultAsync(o => o.Id == id, ct);
        if (occupancy is null || !await FillEndAsync(id, form, false, ct))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return View(form);
        }

        ExpectVersion(db, occupancy, form.Version);
        if (!await TrySaveAsync(db, () => occupancy.End(form.EndDate!.Value)))
        {
            return View(form);
        }

        logger.LogInformation("Occupancy {OccupancyId} ended on {EndDate} by {User}", id, form.EndDate, User.Identity?.Name);
        Flash(t["Occupancies.Ended", form.UnitNumber]);
        return Household(occupancy.CustomerId);
    }

    /// <summary>A vacant unit that gains a current occupant is occupied; renovation or an already occupied unit stays as it is.</summary>
    private void MarkOccupied(Unit unit, Occupancy occupancy)
    {
        if (occupancy.IsCurrent(Today) && unit.Status == UnitStatus.Vacant)
        {
            unit.SetStatus(UnitStatus.Occupied);
        }
    }

    private async Task<bool> WithHouseholdAsync(OccupancyForm form, CancellationToken ct)
    {
        var household = await (from c in db.Customers.AsNoTracking()
                               join p in db.Properties on c.PropertyId equals p.Id
                               where c.Id == form.CustomerId
                               select new { c.Name, PropertyName = p.Name }).FirstOrDefaultAsync(ct);
        if (household is null)
        {
            return false;
        }

        form.CustomerName = household.Name;
        form.PropertyName = household.PropertyName;
        return true;
    }

    private async Task<bool> FillEndAsync(Guid id, EndOccupancyForm form, bool withVersion, CancellationToken ct)
    {
        var row = await (from o in db.Occupancies.AsNoTracking()
                         join u in db.Units on o.UnitId equals u.Id
                         join c in db.Customers on o.CustomerId equals c.Id
                         where o.Id == id
                         select new { o.CustomerId, CustomerName = c.Name, u.Number, o.Role, o.StartDate, o.Version }).FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return false;
        }

        form.CustomerId = row.CustomerId;
        form.CustomerName = row.CustomerName;
        form.UnitNumber = row.Number;
        form.Role = row.Role;
        form.StartDate = row.StartDate;
        if (withVersion)
        {
            form.Version = row.Version;
        }

        return true;
    }

    private RedirectResult Household(Guid customerId) => Redirect(Url.Action("Details", "Customers", new { id = customerId }) + "#units");
}
