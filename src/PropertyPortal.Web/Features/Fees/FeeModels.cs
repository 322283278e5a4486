using Microsoft.AspNetCore.Mvc.Rendering;
using PropertyPortal.Domain.Fees;
using PropertyPortal.Web.Infrastructure.Mvc;

namespace PropertyPortal.Web.Features.Fees;

/// <summary>One unit's overdue money by age: 0–30, 31–90, 91–180 and over 180 days past due.</summary>
public sealed record ArrearsRow(Guid UnitId, string PropertyName, string Building, string UnitNumber, string? Household, decimal Total,
    decimal Days30, decimal Days90, decimal Days180, decimal Over180, DateOnly Oldest, DunningState? Dunning, DunningStage? Stage);

public sealed record ArrearsTotals(int Units, decimal Total, decimal Days30, decimal Days90, decimal Days180, decimal Over180);

public sealed record ArrearsList(ArrearsFilter Filter, IReadOnlyList<SelectListItem> Properties, IReadOnlyList<SelectListItem> Buildings,
    IReadOnlyList<ArrearsRow> Rows, ArrearsTotals Totals, PageInfo Paging, DateOnly Today);

/// <summary>A line of a unit's statement: a charge (debit) or a payment (credit), with the running balance.</summary>
public sealed record StatementLine(DateTime At, DateOnly? DueDate, string What, decimal? Debit, decimal? Credit, decimal Balance,
    Guid? ChargeId, Guid? PaymentId, string? Receipt, bool Reversed, string? ReversalNote, int Version, decimal Paid, decimal Held = 0, string? DeductionNote = null);

public sealed record AccountPage(Guid UnitId, Guid PropertyId, string PropertyName, string Building, string UnitNumber, decimal Area, bool InCustody,
    IReadOnlyList<SelectListItem> Households, IReadOnlyList<StatementLine> Lines, decimal Balance, decimal Overdue, decimal DepositsHeld,
    IReadOnlyList<SelectListItem> OneOffItems, DunningCase? Dunning, PaymentForm Payment, OneOffForm OneOff, DateOnly Today)
{
    /// <summary>The unit's counter visit being served now: the page shows its clock and the payment meets it.</summary>
    public OpenVisit? OpenVisit { get; init; }
}

public sealed record ReceiptPage(Payment Payment, string PropertyName, string? PropertyPhone, string Building, string UnitNumber,
    IReadOnlyList<(string What, decimal Amount)> Lines, IReadOnlyList<PropertyPortal.Web.Features.Repairs.ClockView> Clocks, DateTime Now)
{
    /// <summary>The property's receipt printer paper.</summary>
    public PropertyPortal.Domain.Registry.ReceiptPaper Paper { get; init; }
}

public sealed record CollectionRow(string Name, decimal Billed, decimal Collected, decimal ReceivedInMonth)
{
    public decimal? Rate => Billed == 0 ? null : Math.Round(100m * Collected / Billed, 1);
}

public sealed record CollectionPage(BillingPeriod Period, Guid? PropertyId, IReadOnlyList<SelectListItem> Properties,
    IReadOnlyList<CollectionRow> Properties2, IReadOnlyList<CollectionRow> Buildings);
