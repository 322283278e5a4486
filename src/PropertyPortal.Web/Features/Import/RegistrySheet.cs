using PropertyPortal.Domain.Registry;

namespace PropertyPortal.Web.Features.Import;

/// <summary>The columns of a registry sheet. Headers are matched by <see cref="RegistryColumns"/>.</summary>
public enum RegistryColumn
{
    BuildingCode,
    BuildingName,
    UnitNumber,
    Floor,
    Area,
    UnitType,
    UnitStatus,
    CustomerName,
    CustomerKind,
    IdType,
    IdNumber,
    Phone,
    Phone2,
    Role,
    StartDate,
}

/// <summary>
/// A problem in the sheet. <see cref="Row"/> is the row number Excel shows (header = 1; 0 = the file as a
/// whole). <see cref="Key"/> names an <see cref="ImportText"/> resource, or a shared "Domain.*" one.
/// </summary>
public sealed record SheetError(int Row, string Key, params object[] Args);

public sealed record HouseholdRow(
    string Name,
    CustomerKind? Kind,
    IdDocumentType? IdType,
    string? IdNumber,
    string? Phone,
    string? Phone2,
    OccupancyRole Role,
    DateOnly? StartDate);

/// <summary>One valid data row: a unit, its building, and optionally the household living there.</summary>
public sealed record RegistryRow(
    int Row,
    string BuildingCode,
    string? BuildingName,
    string UnitNumber,
    int Floor,
    decimal Area,
    UnitType Type,
    UnitStatus? Status,
    HouseholdRow? Household)
{
    /// <summary>The name a new building gets when the sheet leaves 楼栋名称 empty: 3 → 3号楼, A → A.</summary>
    public string BuildingNameOrDefault => BuildingName ?? RegistrySheetParser.DefaultBuildingName(BuildingCode);
}

/// <summary>The parsed sheet: rows that passed every check, and every problem found (all rows are checked).</summary>
public sealed record RegistrySheet(
    IReadOnlyList<RegistryRow> Rows,
    IReadOnlyList<SheetError> Errors,
    IReadOnlyList<string> IgnoredColumns,
    int DataRowCount)
{
    public bool IsValid => Errors.Count == 0;
}
