using System.Linq.Expressions;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using PropertyPortal.Domain.Callbacks;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Complaints;
using PropertyPortal.Domain.Fees;
using PropertyPortal.Domain.FrontDesk;
using PropertyPortal.Domain.Notifications;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Domain.Renovations;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Features.Import;
using PropertyPortal.Web.Infrastructure.Identity;

namespace PropertyPortal.Web.Infrastructure.Persistence;

/// <summary>
/// The portal's one database. Provider-specific subclasses (<see cref="SqlitePortalDbContext"/>,
/// <see cref="PostgresPortalDbContext"/>) exist only so each provider owns its own migrations set.
/// </summary>
public abstract class PortalDbContext : IdentityDbContext<AppUser>
{
    private readonly IPropertyScope _scope;

    protected PortalDbContext(DbContextOptions options, IPropertyScope? scope)
        : base(options)
    {
        _scope = scope ?? SystemPropertyScope.Instance;
    }

    public IPropertyScope Scope => _scope;

    /// <summary>
    /// The instance's <see cref="ReferenceCache"/> when the context was built with the portal's interceptors (the app's
    /// contexts); null for design-time and bare test contexts, which then read reference data from the database.
    /// </summary>
    public ReferenceCache? References => _references ??= this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors?
        .OfType<ReferenceCacheInterceptor>().FirstOrDefault()?.Cache;

    private ReferenceCache? _references;

    public DbSet<Property> Properties => Set<Property>();
    public DbSet<Building> Buildings => Set<Building>();
    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Occupancy> Occupancies => Set<Occupancy>();
    public DbSet<HouseholdMember> HouseholdMembers => Set<HouseholdMember>();
    public DbSet<OfficeKey> OfficeKeys => Set<OfficeKey>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<UserProperty> UserProperties => Set<UserProperty>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<SchedulerHeartbeat> SchedulerHeartbeats => Set<SchedulerHeartbeat>();
    public DbSet<ImportBatch> ImportBatches => Set<ImportBatch>();
    public DbSet<SlaClock> SlaClocks => Set<SlaClock>();
    public DbSet<SlaEvent> SlaEvents => Set<SlaEvent>();
    public DbSet<SlaPolicy> SlaPolicies => Set<SlaPolicy>();
    public DbSet<SlaLadderRule> SlaLadderRules => Set<SlaLadderRule>();
    public DbSet<PauseRequest> PauseRequests => Set<PauseRequest>();
    public DbSet<CalendarDay> CalendarDays => Set<CalendarDay>();
    public DbSet<CalendarYear> CalendarYears => Set<CalendarYear>();
    public DbSet<ServiceHoursSetting> ServiceHours => Set<ServiceHoursSetting>();
    public DbSet<RepairCategory> RepairCategories => Set<RepairCategory>();
    public DbSet<RepairOrder> RepairOrders => Set<RepairOrder>();
    public DbSet<RepairOrderEvent> RepairOrderEvents => Set<RepairOrderEvent>();
    public DbSet<Callback> Callbacks => Set<Callback>();
    public DbSet<ComplaintCategory> ComplaintCategories => Set<ComplaintCategory>();
    public DbSet<Complaint> Complaints => Set<Complaint>();
    public DbSet<ComplaintEvent> ComplaintEvents => Set<ComplaintEvent>();
    public DbSet<CallbackAttempt> CallbackAttempts => Set<CallbackAttempt>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<DailyLog> DailyLogs => Set<DailyLog>();
    public DbSet<DailyLogAmendment> DailyLogAmendments => Set<DailyLogAmendment>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<Attachment> Attachments => Set<Attachment>();
    public DbSet<FeeItem> FeeItems => Set<FeeItem>();
    public DbSet<FeeRate> FeeRates => Set<FeeRate>();
    public DbSet<FeePolicy> FeePolicies => Set<FeePolicy>();
    public DbSet<Charge> Charges => Set<Charge>();
    public DbSet<Payment> Payments => Set<Payment>();
    public DbSet<PaymentAllocation> PaymentAllocations => Set<PaymentAllocation>();
    public DbSet<ReceiptSequence> ReceiptSequences => Set<ReceiptSequence>();
    public DbSet<BillingRun> BillingRuns => Set<BillingRun>();
    public DbSet<PaymentNotice> PaymentNotices => Set<PaymentNotice>();
    public DbSet<MeterReading> MeterReadings => Set<MeterReading>();
    public DbSet<DunningCase> DunningCases => Set<DunningCase>();
    public DbSet<DunningStep> DunningSteps => Set<DunningStep>();
    public DbSet<Renovation> Renovations => Set<Renovation>();
    public DbSet<RenovationEvent> RenovationEvents => Set<RenovationEvent>();
    public DbSet<RenovationPass> RenovationPasses => Set<RenovationPass>();
    public DbSet<RenovationPermit> RenovationPermits => Set<RenovationPermit>();
    public DbSet<RenovationPatrol> RenovationPatrols => Set<RenovationPatrol>();
    public DbSet<Domain.MoveInOut.MoveOut> MoveOuts => Set<Domain.MoveInOut.MoveOut>();
    public DbSet<Domain.MoveInOut.MoveIn> MoveIns => Set<Domain.MoveInOut.MoveIn>();
    public DbSet<Domain.MoveInOut.MoveInCheck> MoveInChecks => Set<Domain.MoveInOut.MoveInCheck>();
    public DbSet<Domain.MoveInOut.MoveInDefect> MoveInDefects => Set<Domain.MoveInOut.MoveInDefect>();
    public DbSet<Domain.MoveInOut.MoveInEvent> MoveInEvents => Set<Domain.MoveInOut.MoveInEvent>();
    public DbSet<Domain.MoveInOut.MoveInBatch> MoveInBatches => Set<Domain.MoveInOut.MoveInBatch>();
    public DbSet<Domain.MoveInOut.CustodyPatrol> CustodyPatrols => Set<Domain.MoveInOut.CustodyPatrol>();
    public DbSet<Domain.Services.ServiceType> ServiceTypes => Set<Domain.Services.ServiceType>();
    public DbSet<Domain.Services.ServiceRequest> ServiceRequests => Set<Domain.Services.ServiceRequest>();
    public DbSet<Domain.Services.ServiceRequestEvent> ServiceRequestEvents => Set<Domain.Services.ServiceRequestEvent>();
    public DbSet<Domain.Services.BookableResource> BookableResources => Set<Domain.Services.BookableResource>();
    public DbSet<Domain.Services.Booking> Bookings => Set<Domain.Services.Booking>();
    public DbSet<Domain.Services.BookingSlot> BookingSlots => Set<Domain.Services.BookingSlot>();
    public DbSet<Domain.Services.FoundItem> FoundItems => Set<Domain.Services.FoundItem>();
    public DbSet<Domain.Services.ServiceSettings> ServiceSettings => Set<Domain.Services.ServiceSettings>();
    public DbSet<Domain.Visits.Visit> Visits => Set<Domain.Visits.Visit>();
    public DbSet<Domain.Visits.VisitFinding> VisitFindings => Set<Domain.Visits.VisitFinding>();
    public DbSet<Domain.Visits.VisitQuota> VisitQuotas => Set<Domain.Visits.VisitQuota>();
    public DbSet<Domain.Visits.SurveyQuestion> SurveyQuestions => Set<Domain.Visits.SurveyQuestion>();
    public DbSet<Domain.Visits.Survey> Surveys => Set<Domain.Visits.Survey>();
    public DbSet<Domain.Visits.SurveySample> SurveySamples => Set<Domain.Visits.SurveySample>();
    public DbSet<Domain.Visits.SurveyAnswer> SurveyAnswers => Set<Domain.Visits.SurveyAnswer>();
    public DbSet<CounterVisit> CounterVisits => Set<CounterVisit>();
    public DbSet<CounterVisitEvent> CounterVisitEvents => Set<CounterVisitEvent>();
    public DbSet<CalendarReminderSetting> CalendarReminders => Set<CalendarReminderSetting>();
    public DbSet<Domain.Community.AnnualEventPlan> AnnualEventPlans => Set<Domain.Community.AnnualEventPlan>();
    public DbSet<Domain.Community.AnnualPlanRow> AnnualPlanRows => Set<Domain.Community.AnnualPlanRow>();
    public DbSet<Domain.Community.AnnualPlanVersion> AnnualPlanVersions => Set<Domain.Community.AnnualPlanVersion>();
    public DbSet<Domain.Community.AnnualPlanEntry> AnnualPlanEntries => Set<Domain.Community.AnnualPlanEntry>();
    public DbSet<Domain.Community.CommunityEvent> CommunityEvents => Set<Domain.Community.CommunityEvent>();
    public DbSet<Domain.Community.CommunityEventEntry> CommunityEventEntries => Set<Domain.Community.CommunityEventEntry>();
    public DbSet<Domain.Community.EventBudgetLine> EventBudgetLines => Set<Domain.Community.EventBudgetLine>();
    public DbSet<Domain.Community.EventCheck> EventChecks => Set<Domain.Community.EventCheck>();
    public DbSet<Domain.Community.EventInvitation> EventInvitations => Set<Domain.Community.EventInvitation>();
    public DbSet<Domain.Community.PublicWelfareHalf> PublicWelfareHalves => Set<Domain.Community.PublicWelfareHalf>();
    public DbSet<Domain.Notices.PublicNotice> PublicNotices => Set<Domain.Notices.PublicNotice>();
    public DbSet<Domain.Notices.PublicNoticeEntry> PublicNoticeEntries => Set<Domain.Notices.PublicNoticeEntry>();
    public DbSet<Domain.Notices.NoticeDelivery> NoticeDeliveries => Set<Domain.Notices.NoticeDelivery>();
    public DbSet<Idempotency.IdempotencyKey> IdempotencyKeys => Set<Idempotency.IdempotencyKey>();
    public DbSet<OutboxAttempt> OutboxAttempts => Set<OutboxAttempt>();
    public DbSet<MessageTemplate> MessageTemplates => Set<MessageTemplate>();
    public DbSet<TeamChat> TeamChats => Set<TeamChat>();
    public DbSet<MessagingSettings> MessagingSettings => Set<MessagingSettings>();
    public DbSet<Domain.MoveInOut.MoveOutEvent> MoveOutEvents => Set<Domain.MoveInOut.MoveOutEvent>();
    public DbSet<Domain.MoveInOut.RainPatrolOrder> RainPatrolOrders => Set<Domain.MoveInOut.RainPatrolOrder>();
    public DbSet<Domain.Residents.ResidentAccount> ResidentAccounts => Set<Domain.Residents.ResidentAccount>();
    public DbSet<Domain.Residents.ResidentSignInCode> ResidentSignInCodes => Set<Domain.Residents.ResidentSignInCode>();
    public DbSet<Domain.Residents.HouseholdInvitation> HouseholdInvitations => Set<Domain.Residents.HouseholdInvitation>();
    public DbSet<Domain.Residents.HouseholdChangeRequest> HouseholdChangeRequests => Set<Domain.Residents.HouseholdChangeRequest>();
    public DbSet<Domain.Reports.MonthlyReportSignOff> MonthlyReportSignOffs => Set<Domain.Reports.MonthlyReportSignOff>();
    public DbSet<Domain.Residents.InvitationTry> InvitationTries => Set<Domain.Residents.InvitationTry>();
    public DbSet<Features.Fees.PaymentMonthTotal> PaymentMonthTotals => Set<Features.Fees.PaymentMonthTotal>();

    // Read by the query filters below; EF re-reads them for every query of this context instance.
    internal bool ScopeAllProperties => _scope.AllProperties;
    internal Guid[] ScopePropertyIds => [.. _scope.PropertyIds];

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<decimal>().HavePrecision(14, 2);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly, t => t.Namespace?.StartsWith("PropertyPortal.Web", StringComparison.Ordinal) == true);

        foreach (var entityType in builder.Model.GetEntityTypes().ToList())
        {
            StoreEnumsAsStrings(entityType);
            if (typeof(IPropertyScoped).IsAssignableFrom(entityType.ClrType))
            {
                builder.Entity(entityType.ClrType).HasQueryFilter(BuildScopeFilter(entityType.ClrType));
            }

            if (typeof(Entity).IsAssignableFrom(entityType.ClrType))
            {
                builder.Entity(entityType.ClrType).Property(nameof(Entity.Version)).IsConcurrencyToken();
                builder.Entity(entityType.ClrType).Property(nameof(Entity.Id)).ValueGeneratedNever();
            }
        }
    }

    /// <summary>e => ScopeAllProperties || ScopePropertyIds.Contains(e.PropertyId) — Property itself is keyed by Id.</summary>
    private LambdaExpression BuildScopeFilter(Type clrType)
    {
        var e = Expression.Parameter(clrType, "e");
        var keyName = clrType == typeof(Property) ? nameof(Entity.Id) : nameof(IPropertyScoped.PropertyId);
        var key = Expression.Property(e, keyName);
        var context = Expression.Constant(this);
        var all = Expression.Property(context, nameof(ScopeAllProperties));
        var ids = Expression.Property(context, nameof(ScopePropertyIds));
        var contains = Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(Guid)], ids, key);
        return Expression.Lambda(Expression.OrElse(all, contains), e);
    }

    private static void StoreEnumsAsStrings(Microsoft.EntityFrameworkCore.Metadata.IMutableEntityType entityType)
    {
        foreach (var property in entityType.GetProperties())
        {
            var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;

            // An enum given its own converter keeps it (the outbox's priority is a number so that it sorts).
            if (type.IsEnum && property.GetValueConverter() is null && property.GetProviderClrType() is null)
            {
                var converterType = typeof(EnumToStringConverter<>).MakeGenericType(type);
                property.SetValueConverter((ValueConverter)Activator.CreateInstance(converterType)!);
                property.SetMaxLength(32);
            }
        }
    }
}

public sealed class SqlitePortalDbContext(DbContextOptions<SqlitePortalDbContext> options, IPropertyScope? scope = null)
    : PortalDbContext(options, scope);

public sealed class PostgresPortalDbContext(DbContextOptions<PostgresPortalDbContext> options, IPropertyScope? scope = null)
    : PortalDbContext(options, scope);
