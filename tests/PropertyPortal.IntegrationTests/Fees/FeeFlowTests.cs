using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Fees;
using PropertyPortal.Domain.Registry;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.Web.Features.Fees;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Seeding;

namespace PropertyPortal.IntegrationTests.Fees;

/// <summary>
/// Money over HTTP and through the real services on both databases: the billing run's preview and
/// idempotence (also two runs at once), the counter payment with its receipt, the refusals, the
/// supervisor's reversal, gap-free receipt numbers under concurrent cashiers, and the dunning ladder
/// stopping the moment a payment clears the overdue balance.
/// </summary>
public abstract class FeeFlowTests(PortalFactory factory)
{
    private const string AreaItem = "测试物业管理费";
    private const string ParkingItem = "测试车位管理费";
    private const string DepositItem = "测试装修保证金";

    private PortalFactory App
    {
        get
        {
            factory.EnsureAvailable();
            return factory;
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_month_is_previewed_then_billed_once_per_unit_and_item_and_running_it_again_adds_nothing()
    {
        var property = await ResidentialWithItemsAsync();
        var period = new BillingPeriod(2026, 6);
        using var supervisor = await PortalClient.SignedInAsync(App, "supervisor");

        var preview = await supervisor.GetDocumentAsync($"/Billing/Preview?propertyId={property}&period={period}");
        var expected = await ExpectedChargesAsync(property);
        Assert.Equal(expected.ToString(CultureInfo.InvariantCulture), preview.QuerySelector("#new-charges")?.TextContent.Trim());
        Assert.Equal(0, await ChargeCountAsync(property, period));

        var run = await supervisor.SubmitFormAsync($"/Billing/Preview?propertyId={property}&period={period}", "main form[method='post']", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, run.StatusCode);
        Assert.Equal(expected, await ChargeCountAsync(property, period));

        var again = await supervisor.SubmitFormAsync($"/Billing/Preview?propertyId={property}&period={period}", "main form[method='post']", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(expected, await ChargeCountAsync(property, period));

        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        var billed = await db.BillingRuns.SingleAsync(r => r.PropertyId == property && r.Period == period.Key, Ct);
        Assert.Equal((2, expected), (billed.Runs, billed.ChargesCreated));

        // The per-m² line is the unit's area × the rate, rounded to the fen.
        var unit = await db.Units.Where(u => u.PropertyId == property).OrderBy(u => u.Number).FirstAsync(Ct);
        var line = await db.Charges.SingleAsync(c => c.UnitId == unit.Id && c.Period == period.Key && c.Description.StartsWith(AreaItem), Ct);
        Assert.Equal(decimal.Round(unit.Area * 2.35m, 2, MidpointRounding.AwayFromZero), line.Amount);

        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        Assert.True((await desk.GetAsync($"/Billing/Preview?propertyId={property}&period={period}")).IsAccessDenied());
    }

    [Fact]
    public async Task Two_billing_runs_of_the_same_month_at_once_bill_it_exactly_once()
    {
        var property = await ResidentialWithItemsAsync();
        var period = new BillingPeriod(2026, 7);
        var expected = await ExpectedChargesAsync(property);

        async Task<BillingOutcome> RunAsync()
        {
            await using var scope = App.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<BillingService>().RunAsync(property, period, new Actor(null, "test"), Ct);
        }

        var results = await Task.WhenAll(RunAsync(), RunAsync());
        Assert.Equal(expected, results.Sum(r => r.NewCharges) - (results.All(r => !r.Busy) ? results.Min(r => r.NewCharges) : 0));
        Assert.Equal(expected, await ChargeCountAsync(property, period));
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        Assert.Equal(0, await db.Charges.Where(c => c.Period == period.Key).GroupBy(c => c.SourceKey).CountAsync(g => g.Count() > 1, Ct));

        // The notices (bulk-written too) exactly once per unit, and the run's audit row is its summary: one creation, and per
        // completed run an update with the charges and the actor (the charges themselves are written past SaveChanges).
        var run = await db.BillingRuns.SingleAsync(r => r.PropertyId == property && r.Period == period.Key, Ct);
        var units = await db.Units.CountAsync(u => u.PropertyId == property, Ct);
        Assert.Equal(units, await db.PaymentNotices.CountAsync(n => n.RunId == run.Id, Ct));
        Assert.Equal(units, await db.PaymentNotices.Where(n => n.RunId == run.Id).Select(n => n.UnitId).Distinct().CountAsync(Ct));
        // The loser answered busy, or (SQLite, when the first had finished before it started) ran and wrote nothing.
        var completed = results.Count(r => !r.Busy);
        Assert.Equal((completed, expected, units), (run.Runs, run.ChargesCreated, run.NoticesCreated));
        var audit = await db.AuditEntries.Where(a => a.EntityId == run.Id).OrderBy(a => a.Id).ToListAsync(Ct);
        Assert.Equal([AuditAction.Created, .. Enumerable.Repeat(AuditAction.Updated, completed)], audit.Select(a => a.Action));
        Assert.Contains($"\"Field\":\"ChargesCreated\",\"Old\":\"0\",\"New\":\"{expected}\"", audit[1].Changes, StringComparison.Ordinal);
        Assert.Contains("\"Field\":\"LastRunByName\",\"Old\":null,\"New\":\"test\"", audit[1].Changes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_billed_charge_and_notice_read_back_exactly_as_the_run_computed_them()
    {
        var property = await ResidentialWithItemsAsync();
        var period = new BillingPeriod(2026, 9);
        await BillAsync(property, period);

        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        var unit = await db.Units.Where(u => u.PropertyId == property).OrderBy(u => u.Number).FirstAsync(Ct);
        var charge = await db.Charges.AsNoTracking().SingleAsync(c => c.UnitId == unit.Id && c.Period == period.Key && c.Description.StartsWith(AreaItem), Ct);
        var amount = decimal.Round(unit.Area * 2.35m, 2, MidpointRounding.AwayFromZero);
        Assert.Equal((amount, 0m, 0m, unit.Area, 2.35m, FeeKind.PerArea), (charge.Amount, charge.Paid, charge.Released, charge.Quantity, charge.UnitPrice, charge.Kind));
        Assert.Equal((DateTimeKind.Utc, "test", (DateTime?)null, 0), (charge.CreatedAt.Kind, charge.CreatedByName, charge.ReversedAt, charge.Version));
        Assert.StartsWith("M:", charge.SourceKey, StringComparison.Ordinal);
        Assert.Equal(period.Key, charge.Period);
        Assert.True(charge.DueDate >= period.FirstDay);
        // The notice is what the unit owed after the run (every open month of this shared property), as the ledger sums it.
        var owed = await db.Charges.Where(c => c.UnitId == unit.Id).Owed().SumAsync(c => c.Amount - c.Released - c.Paid, Ct);
        var notice = await db.PaymentNotices.AsNoTracking().SingleAsync(n => n.UnitId == unit.Id && n.Period == period.Key, Ct);
        Assert.Equal(owed, notice.Balance);
        Assert.True(notice.Id > 0);
        Assert.Equal(DateTimeKind.Utc, notice.CreatedAt.Kind);
    }

    [Fact]
    public async Task The_counter_takes_a_payment_oldest_first_prints_a_receipt_and_refuses_more_than_is_owed_without_saving_anything()
    {
        var property = await ResidentialWithItemsAsync();
        await BillAsync(property, new BillingPeriod(2026, 4));
        await BillAsync(property, new BillingPeriod(2026, 5));
        var unit = await UnitAsync(property, 0);
        var open = await OpenChargesAsync(unit);
        var oldest = open.OrderBy(c => c.DueDate).First();
        var owed = open.Sum(c => c.Amount - c.Paid);
        var before = await SequenceAsync(property);

        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var tooMuch = await desk.SubmitFormAsync($"/Fees/Account/{unit}", "#pay-form", new Dictionary<string, string> { ["PayerName"] = "王五", ["Amount"] = (owed + 1).ToString(CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.OK, tooMuch.StatusCode);
        Assert.Contains("收款金额超过应收余额", await tooMuch.Content.ReadAsStringAsync(Ct));
        Assert.Equal(before, await SequenceAsync(property));
        Assert.Equal(owed, (await OpenChargesAsync(unit)).Sum(c => c.Amount - c.Paid));

        var pay = await desk.SubmitFormAsync($"/Fees/Account/{unit}", "#pay-form", new Dictionary<string, string> { ["PayerName"] = "王五", ["Amount"] = oldest.Amount.ToString(CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.Redirect, pay.StatusCode);
        var receipt = await desk.GetDocumentAsync(pay.RedirectPath());
        var code = DemoSeeder.ResidentialCode;
        Assert.Equal($"{code}-{before + 1:D8}", receipt.QuerySelector("#receipt-number")?.TextContent.Trim());

        var after = await OpenChargesAsync(unit);
        Assert.DoesNotContain(after, c => c.Id == oldest.Id);
        Assert.Equal(owed - oldest.Amount, after.Sum(c => c.Amount - c.Paid));

        using var tech = await PortalClient.SignedInAsync(App, "technician");
        Assert.True((await tech.GetAsync($"/Fees/Account/{unit}")).IsAccessDenied());
        using var tower = await PortalClient.SignedInAsync(App, "officedesk");
        Assert.Equal(HttpStatusCode.NotFound, (await tower.GetAsync($"/Fees/Account/{unit}")).StatusCode);
        var towerToken = await tower.AntiforgeryTokenAsync();
        var post = await tower.PostAsync($"/Fees/Pay/{unit}", [new(PortalClient.TokenField, towerToken), new("Amount", "1"), new("PayerName", "x"), new("Method", "Cash"), new("Kind", "Counter")]);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.DoesNotContain(receipt.QuerySelector("#receipt-number")!.TextContent.Trim(), await ResponseText.ReadableAsync(await tower.GetAsync("/Fees/Export")));
    }

    [Fact]
    public async Task Only_a_supervisor_reverses_a_payment_and_it_gives_every_fen_back_to_its_charges()
    {
        var property = await ResidentialWithItemsAsync();
        await BillAsync(property, new BillingPeriod(2026, 3));
        var unit = await UnitAsync(property, 1);
        var owed = (await OpenChargesAsync(unit)).Sum(c => c.Amount - c.Paid);
        Payment payment;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            payment = (await scope.ServiceProvider.GetRequiredService<Ledger>().TakeAsync(unit, new PaymentInput(owed, PaymentKind.Counter, PaymentMethod.Cash, "李四", null, null), new Actor(null, "test"), Ct))!;
        }

        Assert.Empty(await OpenChargesAsync(unit));
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var token = await desk.AntiforgeryTokenAsync($"/Fees/Payment/{payment.Id}");
        var refused = await desk.PostAsync($"/Fees/ReversePayment/{payment.Id}", [new(PortalClient.TokenField, token), new("Reason", "收错户"), new("Version", payment.Version.ToString(CultureInfo.InvariantCulture))]);
        Assert.True(refused.IsAccessDenied());

        using var supervisor = await PortalClient.SignedInAsync(App, "supervisor");
        var noReason = await supervisor.SubmitFormAsync($"/Fees/Payment/{payment.Id}", "form[action*='ReversePayment']", new Dictionary<string, string> { ["Reason"] = "" });
        Assert.Equal(HttpStatusCode.Redirect, noReason.StatusCode);
        Assert.Empty(await OpenChargesAsync(unit));

        var reversed = await supervisor.SubmitFormAsync($"/Fees/Payment/{payment.Id}", "form[action*='ReversePayment']", new Dictionary<string, string> { ["Reason"] = "收错户，已退款" });
        Assert.Equal(HttpStatusCode.Redirect, reversed.StatusCode);
        Assert.Equal(owed, (await OpenChargesAsync(unit)).Sum(c => c.Amount - c.Paid));
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        var stored = await db.Payments.SingleAsync(p => p.Id == payment.Id, Ct);
        Assert.Equal(("收错户，已退款", "李主管"), (stored.ReversalReason, stored.ReversedByName));
        Assert.Contains("已冲正", await (await supervisor.GetAsync($"/Fees/Receipt/{payment.Id}")).Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Cashiers_taking_payments_at_the_same_moment_get_consecutive_receipt_numbers_with_no_gap_or_duplicate()
    {
        var property = await ResidentialWithItemsAsync();
        await BillAsync(property, new BillingPeriod(2026, 2));
        var units = new List<Guid>();
        for (var i = 2; i < 10; i++)
        {
            units.Add(await UnitAsync(property, i));
        }

        var before = await SequenceAsync(property);
        var payments = await Task.WhenAll(units.Select(async u =>
        {
            await using var scope = App.Services.CreateAsyncScope();
            return (await scope.ServiceProvider.GetRequiredService<Ledger>().TakeAsync(u, new PaymentInput(1m, PaymentKind.Counter, PaymentMethod.Cash, "并发", null, null), new Actor(null, "test"), Ct))!;
        }));
        Assert.Equal(Enumerable.Range(1, units.Count).Select(i => before + i), payments.Select(p => p.Sequence).Order());
        Assert.Equal(before + units.Count, await SequenceAsync(property));
    }

    [Fact]
    public async Task A_remittance_starts_the_three_working_day_invoice_clock_and_recording_the_invoice_meets_it()
    {
        var property = await ResidentialWithItemsAsync();
        await BillAsync(property, new BillingPeriod(2026, 1));
        var unit = await UnitAsync(property, 12);
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var pay = await desk.SubmitFormAsync($"/Fees/Account/{unit}", "#pay-form",
            new Dictionary<string, string> { ["PayerName"] = "王五", ["Amount"] = "10.00", ["Kind"] = "Remittance", ["Method"] = "Transfer", ["Reference"] = "TX20260101" });
        Assert.Equal(HttpStatusCode.Redirect, pay.StatusCode);
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        var payment = await db.Payments.Where(p => p.UnitId == unit).OrderByDescending(p => p.Sequence).FirstAsync(Ct);
        var clock = await db.SlaClocks.SingleAsync(c => c.SubjectId == payment.Id, Ct);
        Assert.Equal((Domain.Sla.SlaMilestone.Invoice, Domain.Sla.SlaTargetKind.WorkingDays, 3), (clock.Milestone, clock.TargetKind, clock.TargetValue));

        var noRef = await desk.SubmitFormAsync($"/Fees/Account/{unit}", "#pay-form", new Dictionary<string, string> { ["PayerName"] = "王五", ["Amount"] = "1.00", ["Method"] = "Cheque", ["Reference"] = "" });
        Assert.Contains("支票或转账须填写票据/流水号", await noRef.Content.ReadAsStringAsync(Ct));

        Assert.Equal(HttpStatusCode.Redirect, (await desk.SubmitFormAsync($"/Fees/Payment/{payment.Id}", "form[action*='Invoice']", new Dictionary<string, string> { ["InvoiceNumber"] = "FP-001" })).StatusCode);
        db.ChangeTracker.Clear();
        Assert.Equal(Domain.Sla.SlaClockState.Met, (await db.SlaClocks.SingleAsync(c => c.SubjectId == payment.Id, Ct)).State);
    }

    [Fact]
    public async Task An_overdue_household_gets_a_reminder_task_and_paying_stops_the_ladder_at_once()
    {
        var property = await ResidentialWithItemsAsync();
        await BillAsync(property, new BillingPeriod(2025, 10));
        var unit = await UnitAsync(property, 11);
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DunningService>().AdvancePropertyAsync(property, Web.Infrastructure.PortalClock.Today(App.Clock), Ct);
        }

        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        var dunningCase = await db.DunningCases.Include(c => c.Steps).SingleAsync(c => c.UnitId == unit && c.State != DunningState.Settled, Ct);
        Assert.Contains(dunningCase.Steps, s => s.Stage == DunningStage.Reminder && s.IsOpen);

        using var steward = await PortalClient.SignedInAsync(App, "steward");
        Assert.Contains($"/Dunning/Case/{dunningCase.Id}", await (await steward.GetAsync($"/Dunning?q={await UnitNumberAsync(unit)}")).Content.ReadAsStringAsync(Ct));

        var owed = (await OpenChargesAsync(unit)).Sum(c => c.Amount - c.Paid);
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");

        // The arrears list shows the unit over 180 days, its export too; the collection page the month's bills.
        var arrears = await desk.GetDocumentAsync($"/Fees?propertyId={property}&minDays=181");
        var row = arrears.QuerySelectorAll("#arrears tbody tr").Single(r => r.InnerHtml.Contains($"/Fees/Account/{unit}", StringComparison.Ordinal));
        Assert.Contains(Web.Infrastructure.Mvc.ViewHelpers.Money(owed), row.TextContent);
        var unitNumber = await UnitNumberAsync(unit);
        Assert.Contains(unitNumber, await ResponseText.ReadableAsync(await desk.GetAsync($"/Fees/Export?propertyId={property}&minDays=181")));
        var collection = await desk.GetDocumentAsync($"/Fees/Collection?period=2025-10&propertyId={property}");
        Assert.Contains("0.0 %", collection.QuerySelector("#by-property")?.TextContent ?? "");

        Assert.Equal(HttpStatusCode.Redirect, (await desk.SubmitFormAsync($"/Fees/Account/{unit}", "#pay-form", new Dictionary<string, string> { ["PayerName"] = "王五", ["Amount"] = owed.ToString(CultureInfo.InvariantCulture) })).StatusCode);

        db.ChangeTracker.Clear();
        var settled = await db.DunningCases.Include(c => c.Steps).SingleAsync(c => c.Id == dunningCase.Id, Ct);
        Assert.Equal(DunningState.Settled, settled.State);
        Assert.All(settled.Steps, s => Assert.False(s.IsOpen));

        // The steward can no longer record a call to a household that owes nothing.
        var step = settled.Steps.Single(s => s.Stage == DunningStage.Reminder);
        var token = await steward.AntiforgeryTokenAsync($"/Dunning/Case/{settled.Id}");
        await steward.PostAsync($"/Dunning/Complete/{step.Id}", [new(PortalClient.TokenField, token), new("Outcome", "已电话提醒"), new("Version", step.Version.ToString(CultureInfo.InvariantCulture))]);
        db.ChangeTracker.Clear();
        Assert.Null((await db.DunningSteps.SingleAsync(s => s.Id == step.Id, Ct)).DoneAt);
    }

    [Fact]
    public async Task A_unit_put_in_custody_on_its_edit_page_is_billed_70_percent_of_its_per_area_fee()
    {
        var property = await ResidentialWithItemsAsync();
        var unit = await UnitAsync(property, 20);
        using var admin = await PortalClient.SignedInAsync(App, "admin");
        Unit before;
        using (var read = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            before = await read.Units.AsNoTracking().SingleAsync(u => u.Id == unit, Ct);
        }

        // The form's selects keep what they show; the clerk ticks 托管.
        var saved = await admin.SubmitFormAsync($"/Units/Edit/{unit}", "main form[method='post']", new Dictionary<string, string>
        {
            ["InCustody"] = "true", ["BuildingId"] = before.BuildingId.ToString(), ["Type"] = before.Type.ToString(), ["Status"] = before.Status.ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("托管", await (await admin.GetAsync($"/Units/Details/{unit}")).Content.ReadAsStringAsync(Ct));

        await BillAsync(property, new BillingPeriod(2026, 8));
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        var area = await db.Units.Where(u => u.Id == unit).Select(u => u.Area).SingleAsync(Ct);
        var charge = await db.Charges.SingleAsync(c => c.UnitId == unit && c.Period == 202608 && c.Description.StartsWith(AreaItem), Ct);
        Assert.Equal(decimal.Round(area * 2.35m * 0.7m, 2, MidpointRounding.AwayFromZero), charge.Amount);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityId == unit && a.Changes.Contains("InCustody"), Ct));
    }

    [Fact]
    public async Task A_deposit_taken_at_the_counter_is_refunded_by_a_supervisor_less_itemised_deductions_in_the_same_ledger()
    {
        var property = await ResidentialWithItemsAsync();
        var unit = await UnitAsync(property, 30);
        Guid depositItem;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            depositItem = await db.FeeItems.Where(i => i.PropertyId == property && i.Name == DepositItem).Select(i => i.Id).SingleAsync(Ct);
        }

        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var added = await desk.SubmitFormAsync($"/Fees/Account/{unit}", "form[action*='/Fees/Charge/']",
            new Dictionary<string, string> { ["Charge.FeeItemId"] = depositItem.ToString(), ["Charge.Amount"] = "2000", ["Charge.Description"] = "3楼装修" });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var owed = (await OpenChargesAsync(unit)).Sum(c => c.Amount - c.Paid);
        Assert.Equal(HttpStatusCode.Redirect, (await desk.SubmitFormAsync($"/Fees/Account/{unit}", "#pay-form",
            new Dictionary<string, string> { ["PayerName"] = "王五", ["Amount"] = owed.ToString(CultureInfo.InvariantCulture) })).StatusCode);
        Charge deposit;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            deposit = await db.Charges.SingleAsync(c => c.UnitId == unit && c.Kind == FeeKind.Deposit, Ct);
        }

        Assert.Equal(2000m, deposit.Held);
        var token = await desk.AntiforgeryTokenAsync($"/Fees/Account/{unit}");
        var refused = await desk.PostAsync($"/Fees/Refund/{deposit.Id}", [new(PortalClient.TokenField, token), new("Deductions", "0"), new("Method", "Cash"), new("Version", deposit.Version.ToString(CultureInfo.InvariantCulture))]);
        Assert.True(refused.IsAccessDenied());

        using var supervisor = await PortalClient.SignedInAsync(App, "supervisor");
        var noReason = await supervisor.SubmitFormAsync($"/Fees/Account/{unit}", "form[action*='/Fees/Refund/']", new Dictionary<string, string> { ["Deductions"] = "300", ["Method"] = "Transfer" });
        Assert.Equal(HttpStatusCode.Redirect, noReason.StatusCode);
        Assert.Contains("有扣款时须逐项写明扣款原因", (await supervisor.GetDocumentAsync(noReason.RedirectPath())).QuerySelector(".alert-danger")?.TextContent ?? "");

        var refunded = await supervisor.SubmitFormAsync($"/Fees/Account/{unit}", "form[action*='/Fees/Refund/']",
            new Dictionary<string, string> { ["Deductions"] = "300", ["DeductionNote"] = "损坏电梯轿厢 300", ["Method"] = "Transfer", ["Reference"] = "TK-1" });
        Assert.Equal(HttpStatusCode.Redirect, refunded.StatusCode);
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            var after = await db.Charges.SingleAsync(c => c.Id == deposit.Id, Ct);
            Assert.Equal((300m, 1700m, 0m), (after.Paid, after.Released, after.Held));
            var refund = await db.Payments.SingleAsync(p => p.UnitId == unit && p.Kind == PaymentKind.Refund, Ct);
            Assert.Equal(1700m, refund.Amount);
            var charges = await db.Charges.Where(c => c.UnitId == unit && c.ReversedAt == null).SumAsync(c => c.Amount - c.Released, Ct);
            var payments = (await db.Payments.Where(p => p.UnitId == unit && p.ReversedAt == null).ToListAsync(Ct)).Sum(p => p.Signed);
            Assert.Equal(0m, charges - payments);
        }

        var account = await supervisor.GetDocumentAsync($"/Fees/Account/{unit}");
        Assert.Equal(Web.Infrastructure.Mvc.ViewHelpers.Money(0m), account.QuerySelector("#balance")?.TextContent.Trim());
        Assert.Contains("损坏电梯轿厢 300", account.QuerySelector("#statement")?.TextContent ?? "");
    }

    [Fact]
    public async Task An_admin_adds_a_fee_item_and_a_metered_item_without_its_meter_is_refused_in_chinese()
    {
        var property = await ResidentialWithItemsAsync();
        using var admin = await PortalClient.SignedInAsync(App, "admin");
        var refused = await admin.SubmitFormAsync($"/Settings/Fees?propertyId={property}", "#new-item", new Dictionary<string, string> { ["Name"] = "测试水费", ["Kind"] = "Metered", ["Rate"] = "4.1" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("按表计收费须选择表计", await refused.Content.ReadAsStringAsync(Ct));
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        Assert.False(await db.FeeItems.AnyAsync(i => i.Name == "测试水费", Ct));

        using var supervisor = await PortalClient.SignedInAsync(App, "supervisor");
        Assert.True((await supervisor.GetAsync($"/Settings/Fees?propertyId={property}")).IsAccessDenied());
    }

    private async Task<Guid> ResidentialWithItemsAsync()
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        var property = await db.Properties.SingleAsync(p => p.Code == DemoSeeder.ResidentialCode, Ct);
        if (!await db.FeeItems.AnyAsync(i => i.PropertyId == property.Id && i.Name == AreaItem, Ct))
        {
            var area = new FeeItem(property.Id, AreaItem, FeeKind.PerArea, null, null, 1);
            area.SetRate(new DateOnly(2025, 1, 1), 2.35m);
            var parking = new FeeItem(property.Id, ParkingItem, FeeKind.PerUnit, UnitType.Parking, null, 2);
            parking.SetRate(new DateOnly(2025, 1, 1), 150m);
            db.FeeItems.AddRange(area, parking, new FeeItem(property.Id, DepositItem, FeeKind.Deposit, null, null, 3));
            try
            {
                await db.SaveChangesAsync(Ct);
            }
            catch (DbUpdateException)
            {
                // Another test of this class added them first.
            }
        }

        return property.Id;
    }

    private async Task<int> ExpectedChargesAsync(Guid property)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        var units = await db.Units.CountAsync(u => u.PropertyId == property, Ct);
        var parking = await db.Units.CountAsync(u => u.PropertyId == property && u.Type == UnitType.Parking, Ct);
        return units + parking;
    }

    private async Task BillAsync(Guid property, BillingPeriod period)
    {
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<BillingService>().RunAsync(property, period, new Actor(null, "test"), Ct);
    }

    private async Task<int> ChargeCountAsync(Guid property, BillingPeriod period)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await db.Charges.CountAsync(c => c.PropertyId == property && c.Period == period.Key, Ct);
    }

    private async Task<Guid> UnitAsync(Guid property, int skip)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await db.Units.Where(u => u.PropertyId == property).OrderBy(u => u.Number).Skip(skip).Select(u => u.Id).FirstAsync(Ct);
    }

    private async Task<List<Charge>> OpenChargesAsync(Guid unit)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await db.Charges.AsNoTracking().Where(c => c.UnitId == unit && c.ReversedAt == null && c.Paid < c.Amount).ToListAsync(Ct);
    }

    private async Task<string> UnitNumberAsync(Guid unit)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await db.Units.Where(u => u.Id == unit).Select(u => u.Number).SingleAsync(Ct);
    }

    private async Task<long> SequenceAsync(Guid property)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await db.ReceiptSequences.Where(s => s.PropertyId == property).Select(s => s.Last).FirstOrDefaultAsync(Ct);
    }
}

public sealed class SqliteFeeFlowTests(SqlitePortalFactory factory) : FeeFlowTests(factory), IClassFixture<SqlitePortalFactory>;

public sealed class PostgresFeeFlowTests(PostgresPortalFactory factory) : FeeFlowTests(factory), IClassFixture<PostgresPortalFactory>;
