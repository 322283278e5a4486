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
        services.AddScoped<Shared.AudienceSelector>();
        services.AddScoped<Shared.CaseTimeline>();
        services.AddScoped<Events.EventApprovers>();
        services.AddScoped<Events.PublicWelfareRule>();
        services.AddScoped<ICaseNotifications<Domain.Community.CommunityEvent>, Events.EventNotifications>();
        services.AddScoped<Events.EventPages>();
        services.AddScoped<Events.EventIntake>();
        services.AddScoped<Events.EventSteps>();
        services.AddScoped<ICaseNotifications<Domain.Community.AnnualEventPlan>, Events.EventPlanNotifications>();
        services.AddScoped<Events.EventPlanPages>();
        services.AddScoped<Events.EventPlanSteps>();
        services.AddScoped<Events.EventHousekeeping>();
        services.AddScoped<ICaseNotifications<Domain.Notices.PublicNotice>, Notices.NoticeNotifications>();
        services.AddScoped<Notices.NoticePages>();
        services.AddScoped<Notices.NoticeIntake>();
        services.AddScoped<Notices.NoticeSteps>();
        services.AddScoped<Notices.NoticeExpiry>();
        services.AddScoped<Home.RoleWork>();
        services.AddScoped<Fees.HouseholdMessages>();
        return services;
    }
}
