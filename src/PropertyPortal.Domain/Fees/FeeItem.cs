using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Registry;

namespace PropertyPortal.Domain.Fees;

/// <summary>
/// 收费项目 of a property: what is charged and how (per m², per unit, metered, one-off, deposit), with
/// rates that take effect on a date. A billed month keeps the rate of its first day, so a new rate never
/// changes a bill already issued. Items are deactivated, never deleted.
/// </summary>
public sealed class FeeItem : Entity, IPropertyScoped
{
    public const decimal MaxRate = 1_000_000m;

    private readonly List<FeeRate> _rates = [];

    private FeeItem() { }

    public FeeItem(Guid propertyId, string name, FeeKind kind, UnitType? appliesTo, MeterKind? meter, int sortOrder)
    {
        PropertyId = propertyId;
        Kind = kind;
        Update(name, appliesTo, meter, sortOrder, true);
    }

    public Guid PropertyId { get; private set; }
    public string Name { get; private set; } = "";
    public FeeKind Kind { get; private set; }

    /// <summary>Only units of this type are charged (null: every unit).</summary>
    public UnitType? AppliesTo { get; private set; }

    public MeterKind? Meter { get; private set; }
    public int SortOrder { get; private set; }
    public bool IsActive { get; private set; }
    public IReadOnlyList<FeeRate> Rates => _rates;

    /// <summary>Whether the monthly billing run charges this item.</summary>
    public bool IsMonthly => Kind is FeeKind.PerArea or FeeKind.PerUnit or FeeKind.Metered;

    public void Update(string name, UnitType? appliesTo, MeterKind? meter, int sortOrder, bool isActive)
    {
        Name = Guard.Required(name, nameof(Name));
        if (Kind == FeeKind.Metered && meter is null)
        {
            throw new DomainException("MeterRequired", "A metered fee needs the meter it reads.");
        }

        AppliesTo = appliesTo;
        Meter = Kind == FeeKind.Metered ? meter : null;
        SortOrder = sortOrder;
        IsActive = isActive;
    }

    /// <summary>Sets the rate from <paramref name="effectiveFrom"/> on (replacing one set for the same day).</summary>
    public FeeRate SetRate(DateOnly effectiveFrom, decimal amount)
    {
        if (amount < 0 || amount > MaxRate || decimal.Round(amount, 4) != amount)
        {
            throw new DomainException("RateOutOfRange", "A rate is between 0 and 1,000,000 with at most 4 decimals.");
        }

        var existing = _rates.FirstOrDefault(r => r.EffectiveFrom == effectiveFrom);
        if (existing is not null)
        {
            existing.Change(amount);
            return existing;
        }

        var rate = new FeeRate(PropertyId, Id, effectiveFrom, amount);
        _rates.Add(rate);
        return rate;
    }

    /// <summary>The rate in force on <paramref name="day"/>, null before the first one.</summary>
    public decimal? RateOn(DateOnly day) =>
        _rates.Where(r => r.EffectiveFrom <= day).OrderByDescending(r => r.EffectiveFrom).Select(r => (decimal?)r.Amount).FirstOrDefault();

    /// <summary>
    /// The month's charge for one unit, or null when the item does not apply. Per-m² items of a unit in
    /// custody (托管) are charged at <paramref name="custodyPercent"/> (000 L208: 70 %).
    /// </summary>
    public ChargeQuote? Quote(BillingPeriod period, UnitForBilling unit, int custodyPercent, decimal? consumption)
    {
        if (!IsActive || !IsMonthly || (AppliesTo is { } type && unit.Type != type) || RateOn(period.FirstDay) is not { } rate)
        {
            return null;
        }

        var (quantity, note) = Kind switch
        {
            FeeKind.PerArea => (unit.Area, null),
            FeeKind.PerUnit => (1m, null),
            FeeKind.Metered when consumption is { } used => (used, null),
            FeeKind.Metered => ((decimal?)null, "NoReading"),
            _ => (null, null),
        };
        if (quantity is not { } q)
        {
            return note is null ? null : new ChargeQuote(Id, 0, rate, 0, note);
        }

        // Rounded once, after the custody share: rounding the full amount first can move a cent.
        var raw = q * rate;
        var amount = Money.Round(Kind == FeeKind.PerArea && unit.InCustody ? raw * custodyPercent / 100m : raw);

        return new ChargeQuote(Id, q, rate, amount, null);
    }
}

/// <summary>A rate of a fee item from a day on (元 per m² per month, per unit per month, per m³ or kWh).</summary>
public sealed class FeeRate : Entity, IPropertyScoped
{
    private FeeRate() { }

    internal FeeRate(Guid propertyId, Guid feeItemId, DateOnly effectiveFrom, decimal amount)
    {
        PropertyId = propertyId;
        FeeItemId = feeItemId;
        EffectiveFrom = effectiveFrom;
        Amount = amount;
    }

    public Guid PropertyId { get; private set; }
    public Guid FeeItemId { get; private set; }
    public DateOnly EffectiveFrom { get; private set; }
    public decimal Amount { get; private set; }

    internal void Change(decimal amount) => Amount = amount;
}

/// <summary>What billing needs of a unit.</summary>
public sealed record UnitForBilling(Guid Id, decimal Area, UnitType Type, bool InCustody);

/// <summary>One line a billing run would write; <see cref="Problem"/> says why it cannot (a missing meter reading).</summary>
public sealed record ChargeQuote(Guid FeeItemId, decimal Quantity, decimal Rate, decimal Amount, string? Problem);

/// <summary>Money is decimal yuan to 2 places, rounded half away from zero as a cashier would.</summary>
public static class Money
{
    public const decimal Max = 100_000_000m;

    public static decimal Round(decimal yuan) => decimal.Round(yuan, 2, MidpointRounding.AwayFromZero);

    public static bool IsValidAmount(decimal yuan) => yuan > 0 && yuan <= Max && decimal.Round(yuan, 2) == yuan;
}

/// <summary>A billed month, 2026-12; stored as 202612.</summary>
public readonly record struct BillingPeriod(int Year, int Month) : IComparable<BillingPeriod>
{
    public static BillingPeriod Of(DateOnly day) => new(day.Year, day.Month);

    public static BillingPeriod FromKey(int key) => new(key / 100, key % 100);

    public static bool TryParse(string? text, out BillingPeriod period)
    {
        period = default;
        if (text is null || !DateOnly.TryParseExact(text.Trim() + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day))
        {
            return false;
        }

        period = Of(day);
        return true;
    }

    public int Key => (Year * 100) + Month;
    public DateOnly FirstDay => new(Year, Month, 1);
    public DateOnly LastDay => FirstDay.AddMonths(1).AddDays(-1);
    public BillingPeriod Previous => Of(FirstDay.AddMonths(-1));
    public BillingPeriod Next => Of(FirstDay.AddMonths(1));

    public int CompareTo(BillingPeriod other) => Key.CompareTo(other.Key);

    public override string ToString() => $"{Year:D4}-{Month:D2}";
}
