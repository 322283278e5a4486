using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ActionConstraints;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace PropertyPortal.IntegrationTests.Infrastructure;

/// <summary>One MVC action as the app registered it; read at run time so routes added later are walked too.</summary>
public sealed record ActionRoute(ControllerActionDescriptor Descriptor)
{
    public string Controller => Descriptor.ControllerName;

    public string Action => Descriptor.ActionName;

    public IReadOnlyList<string> Methods =>
        Descriptor.ActionConstraints?.OfType<HttpMethodActionConstraint>().SelectMany(c => c.HttpMethods).ToList() ?? [];

    public bool AllowsGet => Methods.Count == 0 || Methods.Contains("GET");

    public bool AllowsPost => Methods.Count == 0 || Methods.Contains("POST");

    /// <summary>
    /// Names a record in its route: an <c>id</c> action parameter, or {id} in an attribute route. (A form's
    /// own Id property does not count: Create forms carry one too, and they are walked as new records.)
    /// </summary>
    public bool HasId =>
        Descriptor.Parameters.Any(p => string.Equals(p.Name, "id", StringComparison.OrdinalIgnoreCase))
        || Template?.Contains("{id", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>Simple parameters other than id (propertyId, unitId, q, page …), by name.</summary>
    public IReadOnlyList<string> OtherParameters =>
        Descriptor.Parameters.Where(p => !string.Equals(p.Name, "id", StringComparison.OrdinalIgnoreCase) && !IsForm(p.ParameterType) && p.ParameterType != typeof(CancellationToken))
            .Select(p => p.Name).ToList();

    public string? Template => Descriptor.AttributeRouteInfo?.Template;

    public override string ToString() => $"{string.Join('|', Methods.DefaultIfEmpty("ANY"))} {Controller}/{Action}{(Template is null ? "" : " [" + Template + "]")}";

    /// <summary>The path for this action with <paramref name="id"/> in its id slot; null when the route needs a value we cannot supply.</summary>
    public string? Path(string? id)
    {
        if (Template is not { } template)
        {
            return id is null
                ? (Action == "Index" ? $"/{Controller}" : $"/{Controller}/{Action}")
                : $"/{Controller}/{Action}/{Uri.EscapeDataString(id)}";
        }

        var segments = new List<string>();
        foreach (var segment in template.Trim('/').Split('/'))
        {
            if (!segment.StartsWith('{'))
            {
                segments.Add(segment);
                continue;
            }

            var name = segment.Trim('{', '}').TrimStart('*').Split(':', '=', '?')[0];
            var optional = segment.Contains('?') || segment.Contains('=');
            if (string.Equals(name, "id", StringComparison.OrdinalIgnoreCase) && id is not null)
            {
                segments.Add(Uri.EscapeDataString(id));
            }
            else if (name is "controller")
            {
                segments.Add(Controller);
            }
            else if (name is "action")
            {
                segments.Add(Action);
            }
            else if (!optional)
            {
                return null;
            }
        }

        return "/" + string.Join('/', segments);
    }

    private static bool IsForm(Type type) =>
        type.IsClass && type != typeof(string) && !typeof(System.Collections.IEnumerable).IsAssignableFrom(type) && type.Namespace?.StartsWith("PropertyPortal", StringComparison.Ordinal) == true;
}

public static class ActionRoutes
{
    public static IReadOnlyList<ActionRoute> All(IServiceProvider services) =>
        services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items
            .OfType<ControllerActionDescriptor>()
            .Select(d => new ActionRoute(d))
            .OrderBy(r => r.Controller).ThenBy(r => r.Action).ThenBy(r => string.Join(',', r.Methods))
            .ToList();

    /// <summary>Whether the action's authorization (its [Authorize] policies, or the fallback policy) admits this user.</summary>
    public static async Task<bool> AdmitsAsync(this ActionRoute route, IServiceProvider services, ClaimsPrincipal user)
    {
        var metadata = route.Descriptor.EndpointMetadata;
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            return true;
        }

        var provider = services.GetRequiredService<IAuthorizationPolicyProvider>();
        var policy = await AuthorizationPolicy.CombineAsync(provider, metadata.OfType<IAuthorizeData>())
            ?? await provider.GetFallbackPolicyAsync();
        if (policy is null)
        {
            return true;
        }

        var result = await services.GetRequiredService<IAuthorizationService>().AuthorizeAsync(user, policy);
        return result.Succeeded;
    }

    public static ClaimsPrincipal UserInRole(string userName, string role) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, userName), new Claim(ClaimTypes.Role, role)], "Test"));
}
