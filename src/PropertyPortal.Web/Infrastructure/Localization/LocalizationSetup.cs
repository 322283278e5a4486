using System.Globalization;
using System.Resources;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using FluentValidation;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.WebEncoders;
using PropertyPortal.Web.Resources;

[assembly: NeutralResourcesLanguage("zh-CN")]

namespace PropertyPortal.Web.Infrastructure.Localization;

public static class LocalizationSetup
{
    public static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    public static readonly CultureInfo[] Supported = [Chinese, English];
    public const string CookieName = ".PropertyPortal.Culture";

    private static readonly ResourceManager Shared = new(typeof(SharedResource).FullName!, typeof(SharedResource).Assembly);

    /// <summary>Looks up a portal-wide string outside DI (FluentValidation display names, enum labels).</summary>
    public static string? Text(string key) => Shared.GetString(key, CultureInfo.CurrentUICulture);

    /// <summary>
    /// Dates and numbers outside a request — jobs, seeding, the log — are written the Chinese way whatever
    /// the server's own culture (a server set to en-US logged 12/07/2026). Requests use the user's language.
    /// </summary>
    public static void UseChineseByDefault()
    {
        CultureInfo.DefaultThreadCurrentCulture = Chinese;
        CultureInfo.DefaultThreadCurrentUICulture = Chinese;
        CultureInfo.CurrentCulture = Chinese;
        CultureInfo.CurrentUICulture = Chinese;
    }

    public static void AddPortalLocalization(this WebApplicationBuilder builder)
    {
        builder.Services.AddLocalization();
        builder.Services.AddSingleton<IStringLocalizerFactory, CachingStringLocalizerFactory>();

        // Chinese is written as characters, not &#x...; entities (a third fewer bytes, readable source).
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));

        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Chinese);
            o.SupportedCultures = Supported;
            o.SupportedUICultures = Supported;

            // zh-CN unless the user picked English: the browser's language is not a choice the user made here.
            o.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider { CookieName = CookieName },
            ];
        });
        builder.Services.AddSingleton<IConfigureOptions<MvcOptions>, LocalizedModelBindingMessages>();

        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) =>
            member is null ? null : Text("Field." + member.Name) ?? member.Name;
    }
}

/// <summary>Model-binding errors ("the value 'abc' is not valid") in the user's language.</summary>
internal sealed class LocalizedModelBindingMessages(IStringLocalizerFactory factory) : IConfigureOptions<MvcOptions>
{
    public void Configure(MvcOptions options)
    {
        var l = factory.Create(typeof(SharedResource));
        var m = options.ModelBindingMessageProvider;
        m.SetValueIsInvalidAccessor(v => l["Validation.ValueIsInvalid", v]);
        m.SetAttemptedValueIsInvalidAccessor((v, f) => l["Validation.AttemptedValueIsInvalid", v, FieldName(f)]);
        m.SetNonPropertyAttemptedValueIsInvalidAccessor(v => l["Validation.ValueIsInvalid", v]);
        m.SetUnknownValueIsInvalidAccessor(f => l["Validation.UnknownValueIsInvalid", FieldName(f)]);
        m.SetNonPropertyUnknownValueIsInvalidAccessor(() => l["Validation.NonPropertyUnknownValueIsInvalid"]);
        m.SetValueMustNotBeNullAccessor(v => l["Validation.ValueMustNotBeNull", v]);
        m.SetMissingBindRequiredValueAccessor(f => l["Validation.MissingValue", FieldName(f)]);
        m.SetMissingKeyOrValueAccessor(() => l["Validation.MissingKeyOrValue"]);
        m.SetMissingRequestBodyRequiredValueAccessor(() => l["Validation.MissingKeyOrValue"]);
        m.SetValueMustBeANumberAccessor(f => l["Validation.ValueMustBeANumber", FieldName(f)]);
        m.SetNonPropertyValueMustBeANumberAccessor(() => l["Validation.NonPropertyValueMustBeANumber"]);

        string FieldName(string f) => LocalizationSetup.Text("Field." + f) ?? f;
    }
}
