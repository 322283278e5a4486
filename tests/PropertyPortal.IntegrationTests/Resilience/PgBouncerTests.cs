using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Fees;
using PropertyPortal.Domain.FrontDesk;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.Web.Features.Fees;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Seeding;

namespace PropertyPortal.IntegrationTests.Resilience;

/// <summary>
/// The portal through a real PgBouncer (Debian's) in transaction pooling mode with only three server
/// connections: it migrates an empty database and seeds the demo company through it, Quartz's clustered
/// job store beats through it, and two dozen clerks at once — payments in transactions, contacts, pages —
/// all succeed on those three connections. Nothing the portal does may depend on a session: no
/// prepared statements kept, no SET, no advisory lock, no DISCARD ALL on a shared server connection.
/// </summary>
public sealed class PgBouncerTests(PgBouncerTests.ThroughPgBouncer factory) : IClassFixture<PgBouncerTests.ThroughPgBouncer>
{
    private const int ServerConnections = 3;
    private const int Clerks = 24;
    private const string Item = "连接池测试有偿服务";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_dozen_clerks_work_at_once_through_three_server_connections_and_the_scheduler_beats_through_pgbouncer()
    {
        factory.EnsureAvailable();
        var units = await UnitsWithChargesAsync(Clerks);
        var clients = await Task.WhenAll(Enumerable.Range(0, Clerks).Select(_ => PortalClient.SignedInAsync(factory, "frontdesk")));
        var property = await PropertyAsync();
        factory.Logs.Clear();

        using var watching = new CancellationTokenSource();
        var peak = WatchServerConnectionsAsync(watching.Token);
        var work = clients.Select((client, i) => Task.Run(async () =>
        {
            var paid = await client.SubmitFormAsync($"/Fees/Account/{units[i]}", "#pay-form", new Dictionary<string, string> { ["PayerName"] = "王五", ["Amount"] = "10" });
            Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(paid.RedirectPath())).StatusCode);
            var logged = await client.SubmitFormAsync($"/Contacts/Create?propertyId={property}", "#contact-form", new Dictionary<string, string>
            {
                ["PropertyId"] = property.ToString(), ["Name"] = "赵女士", ["Phone"] = "13700001111", ["Subject"] = $"连接池{i}",
                ["Source"] = nameof(ContactSource.Phone), ["Outcome"] = nameof(ContactOutcome.Pending),
            });
            Assert.Equal(HttpStatusCode.Redirect, logged.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Search?q=8000")).StatusCode);
        }, Ct)).ToList();
        await Task.WhenAll(work);
        await watching.CancelAsync();
        var most = await peak;

        Assert.InRange(most, 1, ServerConnections);
        using (var db = factory.CreateDbContext(SystemPropertyScope.Instance))
        {
            Assert.Equal(Clerks, await db.Payments.CountAsync(p => units.Contains(p.UnitId), Ct));
            var sequences = await db.Payments.Where(p => p.PropertyId == property).Select(p => p.Sequence).ToListAsync(Ct);
            Assert.Equal(sequences.Count, sequences.Distinct().Count());
            Assert.Equal(sequences.Max() - sequences.Min() + 1, sequences.Count);
            Assert.Equal(Clerks, await db.Contacts.CountAsync(c => c.Subject.StartsWith("连接池"), Ct));
        }

        Assert.DoesNotContain(factory.Logs.Entries, e => e.Level >= LogLevel.Error);

        // Quartz's clustered store (row locks in transactions) works through PgBouncer too: the heartbeat job is current.
        using var health = JsonDocument.Parse(await (await factory.CreateClient().GetAsync("/healthz", Ct)).Content.ReadAsStringAsync(Ct));
        Assert.Equal("Healthy", health.RootElement.GetProperty("checks").GetProperty("scheduler").GetProperty("status").GetString());
    }

    /// <summary>The most portal backends (application name PropertyPortal…) the server had at once on the test database.</summary>
    private async Task<int> WatchServerConnectionsAsync(CancellationToken stop)
    {
        var database = new NpgsqlConnectionStringBuilder(factory.ConnectionString).Database;
        await using var admin = new NpgsqlConnection(Requirements.Postgres());
        await admin.OpenAsync(Ct);
        var most = 0;
        while (!stop.IsCancellationRequested)
        {
            await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = @db AND application_name LIKE 'PropertyPortal%'", admin);
            count.Parameters.AddWithValue("db", database!);
            most = Math.Max(most, (int)(long)(await count.ExecuteScalarAsync(Ct))!);
            try
            {
                await Task.Delay(20, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return most;
    }

    private async Task<Guid> PropertyAsync()
    {
        using var db = factory.CreateDbContext(SystemPropertyScope.Instance);
        return await db.Properties.Where(p => p.Code == DemoSeeder.ResidentialCode).Select(p => p.Id).SingleAsync(Ct);
    }

    private async Task<List<Guid>> UnitsWithChargesAsync(int count)
    {
        var property = await PropertyAsync();
        List<Guid> units;
        Guid item;
        using (var db = factory.CreateDbContext(SystemPropertyScope.Instance))
        {
            units = await db.Occupancies.Where(o => o.PropertyId == property && o.EndDate == null).OrderBy(o => o.Id).Take(count).Select(o => o.UnitId).ToListAsync(Ct);
            var created = new FeeItem(property, Item, FeeKind.OneOff, null, null, 70);
            db.FeeItems.Add(created);
            await db.SaveChangesAsync(Ct);
            item = created.Id;
        }

        await using var scope = factory.Services.CreateAsyncScope();
        var ledger = scope.ServiceProvider.GetRequiredService<Ledger>();
        foreach (var unit in units)
        {
            await ledger.AddOneOffAsync(unit, item, 100m, null, DateOnly.FromDateTime(factory.Clock.UtcNow), $"T:{Guid.NewGuid():N}", new Actor(null, "test"), Ct);
        }

        return units;
    }

    /// <summary>
    /// An empty database reached only through PgBouncer (Database:Pooler=PgBouncer): the portal migrates
    /// it and seeds the demo company itself, through the pooler, and runs its scheduler there.
    /// </summary>
    public sealed class ThroughPgBouncer : PostgresPortalFactory
    {
        private PgBouncerProcess? _bouncer;

        public CapturedLogs Logs { get; } = new();

        protected override bool SeedDemo => false;

        public override void EnsureAvailable()
        {
            base.EnsureAvailable();
            Requirements.PgBouncer();
        }

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            if (Requirements.PostgresConfigured && File.Exists(Requirements.PgBouncerPath))
            {
                _bouncer = await PgBouncerProcess.StartAsync(ServerConnections);
            }
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            var database = new NpgsqlConnectionStringBuilder(ConnectionString).Database!;
            builder.UseSetting("ConnectionStrings:Portal", _bouncer?.ConnectionStringFor(database) ?? ConnectionString);
            builder.UseSetting("Database:Pooler", "PgBouncer");
            builder.UseSetting("Seed:Demo", "true");
            builder.UseSetting("Scheduler:SweepSeconds", "2");
            builder.ConfigureTestServices(s => s.AddSingleton<ILoggerProvider>(Logs));
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            if (_bouncer is not null)
            {
                await _bouncer.DisposeAsync();
            }
        }
    }
}
