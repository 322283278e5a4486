using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Fees;

namespace PropertyPortal.UnitTests.Domain.Fees;

/// <summary>Charges and payments of one property for fee tests, on a fixed UTC clock.</summary>
internal sealed class FeeLedger
{
    public static readonly Actor Cashier = new("u1", "张三");
    public static readonly Guid PropertyId = Guid.Parse("0199a000-0000-7000-8000-000000000001");

    private long _sequence;

    public DateTime Now { get; private set; } = new(2026, 12, 1, 2, 0, 0, DateTimeKind.Utc);
    public List<Charge> Charges { get; } = [];
    public List<Payment> Payments { get; } = [];

    public FeeLedger Tick(int minutes = 1)
    {
        Now = Now.AddMinutes(minutes);
        return this;
    }

    public Charge Charge(Guid unitId, decimal amount, DateOnly dueDate, int? period = null, string? description = null)
    {
        var charge = new Charge(PropertyId, unitId, null, null, FeeKind.PerArea, period, description ?? "物业管理费", 1m, amount, amount, dueDate,
            $"T:{Guid.CreateVersion7():N}", Cashier, Now);
        Charges.Add(charge);
        Tick();
        return charge;
    }

    public Payment Pay(Guid unitId, decimal amount, PaymentMethod method = PaymentMethod.Cash, string? reference = null)
    {
        _sequence++;
        var payment = Payment.Take(PropertyId, unitId, null, "张三", PaymentKind.Counter, method, amount, reference, Charges, _sequence,
            $"R{_sequence:D6}", Cashier, Now);
        Payments.Add(payment);
        Tick();
        return payment;
    }

    public void Reverse(Payment payment, string reason = "收错户")
    {
        payment.Reverse(reason, Charges, Cashier, Now);
        Tick();
    }

    public IEnumerable<Charge> ChargesOf(Guid unitId) => Charges.Where(c => c.UnitId == unitId);

    public decimal OutstandingOf(Guid unitId) => ChargesOf(unitId).Sum(c => c.Outstanding);

    public static DateOnly Day(int year, int month, int day) => new(year, month, day);
}
