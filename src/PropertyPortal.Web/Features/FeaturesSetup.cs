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
        services.AddSingleton<NotificationChannels>();
        services.AddScoped<Notifier>();
        services.AddScoped<Board.WorkQueue>();
        services.AddScoped<Shared.StaffDirectory>();
        services.AddSingleton<Infrastructure.Storage.FileStore>();
        services.AddScoped<SlaSweeper>();
        services.AddScoped<OutboxDispatcher>();
        services.AddScoped<INotificationChannel, InAppChannel>();
        services.AddScoped<NotificationText>();
        services.AddScoped<Fees.Ledger>();
        services.AddScoped<Fees.BillingService>();
        services.AddScoped<Fees.DunningService>();

        // The case seam (ADR 0016): saving outcomes, a case's clocks, the step runner, and per feature its
        // notification mapping and use cases.
        services.AddScoped<Infrastructure.Persistence.Saving>();
        services.AddScoped<CaseClocks>();
        services.AddScoped(typeof(CaseSteps<>));
        services.AddScoped<ICaseNotifications<Domain.Repairs.RepairOrder>, Repairs.RepairNotifications>();
        services.AddScoped<Repairs.RepairPages>();
        services.AddScoped<Repairs.RepairIntake>();
        services.AddScoped<Repairs.RepairSteps>();
        services.AddScoped<ICaseNotifications<Domain.Complaints.Complaint>, Complaints.ComplaintNotifications>();
        services.AddScoped<Complaints.ComplaintPages>();
        services.AddScoped<Complaints.ComplaintIntake>();
        services.AddScoped<Complaints.ComplaintSteps>();
        services.AddScoped<Callbacks.CallbackNotifications>();
        services.AddScoped<Callbacks.CallbackCalls>();
        services.AddScoped<ICaseNotifications<Domain.Renovations.Renovation>, Renovations.RenovationNotifications>();
        services.AddScoped<MoveIns.MoveInNotifications>();
        services.AddScoped<Pauses.PauseRequests>();

        // The desk's service catalog, stewards' visits and the satisfaction survey (issue 17).
        services.AddScoped<ICaseNotifications<Domain.Services.ServiceRequest>, Services.ServiceNotifications>();
        services.AddScoped<Services.ServiceLimits>();
        services.AddScoped<Services.ServicePages>();
        services.AddScoped<Services.ServiceIntake>();
        services.AddScoped<Services.ServiceSteps>();
        services.AddScoped<Visits.VisitQuotas>();
        services.AddScoped<Visits.VisitSuggestions>();
        services.AddScoped<Visits.SurveySampling>();
        services.AddScoped<Visits.MonthlyReport>();
        services.AddScoped<Visits.VisitPages>();
        services.AddScoped<Visits.SurveyPages>();
        services.AddScoped<Visits.VisitWork>();
        return services;
    }
}
