using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Web.Features.Customers;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Members;

/// <summary>Household members, kept from the household page. Their history stays on the household's timeline after deletion.</summary>
[Authorize(Policy = Policies.HouseholdWrite)]
public sealed class MembersController(PortalDbContext db, IStringLocalizer<CustomersText> t, ILogger<MembersController> logger) : PortalController
{
    [HttpGet]
    public async Task<IActionResult> Create(Guid customerId, CancellationToken ct)
    {
        var form = new MemberForm { CustomerId = customerId };
        return await WithHouseholdAsync(form, ct) ? View("Edit", form) : NotFound();
    }

    [HttpPost]
    public async Task<IActionResult> Create(MemberForm form, CancellationToken ct)
    {
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == form.CustomerId, ct);
        if (customer is null)
        {
            return NotFound();
        }

        form.CustomerName = customer.Name;
        if (!ModelState.IsValid)
        {
            return View("Edit", form);
        }

        if (!await TrySaveAsync(db, () =>
            {
                var member = new HouseholdMember(customer.PropertyId, customer.Id, form.Name!, form.Relation, form.Phone);
                member.Update(form.Name!, form.Relation, form.Phone, form.Notes);
                db.HouseholdMembers.Add(member);
            }))
        {
            return View("Edit", form);
        }

        Flash(Shared["Common.Created"]);
        return Household(customer.Id);
    }

    [HttpGet]
    public async Task<IActionResult> Edit(Guid id, CancellationToken ct)
    {
        var form = await db.HouseholdMembers.AsNoTracking().Where(m => m.Id == id)
            .Select(m => new MemberForm { Id = m.Id, CustomerId = m.CustomerId, Name = m.Name, Relation = m.Relation, Phone = m.Phone, Notes = m.Notes, Version = m.Version })
            .FirstOrDefaultAsync(ct);
        return form is not null && await WithHouseholdAsync(form, ct) ? View(form) : NotFound();
    }

    [HttpPost]
    public async Task<IActionResult> Edit(Guid id, MemberForm form, CancellationToken ct)
    {
        var member = await db.HouseholdMembers.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (member is null)
        {
            return NotFound();
        }

        // A member stays with its household whatever the form posted.
        form.Id = id;
        form.CustomerId = member.CustomerId;
        await WithHouseholdAsync(form, ct);
        if (!ModelState.IsValid)
        {
            return View(form);
        }

        ExpectVersion(db, member, form.Version);
        if (!await TrySaveAsync(db, () => member.Update(form.Name!, form.Relation, form.Phone, form.Notes)))
        {
            return View(form);
        }

        Flash(Shared["Common.Saved"]);
        return Household(member.CustomerId);
    }

    [HttpPost]
    public async Task<IActionResult> Delete(Guid id, int version, CancellationToken ct)
    {
        var member = await db.HouseholdMembers.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (member is null)
        {
            return NotFound();
        }

        ExpectVersion(db, member, version);
        db.HouseholdMembers.Remove(member);
        if (!await TrySaveAsync(db))
        {
            // Only a concurrent change can stop this; show the household as it is now, with the reason.
            var archive = await HouseholdArchiveQuery.LoadAsync(db, member.CustomerId, Today, HouseholdAccess.CanSeeFullIdNumber(User), true, ct);
            return archive is null ? NotFound() : View("~/Features/Customers/Details.cshtml", archive);
        }

        logger.LogInformation("Household member {MemberId} of customer {CustomerId} deleted by {User}", id, member.CustomerId, User.Identity?.Name);
        Flash(t["Members.Deleted", member.Name]);
        return Household(member.CustomerId);
    }

    private async Task<bool> WithHouseholdAsync(MemberForm form, CancellationToken ct)
    {
        var name = await db.Customers.AsNoTracking().Where(c => c.Id == form.CustomerId).Select(c => c.Name).FirstOrDefaultAsync(ct);
        form.CustomerName = name ?? "";
        return name is not null;
    }

    private RedirectResult Household(Guid customerId) => Redirect(Url.Action("Details", "Customers", new { id = customerId }) + "#members");
}
