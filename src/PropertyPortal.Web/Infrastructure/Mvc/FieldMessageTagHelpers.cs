using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace PropertyPortal.Web.Infrastructure.Mvc;

/// <summary>
/// Every field's message beside its field, without a view having to remember a span for it: an input, select
/// or textarea whose name has an error in ModelState is marked invalid and followed by its message. A span the
/// view wrote itself (asp-validation-for, data-valmsg-for) after such a field stays empty, so a message is never
/// shown twice; one written before the field keeps the message and the field adds none. What a page never
/// showed — an error under a name no field of the page has — the layout lists above the page
/// (<see cref="FieldMessages.Unshown"/>), so no message is ever lost.
/// </summary>
[HtmlTargetElement("input")]
[HtmlTargetElement("select")]
[HtmlTargetElement("textarea")]
public sealed class FieldMessageTagHelper(HtmlEncoder encoder) : TagHelper
{
    private static readonly HashSet<string> NotFields = new(StringComparer.OrdinalIgnoreCase) { "hidden", "submit", "button", "reset", "image" };

    /// <summary>After MVC's own input/select/textarea helpers, which write the name from asp-for.</summary>
    public override int Order => 1000;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (output.Attributes["name"]?.Value?.ToString() is not { Length: > 0 } name
            || output.Attributes["type"]?.Value?.ToString() is { } type && NotFields.Contains(type)
            || FieldMessages.ErrorOf(ViewContext, name) is not { } message)
        {
            return;
        }

        var css = output.Attributes["class"]?.Value?.ToString();
        if (css is null || !css.Contains("is-invalid", StringComparison.Ordinal))
        {
            output.Attributes.SetAttribute("class", string.IsNullOrEmpty(css) ? "is-invalid" : css + " is-invalid");
        }

        if (FieldMessages.MarkShown(ViewContext, name))
        {
            output.PostElement.AppendHtml($"<span class=\"field-validation-error text-danger small d-block w-100\" data-valmsg-for=\"{encoder.Encode(name)}\">{encoder.Encode(message)}</span>");
        }
    }
}

/// <summary>A message place the view wrote itself: kept when it comes first, emptied when its field already showed the message.</summary>
[HtmlTargetElement(Attributes = "asp-validation-for")]
[HtmlTargetElement(Attributes = "data-valmsg-for")]
public sealed class FieldMessagePlaceTagHelper : TagHelper
{
    /// <summary>After MVC's validation-message helper, which writes data-valmsg-for and the message.</summary>
    public override int Order => 1000;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (output.Attributes["data-valmsg-for"]?.Value?.ToString() is not { Length: > 0 } name || FieldMessages.ErrorOf(ViewContext, name) is null)
        {
            return;
        }

        if (!FieldMessages.MarkShown(ViewContext, name))
        {
            output.SuppressOutput();
        }
    }
}

/// <summary>A validation summary on the page shows the form-level messages (key "").</summary>
[HtmlTargetElement("div", Attributes = "asp-validation-summary")]
public sealed class ValidationSummaryPlaceTagHelper : TagHelper
{
    public override int Order => 1000;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output) => FieldMessages.MarkShown(ViewContext, string.Empty);
}

/// <summary>Which messages a page has shown so far, kept for the request.</summary>
public static class FieldMessages
{
    private static readonly object Key = new();

    /// <summary>Every message of the field, in the order the rules gave them (a person fixes them all at once, not one per post).</summary>
    public static string? ErrorOf(ViewContext view, string name) =>
        view.ViewData.ModelState.TryGetValue(name, out var entry) && entry.Errors.Count > 0
            ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage).Where(m => !string.IsNullOrEmpty(m)).Distinct())
            : null;

    /// <summary>Records that the message of <paramref name="name"/> is on the page; false when it already was.</summary>
    public static bool MarkShown(ViewContext view, string name) => Shown(view).Add(name);

    /// <summary>Errors the page has not shown anywhere (the layout calls this after the page is rendered), with their field names.</summary>
    public static IReadOnlyList<(string Field, string Message)> Unshown(ViewContext view)
    {
        var shown = Shown(view);
        return view.ViewData.ModelState
            .Where(e => e.Value is { Errors.Count: > 0 } && !shown.Contains(e.Key))
            .SelectMany(e => e.Value!.Errors.Select(x => (Field: e.Key, Message: x.ErrorMessage)))
            .Where(e => !string.IsNullOrEmpty(e.Message))
            .ToList();
    }

    private static HashSet<string> Shown(ViewContext view)
    {
        var items = view.HttpContext.Items;
        if (items[Key] is not HashSet<string> shown)
        {
            shown = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            items[Key] = shown;
        }

        return shown;
    }
}

/// <summary>
/// A date box takes four-digit years only (a browser otherwise lets 275760 through): the bounds of the registry's
/// dates unless the view set its own. The server's window (<see cref="DateWindows"/>) is the rule; this spares the typing.
/// </summary>
[HtmlTargetElement("input", Attributes = "[type=date]")]
[HtmlTargetElement("input", Attributes = "[type=datetime-local]")]
public sealed class DateInputTagHelper : TagHelper
{
    public override int Order => 1000;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var withTime = output.Attributes["type"]?.Value?.ToString() == "datetime-local";
        if (!output.Attributes.ContainsName("min"))
        {
            output.Attributes.SetAttribute("min", ViewHelpers.Date(DateWindows.RecordsBegin) + (withTime ? "T00:00" : ""));
        }

        if (!output.Attributes.ContainsName("max"))
        {
            output.Attributes.SetAttribute("max", ViewHelpers.Date(DateWindows.RecordsEnd) + (withTime ? "T23:59" : ""));
        }
    }
}
