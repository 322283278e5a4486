using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using PropertyPortal.Web.Infrastructure.Identity;

namespace PropertyPortal.Web.Features.Users;

/// <summary>What a user may do (roles) and where (properties): shared by the create and edit forms.</summary>
public abstract class UserAccessForm
{
    [Display(Name = "Field.DisplayName")]
    public string? DisplayName { get; set; }

    /// <summary>Where SMS notifications reach this person (an escalation level that goes by SMS).</summary>
    [Display(Name = "Field.Phone")]
    public string? Phone { get; set; }

    [Display(Name = "Field.Email")]
    public string? Email { get; set; }

    [Display(Name = "Field.Roles")]
    public List<string> Roles { get; set; } = [];

    [Display(Name = "Field.AllProperties")]
    public bool AllProperties { get; set; }

    [Display(Name = "Field.PropertyIds")]
    public List<Guid> PropertyIds { get; set; } = [];

    /// <summary>Filled by the controller for the checkboxes; never bound from the request.</summary>
    [BindNever]
    public IReadOnlyList<PropertyOption> PropertyOptions { get; set; } = [];
}

public sealed class UserCreateForm : UserAccessForm
{
    [Display(Name = "Field.UserName")]
    public string? UserName { get; set; }

    [Display(Name = "Field.Password")]
    public string? Password { get; set; }
}

public sealed class UserEditForm : UserAccessForm
{
    /// <summary>Set by the controller; never taken from the request body.</summary>
    [BindNever]
    public string? Id { get; set; }

    [BindNever]
    public string? UserName { get; set; }

    /// <summary>The user's stamp when the form was opened: a different one now means someone else saved first.</summary>
    public string? ConcurrencyStamp { get; set; }
}

public sealed class ResetPasswordForm
{
    [BindNever]
    public string? Id { get; set; }

    [BindNever]
    public string? UserName { get; set; }

    [Display(Name = "Field.NewPassword")]
    public string? NewPassword { get; set; }
}

internal static class UserAccessRules
{
    public static void AddAccessRules<T>(this AbstractValidator<T> v, IStringLocalizer<UsersText> t) where T : UserAccessForm
    {
        v.RuleFor(x => x.DisplayName).NotEmpty().MaximumLength(50);
        v.RuleFor(x => x.Phone).Must(Domain.Registry.Phone.IsValid).When(x => !string.IsNullOrWhiteSpace(x.Phone))
            .WithMessage(_ => t["Users.PhoneInvalid"]);
        v.RuleFor(x => x.Email).MaximumLength(100).EmailAddress().When(x => !string.IsNullOrWhiteSpace(x.Email));
        v.RuleFor(x => x.Roles).NotEmpty().WithMessage(_ => t["Users.NeedRole"]);
        v.RuleForEach(x => x.Roles).Must(r => Roles.All.Contains(r)).WithMessage(_ => t["Users.UnknownRole"]);

        // Without a property a non-admin would sign in to an empty portal.
        v.RuleFor(x => x.PropertyIds)
            .Must((form, ids) => form.Roles.Contains(Roles.Admin) || form.AllProperties || ids.Count > 0)
            .WithMessage(_ => t["Users.NeedProperty"]);
    }
}

public sealed class UserCreateFormValidator : AbstractValidator<UserCreateForm>
{
    public UserCreateFormValidator(IStringLocalizer<UsersText> t)
    {
        // Same characters Identity accepts, checked here so the message names the field.
        RuleFor(x => x.UserName).NotEmpty().MaximumLength(64)
            .Matches("^[A-Za-z0-9._@-]+$").WithMessage(_ => t["Users.UserNameFormat"]);
        // Length, digits and letter case are Identity's password policy; its errors come back from CreateAsync.
        RuleFor(x => x.Password).NotEmpty().MaximumLength(100);
        this.AddAccessRules(t);
    }
}

public sealed class UserEditFormValidator : AbstractValidator<UserEditForm>
{
    public UserEditFormValidator(IStringLocalizer<UsersText> t) => this.AddAccessRules(t);
}

public sealed class ResetPasswordFormValidator : AbstractValidator<ResetPasswordForm>
{
    public ResetPasswordFormValidator() => RuleFor(x => x.NewPassword).NotEmpty().MaximumLength(100);
}
