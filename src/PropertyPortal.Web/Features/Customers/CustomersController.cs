using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Web.Infrastructure.Export;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Customers;

/// <summary>
/// 住户: the household heads of the user's properties. Everyone signed in reads them (ID numbers masked
/// except on the household page for the desk roles); <see cref="Policies.HouseholdWrite"/> changes them.
/// Every query goes through the scoped DbSets, so another property's household is simply not found.
/// </summary>
public sealed class CustomersController(PortalDbContext db, IAuthorizationService authz, IStringLocalizer<CustomersText> t, ILogger<CustomersController> logger) : PortalController
{
    private const int ExportLimit = 20_000;

    public async Task<IActionResult> Index(Guid? propertyId, CustomerKind? kind, string? name, string? phone, int page = 1, CancellationToken ct = default)
    {
        var filter = new CustomerFilter(propertyId, kind, name?.Trim(), phone?.Trim());
        var query = Filtered(filter);
        var total = await query.CountAsync(ct);
        var pages = Math.Max(1, (total + PageInfo.DefaultSize - 1) / PageInfo.DefaultSize);
        var paging = PageInfo.For(Request, Math.Clamp(page, 1, pages), total);
        var rows = await RowsAsync(query, paging.Skip, paging.PageSize, ct);
        var options = (await PropertyOptionsAsync(false, ct))
            .Select(p => new SelectListItem(p.Text, p.Value, p.Value == propertyId?.ToString())).ToList();
        return View(new CustomerList(filter, options, rows, paging, await CanWriteAsync()));
    }

    public async Task<IActionResult> Export(Guid? propertyId, CustomerKind? kind, string? name, string? phone, CancellationToken ct)
    {
        var filter = new CustomerFilter(propertyId, kind, name?.Trim(), phone?.Trim());
        var rows = await RowsAsync(Filtered(filter), 0, ExportLimit, ct);
        logger.LogInformation("Household list exported by {User}: {Count} rows", User.Identity?.Name, rows.Count);
        string[] headers =
        [
            Shared["Field.PropertyId"], Shared["Field.Kind"], Shared["Field.Name"], Shared["Field.Phone"], Shared["Field.Phone2"],
            Shared["Field.IdDocumentType"], Shared["Field.IdNumber"], t["Customers.CurrentUnits"], Shared["Field.PreferredChannel"],
            Shared["Field.EmergencyContactName"], Shared["Field.EmergencyContactPhone"],
        ];
        return XlsxExport.File(t["Customers.ExportName"], Today, t["Customers.Title"], headers, rows.Select(r => (IReadOnlyList<object?>)
        [
            r.PropertyName, Shared.Enum(r.Kind), r.Name, r.Phone, r.Phone2, Shared.Enum(r.IdDocumentType), r.MaskedIdNumber,
            string.Join("、", r.CurrentUnits), Shared.Enum(r.PreferredChannel), r.EmergencyContactName, r.EmergencyContactPhone,
        ]));
    }

    public async Task<IActionResult> Details(Guid id, CancellationToken ct)
    {
        var model = await HouseholdArchiveQuery.LoadAsync(db, id, Today, HouseholdAccess.CanSeeFullIdNumber(User), await CanWriteAsync(), ct);
        return model is null ? NotFound() : View(model);
    }

    [HttpGet]
    [Authorize(Policy = Policies.HouseholdWrite)]
    public async Task<IActionResult> Create(Guid? propertyId, CancellationToken ct)
    {
        var form = new CustomerForm { PropertyId = propertyId, PreferredChannel = ContactChannel.Phone, IdDocumentType = IdDocumentType.IdCard };
        return View("Edit", await WithOptionsAsync(form, ct));
    }

    [HttpPost]
    [Authorize(Policy = Policies.HouseholdWrite)]
    public async Task<IActionResult> Create(CustomerForm form, CancellationToken ct)
    {
        // The property list is only a convenience: the posted id must be one this user can see.
        var property = form.PropertyId is { } pid
            ? await db.Properties.AsNoTracking().FirstOrDefaultAsync(p => p.Id == pid && p.IsActive, ct)
            : null;
        if (form.PropertyId is not null && property is null)
        {
            ModelState.AddModelError(nameof(form.PropertyId), t["Customers.PropertyUnavailable"]);
        }

        if (!ModelState.IsValid)
        {
            return View("Edit", await WithOptionsAsync(form, ct));
        }

        Customer? customer = null;
        if (!await TrySaveAsync(db, () =>
            {
                customer = new Customer(property!.Id, form.Kind, form.Name!, form.Phone);
                Apply(customer, form, form.IdNumber);
                db.Customers.Add(customer);
            }))
        {
            return View("Edit", await WithOptionsAsync(form, ct));
        }

        logger.LogInformation("Customer {CustomerId} created in property {PropertyId} by {User}", customer!.Id, customer.PropertyId, User.Identity?.Name);
        Flash(Shared["Common.Created"]);
        return RedirectToAction(nameof(Details), new { id = customer.Id });
    }

    [HttpGet]
    [Authorize(Policy = Policies.HouseholdWrite)]
    public async Task<IActionResult> Edit(Guid id, CancellationToken ct)
    {
        var row = await (from c in db.Customers.AsNoTracking()
                         join p in db.Properties on c.PropertyId equals p.Id
                         where c.Id == id
                         select new { Customer = c, PropertyName = p.Name }).FirstOrDefaultAsync(ct);
        return row is null ? NotFound() : View(CustomerForm.From(row.Customer, row.PropertyName, HouseholdAccess.CanSeeFullIdNumber(User)));
    }

    [HttpPost]
    [Authorize(Policy = Policies.HouseholdWrite)]
    public async Task<IActionResult> Edit(Guid id, CustomerForm form, CancellationToken ct)
    {
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (customer is null)
        {
            return NotFound();
        }

        // The property is fixed once a household exists; whatever the form posted for it does not count.
        ModelState.Remove(nameof(form.PropertyId));
        form.Id = id;
        form.PropertyId = customer.PropertyId;
        form.PropertyName = await db.Properties.Where(p => p.Id == customer.PropertyId).Select(p => p.Name).FirstOrDefaultAsync(ct);
        var canSeeId = HouseholdAccess.CanSeeFullIdNumber(User);
        if (!canSeeId)
        {
            form.KeptMaskedIdNumber = customer.MaskedIdNumber;
        }

        if (!ModelState.IsValid)
        {
            return View(form);
        }

        // Someone who never saw the number leaves it alone by leaving the field empty.
        var idNumber = !canSeeId && string.IsNullOrWhiteSpace(form.IdNumber) ? customer.IdNumber : form.IdNumber;
        ExpectVersion(db, customer, form.Version);
        if (!await TrySaveAsync(db, () => Apply(customer, form, idNumber)))
        {
            return View(form);
        }

        Flash(Shared["Common.Saved"]);
        return RedirectToAction(nameof(Details), new { id });
    }

    private void Apply(Customer customer, CustomerForm form, string? idNumber)
    {
        customer.Update(form.Kind, form.Name!, form.Phone, form.Phone2, form.Email, form.IdDocumentType, idNumber,
            form.EmergencyContactName, form.EmergencyContactPhone, form.PreferredChannel, form.Notes);
        customer.SetMessagesConsent(form.MessagesOptedOut, form.MessagesConsentNote, CurrentActor, UtcNow);
    }

    private IQueryable<Customer> Filtered(CustomerFilter filter)
    {
        var query = db.Customers.AsNoTracking();
        if (filter.PropertyId is { } pid)
        {
            query = query.Where(c => c.PropertyId == pid);
        }

        if (filter.Kind is { } kind)
        {
            query = query.Where(c => c.Kind == kind);
        }

        if (!string.IsNullOrEmpty(filter.Name))
        {
            query = query.Where(c => c.Name.Contains(filter.Name));
        }

        // Callers usually give the last four digits; the indexed Last4 columns answer that without a scan.
        if (filter.PhoneDigits is { } digits)
        {
            query = digits.Length == 4
                ? query.Where(c => c.PhoneLast4 == digits || c.Phone2Last4 == digits)
                : query.Where(c => c.Phone!.Contains(digits) || c.Phone2!.Contains(digits));
        }

        return query;
    }

    private async Task<List<CustomerRow>> RowsAsync(IQueryable<Customer> query, int skip, int take, CancellationToken ct)
    {
        var heads = await (from c in query
                           join p in db.Properties on c.PropertyId equals p.Id
                           orderby p.Code, c.Name, c.Id
                           select new
                           {
                               c.Id, PropertyName = p.Name, c.Kind, c.Name, c.Phone, c.Phone2, c.IdDocumentType, c.IdNumber,
                               c.PreferredChannel, c.EmergencyContactName, c.EmergencyContactPhone,
                           })
            .Skip(skip).Take(take)
            .ToListAsync(ct);

        var ids = heads.Select(h => h.Id).ToList();
        var today = Today;
        var units = (await (from o in db.Occupancies.AsNoTracking()
                            join u in db.Units on o.UnitId equals u.Id
                            where ids.Contains(o.CustomerId) && o.StartDate <= today && (o.EndDate == null || o.EndDate >= today)
                            select new { o.CustomerId, u.Number })
                .ToListAsync(ct))
            .ToLookup(x => x.CustomerId, x => x.Number);

        return heads.Select(h => new CustomerRow(h.Id, h.PropertyName, h.Kind, h.Name, h.Phone, h.Phone2, h.IdDocumentType,
                Customer.Mask(h.IdNumber), h.PreferredChannel, h.EmergencyContactName, h.EmergencyContactPhone,
                units[h.Id].Distinct().Order(StringComparer.Ordinal).ToList()))
            .ToList();
    }

    private async Task<CustomerForm> WithOptionsAsync(CustomerForm form, CancellationToken ct)
    {
        var options = await PropertyOptionsAsync(true, ct);
        if (form.PropertyId is null && options.Count == 1)
        {
            form.PropertyId = Guid.Parse(options[0].Value);
        }

        form.PropertyOptions = options.Select(p => new SelectListItem(p.Text, p.Value, p.Value == form.PropertyId?.ToString())).ToList();
        return form;
    }

    private async Task<List<SelectListItem>> PropertyOptionsAsync(bool activeOnly, CancellationToken ct) =>
        (await db.Properties.AsNoTracking()
            .Where(p => !activeOnly || p.IsActive)
            .OrderBy(p => p.Code)
            .Select(p => new { p.Id, p.Name })
            .ToListAsync(ct))
        .Select(p => new SelectListItem(p.Name, p.Id.ToString()))
        .ToList();

    private async Task<bool> CanWriteAsync() => (await authz.AuthorizeAsync(User, Policies.HouseholdWrite)).Succeeded;
}
