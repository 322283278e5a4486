using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Fees;

namespace PropertyPortal.UnitTests.Domain.Fees;

/// <summary>
/// Random payments, payment reversals, charge reversals and new charges over a few units; after every
/// operation the ledger must balance: what was charged minus what was paid is what is outstanding.
/// </summary>
public sealed class LedgerInvariantTests
{
    private const int Operations = 300;

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(42)]
    [InlineData(2026)]
    [InlineData(31337)]
    [InlineData(987654321)]
    public void The_ledger_balances_after_every_random_operation(int seed)
    {
        var random = new Random(seed);
        var ledger = new FeeLedger();
        var units = Enumerable.Range(0, 5).Select(_ => Guid.CreateVersion7()).ToList();
        var counts = new Dictionary<string, int>();

        foreach (var unit in units)
        {
            for (var month = 1; month <= 3; month++)
            {
                AddCharge(ledger, random, unit, month);
            }
        }

        AssertBalanced(ledger, units, "seeded");

        for (var i = 0; i < Operations; i++)
        {
            var what = random.Next(100) switch
            {
                < 40 => TakePayment(ledger, random, units),
                < 55 => ReversePayment(ledger, random),
                < 65 => ReverseCharge(ledger, random),
                < 70 => RefuseOverpayment(ledger, random, units),
                < 75 => RefuseReversingAPaidCharge(ledger, random),
                _ => AddCharge(ledger, random, units[random.Next(units.Count)], 4 + random.Next(12)),
            };
            counts[what] = counts.GetValueOrDefault(what) + 1;

            AssertBalanced(ledger, units, $"seed {seed}, operation {i} ({what})");
        }

        // The run did exercise every kind of operation.
        Assert.True(counts.GetValueOrDefault("pay") > 20, $"only {counts.GetValueOrDefault("pay")} payments");
        Assert.True(counts.GetValueOrDefault("reverse-payment") > 5, "too few payment reversals");
        Assert.True(counts.GetValueOrDefault("reverse-charge") > 5, "too few charge reversals");
        Assert.True(counts.GetValueOrDefault("charge") > 20, "too few charges");
        Assert.Contains(ledger.Charges, c => c.Paid > 0 && c.Outstanding > 0);
        Assert.Contains(ledger.Payments, p => p.Allocations.Count > 1);
    }

    private static string AddCharge(FeeLedger ledger, Random random, Guid unit, int month)
    {
        var amount = Fen(random, 1, 50_000);
        var dueDate = new DateOnly(2026, 1, 1).AddMonths(month).AddDays(random.Next(-3, 4));
        int? period = random.Next(5) == 0 ? null : 202600 + Math.Min(month, 12);
        ledger.Charge(unit, amount, dueDate, period);
        return "charge";
    }

    private static string TakePayment(FeeLedger ledger, Random random, List<Guid> units)
    {
        var owing = units.Where(u => ledger.OutstandingOf(u) > 0).ToList();
        if (owing.Count == 0)
        {
            return "nothing-owed";
        }

        var unit = owing[random.Next(owing.Count)];
        var balance = ledger.OutstandingOf(unit);
        var amount = random.Next(4) == 0 ? balance : Fen(random, 1, (long)(balance * 100));
        var before = ledger.ChargesOf(unit).Where(c => !c.IsReversed).ToDictionary(c => c.Id, c => c.Outstanding);
        var others = ledger.Charges.Where(c => c.UnitId != unit).ToDictionary(c => c.Id, c => c.Paid);

        var payment = ledger.Pay(unit, amount);

        Assert.Equal(amount, payment.Amount);
        Assert.Equal(amount, payment.Allocations.Sum(a => a.Amount));
        Assert.Equal(balance - amount, ledger.OutstandingOf(unit));
        Assert.All(payment.Allocations, a => Assert.True(a.Amount > 0));
        Assert.Equal(payment.Allocations.Count, payment.Allocations.Select(a => a.ChargeId).Distinct().Count());
        Assert.All(ledger.Charges.Where(c => c.UnitId != unit), c => Assert.Equal(others[c.Id], c.Paid));

        // Oldest first: every charge before the last one paid is now cleared, every one after it untouched.
        var order = Payment.Oldest(ledger.ChargesOf(unit).Where(c => before.TryGetValue(c.Id, out var o) && o > 0)).ToList();
        var last = order.FindIndex(c => c.Id == payment.Allocations[^1].ChargeId);
        Assert.True(last >= 0, "a payment went to a charge that owed nothing");
        Assert.All(order.Take(last), c => Assert.Equal(0m, c.Outstanding));
        Assert.All(order.Skip(last + 1), c => Assert.Equal(before[c.Id], c.Outstanding));
        Assert.Equal(order.Take(last + 1).Select(c => c.Id), payment.Allocations.Select(a => a.ChargeId));
        return "pay";
    }

    private static string ReversePayment(FeeLedger ledger, Random random)
    {
        var live = ledger.Payments.Where(p => !p.IsReversed).ToList();
        if (live.Count == 0)
        {
            return "no-payment";
        }

        var payment = live[random.Next(live.Count)];
        var paidBefore = ledger.Charges.ToDictionary(c => c.Id, c => c.Paid);

        ledger.Reverse(payment);

        Assert.True(payment.IsReversed);
        foreach (var charge in ledger.Charges)
        {
            var returned = payment.Allocations.Where(a => a.ChargeId == charge.Id).Sum(a => a.Amount);
            Assert.Equal(paidBefore[charge.Id] - returned, charge.Paid);
        }

        Assert.Equal("AlreadyReversed", Assert.Throws<DomainException>(() => ledger.Reverse(payment)).Code);
        return "reverse-payment";
    }

    private static string ReverseCharge(FeeLedger ledger, Random random)
    {
        var unpaid = ledger.Charges.Where(c => !c.IsReversed && c.Paid == 0).ToList();
        if (unpaid.Count == 0)
        {
            return "no-unpaid-charge";
        }

        var charge = unpaid[random.Next(unpaid.Count)];
        charge.Reverse("录入错误", FeeLedger.Cashier, ledger.Now);
        ledger.Tick();

        Assert.True(charge.IsReversed);
        Assert.Equal(0m, charge.Outstanding);
        return "reverse-charge";
    }

    private static string RefuseOverpayment(FeeLedger ledger, Random random, List<Guid> units)
    {
        var unit = units[random.Next(units.Count)];
        var balance = ledger.OutstandingOf(unit);
        var paid = ledger.Charges.ToDictionary(c => c.Id, c => c.Paid);
        var payments = ledger.Payments.Count;

        var ex = Assert.Throws<DomainException>(() => ledger.Pay(unit, balance + Fen(random, 1, 10_000)));

        Assert.Equal("PaymentExceedsBalance", ex.Code);
        Assert.Equal(payments, ledger.Payments.Count);
        Assert.All(ledger.Charges, c => Assert.Equal(paid[c.Id], c.Paid));
        return "overpay";
    }

    private static string RefuseReversingAPaidCharge(FeeLedger ledger, Random random)
    {
        var paid = ledger.Charges.Where(c => c.Paid > 0).ToList();
        if (paid.Count == 0)
        {
            return "no-paid-charge";
        }

        var charge = paid[random.Next(paid.Count)];
        var before = charge.Paid;

        Assert.Equal("ChargeHasPayments", Assert.Throws<DomainException>(() => charge.Reverse("录入错误", FeeLedger.Cashier, ledger.Now)).Code);
        Assert.False(charge.IsReversed);
        Assert.Equal(before, charge.Paid);
        return "refuse-charge-reversal";
    }

    private static void AssertBalanced(FeeLedger ledger, List<Guid> units, string after)
    {
        foreach (var unit in units)
        {
            var charged = ledger.ChargesOf(unit).Where(c => !c.IsReversed).Sum(c => c.Amount);
            var paid = ledger.Payments.Where(p => p.UnitId == unit && !p.IsReversed).Sum(p => p.Amount);
            var outstanding = ledger.ChargesOf(unit).Sum(c => c.Outstanding);
            Assert.True(charged - paid == outstanding, $"after {after}: unit charged {charged} − paid {paid} ≠ outstanding {outstanding}");
        }

        var allocated = ledger.Payments.Where(p => !p.IsReversed).SelectMany(p => p.Allocations)
            .GroupBy(a => a.ChargeId).ToDictionary(g => g.Key, g => g.Sum(a => a.Amount));
        foreach (var charge in ledger.Charges)
        {
            Assert.True(charge.Paid >= 0 && charge.Paid <= charge.Amount, $"after {after}: charge paid {charge.Paid} of {charge.Amount}");
            Assert.True(allocated.GetValueOrDefault(charge.Id) == charge.Paid,
                $"after {after}: allocations {allocated.GetValueOrDefault(charge.Id)} ≠ charge paid {charge.Paid}");
            Assert.True(charge.Outstanding == (charge.IsReversed ? 0 : charge.Amount - charge.Paid), $"after {after}: outstanding");
            Assert.False(charge.IsReversed && charge.Paid != 0, $"after {after}: a reversed charge holds payments");
        }

        foreach (var payment in ledger.Payments)
        {
            Assert.True(payment.Allocations.Sum(a => a.Amount) == payment.Amount, $"after {after}: payment allocations ≠ amount");
            Assert.All(payment.Allocations, a => Assert.Equal(payment.UnitId, ledger.Charges.Single(c => c.Id == a.ChargeId).UnitId));
        }
    }

    /// <summary>A random amount from <paramref name="min"/> to <paramref name="max"/> fen, in yuan.</summary>
    private static decimal Fen(Random random, long min, long max) => random.NextInt64(min, max + 1) / 100m;
}
