using PropertyPortal.Domain.Common;

namespace PropertyPortal.Domain.Fees;

/// <summary>
/// 实收: money received for a unit, with its receipt number, allocated to the oldest charges first.
/// The ledger's credit side. Never deleted or edited: a mistake is reversed by a supervisor with a
/// reason, which takes every allocation back; the receipt number stays used, so the sequence has no gaps.
/// </summary>
public sealed class Payment : Entity, IPropertyScoped, IHasOwnHistory
{
    private readonly List<PaymentAllocation> _allocations = [];

    private Payment() { }

    private Payment(Guid propertyId, Guid unitId, Guid? customerId, string payerName, PaymentKind kind, PaymentMethod method, decimal amount,
        string? reference, long sequence, string receiptNumber, Actor by, DateTime nowUtc)
    {
        PropertyId = propertyId;
        UnitId = unitId;
        CustomerId = customerId;
        PayerName = Guard.Required(payerName, nameof(PayerName));
        Kind = kind;
        Method = method;
        Amount = amount;
        Reference = Guard.Optional(reference);
        Sequence = sequence;
        ReceiptNumber = receiptNumber;
        ReceivedAt = nowUtc;
        CashierId = by.UserId;
        CashierName = by.Name;
    }

    public Guid PropertyId { get; private set; }
    public Guid UnitId { get; private set; }
    public Guid? CustomerId { get; private set; }
    public string PayerName { get; private set; } = "";
    public PaymentKind Kind { get; private set; }
    public PaymentMethod Method { get; private set; }
    public decimal Amount { get; private set; }

    /// <summary>Cheque number, transfer reference.</summary>
    public string? Reference { get; private set; }

    /// <summary>The receipt's place in the property's sequence (1, 2, 3 …); unique per property.</summary>
    public long Sequence { get; private set; }

    public string ReceiptNumber { get; private set; } = "";
    public DateTime ReceivedAt { get; private set; }
    public string? CashierId { get; private set; }
    public string CashierName { get; private set; } = "";
    public string? InvoiceNumber { get; private set; }
    public DateTime? InvoicedAt { get; private set; }
    public string? InvoicedByName { get; private set; }
    public DateTime? ReversedAt { get; private set; }
    public string? ReversedByName { get; private set; }
    public string? ReversalReason { get; private set; }
    public IReadOnlyList<PaymentAllocation> Allocations => _allocations;

    public bool IsReversed => ReversedAt is not null;

    /// <summary>
    /// Takes <paramref name="amount"/> for a unit and allocates it to <paramref name="openCharges"/>
    /// oldest due first (then oldest billed month, then oldest written). Paying more than is owed is
    /// refused: the portal keeps no unallocated credit.
    /// </summary>
    public static Payment Take(Guid propertyId, Guid unitId, Guid? customerId, string payerName, PaymentKind kind, PaymentMethod method,
        decimal amount, string? reference, IEnumerable<Charge> openCharges, long sequence, string receiptNumber, Actor by, DateTime nowUtc)
    {
        if (!Money.IsValidAmount(amount))
        {
            throw new DomainException("AmountOutOfRange", "A payment is a positive amount in yuan with at most 2 decimals.");
        }

        if (method is PaymentMethod.Cheque or PaymentMethod.Transfer && string.IsNullOrWhiteSpace(reference))
        {
            throw new DomainException("PaymentReferenceRequired", "A cheque or transfer needs its number.");
        }

        var charges = Oldest(openCharges.Where(c => c.UnitId == unitId && c.Outstanding > 0)).ToList();
        if (amount > charges.Sum(c => c.Outstanding))
        {
            throw new DomainException("PaymentExceedsBalance", "The payment is more than what is owed.");
        }

        var payment = new Payment(propertyId, unitId, customerId, payerName, kind, method, amount, reference, sequence, receiptNumber, by, nowUtc);
        var left = amount;
        foreach (var charge in charges)
        {
            if (left == 0)
            {
                break;
            }

            var part = Math.Min(left, charge.Outstanding);
            charge.Allocate(part);
            payment._allocations.Add(new PaymentAllocation(propertyId, payment.Id, charge.Id, part));
            left -= part;
        }

        return payment;
    }

    /// <summary>
    /// 退还保证金: pays back a fully paid deposit less <paramref name="deductions"/> (itemised in
    /// <paramref name="deductionNote"/>). Returns the refund payment, or null when everything was deducted
    /// (the deposit is settled all the same). The refund takes a receipt number like any payment.
    /// </summary>
    public static Payment? RefundDeposit(Charge deposit, Guid? customerId, string payeeName, PaymentMethod method, decimal deductions, string? deductionNote,
        string? reference, long sequence, string receiptNumber, Actor by, DateTime nowUtc)
    {
        if (deductions < 0 || decimal.Round(deductions, 2) != deductions)
        {
            throw new DomainException("RefundOutOfRange", "Deductions are a non-negative amount with at most 2 decimals.");
        }

        var refund = deposit.Paid - deductions;
        deposit.Release(refund, deductionNote, nowUtc);
        if (refund == 0)
        {
            return null;
        }

        var payment = new Payment(deposit.PropertyId, deposit.UnitId, customerId, payeeName, PaymentKind.Refund, method, refund, reference, sequence, receiptNumber, by, nowUtc);
        payment._allocations.Add(new PaymentAllocation(deposit.PropertyId, payment.Id, deposit.Id, refund));
        return payment;
    }

    /// <summary>The amount as it counts in a balance: money in positive, a refund negative.</summary>
    public decimal Signed => Kind == PaymentKind.Refund ? -Amount : Amount;

    /// <summary>The order payments are allocated in: oldest due first.</summary>
    public static IEnumerable<Charge> Oldest(IEnumerable<Charge> charges) =>
        charges.OrderBy(c => c.DueDate).ThenBy(c => c.Period ?? int.MaxValue).ThenBy(c => c.CreatedAt).ThenBy(c => c.Id);

    /// <summary>Takes the payment back: every allocation is returned to its charge.</summary>
    public void Reverse(string reason, IReadOnlyCollection<Charge> charges, Actor by, DateTime nowUtc)
    {
        if (IsReversed)
        {
            throw new DomainException("AlreadyReversed", "This payment is already reversed.");
        }

        var reasonText = Guard.Required(reason, nameof(ReversalReason));
        var pairs = _allocations.Select(a => (Allocation: a, Charge: charges.FirstOrDefault(c => c.Id == a.ChargeId)
            ?? throw new InvalidOperationException($"Charge {a.ChargeId} of payment {Id} was not loaded."))).ToList();
        foreach (var (allocation, charge) in pairs)
        {
            if (Kind == PaymentKind.Refund)
            {
                charge.Unrelease(allocation.Amount);
            }
            else
            {
                charge.Unallocate(allocation.Amount);
            }
        }

        ReversalReason = reasonText;

        ReversedAt = nowUtc;
        ReversedByName = by.Name;
    }

    /// <summary>发票 for a remittance (or on request for a counter payment).</summary>
    public void RecordInvoice(string invoiceNumber, Actor by, DateTime nowUtc)
    {
        if (IsReversed)
        {
            throw new DomainException("AlreadyReversed", "This payment is reversed.");
        }

        if (InvoiceNumber is not null)
        {
            throw new DomainException("InvoiceAlreadyRecorded", "The invoice is already recorded.");
        }

        InvoiceNumber = Guard.Required(invoiceNumber, nameof(InvoiceNumber));
        InvoicedAt = nowUtc;
        InvoicedByName = by.Name;
    }
}

/// <summary>The part of a payment that paid one charge.</summary>
public sealed class PaymentAllocation : IPropertyScoped, IHasOwnHistory
{
    private PaymentAllocation() { }

    internal PaymentAllocation(Guid propertyId, Guid paymentId, Guid chargeId, decimal amount)
    {
        PropertyId = propertyId;
        PaymentId = paymentId;
        ChargeId = chargeId;
        Amount = amount;
    }

    public long Id { get; private set; }
    public Guid PropertyId { get; private set; }
    public Guid PaymentId { get; private set; }
    public Guid ChargeId { get; private set; }
    public decimal Amount { get; private set; }
}
