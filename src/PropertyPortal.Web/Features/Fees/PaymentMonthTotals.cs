using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Fees;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Web.Features.Reports;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Fees;

/// <summary>
/// What was paid on a property's bills in one payment month (China time), per bill month, due date and billing instant:
/// Σ allocations of non-reversed payments on non-reversed bills other than deposits — what the fees report section
/// counts as collected, recovered and "paid after the month's end". A bill run writes its charges with one due date and
/// instant, so a month is a handful of rows where the ledger has hundreds of thousands of allocations. Kept by
/// <see cref="PaymentMonthTotals"/> alone, in the transaction that moves the money (ADR 0030). A row a reversal brought
/// back to nothing stays, holding 0.
/// </summary>
public sealed class PaymentMonthTotal : IPropertyScoped
{
    private PaymentMonthTotal() { }

    internal PaymentMonthTotal(Guid propertyId, int paidMonth, int period, DateOnly dueDate, DateTime billedAt, long fen)
    {
        PropertyId = propertyId;
        PaidMonth = paidMonth;
        Period = period;
        DueDate = dueDate;
        BilledAt = billedAt;
        Fen = fen;
    }

    public Guid PropertyId { get; private set; }

    /// <summary>yyyyMM of the payment's ReceivedAt in China time (<see cref="ReportPeriod.YyyymmOf"/>).</summary>
    public int PaidMonth { get; private set; }

    /// <summary>The bill's month (yyyyMM); 0 for a one-off bill, which has none.</summary>
    public int Period { get; private set; }

    public DateOnly DueDate { get; private set; }

    /// <summary>The bill's CreatedAt.</summary>
    public DateTime BilledAt { get; private set; }

    /// <summary>
    /// The amount in fen (分). Integer arithmetic is exact on both databases: the increment runs in SQL, where SQLite would
    /// add decimals as floating point.
    /// </summary>
    public long Fen { get; private set; }
}

internal sealed class PaymentMonthTotalConfiguration : IEntityTypeConfiguration<PaymentMonthTotal>
{
    public void Configure(EntityTypeBuilder<PaymentMonthTotal> b)
    {
        // The report reads a range of properties from a month on: the key's order serves it.
        b.HasKey(x => new { x.PropertyId, x.PaidMonth, x.Period, x.DueDate, x.BilledAt });
        b.HasOne<Property>().WithMany().HasForeignKey(x => x.PropertyId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>
/// Keeps <see cref="PaymentMonthTotal"/> exact: <see cref="Ledger"/> calls it inside the transaction of every payment and
/// reversal; nothing else writes the table. Each change is an atomic increment in SQL (an UPDATE that adds to the stored
/// value under the row's lock, an INSERT when no row was there), so two cashiers on PostgreSQL never lose one another's
/// amount; two first payments of a group at once meet on the primary key and the later one is retried by the Ledger.
/// <see cref="RebuildAsync"/> writes the whole table from the ledger with the same SQL the migration backfilled it with.
/// </summary>
public sealed class PaymentMonthTotals(PortalDbContext db)
{
    private const string Select = """
        SELECT c."PropertyId", {0} AS "PaidMonth", COALESCE(c."Period", 0) AS "Period", c."DueDate", c."CreatedAt", SUM(a."Amount")
        FROM "PaymentAllocations" AS a
        INNER JOIN "Payments" AS p ON p."Id" = a."PaymentId"
        INNER JOIN "Charges" AS c ON c."Id" = a."ChargeId"
        WHERE p."ReversedAt" IS NULL AND c."ReversedAt" IS NULL AND c."Kind" <> 'Deposit'
        GROUP BY c."PropertyId", {0}, COALESCE(c."Period", 0), c."DueDate", c."CreatedAt"
        """;

    private const string Insert = """
        INSERT INTO "PaymentMonthTotals" ("PropertyId", "PaidMonth", "Period", "DueDate", "BilledAt", "Fen")

        """;

    /// <summary>
    /// The whole table from the ledger (PostgreSQL). ReceivedAt is timestamptz, so AT TIME ZONE gives China's wall-clock
    /// time; amounts are stored in fen already (bigint), so the sum is exact.
    /// </summary>
    public static readonly string PostgresSql = Insert + string.Format(System.Globalization.CultureInfo.InvariantCulture, Select,
        """CAST(to_char(p."ReceivedAt" AT TIME ZONE 'Asia/Shanghai', 'YYYYMM') AS integer)""") + ";";

    /// <summary>
    /// The whole table from the ledger (SQLite). ReceivedAt is UTC text ('yyyy-MM-dd HH:mm:ss.fffffff'), DueDate
    /// 'yyyy-MM-dd' and CreatedAt copied as stored, so the key matches what EF writes; China has no daylight saving since
    /// 1991, so +8 hours is its time; amounts are integers in fen.
    /// </summary>
    public static readonly string SqliteSql = Insert + string.Format(System.Globalization.CultureInfo.InvariantCulture, Select,
        """CAST(strftime('%Y%m', p."ReceivedAt", '+8 hours') AS INTEGER)""") + ";";

    /// <summary>A payment just taken (or a refund): its allocations on counted bills are added to their groups.</summary>
    public Task AddAsync(Payment payment, CancellationToken ct) => MoveAsync(payment, +1, ct);

    /// <summary>A payment being reversed: its allocations on counted bills are taken off their groups.</summary>
    public Task SubtractAsync(Payment payment, CancellationToken ct) => MoveAsync(payment, -1, ct);

    /// <summary>
    /// Empties the table and writes it again from the ledger, in one transaction — for data written around the
    /// <see cref="Ledger"/> (the bench's bulk-written payments). The migration ran the same SQL.
    /// </summary>
    public Task RebuildAsync(CancellationToken ct) =>
        db.InTransactionAsync(async token =>
        {
            await db.Database.ExecuteSqlRawAsync("""DELETE FROM "PaymentMonthTotals";""", token);
            return await db.Database.ExecuteSqlRawAsync(db.Database.IsNpgsql() ? PostgresSql : SqliteSql, token);
        }, ct);

    private async Task MoveAsync(Payment payment, int sign, CancellationToken ct)
    {
        var chargeIds = payment.Allocations.Select(a => a.ChargeId).Distinct().ToList();
        // The bills' keys as stored: a charge written in this context holds its instant to the tick, PostgreSQL to the microsecond.
        var bills = await db.Charges.IgnoreQueryFilters().AsNoTracking()
            .Where(c => chargeIds.Contains(c.Id) && c.ReversedAt == null && c.Kind != FeeKind.Deposit)
            .Select(c => new { c.Id, c.Period, c.DueDate, c.CreatedAt })
            .ToDictionaryAsync(c => c.Id, ct);
        var paidMonth = ReportPeriod.YyyymmOf(payment.ReceivedAt);
        var deltas = payment.Allocations.Where(a => bills.ContainsKey(a.ChargeId))
            .GroupBy(a => (bills[a.ChargeId].Period ?? 0, bills[a.ChargeId].DueDate, bills[a.ChargeId].CreatedAt))
            .Select(g => (Key: g.Key, Fen: sign * g.Sum(a => decimal.ToInt64(a.Amount * 100m))));
        foreach (var ((period, dueDate, billedAt), fen) in deltas)
        {
            var updated = await db.PaymentMonthTotals.IgnoreQueryFilters()
                .Where(t => t.PropertyId == payment.PropertyId && t.PaidMonth == paidMonth && t.Period == period && t.DueDate == dueDate && t.BilledAt == billedAt)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Fen, t => t.Fen + fen), ct);
            if (updated == 0)
            {
                // Saved with the payment by the Ledger's SaveChanges; a clash on the key is retried by the Ledger.
                db.PaymentMonthTotals.Add(new PaymentMonthTotal(payment.PropertyId, paidMonth, period, dueDate, billedAt, fen));
            }
        }
    }
}
