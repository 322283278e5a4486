using PropertyPortal.Domain.Common;

namespace PropertyPortal.Domain.Registry;

/// <summary>家庭成员 / 公司联系人 of a household head.</summary>
public sealed class HouseholdMember : Entity, IPropertyScoped
{
    private HouseholdMember() { }

    public HouseholdMember(Guid propertyId, Guid customerId, string name, string? relation, string? phone)
    {
        PropertyId = propertyId;
        CustomerId = customerId;
        Update(name, relation, phone, null);
    }

    public Guid PropertyId { get; private set; }
    public Guid CustomerId { get; private set; }
    public string Name { get; private set; } = "";
    public string? Relation { get; private set; }
    public string? Phone { get; private set; }
    public string? Notes { get; private set; }

    public void Update(string name, string? relation, string? phone, string? notes)
    {
        Name = Guard.Required(name, nameof(Name));
        Relation = Guard.Optional(relation);
        Phone = Registry.Phone.Normalize(phone);
        Notes = Guard.Optional(notes);
    }
}
