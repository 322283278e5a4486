using PropertyPortal.Domain.Common;

namespace PropertyPortal.Domain.Fees;

/// <summary>
/// 应收: one amount a unit owes — a month's line of a fee item, a paid repair, a deposit. The ledger's
/// debit side. Never deleted: a wrong charge is reversed by a supervisor with a reason, and only while
/// nothing is paid on it. <see cref="SourceKey"/> is unique, so the same month of the same item for the
/// same unit (or the same repair order) can only be charged once, whichever instance tries.
/// </summary>
public sealed class Charge : Entity, IPropertyScoped, IHasOwnHistory
{
    private Charge() { }

    public Charge(Guid propertyId, Guid unitId, Guid? customerId, Guid? feeItemId, FeeKind kind, int? period, string description,
        decimal quantity, decimal unitPrice, decimal amount, DateOnly dueDate, string sourceKey, Actor by, DateTime nowUtc)
    {
        if (!Money.IsValidAmount(amount))
        {
            throw new DomainException("AmountOutOfRange", "A charge is a positive amount in yuan with at most 2 decimals.");
        }

        PropertyId = propertyId;
        UnitId = unitId;
        CustomerId = customerId;
        FeeItemId = feeItemId;
        Kind = kind;
        Period = period;
        Description = Guard.Required(description, nameof(Description));
        Quantity = quantity;
        UnitPrice = unitPrice;
        Amount = amount;
        DueDate = dueDate;
        SourceKey = sourceKey;
        CreatedAt = nowUtc;
        CreatedById = by.UserId;
        CreatedByName = by.Name;
    }

    /// <summary>The key of a month's charge of an item for a unit.</summary>
    public static string MonthlyKey(Guid feeItemId, Guid unitId, BillingPeriod period) => $"M:{feeItemId:N}:{unitId:N}:{period.Key}";

    public Guid PropertyId { get; private set; }
    public Guid UnitId { get; private set; }

    /// <summary>The household billed (the owner, else the tenant, when the charge was made).</summary>
    public Guid? CustomerId { get; private set; }

    public Guid? FeeItemId { get; private set; }
    public FeeKind Kind { get; private set; }

    /// <summary>The billed month as yyyyMM, null for one-off charges and deposits.</summary>
    public int? Period { get; private set; }

    public string Description { get; private set; } = "";
    public decimal Quantity { get; private set; }
    public decimal UnitPrice { get; private set; }
    public decimal Amount { get; private set; }

    /// <summary>Allocated from payments; never more than <see cref="Amount"/>.</summary>
    public decimal Paid { get; private set; }

    /// <summary>Of a deposit: the part paid back to the household (what stays in <see cref="Paid"/> was deducted).</summary>
    public decimal Released { get; private set; }

    /// <summary>Of a deposit: when it was settled (refunded and/or deducted); it is no longer held.</summary>
    public DateTime? ClosedAt { get; private set; }

    public string? DeductionNote { get; private set; }

    public DateOnly DueDate { get; private set; }
    public string SourceKey { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public string? CreatedById { get; private set; }
    public string CreatedByName { get; private set; } = "";
    public DateTime? ReversedAt { get; private set; }
    public string? ReversedByName { get; private set; }
    public string? ReversalReason { get; private set; }

    public bool IsReversed => ReversedAt is not null;

    /// <summary>What is still owed on it.</summary>
    public decimal Outstanding => IsReversed ? 0 : Amount - Released - Paid;

    /// <summary>Money of a deposit the office holds now.</summary>
    public decimal Held => Kind == FeeKind.Deposit && ClosedAt is null && !IsReversed ? Paid : 0;

    /// <summary>Days past due on <paramref name="day"/> (0 when not yet due).</summary>
    public int DaysOverdue(DateOnly day) => Math.Max(0, day.DayNumber - DueDate.DayNumber);

    internal void Allocate(decimal amount)
    {
        if (amount <= 0 || amount > Outstanding)
        {
            throw new DomainException("AllocationOutOfRange", "An allocation cannot exceed what is owed.");
        }

        Paid += amount;
    }

    internal void Unallocate(decimal amount)
    {
        if (amount <= 0 || amount > Paid)
        {
            throw new DomainException("AllocationOutOfRange", "Cannot take back more than was paid.");
        }

        Paid -= amount;
    }

    /// <summary>
    /// Settles a paid deposit: <paramref name="refund"/> goes back to the household, the rest of what was
    /// paid is kept as itemised deductions. Outstanding stays zero; the deposit is no longer held.
    /// </summary>
    internal void Release(decimal refund, string? deductionNote, DateTime nowUtc)
    {
        if (Kind != FeeKind.Deposit || IsReversed || ClosedAt is not null || Paid <= 0 || Outstanding > 0)
        {
            throw new DomainException("DepositNotRefundable", "Only a fully paid deposit that is still held can be refunded.");
        }

        if (refund < 0 || refund > Paid)
        {
            throw new DomainException("RefundOutOfRange", "A refund is between nothing and what was paid.");
        }

        if (refund < Paid && string.IsNullOrWhiteSpace(deductionNote))
        {
            throw new DomainException("DeductionReasonRequired", "Deductions need their reasons.");
        }

        Paid -= refund;
        Released += refund;
        DeductionNote = Guard.Optional(deductionNote);
        ClosedAt = nowUtc;
    }

    internal void Unrelease(decimal refund)
    {
        Paid += refund;
        Released -= refund;
        ClosedAt = null;
        DeductionNote = null;
    }

    /// <summary>Cancels a wrong charge. Its payments must be reversed first, so no money is lost track of.</summary>
    public void Reverse(string reason, Actor by, DateTime nowUtc)
    {
        if (IsReversed)
        {
            throw new DomainException("AlreadyReversed", "This charge is already reversed.");
        }

        if (Paid > 0 || Released > 0)
        {
            throw new DomainException("ChargeHasPayments", "Reverse the payments on this charge first.");
        }

        ReversalReason = Guard.Required(reason, nameof(ReversalReason));
        ReversedAt = nowUtc;
        ReversedByName = by.Name;
    }
}
