using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Callbacks;
using PropertyPortal.Domain.FrontDesk;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.Domain.Sla;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Seeding;

namespace PropertyPortal.IntegrationTests.Repairs;

/// <summary>
/// A repair order over HTTP, as the front desk, the technician and the supervisor work it: real forms
/// with antiforgery, the portal's clock moved by the test, the database read afterwards.
/// </summary>
public abstract class RepairOrderTests(PortalFactory factory)
{
    private const string Main = "main form[method='post']";

    private PortalFactory App
    {
        get
        {
            factory.EnsureAvailable();
            return factory;
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(Guid Property, Guid Unit, Guid Customer, Guid Category)> ResidentialAsync(string categoryName = "户内跳闸")
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        var property = await db.Properties.SingleAsync(p => p.Code == DemoSeeder.ResidentialCode, Ct);
        var occupancy = await db.Occupancies.Where(o => o.PropertyId == property.Id).OrderBy(o => o.Id).FirstAsync(Ct);
        var category = await db.RepairCategories.SingleAsync(c => c.Name == categoryName, Ct);
        return (property.Id, occupancy.UnitId, occupancy.CustomerId, category.Id);
    }

    private async Task<string> UserIdAsync(string userName)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync(Ct);
    }

    /// <summary>Accepts a repair through /Repairs/Create; returns the new order's id.</summary>
    private async Task<Guid> AcceptAsync(PortalClient client, string url, RepairUrgency urgency, Guid category, Dictionary<string, string>? extra = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["Location"] = "厨房",
            ["Description"] = "跳闸，全屋没电",
            ["CategoryId"] = category.ToString(),
            ["Urgency"] = urgency.ToString(),
            ["Billing"] = nameof(RepairBilling.Warranty),
        };
        foreach (var (k, v) in extra ?? [])
        {
            fields[k] = v;
        }

        var response = await client.SubmitFormAsync(url, Main, fields);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect,
            (await PortalClient.ParseAsync(response)).QuerySelector(".alert-danger, .text-danger:not(:empty)")?.TextContent ?? response.StatusCode.ToString());
        var path = response.RedirectPath();
        Assert.StartsWith("/Repairs/Details/", path);
        return Guid.Parse(path["/Repairs/Details/".Length..]);
    }

    private async Task<RepairOrder> OrderAsync(Guid id)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await db.RepairOrders.AsNoTracking().Include(o => o.Events).SingleAsync(o => o.Id == id, Ct);
    }

    private async Task<List<SlaClock>> ClocksAsync(Guid subjectId)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await db.SlaClocks.AsNoTracking().Where(c => c.SubjectId == subjectId).OrderBy(c => c.StartedAt).ThenBy(c => c.Milestone).ToListAsync(Ct);
    }

    /// <summary>Posts one of the order page's action forms (its hidden fields plus <paramref name="fields"/>); other flows that work an order use it too.</summary>
    internal static async Task<HttpResponseMessage> PostActionAsync(PortalClient client, Guid id, string action, Dictionary<string, string> fields)
    {
        var details = await client.GetDocumentAsync($"/Repairs/Details/{id}");
        var form = details.QuerySelector<IHtmlFormElement>($"form[action$='/Repairs/{action}/{id}']")
            ?? throw new InvalidOperationException($"No {action} form on the order page.");
        var values = form.QuerySelectorAll<IHtmlInputElement>("input[name]").Where(i => i.Type is not ("checkbox" or "radio" or "file"))
            .ToDictionary(i => i.Name!, i => i.Value);
        foreach (var (k, v) in fields)
        {
            values[k] = v;
        }

        return await client.PostAsync(form.Action, values);
    }

    [Fact]
    public async Task A_call_logged_at_the_desk_becomes_an_emergency_order_whose_clocks_run_from_the_call()
    {
        var (property, unit, customer, category) = await ResidentialAsync();
        var received = App.Clock.UtcNow.AddMinutes(-4);
        Guid contactId;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            var contact = new Contact(property, received, ContactSource.Phone, unit, customer, "王先生", "13800138000", "厨房跳闸", null, new("x", "前台"), App.Clock.UtcNow);
            db.Contacts.Add(contact);
            await db.SaveChangesAsync(Ct);
            contactId = contact.Id;
        }

        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var form = await desk.GetDocumentAsync($"/Repairs/Create?contactId={contactId}");
        Assert.Equal("王先生", form.QuerySelector<IHtmlInputElement>("input[name='ReporterName']")!.Value);

        var id = await AcceptAsync(desk, $"/Repairs/Create?contactId={contactId}", RepairUrgency.Emergency, category);

        var order = await OrderAsync(id);
        Assert.Equal(RepairStatus.Accepted, order.Status);
        Assert.Matches(@"^BX\d{8}-\d{4}$", order.Number);
        Assert.Equal(unit, order.UnitId);
        Assert.Equal(received, order.ReceivedAt, TimeSpan.FromMinutes(1));
        var clocks = await ClocksAsync(id);
        Assert.Equal([SlaMilestone.WorkOrderIssued, SlaMilestone.PhoneReply, SlaMilestone.OnSite], clocks.Select(c => c.Milestone).Order());
        var onSite = clocks.Single(c => c.Milestone == SlaMilestone.OnSite);
        Assert.Equal(order.ReceivedAt.AddMinutes(10), onSite.DueAt);
        using var check = App.CreateDbContext(SystemPropertyScope.Instance);
        Assert.Equal(id, (await check.Contacts.SingleAsync(c => c.Id == contactId, Ct)).RepairOrderId);
    }

    [Fact]
    public async Task Dispatch_on_site_and_done_meet_their_clocks_and_schedule_the_callback()
    {
        var (_, unit, _, category) = await ResidentialAsync("更换开关、插座");
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var id = await AcceptAsync(desk, $"/Repairs/Create?unitId={unit}", RepairUrgency.Urgent, category);
        var technician = await UserIdAsync("technician");

        Assert.Equal(HttpStatusCode.Redirect, (await PostActionAsync(desk, id, "Dispatch", new() { ["TechnicianId"] = technician })).StatusCode);
        using var tech = await PortalClient.SignedInAsync(App, "technician");
        var mine = await tech.GetDocumentAsync("/Repairs/Mine");
        Assert.Contains((await OrderAsync(id)).Number, mine.Body!.TextContent);

        Assert.Equal(HttpStatusCode.Redirect, (await PostActionAsync(tech, id, "OnSite", [])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostActionAsync(tech, id, "Complete", new() { ["WorkDone"] = "更换插座一个", ["Materials"] = "插座 x1" })).StatusCode);

        var order = await OrderAsync(id);
        Assert.Equal(RepairStatus.AwaitingCallback, order.Status);
        Assert.Equal(
            [RepairEventKind.Accepted, RepairEventKind.Dispatched, RepairEventKind.OnSite, RepairEventKind.Done, RepairEventKind.CallbackScheduled],
            order.Events.OrderBy(e => e.Id).Select(e => e.Kind));
        Assert.All(order.Events.Where(e => e.Kind is RepairEventKind.OnSite or RepairEventKind.Done), e => Assert.Equal("刘师傅", e.ActorName));
        var clocks = await ClocksAsync(id);
        Assert.All(clocks.Where(c => c.Milestone is SlaMilestone.WorkOrderIssued or SlaMilestone.OnSite or SlaMilestone.Finished), c => Assert.Equal(SlaClockState.Met, c.State));
        Assert.Contains(clocks, c => c.Milestone == SlaMilestone.Finished && c.DueAt == c.StartedAt.AddMinutes(30));

        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        var callback = await db.Callbacks.SingleAsync(c => c.RepairOrderId == id, Ct);
        Assert.Equal(order.DoneAt!.Value.AddDays(2), callback.DueAt);
        Assert.Single(await db.SlaClocks.Where(c => c.SubjectId == callback.Id && c.State == SlaClockState.Running).ToListAsync(Ct));
    }

    [Fact]
    public async Task The_technicians_page_puts_the_order_due_soonest_first_and_a_paused_one_last()
    {
        var (_, unit, _, category) = await ResidentialAsync();
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var technician = await UserIdAsync("technician");
        var dispatch = new Dictionary<string, string> { ["TechnicianId"] = technician };
        var paused = await AcceptAsync(desk, $"/Repairs/Create?unitId={unit}", RepairUrgency.Emergency, category, dispatch);
        Assert.Equal(HttpStatusCode.Redirect, (await Pauses.PauseFlowTests.PostPauseFormAsync(desk, $"/Repairs/Details/{paused}", "#pause-ask", new() { ["Reason"] = "OwnerNotHome" })).StatusCode);
        using (var supervisor = await PortalClient.SignedInAsync(App, "supervisor"))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await Pauses.PauseFlowTests.PostPauseFormAsync(supervisor, $"/Repairs/Details/{paused}", "#pause-approve", [])).StatusCode);
        }

        Assert.Equal(RepairStatus.Paused, (await OrderAsync(paused)).Status);
        var normal = await AcceptAsync(desk, $"/Repairs/Create?unitId={unit}", RepairUrgency.Normal, category, dispatch);
        var emergency = await AcceptAsync(desk, $"/Repairs/Create?unitId={unit}", RepairUrgency.Emergency, category, dispatch);

        using var tech = await PortalClient.SignedInAsync(App, "technician");
        var cards = (await tech.GetDocumentAsync("/Repairs/Mine")).QuerySelectorAll(".card").Select(c => c.TextContent).ToList();
        int Position(string number) => cards.FindIndex(text => text.Contains(number));
        var (e, n, p) = (Position((await OrderAsync(emergency)).Number), Position((await OrderAsync(normal)).Number), Position((await OrderAsync(paused)).Number));
        Assert.True(e >= 0 && e < n && n < p, $"emergency at {e}, normal at {n}, paused at {p}");
    }

    [Fact]
    public async Task A_missed_on_site_clock_shows_overdue_on_the_order_and_on_the_supervisors_board()
    {
        var (property, unit, _, category) = await ResidentialAsync();
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var id = await AcceptAsync(desk, $"/Repairs/Create?unitId={unit}", RepairUrgency.Emergency, category);
        var number = (await OrderAsync(id)).Number;

        App.Clock.Advance(TimeSpan.FromMinutes(11));
        try
        {
            var details = await desk.GetDocumentAsync($"/Repairs/Details/{id}");
            Assert.Contains("已超时", details.QuerySelector("tr.table-danger")!.TextContent);

            using var supervisor = await PortalClient.SignedInAsync(App, "supervisor");
            var board = await supervisor.GetDocumentAsync($"/Board?propertyId={property}");
            var overdue = board.QuerySelector(".card.border-danger")!.TextContent;
            Assert.Contains(number, overdue);
            Assert.Contains("到场", overdue);
        }
        finally
        {
            App.Clock.Advance(TimeSpan.FromMinutes(-11));
        }
    }

    [Fact]
    public async Task A_callback_that_finds_it_not_fixed_reopens_the_order_and_a_good_one_closes_it()
    {
        var (_, unit, _, category) = await ResidentialAsync("空调漏水");
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var technician = await UserIdAsync("technician");
        var id = await AcceptAsync(desk, $"/Repairs/Create?unitId={unit}", RepairUrgency.Normal, category, new() { ["TechnicianId"] = technician });
        await PostActionAsync(desk, id, "OnSite", []);
        await PostActionAsync(desk, id, "Complete", new() { ["WorkDone"] = "清理接水盘" });

        Guid callbackId;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            var cb = await db.Callbacks.SingleAsync(c => c.RepairOrderId == id, Ct);
            callbackId = cb.Id;
            var order = await db.RepairOrders.SingleAsync(o => o.Id == id, Ct);
            Assert.Equal(order.LeakTestAt!.Value.AddDays(3), cb.DueAt);
        }

        var notFixed = await desk.SubmitFormAsync($"/Callbacks/Details/{callbackId}", "form[action$='/Record/" + callbackId + "']", new Dictionary<string, string>
        {
            ["Outcome"] = nameof(CallbackOutcome.Reached), ["Fixed"] = "false", ["AttitudeSatisfied"] = "true", ["Score"] = "4", ["Comment"] = "还在滴水",
        });
        Assert.Equal(HttpStatusCode.Redirect, notFixed.StatusCode);
        var reopened = await OrderAsync(id);
        Assert.Equal(RepairStatus.Dispatched, reopened.Status);
        Assert.Equal(1, reopened.ReopenCount);
        Assert.Contains(await ClocksAsync(id), c => c.Milestone == SlaMilestone.OnSite && c.State == SlaClockState.Running);

        await PostActionAsync(desk, id, "OnSite", []);
        await PostActionAsync(desk, id, "Complete", new() { ["WorkDone"] = "更换排水管" });
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            callbackId = (await db.Callbacks.SingleAsync(c => c.RepairOrderId == id && c.Status == CallbackStatus.Open, Ct)).Id;
        }

        await desk.SubmitFormAsync($"/Callbacks/Details/{callbackId}", "form[action$='/Record/" + callbackId + "']", new Dictionary<string, string>
        {
            ["Outcome"] = nameof(CallbackOutcome.Reached), ["Fixed"] = "true", ["AttitudeSatisfied"] = "true", ["Score"] = "9",
        });
        Assert.Equal(RepairStatus.Closed, (await OrderAsync(id)).Status);
    }

    [Fact]
    public async Task The_clerks_home_queue_shows_her_undispatched_order_overdue_after_three_minutes_and_nobody_elses_queue_does()
    {
        var (_, unit, _, category) = await ResidentialAsync();
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var id = await AcceptAsync(desk, $"/Repairs/Create?unitId={unit}", RepairUrgency.Urgent, category);
        var number = (await OrderAsync(id)).Number;

        var before = await desk.GetDocumentAsync("/");
        Assert.Contains(number, before.QuerySelector("#queue")!.TextContent);
        Assert.DoesNotContain(before.QuerySelectorAll("#queue tr.table-danger"), r => r.TextContent.Contains(number));

        App.Clock.Advance(TimeSpan.FromMinutes(3).Add(TimeSpan.FromSeconds(1)));
        try
        {
            var after = await desk.GetDocumentAsync("/");
            var overdue = after.QuerySelectorAll("#queue tr.table-danger").Select(r => r.TextContent).ToList();
            Assert.Contains(overdue, r => r.Contains(number) && r.Contains("出工程单"));

            using var tower = await PortalClient.SignedInAsync(App, "officedesk");
            Assert.DoesNotContain(number, (await tower.GetDocumentAsync("/?mine=false")).Body!.TextContent);
        }
        finally
        {
            App.Clock.Advance(-TimeSpan.FromMinutes(3).Add(TimeSpan.FromSeconds(1)));
        }
    }

    [Fact]
    public async Task The_household_and_the_unit_pages_list_their_repair_orders_with_a_button_for_a_new_one()
    {
        var (_, unit, customer, category) = await ResidentialAsync();
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var id = await AcceptAsync(desk, $"/Repairs/Create?customerId={customer}&unitId={unit}", RepairUrgency.Normal, category);
        var number = (await OrderAsync(id)).Number;

        var household = await desk.GetDocumentAsync($"/Customers/Details/{customer}");
        Assert.NotNull(household.QuerySelector($"a[href$='/Repairs/Details/{id}']"));
        Assert.NotNull(household.QuerySelector($"a[href*='/Repairs/Create?customerId={customer}']"));
        Assert.Contains(number, (await desk.GetDocumentAsync($"/Units/Details/{unit}")).Body!.TextContent);
    }

    [Fact]
    public async Task A_paid_repair_done_with_a_charge_puts_it_on_the_units_fee_account_once()
    {
        var (_, unit, _, category) = await ResidentialAsync();
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var id = await AcceptAsync(desk, $"/Repairs/Create?unitId={unit}", RepairUrgency.Normal, category, new() { ["Billing"] = nameof(RepairBilling.Paid) });
        Assert.Equal(HttpStatusCode.Redirect, (await PostActionAsync(desk, id, "Dispatch", new() { ["TechnicianId"] = await UserIdAsync("technician") })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostActionAsync(desk, id, "OnSite", [])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostActionAsync(desk, id, "Complete", new() { ["WorkDone"] = "更换水龙头", ["Charge"] = "85.50" })).StatusCode);

        var number = (await OrderAsync(id)).Number;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            var charge = await db.Charges.SingleAsync(c => c.SourceKey == $"R:{id:N}", Ct);
            Assert.Equal((unit, 85.50m, Domain.Fees.FeeKind.OneOff), (charge.UnitId, charge.Amount, charge.Kind));
        }

        Assert.Contains($"有偿维修 {number}", await (await desk.GetAsync($"/Fees/Account/{unit}")).Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task A_refused_transition_says_why_in_Chinese_and_changes_nothing()
    {
        var (_, unit, _, category) = await ResidentialAsync();
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var id = await AcceptAsync(desk, $"/Repairs/Create?unitId={unit}", RepairUrgency.Normal, category);
        var before = await OrderAsync(id);

        // Done before anyone is on site: the page offers no such button, so post it as a stale page would.
        var token = await desk.AntiforgeryTokenAsync($"/Repairs/Details/{id}");
        var response = await desk.PostAsync($"/Repairs/Complete/{id}", new Dictionary<string, string>
        {
            [PortalClient.TokenField] = token, ["WorkDone"] = "x", ["Version"] = before.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await desk.GetDocumentAsync(response.RedirectPath());
        Assert.Contains("工单当前状态不允许此操作", page.QuerySelector(".alert-danger")!.TextContent);
        var after = await OrderAsync(id);
        Assert.Equal(RepairStatus.Accepted, after.Status);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Events.Count, after.Events.Count);
    }

    [Fact]
    public async Task A_stale_form_is_refused_instead_of_overwriting_a_colleagues_dispatch()
    {
        var (_, unit, _, category) = await ResidentialAsync();
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var id = await AcceptAsync(desk, $"/Repairs/Create?unitId={unit}", RepairUrgency.Urgent, category);
        var stale = (await OrderAsync(id)).Version;
        var technician = await UserIdAsync("technician");
        await PostActionAsync(desk, id, "Dispatch", new() { ["TechnicianId"] = technician });

        var token = await desk.AntiforgeryTokenAsync($"/Repairs/Details/{id}");
        var response = await desk.PostAsync($"/Repairs/Cancel/{id}", new Dictionary<string, string>
        {
            [PortalClient.TokenField] = token, ["Note"] = "客户取消", ["Version"] = stale.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var page = await desk.GetDocumentAsync(response.RedirectPath());
        Assert.NotNull(page.QuerySelector(".alert-danger"));
        Assert.Equal(RepairStatus.Dispatched, (await OrderAsync(id)).Status);
    }

    [Fact]
    public async Task A_technician_cannot_dispatch_and_cannot_work_an_order_that_is_not_theirs()
    {
        var (_, unit, _, category) = await ResidentialAsync();
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var id = await AcceptAsync(desk, $"/Repairs/Create?unitId={unit}", RepairUrgency.Urgent, category);
        using var tech = await PortalClient.SignedInAsync(App, "technician");
        var token = await tech.AntiforgeryTokenAsync();
        var version = (await OrderAsync(id)).Version.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var dispatch = await tech.PostAsync($"/Repairs/Dispatch/{id}", new Dictionary<string, string> { [PortalClient.TokenField] = token, ["TechnicianId"] = await UserIdAsync("technician"), ["Version"] = version });
        Assert.True(dispatch.IsAccessDenied(), $"got {(int)dispatch.StatusCode}");
        var onSite = await tech.PostAsync($"/Repairs/OnSite/{id}", new Dictionary<string, string> { [PortalClient.TokenField] = token, ["version"] = version });
        Assert.True(onSite.IsAccessDenied(), $"got {(int)onSite.StatusCode}");
        Assert.Equal(RepairStatus.Accepted, (await OrderAsync(id)).Status);
    }

    [Fact]
    public async Task Orders_and_their_photos_of_another_property_are_not_found()
    {
        var (_, unit, _, category) = await ResidentialAsync();
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var id = await AcceptAsync(desk, $"/Repairs/Create?unitId={unit}", RepairUrgency.Normal, category);

        // A real PNG is accepted; a text file named .jpg is refused.
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
        var token = await desk.AntiforgeryTokenAsync($"/Repairs/Details/{id}");
        using (var content = new MultipartFormDataContent())
        {
            content.Add(new StringContent(token), PortalClient.TokenField);
            var image = new ByteArrayContent(png);
            image.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            content.Add(image, "photos", "leak.png");
            var fake = new ByteArrayContent("not an image"u8.ToArray());
            fake.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            content.Add(fake, "photos", "fake.jpg");
            var upload = await desk.Http.PostAsync($"/Repairs/AddPhotos/{id}", content, Ct);
            Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        }

        Guid photoId;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            photoId = (await db.Attachments.SingleAsync(a => a.OwnerId == id, Ct)).Id;
        }

        var served = await desk.GetAsync($"/Repairs/Photo/{photoId}");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/png", served.Content.Headers.ContentType!.MediaType);

        using var tower = await PortalClient.SignedInAsync(App, "officedesk");
        Assert.Equal(HttpStatusCode.NotFound, (await tower.GetAsync($"/Repairs/Details/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tower.GetAsync($"/Repairs/Photo/{photoId}")).StatusCode);
        Assert.DoesNotContain((await OrderAsync(id)).Number, await (await tower.GetAsync("/Repairs")).Content.ReadAsStringAsync(Ct));
    }
}

public sealed class SqliteRepairOrderTests(SqlitePortalFactory factory) : RepairOrderTests(factory), IClassFixture<SqlitePortalFactory>;

public sealed class PostgresRepairOrderTests(PostgresPortalFactory factory) : RepairOrderTests(factory), IClassFixture<PostgresPortalFactory>;
