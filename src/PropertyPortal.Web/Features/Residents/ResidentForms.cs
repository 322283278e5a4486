using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Registry;

namespace PropertyPortal.Web.Features.Residents;

/// <summary>Marker for the household pages' strings (ResidentsText.resx, ResidentsText.en.resx).</summary>
public sealed class ResidentsText;

public sealed class SignInForm
{
    [Display(Name = "My.Phone")]
    public string? Phone { get; set; }

    public string? ReturnUrl { get; set; }

    /// <summary>Digits only (spaces, dashes and +86 dropped).</summary>
    public string PhoneDigits => Domain.Registry.Phone.Normalize(Phone) ?? "";
}

public sealed class CodeForm
{
    [Display(Name = "My.Phone")]
    public string? Phone { get; set; }

    [Display(Name = "My.Code")]
    public string? Code { get; set; }

    public string? ReturnUrl { get; set; }

    public string PhoneDigits => Domain.Registry.Phone.Normalize(Phone) ?? "";
}

public sealed class InvitationForm
{
    [Display(Name = "My.Phone")]
    public string? Phone { get; set; }

    [Display(Name = "My.InvitationCode")]
    public string? Code { get; set; }

    public string PhoneDigits => Domain.Registry.Phone.Normalize(Phone) ?? "";
}

internal static class MobileRule
{
    /// <summary>A mainland mobile number: 11 digits starting 13–19 (after +86 and separators are dropped).</summary>
    public static IRuleBuilderOptions<T, string?> Mobile<T>(this IRuleBuilder<T, string?> rule, IStringLocalizer<ResidentsText> t) =>
        rule.NotEmpty().Must(p => Phone.Normalize(p) is { Length: 11 } d && d[0] == '1' && d[1] >= '3').WithMessage(_ => t["My.PhoneFormat"]);
}

public sealed class SignInFormValidator : AbstractValidator<SignInForm>
{
    public SignInFormValidator(IStringLocalizer<ResidentsText> t) => RuleFor(x => x.Phone).Mobile(t);
}

public sealed class CodeFormValidator : AbstractValidator<CodeForm>
{
    public CodeFormValidator(IStringLocalizer<ResidentsText> t)
    {
        RuleFor(x => x.Phone).Mobile(t);
        RuleFor(x => x.Code).NotEmpty().Matches("^[0-9]{6}$").WithMessage(_ => t["My.CodeFormat"]);
    }
}

public sealed class InvitationFormValidator : AbstractValidator<InvitationForm>
{
    public InvitationFormValidator(IStringLocalizer<ResidentsText> t)
    {
        RuleFor(x => x.Phone).Mobile(t);
        RuleFor(x => x.Code).NotEmpty().MaximumLength(20);
    }
}
