using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Web.Features.Renovations;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Settings;

/// <summary>
/// 装修时限 (系统设置 → 服务时限 → 装修时限): a property's renovation limits, a section of its SLA policy with its own
/// page and save. A clock takes its limit when it starts, so an edit changes the clocks started afterwards; the patrol
/// windows apply from the next window the patrol job opens.
/// </summary>
[Authorize(Policy = Policies.Administration)]
[Route("Settings/SlaRenovations/{action=Edit}/{id?}")]
public sealed class SlaRenovationsController(PortalDbContext db, SlaSettings sla, IStringLocalizer<RenovationsText> t, ILogger<SlaRenovationsController> logger)
    : PortalController
{
    private const string ViewPath = "~/Features/Settings/Sla/Renovations.cshtml";

    [HttpGet]
    public async Task<IActionResult> Edit(Guid id, CancellationToken ct)
    {
        var name = await db.Properties.AsNoTracking().Where(p => p.Id == id).Select(p => p.Name).FirstOrDefaultAsync(ct);
        if (name is null)
        {
            return NotFound();
        }

        var policy = await sla.PolicyForAsync(id, ct);
        return View(ViewPath, RenovationLimitsForm.From(id, name, policy, db.Entry(policy).State != EntityState.Detached));
    }

    [HttpPost]
    public async Task<IActionResult> Edit(Guid id, RenovationLimitsForm form, CancellationToken ct)
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
            return View(ViewPath, form);
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
            return View(ViewPath, form);
        }

        logger.LogInformation("Renovation limits of property {PropertyId} saved by {User}", id, User.Identity?.Name);
        Flash(t["Renovations.Limits.Saved"]);
        return RedirectToAction(nameof(Edit), new { id });
    }
}
