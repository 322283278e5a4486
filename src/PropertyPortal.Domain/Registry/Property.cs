using PropertyPortal.Domain.Common;

namespace PropertyPortal.Domain.Registry;

/// <summary>项目: a 小区 or 大厦 the company manages. Staff are assigned to properties and see only those.</summary>
public sealed class Property : Entity, IPropertyScoped
{
    private Property() { }

    public Property(string code, string name, PropertyKind kind, string? address = null, string? phone = null)
    {
        Code = NormalizeCode(code);
        Name = Guard.Required(name, nameof(Name));
        Kind = kind;
        Address = Guard.Optional(address);
        Phone = Guard.Optional(phone);
        IsActive = true;
    }

    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public PropertyKind Kind { get; private set; }
    public string? Address { get; private set; }
    public string? Phone { get; private set; }
    public bool IsActive { get; private set; }

    Guid IPropertyScoped.PropertyId => Id;

    public void Update(string code, string name, PropertyKind kind, string? address, string? phone, bool isActive)
    {
        Code = NormalizeCode(code);
        Name = Guard.Required(name, nameof(Name));
        Kind = kind;
        Address = Guard.Optional(address);
        Phone = Guard.Optional(phone);
        IsActive = isActive;
    }

    private static string NormalizeCode(string code) => Guard.Required(code, nameof(Code)).ToUpperInvariant();
}
