using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Fees;

namespace PropertyPortal.UnitTests.Domain.Fees;

/// <summary>装修保证金 back to the household: less itemised deductions, in the same ledger, and reversible.</summary>
public sealed class DepositRefundTests
{
    private static readonly Guid Unit = Guid.Parse("0199a000-0000-7000-8000-0000000000d1");
    private static readonly DateTime Now = new(2026, 12, 3, 2, 0, 0, DateTimeKind.Utc);

    private static (Charge Deposit, Payment Paid) PaidDeposit(decimal amount = 2000m)
    {
        var deposit = new Charge(FeeLedger.PropertyId, Unit, null, null, FeeKind.Deposit, null, "装修保证金", 1, amount, amount, new DateOnly(2026, 12, 3), "D:1", FeeLedger.Cashier, Now);
        var paid = Payment.Take(FeeLedger.PropertyId, Unit, null, "业主", PaymentKind.Counter, PaymentMethod.Cash, amount, null, [deposit], 1, "R1", FeeLedger.Cashier, Now);
        return (deposit, paid);
    }

    private static decimal Balance(IEnumerable<Charge> charges, IEnumerable<Payment> payments) =>
        charges.Where(c => !c.IsReversed).Sum(c => c.Amount - c.Released) - payments.Where(p => !p.IsReversed).Sum(p => p.Signed);

    [Fact]
    public void A_refund_less_deductions_pays_back_the_rest_keeps_the_deductions_and_leaves_nothing_held_or_owed()
    {
        var (deposit, paid) = PaidDeposit();
        Assert.Equal(2000m, deposit.Held);

        var refund = Payment.RefundDeposit(deposit, null, "业主", PaymentMethod.Transfer, 300m, "损坏公共墙面 200\n垃圾未清运 100", "TX1", 2, "R2", FeeLedger.Cashier, Now)!;

        Assert.Equal((PaymentKind.Refund, 1700m, -1700m), (refund.Kind, refund.Amount, refund.Signed));
        Assert.Equal((300m, 1700m, 0m, 0m), (deposit.Paid, deposit.Released, deposit.Held, deposit.Outstanding));
        Assert.Equal(0m, Balance([deposit], [paid, refund]));
        Assert.NotNull(deposit.ClosedAt);
    }

    [Fact]
    public void A_deposit_is_refunded_once_deductions_need_reasons_and_cannot_exceed_what_was_paid()
    {
        var (deposit, _) = PaidDeposit();
        Assert.Equal("DeductionReasonRequired", Assert.Throws<DomainException>(() => Payment.RefundDeposit(deposit, null, "业主", PaymentMethod.Cash, 100m, " ", null, 2, "R2", FeeLedger.Cashier, Now)).Code);
        Assert.Equal("RefundOutOfRange", Assert.Throws<DomainException>(() => Payment.RefundDeposit(deposit, null, "业主", PaymentMethod.Cash, 2000.01m, "x", null, 2, "R2", FeeLedger.Cashier, Now)).Code);
        Assert.Equal(2000m, deposit.Held);

        Assert.Null(Payment.RefundDeposit(deposit, null, "业主", PaymentMethod.Cash, 2000m, "全部扣除：破坏承重墙修复", null, 2, "R2", FeeLedger.Cashier, Now));
        Assert.Equal("DepositNotRefundable", Assert.Throws<DomainException>(() => Payment.RefundDeposit(deposit, null, "业主", PaymentMethod.Cash, 0m, null, null, 3, "R3", FeeLedger.Cashier, Now)).Code);
    }

    [Fact]
    public void An_unpaid_or_ordinary_charge_cannot_be_refunded()
    {
        var unpaid = new Charge(FeeLedger.PropertyId, Unit, null, null, FeeKind.Deposit, null, "装修保证金", 1, 500m, 500m, new DateOnly(2026, 12, 3), "D:2", FeeLedger.Cashier, Now);
        Assert.Equal("DepositNotRefundable", Assert.Throws<DomainException>(() => Payment.RefundDeposit(unpaid, null, "业主", PaymentMethod.Cash, 0m, null, null, 1, "R1", FeeLedger.Cashier, Now)).Code);
        var fee = new Charge(FeeLedger.PropertyId, Unit, null, null, FeeKind.PerArea, 202612, "物业管理费", 1, 100m, 100m, new DateOnly(2026, 12, 31), "M:1", FeeLedger.Cashier, Now);
        Payment.Take(FeeLedger.PropertyId, Unit, null, "业主", PaymentKind.Counter, PaymentMethod.Cash, 100m, null, [fee], 1, "R1", FeeLedger.Cashier, Now);
        Assert.Equal("DepositNotRefundable", Assert.Throws<DomainException>(() => Payment.RefundDeposit(fee, null, "业主", PaymentMethod.Cash, 0m, null, null, 2, "R2", FeeLedger.Cashier, Now)).Code);
    }

    [Fact]
    public void Reversing_a_refund_holds_the_deposit_again_and_the_original_payment_cannot_be_reversed_while_refunded()
    {
        var (deposit, paid) = PaidDeposit();
        var refund = Payment.RefundDeposit(deposit, null, "业主", PaymentMethod.Transfer, 0m, null, "TX1", 2, "R2", FeeLedger.Cashier, Now)!;
        Assert.Equal("AllocationOutOfRange", Assert.Throws<DomainException>(() => paid.Reverse("错收", [deposit], FeeLedger.Cashier, Now)).Code);
        Assert.Equal("ChargeHasPayments", Assert.Throws<DomainException>(() => deposit.Reverse("错开", FeeLedger.Cashier, Now)).Code);

        refund.Reverse("退错户", [deposit], FeeLedger.Cashier, Now);
        Assert.Equal((2000m, 0m, 2000m), (deposit.Paid, deposit.Released, deposit.Held));
        Assert.Null(deposit.ClosedAt);
        Assert.Equal(0m, Balance([deposit], [paid, refund]));
    }
}
