using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Mvc;

namespace PropertyPortal.Web.Features.Services;

/// <summary>
/// 资源预订: the bookable resources of the user's properties and a day view per resource — each slot free (a link
/// that opens the booking form on it), gone by, or held by a request.
/// </summary>
[Authorize(Policy = Policies.CaseIntake)]
public sealed class ResourcesController(ServicePages pages) : PortalController
{
    [HttpGet]
    public async Task<IActionResult> Index(Guid? propertyId, DateOnly? date, CancellationToken ct) =>
        await pages.ResourcesAsync(propertyId, date, ct) is { } model ? View(model) : NotFound();

    [HttpGet]
    public async Task<IActionResult> Day(Guid id, DateOnly? date, CancellationToken ct) =>
        await pages.DayAsync(id, date, true, ct) is { } model ? View(model) : NotFound();
}
