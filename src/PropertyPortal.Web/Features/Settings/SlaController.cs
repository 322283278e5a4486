using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Settings;

/// <summary>
/// 服务时限: each property's SLA policy. A property without a saved row runs on the spec's defaults;
/// the first save creates its row. A case copies its targets when it is opened, so an edit changes
/// only the cases opened afterwards.
/// </summary>
[Authorize(Policy = Policies.Administration)]
[Route("Settings/Sla/{action=Index}/{id?}")]
public sealed class SlaController(PortalDbContext db, IStringLocalizer<SettingsText> t, ILogger<SlaController> logger) : PortalController
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var properties = await db.Properties.AsNoTracking().OrderByDescending(p => p.IsActive).ThenBy(p => p.Code)
            .Select(p => new { p.Id, p.Code, p.Name }).ToListAsync(ct);
        var policies = await db.SlaPolicies.AsNoTracking().ToDictionaryAsync(p => p.PropertyId, ct);
        var rows = properties.Select(p => SlaPolicyRow.From(p.Id, p.Code, p.Name, policies.GetValueOrDefault(p.Id))).ToList();
        return View(rows);
    }

    [HttpGet]
    public async Task<IActionResult> Edit(Guid id, CancellationToken ct)
    {
        var property = await db.Properties.AsNoTracking().Where(p => p.Id == id).Select(p => new { p.Id, p.Name }).FirstOrDefaultAsync(ct);
        if (property is null)
        {
            return NotFound();
        }

        var saved = await db.SlaPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.PropertyId == id, ct);
        return View(SlaPolicyForm.From(property.Id, property.Name, saved));
    }

    [HttpPost]
    public async Task<IActionResult> Edit(Guid id, SlaPolicyForm form, CancellationToken ct)
    {
        var property = await db.Properties.AsNoTracking().Where(p => p.Id == id).Select(p => new { p.Id, p.Name }).FirstOrDefaultAsync(ct);
        if (property is null)
        {
            return NotFound();
        }

        var policy = await db.SlaPolicies.FirstOrDefaultAsync(p => p.PropertyId == id, ct);
        form.PropertyId = id;
        form.PropertyName = property.Name;
        form.PolicyId = policy?.Id;
        if (ModelState.IsValid && policy is not null && !form.Saved)
        {
            // The form showed the defaults, but someone saved this property's policy meanwhile.
            ModelState.AddModelError(string.Empty, Shared["Error.Concurrency"]);
        }

        if (!ModelState.IsValid)
        {
            return View(form);
        }

        if (policy is null)
        {
            policy = new SlaPolicy(id);
            db.SlaPolicies.Add(policy);
        }
        else
        {
            ExpectVersion(db, policy, form.Version);
        }

        if (!await TrySaveAsync(db, () => form.ApplyTo(policy)))
        {
            return View(form);
        }

        logger.LogInformation("SLA policy of property {PropertyId} saved by {User}", id, User.Identity?.Name);
        Flash(t["Sla.Saved"]);
        return RedirectToAction(nameof(Index));
    }
}
