using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Fees;

namespace PropertyPortal.UnitTests.Domain.Fees;

public sealed class PaymentAllocationTests
{
    private static readonly Guid Unit = Guid.Parse("0199a000-0000-7000-8000-0000000000a1");
    private static readonly Guid OtherUnit = Guid.Parse("0199a000-0000-7000-8000-0000000000b2");

    private static DateOnly Day(int year, int month, int day) => new(year, month, day);

    // ---- Allocation order ----

    [Fact]
    public void A_payment_goes_to_the_oldest_due_charge_first_whatever_order_they_were_written_in()
    {
        var ledger = new FeeLedger();
        var december = ledger.Charge(Unit, 200m, Day(2026, 12, 31), 202612);
        var november = ledger.Charge(Unit, 150m, Day(2026, 11, 30), 202611);
        var october = ledger.Charge(Unit, 100m, Day(2026, 10, 31), 202610);

        var payment = ledger.Pay(Unit, 250m);

        Assert.Equal((100m, 150m, 0m), (october.Paid, november.Paid, december.Paid));
        Assert.Equal(new[] { (october.Id, 100m), (november.Id, 150m) }, payment.Allocations.Select(a => (a.ChargeId, a.Amount)));
        Assert.All(payment.Allocations, a => Assert.Equal(payment.Id, a.PaymentId));
        Assert.Equal(200m, ledger.OutstandingOf(Unit));
    }

    [Fact]
    public void On_the_same_due_date_the_older_billed_month_is_paid_first_and_a_charge_without_a_month_last()
    {
        var ledger = new FeeLedger();
        var repair = ledger.Charge(Unit, 80m, Day(2026, 12, 31), null, "有偿维修");
        var december = ledger.Charge(Unit, 100m, Day(2026, 12, 31), 202612);
        var november = ledger.Charge(Unit, 100m, Day(2026, 12, 31), 202611);

        var payment = ledger.Pay(Unit, 150m);

        Assert.Equal((100m, 50m, 0m), (november.Paid, december.Paid, repair.Paid));
        Assert.Equal(new[] { november.Id, december.Id }, payment.Allocations.Select(a => a.ChargeId));
    }

    [Fact]
    public void On_the_same_due_date_and_month_the_charge_written_first_is_paid_first()
    {
        var ledger = new FeeLedger();
        var first = ledger.Charge(Unit, 60m, Day(2026, 12, 31), 202612, "物业管理费");
        var second = ledger.Charge(Unit, 40m, Day(2026, 12, 31), 202612, "车位管理费");
        Assert.True(first.CreatedAt < second.CreatedAt);

        // Handed over newest first: the order of the list does not matter.
        ledger.Charges.Reverse();
        ledger.Pay(Unit, 70m);

        Assert.Equal((60m, 10m), (first.Paid, second.Paid));
    }

    // ---- How much ----

    [Fact]
    public void A_partial_payment_leaves_the_rest_outstanding_on_the_oldest_unpaid_charge()
    {
        var ledger = new FeeLedger();
        var a = ledger.Charge(Unit, 208.87m, Day(2026, 10, 31), 202610);
        var b = ledger.Charge(Unit, 208.87m, Day(2026, 11, 30), 202611);

        ledger.Pay(Unit, 100m);
        Assert.Equal((100m, 108.87m), (a.Paid, a.Outstanding));
        Assert.Equal(208.87m, b.Outstanding);

        ledger.Pay(Unit, 150m);
        Assert.Equal((208.87m, 0m), (a.Paid, a.Outstanding));
        Assert.Equal((41.13m, 167.74m), (b.Paid, b.Outstanding));
        Assert.Equal(167.74m, ledger.OutstandingOf(Unit));
    }

    [Fact]
    public void Paying_exactly_the_balance_clears_every_charge()
    {
        var ledger = new FeeLedger();
        ledger.Charge(Unit, 208.87m, Day(2026, 10, 31), 202610);
        ledger.Charge(Unit, 208.87m, Day(2026, 11, 30), 202611);
        ledger.Charge(Unit, 150m, Day(2026, 11, 30), 202611);

        var payment = ledger.Pay(Unit, 567.74m);

        Assert.All(ledger.Charges, c => Assert.Equal((0m, c.Amount), (c.Outstanding, c.Paid)));
        Assert.Equal(3, payment.Allocations.Count);
        Assert.Equal(567.74m, payment.Allocations.Sum(a => a.Amount));
    }

    [Fact]
    public void Paying_a_fen_more_than_is_owed_is_refused_and_nothing_is_allocated()
    {
        var ledger = new FeeLedger();
        var a = ledger.Charge(Unit, 208.87m, Day(2026, 10, 31), 202610);
        var b = ledger.Charge(Unit, 100m, Day(2026, 11, 30), 202611);
        ledger.Pay(Unit, 8.87m);

        var ex = Assert.Throws<DomainException>(() => ledger.Pay(Unit, 300.01m));

        Assert.Equal("PaymentExceedsBalance", ex.Code);
        Assert.Equal((8.87m, 0m), (a.Paid, b.Paid));
        Assert.Equal(300m, ledger.OutstandingOf(Unit));
    }

    [Fact]
    public void A_unit_that_owes_nothing_cannot_pay()
    {
        var ledger = new FeeLedger();

        Assert.Equal("PaymentExceedsBalance", Assert.Throws<DomainException>(() => ledger.Pay(Unit, 0.01m)).Code);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-10")]
    [InlineData("0.001")]
    [InlineData("10.005")]
    [InlineData("100000000.01")]
    public void A_payment_of_nothing_a_negative_amount_or_a_fraction_of_a_fen_is_refused(string amount)
    {
        var ledger = new FeeLedger();
        var charge = ledger.Charge(Unit, 500m, Day(2026, 10, 31), 202610);

        var ex = Assert.Throws<DomainException>(() => ledger.Pay(Unit, decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal("AmountOutOfRange", ex.Code);
        Assert.Equal(0m, charge.Paid);
    }

    // ---- References ----

    [Theory]
    [InlineData(PaymentMethod.Cheque, null)]
    [InlineData(PaymentMethod.Cheque, "  ")]
    [InlineData(PaymentMethod.Transfer, null)]
    [InlineData(PaymentMethod.Transfer, "")]
    public void A_cheque_or_transfer_without_its_number_is_refused(PaymentMethod method, string? reference)
    {
        var ledger = new FeeLedger();
        var charge = ledger.Charge(Unit, 500m, Day(2026, 10, 31), 202610);

        var ex = Assert.Throws<DomainException>(() => ledger.Pay(Unit, 100m, method, reference));

        Assert.Equal("PaymentReferenceRequired", ex.Code);
        Assert.Equal(0m, charge.Paid);
    }

    [Fact]
    public void Cash_needs_no_reference_and_a_cheque_keeps_its_number()
    {
        var ledger = new FeeLedger();
        ledger.Charge(Unit, 500m, Day(2026, 10, 31), 202610);

        Assert.Null(ledger.Pay(Unit, 100m).Reference);
        var cheque = ledger.Pay(Unit, 100m, PaymentMethod.Cheque, " 00123456 ");

        Assert.Equal("00123456", cheque.Reference);
        Assert.Equal((2L, "R000002", "张三"), (cheque.Sequence, cheque.ReceiptNumber, cheque.CashierName));
    }

    // ---- Charges that are not this unit's open charges ----

    [Fact]
    public void A_reversed_charge_is_neither_paid_nor_counted_in_the_balance()
    {
        var ledger = new FeeLedger();
        var wrong = ledger.Charge(Unit, 100m, Day(2026, 9, 30), 202609);
        var right = ledger.Charge(Unit, 208.87m, Day(2026, 10, 31), 202610);
        wrong.Reverse("面积录错", FeeLedger.Cashier, ledger.Now);

        Assert.Equal("PaymentExceedsBalance", Assert.Throws<DomainException>(() => ledger.Pay(Unit, 208.88m)).Code);
        var payment = ledger.Pay(Unit, 50m);

        Assert.Equal(0m, wrong.Paid);
        Assert.Equal(50m, right.Paid);
        Assert.Equal(right.Id, Assert.Single(payment.Allocations).ChargeId);
    }

    [Fact]
    public void Another_units_charges_are_neither_paid_nor_counted_in_the_balance()
    {
        var ledger = new FeeLedger();
        var theirs = ledger.Charge(OtherUnit, 100m, Day(2026, 9, 30), 202609);
        var mine = ledger.Charge(Unit, 208.87m, Day(2026, 10, 31), 202610);

        Assert.Equal("PaymentExceedsBalance", Assert.Throws<DomainException>(() => ledger.Pay(Unit, 300m)).Code);
        ledger.Pay(Unit, 208.87m);

        Assert.Equal(0m, theirs.Paid);
        Assert.Equal(0m, mine.Outstanding);
        Assert.Equal(100m, ledger.OutstandingOf(OtherUnit));
    }

    // ---- Reversing a payment ----

    [Fact]
    public void Reversing_a_payment_returns_each_allocation_to_its_charge()
    {
        var ledger = new FeeLedger();
        var a = ledger.Charge(Unit, 100m, Day(2026, 10, 31), 202610);
        var b = ledger.Charge(Unit, 100m, Day(2026, 11, 30), 202611);
        var c = ledger.Charge(Unit, 100m, Day(2026, 12, 31), 202612);
        var first = ledger.Pay(Unit, 60m);
        var second = ledger.Pay(Unit, 90m);
        Assert.Equal((100m, 50m, 0m), (a.Paid, b.Paid, c.Paid));

        ledger.Reverse(second, "收错户");

        Assert.Equal((60m, 0m, 0m), (a.Paid, b.Paid, c.Paid));
        Assert.Equal(240m, ledger.OutstandingOf(Unit));
        Assert.True(second.IsReversed);
        Assert.Equal(("收错户", "张三"), (second.ReversalReason, second.ReversedByName));
        Assert.False(first.IsReversed);

        // The money now goes where it would have gone without the reversed payment.
        ledger.Pay(Unit, 90m);
        Assert.Equal((100m, 50m, 0m), (a.Paid, b.Paid, c.Paid));
    }

    [Fact]
    public void A_payment_is_reversed_once()
    {
        var ledger = new FeeLedger();
        var charge = ledger.Charge(Unit, 100m, Day(2026, 10, 31), 202610);
        var payment = ledger.Pay(Unit, 60m);
        ledger.Reverse(payment);
        var reversedAt = payment.ReversedAt;

        var ex = Assert.Throws<DomainException>(() => ledger.Reverse(payment));

        Assert.Equal("AlreadyReversed", ex.Code);
        Assert.Equal(0m, charge.Paid);
        Assert.Equal(reversedAt, payment.ReversedAt);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_payment_is_not_reversed_without_a_reason(string? reason)
    {
        var ledger = new FeeLedger();
        var charge = ledger.Charge(Unit, 100m, Day(2026, 10, 31), 202610);
        var payment = ledger.Pay(Unit, 60m);

        var ex = Assert.Throws<DomainException>(() => payment.Reverse(reason!, ledger.Charges, FeeLedger.Cashier, ledger.Now));

        Assert.Equal("Required", ex.Code);
        Assert.False(payment.IsReversed);
        Assert.Equal(60m, charge.Paid);
    }

    // ---- Reversing a charge ----

    [Fact]
    public void A_charge_with_payments_is_reversed_only_after_its_payments()
    {
        var ledger = new FeeLedger();
        var charge = ledger.Charge(Unit, 100m, Day(2026, 10, 31), 202610);
        var payment = ledger.Pay(Unit, 0.01m);

        var ex = Assert.Throws<DomainException>(() => charge.Reverse("面积录错", FeeLedger.Cashier, ledger.Now));
        Assert.Equal("ChargeHasPayments", ex.Code);
        Assert.False(charge.IsReversed);
        Assert.Equal(99.99m, charge.Outstanding);

        ledger.Reverse(payment);
        charge.Reverse("面积录错", FeeLedger.Cashier, ledger.Now);

        Assert.True(charge.IsReversed);
        Assert.Equal(0m, charge.Outstanding);
        Assert.Equal(100m, charge.Amount);
        Assert.Equal(0m, ledger.OutstandingOf(Unit));
        Assert.Equal("AlreadyReversed", Assert.Throws<DomainException>(() => charge.Reverse("again", FeeLedger.Cashier, ledger.Now)).Code);
    }

    [Fact]
    public void A_charge_is_not_reversed_without_a_reason()
    {
        var ledger = new FeeLedger();
        var charge = ledger.Charge(Unit, 100m, Day(2026, 10, 31), 202610);

        Assert.Equal("Required", Assert.Throws<DomainException>(() => charge.Reverse(" ", FeeLedger.Cashier, ledger.Now)).Code);
        Assert.False(charge.IsReversed);
        Assert.Equal(100m, charge.Outstanding);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1.001")]
    [InlineData("100000000.01")]
    public void A_charge_is_a_positive_amount_of_whole_fen(string amount)
    {
        var ledger = new FeeLedger();

        var ex = Assert.Throws<DomainException>(() =>
            ledger.Charge(Unit, decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), Day(2026, 10, 31), 202610));

        Assert.Equal("AmountOutOfRange", ex.Code);
    }

    // ---- Invoices ----

    [Fact]
    public void An_invoice_is_recorded_once()
    {
        var ledger = new FeeLedger();
        ledger.Charge(Unit, 100m, Day(2026, 10, 31), 202610);
        var payment = ledger.Pay(Unit, 100m, PaymentMethod.Transfer, "TX-1");

        payment.RecordInvoice(" 04400123 ", FeeLedger.Cashier, ledger.Now);
        var ex = Assert.Throws<DomainException>(() => payment.RecordInvoice("04400124", FeeLedger.Cashier, ledger.Now));

        Assert.Equal("InvoiceAlreadyRecorded", ex.Code);
        Assert.Equal("04400123", payment.InvoiceNumber);
        Assert.Equal("张三", payment.InvoicedByName);
    }

    [Fact]
    public void A_reversed_payment_gets_no_invoice()
    {
        var ledger = new FeeLedger();
        ledger.Charge(Unit, 100m, Day(2026, 10, 31), 202610);
        var payment = ledger.Pay(Unit, 100m);
        ledger.Reverse(payment);

        Assert.Equal("AlreadyReversed", Assert.Throws<DomainException>(() => payment.RecordInvoice("04400123", FeeLedger.Cashier, ledger.Now)).Code);
        Assert.Null(payment.InvoiceNumber);
    }
}
