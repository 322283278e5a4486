using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Mvc;

namespace PropertyPortal.Web.Features.Account;

public sealed class LoginForm
{
    [Display(Name = "Field.UserName")]
    public string UserName { get; set; } = "";

    [Display(Name = "Field.Password")]
    public string Password { get; set; } = "";

    [Display(Name = "Field.RememberMe")]
    public bool RememberMe { get; set; }

    public string? ReturnUrl { get; set; }
}

public sealed class LoginFormValidator : AbstractValidator<LoginForm>
{
    public LoginFormValidator()
    {
        RuleFor(x => x.UserName).NotEmpty().MaximumLength(256);
        RuleFor(x => x.Password).NotEmpty();
    }
}

public sealed class ChangePasswordForm
{
    [Display(Name = "Field.CurrentPassword")]
    public string CurrentPassword { get; set; } = "";

    [Display(Name = "Field.NewPassword")]
    public string NewPassword { get; set; } = "";

    [Display(Name = "Field.ConfirmPassword")]
    public string ConfirmPassword { get; set; } = "";
}

public sealed class ChangePasswordFormValidator : AbstractValidator<ChangePasswordForm>
{
    public ChangePasswordFormValidator()
    {
        RuleFor(x => x.CurrentPassword).NotEmpty();
        RuleFor(x => x.NewPassword).NotEmpty();
        RuleFor(x => x.ConfirmPassword).Equal(x => x.NewPassword)
            .WithMessage(_ => Infrastructure.Localization.LocalizationSetup.Text("Account.PasswordsDiffer") ?? "Passwords differ.");
    }
}

public sealed class AccountController(SignInManager<AppUser> signIn, UserManager<AppUser> users, ILogger<AccountController> logger) : PortalController
{
    [AllowAnonymous]
    [HttpGet]
    public IActionResult Login(string? returnUrl = null)
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            return LocalRedirect(SafeReturn(returnUrl));
        }

        return View(new LoginForm { ReturnUrl = returnUrl });
    }

    [AllowAnonymous]
    [HttpPost]
    public async Task<IActionResult> Login(LoginForm form)
    {
        if (!ModelState.IsValid)
        {
            return View(form);
        }

        var result = await signIn.PasswordSignInAsync(form.UserName.Trim(), form.Password, form.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logger.LogInformation("User {User} signed in", form.UserName);
            return LocalRedirect(SafeReturn(form.ReturnUrl));
        }

        if (result.IsLockedOut)
        {
            logger.LogWarning("User {User} is locked out", form.UserName);
            ModelState.AddModelError(string.Empty, Shared["Account.LockedOut"]);
        }
        else
        {
            var user = await users.FindByNameAsync(form.UserName.Trim());
            ModelState.AddModelError(string.Empty, user is { IsDisabled: true } && result.IsNotAllowed ? Shared["Account.Disabled"] : Shared["Account.InvalidLogin"]);
        }

        return View(form);
    }

    [HttpPost]
    public async Task<IActionResult> Logout()
    {
        await signIn.SignOutAsync();
        return RedirectToAction(nameof(Login));
    }

    [AllowAnonymous]
    [HttpGet]
    public IActionResult AccessDenied() => View();

    [HttpGet]
    public IActionResult ChangePassword() => View(new ChangePasswordForm());

    [HttpPost]
    public async Task<IActionResult> ChangePassword(ChangePasswordForm form)
    {
        if (!ModelState.IsValid)
        {
            return View(form);
        }

        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var result = await users.ChangePasswordAsync(user, form.CurrentPassword, form.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code == "PasswordMismatch" ? nameof(form.CurrentPassword) : nameof(form.NewPassword), error.Description);
            }

            return View(new ChangePasswordForm());
        }

        await signIn.RefreshSignInAsync(user);
        Flash(Shared["Account.PasswordChanged"]);
        return Redirect("~/");
    }

    private string SafeReturn(string? returnUrl) => Url.IsLocalUrl(returnUrl) ? returnUrl : "~/";
}
