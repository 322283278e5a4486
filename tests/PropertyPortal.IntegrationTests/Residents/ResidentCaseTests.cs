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
using PropertyPortal.IntegrationTests.Notifications;
using PropertyPortal.IntegrationTests.Sla;
using PropertyPortal.Web.Features.Notifications;
using PropertyPortal.Web.Infrastructure.Idempotency;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.IntegrationTests.Residents;

/// <summary>
/// A household's repair from its phone to its rating, on the desk's own cases and clocks: the report is a 业主自助 contact and
/// an order whose clocks run from the submission, on the desk's queue, the desk told; the household follows it (technician,
/// arrival window, timeline), chases it once late, withdraws it before dispatch, and answers the callback itself — "not
/// fixed" sends it back as the desk's callback does. A household never reaches another unit's case, bill or photo by id.
/// </summary>
public abstract class ResidentCaseTests(IMessagingPortal messaging, ITestOutputHelper output)
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private PortalFactory App
    {
        get
        {
            messaging.Portal.EnsureAvailable();
            return messaging.Portal;
        }
    }

    [Fact]
    public async Task A_households_report_is_a_self_service_contact_and_an_order_on_the_desks_queue_with_its_clocks_from_the_submission()
    {
        var (customer, unit, phone, name) = await ResidentClient.HouseholdAsync(App, 10);
        using var resident = await ResidentClient.SignedInAsync(messaging, phone, "10.10.0.1");
        var submitted = App.Clock.UtcNow;

        var id = await ReportAsync(resident, unit, "卫生间天花板漏水，滴到地板上", photo: true);

        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            var order = await db.RepairOrders.AsNoTracking().SingleAsync(o => o.Id == id, Ct);
            var contact = await db.Contacts.AsNoTracking().SingleAsync(c => c.Id == order.ContactId, Ct);
            Assert.Equal((ContactSource.SelfService, customer, unit, ContactOutcome.RepairOrder, id), (contact.Source, contact.CustomerId, contact.UnitId, contact.Outcome, contact.RepairOrderId));
            Assert.Equal((customer, unit, RepairStatus.Accepted, phone), (order.CustomerId, order.UnitId, order.Status, order.Phone));
            Assert.InRange(order.ReceivedAt, submitted.AddSeconds(-1), submitted.AddSeconds(5));
            var clocks = await db.SlaClocks.AsNoTracking().Where(c => c.SubjectId == id).ToListAsync(Ct);
            Assert.Equal(new[] { SlaMilestone.OnSite, SlaMilestone.PhoneReply, SlaMilestone.WorkOrderIssued }.Order(), clocks.Select(c => c.Milestone).Order());
            Assert.All(clocks, c => Assert.Equal((order.ReceivedAt, SlaClockState.Running), (c.StartedAt, c.State)));
            Assert.Equal(order.ReceivedAt.AddMinutes(3), clocks.Single(c => c.Milestone == SlaMilestone.WorkOrderIssued).DueAt);
            Assert.Single(await db.Attachments.AsNoTracking().Where(a => a.OwnerId == id).ToListAsync(Ct));

            // The desk is told at once: every front-desk clerk of the property, on the bell.
            var frontdesk = await SlaTestData.UserIdAsync(App, "frontdesk");
            var told = await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == NotificationKinds.ResidentReported && m.RecipientUserId == frontdesk).ToListAsync(Ct);
            Assert.Single(told, m => m.Args.Contains(order.Number, StringComparison.Ordinal));
        }

        // The desk's queue shows it like a call: number, unit, household, the problem, the work-order clock due.
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var queue = await ResponseText.ReadableAsync(await desk.GetAsync("/?mine=false"));
        var number = (await OrderAsync(id)).Number;
        Assert.Contains(number, queue);
        Assert.Contains(name, queue);
        // Its clocks are no clerk's own, so every desk of the property has it on the home page until someone dispatches it.
        var home = await desk.GetDocumentAsync("/");
        Assert.NotNull(home.QuerySelector($"#work-SelfService a[href$='/Repairs/Details/{id}']"));
        var contacts = await ResponseText.ReadableAsync(await desk.GetAsync("/Contacts"));
        Assert.Contains("业主自助", contacts);

        var mine = await ResponseText.ReadableAsync(await resident.GetAsync("/My"));
        Assert.Contains(number, mine);
        Assert.Contains("已受理", mine);
    }

    [Fact]
    public async Task The_household_sees_its_technician_and_arrival_window_chases_only_once_late_and_the_supervisors_hear_of_it()
    {
        var (_, unit, phone, _) = await ResidentClient.HouseholdAsync(App, 11);
        using var resident = await ResidentClient.SignedInAsync(messaging, phone, "10.11.0.1");
        var id = await ReportAsync(resident, unit, "厨房插座没电");
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var technician = await SlaTestData.UserIdAsync(App, "technician");
        Assert.Equal(HttpStatusCode.Redirect, (await Repairs.RepairOrderTests.PostActionAsync(desk, id, "Dispatch", new() { ["TechnicianId"] = technician })).StatusCode);

        var page = await resident.GetDocumentAsync($"/My/Case/{id}");
        Assert.Contains("刘师傅", page.QuerySelector("#technician")!.TextContent);
        Assert.NotNull(page.QuerySelector("#arrive-by"));
        Assert.Contains("已安排维修师傅", page.QuerySelector("#timeline")!.TextContent);
        Assert.Null(page.QuerySelector($"form[action$='/My/Chase/{id}']"));

        // Posted anyway before the target: refused, nothing recorded.
        var early = await PostAsync(resident, $"/My/Chase/{id}", $"/My/Case/{id}", new() { ["version"] = (await OrderAsync(id)).Version.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.Redirect, early.StatusCode);
        Assert.Equal(0, await ChaseCountAsync(id));

        App.Clock.Advance(TimeSpan.FromHours(13));
        page = await resident.GetDocumentAsync($"/My/Case/{id}");
        Assert.NotNull(page.QuerySelector($"form[action$='/My/Chase/{id}']"));
        var chased = await PostAsync(resident, $"/My/Chase/{id}", $"/My/Case/{id}", new() { ["version"] = Version(page) });
        Assert.Equal($"/My/Case/{id}", chased.RedirectPath());
        Assert.Equal(1, await ChaseCountAsync(id));
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        var supervisor = await SlaTestData.UserIdAsync(App, "supervisor");
        Assert.True(await db.OutboxMessages.AnyAsync(m => m.Kind == NotificationKinds.RepairChased && m.RecipientUserId == supervisor && m.Args.Contains(db.RepairOrders.Single(o => o.Id == id).Number), Ct));
        using var later = await PortalClient.SignedInAsync(App, "frontdesk");
        var deskPage = await ResponseText.ReadableAsync(await later.GetAsync($"/Repairs/Details/{id}"));
        Assert.Contains("（住户自助）", deskPage);
    }

    [Fact]
    public async Task A_repair_not_yet_dispatched_can_be_withdrawn_by_the_household_and_a_dispatched_one_cannot()
    {
        var (_, unit, phone, _) = await ResidentClient.HouseholdAsync(App, 12);
        using var resident = await ResidentClient.SignedInAsync(messaging, phone, "10.12.0.1");
        var first = await ReportAsync(resident, unit, "阳台灯不亮");
        var page = await resident.GetDocumentAsync($"/My/Case/{first}");
        Assert.Equal($"/My/Case/{first}", (await PostAsync(resident, $"/My/Cancel/{first}", $"/My/Case/{first}", new() { ["version"] = Version(page) })).RedirectPath());
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            Assert.Equal(RepairStatus.Cancelled, (await db.RepairOrders.AsNoTracking().SingleAsync(o => o.Id == first, Ct)).Status);
            Assert.All(await db.SlaClocks.AsNoTracking().Where(c => c.SubjectId == first).ToListAsync(Ct), c => Assert.Equal(SlaClockState.Cancelled, c.State));
        }

        App.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await ReportAsync(resident, unit, "阳台灯还是不亮");
        page = await resident.GetDocumentAsync($"/My/Case/{second}");
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var technician = await SlaTestData.UserIdAsync(App, "technician");
        await Repairs.RepairOrderTests.PostActionAsync(desk, second, "Dispatch", new() { ["TechnicianId"] = technician });
        await PostAsync(resident, $"/My/Cancel/{second}", $"/My/Case/{second}", new() { ["version"] = Version(page) });
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            Assert.Equal(RepairStatus.Dispatched, (await db.RepairOrders.AsNoTracking().SingleAsync(o => o.Id == second, Ct)).Status);
        }
    }

    [Fact]
    public async Task The_households_rating_is_a_reached_callback_fixed_closes_the_order_and_not_fixed_sends_it_back()
    {
        var (_, unit, phone, _) = await ResidentClient.HouseholdAsync(App, 13);
        using var resident = await ResidentClient.SignedInAsync(messaging, phone, "10.13.0.1");
        foreach (var fixedIt in new[] { true, false })
        {
            var id = await ReportAsync(resident, unit, fixedIt ? "门锁坏了" : "门锁又坏了");
            await CompleteAsync(id);
            var page = await resident.GetDocumentAsync($"/My/Case/{id}");
            var rate = page.QuerySelector<IHtmlFormElement>("#rate") ?? throw new InvalidOperationException("no rating form");
            var version = rate.QuerySelector<IHtmlInputElement>("input[name='Version']")!.Value;

            // A rating without its answers is refused with the reason, and nothing changes.
            await PostAsync(resident, $"/My/Rate/{id}", $"/My/Case/{id}", new() { ["Version"] = version });
            Assert.Equal(RepairStatus.AwaitingCallback, await StatusAsync(id));

            var rated = await PostAsync(resident, $"/My/Rate/{id}", $"/My/Case/{id}", new()
            {
                ["Version"] = version, ["Fixed"] = fixedIt ? "true" : "false", ["AttitudeSatisfied"] = "true", ["Score"] = fixedIt ? "9" : "3", ["Comment"] = "住户自评",
            });
            Assert.Equal($"/My/Case/{id}", rated.RedirectPath());
            using var db = App.CreateDbContext(SystemPropertyScope.Instance);
            var callback = await db.Callbacks.AsNoTracking().SingleAsync(c => c.RepairOrderId == id, Ct);
            Assert.Equal((CallbackStatus.Done, fixedIt, fixedIt ? 9 : 3), (callback.Status, callback.Fixed, callback.Score));
            var attempt = await db.CallbackAttempts.AsNoTracking().SingleAsync(x => x.CallbackId == callback.Id, Ct);
            Assert.Equal(CallbackOutcome.Reached, attempt.Outcome);
            Assert.EndsWith("（住户自助）", attempt.ActorName);
            Assert.Equal(fixedIt ? RepairStatus.Closed : RepairStatus.Dispatched, await StatusAsync(id));
            var clock = await db.SlaClocks.AsNoTracking().SingleAsync(c => c.SubjectId == callback.Id && c.Milestone == SlaMilestone.Callback, Ct);
            Assert.NotEqual(SlaClockState.Running, clock.State);
            App.Clock.Advance(TimeSpan.FromMinutes(1));
        }
    }

    [Theory]
    [InlineData("chase")]
    [InlineData("rate")]
    public async Task A_chase_or_a_rating_posted_twice_with_its_one_time_key_counts_once_and_both_answers_point_at_the_case(string form)
    {
        var nth = form == "chase" ? 17 : 18;
        var (_, unit, phone, _) = await ResidentClient.HouseholdAsync(App, nth);
        using var resident = await ResidentClient.SignedInAsync(messaging, phone, $"10.{nth}.0.1");
        var id = await ReportAsync(resident, unit, form == "chase" ? "幂等：卫生间地漏堵塞" : "幂等：阳台门关不严");
        string selector;
        Dictionary<string, string> fields;
        if (form == "chase")
        {
            using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
            var technician = await SlaTestData.UserIdAsync(App, "technician");
            Assert.Equal(HttpStatusCode.Redirect, (await Repairs.RepairOrderTests.PostActionAsync(desk, id, "Dispatch", new() { ["TechnicianId"] = technician })).StatusCode);
            App.Clock.Advance(TimeSpan.FromHours(13));
            (selector, fields) = ($"form[action$='/My/Chase/{id}']", []);
        }
        else
        {
            await CompleteAsync(id);
            (selector, fields) = ("#rate", new() { ["Fixed"] = "true", ["AttitudeSatisfied"] = "true", ["Score"] = "10", ["Comment"] = "幂等评价" });
        }

        var (action, values) = await resident.ReadFormAsync($"/My/Case/{id}", selector, fields);
        Assert.True(values.ContainsKey(IdempotencyFilter.FieldName), $"The {form} form carries no one-time key.");

        var first = await resident.PostAsync(action, values);
        var second = await resident.PostAsync(action, values);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal($"/My/Case/{id}", first.RedirectPath());
        Assert.Equal(first.RedirectPath(), second.RedirectPath());

        // The second answer is the first one replayed: the page it leads to says what the first did, not that the case moved on
        // meanwhile (without the key, the second submit's stale version would be refused with an error).
        var after = await resident.GetDocumentAsync($"/My/Case/{id}");
        Assert.Null(after.QuerySelector(".flash.bad"));
        Assert.NotNull(after.QuerySelector(".flash"));
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        if (form == "chase")
        {
            Assert.Equal(1, await ChaseCountAsync(id));
            var number = await db.RepairOrders.Where(o => o.Id == id).Select(o => o.Number).SingleAsync(Ct);
            var supervisor = await SlaTestData.UserIdAsync(App, "supervisor");
            Assert.Single(await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == NotificationKinds.RepairChased && m.RecipientUserId == supervisor && m.Args.Contains(number)).ToListAsync(Ct));
        }
        else
        {
            var callback = await db.Callbacks.AsNoTracking().SingleAsync(c => c.RepairOrderId == id, Ct);
            Assert.Equal((CallbackStatus.Done, 10), (callback.Status, callback.Score));
            Assert.Single(await db.CallbackAttempts.AsNoTracking().Where(x => x.CallbackId == callback.Id).ToListAsync(Ct));
            Assert.Equal(RepairStatus.Closed, await StatusAsync(id));
        }
    }

    [Fact]
    public async Task A_household_gets_404_for_every_case_and_photo_of_another_unit_on_every_route_with_an_id_and_changes_nothing()
    {
        var (_, unitA, phoneA, _) = await ResidentClient.HouseholdAsync(App, 14);
        var (_, unitB, phoneB, _) = await ResidentClient.HouseholdAsync(App, 15);
        using var b = await ResidentClient.SignedInAsync(messaging, phoneB, "10.14.0.2");
        var theirs = await ReportAsync(b, unitB, "B 户的报修", photo: true);
        var theirComplaint = await ResidentComplaintTests.ComplainAsync(b, unitB, "B 户的投诉", photo: true);
        Guid theirPhoto, theirComplaintPhoto;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            theirPhoto = (await db.Attachments.AsNoTracking().SingleAsync(x => x.OwnerId == theirs, Ct)).Id;
            theirComplaintPhoto = (await db.Attachments.AsNoTracking().SingleAsync(x => x.OwnerId == theirComplaint, Ct)).Id;
        }

        // An order of a unit of household A's registered by the desk for someone else is not A's either.
        using var a = await ResidentClient.SignedInAsync(messaging, phoneA, "10.14.0.1");
        var own = await ReportAsync(a, unitA, "A 户的报修", photo: true);
        Assert.Equal(HttpStatusCode.OK, (await a.GetAsync($"/My/Case/{own}")).StatusCode);
        var before = await FingerprintAsync(theirs) + await ComplaintFingerprintAsync(theirComplaint);
        var token = (await a.GetDocumentAsync("/My/Report")).QuerySelector<IHtmlInputElement>("input[name='__RequestVerificationToken']")!.Value;

        var walked = 0;
        var failures = new List<string>();
        foreach (var route in ActionRoutes.All(App.Services).Where(r => r.Controller == "My" && r.HasId))
        {
            foreach (var (kind, id) in new[] { ("case", theirs), ("photo", theirPhoto), ("complaint", theirComplaint), ("complaint photo", theirComplaintPhoto), ("unknown", Guid.NewGuid()) })
            {
                var path = route.Path(id.ToString())!;
                var response = route.AllowsGet
                    ? await a.GetAsync(path)
                    : await a.PostAsync(path, new Dictionary<string, string> { [PortalClient.TokenField] = token, ["version"] = "0", ["Fixed"] = "false", ["AttitudeSatisfied"] = "false", ["Score"] = "1" });
                walked++;
                output.WriteLine($"{route} {path} ({kind}) -> {(int)response.StatusCode}");
                if (response.StatusCode != HttpStatusCode.NotFound)
                {
                    failures.Add($"{path} with B's {kind} answered {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(walked >= 35, $"only {walked} requests walked");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.Equal(before, await FingerprintAsync(theirs) + await ComplaintFingerprintAsync(theirComplaint));
        var home = await ResponseText.ReadableAsync(await a.GetAsync("/My"));
        Assert.DoesNotContain("B 户的报修", home);
        Assert.DoesNotContain("B 户的投诉", home);
    }

    [Fact]
    public async Task A_household_that_moved_out_sees_none_of_its_old_units_cases()
    {
        var (customer, unit, phone, _) = await ResidentClient.HouseholdAsync(App, 16);
        using var resident = await ResidentClient.SignedInAsync(messaging, phone, "10.16.0.1");
        var id = await ReportAsync(resident, unit, "搬走前的报修");
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            foreach (var o in await db.Occupancies.Where(x => x.CustomerId == customer).ToListAsync(Ct))
            {
                o.End(DateOnly.FromDateTime(App.Clock.UtcNow.AddDays(-1)) < o.StartDate ? o.StartDate : DateOnly.FromDateTime(App.Clock.UtcNow.AddDays(-1)));
            }

            await db.SaveChangesAsync(Ct);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await resident.GetAsync($"/My/Case/{id}")).StatusCode);
        var home = await ResponseText.ReadableAsync(await resident.GetAsync("/My"));
        Assert.Contains("目前没有登记在您名下的在住房屋", home);
        Assert.DoesNotContain("搬走前的报修", home);
    }

    // --- helpers ---

    /// <summary>Fills the report form as a phone would (multipart, with a photo when asked) and returns the new order's id.</summary>
    internal static async Task<Guid> ReportAsync(PortalClient resident, Guid unit, string description, bool photo = false, Guid? category = null)
    {
        var page = await resident.GetDocumentAsync("/My/Report");
        var form = page.QuerySelector<IHtmlFormElement>("main form")!;
        var categoryId = category?.ToString() ?? form.QuerySelector<IHtmlSelectElement>("select[name='CategoryId']")!.Options.Skip(1).First().Value;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(form.QuerySelector<IHtmlInputElement>($"input[name='{PortalClient.TokenField}']")!.Value), PortalClient.TokenField },
            { new StringContent(unit.ToString()), "UnitId" },
            { new StringContent(categoryId), "CategoryId" },
            { new StringContent(description), "Description" },
        };
        if (photo)
        {
            var image = new ByteArrayContent(Png);
            image.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            content.Add(image, "Photos", "leak.png");
        }

        var response = await resident.Http.PostAsync("/My/Report", content, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"report answered {(int)response.StatusCode}: {await ResponseText.ReadableAsync(response)}");
        return Guid.Parse(response.RedirectPath().Split('/')[^1]);
    }

    private static string Version(IHtmlDocument page) =>
        page.QuerySelector<IHtmlInputElement>("input[name='version']")?.Value ?? throw new InvalidOperationException("no version on the case page");

    private static async Task<HttpResponseMessage> PostAsync(PortalClient client, string url, string pageUrl, Dictionary<string, string> fields)
    {
        var page = await client.GetDocumentAsync(pageUrl);
        fields[PortalClient.TokenField] = page.QuerySelector<IHtmlInputElement>($"input[name='{PortalClient.TokenField}']")!.Value;
        return await client.PostAsync(url, fields);
    }

    private async Task CompleteAsync(Guid id)
    {
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var technician = await SlaTestData.UserIdAsync(App, "technician");
        Assert.Equal(HttpStatusCode.Redirect, (await Repairs.RepairOrderTests.PostActionAsync(desk, id, "Dispatch", new() { ["TechnicianId"] = technician })).StatusCode);
        using var tech = await PortalClient.SignedInAsync(App, "technician");
        Assert.Equal(HttpStatusCode.Redirect, (await Repairs.RepairOrderTests.PostActionAsync(tech, id, "OnSite", [])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Repairs.RepairOrderTests.PostActionAsync(tech, id, "Complete", new() { ["WorkDone"] = "更换锁芯" })).StatusCode);
        Assert.Equal(RepairStatus.AwaitingCallback, await StatusAsync(id));
    }

    /// <summary>The order as the database holds it now.</summary>
    private async Task<RepairOrder> OrderAsync(Guid id)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await db.RepairOrders.AsNoTracking().SingleAsync(o => o.Id == id, Ct);
    }

    private async Task<RepairStatus> StatusAsync(Guid id) => (await OrderAsync(id)).Status;

    private async Task<int> ChaseCountAsync(Guid id) => (await OrderAsync(id)).ChaseCount;

    private async Task<string> ComplaintFingerprintAsync(Guid complaint)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        var c = await db.Complaints.AsNoTracking().SingleAsync(x => x.Id == complaint, Ct);
        return $"/{c.Status}/{c.Version}/{await db.ComplaintEvents.CountAsync(e => e.ComplaintId == complaint, Ct)}";
    }

    private async Task<string> FingerprintAsync(Guid order)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        var o = await db.RepairOrders.AsNoTracking().SingleAsync(x => x.Id == order, Ct);
        var events = await db.RepairOrderEvents.CountAsync(e => e.RepairOrderId == order, Ct);
        var callbacks = await db.Callbacks.CountAsync(c => c.RepairOrderId == order, Ct);
        return $"{o.Status}/{o.Version}/{o.ChaseCount}/{events}/{callbacks}";
    }
}

public sealed class SqliteResidentCaseTests(SqliteResidentPortalFactory factory, ITestOutputHelper output)
    : ResidentCaseTests(factory, output), IClassFixture<SqliteResidentPortalFactory>;

public sealed class PostgresResidentCaseTests(PostgresResidentPortalFactory factory, ITestOutputHelper output)
    : ResidentCaseTests(factory, output), IClassFixture<PostgresResidentPortalFactory>;
