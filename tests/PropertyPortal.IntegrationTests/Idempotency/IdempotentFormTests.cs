using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Complaints;
using PropertyPortal.Domain.Fees;
using PropertyPortal.Domain.FrontDesk;
using PropertyPortal.Domain.MoveInOut;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Domain.Renovations;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.Web.Features.Fees;
using PropertyPortal.Web.Infrastructure.Idempotency;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Seeding;

namespace PropertyPortal.IntegrationTests.Idempotency;

/// <summary>
/// Every form that moves money or opens a case, posted twice with the same one-time key — one after
/// the other (a retry after a timeout) and both at once (a double click) — over HTTP, on both
/// databases: one record is created and both answers redirect to it.
/// </summary>
public abstract class IdempotentFormTests(PortalFactory factory)
{
    private const string OneOffItem = "幂等测试有偿服务";
    private const string DepositItem = "幂等测试保证金";

    private PortalFactory App
    {
        get
        {
            factory.EnsureAvailable();
            return factory;
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Kinds = ["payment", "charge", "refund", "repair", "complaint", "contact", "renovation", "move-in", "move-out"];

    public static TheoryData<string, bool> Forms()
    {
        var data = new TheoryData<string, bool>();
        foreach (var form in Kinds)
        {
            data.Add(form, false);
            data.Add(form, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task The_same_form_posted_twice_creates_one_record_and_both_answers_point_at_it(string form, bool atOnce)
    {
        // Each case has its own unit (and household), so the cases of this class do not meet.
        var slot = Array.IndexOf(Kinds, form) * 2 + (atOnce ? 1 : 0);
        var marker = $"幂等{slot:D2}-{Guid.NewGuid():N}"[..16];
        var (user, page, selector, fields, count) = await PrepareAsync(form, slot, marker);
        using var client = await PortalClient.SignedInAsync(App, user);
        var (action, values) = await client.ReadFormAsync(page, selector, fields);
        Assert.True(values.ContainsKey(IdempotencyFilter.FieldName), $"The {form} form carries no one-time key.");
        var before = await count();

        HttpResponseMessage[] answers = atOnce
            ? await Task.WhenAll(client.PostAsync(action, values), client.PostAsync(action, values))
            : [await client.PostAsync(action, values), await client.PostAsync(action, values)];

        foreach (var answer in answers)
        {
            Assert.True(answer.StatusCode == HttpStatusCode.Redirect,
                $"{form}: answered {(int)answer.StatusCode} {(await PortalClient.ParseAsync(answer)).QuerySelector(".alert-danger, .text-danger:not(:empty)")?.TextContent}");
        }

        Assert.Equal(answers[0].RedirectPath(), answers[1].RedirectPath());
        Assert.Equal(before + 1, await count());
    }

    [Fact]
    public async Task A_repeated_payment_says_so_on_the_receipt_and_a_fresh_page_takes_a_second_payment()
    {
        var (user, page, selector, fields, count) = await PrepareAsync("payment", 40, "x");
        using var client = await PortalClient.SignedInAsync(App, user);
        var (action, values) = await client.ReadFormAsync(page, selector, fields);
        var first = await client.PostAsync(action, values);
        var firstPage = await client.GetDocumentAsync(first.RedirectPath());
        Assert.DoesNotContain("已经提交过", firstPage.QuerySelector(".alert-success")?.TextContent ?? "");

        var again = await client.PostAsync(action, values);
        Assert.Equal(first.RedirectPath(), again.RedirectPath());
        Assert.Contains("已经提交过", (await client.GetDocumentAsync(again.RedirectPath())).QuerySelector(".alert-success")?.TextContent ?? "");
        Assert.Equal(1, await count());

        // A new page is a new key: the clerk who means a second payment gets one.
        var second = await client.SubmitFormAsync(page, selector, fields);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.NotEqual(first.RedirectPath(), second.RedirectPath());
        Assert.Equal(2, await count());
    }

    [Fact]
    public async Task A_refused_form_keeps_no_key_so_the_corrected_form_goes_through_and_its_repeat_is_answered_once()
    {
        var (user, page, selector, fields, count) = await PrepareAsync("payment", 41, "x");
        using var client = await PortalClient.SignedInAsync(App, user);
        var (action, values) = await client.ReadFormAsync(page, selector, fields);
        var tooMuch = new Dictionary<string, string>(values) { ["Amount"] = "99999" };
        var refused = await client.PostAsync(action, tooMuch);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("收款金额超过应收余额", await refused.Content.ReadAsStringAsync(Ct));
        Assert.Equal(0, await count());

        // The same key with the amount corrected: the refusal stored nothing under it.
        var paid = await client.PostAsync(action, values);
        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        Assert.Equal(paid.RedirectPath(), (await client.PostAsync(action, values)).RedirectPath());
        Assert.Equal(1, await count());
    }

    [Fact]
    public async Task A_key_is_the_users_own_a_copied_form_of_another_clerk_is_a_new_contact()
    {
        var (user, page, selector, fields, count) = await PrepareAsync("contact", 42, "幂等他人" + Guid.NewGuid().ToString("N")[..6]);
        using var desk = await PortalClient.SignedInAsync(App, user);
        var (action, values) = await desk.ReadFormAsync(page, selector, fields);
        Assert.Equal(HttpStatusCode.Redirect, (await desk.PostAsync(action, values)).StatusCode);

        using var steward = await PortalClient.SignedInAsync(App, "steward");
        var (_, theirs) = await steward.ReadFormAsync(page, selector, fields);
        theirs[IdempotencyFilter.FieldName] = values[IdempotencyFilter.FieldName];
        Assert.Equal(HttpStatusCode.Redirect, (await steward.PostAsync(action, theirs)).StatusCode);
        Assert.Equal(2, await count());
    }

    [Fact]
    public async Task A_key_is_forgotten_after_its_lifetime_and_the_same_post_then_counts_again()
    {
        var (user, page, selector, fields, count) = await PrepareAsync("payment", 43, "x");
        fields["Amount"] = "50";
        using var desk = await PortalClient.SignedInAsync(App, user);
        var (action, values) = await desk.ReadFormAsync(page, selector, fields);
        Assert.Equal(HttpStatusCode.Redirect, (await desk.PostAsync(action, values)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await desk.PostAsync(action, values)).StatusCode);
        Assert.Equal(1, await count());

        // After Idempotency:KeyHours (24) the hourly job forgets the key (the clock goes back at once: the sign-in would expire).
        App.Clock.Advance(TimeSpan.FromHours(25));
        try
        {
            await using var scope = App.Services.CreateAsyncScope();
            await ActivatorUtilities.CreateInstance<IdempotencyKeysJob>(scope.ServiceProvider).Execute(null!, Ct);
        }
        finally
        {
            App.Clock.Advance(TimeSpan.FromHours(-25));
        }

        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            Assert.False(await db.IdempotencyKeys.AnyAsync(k => k.Key == values[IdempotencyFilter.FieldName], Ct));
        }

        Assert.Equal(HttpStatusCode.Redirect, (await desk.PostAsync(action, values)).StatusCode);
        Assert.Equal(2, await count());
    }

    /// <summary>What each form needs: who posts it, the page it is on, its selector, the fields typed, and how many records it has made.</summary>
    private async Task<(string User, string Page, string Selector, Dictionary<string, string> Fields, Func<Task<int>> Count)> PrepareAsync(string form, int slot, string marker)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        var property = await db.Properties.SingleAsync(p => p.Code == DemoSeeder.ResidentialCode, Ct);
        var occupancy = await db.Occupancies.Where(o => o.PropertyId == property.Id && o.EndDate == null).OrderBy(o => o.Id).Skip(60 + slot).FirstAsync(Ct);
        var unit = occupancy.UnitId;
        Func<Task<int>> Count<T>(Func<PortalDbContext, IQueryable<T>> query) => async () =>
        {
            using var check = App.CreateDbContext(SystemPropertyScope.Instance);
            return await query(check).CountAsync(Ct);
        };

        switch (form)
        {
            case "payment":
            {
                var item = await ItemAsync(property.Id, OneOffItem, FeeKind.OneOff);
                await ChargeAsync(unit, item, 300m);
                return ("frontdesk", $"/Fees/Account/{unit}", "#pay-form",
                    new() { ["PayerName"] = "王五", ["Amount"] = "120" }, Count(d => d.Payments.Where(p => p.UnitId == unit)));
            }

            case "charge":
            {
                var item = await ItemAsync(property.Id, OneOffItem, FeeKind.OneOff);
                return ("frontdesk", $"/Fees/Account/{unit}", "form[action*='/Fees/Charge/']",
                    new() { ["Charge.FeeItemId"] = item.ToString(), ["Charge.Amount"] = "45", ["Charge.Description"] = marker }, Count(d => d.Charges.Where(c => c.UnitId == unit)));
            }

            case "refund":
            {
                var item = await ItemAsync(property.Id, DepositItem, FeeKind.Deposit);
                var deposit = await ChargeAsync(unit, item, 2000m);
                await using (var scope = App.Services.CreateAsyncScope())
                {
                    var ledger = scope.ServiceProvider.GetRequiredService<Ledger>();
                    await ledger.TakeAsync(unit, new PaymentInput(2000m, PaymentKind.Counter, PaymentMethod.Cash, "王五", null, null), new Actor(null, "test"), Ct);
                }

                return ("supervisor", $"/Fees/Account/{unit}", $"form[action*='/Fees/Refund/{deposit}']",
                    new() { ["Deductions"] = "0", ["Method"] = nameof(PaymentMethod.Cash) }, Count(d => d.Payments.Where(p => p.UnitId == unit && p.Kind == PaymentKind.Refund)));
            }

            case "repair":
            {
                var category = await db.RepairCategories.Where(c => c.IsActive).OrderBy(c => c.SortOrder).Select(c => c.Id).FirstAsync(Ct);
                return ("frontdesk", $"/Repairs/Create?unitId={unit}", "main form[method='post']",
                    new()
                    {
                        ["Location"] = "厨房", ["Description"] = marker, ["CategoryId"] = category.ToString(), ["Urgency"] = nameof(RepairUrgency.Normal),
                        ["Billing"] = nameof(RepairBilling.Warranty), ["ReporterName"] = "王先生",
                    },
                    Count(d => d.RepairOrders.Where(o => o.Description == marker)));
            }

            case "complaint":
            {
                var category = await db.ComplaintCategories.OrderBy(c => c.SortOrder).Select(c => c.Id).FirstAsync(Ct);
                return ("frontdesk", $"/Complaints/Create?customerId={occupancy.CustomerId}", "main form[method='post']",
                    new()
                    {
                        ["CategoryId"] = category.ToString(), ["Tier"] = nameof(ComplaintTier.Minor), ["Channel"] = nameof(ComplaintChannel.Phone),
                        ["Content"] = marker, ["Demand"] = "尽快处理",
                    },
                    Count(d => d.Complaints.Where(c => c.Content == marker)));
            }

            case "contact":
                return ("frontdesk", $"/Contacts/Create?propertyId={property.Id}", "#contact-form",
                    new()
                    {
                        ["PropertyId"] = property.Id.ToString(), ["Name"] = "赵女士", ["Phone"] = "13700001111", ["Subject"] = marker,
                        ["Source"] = nameof(ContactSource.Phone), ["Outcome"] = nameof(ContactOutcome.Pending),
                    },
                    Count(d => d.Contacts.Where(c => c.Subject == marker)));

            case "renovation":
                return ("frontdesk", $"/Renovations/Create?unitId={unit}", "#renovation-form",
                    new()
                    {
                        ["ContractorName"] = "锦华装饰", ["ContractorLicence"] = "JZ-2026-118", ["Scope"] = nameof(RenovationScope.SimplePartition), ["Description"] = marker,
                        ["Workers"] = "3", ["DocumentsChecked"] = "true",
                    },
                    Count(d => d.Renovations.Where(r => r.Description == marker)));

            case "move-in":
            {
                var vacant = await db.Units.Where(u => u.PropertyId == property.Id && u.Type == UnitType.Residence && !db.Occupancies.Any(o => o.UnitId == u.Id)
                        && !db.MoveIns.Any(m => m.UnitId == u.Id))
                    .OrderByDescending(u => u.Number).Select(u => u.Id).Skip(slot).FirstAsync(Ct);
                return ("frontdesk", $"/MoveIns/Create?unitId={vacant}", "#move-in-form",
                    new() { ["CustomerId"] = "", ["NewName"] = "赵新户", ["NewPhone"] = "13800002222", ["Applicant"] = nameof(MoveInApplicant.Owner) },
                    Count(d => d.MoveIns.Where(m => m.UnitId == vacant)));
            }

            case "move-out":
                return ("frontdesk", $"/MoveOuts/Create?unitId={unit}", "#move-out-form",
                    new() { ["OccupancyId"] = occupancy.Id.ToString(), ["Items"] = marker, ["KeysReturned"] = "2", ["KeyStorage"] = "钥匙柜 A3" },
                    Count(d => d.MoveOuts.Where(m => m.Items == marker)));

            default:
                throw new ArgumentOutOfRangeException(nameof(form), form, null);
        }
    }

    private async Task<Guid> ItemAsync(Guid property, string name, FeeKind kind)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        if (await db.FeeItems.Where(i => i.PropertyId == property && i.Name == name).Select(i => (Guid?)i.Id).FirstOrDefaultAsync(Ct) is { } id)
        {
            return id;
        }

        var item = new FeeItem(property, name, kind, null, null, 50);
        db.FeeItems.Add(item);
        try
        {
            await db.SaveChangesAsync(Ct);
            return item.Id;
        }
        catch (DbUpdateException)
        {
            // Another test of this class added it first.
            using var again = App.CreateDbContext(SystemPropertyScope.Instance);
            return await again.FeeItems.Where(i => i.PropertyId == property && i.Name == name).Select(i => i.Id).SingleAsync(Ct);
        }
    }

    private async Task<Guid> ChargeAsync(Guid unit, Guid item, decimal amount)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var ledger = scope.ServiceProvider.GetRequiredService<Ledger>();
        var charge = await ledger.AddOneOffAsync(unit, item, amount, null, DateOnly.FromDateTime(App.Clock.UtcNow), $"T:{Guid.NewGuid():N}", new Actor(null, "test"), Ct);
        return charge!.Id;
    }
}

public sealed class SqliteIdempotentFormTests(SqlitePortalFactory factory) : IdempotentFormTests(factory), IClassFixture<SqlitePortalFactory>;

public sealed class PostgresIdempotentFormTests(PostgresPortalFactory factory) : IdempotentFormTests(factory), IClassFixture<PostgresPortalFactory>;
