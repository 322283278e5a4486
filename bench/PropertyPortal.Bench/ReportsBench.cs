using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Fees;
using PropertyPortal.Web.Features.Fees;
using PropertyPortal.Web.Features.Reports;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Bench;

/// <summary>
/// Issue 18's speed target: at the benchmark's scale (10 properties, 200,000 repair orders, 50,000 units billed
/// monthly) one property's monthly report under 2 s and the 10-property dashboard under 3 s. Seeds the repairs
/// (<see cref="RepairSeeder"/>, the closed ones spread over 13 months), then for every property its fee items and
/// water readings (<see cref="FeeSeeder"/>) and twelve monthly billing runs through the portal's own
/// <see cref="BillingService"/>, each month's payments (bulk-written, allocated by the domain's
/// <see cref="Payment.Take"/>) and the dunning ladder (<see cref="DunningService"/>, on the 21st and the 28th).
/// A database seeded by an earlier run is reused. Then times, through the real portal in-process and signed in as a
/// manager assigned to all ten properties, the report, its .xlsx and the dashboard, and each report section alone.
/// </summary>
internal sealed partial class ReportsBench(BenchDatabase database, BenchOptions options, Action<string> line)
{
    /// <summary>Wednesday 2026-11-18 10:00 in China, as the repairs scenario.</summary>
    private static readonly DateTime NowUtc = new(2026, 11, 18, 2, 0, 0, DateTimeKind.Utc);

    /// <summary>Twelve months billed: 2025-11 … 2026-10, the dashboard's trend for 2026-10.</summary>
    private static readonly BillingPeriod FirstBilled = new(2025, 11);

    private static readonly DateOnly RatesFrom = new(2025, 1, 1);

    private const int BilledMonths = 12;

    /// <summary>Closed orders received 14–409 days before "now": 2025-10-05 … 2026-11-04, so 2025-10 (last year of 2026-10) has orders.</summary>
    private const int ClosedOverDays = 410;

    private const string ReportMonth = "2026-10";
    private const string ManagerName = "mgr-all";

    private readonly Actor _by = new(null, "bench");

    public async Task RunAsync()
    {
        var clock = new BenchClock(NowUtc);
        await using var host = new BenchHost(options, database.ConnectionString, clock);
        _ = host.Server; // starts the portal: roles and reference data (categories, the calendar)

        var seeder = new RepairSeeder(database, options, host.Services, NowUtc, ClosedOverDays);
        var staff = await seeder.StaffAsync();
        await ManagerAsync(host, staff);
        var seeded = await seeder.SeedAsync(staff);
        if (seeded > TimeSpan.Zero)
        {
            line($"- seed repairs: {seeded.TotalSeconds:0.0} s for {options.Orders:N0} repair orders through the domain ({options.Orders / seeded.TotalSeconds:N0}/s with their events, clocks and callbacks); closed ones received over the {ClosedOverDays} days before {NowUtc:yyyy-MM-dd}");
        }

        await SeedFeesAsync(host, clock, staff);
        clock.Set(NowUtc);
        await database.AnalyzeAsync();
        await CountAsync();
        if (options.SeedOnly)
        {
            return;
        }

        Measure.Collect();
        line($"- portal clock: {NowUtc:yyyy-MM-dd HH:mm} UTC; memory after seeding: {Measure.Memory()}");
        line("");
        await PagesAsync(host, staff[0].PropertyId);
        line("");
        await SectionsAsync(host, staff.Select(s => s.PropertyId).ToList());
        Measure.Collect();
        line("");
        line($"- memory at the end: {Measure.Memory()}");
    }

    /// <summary>A manager assigned to the ten properties one by one (not "all properties"), so the property filter applies as for a real manager.</summary>
    private static async Task ManagerAsync(BenchHost host, IReadOnlyList<PropertyStaff> staff)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByNameAsync(ManagerName) is not null)
        {
            return;
        }

        var user = new AppUser { UserName = ManagerName, DisplayName = "区域经理", AllProperties = false, CreatedAt = DateTime.UtcNow };
        var created = await users.CreateAsync(user, RepairSeeder.Password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(user, Roles.Manager);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.UserProperties.AddRange(staff.Select(s => new UserProperty { UserId = user.Id, PropertyId = s.PropertyId }));
        await db.SaveChangesAsync();
    }

    private async Task SeedFeesAsync(BenchHost host, BenchClock clock, IReadOnlyList<PropertyStaff> staff)
    {
        var months = Enumerable.Range(0, BilledMonths).Select(i => BillingPeriod.Of(FirstBilled.FirstDay.AddMonths(i))).ToList();
        var started = Stopwatch.StartNew();
        TimeSpan readings = TimeSpan.Zero, billing = TimeSpan.Zero, paying = TimeSpan.Zero, dunning = TimeSpan.Zero;
        int charges = 0, payments = 0, fired = 0, properties = 0;
        foreach (var property in staff)
        {
            var pid = property.PropertyId;
            string code;
            int runs;
            await using (var db = database.Create(SystemPropertyScope.Instance))
            {
                code = await db.Properties.Where(p => p.Id == pid).Select(p => p.Code).SingleAsync();
                runs = await db.BillingRuns.CountAsync(r => r.PropertyId == pid && r.Runs > 0);
            }

            if (runs == BilledMonths)
            {
                continue; // seeded by an earlier run
            }

            if (runs > 0)
            {
                throw new InvalidOperationException($"{code} is half seeded ({runs} months billed); run with --reset");
            }

            properties++;
            var step = Stopwatch.StartNew();
            await new FeeSeeder(database, options).SeedAsync(pid, [FirstBilled.Previous, .. months], NowUtc, RatesFrom);
            readings += step.Elapsed;
            var units = await PayersAsync(pid);
            long sequence = 0;
            for (var i = 0; i < months.Count; i++)
            {
                var month = months[i];
                step.Restart();
                clock.Set(PortalClock.ToUtc(month.FirstDay.ToDateTime(new TimeOnly(10, 0))));
                await using (var scope = host.Services.CreateAsyncScope())
                {
                    var outcome = await scope.ServiceProvider.GetRequiredService<BillingService>().RunAsync(pid, month, _by, default);
                    if (outcome.Busy || outcome.NewCharges == 0)
                    {
                        throw new InvalidOperationException($"Billing {code} {month} wrote nothing (busy: {outcome.Busy})");
                    }

                    charges += outcome.NewCharges;
                }

                billing += step.Elapsed;
                step.Restart();
                var (paid, last) = await PayAsync(pid, code, month, i, units, sequence);
                (payments, sequence) = (payments + paid, last);
                paying += step.Elapsed;
                step.Restart();
                foreach (var day in new[] { 21, 28 })
                {
                    var today = month.FirstDay.AddDays(day - 1);
                    clock.Set(PortalClock.ToUtc(today.ToDateTime(new TimeOnly(9, 0))));
                    await using var scope = host.Services.CreateAsyncScope();
                    fired += (await scope.ServiceProvider.GetRequiredService<DunningService>().AdvancePropertyAsync(pid, today, default)).Fired;
                }

                dunning += step.Elapsed;
                Console.Write($"\r  fees: {code} {month} billed, paid, dunned ({started.Elapsed.TotalSeconds:0} s)   ");
            }

            await using (var db = database.Create(SystemPropertyScope.Instance))
            {
                // The counter's next receipt continues after the seeded ones.
                db.ReceiptSequences.Add(new ReceiptSequence { PropertyId = pid, Last = sequence });
                await db.SaveChangesAsync();
            }
        }

        if (properties > 0)
        {
            // The payments were bulk-written around the Ledger, which keeps the fees report's payment totals: write them from the ledger.
            var rebuilding = Stopwatch.StartNew();
            await using (var scope = host.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<PaymentMonthTotals>().RebuildAsync(default);
            }

            var totals = rebuilding.Elapsed;
            Console.WriteLine();
            line($"- seed fees: {started.Elapsed.TotalSeconds:0} s for {properties} properties × {BilledMonths} months ({months[0]} … {months[^1]}): fee items and water readings {readings.TotalSeconds:0} s; "
                + $"{charges:N0} charges by {properties * BilledMonths} billing runs (BillingService) {billing.TotalSeconds:0} s; {payments:N0} payments with their allocations (Payment.Take, bulk-written) {paying.TotalSeconds:0} s; "
                + $"the dunning ladder on the 21st and 28th of each month (DunningService, {fired:N0} steps fired) {dunning.TotalSeconds:0} s; "
                + $"the payment month totals rebuilt from the ledger (PaymentMonthTotals.RebuildAsync) {totals.TotalSeconds:0.0} s");
            line("- who pays: 85 % of households pay the month's bills (and anything left open) between the 1st and the 25th, skipping one month in twelve; 10 % pay everything owed once a quarter; 5 % never pay");
        }
    }

    /// <summary>Each unit's owner and how the household pays (deterministic).</summary>
    private async Task<List<Payer>> PayersAsync(Guid propertyId)
    {
        await using var db = database.Create(SystemPropertyScope.Instance);
        var owners = await (from o in db.Occupancies
                            join c in db.Customers on o.CustomerId equals c.Id
                            join u in db.Units on o.UnitId equals u.Id
                            where o.PropertyId == propertyId
                            orderby u.Number
                            select new { o.UnitId, CustomerId = c.Id, c.Name }).ToListAsync();
        var random = new Random(20251101);
        return owners.Select(o =>
        {
            var r = random.NextDouble();
            return new Payer(o.UnitId, o.CustomerId, o.Name, r < 0.85 ? PayerKind.Prompt : r < 0.95 ? PayerKind.Quarterly : PayerKind.Never, random.Next(3));
        }).ToList();
    }

    /// <summary>The month's payments: each pays whole bills (everything the household chooses to settle), so a paid bill is paid in full.</summary>
    private async Task<(int Payments, long Sequence)> PayAsync(Guid propertyId, string code, BillingPeriod month, int monthIndex, List<Payer> payers, long sequence)
    {
        var random = new Random(month.Key ^ propertyId.GetHashCode());
        await using var db = database.Create(SystemPropertyScope.Instance);
        var open = (await db.Charges.AsNoTracking()
                .Where(c => c.PropertyId == propertyId && c.Period <= month.Key && c.ReversedAt == null && c.Paid == 0m)
                .ToListAsync())
            .ToLookup(c => c.UnitId);
        var payments = new List<Payment>();
        foreach (var payer in payers)
        {
            var pays = payer.Kind switch
            {
                PayerKind.Prompt => random.Next(12) != 0,
                PayerKind.Quarterly => monthIndex % 3 == payer.Phase,
                _ => false,
            };
            var charges = open[payer.UnitId].ToList();
            if (!pays || charges.Count == 0)
            {
                continue;
            }

            var day = payer.Kind == PayerKind.Quarterly ? 15 : random.Next(1, 26);
            var at = PortalClock.ToUtc(month.FirstDay.AddDays(day - 1).ToDateTime(new TimeOnly(random.Next(8, 20), random.Next(60))));
            sequence++;
            payments.Add(Payment.Take(propertyId, payer.UnitId, payer.CustomerId, payer.Name, PaymentKind.Counter, PaymentMethod.WeChatPay,
                charges.Sum(c => c.Outstanding), null, charges, sequence, Ledger.ReceiptNumber(code, sequence), _by, at));
        }

        var allocations = payments.SelectMany(p => p.Allocations).ToList();
        var paidIds = allocations.Select(a => a.ChargeId).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var writer = BulkWriter.For(db);
        await writer.InsertAsync(db, payments, default);
        await writer.InsertAsync(db, allocations, default);
        foreach (var chunk in paidIds.Chunk(5_000))
        {
            // Every allocation pays its charge in full (see above), as Charge.Allocate left it in memory.
            await db.Charges.Where(c => chunk.Contains(c.Id)).ExecuteUpdateAsync(s => s.SetProperty(c => c.Paid, c => c.Amount));
        }

        await transaction.CommitAsync();
        return (payments.Count, sequence);
    }

    private async Task CountAsync()
    {
        await using var db = database.Create(SystemPropertyScope.Instance);
        var orders = await db.RepairOrders.CountAsync();
        var callbacks = await db.Callbacks.CountAsync();
        var clocks = await db.SlaClocks.CountAsync();
        var charges = await db.Charges.CountAsync();
        var unpaid = await db.Charges.CountAsync(c => c.Paid == 0m);
        var payments = await db.Payments.CountAsync();
        var allocations = await db.PaymentAllocations.CountAsync();
        var cases = await db.DunningCases.CountAsync();
        var steps = await db.DunningSteps.CountAsync();
        line($"- rows: {orders:N0} repair orders, {callbacks:N0} callbacks, {clocks:N0} clocks; {charges:N0} charges of which {unpaid:N0} unpaid, {payments:N0} payments, {allocations:N0} allocations, {cases:N0} dunning cases, {steps:N0} dunning steps; database size {await database.SizeBytesAsync() / 1048576.0:0} MB");
    }

    private async Task PagesAsync(BenchHost host, Guid propertyId)
    {
        var client = await RepairsBench.SignInAsync(host, ManagerName);
        (string Page, string Url)[] pages =
        [
            ($"monthly report of BP01 for {ReportMonth} (with the previous month and last year)", $"/Reports/Monthly?property={propertyId}&month={ReportMonth}"),
            ("its .xlsx export", $"/Reports/MonthlyExport?property={propertyId}&month={ReportMonth}"),
            ($"dashboard: {options.Properties} properties for {ReportMonth}, 12-month trends", $"/Reports?month={ReportMonth}"),
        ];
        line($"Pages: {options.Runs} requests each after {options.Warmup} warm-up requests, one at a time, through the real portal in-process (authentication, EF, Razor / OpenXml; no network), signed in as a manager assigned to the {options.Properties} properties. Statements and database ms: the portal's Server-Timing header.");
        line("");
        line("| page | p50 ms | p95 ms | max ms | statements | database ms p50 | KB |");
        line("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (page, url) in pages)
        {
            var samples = new List<double>(options.Runs);
            var dbMs = new List<double>(options.Runs);
            var statements = new List<int>();
            long bytes = 0;
            for (var i = 0; i < options.Warmup + options.Runs; i++)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(url);
                var body = await response.Content.ReadAsByteArrayAsync();
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}");
                }

                if (i == 0 && url.StartsWith("/Reports?", StringComparison.Ordinal))
                {
                    var html = System.Text.Encoding.UTF8.GetString(body);
                    var listed = Enumerable.Range(1, options.Properties).Count(p => html.Contains($"基准小区{p:D2}", StringComparison.Ordinal));
                    if (listed != options.Properties)
                    {
                        throw new InvalidOperationException($"The dashboard lists {listed} of the {options.Properties} properties");
                    }
                }

                if (i >= options.Warmup)
                {
                    samples.Add(elapsed);
                    bytes += body.Length;
                    if (response.Headers.TryGetValues("Server-Timing", out var values)
                        && ServerTimingPattern().Match(string.Join(",", values)) is { Success: true } m)
                    {
                        dbMs.Add(double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
                        statements.Add(int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
                    }
                }
            }

            var t = Measure.Summarise(samples);
            var db = dbMs.Count > 0 ? $"{Measure.Summarise(dbMs).P50:0}" : "—";
            var count = statements.Count > 0 ? (statements.Min() == statements.Max() ? $"{statements[0]}" : $"{statements.Min()}–{statements.Max()}") : "—";
            line($"| {page} | {t.P50:0} | {t.P95:0} | {t.Max:0} | {count} | {db} | {bytes / 1024.0 / options.Runs:0} |");
        }
    }

    /// <summary>
    /// Each section alone, in a DI scope of the portal (no request: every property visible), as the report and the
    /// dashboard call it: the report's three months and links, the dashboard's 12-month range over the 10 properties.
    /// </summary>
    private async Task SectionsAsync(BenchHost host, IReadOnlyList<Guid> properties)
    {
        var runs = Math.Max(3, options.Runs / 4);
        ReportPeriod.TryParse(ReportMonth, properties[0], out var period);
        line($"Sections alone (median of {runs} calls after one warm-up; each call in a fresh DI scope): the report's three months (the month, the previous, last year) and its links; the dashboard's {ReportsDashboard.TrendMonths}-month range over the {properties.Count} properties for the sections it reads.");
        line("");
        line("| section | report: 3 months + links, ms | 12-month range, every figure, ms | the dashboard's reads (only what it shows), ms |");
        line("|---|---:|---:|---:|");
        var dashboardKeys = new[] { "repairs", "callbacks", "fees" };
        var first = period.Shift(-(ReportsDashboard.TrendMonths - 1));
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var keys = scope.ServiceProvider.GetServices<IMonthlyReportSection>().OrderBy(s => s.Order).Select(s => s.Key).ToList();
            foreach (var key in keys)
            {
                var report = await MedianAsync(runs, async section =>
                {
                    await section.FiguresAsync(period, NowUtc, default);
                    await section.FiguresAsync(period.Previous, NowUtc, default);
                    await section.FiguresAsync(period.LastYear, NowUtc, default);
                    await section.LinksAsync(period, NowUtc, default);
                }, host, key);
                var range = dashboardKeys.Contains(key)
                    ? $"{await MedianAsync(runs, section => section.RangeAsync(properties, first, ReportsDashboard.TrendMonths, NowUtc, null, default), host, key):0}"
                    : "—";
                var reads = dashboardKeys.Contains(key)
                    ? $"{await MedianAsync(runs, async section =>
                    {
                        foreach (var (from, months, only) in ReportsDashboard.Reads(period, key))
                        {
                            await section.RangeAsync(properties, from, months, NowUtc, only, default);
                        }
                    }, host, key):0}"
                    : "—";
                line($"| {key} | {report:0} | {range} | {reads} |");
            }
        }
    }

    private static async Task<double> MedianAsync(int runs, Func<IMonthlyReportSection, Task> call, BenchHost host, string key)
    {
        var samples = new List<double>();
        for (var i = 0; i <= runs; i++)
        {
            await using var scope = host.Services.CreateAsyncScope();
            var section = scope.ServiceProvider.GetServices<IMonthlyReportSection>().Single(s => s.Key == key);
            var started = Stopwatch.GetTimestamp();
            await call(section);
            if (i > 0)
            {
                samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        return Measure.Summarise(samples).P50;
    }

    private enum PayerKind { Prompt, Quarterly, Never }

    private sealed record Payer(Guid UnitId, Guid CustomerId, string Name, PayerKind Kind, int Phase);

    [GeneratedRegex("dur=([0-9.]+);desc=\"([0-9]+) statements\"")]
    private static partial Regex ServerTimingPattern();
}
