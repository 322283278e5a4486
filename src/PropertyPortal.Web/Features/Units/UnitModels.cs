using PropertyPortal.Domain.Registry;
using PropertyPortal.Web.Infrastructure.Mvc;

namespace PropertyPortal.Web.Features.Units;

public sealed record Option(Guid Id, string Name, string? Group = null);

public sealed record UnitRow(Guid Id, Guid PropertyId, string PropertyName, Guid BuildingId, string BuildingName, string Number,
    int Floor, decimal Area, UnitType Type, UnitStatus Status)
{
    public IReadOnlyList<string> Occupants { get; init; } = [];
}

public sealed record UnitList(UnitFilter Filter, IReadOnlyList<Option> Properties, IReadOnlyList<Option> Buildings,
    IReadOnlyList<UnitRow> Rows, PageInfo Page, bool CanWrite);

public sealed record OccupantRow(Guid OccupancyId, Guid CustomerId, string CustomerName, CustomerKind Kind, string? Phone,
    OccupancyRole Role, DateOnly StartDate, DateOnly? EndDate);

public sealed record KeyRow(Guid Id, string Label, int Count, string? StorageLocation, DateOnly ReceivedOn, KeyStatus Status, string? LentTo, string? Notes);

public sealed record UnitDetails(
    Guid Id, Guid PropertyId, string PropertyName, Guid BuildingId, string BuildingCode, string BuildingName,
    string Number, int Floor, decimal Area, UnitType Type, UnitStatus Status, DateOnly? WarrantyUntil, string? Notes, int Version,
    DateOnly Today, IReadOnlyList<OccupantRow> Occupants, IReadOnlyList<KeyRow> Keys, bool CanWrite, bool InCustody = false)
{
    public bool InWarranty => WarrantyUntil is { } until && Today <= until;

    public IEnumerable<OccupantRow> Current => Occupants.Where(o => o.StartDate <= Today && (o.EndDate is null || o.EndDate >= Today));

    public IEnumerable<OccupantRow> NotCurrent => Occupants.Where(o => !(o.StartDate <= Today && (o.EndDate is null || o.EndDate >= Today)));
}
