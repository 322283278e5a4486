using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Settings;

/// <summary>
/// One feature's limits of a property's <see cref="SlaPolicy"/>, on a page of its own under 服务时限 (so features
/// add their section without sharing one big form). The form reads its fields from the policy and writes them
/// back through the feature's own <c>SlaPolicy.Update…</c> method.
/// </summary>
public abstract class SlaSectionForm
{
    [BindNever]
    public Guid PropertyId { get; set; }

    [BindNever]
    public string PropertyName { get; set; } = "";

    /// <summary>Whether the form was based on a saved policy: one saved by someone else meanwhile is a concurrent edit.</summary>
    public bool Saved { get; set; }

    public int Version { get; set; }

    public abstract void Fill(SlaPolicy policy);

    /// <summary>Writes the fields (already validated) to the policy; the domain refuses what is out of range.</summary>
    public abstract void ApplyTo(SlaPolicy policy);
}

/// <summary>
/// The GET and POST of a <see cref="SlaSectionForm"/>: 404 for a property not the admin's, the form again with its
/// messages, a concurrent edit caught by the policy's version (or by a row saved while the form showed the defaults),
/// and the first save of a property's policy creating its row with the seeded ladders.
/// </summary>
public abstract class SlaSectionController<TForm>(PortalDbContext db, SlaSettings sla, ILogger logger) : PortalController
    where TForm : SlaSectionForm, new()
{
    /// <summary>The message flashed after a save.</summary>
    protected abstract string SavedMessage { get; }

    [HttpGet]
    public async Task<IActionResult> Edit(Guid id, CancellationToken ct)
    {
        var name = await db.Properties.AsNoTracking().Where(p => p.Id == id).Select(p => p.Name).FirstOrDefaultAsync(ct);
        if (name is null)
        {
            return NotFound();
        }

        var policy = await sla.PolicyForAsync(id, ct);
        var saved = db.Entry(policy).State != EntityState.Detached;
        var form = new TForm { PropertyId = id, PropertyName = name, Saved = saved, Version = saved ? policy.Version : 0 };
        form.Fill(policy);
        return View("Edit", form);
    }

    [HttpPost]
    public async Task<IActionResult> Edit(Guid id, TForm form, CancellationToken ct)
    {
        var name = await db.Properties.AsNoTracking().Where(p => p.Id == id).Select(p => p.Name).FirstOrDefaultAsync(ct);
        if (name is null)
        {
            return NotFound();
        }

        var policy = await sla.PolicyForAsync(id, ct);
        var saved = db.Entry(policy).State != EntityState.Detached;
        (form.PropertyId, form.PropertyName) = (id, name);
        if (ModelState.IsValid && saved && !form.Saved)
        {
            // The form showed the defaults, but someone saved this property's policy meanwhile.
            ModelState.AddModelError(string.Empty, Shared["Error.Concurrency"]);
        }

        if (!ModelState.IsValid)
        {
            return View("Edit", form);
        }

        if (saved)
        {
            ExpectVersion(db, policy, form.Version);
        }

        if (!await TrySaveAsync(db, () =>
            {
                form.ApplyTo(policy);
                if (!saved)
                {
                    db.SlaPolicies.Add(policy);
                }
            }))
        {
            return View("Edit", form);
        }

        logger.LogInformation("SLA section {Section} of property {PropertyId} saved by {User}", typeof(TForm).Name, id, User.Identity?.Name);
        Flash(SavedMessage);
        return RedirectToAction(nameof(Edit), new { id });
    }
}
