using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Community;
using PropertyPortal.Domain.Complaints;
using PropertyPortal.Domain.FrontDesk;
using PropertyPortal.Domain.Sla;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.Web.Features.Customers;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Seeding;

namespace PropertyPortal.IntegrationTests.Seeding;

/// <summary>
/// The demo is what a new user judges the portal by: every household must be one the portal itself would
/// accept (its own 身份证 checksum, phones), and the money and the front-desk log must read like an office's.
/// </summary>
public sealed class DemoDataTests(SqlitePortalFactory factory) : IClassFixture<SqlitePortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_demo_household_passes_the_household_form_unchanged()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var validator = new CustomerFormValidator(scope.ServiceProvider.GetRequiredService<IStringLocalizer<CustomersText>>());
        var customers = await db.Customers.AsNoTracking().ToListAsync(Ct);

        var refused = new List<string>();
        foreach (var customer in customers)
        {
            var result = await validator.ValidateAsync(CustomerForm.From(customer, "", canSeeFullId: true), Ct);
            refused.AddRange(result.Errors.Select(e => $"{customer.Name} ({customer.IdNumber}): {e.PropertyName} {e.ErrorMessage}"));
        }

        Assert.True(customers.Count(c => c.IdNumber is { Length: 18 }) > 100, "the demo should hold many 身份证 numbers");
        Assert.True(refused.Count == 0, string.Join(Environment.NewLine, refused.Take(20)));
    }

    [Fact]
    public async Task Demo_receipts_name_the_household_and_the_cashier_and_answers_say_what_was_answered()
    {
        await using (var seeding = factory.Services.CreateAsyncScope())
        {
            await seeding.ServiceProvider.GetRequiredService<DemoCasesSeeder>().SeedAsync(Ct);
            await seeding.ServiceProvider.GetRequiredService<DemoFeesSeeder>().SeedAsync(Ct);
        }

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var staff = await db.Users.AsNoTracking().Select(u => u.DisplayName).ToListAsync(Ct);
        var households = await db.Customers.AsNoTracking().Select(c => c.Name).ToListAsync(Ct);
        var payments = await db.Payments.AsNoTracking().Select(p => new { p.ReceiptNumber, p.PayerName, p.CashierName, p.CustomerId }).ToListAsync(Ct);

        Assert.NotEmpty(payments);
        Assert.Empty(payments.Where(p => !staff.Contains(p.CashierName)).Select(p => $"{p.ReceiptNumber} taken by {p.CashierName}"));
        Assert.Empty(payments.Where(p => !households.Contains(p.PayerName) && p.PayerName != "翠湖置业有限公司").Select(p => $"{p.ReceiptNumber} paid by {p.PayerName}"));
        Assert.True(payments.Count(p => p.CustomerId is not null) > payments.Count / 2, "a household's payment is linked to the household");
        Assert.DoesNotContain(await db.BillingRuns.AsNoTracking().Select(r => r.LastRunByName).ToListAsync(Ct), n => n is null || !staff.Contains(n));

        var answered = await db.Contacts.AsNoTracking().Where(c => c.Outcome == ContactOutcome.Answered).Select(c => c.OutcomeNote).ToListAsync(Ct);
        Assert.NotEmpty(answered);
        Assert.All(answered, note => Assert.False(string.IsNullOrWhiteSpace(note) || note.Contains("当场答复", StringComparison.Ordinal), $"the note repeats the outcome: {note}"));
    }

    [Fact]
    public async Task The_demo_s_approved_annual_plan_has_met_its_clocks_and_none_of_them_runs_overdue()
    {
        await using (var seeding = factory.Services.CreateAsyncScope())
        {
            await seeding.ServiceProvider.GetRequiredService<DemoCommunitySeeder>().SeedAsync(Ct);
        }

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var plan = await db.AnnualEventPlans.AsNoTracking().SingleAsync(Ct);
        var clocks = await db.SlaClocks.AsNoTracking().Where(c => c.SubjectId == plan.Id).ToListAsync(Ct);

        Assert.Equal(AnnualPlanStatus.Approved, plan.Status);
        Assert.NotEmpty(clocks);
        Assert.All(clocks, c => Assert.NotEqual(SlaClockState.Running, c.State));
    }

    [Fact]
    public async Task The_demo_has_complaints_a_new_user_can_follow_closed_awaiting_its_reply_and_a_major_plan_for_the_manager()
    {
        await using (var seeding = factory.Services.CreateAsyncScope())
        {
            await seeding.ServiceProvider.GetRequiredService<DemoCasesSeeder>().SeedAsync(Ct);
        }

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var complaints = await db.Complaints.AsNoTracking().ToListAsync(Ct);
        Assert.Equal(
            [(ComplaintTier.Minor, ComplaintStatus.Closed), (ComplaintTier.Important, ComplaintStatus.Accepted), (ComplaintTier.Major, ComplaintStatus.PlanPendingApproval)],
            complaints.OrderBy(c => c.Tier).Select(c => (c.Tier, c.Status)));
        Assert.All(complaints, c => Assert.NotNull(c.ContactId));

        // The one still waiting has its one-hour reply clock running, not yet late; the closed one left a callback to make.
        var waiting = complaints.Single(c => c.Status == ComplaintStatus.Accepted);
        var reply = await db.SlaClocks.AsNoTracking().SingleAsync(c => c.SubjectId == waiting.Id && c.Milestone == SlaMilestone.ComplaintReply, Ct);
        Assert.Equal(SlaClockState.Running, reply.State);
        Assert.True(reply.DueAt > factory.Clock.GetUtcNow().UtcDateTime);
        var closed = complaints.Single(c => c.Status == ComplaintStatus.Closed);
        Assert.True(await db.Callbacks.AnyAsync(c => c.ComplaintId == closed.Id, Ct));
    }
}
