using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Registry;

namespace PropertyPortal.Domain.Residents;

public enum ChangeRequestState { Pending, Approved, Refused }

/// <summary>
/// A household's own request to change its record (contact phone, preferred channel, members): nothing changes on the
/// registry until the desk approves it; approval applies the phone and channel to the customer, the members' text is the
/// desk's to enter (who is who cannot be decided from a phone form).
/// </summary>
public sealed class HouseholdChangeRequest : Entity, IPropertyScoped
{
    public const int MaxMembersText = 500;

    private HouseholdChangeRequest() { }

    public HouseholdChangeRequest(Guid propertyId, Guid customerId, Guid accountId, string requestedByName, string? phone, ContactChannel? channel,
        string? members, string? note, DateTime nowUtc)
    {
        PropertyId = propertyId;
        CustomerId = customerId;
        AccountId = accountId;
        RequestedByName = Guard.Required(requestedByName, nameof(RequestedByName));
        Phone = Registry.Phone.Normalize(phone);
        PreferredChannel = channel;
        Members = Guard.Optional(members) is { Length: > MaxMembersText } m ? m[..MaxMembersText] : Guard.Optional(members);
        Note = Guard.Optional(note);
        if (Phone is null && PreferredChannel is null && Members is null && Note is null)
        {
            throw new DomainException("ChangeRequestEmpty", "Say what should change.");
        }

        RequestedAt = nowUtc;
        State = ChangeRequestState.Pending;
    }

    public Guid PropertyId { get; private set; }
    public Guid CustomerId { get; private set; }
    public Guid AccountId { get; private set; }
    public string RequestedByName { get; private set; } = "";
    public DateTime RequestedAt { get; private set; }
    public string? Phone { get; private set; }
    public ContactChannel? PreferredChannel { get; private set; }
    public string? Members { get; private set; }
    public string? Note { get; private set; }
    public ChangeRequestState State { get; private set; }
    public DateTime? DecidedAt { get; private set; }
    public string? DecidedByName { get; private set; }
    public string? DecisionNote { get; private set; }

    /// <summary>Applies the phone and channel asked for to the household's customer.</summary>
    public void Approve(Customer customer, string? note, Actor by, DateTime nowUtc)
    {
        Decide(ChangeRequestState.Approved, note, by, nowUtc);
        if (customer.Id != CustomerId)
        {
            throw new DomainException("ChangeRequestOtherHousehold", "The request is for another household.");
        }

        customer.Update(customer.Kind, customer.Name, Phone ?? customer.Phone, customer.Phone2, customer.Email, customer.IdDocumentType, customer.IdNumber,
            customer.EmergencyContactName, customer.EmergencyContactPhone, PreferredChannel ?? customer.PreferredChannel, customer.Notes);
    }

    public void Refuse(string note, Actor by, DateTime nowUtc) => Decide(ChangeRequestState.Refused, Guard.Required(note, nameof(DecisionNote)), by, nowUtc);

    private void Decide(ChangeRequestState state, string? note, Actor by, DateTime nowUtc)
    {
        if (State != ChangeRequestState.Pending)
        {
            throw new DomainException("ChangeRequestDecided", "The request has been decided.");
        }

        State = state;
        DecidedAt = nowUtc;
        DecidedByName = by.Name;
        DecisionNote = Guard.Optional(note);
    }
}
