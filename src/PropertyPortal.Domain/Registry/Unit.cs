using PropertyPortal.Domain.Common;

namespace PropertyPortal.Domain.Registry;

/// <summary>房屋/单元: the thing fees are charged on (area in m²) and households occupy.</summary>
public sealed class Unit : Entity, IPropertyScoped
{
    public const decimal MaxArea = 100_000m;

    private Unit() { }

    public Unit(Guid propertyId, Guid buildingId, string number, int floor, decimal area, UnitType type)
    {
        PropertyId = propertyId;
        BuildingId = buildingId;
        Number = NormalizeNumber(number);
        SetDetails(floor, area, type, null, null);
        Status = UnitStatus.Vacant;
    }

    public Guid PropertyId { get; private set; }
    public Guid BuildingId { get; private set; }

    /// <summary>Building-entrance-room, e.g. 3-2-501; unique within a property.</summary>
    public string Number { get; private set; } = "";
    public int Floor { get; private set; }
    public decimal Area { get; private set; }
    public UnitType Type { get; private set; }
    public UnitStatus Status { get; private set; }

    /// <summary>End of the developer's warranty; decides 保修 or 有偿 for repairs.</summary>
    public DateOnly? WarrantyUntil { get; private set; }
    public string? Notes { get; private set; }

    /// <summary>托管: a vacant unit the office looks after; its per-m² fees are billed at the custody rate (000 L208).</summary>
    public bool InCustody { get; private set; }

    public static string NormalizeNumber(string number) =>
        Guard.Required(number, nameof(Number)).Replace('－', '-').Replace('—', '-').Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();

    /// <summary>
    /// A key that sorts unit (and building) numbers as people count them: 3-2-501 after 3-1-1102 and
    /// 3-1-1102 after 3-1-201 — building, entrance, then room — by padding every run of digits.
    /// </summary>
    public static string OrderKey(string number)
    {
        var key = new System.Text.StringBuilder(number.Length + 16);
        for (var i = 0; i < number.Length;)
        {
            if (!char.IsAsciiDigit(number[i]))
            {
                key.Append(char.ToUpperInvariant(number[i++]));
                continue;
            }

            var start = i;
            while (i < number.Length && char.IsAsciiDigit(number[i]))
            {
                i++;
            }

            var digits = number.AsSpan(start, i - start).TrimStart('0');
            key.Append('0', Math.Max(0, 10 - digits.Length)).Append(digits);
        }

        return key.ToString();
    }

    public void MoveTo(Guid buildingId, string number)
    {
        BuildingId = buildingId;
        Number = NormalizeNumber(number);
    }

    public void SetDetails(int floor, decimal area, UnitType type, DateOnly? warrantyUntil, string? notes)
    {
        if (floor is < -10 or > 200)
        {
            throw new DomainException("FloorOutOfRange", "Floor must be between -10 and 200.");
        }

        if (area <= 0 || area > MaxArea)
        {
            throw new DomainException("AreaOutOfRange", "Area must be positive and realistic.");
        }

        Floor = floor;
        Area = decimal.Round(area, 2);
        Type = type;
        WarrantyUntil = warrantyUntil;
        Notes = Guard.Optional(notes);
    }

    public void SetStatus(UnitStatus status) => Status = status;

    public void SetCustody(bool inCustody) => InCustody = inCustody;

    public bool IsInWarranty(DateOnly day) => WarrantyUntil is { } until && day <= until;
}
