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

    /// <summary>收款户名: whom a transfer is paid to, as the payment notice prints it.</summary>
    public string? PayeeName { get; private set; }

    /// <summary>开户行.</summary>
    public string? BankName { get; private set; }

    /// <summary>账号.</summary>
    public string? BankAccount { get; private set; }

    /// <summary>收费时间 of the counter, as people read it: 周一至周日 08:30–17:30.</summary>
    public string? CounterHours { get; private set; }

    public ReceiptPaper ReceiptPaper { get; private set; }

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

    /// <summary>How households pay this property: its bank account for transfers, the counter's hours, the receipt printer's paper.</summary>
    public void SetCounter(string? payeeName, string? bankName, string? bankAccount, string? counterHours, ReceiptPaper receiptPaper)
    {
        PayeeName = Guard.Optional(payeeName);
        BankName = Guard.Optional(bankName);
        BankAccount = Guard.Optional(bankAccount)?.Replace(" ", "", StringComparison.Ordinal);
        CounterHours = Guard.Optional(counterHours);
        ReceiptPaper = receiptPaper;
    }

    private static string NormalizeCode(string code) => Guard.Required(code, nameof(Code)).ToUpperInvariant();
}
