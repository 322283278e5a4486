namespace PropertyPortal.Web.Infrastructure.Identity;

public static class Roles
{
    public const string Admin = "Admin";
    public const string Manager = "Manager";
    public const string Supervisor = "Supervisor";
    public const string FrontDesk = "FrontDesk";
    public const string Steward = "Steward";
    public const string Technician = "Technician";

    /// <summary>项目总经理: approves the annual event plan, each event's plan and its evaluation (004 L148). Where a property has none, a Manager stands in.</summary>
    public const string GeneralManager = "GeneralManager";

    public static readonly IReadOnlyList<string> All = [Admin, Manager, Supervisor, FrontDesk, Steward, Technician, GeneralManager];
}

/// <summary>Named authorization policies, registered once in <see cref="IdentitySetup"/>.</summary>
public static class Policies
{
    /// <summary>Users, properties, system settings.</summary>
    public const string Administration = nameof(Administration);

    /// <summary>Buildings, units and bulk import: the shape of the registry.</summary>
    public const string RegistryStructure = nameof(RegistryStructure);

    /// <summary>Households: customers, occupancy, members, keys. Front-line staff keep them current.</summary>
    public const string HouseholdWrite = nameof(HouseholdWrite);

    /// <summary>Audit trail of a record.</summary>
    public const string AuditRead = nameof(AuditRead);

    /// <summary>Front-desk work: log contacts, open and dispatch repair orders, make callbacks.</summary>
    public const string CaseIntake = nameof(CaseIntake);

    /// <summary>Working a repair order: on site, done, materials. Technicians and everyone at intake.</summary>
    public const string RepairWork = nameof(RepairWork);

    /// <summary>Accounts, arrears and dunning tasks: everyone who talks to households about money.</summary>
    public const string FeesRead = nameof(FeesRead);

    /// <summary>Counter payments, one-off charges, invoices: the cashier's work.</summary>
    public const string Cashier = nameof(Cashier);

    /// <summary>工程部: the engineering review of renovation plans and the completion inspection.</summary>
    public const string RenovationEngineering = nameof(RenovationEngineering);

    /// <summary>Billing runs, meter readings and payment notices of a property.</summary>
    public const string Billing = nameof(Billing);

    /// <summary>Supervisors' work: the SLA board, escalations, signing the daily log, reassigning callbacks.</summary>
    public const string Supervision = nameof(Supervision);

    /// <summary>Deciding on a handler's request to pause a case's clocks: a supervisor or manager of the property (not the admin).</summary>
    public const string PauseApproval = nameof(PauseApproval);

    /// <summary>社区活动 and 公告: see them and do the organiser's and the desk's part (plan form, invitations, replies, record, drafts, posting).</summary>
    public const string Events = nameof(Events);

    /// <summary>The supervisor's part of events: the annual plan drafted and submitted, a plan form reviewed and submitted, a cancellation.</summary>
    public const string EventReview = nameof(EventReview);

    /// <summary>The general manager's decisions (and the Manager's: ad hoc events, evaluations, standing in where a property has no general manager).</summary>
    public const string EventDecision = nameof(EventDecision);

    /// <summary>审核 of a notice before it is posted: a supervisor or manager.</summary>
    public const string NoticeApproval = nameof(NoticeApproval);

    /// <summary>复核 of a monthly report a supervisor signed off: a manager.</summary>
    public const string ReportCountersign = nameof(ReportCountersign);
}

public static class PortalClaims
{
    public const string DisplayName = "pp:name";
    public const string AllProperties = "pp:all";
    public const string Property = "pp:property";
}
