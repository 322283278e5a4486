using PropertyPortal.Web.Features.Import;
using PropertyPortal.Web.Features.Notifications;
using PropertyPortal.Web.Features.Search;
using PropertyPortal.Web.Features.Sla;

namespace PropertyPortal.Web.Features;

/// <summary>Services of the feature folders, registered in one place.</summary>
public static class FeaturesSetup
{
    public static IServiceCollection AddPortalFeatures(this IServiceCollection services)
    {
        services.AddScoped<HouseholdSearch>();
        services.AddScoped<RegistryImporter>();
        services.AddMemoryCache();
        services.AddScoped<SlaSettings>();
        services.AddPortalMessaging();
        services.AddScoped<Notifier>();
        services.AddScoped<Board.WorkQueue>();
        services.AddScoped<Shared.StaffDirectory>();
        services.AddSingleton<Infrastructure.Storage.FileStore>();
        services.AddScoped<SlaSweeper>();
        services.AddScoped<NotificationText>();
        services.AddScoped<Fees.Ledger>();
        services.AddScoped<Fees.BillingService>();
        services.AddScoped<Fees.DunningService>();
        services.AddScoped<Fees.HouseholdMessages>();
        return services;
    }
}
