using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using PropertyPortal.Web.Infrastructure.Mvc;

namespace PropertyPortal.Web.Features.Residents;

/// <summary>
/// 住户服务 (/My): the household's own pages, phone first, on the household's own authentication scheme (ADR 0023). Every
/// action binds, calls one method of <see cref="ResidentPages"/> or <see cref="ResidentRequests"/> and redirects after a post;
/// what a household may see is decided there from the units it occupies now.
/// </summary>
[ResidentOnly]
public sealed partial class MyController(
    ResidentSignIn signIn, IStringLocalizer<ResidentsText> t, IOptions<ResidentOptions> options) : PortalController
{
    private IStringLocalizer<ResidentsText> T => t;

    public IActionResult Index() => View();
}
