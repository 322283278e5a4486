using System.Data.Common;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Fees;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.Web.Features.Fees;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Seeding;

namespace PropertyPortal.IntegrationTests.Resilience;

/// <summary>
/// PostgreSQL backends really killed (pg_terminate_backend) under the portal's requests: a read is
/// retried on a new connection and the page answers; a failure that outlasts the retries, or one inside
/// a form's transaction, answers the Chinese "please retry" page (503) without a stack trace, and the
/// clerk's resubmit of the same form takes the payment exactly once, with no gap in the receipt numbers —
/// also when the payment had committed and the instance failed before answering.
/// </summary>
public sealed class PostgresTransientFailureTests(PostgresTransientFailureTests.Faulty factory) : IClassFixture<PostgresTransientFailureTests.Faulty>
{
    private const string Item = "故障测试有偿服务";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Faulty App
    {
        get
        {
            factory.EnsureAvailable();
            return factory;
        }
    }

    [Fact]
    public async Task A_read_whose_connection_was_killed_is_retried_on_a_new_one_and_the_page_answers()
    {
        var unit = await UnitWithChargeAsync(0);
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        App.Logs.Clear();

        App.Killer.Arm("FROM \"Charges\"", times: 1);
        var page = await desk.GetAsync($"/Fees/Account/{unit}");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(0, App.Killer.Armed);
        Assert.Contains(App.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.StartsWith("Transient database failure", StringComparison.Ordinal));
        Assert.DoesNotContain(App.Logs.Entries, e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task A_failure_that_outlasts_the_retries_answers_the_chinese_please_retry_page_without_a_stack_trace()
    {
        var unit = await UnitWithChargeAsync(1);
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");

        // Database:RetryCount is 2 here: three killed connections in a row exhaust it.
        App.Killer.Arm("FROM \"Charges\"", times: 3);
        var page = await desk.GetAsync($"/Fees/Account/{unit}");
        App.Killer.Disarm();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.True(page.Headers.RetryAfter is not null, "503 says when to retry");
        var body = await page.Content.ReadAsStringAsync(Ct);
        Assert.Contains("系统繁忙，请稍后重试", body);
        Assert.DoesNotContain("Npgsql", body);
        Assert.DoesNotContain(" at PropertyPortal", body);

        // The next request finds the database well again.
        Assert.Equal(HttpStatusCode.OK, (await desk.GetAsync($"/Fees/Account/{unit}")).StatusCode);
    }

    [Fact]
    public async Task A_payment_whose_connection_dies_inside_its_transaction_saves_nothing_and_the_resubmitted_form_pays_once_without_a_receipt_gap()
    {
        var unit = await UnitWithChargeAsync(2);
        var property = await PropertyAsync();
        var before = await SequenceAsync(property);
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var (action, values) = await desk.ReadFormAsync($"/Fees/Account/{unit}", "#pay-form", new Dictionary<string, string> { ["PayerName"] = "王五", ["Amount"] = "100" });

        App.Killer.Arm("UPDATE \"ReceiptSequences\"", times: 1);
        var failed = await desk.PostAsync(action, values);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Contains("同一张表单再提交不会重复收款", await failed.Content.ReadAsStringAsync(Ct));
        Assert.Equal(0, await PaymentsAsync(unit));
        Assert.Equal(before, await SequenceAsync(property));

        var paid = await desk.PostAsync(action, values);
        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        Assert.Equal(paid.RedirectPath(), (await desk.PostAsync(action, values)).RedirectPath());
        Assert.Equal(1, await PaymentsAsync(unit));
        Assert.Equal(before + 1, await SequenceAsync(property));
    }

    [Fact]
    public async Task A_payment_that_committed_before_the_instance_failed_to_answer_is_not_taken_again_by_the_clerks_second_press()
    {
        var unit = await UnitWithChargeAsync(3);
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var (action, values) = await desk.ReadFormAsync($"/Fees/Account/{unit}", "#pay-form", new Dictionary<string, string> { ["PayerName"] = "王五", ["Amount"] = "100" });

        App.Killer.FailAfterNextCommit();
        var lost = await desk.PostAsync(action, values);
        Assert.Equal(HttpStatusCode.InternalServerError, lost.StatusCode);
        Assert.Equal(1, await PaymentsAsync(unit));

        var again = await desk.PostAsync(action, values);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        var payment = await db.Payments.SingleAsync(p => p.UnitId == unit, Ct);
        Assert.Equal($"/Fees/Receipt/{payment.Id}", again.RedirectPath());
        Assert.Equal(1, await PaymentsAsync(unit));
    }

    private async Task<Guid> PropertyAsync()
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await db.Properties.Where(p => p.Code == DemoSeeder.ResidentialCode).Select(p => p.Id).SingleAsync(Ct);
    }

    /// <summary>An occupied unit of 翠湖花园 with a 300-yuan one-off charge to pay.</summary>
    private async Task<Guid> UnitWithChargeAsync(int skip)
    {
        var property = await PropertyAsync();
        Guid unit, item;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            unit = await db.Occupancies.Where(o => o.PropertyId == property && o.EndDate == null).OrderBy(o => o.Id).Skip(80 + skip).Select(o => o.UnitId).FirstAsync(Ct);
            item = await db.FeeItems.Where(i => i.PropertyId == property && i.Name == Item).Select(i => i.Id).FirstOrDefaultAsync(Ct);
            if (item == Guid.Empty)
            {
                var created = new FeeItem(property, Item, FeeKind.OneOff, null, null, 60);
                db.FeeItems.Add(created);
                await db.SaveChangesAsync(Ct);
                item = created.Id;
            }
        }

        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Ledger>().AddOneOffAsync(unit, item, 300m, null, DateOnly.FromDateTime(App.Clock.UtcNow), $"T:{Guid.NewGuid():N}", new Actor(null, "test"), Ct);
        return unit;
    }

    private async Task<int> PaymentsAsync(Guid unit)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await db.Payments.CountAsync(p => p.UnitId == unit, Ct);
    }

    private async Task<long> SequenceAsync(Guid property)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await db.ReceiptSequences.Where(s => s.PropertyId == property).Select(s => s.Last).FirstOrDefaultAsync(Ct);
    }

    /// <summary>The portal with two retries, its logs captured, and a <see cref="BackendKiller"/> among its interceptors.</summary>
    public sealed class Faulty : PostgresPortalFactory
    {
        public BackendKiller Killer { get; } = new();

        public CapturedLogs Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Database:RetryCount", "2");
            builder.UseSetting("Database:RetryMaxDelaySeconds", "0.2");
            builder.UseSetting("Scheduler:Enabled", "false");
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<ILoggerProvider>(Logs);
                services.ConfigureDbContext<PostgresPortalDbContext>(o => o.AddInterceptors(Killer));
            });
        }
    }
}

/// <summary>
/// Kills the PostgreSQL backend of the connection about to run a matching command (from another
/// connection, waiting until it is gone), so the command meets a dead connection exactly as it would
/// after a server restart or a pg_terminate_backend by an operator; or fails the request right after
/// the next commit, as an instance dying between committing and answering.
/// </summary>
public sealed class BackendKiller : DbCommandInterceptor, IDbTransactionInterceptor
{
    private string? _match;
    private int _times;
    private int _failAfterCommit;

    public int Armed => Volatile.Read(ref _times);

    public void Arm(string sqlFragment, int times)
    {
        _match = sqlFragment;
        Volatile.Write(ref _times, times);
    }

    public void Disarm() => Volatile.Write(ref _times, 0);

    public void FailAfterNextCommit() => Volatile.Write(ref _failAfterCommit, 1);

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await KillIfArmedAsync(command);
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await KillIfArmedAsync(command);
        return result;
    }

    public override async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        await KillIfArmedAsync(command);
        return result;
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        Interlocked.Exchange(ref _failAfterCommit, 0) == 1
            ? throw new InvalidOperationException("Simulated: the instance failed after committing, before answering.")
            : Task.CompletedTask;

    private async Task KillIfArmedAsync(DbCommand command)
    {
        if (_match is not { } match || !command.CommandText.Contains(match, StringComparison.Ordinal) || command.Connection is not NpgsqlConnection connection)
        {
            return;
        }

        if (Interlocked.Decrement(ref _times) < 0)
        {
            Interlocked.Increment(ref _times);
            return;
        }

        await using var admin = new NpgsqlConnection(Requirements.Postgres());
        await admin.OpenAsync();
        await using var kill = new NpgsqlCommand("SELECT pg_terminate_backend(@pid, 5000)", admin);
        kill.Parameters.AddWithValue("pid", connection.ProcessID);
        await kill.ExecuteScalarAsync();
    }
}
