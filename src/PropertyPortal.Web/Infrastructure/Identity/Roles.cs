namespace PropertyPortal.Web.Infrastructure.Identity;

public static class Roles
{
    public const string Admin = "Admin";
    public const string Manager = "Manager";
    public const string Supervisor = "Supervisor";
    public const string FrontDesk = "FrontDesk";
    public const string Steward = "Steward";
    public const string Technician = "Technician";

    public static readonly IReadOnlyList<string> All = [Admin, Manager, Supervisor, FrontDesk, Steward, Technician];
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
}

public static class PortalClaims
{
    public const string DisplayName = "pp:name";
    public const string AllProperties = "pp:all";
    public const string Property = "pp:property";
}
