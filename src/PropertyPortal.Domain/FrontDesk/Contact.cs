using PropertyPortal.Domain.Common;

namespace PropertyPortal.Domain.FrontDesk;

/// <summary>来电 / 来访 / 微信 / 巡查 / 其他 / 走访 (a steward's visit finding turned into a case) / 业主自助 (the household's own page, /My).</summary>
public enum ContactSource { Phone, Visit, WeChat, Patrol, Other, StewardVisit, SelfService }

/// <summary>What became of a contact.</summary>
public enum ContactOutcome { Pending, Answered, RepairOrder, Complaint, ServiceRequest, Other }

/// <summary>
/// 来访来电登记: one walk-in, call, message or patrol finding (§3.1). The received time defaults to
/// now and may be set up to 24 hours back (the change of the field is in the audit trail, and the
/// entry shows it was backdated).
/// </summary>
public sealed class Contact : Entity, IPropertyScoped
{
    public static readonly TimeSpan BackdateLimit = TimeSpan.FromHours(24);

    /// <summary>Entered later than this after it came in counts as backdated.</summary>
    public static readonly TimeSpan BackdateTolerance = TimeSpan.FromMinutes(5);

    private Contact() { }

    public Contact(Guid propertyId, DateTime receivedAtUtc, ContactSource source, Guid? unitId, Guid? customerId, string name, string? phone,
        string subject, string? details, Actor by, DateTime nowUtc)
    {
        PropertyId = propertyId;
        LoggedAt = nowUtc;
        LoggedById = by.UserId;
        LoggedByName = by.Name;
        Outcome = ContactOutcome.Pending;
        SetReceivedAt(receivedAtUtc, nowUtc);
        Update(source, unitId, customerId, name, phone, subject, details);
    }

    public Guid PropertyId { get; private set; }
    public DateTime ReceivedAt { get; private set; }
    public DateTime LoggedAt { get; private set; }
    public string? LoggedById { get; private set; }
    public string LoggedByName { get; private set; } = "";
    public ContactSource Source { get; private set; }
    public Guid? UnitId { get; private set; }
    public Guid? CustomerId { get; private set; }

    /// <summary>The customer's or visitor's name as given.</summary>
    public string Name { get; private set; } = "";

    public string? Phone { get; private set; }

    /// <summary>What was asked, in a line.</summary>
    public string Subject { get; private set; } = "";

    public string? Details { get; private set; }
    public ContactOutcome Outcome { get; private set; }
    public string? OutcomeNote { get; private set; }
    public Guid? RepairOrderId { get; private set; }

    /// <summary>The complaint this contact became.</summary>
    public Guid? ComplaintId { get; private set; }

    /// <summary>The service request this contact became (转服务请求).</summary>
    public Guid? ServiceRequestId { get; private set; }

    /// <summary>
    /// A household's suggestion (建议): a contact it made on its own page (业主自助) that became no case. One definition for the
    /// household's list of its suggestions (a query) and for telling it the desk's answer (<see cref="IsHouseholdSuggestion"/>).
    /// </summary>
    public static readonly System.Linq.Expressions.Expression<Func<Contact, bool>> HouseholdSuggestion =
        c => c.Source == ContactSource.SelfService && c.RepairOrderId == null && c.ComplaintId == null && c.ServiceRequestId == null;

    private static readonly Func<Contact, bool> IsHouseholdSuggestionOf = HouseholdSuggestion.Compile();

    /// <summary>Whether this contact is a <see cref="HouseholdSuggestion"/>.</summary>
    public bool IsHouseholdSuggestion => IsHouseholdSuggestionOf(this);

    public bool IsBackdated => LoggedAt - ReceivedAt > BackdateTolerance;

    public void Update(ContactSource source, Guid? unitId, Guid? customerId, string name, string? phone, string subject, string? details)
    {
        Source = source;
        UnitId = unitId;
        CustomerId = customerId;
        Name = Guard.Required(name, nameof(Name));
        Phone = Guard.Optional(phone);
        Subject = Guard.Required(subject, nameof(Subject));
        Details = Guard.Optional(details);
    }

    /// <summary>Backdating is allowed up to <see cref="BackdateLimit"/> before the time it is entered.</summary>
    public void SetReceivedAt(DateTime receivedAtUtc, DateTime nowUtc)
    {
        if (receivedAtUtc > nowUtc.AddMinutes(1))
        {
            throw new DomainException("ReceivedInFuture", "The received time cannot be in the future.");
        }

        if (receivedAtUtc < (LoggedAt == default ? nowUtc : LoggedAt) - BackdateLimit)
        {
            throw new DomainException("BackdateTooFar", "A contact can be backdated by at most 24 hours.");
        }

        ReceivedAt = receivedAtUtc;
    }

    /// <summary>Answered on the spot, or handed on (a complaint, a service request…) with a note.</summary>
    public void Resolve(ContactOutcome outcome, string? note)
    {
        if (outcome == ContactOutcome.RepairOrder)
        {
            throw new DomainException("UseRepairOrder", "A repair outcome is set by opening the repair order.");
        }

        if (RepairOrderId is not null)
        {
            throw new DomainException("ContactHasRepair", "The contact already became a repair order.");
        }

        Outcome = outcome;
        OutcomeNote = Guard.Optional(note);
    }

    public void LinkRepairOrder(Guid orderId)
    {
        if (RepairOrderId is not null && RepairOrderId != orderId)
        {
            throw new DomainException("ContactHasRepair", "The contact already became a repair order.");
        }

        RepairOrderId = orderId;
        Outcome = ContactOutcome.RepairOrder;
    }

    public void LinkServiceRequest(Guid requestId)
    {
        if (ServiceRequestId is not null && ServiceRequestId != requestId)
        {
            throw new DomainException("ContactHasServiceRequest", "The contact already became a service request.");
        }

        ServiceRequestId = requestId;
        if (RepairOrderId is null)
        {
            Outcome = ContactOutcome.ServiceRequest;
        }
    }

    public void LinkComplaint(Guid complaintId)
    {
        if (ComplaintId is not null && ComplaintId != complaintId)
        {
            throw new DomainException("ContactHasComplaint", "The contact already became a complaint.");
        }

        ComplaintId = complaintId;
        if (RepairOrderId is null)
        {
            Outcome = ContactOutcome.Complaint;
        }
    }
}
