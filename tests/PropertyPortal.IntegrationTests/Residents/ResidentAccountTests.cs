using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Community;
using PropertyPortal.Domain.Fees;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Domain.Residents;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.IntegrationTests.Notifications;
using PropertyPortal.IntegrationTests.Sla;
using PropertyPortal.Web.Features.Notifications;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.IntegrationTests.Residents;

/// <summary>
/// The household's bill (its units' charges by month, what it owes, its receipts, the property's bank for a transfer) and its
/// record: a change it asks for waits for the desk, which approves it onto the registry or refuses it with a reason.
/// </summary>
public abstract class ResidentAccountTests(IMessagingPortal messaging)
{
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
    public async Task The_bill_shows_the_households_own_charges_by_month_what_it_owes_and_how_to_pay_never_another_units()
    {
        var (customerA, unitA, phoneA, _) = await ResidentClient.HouseholdAsync(App, 20);
        var (customerB, unitB, _, _) = await ResidentClient.HouseholdAsync(App, 21);
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            var property = await db.Units.Where(u => u.Id == unitA).Select(u => u.PropertyId).SingleAsync(Ct);
            var by = new Actor(null, "测试");
            var today = DateOnly.FromDateTime(App.Clock.UtcNow);
            db.Charges.Add(new Charge(property, unitA, customerA, null, FeeKind.OneOff, 202611, "A户物业费十一月", 1, 320.50m, 320.50m, today, "T:A:1", by, App.Clock.UtcNow));
            db.Charges.Add(new Charge(property, unitA, customerA, null, FeeKind.OneOff, 202612, "A户物业费十二月", 1, 320.50m, 320.50m, today, "T:A:2", by, App.Clock.UtcNow));
            db.Charges.Add(new Charge(property, unitB, customerB, null, FeeKind.OneOff, 202612, "B户物业费十二月", 1, 999m, 999m, today, "T:B:1", by, App.Clock.UtcNow));
            await db.SaveChangesAsync(Ct);
        }

        using var resident = await ResidentClient.SignedInAsync(messaging, phoneA, "10.20.0.1");
        var bill = await resident.GetDocumentAsync("/My/Bill");
        var text = bill.Body!.TextContent;
        Assert.Contains("A户物业费十一月", text);
        Assert.Contains("A户物业费十二月", text);
        Assert.DoesNotContain("B户物业费", text);
        Assert.Equal("¥641.00", bill.QuerySelector("#owed")!.TextContent.Trim());
        Assert.True(text.IndexOf("2026年12月", StringComparison.Ordinal) < text.IndexOf("2026年11月", StringComparison.Ordinal), "newest month first");
        Assert.Contains("在线缴费即将开通", text);
    }

    [Fact]
    public async Task A_change_the_household_asks_for_waits_for_the_desk_which_approves_it_onto_the_registry_or_refuses_it_with_a_reason()
    {
        var (customer, _, phone, _) = await ResidentClient.HouseholdAsync(App, 22);
        ContactChannel before;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            before = (await db.Customers.AsNoTracking().SingleAsync(x => x.Id == customer, Ct)).PreferredChannel;
        }

        Assert.NotEqual(ContactChannel.Email, before);
        using var resident = await ResidentClient.SignedInAsync(messaging, phone, "10.22.0.1");

        var empty = await resident.SubmitFormAsync("/My/Household", "main form", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("请填写要变更的内容", await ResponseText.ReadableAsync(empty));

        var sent = await resident.SubmitFormAsync("/My/Household", "main form",
            new Dictionary<string, string> { ["Form.Phone"] = "139 0000 2222", ["Form.PreferredChannel"] = nameof(ContactChannel.Email), ["Form.Members"] = "女儿 王小红 13900003333" });
        Assert.Equal("/My/Household", sent.RedirectPath());
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            var c = await db.Customers.AsNoTracking().SingleAsync(x => x.Id == customer, Ct);
            Assert.Equal((phone, before), (c.Phone, c.PreferredChannel));
            var frontdesk = await SlaTestData.UserIdAsync(App, "frontdesk");
            Assert.True(await db.OutboxMessages.AnyAsync(m => m.Kind == NotificationKinds.ResidentChangeRequested && m.RecipientUserId == frontdesk, Ct));
        }

        // The desk's menu links to the list with the number waiting (a technician does not approve, and has no such link).
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var menu = await desk.GetDocumentAsync("/");
        int waiting;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            waiting = await db.HouseholdChangeRequests.CountAsync(r => r.State == ChangeRequestState.Pending, Ct);
        }

        Assert.True(waiting >= 1);
        Assert.Equal(waiting.ToString(CultureInfo.InvariantCulture), menu.QuerySelector("#nav-household-changes #household-changes-count")?.TextContent);
        using (var technician = await PortalClient.SignedInAsync(App, "technician"))
        {
            Assert.Null((await technician.GetDocumentAsync("/")).QuerySelector("#nav-household-changes"));
        }

        var list = await desk.GetDocumentAsync("/HouseholdChanges");
        var row = list.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains("13900002222", StringComparison.Ordinal));
        var refuse = row.QuerySelector<IHtmlFormElement>("form[action*='/Refuse/']")!;
        var version = refuse.QuerySelector<IHtmlInputElement>("input[name='version']")!.Value;
        var token = list.QuerySelector<IHtmlInputElement>($"input[name='{PortalClient.TokenField}']")!.Value;
        await desk.PostAsync(refuse.GetAttribute("action")!, new Dictionary<string, string> { [PortalClient.TokenField] = token, ["version"] = version, ["note"] = "" });
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            Assert.Equal(ChangeRequestState.Pending, (await db.HouseholdChangeRequests.AsNoTracking().SingleAsync(r => r.CustomerId == customer, Ct)).State);
        }

        var approve = row.QuerySelector<IHtmlFormElement>("form[action*='/Approve/']")!;
        Assert.Equal("/HouseholdChanges", (await desk.PostAsync(approve.GetAttribute("action")!,
            new Dictionary<string, string> { [PortalClient.TokenField] = token, ["version"] = version })).RedirectPath());
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            var c = await db.Customers.AsNoTracking().SingleAsync(x => x.Id == customer, Ct);
            Assert.Equal(("13900002222", ContactChannel.Email), (c.Phone, c.PreferredChannel));
            Assert.Equal(ChangeRequestState.Approved, (await db.HouseholdChangeRequests.AsNoTracking().SingleAsync(r => r.CustomerId == customer, Ct)).State);
        }

        Assert.Contains("已通过", (await resident.GetDocumentAsync("/My/Household")).QuerySelector("#changes")!.TextContent);
        var after = await desk.GetDocumentAsync("/");
        Assert.NotNull(after.QuerySelector("#nav-household-changes"));
        Assert.Equal(waiting == 1 ? null : (waiting - 1).ToString(CultureInfo.InvariantCulture), after.QuerySelector("#household-changes-count")?.TextContent);
    }

    [Fact]
    public async Task The_office_towers_desk_gets_404_for_a_change_request_of_the_residential_property()
    {
        var (_, _, phone, _) = await ResidentClient.HouseholdAsync(App, 23);
        using var resident = await ResidentClient.SignedInAsync(messaging, phone, "10.23.0.1");
        await resident.SubmitFormAsync("/My/Household", "main form", new Dictionary<string, string> { ["Form.Note"] = "换了新手机" });
        Guid id;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            id = (await db.HouseholdChangeRequests.AsNoTracking().OrderByDescending(r => r.RequestedAt).FirstAsync(Ct)).Id;
        }

        using var office = await PortalClient.SignedInAsync(App, "officedesk");
        Assert.DoesNotContain("换了新手机", await ResponseText.ReadableAsync(await office.GetAsync("/HouseholdChanges")));
        var token = await office.AntiforgeryTokenAsync();
        var answer = await office.PostAsync($"/HouseholdChanges/Approve/{id}", new Dictionary<string, string> { [PortalClient.TokenField] = token, ["version"] = "0" });
        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
    }

    [Fact]
    public async Task A_household_answers_its_event_invitation_on_its_page_and_the_desks_invitation_list_shows_the_reply()
    {
        var (customer, _, phone, _) = await ResidentClient.HouseholdAsync(App, 40);
        var chhy = await PropertyRecords.ResidentialAsync(App.Services);
        var starts = PortalClock.ToLocal(App.Clock.UtcNow).Date.AddDays(30).AddHours(19);
        using var steward = await PortalClient.SignedInAsync(App, "steward");
        var created = await steward.SubmitFormAsync($"/Events/Create?propertyId={chhy.PropertyId}", "form[method='post'][action^='/Events/Create']", new Dictionary<string, string>
        {
            ["Theme"] = "中秋游园会", ["Format"] = "游园", ["StartsAt"] = starts.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
            ["EndsAt"] = starts.AddHours(2).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture), ["Place"] = "会所前广场",
            ["EventContent"] = "猜灯谜", ["Schedule"] = "D-3 布场", ["DepartmentDuties"] = "管家部接待", ["PartnerProposals"] = "无",
            ["EmergencyPlan"] = "备用照明", ["EvaluationMethod"] = "现场问卷", ["ExpectedAttendance"] = "100",
            ["Budget[0].BudgetItem"] = "灯笼", ["Budget[0].Amount"] = "800",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = Guid.Parse(created.RedirectPath().Split('/')[^1]);
        foreach (var (user, selector) in new[] { ("manager", "#approve-proposal-form"), ("steward", "#filled-form"), ("supervisor", "#submit-form"), ("gm", "#approve-form") })
        {
            using var client = await PortalClient.SignedInAsync(App, user);
            Assert.Equal(HttpStatusCode.Redirect, (await Pauses.PauseFlowTests.PostPauseFormAsync(client, $"/Events/Details/{id}", selector, [])).StatusCode);
        }

        var invite = (await steward.GetDocumentAsync($"/Events/Invitations/{id}")).QuerySelector<IHtmlFormElement>("#invite-form")!;
        Assert.Equal(HttpStatusCode.Redirect, (await steward.PostAsync(invite.Action, Pauses.PauseFlowTests.BrowserFields(invite))).StatusCode);
        Guid invitation;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            invitation = await db.EventInvitations.Where(i => i.EventId == id && i.CustomerId == customer).Select(i => i.Id).SingleAsync(Ct);
        }

        using var resident = await ResidentClient.SignedInAsync(messaging, phone, "10.40.0.1");
        foreach (var (reply, people) in new[] { (InvitationReply.Attending, "3"), (InvitationReply.Declined, "1") })
        {
            var page = await resident.GetDocumentAsync("/My/Notices");
            var form = page.QuerySelector<IHtmlFormElement>($"form[action$='/My/Reply/{invitation}']") ?? throw new InvalidOperationException("no reply form");
            var answered = await resident.PostAsync(form.Action, new Dictionary<string, string>
            {
                [PortalClient.TokenField] = form.QuerySelector<IHtmlInputElement>($"input[name='{PortalClient.TokenField}']")!.Value,
                ["Version"] = form.QuerySelector<IHtmlInputElement>("input[name='Version']")!.Value, ["People"] = people, ["Reply"] = reply.ToString(),
            });
            Assert.Equal("/My/Notices", answered.RedirectPath());
            using var db = App.CreateDbContext(SystemPropertyScope.Instance);
            var row = await db.EventInvitations.AsNoTracking().SingleAsync(i => i.Id == invitation, Ct);
            Assert.Equal(reply, row.Reply);
            Assert.EndsWith("（住户自助）", row.RepliedByName);
            if (reply == InvitationReply.Attending)
            {
                Assert.Equal(3, row.People);
                Assert.Contains("3", (await steward.GetDocumentAsync($"/Events/Invitations/{id}")).QuerySelector($"#inv-{invitation}")!.TextContent);
            }
        }

        var list = (await steward.GetDocumentAsync($"/Events/Invitations/{id}")).QuerySelector($"#inv-{invitation}")!.TextContent;
        Assert.Contains("不参加", list);
    }

    [Fact]
    public async Task Signing_out_needs_the_pages_token_and_afterwards_the_phone_no_longer_reaches_its_pages()
    {
        var (_, _, phone, _) = await ResidentClient.HouseholdAsync(App, 41);
        var (resident, cookie) = await ResidentClient.SignInAsync(messaging, phone, "10.41.0.1");
        using var _ = resident;
        Assert.Equal(HttpStatusCode.OK, (await resident.GetAsync("/My")).StatusCode);

        // Without the page's antiforgery token a sign-out (a link on another site) is refused and the household stays signed in.
        Assert.Equal(HttpStatusCode.BadRequest, (await resident.PostAsync("/My/SignOut", new Dictionary<string, string>())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await resident.GetAsync("/My")).StatusCode);

        var page = await resident.GetDocumentAsync("/My");
        var form = page.QuerySelector<IHtmlFormElement>("form[action$='/My/SignOut']") ?? throw new InvalidOperationException("no sign-out form");
        var signedOut = await resident.PostAsync(form.Action, new Dictionary<string, string>
        {
            [PortalClient.TokenField] = form.QuerySelector<IHtmlInputElement>($"input[name='{PortalClient.TokenField}']")!.Value,
        });
        Assert.Equal("/My/SignIn", signedOut.RedirectPath());
        var after = await resident.GetAsync("/My");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/My/SignIn", after.RedirectPath());
        Assert.Equal(HttpStatusCode.Redirect, (await resident.GetAsync("/My/Bill")).StatusCode);

        // A copy of the old cookie (another tab, a stolen cookie) is signed out too: the sign-out is recorded on the account.
        using var http = App.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/My");
        request.Headers.Add("Cookie", cookie);
        var replayed = await http.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.StartsWith("/My/SignIn", replayed.RedirectPath());
    }
}

public sealed class SqliteResidentAccountTests(SqliteResidentPortalFactory factory) : ResidentAccountTests(factory), IClassFixture<SqliteResidentPortalFactory>;

public sealed class PostgresResidentAccountTests(PostgresResidentPortalFactory factory) : ResidentAccountTests(factory), IClassFixture<PostgresResidentPortalFactory>;
