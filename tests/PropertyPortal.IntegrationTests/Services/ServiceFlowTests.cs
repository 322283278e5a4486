using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Fees;
using PropertyPortal.Domain.FrontDesk;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Domain.Services;
using PropertyPortal.Domain.Sla;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.IntegrationTests.Sla;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;
using static PropertyPortal.IntegrationTests.Services.ServiceTestData;

namespace PropertyPortal.IntegrationTests.Services;

/// <summary>
/// The front desk's service catalog over HTTP on both databases: a request logged from a contact (转服务请求) and
/// straight at the desk, on its catalog clock (warning and breach at the exact instants), on the desk's queue and
/// the supervisor's board, done; a meeting room booked, a clash refused, a booking cancelled with its reason; the
/// large-item release refused for each broken rule, approved by a supervisor and printed; a found item claimed
/// with the ID checked and listed as unclaimed after the setting's days.
/// </summary>
public abstract class ServiceFlowTests(PortalFactory factory)
{
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
    public async Task A_pass_asked_for_on_the_phone_becomes_a_request_from_the_contact_runs_its_10_minutes_shows_on_queue_and_board_and_is_done()
    {
        var h = await HouseholdAsync(App, Residential, 50);
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");

        // 转服务请求 on the contact form: the contact is saved and the service picker opens for it.
        var logged = await desk.SubmitFormAsync("/Contacts/Create", "#contact-form", new Dictionary<string, string>
        {
            ["PropertyId"] = h.PropertyId.ToString(), ["UnitId"] = h.UnitId.ToString(), ["CustomerId"] = h.CustomerId.ToString(), ["Name"] = h.Name,
            ["Subject"] = "装修工人临时出入证", ["next"] = "service",
        });
        Assert.Equal(HttpStatusCode.Redirect, logged.StatusCode);
        var picker = LocationOf(logged);
        Assert.StartsWith("/Services/Create?contactId=", picker);
        var contactId = Guid.Parse(picker[(picker.IndexOf('=') + 1)..]);
        var pass = await TypeAsync(App, "Pass");
        var pickerPage = await desk.GetDocumentAsync(picker);
        Assert.NotNull(pickerPage.QuerySelector($"a[href*='typeId={pass}'][href*='contactId={contactId}']"));

        // The request's form comes prefilled from the contact: the household, the caller, the time it came in.
        var formUrl = $"/Services/Create?typeId={pass}&contactId={contactId}";
        var form = await desk.GetDocumentAsync(formUrl);
        Assert.Equal(h.Name, form.QuerySelector("#RequesterName")?.GetAttribute("value"));
        Assert.Equal(h.UnitId.ToString(), form.QuerySelector("#UnitId")?.GetAttribute("value"));
        var id = await OpenAsync(desk, formUrl, new() { ["Description"] = "装修工人临时出入证两张" });

        var request = await RequestAsync(App, id);
        Assert.Equal((ServiceStatus.Accepted, contactId, h.UnitId, h.CustomerId), (request.Status, request.ContactId, request.UnitId, request.CustomerId));
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            var contact = await db.Contacts.AsNoTracking().SingleAsync(c => c.Id == contactId, Ct);
            Assert.Equal((ContactOutcome.ServiceRequest, (Guid?)id), (contact.Outcome, contact.ServiceRequestId));
        }

        // The same contact cannot open a second request: its form sends the desk to the one it opened.
        var again = await desk.GetAsync(formUrl);
        Assert.Equal($"/Services/Details/{id}", again.RedirectPath());

        // 10 minutes from the time the call came in: the warning at its instant, the breach one second after the due time.
        var clock = Assert.Single(await ClocksAsync(App, id));
        Assert.Equal((SlaMilestone.ServiceDone, SlaSubject.ServiceRequest), (clock.Milestone, clock.Subject));
        Assert.Equal(request.ReceivedAt.AddMinutes(10), clock.DueAt);
        Assert.True(clock.WarnAt > clock.StartedAt && clock.WarnAt < clock.DueAt);
        await SlaTestData.SweepAtAsync(App.Services, clock.WarnAt.AddSeconds(-1));
        Assert.Empty(await FiredAsync(App, clock.Id));
        await SlaTestData.SweepAtAsync(App.Services, clock.WarnAt);
        Assert.Equal([SlaEventKind.Warning], await FiredAsync(App, clock.Id));
        await SlaTestData.SweepAtAsync(App.Services, clock.DueAt);
        Assert.Equal([SlaEventKind.Warning], await FiredAsync(App, clock.Id));
        await SlaTestData.SweepAtAsync(App.Services, clock.DueAt.AddSeconds(1));
        Assert.Contains(SlaEventKind.Breach, await FiredAsync(App, clock.Id));

        // One row on the desk's queue and on the supervisor's board, saying unit, household and what was asked for.
        var row = Assert.Single((await desk.GetDocumentAsync("/")).QuerySelectorAll($"#queue table.queue tbody tr[data-case='{id}']"));
        Assert.Equal((request.Number, h.Unit, h.Name, "装修工人临时出入证两张"), (Cell(row, "a.case-number"), Cell(row, ".queue-unit"), Cell(row, ".queue-household"), Cell(row, ".queue-problem")));
        using var supervisor = await PortalClient.SignedInAsync(App, "supervisor");
        row = Assert.Single((await supervisor.GetDocumentAsync("/Board")).QuerySelectorAll($"main table.queue tbody tr[data-case='{id}']"));
        Assert.Equal((h.Unit, h.Name), (Cell(row, ".queue-unit"), Cell(row, ".queue-household")));

        // 办结: the clock is met (late), the request leaves the queue, the timeline says who did what.
        Assert.Equal(HttpStatusCode.Redirect, (await desk.SubmitFormAsync($"/Services/Details/{id}", "#complete", new Dictionary<string, string> { ["Note"] = "已发放 2 张" })).StatusCode);
        request = await RequestAsync(App, id);
        Assert.Equal(ServiceStatus.Completed, request.Status);
        Assert.Equal([ServiceEventKind.Accepted, ServiceEventKind.Completed], request.Events.OrderBy(e => e.At).Select(e => e.Kind));
        Assert.All(request.Events, e => Assert.Equal("张前台", e.ActorName));
        Assert.Equal(SlaClockState.Met, Assert.Single(await ClocksAsync(App, id)).State);
        Assert.Empty((await desk.GetDocumentAsync("/")).QuerySelectorAll($"#queue tr[data-case='{id}']"));
        var page = await desk.GetDocumentAsync($"/Services/Details/{id}");
        Assert.Contains("已发放 2 张", page.QuerySelector("#timeline")?.TextContent);
    }

    [Fact]
    public async Task Every_plain_service_of_the_catalog_opened_at_the_desk_runs_on_its_own_promise_and_can_be_done()
    {
        var h = await HouseholdAsync(App, Residential, 51);
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        List<ServiceType> types;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            types = await db.ServiceTypes.AsNoTracking().Where(t => t.IsActive && t.ForResidential && (t.Kind == ServiceKind.General || t.Kind == ServiceKind.LostAndFound))
                .OrderBy(t => t.SortOrder).ToListAsync(Ct);
        }

        Assert.Contains(types, t => t.Code == "LostAndFound");
        Assert.Contains(types, t => t.Code == "SecurityEnquiry");
        foreach (var type in types)
        {
            var id = await OpenAsync(desk, $"/Services/Create?typeId={type.Id}&unitId={h.UnitId}&customerId={h.CustomerId}",
                new() { ["RequesterName"] = h.Name, ["Description"] = type.Name + "（测试）" });
            var clock = Assert.Single(await ClocksAsync(App, id));
            Assert.Equal((type.TargetKind, type.TargetValue), (clock.TargetKind, clock.TargetValue));
            if (type.Code == "LostAndFound")
            {
                // 失物招领: answered within the hour (002 L61).
                Assert.Equal((await RequestAsync(App, id)).ReceivedAt.AddHours(1), clock.DueAt);
            }

            Assert.Equal(HttpStatusCode.Redirect, (await desk.SubmitFormAsync($"/Services/Details/{id}", "#complete", new Dictionary<string, string> { ["Note"] = "已办理" })).StatusCode);
            Assert.Equal(ServiceStatus.Completed, (await RequestAsync(App, id)).Status);
        }
    }

    [Fact]
    public async Task A_meeting_room_is_booked_from_its_day_view_the_same_slot_is_refused_with_a_Chinese_message_and_a_cancelled_booking_frees_it()
    {
        var h = await HouseholdAsync(App, Residential, 52);
        var room = await ResourceAsync(App, Residential, ResourceKind.MeetingRoom);
        var day = PortalClock.Today(App.Clock).AddDays(5);
        var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");

        // The day view offers 10:00 free; its link opens the booking form on it.
        var view = await desk.GetDocumentAsync($"/Resources/Day/{room.Id}?date={date}");
        var link = view.QuerySelectorAll("a[href*='/Services/Create']").Select(a => a.GetAttribute("href")!).Single(href => href.Contains("from=10:00", StringComparison.Ordinal));
        var fields = new Dictionary<string, string>
        {
            ["UnitId"] = h.UnitId.ToString(), ["CustomerId"] = h.CustomerId.ToString(), ["RequesterName"] = h.Name, ["ResourceId"] = room.Id.ToString(),
            ["BookingDate"] = date, ["BookingFrom"] = "10:00", ["BookingTo"] = "11:00", ["Description"] = "业委会例会",
        };
        var id = await OpenAsync(desk, link, fields);
        var booking = (await RequestAsync(App, id)).Booking!;
        Assert.Equal((BookingStatus.Booked, 2, room.Id), (booking.Status, booking.Slots.Count, booking.ResourceId));
        Assert.Equal(PortalClock.ToUtc(day.ToDateTime(new TimeOnly(10, 0))), booking.StartsAt);
        Assert.Contains(id.ToString(), (await desk.GetDocumentAsync($"/Resources/Day/{room.Id}?date={date}")).QuerySelector("main")!.InnerHtml);

        // 10:30–11:30 overlaps: refused beside the time, in Chinese, and nothing is saved.
        var before = await RequestCountAsync(App);
        var clash = await desk.SubmitFormAsync(link, "#service-form", new Dictionary<string, string>(fields) { ["BookingFrom"] = "10:30", ["BookingTo"] = "11:30" });
        Assert.Equal(HttpStatusCode.OK, clash.StatusCode);
        var refused = await PortalClient.ParseAsync(clash);
        Assert.Equal("该时段已被预订，请另选时段", refused.QuerySelector("[data-valmsg-for='BookingFrom']")?.TextContent.Trim());
        Assert.Equal(before, await RequestCountAsync(App));

        // Cancelled with no reason: refused. With one: the slots go back and the reason stays on the timeline.
        var noReason = await desk.SubmitFormAsync($"/Services/Details/{id}", "form[action*='/Services/Cancel/']", new Dictionary<string, string> { ["Note"] = "" });
        Assert.Equal(HttpStatusCode.Redirect, noReason.StatusCode);
        Assert.Equal(BookingStatus.Booked, (await RequestAsync(App, id)).Booking!.Status);
        Assert.Equal(HttpStatusCode.Redirect, (await desk.SubmitFormAsync($"/Services/Details/{id}", "form[action*='/Services/Cancel/']",
            new Dictionary<string, string> { ["Note"] = "例会改期" })).StatusCode);
        var cancelled = await RequestAsync(App, id);
        Assert.Equal((ServiceStatus.Cancelled, "例会改期", BookingStatus.Cancelled, "例会改期"),
            (cancelled.Status, cancelled.CancelReason, cancelled.Booking!.Status, cancelled.Booking.CancelReason));
        Assert.Empty(cancelled.Booking.Slots);
        Assert.All(await ClocksAsync(App, id), c => Assert.Equal(SlaClockState.Cancelled, c.State));
        Assert.Contains("例会改期", (await desk.GetDocumentAsync($"/Services/Details/{id}")).QuerySelector("#timeline")?.TextContent);

        // The slot is free again.
        var rebooked = await OpenAsync(desk, link, new Dictionary<string, string>(fields) { ["BookingFrom"] = "10:30", ["BookingTo"] = "11:30" });
        Assert.Equal(BookingStatus.Booked, (await RequestAsync(App, rebooked)).Booking!.Status);
    }

    [Fact]
    public async Task Two_desks_booking_the_same_slot_at_the_same_moment_get_one_booking_and_the_other_a_Chinese_message()
    {
        var room = await ResourceAsync(App, Residential, ResourceKind.MeetingRoom);
        var date = PortalClock.Today(App.Clock).AddDays(6).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var meetingRoom = await TypeAsync(App, "MeetingRoom");
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        using var supervisor = await PortalClient.SignedInAsync(App, "supervisor");
        var page = $"/Services/Create?typeId={meetingRoom}&resourceId={room.Id}&date={date}&from=14:00";
        Dictionary<string, string> Fields(string who) => new()
        {
            ["RequesterName"] = who, ["ResourceId"] = room.Id.ToString(), ["BookingDate"] = date, ["BookingFrom"] = "14:00", ["BookingTo"] = "15:30",

            // Visitors' companies, not households: the suggested charge is cleared (a charge goes on a unit's account).
            ["Fee"] = "",
        };

        for (var round = 0; round < 3; round++)
        {
            var from = new TimeOnly(8 + round * 2, 0).ToString("HH:mm", CultureInfo.InvariantCulture);
            var to = new TimeOnly(9 + round * 2, 0).ToString("HH:mm", CultureInfo.InvariantCulture);
            var one = await desk.ReadFormAsync(page, "#service-form", new Dictionary<string, string>(Fields("甲公司")) { ["BookingFrom"] = from, ["BookingTo"] = to });
            var other = await supervisor.ReadFormAsync(page, "#service-form", new Dictionary<string, string>(Fields("乙公司")) { ["BookingFrom"] = from, ["BookingTo"] = to });
            var before = await RequestCountAsync(App);

            var answers = await Task.WhenAll(desk.PostAsync(one.Action, one.Values), supervisor.PostAsync(other.Action, other.Values));

            Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.Redirect));
            var loser = Assert.Single(answers, a => a.StatusCode != HttpStatusCode.Redirect);
            Assert.Equal(HttpStatusCode.OK, loser.StatusCode);
            Assert.Equal("该时段已被预订，请另选时段", (await PortalClient.ParseAsync(loser)).QuerySelector("[data-valmsg-for='BookingFrom']")?.TextContent.Trim());
            Assert.Equal(before + 1, await RequestCountAsync(App));
        }

        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        Assert.Equal(0, await db.BookingSlots.Where(s => s.ResourceId == room.Id).GroupBy(s => s.StartsAt).CountAsync(g => g.Count() > 1, Ct));
    }

    [Fact]
    public async Task A_release_is_refused_for_each_broken_rule_in_Chinese_then_approved_by_a_supervisor_printed_with_its_number_and_checked_at_the_gate()
    {
        var owner = await HouseholdAsync(App, Residential, 53);
        var release = await TypeAsync(App, "LargeItemRelease");
        var page = $"/Services/Create?typeId={release}&unitId={owner.UnitId}&customerId={owner.CustomerId}";
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var good = new Dictionary<string, string>
        {
            ["RequesterName"] = owner.Name, ["ReleaseItems"] = "三人沙发 1 张\n双门冰箱 1 台", ["CarrierName"] = "王师傅", ["CarrierPhone"] = "13900001111",
            ["ReleaseDate"] = PortalClock.Today(App.Clock).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        var before = await RequestCountAsync(App);

        async Task RefusedAsync(string url, Dictionary<string, string> fields, string field, string message)
        {
            var response = await desk.SubmitFormAsync(url, "#service-form", fields);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(message, (await PortalClient.ParseAsync(response)).QuerySelector($"[data-valmsg-for='{field}']")?.TextContent ?? "");
            Assert.Equal(before, await RequestCountAsync(App));
        }

        await RefusedAsync(page, new(good) { ["ReleaseItems"] = " \n " }, "ReleaseItems", "请列出放行物品，每行一件");
        await RefusedAsync(page, new(good) { ["ReleaseDate"] = PortalClock.Today(App.Clock).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }, "ReleaseDate", "");

        // Someone who does not live there, without the owner's authorisation.
        var stranger = await HouseholdAsync(App, Residential, 54);
        await RefusedAsync($"/Services/Create?typeId={release}&unitId={owner.UnitId}&customerId={stranger.CustomerId}", new(good) { ["RequesterName"] = stranger.Name },
            "OwnerAuthorisation", "申请人不是该房屋住户，且没有业主授权");

        // A tenant moving out while the unit owes fees, without the owner's consent.
        var tenant = await TenantOwingAsync();
        var tenantPage = $"/Services/Create?typeId={release}&unitId={tenant.UnitId}&customerId={tenant.CustomerId}";
        before = await RequestCountAsync(App);
        await RefusedAsync(tenantPage, new(good) { ["RequesterName"] = tenant.Name, ["MovingOut"] = "true" }, "OwnerConsent", "须业主同意或结清费用");
        var consented = await OpenAsync(desk, tenantPage, new(good) { ["RequesterName"] = tenant.Name, ["MovingOut"] = "true", ["OwnerConsent"] = "true" });
        Assert.Equal(ServiceStatus.PendingApproval, (await RequestAsync(App, consented)).Status);

        // The owner's release waits for a supervisor on a 10-minute clock; no slip before that, and the desk cannot approve.
        var id = await OpenAsync(desk, page, good);
        var request = await RequestAsync(App, id);
        Assert.StartsWith("FX", request.Number);
        var approval = Assert.Single(await ClocksAsync(App, id));
        Assert.Equal((SlaMilestone.ServiceApproval, request.ReceivedAt.AddMinutes(10)), (approval.Milestone, approval.DueAt));
        var early = await desk.GetAsync($"/Services/Slip/{id}");
        Assert.Equal($"/Services/Details/{id}", early.RedirectPath());
        Assert.Contains("放行须经主管批准后才能打印放行条", (await desk.GetDocumentAsync($"/Services/Details/{id}")).QuerySelector("main .alert-danger")?.TextContent);
        var token = await desk.AntiforgeryTokenAsync($"/Services/Details/{id}");
        Assert.True((await desk.PostAsync($"/Services/Approve/{id}", [new(PortalClient.TokenField, token), new("Version", request.Version.ToString(CultureInfo.InvariantCulture))])).IsAccessDenied());

        using var supervisor = await PortalClient.SignedInAsync(App, "supervisor");
        Assert.Equal(HttpStatusCode.Redirect, (await supervisor.SubmitFormAsync($"/Services/Details/{id}", "form[action*='/Services/Approve/']",
            new Dictionary<string, string> { ["Note"] = "同意放行" })).StatusCode);
        request = await RequestAsync(App, id);
        Assert.Equal((ServiceStatus.Approved, "李主管"), (request.Status, request.DecidedByName));
        Assert.Equal(SlaClockState.Met, (await ClocksAsync(App, id)).Single(c => c.Milestone == SlaMilestone.ServiceApproval).State);

        // The slip: the number the guard checks on every copy, the items and the carrier.
        var slip = await desk.GetDocumentAsync($"/Services/Slip/{id}");
        Assert.All(slip.QuerySelectorAll(".slip-number"), n => Assert.Equal(request.Number, n.TextContent.Trim()));
        Assert.NotEmpty(slip.QuerySelectorAll(".slip-number"));
        Assert.Contains("双门冰箱 1 台", slip.QuerySelector("#slip")?.TextContent);
        Assert.Contains("王师傅", slip.QuerySelector("#slip")?.TextContent);

        // At the gate: the number is valid today; the guard lets the items out and the request is done.
        var check = await desk.GetDocumentAsync($"/Services/Check?number={request.Number}");
        Assert.Contains("alert-success", check.QuerySelector("#verdict")?.ClassName);
        Assert.Contains("alert-danger", (await desk.GetDocumentAsync("/Services/Check?number=FX19990101-0001")).QuerySelector("#verdict")?.ClassName);
        Assert.Equal(HttpStatusCode.Redirect, (await desk.SubmitFormAsync($"/Services/Check?number={request.Number}", "form[action*='/Services/Complete/']",
            new Dictionary<string, string>())).StatusCode);
        Assert.Equal(ServiceStatus.Completed, (await RequestAsync(App, id)).Status);
    }

    [Fact]
    public async Task A_found_item_is_claimed_only_with_the_ID_checked_and_one_left_longer_than_the_setting_is_listed_as_unclaimed()
    {
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var property = (await HouseholdAsync(App, Residential, 0)).PropertyId;
        var now = PortalClock.ToLocal(App.Clock.UtcNow);

        async Task<Guid> RegisterAsync(string what)
        {
            var response = await desk.SubmitFormAsync($"/LostFound/Create?propertyId={property}", "main form[method='post']", new Dictionary<string, string>
            {
                ["PropertyId"] = property.ToString(), ["Description"] = what, ["FoundAt"] = now.AddMinutes(-30).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture), ["FoundWhere"] = "3号楼大堂",
                ["FoundBy"] = "保安 小李", ["StoredWhere"] = "前台失物柜 A2",
            });
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, await ErrorsAsync(response));
            var path = response.RedirectPath();
            Assert.StartsWith("/LostFound/Details/", path);
            return Guid.Parse(path["/LostFound/Details/".Length..]);
        }

        var wallet = await RegisterAsync("棕色皮夹");
        var umbrella = await RegisterAsync("格子长柄伞");

        // Without the ID checked: refused, still stored.
        var unchecked_ = await desk.SubmitFormAsync($"/LostFound/Details/{wallet}", "#claim", new Dictionary<string, string> { ["ClaimantName"] = "王女士", ["IdLast4"] = "123X" });
        Assert.Equal(HttpStatusCode.Redirect, unchecked_.StatusCode);
        Assert.Contains("须核验认领人证件", (await desk.GetDocumentAsync(unchecked_.RedirectPath())).QuerySelector("main .alert-danger")?.TextContent);
        Assert.Equal(FoundItemStatus.Held, (await ItemAsync(wallet)).Status);

        Assert.Equal(HttpStatusCode.Redirect, (await desk.SubmitFormAsync($"/LostFound/Details/{wallet}", "#claim", new Dictionary<string, string>
        {
            ["ClaimantName"] = "王女士", ["Phone"] = "13800001234", ["IdLast4"] = "123X", ["IdChecked"] = "true",
        })).StatusCode);
        var claimed = await ItemAsync(wallet);
        Assert.Equal((FoundItemStatus.Claimed, "王女士"), (claimed.Status, claimed.ClaimantName));

        // Unclaimed after the setting's days (30 by default): not yet today; listed 31 days on, the claimed one never.
        Assert.DoesNotContain("格子长柄伞", (await desk.GetDocumentAsync($"/LostFound?propertyId={property}&unclaimed=true")).QuerySelector("main")!.TextContent);
        App.Clock.Advance(TimeSpan.FromDays(31));
        try
        {
            // A month on, the morning's sign-in has expired: the desk signs in again.
            using var later = await PortalClient.SignedInAsync(App, "frontdesk");
            var list = (await later.GetDocumentAsync($"/LostFound?propertyId={property}&unclaimed=true")).QuerySelector("main")!.TextContent;
            Assert.Contains("格子长柄伞", list);
            Assert.DoesNotContain("棕色皮夹", list);
        }
        finally
        {
            App.Clock.Advance(-TimeSpan.FromDays(31));
        }

        Assert.Equal(FoundItemStatus.Held, (await ItemAsync(umbrella)).Status);
    }

    private async Task<FoundItem> ItemAsync(Guid id)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await db.FoundItems.AsNoTracking().SingleAsync(f => f.Id == id, Ct);
    }

    /// <summary>A tenant of a residential unit with an unpaid charge on the unit (a tenant is made for an owner's unit when the demo has none).</summary>
    private async Task<Household> TenantOwingAsync()
    {
        var owner = await HouseholdAsync(App, Residential, 55);
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        var now = App.Clock.UtcNow;
        var today = PortalClock.Today(App.Clock);
        var tenant = new Customer(owner.PropertyId, CustomerKind.Person, "测试租户", "13700007777");
        db.Customers.Add(tenant);
        db.Occupancies.Add(new Occupancy(owner.PropertyId, owner.UnitId, tenant.Id, OccupancyRole.Tenant, today.AddYears(-1)));
        db.Charges.Add(new Charge(owner.PropertyId, owner.UnitId, owner.CustomerId, null, FeeKind.OneOff, null, "测试欠费", 1, 120m, 120m, today.AddDays(-10),
            "test:release:" + owner.UnitId.ToString("N"), new Actor(null, "test"), now));
        await db.SaveChangesAsync(Ct);
        return owner with { CustomerId = tenant.Id, Name = tenant.Name, Role = OccupancyRole.Tenant };
    }

    private static string Cell(AngleSharp.Dom.IElement row, string selector) => row.QuerySelector(selector)?.TextContent.Trim() ?? "";
}

public sealed class SqliteServiceFlowTests(SqlitePortalFactory factory) : ServiceFlowTests(factory), IClassFixture<SqlitePortalFactory>;

public sealed class PostgresServiceFlowTests(PostgresPortalFactory factory) : ServiceFlowTests(factory), IClassFixture<PostgresPortalFactory>;
