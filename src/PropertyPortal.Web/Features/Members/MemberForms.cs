using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using PropertyPortal.Web.Features.Customers;

namespace PropertyPortal.Web.Features.Members;

/// <summary>家庭成员 / 公司联系人 of a household.</summary>
public sealed class MemberForm
{
    [BindNever]
    public Guid? Id { get; set; }

    public Guid CustomerId { get; set; }

    [Display(Name = "Field.Name")]
    public string? Name { get; set; }

    [Display(Name = "Field.Relation")]
    public string? Relation { get; set; }

    [Display(Name = "Field.Phone")]
    public string? Phone { get; set; }

    [Display(Name = "Field.Notes")]
    public string? Notes { get; set; }

    public int Version { get; set; }

    [BindNever]
    public string CustomerName { get; set; } = "";
}

public sealed class MemberFormValidator : AbstractValidator<MemberForm>
{
    public MemberFormValidator(IStringLocalizer<CustomersText> t)
    {
        RuleFor(x => x.Name).NotEmpty().MaximumLength(100);
        RuleFor(x => x.Relation).MaximumLength(32);
        RuleFor(x => x.Phone).Must(Domain.Registry.Phone.IsValid).When(x => !string.IsNullOrWhiteSpace(x.Phone))
            .WithMessage(_ => t["Customers.PhoneInvalid"]);
        RuleFor(x => x.Notes).MaximumLength(500);
    }
}
