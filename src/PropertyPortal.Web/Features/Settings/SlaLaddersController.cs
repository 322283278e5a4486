using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Web.Features.Notifications;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Settings;

/// <summary>
/// 升级阶梯 (系统设置 → 服务时限): a property's escalation ladder per milestone — the warning point, who hears
/// the warning and the breach, the supervisors' and managers' levels (each optional, minutes after the
/// breach, recipients by role, channel) — and the pause-approval time. A clock copies its ladder when it
/// starts, so an edit changes only clocks started afterwards.
/// </summary>
[Authorize(Policy = Policies.Administration)]
[Route("Settings/SlaLadders/{action=Edit}/{id?}")]
public sealed class SlaLaddersController(PortalDbContext db, SlaSettings sla, NotificationChannels channels, IStringLocalizer<SettingsText> t,
    ILogger<SlaLaddersController> logger) : PortalController
{
    [HttpGet]
    public async Task<IActionResult> Edit(Guid id, CancellationToken ct)
    {
        var name = await db.Properties.AsNoTracking().Where(p => p.Id == id).Select(p => p.Name).FirstOrDefaultAsync(ct);
        if (name is null)
        {
            return NotFound();
        }

        var policy = await sla.PolicyForAsync(id, ct);
        return View(SlaLaddersForm.From(id, name, policy, db.Entry(policy).State != EntityState.Detached, Channels));
    }

    [HttpPost]
    public async Task<IActionResult> Edit(Guid id, SlaLaddersForm form, CancellationToken ct)
    {
        var name = await db.Properties.AsNoTracking().Where(p => p.Id == id).Select(p => p.Name).FirstOrDefaultAsync(ct);
        if (name is null)
        {
            return NotFound();
        }

        var policy = await sla.PolicyForAsync(id, ct);
        var saved = db.Entry(policy).State != EntityState.Detached;
        (form.PropertyId, form.PropertyName, form.PropertyWide, form.Channels, form.PolicyId) = (id, name, policy.Ladder, Channels, saved ? policy.Id : null);
        if (ModelState.IsValid && saved && !form.Saved)
        {
            // The form showed the defaults, but someone saved this property's policy meanwhile.
            ModelState.AddModelError(string.Empty, Shared["Error.Concurrency"]);
        }

        if (!ModelState.IsValid)
        {
            return View(form);
        }

        if (saved)
        {
            ExpectVersion(db, policy, form.Version);
        }

        var now = UtcNow;
        if (!await TrySaveAsync(db, () =>
            {
                policy.SetLadders(form.Rules(), now);
                policy.UpdatePauses(form.PauseApprovalMinutes!.Value);
                if (!saved)
                {
                    db.SlaPolicies.Add(policy);
                }
            }))
        {
            return View(form);
        }

        logger.LogInformation("SLA ladders of property {PropertyId} saved by {User}: {Rules} milestone ladders", id, User.Identity?.Name, policy.Ladders.Count);
        Flash(t["Ladders.Saved"]);
        return RedirectToAction(nameof(Edit), new { id });
    }

    private IReadOnlyList<string> Channels => [.. new[] { Domain.Sla.SlaLadder.InApp }.Concat(channels.Enabled).Distinct()];
}
