using Microsoft.AspNetCore.Mvc.Razor;

namespace PropertyPortal.Web.Infrastructure.Mvc;

/// <summary>Views live beside their controller: Features/{Controller}/{View}.cshtml, then Features/Shared.</summary>
public sealed class FeatureViewLocationExpander : IViewLocationExpander
{
    public IEnumerable<string> ExpandViewLocations(ViewLocationExpanderContext context, IEnumerable<string> viewLocations) =>
        ["/Features/{1}/{0}.cshtml", "/Features/Shared/{0}.cshtml", .. viewLocations];

    public void PopulateValues(ViewLocationExpanderContext context)
    {
    }
}
