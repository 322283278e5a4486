using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PropertyPortal.Domain.Fees;
using PropertyPortal.Domain.Notifications;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Seeding;

namespace PropertyPortal.IntegrationTests.Resilience;

/// <summary>
/// What the logs say about unique violations, read from a captured logger: one the code expects and
/// handles (the outbox's dedup key, a case number two desks drew at once) is no error — the handler
/// says it at Information with the case — while any other still is an Error with its exception.
/// </summary>
public abstract class ExpectedClashLoggingTests(PortalFactory factory, CapturedLogs logs)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private PortalFactory App
    {
        get
        {
            factory.EnsureAvailable();
            return factory;
        }
    }

    [Fact]
    public async Task A_unique_violation_the_code_expects_is_not_logged_as_an_error_and_any_other_still_is()
    {
        var property = await PropertyAsync();
        var key = "clash-test:" + Guid.NewGuid().ToString("N");
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.OutboxMessages.Add(new OutboxMessage(key, "InApp", "u", property, "SlaWarning", "[]", null, App.Clock.UtcNow));
        await db.SaveChangesAsync(Ct);
        db.ChangeTracker.Clear();
        logs.Clear();

        db.OutboxMessages.Add(new OutboxMessage(key, "InApp", "u", property, "SlaWarning", "[]", null, App.Clock.UtcNow));
        var expected = await Assert.ThrowsAnyAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
        Assert.True(expected.IsUniqueViolation());
        db.ChangeTracker.Clear();
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Warning);

        // The same kind of failure on an index nobody races for is a real error, and still says so.
        var name = "重复收费项目" + Guid.NewGuid().ToString("N")[..6];
        db.FeeItems.Add(new FeeItem(property, name, FeeKind.OneOff, null, null, 90));
        await db.SaveChangesAsync(Ct);
        db.ChangeTracker.Clear();
        db.FeeItems.Add(new FeeItem(property, name, FeeKind.OneOff, null, null, 91));
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
        var error = Assert.Single(logs.Entries, e => e.Level == LogLevel.Error);
        Assert.Equal(typeof(DbFailureLogInterceptor).FullName, error.Category);
        Assert.IsAssignableFrom<DbUpdateException>(error.Exception);
    }

    [Fact]
    public void Every_expected_clash_names_a_unique_index_of_the_model()
    {
        using var scope = App.Services.CreateScope();
        var model = scope.ServiceProvider.GetRequiredService<PortalDbContext>().Model;
        var names = ExpectedClashes.Resolve(model, throwIfMissing: true);
        Assert.Equal(ExpectedClashes.Indexes.Count, names.Count);
        Assert.Contains(names, n => n.Postgres == "IX_RepairOrders_PropertyId_Number" && n.Sqlite == "RepairOrders.PropertyId, RepairOrders.Number");
        Assert.Contains(names, n => n.Postgres == "PK_IdempotencyKeys" && n.Sqlite == "IdempotencyKeys.UserId, IdempotencyKeys.Key");
    }

    protected async Task<Guid> PropertyAsync()
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await db.Properties.Where(p => p.Code == DemoSeeder.ResidentialCode).Select(p => p.Id).SingleAsync(Ct);
    }
}

/// <summary>The portal with its logs captured (and two desks that meet at the save, for the case-number race).</summary>
public interface ILoggedPortal
{
    CapturedLogs Logs { get; }

    DeskRendezvous Desks { get; }
}

public sealed class LoggedSqlitePortal : SqlitePortalFactory, ILoggedPortal
{
    public CapturedLogs Logs { get; } = new();

    public DeskRendezvous Desks { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Scheduler:Enabled", "false");
        builder.ConfigureTestServices(s => s.AddSingleton<ILoggerProvider>(Logs));
    }
}

public sealed class LoggedPostgresPortal : PostgresPortalFactory, ILoggedPortal
{
    public CapturedLogs Logs { get; } = new();

    public DeskRendezvous Desks { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Scheduler:Enabled", "false");
        builder.ConfigureTestServices(s =>
        {
            s.AddSingleton<ILoggerProvider>(Logs);
            s.ConfigureDbContext<PostgresPortalDbContext>(o => o.AddInterceptors(Desks));
        });
    }
}

public sealed class SqliteExpectedClashLoggingTests(LoggedSqlitePortal factory) : ExpectedClashLoggingTests(factory, factory.Logs), IClassFixture<LoggedSqlitePortal>;

public sealed class PostgresExpectedClashLoggingTests(LoggedPostgresPortal factory) : ExpectedClashLoggingTests(factory, factory.Logs), IClassFixture<LoggedPostgresPortal>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// Two desks accept a repair at the same moment and draw the same number (the rendezvous holds
    /// both at their save until both have drawn): the second save meets the unique index, draws the
    /// next number and succeeds. The clash is one Information line naming the number — no error.
    /// </summary>
    [Fact]
    public async Task Two_desks_drawing_the_same_case_number_get_two_orders_and_the_clash_is_information_not_an_error()
    {
        factory.EnsureAvailable();
        var property = await PropertyAsync();
        var marker = "同号测试" + Guid.NewGuid().ToString("N")[..8];
        Guid unit, category;
        using (var db = factory.CreateDbContext(SystemPropertyScope.Instance))
        {
            unit = await db.Occupancies.Where(o => o.PropertyId == property && o.EndDate == null).OrderBy(o => o.Id).Skip(120).Select(o => o.UnitId).FirstAsync(Ct);
            category = await db.RepairCategories.Where(c => c.IsActive).OrderBy(c => c.SortOrder).Select(c => c.Id).FirstAsync(Ct);
        }

        var fields = new Dictionary<string, string>
        {
            ["Location"] = "厨房", ["Description"] = marker, ["CategoryId"] = category.ToString(), ["Urgency"] = nameof(RepairUrgency.Normal),
            ["Billing"] = nameof(RepairBilling.Warranty), ["ReporterName"] = "王先生",
        };
        using var desk1 = await PortalClient.SignedInAsync(factory, "frontdesk");
        using var desk2 = await PortalClient.SignedInAsync(factory, "steward");
        var form1 = await desk1.ReadFormAsync($"/Repairs/Create?unitId={unit}", "main form[method='post']", fields);
        var form2 = await desk2.ReadFormAsync($"/Repairs/Create?unitId={unit}", "main form[method='post']", fields);
        factory.Logs.Clear();

        factory.Desks.Expect(marker, desks: 2);
        var answers = await Task.WhenAll(desk1.PostAsync(form1.Action, form1.Values), desk2.PostAsync(form2.Action, form2.Values));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
        Assert.True(factory.Desks.Met, "both desks reached their save before either saved");
        using var check = factory.CreateDbContext(SystemPropertyScope.Instance);
        var numbers = await check.RepairOrders.Where(o => o.Description == marker).Select(o => o.Number).ToListAsync(Ct);
        Assert.Equal(2, numbers.Distinct().Count());

        var clash = Assert.Single(factory.Logs.Entries, e => e.Message.Contains("was taken by another desk", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Information, clash.Level);
        Assert.Contains(numbers.Min()!, clash.Message);
        Assert.Null(clash.Exception);

        Assert.DoesNotContain(factory.Logs.Entries, e => e.Level >= LogLevel.Error || e.Level == LogLevel.Warning && e.Category.StartsWith("PropertyPortal", StringComparison.Ordinal));
    }
}

/// <summary>
/// Holds the first saves of new repair orders marked with a text until that many desks have reached
/// their save — by then each has drawn its case number — then lets them all go at once.
/// </summary>
public sealed class DeskRendezvous : SaveChangesInterceptor
{
    private string? _marker;
    private int _arrived;
    private int _expected;
    private TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Met { get; private set; }

    public void Expect(string marker, int desks)
    {
        _marker = marker;
        _expected = desks;
        _arrived = 0;
        Met = false;
        _all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        var marker = _marker;
        if (marker is not null && eventData.Context is { } context
            && context.ChangeTracker.Entries<RepairOrder>().Any(e => e.State == EntityState.Added && e.Entity.Description == marker))
        {
            var arrived = Interlocked.Increment(ref _arrived);
            if (arrived == _expected)
            {
                Met = true;
                _all.TrySetResult();
            }

            if (arrived <= _expected)
            {
                await _all.Task.WaitAsync(TimeSpan.FromSeconds(20), cancellationToken);
            }
        }

        return result;
    }
}
