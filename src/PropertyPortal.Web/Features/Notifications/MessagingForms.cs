using System.ComponentModel.DataAnnotations;
using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Notifications;

namespace PropertyPortal.Web.Features.Notifications;

/// <summary>One kind's Chinese subject and text, with its placeholders checked against the kind's arguments.</summary>
public sealed class MessageTemplateForm
{
    /// <summary>Posted back so the validator knows the kind's placeholders; the controller checks it against the route.</summary>
    public string? Kind { get; set; }

    [Display(Name = "Field.TemplateSubject")]
    public string? Subject { get; set; }

    [Display(Name = "Field.TemplateText")]
    public string? Text { get; set; }

    public int Version { get; set; }

    /// <summary>Set by the 预览 button: render, do not save.</summary>
    public bool Preview { get; set; }

    [BindNever]
    public NotificationKind? Catalog { get; set; }

    [BindNever]
    public TemplatePreview? Rendered { get; set; }

    [BindNever]
    public string? UpdatedBy { get; set; }

    [BindNever]
    public DateTime? UpdatedAt { get; set; }
}

/// <summary>The text as it would go out, rendered with a real message of the kind (or example values when none exists yet).</summary>
public sealed record TemplatePreview(RenderedMessage Content, bool FromRealRecord, string? RecordDescription, string? SmsSignName, string? SmsTemplateCode, int SmsLength, int SmsSegments);

public sealed class MessageTemplateFormValidator : AbstractValidator<MessageTemplateForm>
{
    public MessageTemplateFormValidator(IStringLocalizer<MessagingText> t)
    {
        RuleFor(x => x.Subject).NotEmpty().MaximumLength(MessageTemplate.MaxSubject);
        RuleFor(x => x.Text).NotEmpty().MaximumLength(MessageTemplate.MaxText);
        RuleFor(x => x.Subject).Custom((subject, ctx) => Check(subject, ctx, nameof(MessageTemplateForm.Subject), requireAll: false, t))
            .When(x => !string.IsNullOrWhiteSpace(x.Subject));
        RuleFor(x => x.Text).Custom((text, ctx) => Check(text, ctx, nameof(MessageTemplateForm.Text), requireAll: true, t))
            .When(x => !string.IsNullOrWhiteSpace(x.Text));
    }

    private static void Check(string? value, ValidationContext<MessageTemplateForm> ctx, string field, bool requireAll, IStringLocalizer<MessagingText> t)
    {
        if (NotificationCatalog.Find(ctx.InstanceToValidate.Kind ?? "") is not { } kind)
        {
            return;
        }

        var parsed = TemplateText.Parse(value!);
        if (parsed.Error is not null)
        {
            ctx.AddFailure(field, t["Templates.SyntaxError"]);
            return;
        }

        var allowed = string.Join("、", kind.Parameters.Select(p => "{" + p + "}"));
        foreach (var unknown in parsed.Placeholders.Where(p => !kind.Parameters.Contains(p)))
        {
            ctx.AddFailure(field, t["Templates.UnknownPlaceholder", "{" + unknown + "}", allowed]);
        }

        if (requireAll)
        {
            foreach (var missing in kind.Required.Where(r => !parsed.Placeholders.Contains(r)))
            {
                ctx.AddFailure(field, t["Templates.MissingPlaceholder", "{" + missing + "}"]);
            }
        }
    }
}

/// <summary>The households' quiet hours (HH:mm, China time).</summary>
public sealed class QuietHoursForm
{
    [Display(Name = "Field.QuietStart")]
    public string? QuietStart { get; set; }

    [Display(Name = "Field.QuietEnd")]
    public string? QuietEnd { get; set; }

    public int Version { get; set; }

    public static bool TryParse(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text?.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
}

public sealed class QuietHoursFormValidator : AbstractValidator<QuietHoursForm>
{
    public QuietHoursFormValidator(IStringLocalizer<MessagingText> t)
    {
        RuleFor(x => x.QuietStart).NotEmpty().Must(v => QuietHoursForm.TryParse(v, out _)).WithMessage(_ => t["Settings.TimeInvalid"]);
        RuleFor(x => x.QuietEnd).NotEmpty().Must(v => QuietHoursForm.TryParse(v, out _)).WithMessage(_ => t["Settings.TimeInvalid"]);
    }
}

/// <summary>A property's WeChat Work robot key: a new key replaces the old one; Remove takes it away.</summary>
public sealed class TeamChatForm
{
    public Guid PropertyId { get; set; }

    [Display(Name = "Field.WebhookKey")]
    public string? WebhookKey { get; set; }

    public bool Remove { get; set; }
}

public sealed class TeamChatFormValidator : AbstractValidator<TeamChatForm>
{
    public TeamChatFormValidator(IStringLocalizer<MessagingText> t)
    {
        RuleFor(x => x.PropertyId).NotEmpty();
        RuleFor(x => x.WebhookKey).NotEmpty().When(x => !x.Remove);
        RuleFor(x => x.WebhookKey).Matches("^[A-Za-z0-9-]{8,64}$").When(x => !x.Remove && !string.IsNullOrWhiteSpace(x.WebhookKey))
            .WithMessage(_ => t["Settings.WebhookKeyInvalid"]);
    }
}
