using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Fees;
using PropertyPortal.Web.Features.Fees;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Bench;

/// <summary>
/// The issue's billing run over 50,000 units (target under 60 s on SQLite): the fee items and water
/// readings of one property (<see cref="FeeSeeder"/>), then — through the real portal's services, each
/// call in its own DI scope as the fees job has — the month's preview, the run (a charge per unit × item
/// and a payment notice per unit), the same run again (must write nothing), and two runs of the next
/// month at once (the month must still be billed exactly once).
/// </summary>
internal sealed class BillingBench(BenchDatabase database, BenchOptions options, Action<string> line)
{
    private static readonly BillingPeriod Month = new(2026, 12);

    /// <summary>Tuesday 2026-12-01 10:00 in China: the billing day.</summary>
    private static readonly DateTime BilledAtUtc = new(2026, 12, 1, 2, 0, 0, DateTimeKind.Utc);

    private static readonly DateTime NextBilledAtUtc = new(2027, 1, 1, 2, 0, 0, DateTimeKind.Utc);

    private readonly Actor _by = new(null, "bench");

    public async Task RunAsync()
    {
        var next = Month.Next;
        Guid propertyId;
        string code;
        int units;
        await using (var db = database.Create(SystemPropertyScope.Instance))
        {
            var property = await db.Properties.OrderBy(p => p.Code).Select(p => new { p.Id, p.Code }).FirstAsync();
            (propertyId, code) = (property.Id, property.Code);
            units = await db.Units.CountAsync(u => u.PropertyId == propertyId);
            if (await db.BillingRuns.AnyAsync(r => r.PropertyId == propertyId))
            {
                throw new InvalidOperationException($"{code} has been billed already in this database; run with --reset (bench/run.sh does).");
            }
        }

        var (seeded, readings) = await new FeeSeeder(database, options).SeedAsync(propertyId, [Month.Previous, Month, next], BilledAtUtc);
        if (seeded > TimeSpan.Zero)
        {
            line($"- seed: 3 fee items and {readings:N0} water readings ({Month.Previous}, {Month}, {next} for every unit) in {seeded.TotalSeconds:0.0} s ({readings / seeded.TotalSeconds:N0} readings/s, batches of {options.Batch:N0}, one context, change detection off, tracker cleared after each batch)");
        }

        await database.AnalyzeAsync();
        List<string> items;
        await using (var db = database.Create(SystemPropertyScope.Instance))
        {
            items = await db.FeeItems.Where(i => i.PropertyId == propertyId && i.IsActive).OrderBy(i => i.SortOrder)
                .Select(i => i.Name + " " + i.Kind).ToListAsync();
        }

        var lines = units * items.Count;
        line($"- billed: property {code}, {units:N0} units × {items.Count} monthly items ({string.Join(", ", items)}) = {lines:N0} charges a month; rates 物业管理费 2.35/m², 公共能耗分摊 10.00/unit, 水费 4.10/m³");

        var clock = new BenchClock(BilledAtUtc);
        await using var host = new BenchHost(options, database.ConnectionString, clock);
        _ = host.Server; // starts the portal: its services, its statistics refresh at startup
        using var profile = new CommandProfile();
        Measure.Collect();
        line($"- memory with the portal started (bench and portal in one process): {Measure.Memory()}");
        line($"- peak working set per step: {(Measure.ResetPeak() ? "reset before each step (/proc/self/clear_refs), so it is the step's own peak" : "not resettable here: the process's peak so far")}");
        line("");

        line($"BillingService as the fees job calls it, each call in a fresh DI scope of the portal, at {BilledAtUtc:yyyy-MM-dd HH:mm} UTC for {Month}. Lines/s: unit × item lines quoted per second; rows written/s: charges + payment notices per second.");
        line("");
        line("| step | charges created | amount billed (元) | notices written | already billed | missing readings | s | lines/s | rows written/s | peak working set MB | allocated MB |");
        line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var steps = new List<(string Name, Step Step)>();

        var (preview, previewStep) = await TimeAsync(profile, host, s => s.PreviewAsync(propertyId, Month, default));
        Row($"preview {Month}", preview, previewStep, lines);
        steps.Add(("preview", previewStep));
        Check(!preview.Busy && preview.NewCharges == lines && preview.MissingReadings.Count == 0,
            $"the preview quotes {preview.NewCharges:N0} charges ({preview.MissingReadings.Count:N0} missing readings), expected {lines:N0}");

        var (first, firstStep) = await TimeAsync(profile, host, s => s.RunAsync(propertyId, Month, _by, default));
        Row($"**run {Month}** (first)", first, firstStep, lines);
        steps.Add(("run (first)", firstStep));
        var (stored, storedAmount) = await ChargesAsync(propertyId, Month);
        Check(!first.Busy && first.NewCharges == preview.NewCharges && first.NewAmount == preview.NewAmount,
            $"the run wrote {first.NewCharges:N0} charges / {first.NewAmount:N2} 元 (busy: {first.Busy}), the preview quoted {preview.NewCharges:N0} / {preview.NewAmount:N2}");
        Check(stored == first.NewCharges && storedAmount == first.NewAmount,
            $"the database holds {stored:N0} charges / {storedAmount:N2} 元 for {Month}, the run reported {first.NewCharges:N0} / {first.NewAmount:N2}");
        Check(first.Notices == units, $"the run wrote {first.Notices:N0} payment notices, expected one per unit ({units:N0})");
        var expectedAmount = await ExpectedAmountAsync(propertyId, Month);
        Check(first.NewAmount == expectedAmount, $"the run billed {first.NewAmount:N2} 元, the bench computes {expectedAmount:N2} 元 from the units' areas and the readings");

        var (again, againStep) = await TimeAsync(profile, host, s => s.RunAsync(propertyId, Month, _by, default));
        Row($"run {Month} again (re-run)", again, againStep, lines);
        steps.Add(("run again", againStep));
        var (storedAgain, _) = await ChargesAsync(propertyId, Month);
        Check(!again.Busy, "the re-run found the month busy: the first run's lease was not released");
        Check(again.NewCharges == 0 && again.Notices == 0 && storedAgain == stored,
            $"THE RE-RUN BILLED AGAIN: {again.NewCharges:N0} new charges, {again.NewAmount:N2} 元, {again.Notices:N0} notices; {storedAgain:N0} charges stored for {Month}, {stored:N0} before");
        Check(again.AlreadyBilled == first.NewCharges, $"the re-run found {again.AlreadyBilled:N0} charges already billed, expected {first.NewCharges:N0}");

        line("");
        line($"The first run per item (its amount {first.NewAmount:N2} 元 equals the bench's own sum of round(area × 2.35) + 10.00 + round(m³ × 4.10) over the units and readings):");
        line("");
        line("| item | kind | charges | amount (元) |");
        line("|---|---|---:|---:|");
        foreach (var item in first.Items)
        {
            line($"| {item.Item} | {item.Kind} | {item.Charges:N0} | {item.Amount:N2} |");
        }

        line("");
        await ConcurrentAsync(profile, host, clock, propertyId, next, first.NewCharges, units, steps);

        line("");
        line("Where the time goes. Database time per statement kind: from a command's start to the end of its execution, or to its reader's disposal (so reading and materialising the rows is included); commits apart. What is left is work in the process. Then each SaveChanges, filed under the table of its first INSERT: its whole time, the part in its statements and commit, and the rest — EF's own work inside SaveChanges (change detection in the portal's AuditInterceptor, building the commands, binding parameters). Summed from EF Core's diagnostic events; in the concurrent step the two calls overlap.");
        var commandsPerRow = options.IsPostgres ? "EF batches the INSERTs" : "one INSERT command per row: EF Core's SQLite provider does not batch";
        foreach (var (name, step) in steps)
        {
            var total = step.Elapsed.TotalMilliseconds;
            var statements = step.Profile.Statements;
            line("");
            line($"{name} — {step.Elapsed.TotalSeconds:0.00} s:");
            line("");
            line("| statement | commands | rows read | s | share |");
            line("|---|---:|---:|---:|---:|");
            foreach (var t in statements.Take(8))
            {
                line($"| `{t.Statement}` | {t.Commands:N0} | {t.Rows:N0} | {t.Ms / 1000:0.00} | {t.Ms / total:P0} |");
            }

            var rest = statements.Skip(8).ToList();
            if (rest.Count > 0)
            {
                line($"| {rest.Count} other kinds | {rest.Sum(t => t.Commands):N0} | {rest.Sum(t => t.Rows):N0} | {rest.Sum(t => t.Ms) / 1000:0.00} | {rest.Sum(t => t.Ms) / total:P0} |");
            }

            var inProcess = Math.Max(0, total - statements.Sum(t => t.Ms));
            line($"| in the process | | | {inProcess / 1000:0.00} | {inProcess / total:P0} |");
            var saves = step.Profile.Saves.Where(v => v.Calls > 0 && v.Ms >= 1).ToList();
            if (saves.Count > 0)
            {
                line("");
                line($"| SaveChanges writing | calls | s in all | in statements + commit s | EF's own s ({commandsPerRow}) | share of the step |");
                line("|---|---:|---:|---:|---:|---:|");
                foreach (var v in saves)
                {
                    line($"| `{v.Table}` | {v.Calls:N0} | {v.Ms / 1000:0.00} | {v.StatementsMs / 1000:0.00} | {(v.Ms - v.StatementsMs) / 1000:0.00} | {v.Ms / total:P0} |");
                }

                var outside = Math.Max(0, total - saves.Sum(v => v.Ms) - statements.Sum(t => t.Ms) + saves.Sum(v => v.StatementsMs));
                line($"| outside SaveChanges and queries: the service's own loops in the process | | {outside / 1000:0.00} | | | {outside / total:P0} |");
            }
        }

        Measure.Collect();
        line("");
        line($"- memory at the end: {Measure.Memory()}");
        line($"- database size: {await database.SizeBytesAsync() / 1048576.0:0} MB");

        void Row(string name, BillingOutcome o, Step s, int quoted)
        {
            var seconds = s.Elapsed.TotalSeconds;
            var written = o.NewCharges + o.Notices;
            line($"| {name} | {o.NewCharges:N0} | {o.NewAmount:N2} | {o.Notices:N0} | {o.AlreadyBilled:N0} | {o.MissingReadings.Count:N0} | {seconds:0.00} | {quoted / seconds:N0} | {(name.StartsWith("preview", StringComparison.Ordinal) ? "—" : $"{written / seconds:N0}")} | {s.PeakMB:0} | {s.AllocatedMB:N0} |");
        }
    }

    /// <summary>Two runs of a fresh month at once, from two scopes (two instances, or the job and a double click).</summary>
    private async Task ConcurrentAsync(CommandProfile profile, BenchHost host, BenchClock clock, Guid propertyId, BillingPeriod next, int expected, int units,
        List<(string Name, Step Step)> steps)
    {
        clock.Set(NextBilledAtUtc);
        line($"Two runs of {next} started at once ({NextBilledAtUtc:yyyy-MM-dd HH:mm} UTC), each from its own DI scope on its own thread pool task:");
        line("");
        line("| call | outcome | charges created | amount billed (元) | notices written | s |");
        line("|---|---|---:|---:|---:|---:|");
        Measure.Collect();
        Measure.ResetPeak();
        profile.Take();
        var allocated = GC.GetTotalAllocatedBytes(true);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<(BillingOutcome Outcome, TimeSpan Elapsed)> CallAsync()
        {
            await using var scope = host.Services.CreateAsyncScope();
            var billing = scope.ServiceProvider.GetRequiredService<BillingService>();
            await gate.Task;
            var started = Stopwatch.StartNew();
            var outcome = await billing.RunAsync(propertyId, next, _by, default);
            return (outcome, started.Elapsed);
        }

        var wall = Stopwatch.StartNew();
        var calls = new[] { Task.Run(CallAsync), Task.Run(CallAsync) };
        gate.SetResult();
        var results = await Task.WhenAll(calls);
        var step = new Step(wall.Elapsed, Measure.PeakWorkingSetMB(), (GC.GetTotalAllocatedBytes(true) - allocated) / 1048576.0, profile.Take());
        steps.Add(("two concurrent runs", step));
        for (var i = 0; i < results.Length; i++)
        {
            var (o, elapsed) = results[i];
            line($"| {(char)('A' + i)} | {(o.Busy ? "busy: the other holds the month's lease" : "billed")} | {o.NewCharges:N0} | {o.NewAmount:N2} | {o.Notices:N0} | {elapsed.TotalSeconds:0.00} |");
        }

        int charges, duplicates, notices, noticeDuplicates, runRows;
        await using (var db = database.Create(SystemPropertyScope.Instance))
        {
            var month = db.Charges.Where(c => c.PropertyId == propertyId && c.Period == next.Key);
            charges = await month.CountAsync();
            duplicates = await month.GroupBy(c => new { c.UnitId, c.FeeItemId }).Where(g => g.Count() > 1).CountAsync();
            var monthNotices = db.PaymentNotices.Where(n => n.PropertyId == propertyId && n.Period == next.Key);
            notices = await monthNotices.CountAsync();
            noticeDuplicates = await monthNotices.GroupBy(n => n.UnitId).Where(g => g.Count() > 1).CountAsync();
            runRows = await db.BillingRuns.CountAsync(r => r.PropertyId == propertyId && r.Period == next.Key);
        }

        line("");
        line($"- both done in {step.Elapsed.TotalSeconds:0.00} s; peak working set {step.PeakMB:0} MB");
        line($"- charges stored for {next}: **{charges:N0}**, the first run's count {expected:N0} (= units × items); unit × item pairs charged twice: **{duplicates}**");
        line($"- payment notices for {next}: {notices:N0} for {units:N0} units, units with two: {noticeDuplicates}; billing-run rows for {next}: {runRows}");
        var writers = results.Count(r => r.Outcome.NewCharges > 0);
        Check(charges == expected && duplicates == 0, $"{next} holds {charges:N0} charges with {duplicates} duplicated unit × item pairs, expected {expected:N0} exactly once");
        Check(writers == 1 && results.Sum(r => r.Outcome.NewCharges) == charges,
            $"{writers} of the two concurrent runs wrote charges ({string.Join(" + ", results.Select(r => r.Outcome.NewCharges))}), expected exactly one");
        Check(notices == units && noticeDuplicates == 0 && runRows == 1, $"{next}: {notices:N0} notices ({noticeDuplicates} units with two), {runRows} billing-run rows");
    }

    private static async Task<(BillingOutcome Outcome, Step Step)> TimeAsync(CommandProfile profile, BenchHost host, Func<BillingService, Task<BillingOutcome>> call)
    {
        Measure.Collect();
        Measure.ResetPeak();
        profile.Take(); // not the bench's own checks since the last step
        var allocated = GC.GetTotalAllocatedBytes(true);
        var started = Stopwatch.StartNew();
        BillingOutcome outcome;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            outcome = await call(scope.ServiceProvider.GetRequiredService<BillingService>());
        }

        var elapsed = started.Elapsed;
        return (outcome, new Step(elapsed, Measure.PeakWorkingSetMB(), (GC.GetTotalAllocatedBytes(true) - allocated) / 1048576.0, profile.Take()));
    }

    private async Task<(int Count, decimal Amount)> ChargesAsync(Guid propertyId, BillingPeriod period)
    {
        await using var db = database.Create(SystemPropertyScope.Instance);
        var amounts = await db.Charges.AsNoTracking().Where(c => c.PropertyId == propertyId && c.Period == period.Key).Select(c => c.Amount).ToListAsync();
        return (amounts.Count, amounts.Sum());
    }

    /// <summary>The month's total computed apart from the service: the seeded rates on every unit (no unit is in custody), rounded per charge.</summary>
    private async Task<decimal> ExpectedAmountAsync(Guid propertyId, BillingPeriod period)
    {
        await using var db = database.Create(SystemPropertyScope.Instance);
        var areas = await db.Units.AsNoTracking().Where(u => u.PropertyId == propertyId).Select(u => u.Area).ToListAsync();
        var readings = await db.MeterReadings.AsNoTracking()
            .Where(r => r.PropertyId == propertyId && r.Meter == MeterKind.Water && (r.Period == period.Key || r.Period == period.Previous.Key))
            .Select(r => new { r.UnitId, r.Period, r.Reading }).ToListAsync();
        var water = readings.GroupBy(r => r.UnitId).Sum(g =>
            Money.Round((g.Single(r => r.Period == period.Key).Reading - g.Single(r => r.Period == period.Previous.Key).Reading) * 4.10m));
        return areas.Sum(a => Money.Round(a * 2.35m)) + (areas.Count * 10.00m) + water;
    }

    private void Check(bool ok, string problem)
    {
        if (!ok)
        {
            line("");
            line($"**FAILED: {problem}**");
            throw new InvalidOperationException(problem);
        }
    }

    private sealed record Step(TimeSpan Elapsed, double PeakMB, double AllocatedMB, Profile Profile);
}
