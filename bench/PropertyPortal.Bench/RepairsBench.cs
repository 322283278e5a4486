using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Features.Notifications;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Bench;

/// <summary>
/// Issue 3's benchmark: 200,000 repair orders on top of the 100,000-unit company, then the pages the
/// desk, the supervisor and a technician open all day — timed through the real portal in-process —
/// and the SLA sweep over 100,000 running clocks of which 100 are due.
/// </summary>
internal sealed partial class RepairsBench(BenchDatabase database, BenchOptions options, Action<string> line)
{
    /// <summary>Wednesday 2026-11-18 10:00 in China: a working morning.</summary>
    private static readonly DateTime SeededAtUtc = new(2026, 11, 18, 2, 0, 0, DateTimeKind.Utc);

    private const int DuePerSweep = 100;
    private const int SweepRounds = 5;

    public async Task RunAsync()
    {
        var clock = new BenchClock(SeededAtUtc);
        await using var host = new BenchHost(options, database.ConnectionString, clock);
        _ = host.Server; // starts the portal: roles and reference data (categories, the 2026 calendar)

        var seeder = new RepairSeeder(database, options, host.Services, SeededAtUtc);
        var staff = await seeder.StaffAsync();
        var seeded = await seeder.SeedAsync(staff);
        if (seeded > TimeSpan.Zero)
        {
            line($"- seed: {seeded.TotalSeconds:0.0} s for {options.Orders:N0} repair orders through the domain ({options.Orders / seeded.TotalSeconds:N0} orders/s with their events, clocks and callbacks)");
        }

        await database.AnalyzeAsync();
        await CountAsync();
        if (options.SeedOnly)
        {
            return;
        }

        // "Now" for the pages and the first sweep: the instant at which exactly 100 clocks have a step due.
        var first = await NextWindowAsync();
        clock.Set(first);
        line($"- portal clock for the pages: {first:yyyy-MM-dd HH:mm:ss} UTC, when {DuePerSweep} clocks have a step due");
        Measure.Collect();
        line($"- memory after seeding (bench and portal in one process): {Measure.Memory()}");
        line("");

        await PagesAsync(host, staff[0]);
        line("");
        await SweepsAsync(host, clock);
        line("");
        await ExplainAsync(first, staff[0]);
        Measure.Collect();
        line("");
        line($"- memory at the end: {Measure.Memory()}");
    }

    private async Task CountAsync()
    {
        await using var db = database.Create(SystemPropertyScope.Instance);
        var orders = await db.RepairOrders.CountAsync();
        var events = await db.RepairOrderEvents.CountAsync();
        var callbacks = await db.Callbacks.CountAsync();
        var clocks = await db.SlaClocks.CountAsync();
        var running = await db.SlaClocks.CountAsync(c => c.State == SlaClockState.Running);
        line($"- rows: {orders:N0} repair orders, {events:N0} timeline events, {callbacks:N0} callbacks, {clocks:N0} clocks of which {running:N0} running; database size {await database.SizeBytesAsync() / 1048576.0:0} MB");
    }

    /// <summary>The earliest instant at which <see cref="DuePerSweep"/> clocks have a step due.</summary>
    private async Task<DateTime> NextWindowAsync()
    {
        await using var db = database.Create(SystemPropertyScope.Instance);
        var at = await db.SlaClocks.Where(c => c.NextCheckAt != null).OrderBy(c => c.NextCheckAt)
            .Skip(DuePerSweep - 1).Select(c => c.NextCheckAt).FirstAsync();
        return DateTime.SpecifyKind(at!.Value, DateTimeKind.Utc);
    }

    private async Task PagesAsync(BenchHost host, PropertyStaff staff)
    {
        var desk = await SignInAsync(host, "desk01");
        var supervisor = await SignInAsync(host, "sup01");
        var technician = await SignInAsync(host, "tech01-1");
        List<Guid> orderIds;
        await using (var db = database.Create(new BenchScope([staff.PropertyId])))
        {
            // Any of the property's 20,000 orders: open and closed, recent and ten months old.
            orderIds = await db.RepairOrders.OrderBy(o => o.Id).Select(o => o.Id).Take(5_000).ToListAsync();
        }

        var random = new Random(7);
        (string Who, string Page, HttpClient Client, Func<string> Url)[] pages =
        [
            ("front desk", "home: my queue (overdue, due in 2 h, callbacks)", desk, () => "/"),
            ("front desk", "repair order detail (timeline, clocks, callback)", desk, () => $"/Repairs/Details/{orderIds[random.Next(orderIds.Count)]}"),
            ("front desk", "repair register, first page", desk, () => "/Repairs"),
            ("front desk", "callbacks to make", desk, () => "/Callbacks"),
            ("supervisor", "home: the property's queue", supervisor, () => "/"),
            ("supervisor", "board (every open clock, escalations)", supervisor, () => "/Board"),
            ("technician", "my orders (phone page)", technician, () => "/Repairs/Mine"),
        ];
        line($"Pages: {options.Runs} requests each after {options.Warmup} warm-up requests, one at a time, through the real portal in-process (authentication, antiforgery, EF, Razor; no network). Users of property BP01 (20,000 orders, 10,000 running clocks).");
        line("");
        line("| user | page | p50 ms | p95 ms | max ms | KB |");
        line("|---|---|---:|---:|---:|---:|");
        foreach (var (who, page, client, url) in pages)
        {
            var samples = new List<double>(options.Runs);
            long bytes = 0;
            for (var i = 0; i < options.Warmup + options.Runs; i++)
            {
                var path = url();
                var started = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(path);
                var body = await response.Content.ReadAsByteArrayAsync();
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"GET {path} as {who} answered {(int)response.StatusCode}");
                }

                if (i >= options.Warmup)
                {
                    samples.Add(elapsed);
                    bytes += body.Length;
                }
            }

            var t = Measure.Summarise(samples);
            line($"| {who} | {page} | {t.P50:0.0} | {t.P95:0.0} | {t.Max:0.0} | {bytes / 1024.0 / options.Runs:0} |");
        }
    }

    private async Task SweepsAsync(BenchHost host, BenchClock clock)
    {
        line($"Sweeps: the SLA sweep as the scheduled job runs it (SlaSweeper, then the outbox dispatcher delivering the in-app notifications), each at the next instant when {DuePerSweep} more clocks have a step due, then once with nothing due.");
        line("");
        line("| sweep | clocks running | examined | steps fired | sweep ms | notifications delivered | dispatch ms |");
        line("|---|---:|---:|---:|---:|---:|---:|");
        for (var round = 1; round <= SweepRounds + 1; round++)
        {
            var idle = round > SweepRounds;
            if (!idle)
            {
                clock.Set(await NextWindowAsync());
            }

            int running;
            await using (var db = database.Create(SystemPropertyScope.Instance))
            {
                running = await db.SlaClocks.CountAsync(c => c.State == SlaClockState.Running);
            }

            await using var scope = host.Services.CreateAsyncScope();
            var sweep = await scope.ServiceProvider.GetRequiredService<SlaSweeper>().SweepAsync(default);
            var dispatch = await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(default);
            line($"| {(idle ? "nothing due" : $"{round} at {clock.GetUtcNow():MM-dd HH:mm:ss}")} | {running:N0} | {sweep.ClocksExamined} | {sweep.EventsFired} | {sweep.Duration.TotalMilliseconds:0} | {dispatch.Delivered} | {dispatch.Duration.TotalMilliseconds:0} |");
        }
    }

    /// <summary>The plans of the two queries that must stay index seeks: the sweep's and the desk's queue.</summary>
    private async Task ExplainAsync(DateTime now, PropertyStaff staff)
    {
        await using var db = database.Create(new BenchScope([staff.PropertyId]));
        var sweep = db.SlaClocks.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.NextCheckAt != null && c.NextCheckAt <= now).OrderBy(c => c.NextCheckAt).Take(200);
        var deskId = staff.Desk.UserId;
        // WorkQueue's read: the cases of the first 250 overdue clocks of the clerk (an index range), then all their clocks by case.
        var first = db.SlaClocks.AsNoTracking()
            .Where(c => c.State == SlaClockState.Running && c.AssigneeId == deskId && c.DueAt < now).OrderBy(c => c.DueAt).Select(c => c.SubjectId)
            .Take(Web.Features.Board.WorkQueue.ScreenRows * Web.Features.Board.WorkQueue.ClocksPerCase);
        var queue = db.SlaClocks.AsNoTracking().Where(c => first.Contains(c.SubjectId));
        await ExplainAsync(db, "sweep: clocks with a step due (SlaSweeper)", sweep);
        await ExplainAsync(db, "desk queue: my overdue clocks (WorkQueue)", queue);
    }

    private async Task ExplainAsync<T>(PortalDbContext db, string title, IQueryable<T> query)
    {
        await using var command = query.CreateDbCommand();
        command.CommandText = (options.IsPostgres ? "EXPLAIN (ANALYZE, BUFFERS) " : "EXPLAIN QUERY PLAN ") + command.CommandText;
        await db.Database.OpenConnectionAsync();
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(options.IsPostgres ? reader.GetString(0) : reader.GetString(reader.FieldCount - 1));
            }
        }

        line($"Plan of the {title}:");
        line("```");
        plan.ForEach(line);
        line("```");
    }

    internal static async Task<HttpClient> SignInAsync(BenchHost host, string userName)
    {
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        // A slow page is a figure to report, not a failure: HttpClient's 100 s default cut the reports bench's first dashboard.
        client.Timeout = TimeSpan.FromMinutes(10);
        var form = await client.GetStringAsync("/Account/Login");
        var token = TokenPattern().Match(form) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("No antiforgery token on the login page");
        using var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = RepairSeeder.Password,
            ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {userName} answered {(int)response.StatusCode}");
        }

        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
