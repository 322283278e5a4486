using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PropertyPortal.Domain.Registry;

namespace PropertyPortal.Web.Features.Import;

/// <summary>
/// Reads a registry sheet (.xlsx or .csv) and checks every row on its own and against the other rows.
/// Knows nothing about the database: <see cref="RegistryImporter"/> checks the rows against what is
/// already registered.
/// </summary>
public static partial class RegistrySheetParser
{
    public const int MaxBytes = 10 * 1024 * 1024;
    public const int MaxRows = 50_000;

    private const int HeaderSearchRows = 10;
    private const int MaxBuildingCode = 16;
    private const int MaxBuildingName = 50;
    private const int MaxUnitNumber = 32;
    private const int MaxName = 100;
    private const int MaxIdNumber = 32;

    private static readonly RegistryColumn[] Required =
        [RegistryColumn.BuildingCode, RegistryColumn.UnitNumber, RegistryColumn.Floor, RegistryColumn.Area, RegistryColumn.UnitType];

    public static RegistrySheet Parse(byte[] content)
    {
        List<SheetRow> raw;
        try
        {
            if (content.Length > MaxBytes)
            {
                throw new SheetFormatException("File.TooLarge", MaxBytes / 1024 / 1024);
            }

            raw = SheetReader.Read(content, MaxRows);
        }
        catch (SheetFormatException ex)
        {
            return Fail(new SheetError(0, ex.Key, ex.Args));
        }

        var headerIndex = raw.Take(HeaderSearchRows).ToList().FindIndex(r => MapHeader(r).Columns.Count(c => Required.Contains(c.Key)) >= 2);
        if (headerIndex < 0)
        {
            return Fail(new SheetError(0, "File.NoHeader"));
        }

        var header = raw[headerIndex];
        var (columns, ignored, duplicates) = MapHeader(header);
        var fileErrors = new List<SheetError>();
        fileErrors.AddRange(duplicates.Select(d => new SheetError(header.Number, "File.DuplicateColumn", d)));
        var missing = Required.Where(c => !columns.ContainsKey(c)).Select(RegistryColumns.Title).ToList();
        if (missing.Count > 0)
        {
            fileErrors.Add(new SheetError(header.Number, "File.MissingColumns", string.Join("、", missing)));
        }

        var data = raw.Skip(headerIndex + 1).ToList();
        if (data.Count > MaxRows)
        {
            fileErrors.Add(new SheetError(0, "File.TooManyRows", MaxRows));
        }
        else if (data.Count == 0)
        {
            fileErrors.Add(new SheetError(0, "File.NoRows"));
        }

        if (fileErrors.Count > 0)
        {
            return new RegistrySheet([], fileErrors, ignored, Math.Min(data.Count, MaxRows));
        }

        var errors = new List<SheetError>();
        var rows = new List<RegistryRow>(data.Count);
        var across = new AcrossRows(errors);
        foreach (var sheetRow in data)
        {
            if (ParseRow(sheetRow, columns, errors, across) is { } row)
            {
                rows.Add(row);
            }
        }

        var bad = errors.Select(e => e.Row).ToHashSet();
        return new RegistrySheet(
            rows.Where(r => !bad.Contains(r.Row)).ToList(),
            errors.OrderBy(e => e.Row).ToList(),
            ignored,
            data.Count);
    }

    /// <summary>The template users download: the headers and two example rows, as UTF-8 with BOM so Excel opens it in Chinese.</summary>
    public static byte[] TemplateCsv()
    {
        var lines = new[]
        {
            string.Join(",", Enum.GetValues<RegistryColumn>().Select(RegistryColumns.Title)),
            "3,3号楼,3-2-501,5,89.50,住宅,已入住,张三,个人,身份证,110101199003071233,13800138000,,业主,2024-05-01",
            "3,3号楼,3-2-502,5,128.36,住宅,空置,,,,,,,,",
        };
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n")];
    }

    /// <summary>The document an ID number is taken to be when the sheet leaves 证件类型 empty.</summary>
    public static IdDocumentType DefaultIdType(CustomerKind kind) =>
        kind == CustomerKind.Company ? IdDocumentType.BusinessLicence : IdDocumentType.IdCard;

    public static string DefaultBuildingName(string code) =>
        code.All(char.IsAsciiDigit) ? code + "号楼" : code;

    private static RegistrySheet Fail(SheetError error) => new([], [error], [], 0);

    private static (Dictionary<RegistryColumn, int> Columns, List<string> Ignored, List<string> Duplicates) MapHeader(SheetRow header)
    {
        var columns = new Dictionary<RegistryColumn, int>();
        var ignored = new List<string>();
        var duplicates = new List<string>();
        for (var i = 0; i < header.Cells.Length; i++)
        {
            var title = Clean(header.Cells[i]);
            if (title is null)
            {
                continue;
            }

            if (RegistryColumns.Match(title) is not { } column)
            {
                ignored.Add(title);
            }
            else if (!columns.TryAdd(column, i))
            {
                duplicates.Add(title);
            }
        }

        return (columns, ignored, duplicates);
    }

    private static RegistryRow? ParseRow(SheetRow raw, Dictionary<RegistryColumn, int> columns, List<SheetError> errors, AcrossRows across)
    {
        var n = raw.Number;
        var before = errors.Count;
        string? Cell(RegistryColumn c) => columns.TryGetValue(c, out var i) ? Clean(raw[i]) : null;
        void Error(string key, params object[] args) => errors.Add(new SheetError(n, key, args));

        string? Text(RegistryColumn c, int max, bool required, bool ascii = false)
        {
            var value = Cell(c);
            if (ascii && value is not null)
            {
                value = value.Normalize(NormalizationForm.FormKC).Replace(" ", "", StringComparison.Ordinal);
            }

            if (value is null)
            {
                if (required)
                {
                    Error("Row.Required", RegistryColumns.Title(c));
                }

                return null;
            }

            if (value.Length > max)
            {
                Error("Row.TooLong", RegistryColumns.Title(c), max);
                return null;
            }

            return value;
        }

        var buildingCode = Text(RegistryColumn.BuildingCode, MaxBuildingCode, true, ascii: true)?.ToUpperInvariant();
        var buildingName = Text(RegistryColumn.BuildingName, MaxBuildingName, false);
        var number = Text(RegistryColumn.UnitNumber, MaxUnitNumber, true, ascii: true) is { } rawNumber ? Unit.NormalizeNumber(rawNumber) : null;
        if (buildingCode is not null && number is not null && !number.StartsWith(buildingCode + "-", StringComparison.Ordinal))
        {
            Error("Row.UnitNotInBuilding", number, buildingCode);
        }

        // Checked even when the row has other problems, so every conflict shows up in one preview.
        across.Unit(n, number);
        across.Building(n, buildingCode, buildingName);

        int? floor = null;
        if (Text(RegistryColumn.Floor, 10, true, ascii: true) is { } floorText)
        {
            floor = ParseFloor(floorText);
            if (floor is null)
            {
                Error("Row.Floor", floorText);
            }
        }

        decimal? area = null;
        if (Text(RegistryColumn.Area, 30, true, ascii: true) is { } areaText)
        {
            area = ParseArea(areaText);
            if (area is null or <= 0)
            {
                Error("Row.Area", areaText);
                area = null;
            }
            else if (area > Unit.MaxArea)
            {
                Error("Row.AreaTooLarge", areaText, Unit.MaxArea);
                area = null;
            }
        }

        UnitType? type = null;
        if (Text(RegistryColumn.UnitType, 20, true) is { } typeText && (type = RegistryColumns.UnitType(typeText)) is null)
        {
            Error("Row.UnitType", typeText);
        }

        UnitStatus? status = null;
        if (Text(RegistryColumn.UnitStatus, 20, false) is { } statusText && (status = RegistryColumns.UnitStatus(statusText)) is null)
        {
            Error("Row.UnitStatus", statusText);
        }

        var household = ParseHousehold(Cell, Text, Error);
        across.Household(n, household);
        if (errors.Count > before || buildingCode is null || number is null || floor is null || area is null || type is null)
        {
            return null;
        }

        return new RegistryRow(n, buildingCode, buildingName, number, floor.Value, decimal.Round(area.Value, 2), type.Value, status, household);
    }

    private static HouseholdRow? ParseHousehold(
        Func<RegistryColumn, string?> cell,
        Func<RegistryColumn, int, bool, bool, string?> text,
        Action<string, object[]> error)
    {
        var name = text(RegistryColumn.CustomerName, MaxName, false, false);
        var idNumber = text(RegistryColumn.IdNumber, MaxIdNumber, false, true)?.ToUpperInvariant();
        var phoneText = cell(RegistryColumn.Phone);
        var phone2Text = cell(RegistryColumn.Phone2);
        if (name is null)
        {
            if (idNumber is not null || phoneText is not null)
            {
                error("Row.HouseholdWithoutName", []);
            }

            return null;
        }

        CustomerKind? kind = null;
        if (cell(RegistryColumn.CustomerKind) is { } kindText)
        {
            if (RegistryColumns.CustomerKind(kindText) is { } parsedKind)
            {
                kind = parsedKind;
            }
            else
            {
                error("Row.CustomerKind", [kindText]);
            }
        }

        IdDocumentType? idType = null;
        if (cell(RegistryColumn.IdType) is { } idTypeText)
        {
            idType = RegistryColumns.IdType(idTypeText);
            if (idType is null)
            {
                error("Row.IdType", [idTypeText]);
            }
        }

        if (idNumber is not null)
        {
            if (ScientificNumber().IsMatch(idNumber))
            {
                error("Row.IdNumberAsNumber", [idNumber]);
            }
            else if ((idType ?? DefaultIdType(kind ?? CustomerKind.Person)) == IdDocumentType.IdCard && !IsChineseIdNumber(idNumber))
            {
                error("Row.IdNumber", [idNumber]);
            }
        }
        else
        {
            idType = null;
        }

        var phone = CheckPhone(RegistryColumn.Phone, phoneText, error);
        var phone2 = CheckPhone(RegistryColumn.Phone2, phone2Text, error);

        var role = OccupancyRole.Owner;
        if (cell(RegistryColumn.Role) is { } roleText)
        {
            if (RegistryColumns.Role(roleText) is { } parsedRole)
            {
                role = parsedRole;
            }
            else
            {
                error("Row.Role", [roleText]);
            }
        }

        DateOnly? start = null;
        if (cell(RegistryColumn.StartDate) is { } dateText)
        {
            start = ParseDate(dateText.Normalize(NormalizationForm.FormKC));
            if (start is null)
            {
                error("Row.Date", [dateText]);
            }
        }

        return new HouseholdRow(name, kind, idType, idNumber, phone, phone2, role, start);
    }

    private static string? CheckPhone(RegistryColumn column, string? value, Action<string, object[]> error)
    {
        if (value is null)
        {
            return null;
        }

        if (!Phone.IsValid(value))
        {
            error("Row.Phone", [RegistryColumns.Title(column), value]);
            return null;
        }

        return Phone.Normalize(value);
    }

    /// <summary>Rules between rows: a unit once, a building with one name, an ID number with one person.</summary>
    private sealed class AcrossRows(List<SheetError> errors)
    {
        private readonly Dictionary<string, int> _units = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (string Name, int Row)> _buildingNames = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (HouseholdRow Household, int Row)> _ids = new(StringComparer.Ordinal);

        public void Unit(int row, string? number)
        {
            if (number is not null && !_units.TryAdd(number, row))
            {
                errors.Add(new SheetError(row, "Row.DuplicateUnit", number, _units[number]));
            }
        }

        public void Building(int row, string? code, string? name)
        {
            if (code is null || name is null)
            {
                return;
            }

            if (!_buildingNames.TryGetValue(code, out var first))
            {
                _buildingNames[code] = (name, row);
            }
            else if (first.Name != name)
            {
                errors.Add(new SheetError(row, "Row.BuildingNameConflict", code, first.Row));
            }
        }

        public void Household(int row, HouseholdRow? h)
        {
            if (h?.IdNumber is not { } id)
            {
                return;
            }

            if (!_ids.TryGetValue(id, out var first))
            {
                _ids[id] = (h, row);
            }
            else if (first.Household.Name != h.Name
                     || h.Kind is not null && first.Household.Kind is not null && h.Kind != first.Household.Kind
                     || h.Phone is not null && first.Household.Phone is not null && h.Phone != first.Household.Phone)
            {
                errors.Add(new SheetError(row, "Row.CustomerConflict", Customer.Mask(id) ?? id, first.Row));
            }
        }
    }

    /// <summary>Trims the spaces Excel users leave behind, including full-width and non-breaking ones; empty → null.</summary>
    internal static string? Clean(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var trimmed = value.Trim().Trim('\u3000', '\u00A0', '\u200B', '\uFEFF').Trim();
        return trimmed.Length == 0 ? null : trimmed;
    }

    /// <summary>5, 5.0 (Excel number), -1, or B1/B2 for basements.</summary>
    internal static int? ParseFloor(string text)
    {
        if (text.Length > 1 && text[0] is 'B' or 'b' && int.TryParse(text.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var basement))
        {
            text = (-basement).ToString(CultureInfo.InvariantCulture);
        }

        if (text.EndsWith('F') || text.EndsWith('f') || text.EndsWith('层'))
        {
            text = text[..^1];
        }

        if (decimal.TryParse(text, NumberStyles.Integer | NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            && value == decimal.Truncate(value) && value is >= -10 and <= 200)
        {
            return (int)value;
        }

        return null;
    }

    /// <summary>89.5, 1,234.56, 89.5m2 / 89.5平方米 / 89.5平米.</summary>
    internal static decimal? ParseArea(string text)
    {
        foreach (var unit in new[] { "平方米", "平米", "m2", "M2", "m²", "㎡" })
        {
            if (text.EndsWith(unit, StringComparison.Ordinal))
            {
                text = text[..^unit.Length];
                break;
            }
        }

        return decimal.TryParse(text, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    /// <summary>yyyy-MM-dd (also / . and 年月日), or the day number Excel stores for a date cell.</summary>
    internal static DateOnly? ParseDate(string text)
    {
        string[] formats = ["yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyy年M月d日", "yyyyMMdd", "yyyy-M-d H:mm:ss", "yyyy/M/d H:mm:ss", "yyyy-M-d H:mm", "yyyy/M/d H:mm"];
        if (DateTime.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var date))
        {
            return date.Year is >= 1900 and <= 2100 ? DateOnly.FromDateTime(date) : null;
        }

        // 1 = 1900-01-01 … 73415 = 2100-12-31 in Excel's serial dates; a time part is dropped.
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is >= 1 and < 73416)
        {
            return DateOnly.FromDateTime(DateTime.FromOADate(Math.Floor(serial)));
        }

        return null;
    }

    /// <summary>18-character resident ID (GB 11643 check digit) or the old 15-digit one.</summary>
    internal static bool IsChineseIdNumber(string id)
    {
        if (id.Length == 15)
        {
            return id.All(char.IsAsciiDigit);
        }

        if (id.Length != 18 || !id[..17].All(char.IsAsciiDigit) || !(char.IsAsciiDigit(id[17]) || id[17] == 'X'))
        {
            return false;
        }

        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (id[i] - '0') * weights[i];
        }

        return "10X98765432"[sum % 11] == id[17];
    }

    // What Excel shows for an 18-digit number typed into a General cell: 1.10101E+17.
    [GeneratedRegex(@"^\d(\.\d+)?E\+\d+$", RegexOptions.IgnoreCase)]
    private static partial Regex ScientificNumber();
}
