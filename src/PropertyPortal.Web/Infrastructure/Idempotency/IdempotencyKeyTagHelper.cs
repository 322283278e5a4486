using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace PropertyPortal.Web.Infrastructure.Idempotency;

/// <summary>
/// Gives every <c>&lt;form method="post" asp-action="…"&gt;</c> that posts to an <see cref="IdempotentAttribute"/>
/// action its one-time key, as a hidden field — so no view has to remember it. A key is new each
/// time the page is rendered: the same page submitted twice carries the same key, a fresh page a new one.
/// </summary>
[HtmlTargetElement("form", Attributes = "asp-action")]
public sealed class IdempotencyKeyTagHelper(IdempotentActions actions) : TagHelper
{
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (!context.AllAttributes.TryGetAttribute("method", out var method)
            || !string.Equals(method.Value?.ToString(), "post", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var action = context.AllAttributes["asp-action"].Value?.ToString();
        var controller = context.AllAttributes.TryGetAttribute("asp-controller", out var c)
            ? c.Value?.ToString()
            : ViewContext.RouteData.Values["controller"]?.ToString();
        if (action is null || controller is null || !actions.Contains(controller, action))
        {
            return;
        }

        output.PostContent.AppendHtml($"<input type=\"hidden\" name=\"{IdempotencyFilter.FieldName}\" value=\"{Guid.NewGuid():N}\" />");
    }
}

/// <summary>Which controller actions are <see cref="IdempotentAttribute"/>, read once from MVC's action descriptors.</summary>
public sealed class IdempotentActions(IActionDescriptorCollectionProvider provider)
{
    private readonly ConcurrentDictionary<int, HashSet<string>> _byVersion = new();

    public bool Contains(string controller, string action) =>
        _byVersion.GetOrAdd(provider.ActionDescriptors.Version, _ => provider.ActionDescriptors.Items
                .OfType<ControllerActionDescriptor>()
                .Where(d => d.MethodInfo.GetCustomAttribute<IdempotentAttribute>() is not null)
                .Select(d => d.ControllerName + "/" + d.ActionName)
                .ToHashSet(StringComparer.OrdinalIgnoreCase))
            .Contains(controller + "/" + action);
}
