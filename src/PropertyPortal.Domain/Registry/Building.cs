using PropertyPortal.Domain.Common;

namespace PropertyPortal.Domain.Registry;

/// <summary>楼栋. Its <see cref="Code"/> is the first part of a unit number (3 in 3-2-501).</summary>
public sealed class Building : Entity, IPropertyScoped
{
    private Building() { }

    public Building(Guid propertyId, string code, string name, int? floors = null)
    {
        PropertyId = propertyId;
        Update(code, name, floors, null);
    }

    public Guid PropertyId { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public int? Floors { get; private set; }
    public string? Notes { get; private set; }

    public void Update(string code, string name, int? floors, string? notes)
    {
        Code = Guard.Required(code, nameof(Code));
        Name = Guard.Required(name, nameof(Name));
        if (floors is < 1 or > 200)
        {
            throw new DomainException("FloorsOutOfRange", "Floors must be between 1 and 200.");
        }

        Floors = floors;
        Notes = Guard.Optional(notes);
    }
}
