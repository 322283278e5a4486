using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Domain.Sla;

namespace PropertyPortal.Domain.Services;

/// <summary>
/// 服务项目: one entry of the front desk's service catalog (002 L30–L38, L53–L56, L61, L70) — data an admin
/// edits, company-wide: its name, the property types it applies to, the promised time (its clock), who handles
/// it, whether a fee goes on the unit's account, whether a supervisor approves it first. A request copies the
/// clock when it is taken, so editing the catalog never moves a running request. Deactivated, never deleted.
/// </summary>
public sealed class ServiceType : Entity
{
    /// <summary>A week in minutes: a longer promise is given in working days.</summary>
    public const int MaxMinutes = 7 * 24 * 60;

    public const int MaxWorkingDays = 60;

    private ServiceType() { }

    public ServiceType(string code, string name, ServiceKind kind, SlaTarget target, ServiceHandlerRole handler, int sortOrder)
    {
        Code = Guard.Required(code, nameof(Code));
        Kind = kind;
        Update(name, null, true, true, true, target, handler, false, null, kind == ServiceKind.Release, DefaultResource(kind), sortOrder, true);
    }

    /// <summary>A stable key for the shipped entries (MeetingRoom, LargeItemRelease …), so the demo and reports can find them.</summary>
    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    /// <summary>What the desk does for it (the 内容 of 002's tables).</summary>
    public string? Description { get; private set; }

    public ServiceKind Kind { get; private set; }
    public bool ForResidential { get; private set; }
    public bool ForOffice { get; private set; }
    public bool ForCommercial { get; private set; }

    public SlaTargetKind TargetKind { get; private set; }
    public int TargetValue { get; private set; }
    public ServiceHandlerRole HandlerRole { get; private set; }

    /// <summary>A fee goes on the unit's account (a one-off charge through the ledger) when the request is done.</summary>
    public bool ChargesFee { get; private set; }

    /// <summary>The usual fee, offered on the form (the desk may change it); null when it varies.</summary>
    public decimal? DefaultFee { get; private set; }

    /// <summary>A supervisor approves it first; the clock is then the approval's (放行: 10 minutes).</summary>
    public bool RequiresApproval { get; private set; }

    /// <summary>Of a booking: which resources it books.</summary>
    public ResourceKind? ResourceKind { get; private set; }

    public int SortOrder { get; private set; }
    public bool IsActive { get; private set; }

    /// <summary>The promise as a clock target.</summary>
    public SlaTarget Target => TargetKind switch
    {
        SlaTargetKind.WorkingDays => SlaTarget.WorkingDays(TargetValue),
        SlaTargetKind.SameServiceDay => SlaTarget.SameServiceDay,
        _ => SlaTarget.Minutes(TargetValue),
    };

    public bool AppliesTo(PropertyKind kind) => kind switch
    {
        PropertyKind.Residential => ForResidential,
        PropertyKind.Office => ForOffice,
        _ => ForCommercial,
    };

    public ServiceType ForKinds(bool residential, bool office, bool commercial)
    {
        Update(Name, Description, residential, office, commercial, Target, HandlerRole, ChargesFee, DefaultFee, RequiresApproval, ResourceKind, SortOrder, IsActive);
        return this;
    }

    public ServiceType WithFee(decimal? defaultFee)
    {
        Update(Name, Description, ForResidential, ForOffice, ForCommercial, Target, HandlerRole, true, defaultFee, RequiresApproval, ResourceKind, SortOrder, IsActive);
        return this;
    }

    public ServiceType WithResource(ResourceKind resourceKind)
    {
        Update(Name, Description, ForResidential, ForOffice, ForCommercial, Target, HandlerRole, ChargesFee, DefaultFee, RequiresApproval, resourceKind, SortOrder, IsActive);
        return this;
    }

    public ServiceType Describe(string? description)
    {
        Description = Guard.Optional(description);
        return this;
    }

    public void Update(string name, string? description, bool residential, bool office, bool commercial, SlaTarget target, ServiceHandlerRole handler,
        bool chargesFee, decimal? defaultFee, bool requiresApproval, ResourceKind? resourceKind, int sortOrder, bool isActive)
    {
        if (target.Kind == SlaTargetKind.Appointment
            || target.Kind == SlaTargetKind.Minutes && target.Value is < 1 or > MaxMinutes
            || target.Kind == SlaTargetKind.WorkingDays && target.Value is < 1 or > MaxWorkingDays)
        {
            throw new DomainException("ServiceTargetInvalid", "A service promise is 1 minute to a week, 1 to 60 working days, or the same service day.");
        }

        if (!residential && !office && !commercial)
        {
            throw new DomainException("ServiceTypeNoPropertyKind", "A service applies to at least one kind of property.");
        }

        if (Kind == ServiceKind.Booking && resourceKind is null)
        {
            throw new DomainException("ServiceTypeNeedsResource", "A booking service books a kind of resource.");
        }

        if (defaultFee is { } fee && !Fees.Money.IsValidAmount(fee))
        {
            throw new DomainException("AmountOutOfRange", "A charge is a positive amount in yuan with at most 2 decimals.");
        }

        Name = Guard.Required(name, nameof(Name));
        Description = Guard.Optional(description);
        ForResidential = residential;
        ForOffice = office;
        ForCommercial = commercial;
        TargetKind = target.Kind;
        TargetValue = target.Kind == SlaTargetKind.SameServiceDay ? 0 : target.Value;
        HandlerRole = handler;
        ChargesFee = chargesFee;
        DefaultFee = chargesFee ? defaultFee : null;
        RequiresApproval = requiresApproval;
        ResourceKind = Kind == ServiceKind.Booking ? resourceKind : null;
        SortOrder = sortOrder;
        IsActive = isActive;
    }

    private static ResourceKind? DefaultResource(ServiceKind kind) => kind == ServiceKind.Booking ? Services.ResourceKind.MeetingRoom : null;
}
