using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Mvc;

namespace PropertyPortal.Web.Features.Residents;

/// <summary>住户资料变更审核: the desk approves or refuses what households asked to change on their own page (/My/Household).</summary>
[Authorize(Policy = Policies.HouseholdWrite)]
public sealed class HouseholdChangesController(HouseholdChanges changes, IStringLocalizer<ResidentsText> t) : PortalController
{
    public async Task<IActionResult> Index(CancellationToken ct) => View(await changes.PendingAsync(ct));

    [HttpPost]
    public async Task<IActionResult> Approve(Guid id, int version, string? note, CancellationToken ct) => Decided(await changes.DecideAsync(id, version, true, note, CurrentActor, ct));

    [HttpPost]
    public async Task<IActionResult> Refuse(Guid id, int version, string? note, CancellationToken ct) => Decided(await changes.DecideAsync(id, version, false, note, CurrentActor, ct));

    private IActionResult Decided(Infrastructure.Persistence.SaveResult? result)
    {
        if (result is null)
        {
            return NotFound();
        }

        if (result.Ok)
        {
            Flash(t["My.ChangeDecided"]);
        }
        else
        {
            FlashError(result.Message ?? "");
        }

        return RedirectToAction(nameof(Index));
    }
}
