namespace PropertyPortal.Web.Features;

/// <summary>Services of the feature folders, registered in one place.</summary>
public static class FeaturesSetup
{
    public static IServiceCollection AddPortalFeatures(this IServiceCollection services)
    {
        services.AddScoped<Search.HouseholdSearch>();
        return services;
    }
}
