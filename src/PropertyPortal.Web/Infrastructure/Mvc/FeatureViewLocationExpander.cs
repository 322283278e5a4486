using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Razor;

namespace PropertyPortal.Web.Infrastructure.Mvc;

/// <summary>
/// Views live beside their controller: Features/{Controller}/{View}.cshtml, then Features/Shared.
/// A feature with several controllers (Features/Settings: Sla, Categories, Calendar) keeps each
/// controller's views in a subfolder named after it: Features/{Feature}/{Controller}/{View}.cshtml.
/// </summary>
public sealed class FeatureViewLocationExpander : IViewLocationExpander
{
    private const string FeatureKey = "feature";
    private const string FeaturesNamespace = "PropertyPortal.Web.Features.";

    public IEnumerable<string> ExpandViewLocations(ViewLocationExpanderContext context, IEnumerable<string> viewLocations)
    {
        var feature = context.Values.TryGetValue(FeatureKey, out var f) ? f : null;
        return feature is null || string.Equals(feature, context.ControllerName, StringComparison.Ordinal)
            ? ["/Features/{1}/{0}.cshtml", "/Features/Shared/{0}.cshtml", .. viewLocations]
            : ["/Features/" + feature + "/{1}/{0}.cshtml", "/Features/{1}/{0}.cshtml", "/Features/Shared/{0}.cshtml", .. viewLocations];
    }

    public void PopulateValues(ViewLocationExpanderContext context)
    {
        if (context.ActionContext.ActionDescriptor is ControllerActionDescriptor action
            && action.ControllerTypeInfo.Namespace is { } ns && ns.StartsWith(FeaturesNamespace, StringComparison.Ordinal))
        {
            context.Values[FeatureKey] = ns[FeaturesNamespace.Length..].Split('.')[0];
        }
    }
}
