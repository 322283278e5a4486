using Microsoft.AspNetCore.Mvc;
using PropertyPortal.Web.Infrastructure.Mvc;

namespace PropertyPortal.Web.Features.Search;

public sealed class SearchController(HouseholdSearch search) : PortalController
{
    [HttpGet("/Search")]
    public async Task<IActionResult> Index(string? q, CancellationToken ct) =>
        View(await search.RunAsync(q, Today, ct));
}
