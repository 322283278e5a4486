using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Fees;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Fees;

/// <summary>A billing run's figures per fee item.</summary>
public sealed record BillingItemLine(string Item, FeeKind Kind, int Charges, decimal Amount);

/// <summary>What a run would write (preview) or wrote.</summary>
public sealed record BillingOutcome(BillingPeriod Period, int Units, int NewCharges, decimal NewAmount, int AlreadyBilled,
    IReadOnlyList<BillingItemLine> Items, IReadOnlyList<string> MissingReadings, int Notices, bool Busy, Guid? RunId);

/// <summary>
/// The monthly billing of a property: every unit × every monthly fee item in force on the month's first
/// day, written exactly once. Exactly once holds three ways: a run claims its (property, month) row's
/// lease with a conditional UPDATE, so a second instance or a double click finds it busy; a re-run
/// skips the charges already written; and each charge's source key is unique in the database.
/// Each notice is also queued as a message to the household (SMS or e-mail, when configured).
/// </summary>
public sealed class BillingService(PortalDbContext db, Ledger ledger, CaseClocks caseClocks, HouseholdMessages messages, TimeProvider time, ILogger<BillingService> logger)
{
    private const int BatchSize = 10_000;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(30);

    public Task<BillingOutcome> PreviewAsync(Guid propertyId, BillingPeriod period, CancellationToken ct) =>
        ComputeAsync(propertyId, period, write: null, ct);

    public async Task<BillingOutcome> RunAsync(Guid propertyId, BillingPeriod period, Actor by, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var run = await EnsureRunAsync(propertyId, period, now, ct);
        var claimed = await db.BillingRuns.Where(r => r.Id == run.Id && (r.LeaseUntil == null || r.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseUntil, now + Lease), ct);
        if (claimed == 0)
        {
            logger.LogInformation("Billing of {Property} {Period} is already running elsewhere", propertyId, period);
            return new BillingOutcome(period, 0, 0, 0, 0, [], [], 0, true, run.Id);
        }

        try
        {
            // Charges, notices, household messages and the run's completion commit together: a run that fails or is
            // killed half-way leaves nothing behind, and the lease (claimed above, in its own statement) keeps a
            // second run out meanwhile. The rows are written in bulk (BulkWriter: COPY / prepared INSERTs).
            var (outcome, notices) = await db.InTransactionAsync(async t =>
            {
                db.ChangeTracker.Clear();
                var outcome = await ComputeAsync(propertyId, period, by, t);
                var notices = await WriteNoticesAsync(propertyId, run.Id, period, now, t);
                await messages.QueuePaymentNoticesAsync(propertyId, run.Id, period, t);
                db.ChangeTracker.Clear();
                var done = await db.BillingRuns.FirstAsync(r => r.Id == run.Id, t);
                // The run's audit row (AuditInterceptor, action Updated) is its summary: runs, charges, amount, notices, who.
                done.Completed(outcome.NewCharges, outcome.NewAmount, outcome.MissingReadings.Count, notices, by, time.GetUtcNow().UtcDateTime);
                await db.SaveChangesAsync(t);
                return (outcome, notices);
            }, ct);
            logger.LogInformation("Billed {Property} {Period}: {Charges} new charges, {Amount} yuan, {Missing} missing readings, {Notices} notices",
                propertyId, period, outcome.NewCharges, outcome.NewAmount, outcome.MissingReadings.Count, notices);
            return outcome with { Notices = notices, RunId = run.Id };
        }
        catch
        {
            db.ChangeTracker.Clear();
            await db.BillingRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseUntil, (DateTime?)null), CancellationToken.None);
            throw;
        }
    }

    /// <summary>The (property, month) row, created once with its notice clock; a racing instance's row wins and is reread.</summary>
    private async Task<BillingRun> EnsureRunAsync(Guid propertyId, BillingPeriod period, DateTime now, CancellationToken ct)
    {
        var existing = await db.BillingRuns.AsNoTracking().FirstOrDefaultAsync(r => r.PropertyId == propertyId && r.Period == period.Key, ct);
        if (existing is not null)
        {
            return existing;
        }

        var run = new BillingRun(propertyId, period, now);
        db.BillingRuns.Add(run);
        var policy = await ledger.PolicyForAsync(propertyId, ct);
        // Notices are due by the end of the notice day; a month billed after that (a backfill) starts no clock.
        var due = PortalClock.ToUtc(period.FirstDay.AddDays(policy.NoticeDay).ToDateTime(TimeOnly.MinValue));
        if (due > now)
        {
            (await caseClocks.ForNewCaseAsync(propertyId, ct)).Start(propertyId, SlaSubject.BillingRun, run.Id, SlaMilestone.PaymentNotices, null, SlaTarget.At(due), now);
        }
        try
        {
            await db.SaveChangesAsync(ct);
            return run;
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            logger.LogInformation("Billing run of {Property} {Period} was created by another instance at the same moment; using that one", propertyId, period);
            return await db.BillingRuns.AsNoTracking().FirstAsync(r => r.PropertyId == propertyId && r.Period == period.Key, ct);
        }
    }

    /// <summary>Quotes every unit × item; with <paramref name="write"/> set, saves the new charges in batches.</summary>
    private async Task<BillingOutcome> ComputeAsync(Guid propertyId, BillingPeriod period, Actor? write, CancellationToken ct)
    {
        var policy = await ledger.PolicyForAsync(propertyId, ct);
        var items = await db.FeeItems.AsNoTracking().Include(i => i.Rates)
            .Where(i => i.PropertyId == propertyId && i.IsActive && (i.Kind == FeeKind.PerArea || i.Kind == FeeKind.PerUnit || i.Kind == FeeKind.Metered))
            .OrderBy(i => i.SortOrder).ToListAsync(ct);
        var units = await db.Units.AsNoTracking().Where(u => u.PropertyId == propertyId)
            .OrderBy(u => u.Number)
            .Select(u => new { Billing = new UnitForBilling(u.Id, u.Area, u.Type, u.InCustody), u.Number })
            .ToListAsync(ct);
        var payers = await ledger.PayersAsync(propertyId, period.FirstDay, period.LastDay, null, ct);
        var existing = (await db.Charges.AsNoTracking().Where(c => c.PropertyId == propertyId && c.Period == period.Key).Select(c => c.SourceKey).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        var readings = await ReadingsAsync(propertyId, period, items, ct);

        var due = policy.DueDateOf(period);
        var now = time.GetUtcNow().UtcDateTime;
        var lines = items.ToDictionary(i => i.Id, i => (Item: i, Charges: 0, Amount: 0m));
        var missing = new List<string>();
        var pending = new List<Charge>(BatchSize);
        var created = 0;
        var amount = 0m;
        var already = 0;
        foreach (var unit in units)
        {
            foreach (var item in items)
            {
                var consumption = item.Meter is { } meter
                    ? MeterReading.Consumption(readings.GetValueOrDefault((unit.Billing.Id, meter, period.Previous.Key)), readings.GetValueOrDefault((unit.Billing.Id, meter, period.Key)))
                    : null;
                if (item.Quote(period, unit.Billing, policy.CustodyPercent, consumption) is not { } quote)
                {
                    continue;
                }

                var key = Charge.MonthlyKey(item.Id, unit.Billing.Id, period);
                if (existing.Contains(key))
                {
                    already++;
                    continue;
                }

                if (quote.Problem is not null)
                {
                    missing.Add($"{unit.Number} {item.Name}");
                    continue;
                }

                if (quote.Amount <= 0)
                {
                    continue;
                }

                var line = lines[item.Id];
                lines[item.Id] = (line.Item, line.Charges + 1, line.Amount + quote.Amount);
                created++;
                amount += quote.Amount;
                if (write is not null)
                {
                    pending.Add(new Charge(propertyId, unit.Billing.Id, payers.TryGetValue(unit.Billing.Id, out var payer) ? payer : null, item.Id, item.Kind, period.Key,
                        $"{item.Name} {period}", quote.Quantity, quote.Rate, quote.Amount, due, key, write, now));
                    if (pending.Count >= BatchSize)
                    {
                        await SaveBatchAsync(pending, ct);
                    }
                }
            }
        }

        if (write is not null && pending.Count > 0)
        {
            await SaveBatchAsync(pending, ct);
        }

        return new BillingOutcome(period, units.Count, created, amount, already,
            [.. lines.Values.Select(l => new BillingItemLine(l.Item.Name, l.Item.Kind, l.Charges, l.Amount))], missing, 0, false, null);
    }

    private async Task SaveBatchAsync(List<Charge> batch, CancellationToken ct)
    {
        await BulkWriter.For(db).InsertAsync(db, batch, ct);
        batch.Clear();
    }

    private async Task<Dictionary<(Guid Unit, MeterKind Meter, int Period), decimal?>> ReadingsAsync(Guid propertyId, BillingPeriod period, List<FeeItem> items, CancellationToken ct)
    {
        var meters = items.Where(i => i.Meter is not null).Select(i => i.Meter!.Value).Distinct().ToList();
        if (meters.Count == 0)
        {
            return [];
        }

        var periods = new[] { period.Key, period.Previous.Key };
        var rows = await db.MeterReadings.AsNoTracking()
            .Where(r => r.PropertyId == propertyId && periods.Contains(r.Period) && meters.Contains(r.Meter))
            .Select(r => new { r.UnitId, r.Meter, r.Period, r.Reading }).ToListAsync(ct);
        return rows.ToDictionary(r => (r.UnitId, r.Meter, r.Period), r => (decimal?)r.Reading);
    }

    /// <summary>付款通知书 for every unit that owes anything after the run, once per run.</summary>
    private async Task<int> WriteNoticesAsync(Guid propertyId, Guid runId, BillingPeriod period, DateTime now, CancellationToken ct)
    {
        var balances = await db.Charges.AsNoTracking()
            .Where(c => c.PropertyId == propertyId).Owed()
            .GroupBy(c => c.UnitId)
            .Select(g => new { UnitId = g.Key, Balance = g.Sum(c => c.Amount - c.Released - c.Paid) })
            .ToListAsync(ct);
        var have = (await db.PaymentNotices.AsNoTracking().Where(n => n.RunId == runId).Select(n => n.UnitId).ToListAsync(ct)).ToHashSet();
        var payers = await ledger.PayersAsync(propertyId, period.FirstDay, period.LastDay, null, ct);
        var notices = balances.Where(b => b.Balance > 0 && !have.Contains(b.UnitId))
            .Select(b => new PaymentNotice(propertyId, runId, b.UnitId, payers.TryGetValue(b.UnitId, out var p) ? p : null, period.Key, b.Balance, now))
            .ToList();
        await BulkWriter.For(db).InsertAsync(db, notices, ct);
        var count = notices.Count;
        return count;
    }

    /// <summary>Marks a month's notices delivered (printed batch handed out, channels sent); meets the 10th-of-the-month clock.</summary>
    public async Task<bool> NoticesDeliveredAsync(Guid runId, Actor by, CancellationToken ct)
    {
        var run = await db.BillingRuns.FirstOrDefaultAsync(r => r.Id == runId, ct);
        if (run is null)
        {
            return false;
        }

        var now = time.GetUtcNow().UtcDateTime;
        run.NoticesDelivered(by, now);
        (await caseClocks.ForSubjectsAsync(run.PropertyId, [runId], ct)).Meet(SlaMilestone.PaymentNotices, now);

        await db.SaveChangesAsync(ct);
        return true;
    }
}
