using PropertyPortal.Domain.Registry;
using PropertyPortal.Web.Infrastructure.Mvc;

namespace PropertyPortal.Web.Features.Buildings;

public sealed record BuildingRow(Guid Id, Guid PropertyId, string PropertyName, string Code, string Name, int? Floors, int Units, int Occupied);

public sealed record BuildingList(Guid? PropertyId, IReadOnlyList<PropertyOption> Properties, IReadOnlyList<BuildingRow> Rows, PageInfo Page, bool CanWrite);

public sealed record PropertyOption(Guid Id, string Name);

public sealed record BuildingUnitRow(Guid Id, string Number, int Floor, decimal Area, UnitType Type, UnitStatus Status);

public sealed record BuildingDetails(
    Guid Id, Guid PropertyId, string PropertyName, string Code, string Name, int? Floors, string? Notes, int Version,
    int Units, int Occupied, int Vacant, int UnderRenovation, decimal TotalArea,
    IReadOnlyList<BuildingUnitRow> UnitRows, PageInfo UnitPage, bool CanWrite);
