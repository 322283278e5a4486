using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Residents;

namespace PropertyPortal.Web.Features.Residents;

/// <summary>The household's sign-in (anonymous actions of <see cref="MyController"/>): a code by SMS, or a printed invitation code.</summary>
public sealed partial class MyController
{
    [HttpGet]
    [AllowAnonymous]
    public IActionResult SignIn(string? returnUrl) => View(new SignInForm { ReturnUrl = returnUrl });

    /// <summary>Asks for a code: the same next page whether the number is known or not (only the rate limits answer differently, for both alike).</summary>
    [HttpPost]
    [AllowAnonymous]
    public async Task<IActionResult> SignIn(SignInForm form, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return View(form);
        }

        switch (await signIn.RequestCodeAsync(form.PhoneDigits, ResidentAuth.ClientAddress(HttpContext), ct))
        {
            case CodeRequest.TooSoon:
                ModelState.AddModelError(nameof(form.Phone), T["My.CodeTooSoon", options.Value.CodeIntervalSeconds]);
                return View(form);
            case CodeRequest.TooMany:
                ModelState.AddModelError(nameof(form.Phone), T["My.CodeTooMany"]);
                return View(form);
            default:
                return RedirectToAction(nameof(Code), new { phone = form.PhoneDigits, returnUrl = form.ReturnUrl });
        }
    }

    [HttpGet]
    [AllowAnonymous]
    public IActionResult Code(string? phone, string? returnUrl) => View(new CodeForm { Phone = phone, ReturnUrl = returnUrl });

    [HttpPost]
    [AllowAnonymous]
    public async Task<IActionResult> Code(CodeForm form, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return View(form);
        }

        var (check, left, account) = await signIn.VerifyAsync(form.PhoneDigits, form.Code, ct);
        switch (check)
        {
            case CodeCheck.Accepted:
                await HttpContext.SignInAsync(ResidentAuth.Scheme, ResidentAuth.Principal(account!));
                return LocalRedirect(Url.IsLocalUrl(form.ReturnUrl) && form.ReturnUrl!.StartsWith("/My", StringComparison.OrdinalIgnoreCase) ? form.ReturnUrl : "~/My");
            case CodeCheck.Wrong:
                ModelState.AddModelError(nameof(form.Code), T["My.CodeWrong", left]);
                break;
            case CodeCheck.Expired:
                ModelState.AddModelError(nameof(form.Code), T["My.CodeExpired"]);
                break;
            default:
                ModelState.AddModelError(nameof(form.Code), T["My.CodeSpent"]);
                break;
        }

        form.Code = null;
        return View(form);
    }

    [HttpGet]
    [AllowAnonymous]
    public IActionResult Invitation() => View(new InvitationForm());

    /// <summary>A printed invitation code: binds the number on first use. Guesses are limited per client address, on every instance.</summary>
    [HttpPost]
    [AllowAnonymous]
    public async Task<IActionResult> Invitation(InvitationForm form, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return View(form);
        }

        var (outcome, account) = await signIn.RedeemAsync(form.PhoneDigits, form.Code, ResidentAuth.ClientAddress(HttpContext), ct);
        switch (outcome)
        {
            case InvitationOutcome.TooManyTries:
                ModelState.AddModelError(nameof(form.Code), T["My.TooManyInvitationTries"]);
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                return View(form);
            case InvitationOutcome.SignedIn:
                await HttpContext.SignInAsync(ResidentAuth.Scheme, ResidentAuth.Principal(account!));
                return LocalRedirect("~/My");
            case InvitationOutcome.PhoneTaken:
                ModelState.AddModelError(nameof(form.Phone), T["My.PhoneTaken"]);
                return View(form);
            default:
                ModelState.AddModelError(nameof(form.Code), T["My.InvitationUnknown"]);
                return View(form);
        }
    }

    [HttpPost]
    [AllowAnonymous]
    public async Task<IActionResult> SignOut(CancellationToken ct)
    {
        if (_home is not null)
        {
            await signIn.SignOutAsync(_home.AccountId, ct);
        }

        await HttpContext.SignOutAsync(ResidentAuth.Scheme);
        return LocalRedirect(ResidentAuth.SignInPath);
    }
}
