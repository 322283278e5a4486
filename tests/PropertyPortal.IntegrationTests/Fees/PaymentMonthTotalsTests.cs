using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Fees;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.Web.Features.Fees;
using PropertyPortal.Web.Features.Reports;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Seeding;

namespace PropertyPortal.IntegrationTests.Fees;

/// <summary>
/// The payments summary the fees report reads (<see cref="PaymentMonthTotal"/>) against the raw query it replaces —
/// allocations ⨝ payments ⨝ charges, without reversed payments, reversed bills or deposits, grouped by the bill's
/// property, China-time payment month, bill month, due date and billing instant — after every kind of money movement
/// the real <see cref="Ledger"/> makes, on both databases; the rebuild (the migration's backfill SQL) gives the same rows;
/// cashiers and supervisors at the same moment lose no increment.
/// Every unit of 翠湖花园 is billed ¥100.00 a month by a test item; a bill is due 30 days after its month's first day.
/// </summary>
public abstract class PaymentMonthTotalsTests(PortalFactory factory)
{
    private const string MonthlyItem = "测试汇总月费";
    private const string OneOffItem = "测试汇总一次性收费";
    private const string DepositItem = "测试汇总保证金";

    private static readonly Actor Cashier = new(null, "test");

    private Dictionary<string, Guid> _items = [];

    private PortalFactory App
    {
        get
        {
            factory.EnsureAvailable();
            return factory;
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTime China(int month, int day, int hour = 10, int minute = 0) => PortalClock.ToUtc(new DateTime(2026, month, day, hour, minute, 0));

    [Fact]
    public async Task The_summary_equals_the_raw_allocations_after_every_payment_refund_and_reversal_and_a_rebuild_writes_the_same_rows()
    {
        var property = await PropertyWithItemsAsync();
        var (u1, u2, u3) = (await UnitAsync(property, 0), await UnitAsync(property, 1), await UnitAsync(property, 2));
        App.Clock.Set(China(3, 2, 9));
        await BillAsync(property, new BillingPeriod(2026, 3));
        App.Clock.Set(China(3, 5));
        await WithLedgerAsync(l => l.AddOneOffAsync(u1, ItemId(OneOffItem), 56.50m, "更换门锁", new DateOnly(2026, 3, 10), "T:paysum:oneoff", Cashier, Ct));

        // A partial payment over two bills, the one-off among them (oldest due first): ¥56.50 on the one-off, ¥43.50 of March.
        App.Clock.Set(China(3, 20));
        await PayAsync(u1, 100m);
        var march = await RowsAsync(property, 202603);
        Assert.Equal(new[] { (0, new DateOnly(2026, 3, 10), 5650L), (202603, new DateOnly(2026, 3, 31), 4350L) }, march);
        await AssertExactAsync();

        // April's bill is due 05-01. The rest of March and April paid at 23:30 on 04-30 (April); U2's at 00:30 on 05-01 in China — still April in UTC,
        // so the month is China's, in the Ledger as in the rebuild's SQL.
        App.Clock.Set(China(4, 2, 9));
        await BillAsync(property, new BillingPeriod(2026, 4));
        App.Clock.Set(China(4, 30, 23, 30));
        await PayAsync(u1, 156.50m);
        App.Clock.Set(China(5, 1, 0, 30));
        Assert.Equal(4, App.Clock.UtcNow.Month);
        var u2Payment = await PayAsync(u2, 200m);
        Assert.Equal(new[] { (202603, new DateOnly(2026, 3, 31), 5650L), (202604, new DateOnly(2026, 5, 1), 10000L) }, await RowsAsync(property, 202604));
        Assert.Equal(new[] { (202603, new DateOnly(2026, 3, 31), 10000L), (202604, new DateOnly(2026, 5, 1), 10000L) }, await RowsAsync(property, 202605));
        await AssertExactAsync();

        // A deposit paid with two bills at 00:20 on 06-01 in China (May in UTC; this payment stays, so the rebuild below meets
        // it), then refunded less deductions: only the bills count, and the refund changes nothing.
        App.Clock.Set(China(5, 3));
        var deposit = (await WithLedgerAsync(l => l.AddOneOffAsync(u3, ItemId(DepositItem), 2000m, "3楼装修", new DateOnly(2026, 5, 3), "T:paysum:deposit", Cashier, Ct)))!;
        App.Clock.Set(China(6, 1, 0, 20));
        Assert.Equal(5, App.Clock.UtcNow.Month);
        await PayAsync(u3, 2200m);
        Assert.Equal(new[] { (202603, new DateOnly(2026, 3, 31), 10000L), (202604, new DateOnly(2026, 5, 1), 10000L) }, await RowsAsync(property, 202606));
        await AssertExactAsync();
        var beforeRefund = await TableAsync();
        App.Clock.Set(China(6, 5));
        Assert.True(await WithLedgerAsync(async l => await l.RefundDepositAsync(deposit.Id, await VersionAsync<Charge>(deposit.Id), 300m, "损坏电梯轿厢 300",
            PaymentMethod.Transfer, "TK-1", Cashier, Ct)));
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            Assert.Equal(1700m, (await db.Charges.SingleAsync(c => c.Id == deposit.Id, Ct)).Released);
        }

        Assert.Equal(beforeRefund, await TableAsync());
        await AssertExactAsync();

        // U2's payment reversed (in June): taken off May, where it was received; June's stays.
        App.Clock.Set(China(6, 10));
        Assert.True(await WithLedgerAsync(async l => await l.ReversePaymentAsync(u2Payment, await VersionAsync<Payment>(u2Payment), "收错户", Cashier, Ct)));
        Assert.Empty(await RowsAsync(property, 202605));
        Assert.Equal(new[] { (202603, new DateOnly(2026, 3, 31), 10000L), (202604, new DateOnly(2026, 5, 1), 10000L) }, await RowsAsync(property, 202606));
        await AssertExactAsync();

        // Then U2's March bill, unpaid again, is reversed.
        var u2March = await ChargeOfAsync(u2, 202603);
        Assert.True(await WithLedgerAsync(async l => await l.ReverseChargeAsync(u2March, await VersionAsync<Charge>(u2March), "录入错误", Cashier, Ct)));
        await AssertExactAsync();

        // The rebuild on a wiped table (what the migration ran on the existing ledger) writes the same rows.
        var kept = await TableAsync();
        Assert.NotEmpty(kept);
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            await db.PaymentMonthTotals.ExecuteDeleteAsync(Ct);
        }

        Assert.Empty(await TableAsync());
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PaymentMonthTotals>().RebuildAsync(Ct);
        }

        Assert.Equal(kept, await TableAsync());
        await AssertExactAsync();
    }

    [Fact]
    public async Task Payments_and_reversals_at_the_same_moment_on_one_month_s_bills_lose_no_increment()
    {
        var property = await PropertyWithItemsAsync();
        App.Clock.Set(China(7, 2, 9));
        await BillAsync(property, new BillingPeriod(2026, 7));
        App.Clock.Set(China(8, 10));
        var before = await PaidInAsync(property, 202608);
        var first = await Task.WhenAll(Enumerable.Range(10, 8).Select(async i => await PayAsync(await UnitAsync(property, i), 1m)));
        Assert.Equal(before + 800, await PaidInAsync(property, 202608));

        // Supervisors reverse half of them while cashiers take more: every one moves the same rows at once.
        var versions = new List<(Guid Id, int Version)>();
        foreach (var id in first.Take(4))
        {
            versions.Add((id, await VersionAsync<Payment>(id)));
        }

        var reversals = versions.Select(async v => Assert.True(await WithLedgerAsync(l => l.ReversePaymentAsync(v.Id, v.Version, "并发冲正", Cashier, Ct))));
        var payments = Enumerable.Range(18, 4).Select(async i => await PayAsync(await UnitAsync(property, i), 2m));
        await Task.WhenAll(reversals.Concat(payments));

        Assert.Equal(before + 4 * 100 + 4 * 200, await PaidInAsync(property, 202608));
        await AssertExactAsync();
    }

    /// <summary>The whole table (rows a reversal brought to 0 left out) equals the raw query over the ledger.</summary>
    private async Task AssertExactAsync()
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        var raw = (await (from a in db.PaymentAllocations
                          join p in db.Payments on a.PaymentId equals p.Id
                          join c in db.Charges on a.ChargeId equals c.Id
                          where p.ReversedAt == null && c.ReversedAt == null && c.Kind != FeeKind.Deposit
                          select new { c.PropertyId, p.ReceivedAt, c.Period, c.DueDate, c.CreatedAt, a.Amount }).ToListAsync(Ct))
            .GroupBy(r => (r.PropertyId, PaidMonth: ReportPeriod.YyyymmOf(r.ReceivedAt), Period: r.Period ?? 0, r.DueDate, r.CreatedAt))
            .Select(g => (g.Key.PropertyId, g.Key.PaidMonth, g.Key.Period, g.Key.DueDate, g.Key.CreatedAt, Fen: decimal.ToInt64(g.Sum(r => r.Amount) * 100m)))
            .Order().ToList();
        Assert.NotEmpty(raw);
        Assert.Equal(raw, await TableAsync());
    }

    private async Task<List<(Guid PropertyId, int PaidMonth, int Period, DateOnly DueDate, DateTime BilledAt, long Fen)>> TableAsync()
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return (await db.PaymentMonthTotals.Where(t => t.Fen != 0).ToListAsync(Ct))
            .Select(t => (t.PropertyId, t.PaidMonth, t.Period, t.DueDate, t.BilledAt, t.Fen)).Order().ToList();
    }

    /// <summary>A payment month's rows of a property: (bill month, due date, fen).</summary>
    private async Task<List<(int Period, DateOnly DueDate, long Fen)>> RowsAsync(Guid property, int paidMonth) =>
        (await TableAsync()).Where(t => t.PropertyId == property && t.PaidMonth == paidMonth).Select(t => (t.Period, t.DueDate, t.Fen)).Order().ToList();

    private async Task<long> PaidInAsync(Guid property, int paidMonth)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await db.PaymentMonthTotals.Where(t => t.PropertyId == property && t.PaidMonth == paidMonth).SumAsync(t => t.Fen, Ct);
    }

    private async Task<Guid> PayAsync(Guid unit, decimal amount) =>
        (await WithLedgerAsync(l => l.TakeAsync(unit, new PaymentInput(amount, PaymentKind.Counter, PaymentMethod.Cash, "王五", null, null), Cashier, Ct)))!.Id;

    private async Task<T> WithLedgerAsync<T>(Func<Ledger, Task<T>> use)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<Ledger>());
    }

    private async Task BillAsync(Guid property, BillingPeriod period)
    {
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<BillingService>().RunAsync(property, period, Cashier, Ct);
    }

    private async Task<Guid> PropertyWithItemsAsync()
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        var property = await db.Properties.SingleAsync(p => p.Code == DemoSeeder.ResidentialCode, Ct);
        if (!await db.FeeItems.AnyAsync(i => i.PropertyId == property.Id && i.Name == MonthlyItem, Ct))
        {
            var monthly = new FeeItem(property.Id, MonthlyItem, FeeKind.PerUnit, null, null, 1);
            monthly.SetRate(new DateOnly(2026, 1, 1), 100m);
            db.FeeItems.AddRange(monthly, new FeeItem(property.Id, OneOffItem, FeeKind.OneOff, null, null, 2), new FeeItem(property.Id, DepositItem, FeeKind.Deposit, null, null, 3));
            try
            {
                await db.SaveChangesAsync(Ct);
            }
            catch (DbUpdateException)
            {
                // The other test of this class added them first.
            }
        }

        _items = await db.FeeItems.Where(i => i.PropertyId == property.Id).ToDictionaryAsync(i => i.Name, i => i.Id, Ct);
        return property.Id;
    }

    private Guid ItemId(string name) => _items[name];

    private async Task<Guid> UnitAsync(Guid property, int skip)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await db.Units.Where(u => u.PropertyId == property).OrderBy(u => u.Number).Skip(skip).Select(u => u.Id).FirstAsync(Ct);
    }

    private async Task<Guid> ChargeOfAsync(Guid unit, int period)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await db.Charges.Where(c => c.UnitId == unit && c.Period == period).Select(c => c.Id).SingleAsync(Ct);
    }

    private async Task<int> VersionAsync<T>(Guid id) where T : Entity
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await db.Set<T>().Where(e => e.Id == id).Select(e => e.Version).SingleAsync(Ct);
    }
}

public sealed class SqlitePaymentMonthTotalsTests(SqlitePortalFactory factory) : PaymentMonthTotalsTests(factory), IClassFixture<SqlitePortalFactory>;

public sealed class PostgresPaymentMonthTotalsTests(PostgresPortalFactory factory) : PaymentMonthTotalsTests(factory), IClassFixture<PostgresPortalFactory>;
