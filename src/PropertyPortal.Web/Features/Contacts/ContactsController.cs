using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.FrontDesk;
using PropertyPortal.Web.Features.DailyLog;
using PropertyPortal.Web.Features.Search;
using PropertyPortal.Web.Infrastructure.Idempotency;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Contacts;

/// <summary>
/// 来访来电登记 (§3.1): the counter logs every call, visit, message and patrol finding. Everything reads
/// through the scoped sets, so a contact, household or unit of another property is simply not found.
/// A contact of a day the supervisor has signed off in the daily log can no longer be changed.
/// </summary>
[Authorize(Policy = Policies.CaseIntake)]
public sealed class ContactsController(PortalDbContext db, HouseholdSearch search, SuggestionAnswers suggestions, IStringLocalizer<ContactsText> t, ILogger<ContactsController> logger)
    : PortalController
{
    public const int LookupLimit = 8;
    private const int RecentLimit = 30;
    private const string RepairNext = "repair";
    private const string ComplaintNext = "complaint";
    private const string ServiceNext = "service";

    [HttpGet]
    public async Task<IActionResult> Create(Guid? propertyId, CancellationToken ct)
    {
        var form = new ContactForm { PropertyId = propertyId, ReceivedAt = ContactForm.FormatLocal(UtcNow), Outcome = ContactOutcome.Pending };
        return View(await CreatePageAsync(form, ct));
    }

    /// <summary><paramref name="next"/> is the button: 保存 (empty) or 保存并转报修 ("repair").</summary>
    [HttpPost]
    [Idempotent]
    public async Task<IActionResult> Create(ContactForm form, string? next, CancellationToken ct)
    {
        var household = await CheckReferencesAsync(form, ct);
        var received = ContactForm.ParseLocal(form.ReceivedAt);
        if (ModelState.IsValid && received is { } r && await DaySignedAsync(form.PropertyId!.Value, r, ct))
        {
            ModelState.AddModelError(nameof(form.ReceivedAt), Shared["Domain.DailyLogSigned"]);
        }

        if (!ModelState.IsValid)
        {
            return View(await CreatePageAsync(form, ct));
        }

        var toRepair = next == RepairNext;
        var toComplaint = next == ComplaintNext;

        // 转服务请求 is a button and an outcome: either way the request's form opens, and the contact takes the outcome when the request is opened.
        var toService = next == ServiceNext || (!toRepair && !toComplaint && form.Outcome == ContactOutcome.ServiceRequest);
        Contact? contact = null;
        var now = UtcNow;
        if (!await TrySaveAsync(db, () =>
            {
                contact = new Contact(form.PropertyId!.Value, received!.Value, form.Source, form.UnitId, form.CustomerId,
                    Coalesce(form.Name, household?.Name)!, Coalesce(form.Phone, household?.Phone), form.Subject!, form.Details, User.ToActor(), now);
                if (!toRepair && !toComplaint && !toService && (form.Outcome != ContactOutcome.Pending || !string.IsNullOrWhiteSpace(form.OutcomeNote)))
                {
                    contact.Resolve(form.Outcome, form.OutcomeNote);
                }

                db.Contacts.Add(contact);
            }))
        {
            return View(await CreatePageAsync(form, ct));
        }

        logger.LogInformation("Contact {ContactId} logged in property {PropertyId} by {User} (backdated: {Backdated})",
            contact!.Id, contact.PropertyId, User.Identity?.Name, contact.IsBackdated);
        if (toRepair)
        {
            return Redirect($"~/Repairs/Create?contactId={contact.Id}");
        }

        if (toComplaint)
        {
            return Redirect($"~/Complaints/Create?contactId={contact.Id}");
        }

        if (toService)
        {
            return Redirect($"~/Services/Create?contactId={contact.Id}");
        }

        Flash(t["Contacts.Logged", contact.Name]);
        return RedirectToAction(nameof(Create), new { propertyId = contact.PropertyId });
    }

    /// <summary>Suggestions for the counter's lookup box (phone, last four digits, name or unit number), as JSON.</summary>
    [HttpGet]
    public async Task<IActionResult> Lookup(string? q, CancellationToken ct)
    {
        if (HouseholdSearch.Classify(q).Kind == SearchKind.Empty)
        {
            return Json(Array.Empty<LookupSuggestion>());
        }

        var result = await search.RunAsync(q, Today, ct);
        var customerIds = result.Households.Select(h => h.Id).ToList();
        var customerProperty = await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.PropertyId, ct);
        var unitIds = result.Units.Select(u => u.Id).ToList();
        var unitProperty = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.PropertyId, ct);

        var suggestions = new List<LookupSuggestion>();
        foreach (var h in result.Households)
        {
            if (!customerProperty.TryGetValue(h.Id, out var pid))
            {
                continue;
            }

            var masked = MaskPhone(h.Phone);
            if (h.Units.Count == 0)
            {
                suggestions.Add(new LookupSuggestion(h.Id, h.Name, masked, h.Phone, null, null, pid, h.PropertyName));
            }

            suggestions.AddRange(h.Units.Select(u => new LookupSuggestion(h.Id, h.Name, masked, h.Phone, u.Id, u.Number, pid, h.PropertyName)));
        }

        // A vacant unit (or one whose household is not in the registry yet) can still be the subject of a call.
        var suggestedUnits = suggestions.Select(s => s.UnitId).ToHashSet();
        suggestions.AddRange(result.Units
            .Where(u => !suggestedUnits.Contains(u.Id) && unitProperty.ContainsKey(u.Id))
            .Select(u => new LookupSuggestion(null, null, null, null, u.Id, u.Number, unitProperty[u.Id], u.PropertyName)));
        return Json(suggestions.Take(LookupLimit).ToList());
    }

    public async Task<IActionResult> Index(Guid? propertyId, DateOnly? date, ContactSource? source, ContactOutcome? outcome, CancellationToken ct)
    {
        var options = await PropertyOptionsAsync(ct);
        if (propertyId is { } requested && options.All(o => o.Value != requested.ToString()))
        {
            return NotFound();
        }

        var pid = propertyId ?? (options.Count > 0 ? Guid.Parse(options[0].Value) : (Guid?)null);
        var filter = new ContactFilter(pid, date ?? Today, source, outcome);
        var day = new LocalDay(filter.Date);
        var query = db.Contacts.AsNoTracking().Where(c => c.PropertyId == pid && c.ReceivedAt >= day.StartUtc && c.ReceivedAt < day.EndUtc);
        if (source is { } s)
        {
            query = query.Where(c => c.Source == s);
        }

        if (outcome is { } o)
        {
            query = query.Where(c => c.Outcome == o);
        }

        var rows = await ContactRows.LoadAsync(db, query, int.MaxValue, ct);
        var signed = pid is { } p && await db.DailyLogs.AnyAsync(l => l.PropertyId == p && l.Date == filter.Date && l.SignedAt != null, ct);
        var selectable = options.Select(x => new SelectListItem(x.Text, x.Value, x.Value == pid?.ToString())).ToList();
        return View(new ContactList(filter, selectable, rows, signed));
    }

    public async Task<IActionResult> Details(Guid id, CancellationToken ct)
    {
        var model = await DetailsAsync(id, ct);
        return model is null ? NotFound() : View(model);
    }

    [HttpGet]
    public async Task<IActionResult> Edit(Guid id, CancellationToken ct)
    {
        var row = await (from c in db.Contacts.AsNoTracking()
                         join p in db.Properties on c.PropertyId equals p.Id
                         where c.Id == id
                         select new { Contact = c, PropertyName = p.Name }).FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return NotFound();
        }

        var form = ContactForm.From(row.Contact, row.PropertyName);
        if (await DaySignedAsync(row.Contact.PropertyId, row.Contact.ReceivedAt, ct))
        {
            ModelState.AddModelError(string.Empty, Shared["Domain.DailyLogSigned"]);
        }

        return View(await WithOptionsAsync(form, ct));
    }

    [HttpPost]
    public async Task<IActionResult> Edit(Guid id, ContactForm form, CancellationToken ct)
    {
        var contact = await db.Contacts.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (contact is null)
        {
            return NotFound();
        }

        // A contact stays in its property; whatever the form posted for it does not count.
        ModelState.Remove(nameof(form.PropertyId));
        form.Id = id;
        form.PropertyId = contact.PropertyId;
        form.RepairOrderId = contact.RepairOrderId;
        form.PropertyName = await db.Properties.Where(p => p.Id == contact.PropertyId).Select(p => p.Name).FirstOrDefaultAsync(ct);
        var household = await CheckReferencesAsync(form, ct);
        var received = ContactForm.ParseLocal(form.ReceivedAt);
        if (await DaySignedAsync(contact.PropertyId, contact.ReceivedAt, ct) || (received is { } r && await DaySignedAsync(contact.PropertyId, r, ct)))
        {
            ModelState.AddModelError(string.Empty, Shared["Domain.DailyLogSigned"]);
        }

        if (!ModelState.IsValid)
        {
            return View(await WithOptionsAsync(form, ct));
        }

        ExpectVersion(db, contact, form.Version);
        var now = UtcNow;
        var tell = contact.RepairOrderId is null ? await suggestions.PrepareAsync(contact, form.Outcome, form.OutcomeNote, ct) : null;
        if (!await TrySaveAsync(db, () =>
            {
                contact.Update(form.Source, form.UnitId, form.CustomerId, Coalesce(form.Name, household?.Name)!, Coalesce(form.Phone, household?.Phone),
                    form.Subject!, form.Details);
                if (contact.ReceivedAt != received!.Value)
                {
                    contact.SetReceivedAt(received.Value, now);
                }

                var note = string.IsNullOrWhiteSpace(form.OutcomeNote) ? null : form.OutcomeNote.Trim();
                if (contact.RepairOrderId is null && (contact.Outcome != form.Outcome || contact.OutcomeNote != note))
                {
                    contact.Resolve(form.Outcome, note);
                    tell?.Invoke();
                }
            }))
        {
            return View(await WithOptionsAsync(form, ct));
        }

        Flash(Shared["Common.Saved"]);
        return RedirectToAction(nameof(Details), new { id });
    }

    /// <summary>当场答复 / 转投诉 … in one click from the contact page.</summary>
    [HttpPost]
    public async Task<IActionResult> Resolve(Guid id, ResolveForm form, CancellationToken ct)
    {
        var contact = await db.Contacts.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (contact is null)
        {
            return NotFound();
        }

        if (await DaySignedAsync(contact.PropertyId, contact.ReceivedAt, ct))
        {
            ModelState.AddModelError(string.Empty, Shared["Domain.DailyLogSigned"]);
        }

        if (ModelState.IsValid && form.Outcome == ContactOutcome.ServiceRequest && contact.ServiceRequestId is null)
        {
            // 转服务请求 opens the request, prefilled; the contact's outcome is set when it is opened.
            return Redirect($"~/Services/Create?contactId={contact.Id}");
        }

        if (ModelState.IsValid)
        {
            ExpectVersion(db, contact, form.Version);
            var tell = await suggestions.PrepareAsync(contact, form.Outcome, form.OutcomeNote, ct);
            if (await TrySaveAsync(db, () =>
                {
                    contact.Resolve(form.Outcome, form.OutcomeNote);
                    tell?.Invoke();
                }))
            {
                Flash(Shared["Common.Saved"]);
                return form.ReturnTo is { } back && Url.IsLocalUrl(back) ? LocalRedirect(back) : RedirectToAction(nameof(Details), new { id });
            }
        }

        db.ChangeTracker.Clear();
        var model = await DetailsAsync(id, ct);
        return model is null ? NotFound() : View(nameof(Details), model);
    }

    /// <summary>
    /// The household and unit come from the lookup as hidden ids: they must be records this user can see,
    /// in the chosen property (the list of properties is only a convenience). Returns the household for
    /// filling an empty name or phone.
    /// </summary>
    private async Task<(string Name, string? Phone)?> CheckReferencesAsync(ContactForm form, CancellationToken ct)
    {
        if (form.PropertyId is not { } pid)
        {
            return null;
        }

        if (!await db.Properties.AnyAsync(p => p.Id == pid && p.IsActive, ct))
        {
            ModelState.AddModelError(nameof(form.PropertyId), t["Contacts.PropertyUnavailable"]);
            return null;
        }

        if (form.UnitId is { } unitId && !await db.Units.AnyAsync(u => u.Id == unitId && u.PropertyId == pid, ct))
        {
            ModelState.AddModelError(nameof(form.Lookup), t["Contacts.HouseholdUnavailable"]);
        }

        if (form.CustomerId is not { } customerId)
        {
            return null;
        }

        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == customerId && c.PropertyId == pid)
            .Select(c => new { c.Name, c.Phone }).FirstOrDefaultAsync(ct);
        if (customer is null)
        {
            ModelState.AddModelError(nameof(form.Lookup), t["Contacts.HouseholdUnavailable"]);
            return null;
        }

        return (customer.Name, customer.Phone);
    }

    private Task<bool> DaySignedAsync(Guid propertyId, DateTime receivedUtc, CancellationToken ct)
    {
        var day = LocalDay.Of(receivedUtc).Date;
        return db.DailyLogs.AnyAsync(l => l.PropertyId == propertyId && l.Date == day && l.SignedAt != null, ct);
    }

    private async Task<ContactDetails?> DetailsAsync(Guid id, CancellationToken ct)
    {
        var rows = await ContactRows.LoadAsync(db, db.Contacts.AsNoTracking().Where(c => c.Id == id), 1, ct);
        if (rows.Count == 0)
        {
            return null;
        }

        var c = await db.Contacts.AsNoTracking().Where(x => x.Id == id)
            .Select(x => new { x.PropertyId, x.UnitId, x.CustomerId, x.Details, x.LoggedAt, x.ReceivedAt, x.RepairOrderId, x.ServiceRequestId }).FirstAsync(ct);
        var customerName = c.CustomerId is { } cid ? await db.Customers.Where(x => x.Id == cid).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        var orderNumber = c.RepairOrderId is { } oid ? await db.RepairOrders.Where(o => o.Id == oid).Select(o => o.Number).FirstOrDefaultAsync(ct) : null;
        var day = LocalDay.Of(c.ReceivedAt).Date;
        var requestNumber = c.ServiceRequestId is { } sid ? await db.ServiceRequests.Where(r => r.Id == sid).Select(r => r.Number).FirstOrDefaultAsync(ct) : null;
        return new ContactDetails(rows[0], c.PropertyId, c.UnitId, customerName, c.Details, c.LoggedAt, orderNumber,
            await DaySignedAsync(c.PropertyId, c.ReceivedAt, ct), day)
        {
            ServiceRequestId = c.ServiceRequestId,
            ServiceRequestNumber = requestNumber,
        };
    }

    private async Task<ContactCreatePage> CreatePageAsync(ContactForm form, CancellationToken ct)
    {
        await WithOptionsAsync(form, ct);
        var today = new LocalDay(Today);
        var recent = await ContactRows.LoadAsync(db, db.Contacts.AsNoTracking().Where(c => c.ReceivedAt >= today.StartUtc && c.ReceivedAt < today.EndUtc), RecentLimit, ct);
        return new ContactCreatePage(form, recent);
    }

    private async Task<ContactForm> WithOptionsAsync(ContactForm form, CancellationToken ct)
    {
        var options = await PropertyOptionsAsync(ct);
        if (form.PropertyId is null && options.Count == 1)
        {
            form.PropertyId = Guid.Parse(options[0].Value);
        }

        var now = UtcNow;
        form.MinReceivedAt = ContactForm.FormatLocal(now - Contact.BackdateLimit);
        form.MaxReceivedAt = ContactForm.FormatLocal(now);
        form.PropertyOptions = options.Select(p => new SelectListItem(p.Text, p.Value, p.Value == form.PropertyId?.ToString())).ToList();
        return form;
    }

    private async Task<List<SelectListItem>> PropertyOptionsAsync(CancellationToken ct) =>
        (await db.Properties.AsNoTracking().Where(p => p.IsActive).OrderBy(p => p.Code).Select(p => new { p.Id, p.Name }).ToListAsync(ct))
        .Select(p => new SelectListItem(p.Name, p.Id.ToString()))
        .ToList();

    private static string? Coalesce(string? posted, string? fallback) => string.IsNullOrWhiteSpace(posted) ? fallback : posted;

    /// <summary>138****8000: enough to confirm with the caller, not enough for someone reading over the counter.</summary>
    public static string? MaskPhone(string? phone) => phone switch
    {
        null or "" => null,
        { Length: 11 } => phone[..3] + "****" + phone[7..],
        { Length: > 4 } => new string('*', phone.Length - 4) + phone[^4..],
        _ => phone,
    };
}
