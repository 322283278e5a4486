using PropertyPortal.Domain.Common;

namespace PropertyPortal.Domain.Fees;

/// <summary>
/// A month's billing of one property: at most one row per (property, month). Running it claims a lease
/// so two instances (or a double click) cannot bill at once; re-running only adds what is missing (a unit
/// added since). Its payment notices are due delivered by the policy's notice day (002 L46).
/// </summary>
public sealed class BillingRun : Entity, IPropertyScoped
{
    private BillingRun() { }

    public BillingRun(Guid propertyId, BillingPeriod period, DateTime nowUtc)
    {
        PropertyId = propertyId;
        Period = period.Key;
        CreatedAt = nowUtc;
    }

    public Guid PropertyId { get; private set; }
    public int Period { get; private set; }
    public DateTime CreatedAt { get; private set; }

    /// <summary>Set while a run is writing; another run may start only after it passes.</summary>
    public DateTime? LeaseUntil { get; private set; }

    public DateTime? LastRunAt { get; private set; }
    public string? LastRunByName { get; private set; }
    public int Runs { get; private set; }
    public int ChargesCreated { get; private set; }
    public decimal AmountBilled { get; private set; }
    public int MissingReadings { get; private set; }
    public int NoticesCreated { get; private set; }
    public DateTime? NoticesPrintedAt { get; private set; }
    public DateTime? NoticesDeliveredAt { get; private set; }
    public string? NoticesDeliveredByName { get; private set; }

    public BillingPeriod BillingPeriod => BillingPeriod.FromKey(Period);

    public void Completed(int charges, decimal amount, int missingReadings, int notices, Actor by, DateTime nowUtc)
    {
        Runs++;
        ChargesCreated += charges;
        AmountBilled += amount;
        MissingReadings = missingReadings;
        NoticesCreated += notices;
        LastRunAt = nowUtc;
        LastRunByName = by.Name;
        LeaseUntil = null;
    }

    public void NoticesPrinted(DateTime nowUtc) => NoticesPrintedAt ??= nowUtc;

    public void NoticesDelivered(Actor by, DateTime nowUtc)
    {
        if (NoticesDeliveredAt is not null)
        {
            throw new DomainException("NoticesAlreadyDelivered", "The notices are already recorded as delivered.");
        }

        NoticesDeliveredAt = nowUtc;
        NoticesDeliveredByName = by.Name;
    }
}

/// <summary>付款通知书: what a unit owed when its month was billed; printed in a batch, delivered by the 10th.</summary>
public sealed class PaymentNotice : IPropertyScoped, IHasOwnHistory
{
    private PaymentNotice() { }

    public PaymentNotice(Guid propertyId, Guid runId, Guid unitId, Guid? customerId, int period, decimal balance, DateTime nowUtc)
    {
        PropertyId = propertyId;
        RunId = runId;
        UnitId = unitId;
        CustomerId = customerId;
        Period = period;
        Balance = balance;
        CreatedAt = nowUtc;
    }

    public long Id { get; private set; }
    public Guid PropertyId { get; private set; }
    public Guid RunId { get; private set; }
    public Guid UnitId { get; private set; }
    public Guid? CustomerId { get; private set; }
    public int Period { get; private set; }
    public decimal Balance { get; private set; }
    public DateTime CreatedAt { get; private set; }
}

/// <summary>A meter's reading at the end of a billed month; the month's consumption is this minus last month's.</summary>
public sealed class MeterReading : Entity, IPropertyScoped
{
    public const decimal MaxReading = 100_000_000m;

    private MeterReading() { }

    public MeterReading(Guid propertyId, Guid unitId, MeterKind meter, int period, decimal reading, Actor by, DateTime nowUtc)
    {
        PropertyId = propertyId;
        UnitId = unitId;
        Meter = meter;
        Period = period;
        Change(reading, by, nowUtc);
    }

    public Guid PropertyId { get; private set; }
    public Guid UnitId { get; private set; }
    public MeterKind Meter { get; private set; }
    public int Period { get; private set; }
    public decimal Reading { get; private set; }
    public DateTime RecordedAt { get; private set; }
    public string RecordedByName { get; private set; } = "";

    public void Change(decimal reading, Actor by, DateTime nowUtc)
    {
        if (reading < 0 || reading > MaxReading || decimal.Round(reading, 2) != reading)
        {
            throw new DomainException("ReadingOutOfRange", "A reading is between 0 and 100,000,000 with at most 2 decimals.");
        }

        Reading = reading;
        RecordedAt = nowUtc;
        RecordedByName = by.Name;
    }

    /// <summary>Consumption between two readings; null when the meter went backwards (replaced meter: enter by hand).</summary>
    public static decimal? Consumption(decimal? previous, decimal? current) =>
        previous is { } p && current is { } c && c >= p ? c - p : null;
}
