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
        services.AddScoped<Board.BoardPages>();
        services.AddScoped<Shared.StaffDirectory>();
        services.AddSingleton<Infrastructure.Storage.FileStore>();
        services.AddScoped<SlaSweeper>();
        services.AddScoped<NotificationText>();
        services.AddScoped<Fees.Ledger>();
        services.AddScoped<Fees.BillingService>();
        services.AddScoped<Fees.DunningService>();
        services.AddScoped<Fees.PaymentMonthTotals>();

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
        services.AddScoped<Renovations.RenovationPages>();
        services.AddScoped<Renovations.RenovationIntake>();
        services.AddScoped<Renovations.RenovationSteps>();
        services.AddScoped<Renovations.RenovationPatrolClocks>();
        services.AddScoped<SubjectSteps>();
        services.AddScoped<MoveIns.MoveInNotifications>();
        services.AddScoped<ICaseNotifications<Domain.MoveInOut.MoveIn>>(sp => sp.GetRequiredService<MoveIns.MoveInNotifications>());
        services.AddScoped<MoveIns.MoveInPages>();
        services.AddScoped<MoveIns.MoveInIntake>();
        services.AddScoped<MoveIns.MoveInSteps>();
        services.AddScoped<MoveIns.CustodySteps>();
        services.AddScoped<ICaseNotifications<Domain.MoveInOut.MoveOut>, MoveOuts.MoveOutNotifications>();
        services.AddScoped<MoveOuts.MoveOutPages>();
        services.AddScoped<MoveOuts.MoveOutIntake>();
        services.AddScoped<MoveOuts.MoveOutSteps>();
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

        // The household's door (/My, ADR 0025).
        services.AddSingleton<Residents.SecretArgs>();
        services.AddScoped<Residents.ResidentSignIn>();
        services.AddScoped<Residents.ResidentPages>();
        services.AddScoped<Residents.ResidentRequests>();
        services.AddScoped<Residents.ResidentAccountPages>();
        services.AddScoped<Residents.HouseholdChanges>();
        services.AddScoped<Residents.HouseholdInvitations>();

        // Fees on the seam: reads, the cashier's ledger actions, the counter's visits (issue 15).
        services.AddScoped<Fees.FeePages>();
        services.AddScoped<Fees.FeeCashier>();
        services.AddScoped<ICaseNotifications<Domain.Fees.CounterVisit>, Fees.CounterNotifications>();
        services.AddScoped<Fees.CounterSteps>();
        services.AddScoped<Fees.CounterPages>();

        // Clocks of the supervision: the daily log's review, next year's calendar.
        services.AddScoped<DailyLog.DailyLogReviews>();
        services.AddScoped<DailyLog.DailyLogPages>();
        services.AddScoped<Settings.CalendarReminders>();

        // The household's story and the daily log's cases: one source per feature, told in registration order.
        services.AddScoped<Customers.HouseholdStory>();
        services.AddScoped<Customers.IHouseholdStorySource, Contacts.ContactStory>();
        services.AddScoped<Contacts.SuggestionAnswers>();
        services.AddScoped<Customers.IHouseholdStorySource, Repairs.RepairStory>();
        services.AddScoped<Customers.IHouseholdStorySource, Complaints.ComplaintStory>();
        services.AddScoped<Customers.IHouseholdStorySource, Callbacks.CallbackStory>();
        services.AddScoped<Customers.IHouseholdStorySource, Renovations.RenovationStory>();
        services.AddScoped<Customers.IHouseholdStorySource, MoveIns.MoveInStory>();
        services.AddScoped<Customers.IHouseholdStorySource, MoveOuts.MoveOutStory>();
        services.AddScoped<Customers.IHouseholdStorySource, Fees.BillStory>();
        services.AddScoped<Customers.IHouseholdStorySource, Fees.PaymentStory>();
        services.AddScoped<Customers.IHouseholdStorySource, Fees.DunningStory>();
        services.AddScoped<Customers.IHouseholdStorySource, Fees.CounterStory>();
        services.AddScoped<DailyLog.IDailyLogSource, Repairs.RepairDayCases>();
        services.AddScoped<DailyLog.IDailyLogSource, Complaints.ComplaintDayCases>();
        services.AddScoped<DailyLog.IDailyLogSource, Renovations.RenovationDayCases>();
        services.AddScoped<DailyLog.IDailyLogSource, MoveIns.MoveInDayCases>();
        services.AddScoped<DailyLog.IDailyLogSource, MoveOuts.MoveOutDayCases>();
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
        services.AddScoped<Home.HomePages>();
        services.AddScoped<Fees.HouseholdMessages>();
        // The monthly report (ADR 0024): one section per feature, run for a month, the month before and a year before.
        services.AddScoped<Reports.MonthlyReports>();
        services.AddScoped<Reports.WeeklyReports>();
        services.AddScoped<Reports.MonthlySignOffs>();
        services.AddScoped<Reports.ReportsDashboard>();
        services.AddScoped<Reports.IMonthlyReportSection, Contacts.ContactsReportSection>();
        services.AddScoped<Reports.IMonthlyReportSection, Repairs.RepairsReportSection>();
        services.AddScoped<Reports.IMonthlyReportSection, Complaints.ComplaintsReportSection>();
        services.AddScoped<Reports.IMonthlyReportSection, Callbacks.CallbacksReportSection>();
        services.AddScoped<Reports.IMonthlyReportSection, Visits.ServicesReportSection>();
        services.AddScoped<Reports.IMonthlyReportSection, MoveIns.MoveInOutReportSection>();
        services.AddScoped<Reports.IMonthlyReportSection, MoveIns.MoveInsReportSection>();
        services.AddScoped<Reports.IMonthlyReportSection, Fees.FeesReportSection>();
        services.AddScoped<Reports.IMonthlyReportSection, Events.EventsReportSection>();
        services.AddScoped<Reports.IMonthlyReportSection, Sla.ClocksReportSection>();
        return services;
    }
}
