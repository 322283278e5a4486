using PropertyPortal.Domain.Registry;

namespace PropertyPortal.Web.Features.Properties;

public sealed record PropertyRow(Guid Id, string Code, string Name, PropertyKind Kind, string? Address, string? Phone, bool IsActive, int Buildings, int Units);

public sealed record PropertyBuildingRow(Guid Id, string Code, string Name, int? Floors, int Units);

public sealed record PropertyDetails(
    Guid Id, string Code, string Name, PropertyKind Kind, string? Address, string? Phone, bool IsActive,
    int Units, int Occupied, int Vacant, int UnderRenovation, decimal TotalArea, int Households, int Keys,
    IReadOnlyList<PropertyBuildingRow> Buildings)
{
    /// <summary>收款户名, 开户行, 账号, 收费时间, 收据纸张: what the notices and receipts print.</summary>
    public (string? PayeeName, string? BankName, string? BankAccount, string? CounterHours, ReceiptPaper Paper) Counter { get; init; }
}
