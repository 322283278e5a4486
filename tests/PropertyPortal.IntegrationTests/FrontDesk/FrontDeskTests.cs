using System.Globalization;
using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.FrontDesk;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.Domain.Sla;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Seeding;

namespace PropertyPortal.IntegrationTests.FrontDesk;

/// <summary>
/// The counter logs calls through the real form (antiforgery, FluentValidation, domain rules), finds a household
/// by the last four digits of a phone, and the supervisor signs the day off in the daily log. Tests that sign a
/// day off use a day of their own, so the other tests keep logging today.
/// </summary>
public abstract class FrontDeskTests(PortalFactory factory)
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

    private async Task<(Guid Chhy, Guid Gmds)> PropertiesAsync()
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        var chhy = await db.Properties.Where(p => p.Code == DemoSeeder.ResidentialCode).Select(p => p.Id).SingleAsync(Ct);
        var gmds = await db.Properties.Where(p => p.Code == DemoSeeder.OfficeCode).Select(p => p.Id).SingleAsync(Ct);
        return (chhy, gmds);
    }

    private static string Local(DateTime utc) => PortalClock.ToLocal(utc).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    private Task<HttpResponseMessage> LogCallAsync(PortalClient client, Guid propertyId, string subject, Dictionary<string, string>? extra = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["PropertyId"] = propertyId.ToString(),
            ["Name"] = "王先生",
            ["Phone"] = "13912345678",
            ["Subject"] = subject,
            ["Outcome"] = nameof(ContactOutcome.Answered),
        };
        foreach (var (k, v) in extra ?? [])
        {
            fields[k] = v;
        }

        return client.SubmitFormAsync("/Contacts/Create", "#contact-form", fields);
    }

    /// <summary>A contact of another day, put in directly: the form only reaches 24 hours back.</summary>
    private async Task<Contact> ContactOnAsync(Guid propertyId, DateOnly day, string subject)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        var at = PortalClock.ToUtc(day.ToDateTime(new TimeOnly(10, 0)));
        var contact = new Contact(propertyId, at, ContactSource.Visit, null, null, "赵女士", null, subject, null, new Actor(null, "张前台"), at);
        db.Contacts.Add(contact);
        await db.SaveChangesAsync(Ct);
        return contact;
    }

    [Fact]
    public async Task A_call_logged_at_the_counter_appears_in_todays_list_and_the_form_is_ready_for_the_next()
    {
        var (chhy, _) = await PropertiesAsync();
        using var client = await PortalClient.SignedInAsync(App, "frontdesk");

        var response = await LogCallAsync(client, chhy, "咨询物业费缴纳方式");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Contacts/Create", response.RedirectPath());
        var next = await client.GetDocumentAsync(response.RedirectPath());
        Assert.Contains("已登记", next.QuerySelector(".alert-success")?.TextContent);
        Assert.Equal("", next.QuerySelector<IHtmlInputElement>("#Subject")!.Value);
        Assert.Contains("咨询物业费缴纳方式", next.QuerySelector("#recent")!.TextContent);
        var list = await client.GetDocumentAsync("/Contacts");
        Assert.Contains("咨询物业费缴纳方式", list.QuerySelector("#contact-rows")!.TextContent);
        Assert.Contains("当场答复", list.QuerySelector("#contact-rows")!.TextContent);
    }

    [Fact]
    public async Task Lookup_by_the_last_four_digits_finds_the_demo_household_but_never_one_of_a_property_the_user_cannot_see()
    {
        Guid household;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            household = await db.Customers.Where(c => c.Phone == DemoSeeder.SamplePhone).Select(c => c.Id).SingleAsync(Ct);
        }

        using var frontdesk = await PortalClient.SignedInAsync(App, "frontdesk");
        using var officedesk = await PortalClient.SignedInAsync(App, "officedesk");
        var tail = DemoSeeder.SamplePhone[^4..];

        var found = JsonDocument.Parse(await (await frontdesk.GetAsync("/Contacts/Lookup?q=" + tail)).Content.ReadAsStringAsync(Ct)).RootElement;
        var hidden = await (await officedesk.GetAsync("/Contacts/Lookup?q=" + tail)).Content.ReadAsStringAsync(Ct);

        var hit = found.EnumerateArray().First(s => s.GetProperty("customerId").GetString() == household.ToString());
        Assert.Equal("138****8000", hit.GetProperty("maskedPhone").GetString());
        Assert.False(string.IsNullOrEmpty(hit.GetProperty("unitNumber").GetString()));
        Assert.True(found.GetArrayLength() <= 8);
        Assert.DoesNotContain(household.ToString(), hidden);
    }

    [Fact]
    public async Task Backdating_a_call_by_more_than_24_hours_shows_the_chinese_message_and_saves_nothing()
    {
        var (chhy, _) = await PropertiesAsync();
        using var client = await PortalClient.SignedInAsync(App, "frontdesk");

        var response = await LogCallAsync(client, chhy, "补录太早的来电", new() { ["ReceivedAt"] = Local(App.Clock.UtcNow.AddHours(-25)) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("补录时间最多只能提前 24 小时", await response.Content.ReadAsStringAsync(Ct));
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        Assert.False(await db.Contacts.AnyAsync(c => c.Subject == "补录太早的来电", Ct));
    }

    [Fact]
    public async Task A_call_backdated_within_24_hours_is_saved_and_marked_as_backdated()
    {
        var (chhy, _) = await PropertiesAsync();
        using var client = await PortalClient.SignedInAsync(App, "frontdesk");

        var response = await LogCallAsync(client, chhy, "夜班漏登的来电", new() { ["ReceivedAt"] = Local(App.Clock.UtcNow.AddHours(-2)) });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        var contact = await db.Contacts.SingleAsync(c => c.Subject == "夜班漏登的来电", Ct);
        Assert.True(contact.IsBackdated);
    }

    [Fact]
    public async Task Save_and_open_a_repair_order_redirects_to_the_repair_form_with_the_contact()
    {
        var (chhy, _) = await PropertiesAsync();
        using var client = await PortalClient.SignedInAsync(App, "frontdesk");

        var response = await LogCallAsync(client, chhy, "卫生间漏水", new() { ["next"] = "repair" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        var contact = await db.Contacts.SingleAsync(c => c.Subject == "卫生间漏水", Ct);
        Assert.Equal($"/Repairs/Create?contactId={contact.Id}", response.RedirectPath());
        Assert.Equal(ContactOutcome.Pending, contact.Outcome);
    }

    [Fact]
    public async Task The_daily_log_lists_the_days_contacts_repair_orders_and_breaches()
    {
        var (chhy, _) = await PropertiesAsync();
        using var client = await PortalClient.SignedInAsync(App, "frontdesk");
        Assert.Equal(HttpStatusCode.Redirect, (await LogCallAsync(client, chhy, "电梯异响")).StatusCode);

        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var category = await db.RepairCategories.OrderBy(c => c.SortOrder).FirstAsync(c => c.IsActive, Ct);
            var clocks = new ClockSet([], await scope.ServiceProvider.GetRequiredService<SlaSettings>().ContextForAsync(chhy, Ct));
            var now = App.Clock.UtcNow;
            var order = RepairOrder.Open("BX-DAILY-0001", new RepairOrder.Intake(chhy, null, null, null, "钱先生", "13700001111", "3号楼大堂",
                "大堂灯不亮", category, RepairUrgency.Urgent, RepairBilling.Warranty, null, null, now.AddMinutes(-30)), new Actor(null, "张前台"), now, clocks);
            db.RepairOrders.Add(order);
            db.SlaClocks.AddRange(clocks.Started);
            await db.SaveChangesAsync(Ct);
            db.SlaEvents.Add(new SlaEvent(clocks.Started.Single(c => c.Milestone == SlaMilestone.OnSite), SlaEventKind.Breach, now));
            await db.SaveChangesAsync(Ct);
        }

        var page = await client.GetDocumentAsync($"/DailyLog?propertyId={chhy}");

        Assert.Contains("电梯异响", page.QuerySelector("#contacts")!.TextContent);
        Assert.Contains("来电", page.QuerySelector("#contacts [data-source='Phone']")!.TextContent);
        Assert.Contains("BX-DAILY-0001", page.QuerySelector("#opened")!.TextContent);
        Assert.Contains("BX-DAILY-0001", page.QuerySelector("#breaches")!.TextContent);
        Assert.Contains("已超时", page.QuerySelector("#breaches")!.TextContent);
        Assert.NotNull(page.QuerySelector("button[data-print]"));
        Assert.Null(page.QuerySelector("#sign-off"));
    }

    [Fact]
    public async Task Front_desk_cannot_sign_off_the_daily_log()
    {
        var (chhy, _) = await PropertiesAsync();
        using var client = await PortalClient.SignedInAsync(App, "frontdesk");
        var token = await client.AntiforgeryTokenAsync();

        var response = await client.PostAsync("/DailyLog/SignOff", new Dictionary<string, string>
        {
            [PortalClient.TokenField] = token, ["PropertyId"] = chhy.ToString(), ["Date"] = "2026-01-05", ["Version"] = "0",
        });

        Assert.True(response.IsAccessDenied(), $"expected AccessDenied, got {(int)response.StatusCode}");
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        Assert.False(await db.DailyLogs.AnyAsync(l => l.PropertyId == chhy && l.Date == new DateOnly(2026, 1, 5), Ct));
    }

    [Fact]
    public async Task After_the_supervisor_signs_a_day_off_its_handover_and_contacts_are_read_only_and_amendments_name_who()
    {
        var (chhy, _) = await PropertiesAsync();
        var day = PortalClock.Today(App.Clock).AddDays(-3);
        var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var contact = await ContactOnAsync(chhy, day, "三天前的来访");
        var page = $"/DailyLog?propertyId={chhy}&date={date}";
        using var supervisor = await PortalClient.SignedInAsync(App, "supervisor");

        var saved = await supervisor.SubmitFormAsync(page, "form[action*='SaveHandover']", new Dictionary<string, string> { ["HandoverNotes"] = "二号梯报修待跟进" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var signed = await supervisor.SubmitFormAsync(page, "#sign-off", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);

        var token = await supervisor.AntiforgeryTokenAsync();
        var handover = await supervisor.PostAsync("/DailyLog/SaveHandover", new Dictionary<string, string>
        {
            [PortalClient.TokenField] = token, ["PropertyId"] = chhy.ToString(), ["Date"] = date, ["HandoverNotes"] = "改写", ["Version"] = "2",
        });
        Assert.Equal(HttpStatusCode.OK, handover.StatusCode);
        Assert.Contains("该日工作日志已签核", await handover.Content.ReadAsStringAsync(Ct));

        using var frontdesk = await PortalClient.SignedInAsync(App, "frontdesk");
        var edit = await frontdesk.SubmitFormAsync($"/Contacts/Edit/{contact.Id}", "#contact-form", new Dictionary<string, string> { ["Subject"] = "签核后改的" });
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        Assert.Contains("该日工作日志已签核", await edit.Content.ReadAsStringAsync(Ct));

        var amended = await supervisor.SubmitFormAsync(page, "form[action*='Amend']", new Dictionary<string, string> { ["Text"] = "补记：二号梯已于次日修复" });
        Assert.Equal(HttpStatusCode.Redirect, amended.StatusCode);
        var after = await supervisor.GetDocumentAsync(page);
        Assert.Contains("补记：二号梯已于次日修复", after.QuerySelector("#amendments")!.TextContent);
        Assert.Contains("李主管", after.QuerySelector("#amendments")!.TextContent);
        Assert.Contains("李主管", after.QuerySelector("#signed")!.TextContent);

        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        var log = await db.DailyLogs.Include(l => l.Amendments).SingleAsync(l => l.PropertyId == chhy && l.Date == day, Ct);
        Assert.Equal("二号梯报修待跟进", log.HandoverNotes);
        Assert.Equal("李主管", Assert.Single(log.Amendments).ActorName);
        Assert.Equal("三天前的来访", (await db.Contacts.SingleAsync(c => c.Id == contact.Id, Ct)).Subject);
    }

    [Fact]
    public async Task A_user_of_the_office_tower_gets_404_for_a_contact_and_the_daily_log_of_the_residential_property()
    {
        var (chhy, _) = await PropertiesAsync();
        var contact = await ContactOnAsync(chhy, PortalClock.Today(App.Clock).AddDays(-5), "翠湖的来访");
        using var officedesk = await PortalClient.SignedInAsync(App, "officedesk");

        Assert.Equal(HttpStatusCode.NotFound, (await officedesk.GetAsync($"/Contacts/Details/{contact.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officedesk.GetAsync($"/Contacts/Edit/{contact.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officedesk.GetAsync($"/DailyLog?propertyId={chhy}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officedesk.GetAsync($"/Contacts?propertyId={chhy}")).StatusCode);
    }
}

public sealed class SqliteFrontDeskTests(SqlitePortalFactory factory) : FrontDeskTests(factory), IClassFixture<SqlitePortalFactory>;

public sealed class PostgresFrontDeskTests(PostgresPortalFactory factory) : FrontDeskTests(factory), IClassFixture<PostgresPortalFactory>;
