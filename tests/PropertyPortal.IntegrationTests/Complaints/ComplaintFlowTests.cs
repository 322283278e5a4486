using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPortal.Domain.Callbacks;
using PropertyPortal.Domain.Complaints;
using PropertyPortal.Domain.Sla;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.Web.Features.Notifications;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Seeding;

namespace PropertyPortal.IntegrationTests.Complaints;

/// <summary>
/// A complaint over HTTP as the desk, the supervisor and the manager work it: real forms with
/// antiforgery, the database read afterwards, the outbox checked for who was told.
/// </summary>
public abstract class ComplaintFlowTests(PortalFactory factory)
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

    [Fact]
    public async Task A_major_complaint_goes_from_intake_through_the_managers_approval_to_closing_and_a_bad_callback_reopens_it()
    {
        var (_, customer, category) = await ResidentialAsync();
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var id = await AcceptAsync(desk, $"/Complaints/Create?customerId={customer}", category, ComplaintTier.Major);

        var complaint = await ComplaintAsync(id);
        Assert.Equal((ComplaintTier.Major, ComplaintStatus.Accepted, "张前台"), (complaint.Tier, complaint.Status, complaint.OwnerName));
        Assert.Matches(@"^TS\d{8}-\d{4}$", complaint.Number);
        var clocks = await ClocksAsync(id);
        Assert.Equal(
            [SlaMilestone.ComplaintReply, SlaMilestone.Escalation, SlaMilestone.DefiniteReply, SlaMilestone.Resolution],
            clocks.Select(c => c.Milestone).Order());
        Assert.Equal(complaint.ReceivedAt.AddHours(1), clocks.Single(c => c.Milestone == SlaMilestone.ComplaintReply).DueAt);
        var managerId = await UserIdAsync("manager");
        Assert.Contains(await OutboxAsync(NotificationKinds.ComplaintEscalated), m => m.RecipientUserId == managerId);

        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(desk, id, "Reply", new() { ["Channel"] = "Phone", ["Text"] = "已致电致歉，今日内给出方案" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(desk, id, "Plan", new() { ["Text"] = "更换破损井盖，施工期间设围挡" })).StatusCode);
        Assert.Equal(ComplaintStatus.PlanPendingApproval, (await ComplaintAsync(id)).Status);
        Assert.Contains(await OutboxAsync(NotificationKinds.ComplaintPlanPending), m => m.RecipientUserId == managerId);

        // The desk cannot approve, even by posting the form itself.
        var refused = await PostDirectAsync(desk, id, "Approve", new() { ["Text"] = "" });
        Assert.True(refused.IsAccessDenied(), $"Approve as frontdesk answered {(int)refused.StatusCode}");
        Assert.Equal(ComplaintStatus.PlanPendingApproval, (await ComplaintAsync(id)).Status);

        using var manager = await PortalClient.SignedInAsync(App, "manager");
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(manager, id, "Acknowledge", [])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(manager, id, "Approve", new() { ["Text"] = "同意" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(desk, id, "Agreement", new() { ["Channel"] = "InPerson", ["Text"] = "业主同意" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(desk, id, "Resolve", new() { ["Text"] = "井盖已更换" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(desk, id, "Result", new() { ["Channel"] = "Phone", ["Text"] = "业主满意" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(desk, id, "Close", [])).StatusCode);

        complaint = await ComplaintAsync(id);
        Assert.Equal(ComplaintStatus.Closed, complaint.Status);
        Assert.Equal("王经理", complaint.PlanDecidedBy);
        Assert.All(await ClocksAsync(id), c => Assert.NotEqual(SlaClockState.Running, c.State));
        Assert.Equal(
            [ComplaintEventKind.Accepted, ComplaintEventKind.Replied, ComplaintEventKind.PlanProposed, ComplaintEventKind.EscalationAcknowledged,
             ComplaintEventKind.PlanApproved, ComplaintEventKind.CustomerAgreed, ComplaintEventKind.Resolved, ComplaintEventKind.ResultNotified, ComplaintEventKind.Closed],
            complaint.Events.OrderBy(e => e.Id).Select(e => e.Kind));

        Guid callbackId;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            var callback = await db.Callbacks.SingleAsync(c => c.ComplaintId == id, Ct);
            Assert.Equal((CallbackSource.Complaint, complaint.ClosedAt!.Value.AddDays(3)), (callback.Source, callback.DueAt));
            callbackId = callback.Id;
        }

        var recorded = await desk.SubmitFormAsync($"/Callbacks/Details/{callbackId}", "form[action$='/Callbacks/Record/" + callbackId + "']", new Dictionary<string, string>
        {
            ["Outcome"] = "Reached", ["Fixed"] = "false", ["AttitudeSatisfied"] = "true", ["Score"] = "3", ["Comment"] = "雨天仍积水",
        });
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        complaint = await ComplaintAsync(id);
        Assert.Equal((ComplaintStatus.Handling, 1), (complaint.Status, complaint.ReopenCount));
        Assert.Contains(await ClocksAsync(id), c => c.Milestone == SlaMilestone.Resolution && c.State == SlaClockState.Running);
        Assert.Contains("雨天仍积水", (await desk.GetDocumentAsync($"/Complaints/Details/{id}")).Body!.TextContent);
    }

    [Fact]
    public async Task A_complaint_cannot_be_closed_before_the_customer_is_told_and_the_form_says_so_in_chinese()
    {
        var (_, customer, category) = await ResidentialAsync();
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var id = await AcceptAsync(desk, $"/Complaints/Create?customerId={customer}", category, ComplaintTier.Minor);
        await ActAsync(desk, id, "Resolve", new() { ["Text"] = "已调整" });

        var response = await PostDirectAsync(desk, id, "Close", []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(ComplaintStatus.Resolved, (await ComplaintAsync(id)).Status);
        var page = await desk.GetDocumentAsync($"/Complaints/Details/{id}");
        Assert.Contains("结案前须先解决投诉并将结果告知客户", page.Body!.TextContent);
    }

    [Fact]
    public async Task A_second_complaint_of_the_same_household_and_category_within_30_days_is_flagged_for_the_supervisor()
    {
        var (_, customer, category) = await ResidentialAsync(1);
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var first = await AcceptAsync(desk, $"/Complaints/Create?customerId={customer}", category, ComplaintTier.Minor);
        var second = await AcceptAsync(desk, $"/Complaints/Create?customerId={customer}", category, ComplaintTier.Minor);

        Assert.False((await ComplaintAsync(first)).IsRepeat);
        var repeat = await ComplaintAsync(second);
        Assert.Equal((true, (Guid?)first), (repeat.IsRepeat, repeat.RepeatOfId));
        var supervisorId = await UserIdAsync("supervisor");
        Assert.Contains(await OutboxAsync(NotificationKinds.ComplaintRepeat), m => m.RecipientUserId == supervisorId && m.Args.Contains(repeat.Number));
    }

    [Fact]
    public async Task A_user_of_another_property_finds_no_trace_of_the_complaint_by_url_or_search_and_a_manager_of_that_property_cannot_act_on_it()
    {
        var (_, customer, category) = await ResidentialAsync();
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var id = await AcceptAsync(desk, $"/Complaints/Create?customerId={customer}", category, ComplaintTier.Important);
        var number = (await ComplaintAsync(id)).Number;

        using var tower = await PortalClient.SignedInAsync(App, "officedesk");
        Assert.Equal(HttpStatusCode.NotFound, (await tower.GetAsync($"/Complaints/Details/{id}")).StatusCode);
        Assert.DoesNotContain($"/Complaints/Details/{id}", await (await tower.GetAsync($"/Complaints?q={number}")).Content.ReadAsStringAsync(Ct));
        Assert.Contains($"/Complaints/Details/{id}", await (await desk.GetAsync($"/Complaints?q={number}")).Content.ReadAsStringAsync(Ct));

        await EnsureOfficeManagerAsync();
        using var officeManager = await PortalClient.SignedInAsync(App, OfficeManager);
        Assert.Equal(HttpStatusCode.NotFound, (await officeManager.GetAsync($"/Complaints/Details/{id}")).StatusCode);
        var token = await officeManager.AntiforgeryTokenAsync();
        var post = await officeManager.PostAsync($"/Complaints/Acknowledge/{id}", [new(PortalClient.TokenField, token), new("version", "1")]);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Null((await ComplaintAsync(id)).EscalationAcknowledgedAt);
    }

    [Fact]
    public async Task A_complaint_with_ongoing_harm_is_first_on_the_supervisors_board_until_the_harm_is_stopped()
    {
        var (property, customer, category) = await ResidentialAsync(2);
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var id = await AcceptAsync(desk, $"/Complaints/Create?customerId={customer}", category, ComplaintTier.Important, harm: true);
        var number = (await ComplaintAsync(id)).Number;
        var supervisorId = await UserIdAsync("supervisor");
        Assert.Contains(await OutboxAsync(NotificationKinds.ComplaintHarm), m => m.RecipientUserId == supervisorId && m.Args.Contains(number));

        using var supervisor = await PortalClient.SignedInAsync(App, "supervisor");
        var board = await supervisor.GetDocumentAsync($"/Board?propertyId={property}");
        Assert.Contains(number, board.QuerySelector("#board-harm")?.TextContent ?? "");

        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(desk, id, "StopHarm", new() { ["Text"] = "已关闭总阀" })).StatusCode);
        board = await supervisor.GetDocumentAsync($"/Board?propertyId={property}");
        Assert.DoesNotContain(number, board.QuerySelector("#board-harm")?.TextContent ?? "");
        Assert.NotNull((await ComplaintAsync(id)).HarmStoppedAt);
    }

    [Fact]
    public async Task A_complaints_photos_and_its_export_row_reach_the_desk_of_its_property_and_nobody_else()
    {
        var (_, customer, category) = await ResidentialAsync(3);
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var id = await AcceptAsync(desk, $"/Complaints/Create?customerId={customer}", category, ComplaintTier.Minor);
        var number = (await ComplaintAsync(id)).Number;

        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
        var token = await desk.AntiforgeryTokenAsync($"/Complaints/Details/{id}");
        using (var content = new MultipartFormDataContent())
        {
            content.Add(new StringContent(token), PortalClient.TokenField);
            var image = new ByteArrayContent(png);
            image.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
            content.Add(image, "photos", "积水.png");
            var fake = new ByteArrayContent("not an image"u8.ToArray());
            fake.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/jpeg");
            content.Add(fake, "photos", "fake.jpg");
            Assert.Equal(HttpStatusCode.Redirect, (await desk.Http.PostAsync($"/Complaints/AddPhotos/{id}", content, Ct)).StatusCode);
        }

        Guid photoId;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            photoId = (await db.Attachments.SingleAsync(a => a.OwnerId == id, Ct)).Id;
        }

        var page = await desk.GetDocumentAsync($"/Complaints/Details/{id}");
        Assert.NotNull(page.QuerySelector($"img[src='/Repairs/Photo/{photoId}']"));
        var served = await desk.GetAsync($"/Repairs/Photo/{photoId}");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(png, await served.Content.ReadAsByteArrayAsync(Ct));
        Assert.Contains(number, await ResponseText.ReadableAsync(await desk.GetAsync($"/Complaints/Export?q={number}")));

        using var tower = await PortalClient.SignedInAsync(App, "officedesk");
        Assert.Equal(HttpStatusCode.NotFound, (await tower.GetAsync($"/Repairs/Photo/{photoId}")).StatusCode);
        var towerExport = await tower.GetAsync($"/Complaints/Export?q={number}");
        Assert.Equal(HttpStatusCode.OK, towerExport.StatusCode);
        Assert.DoesNotContain(number, await ResponseText.ReadableAsync(towerExport));
        var post = await tower.PostAsync($"/Complaints/AddPhotos/{id}", [new(PortalClient.TokenField, await tower.AntiforgeryTokenAsync())]);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
    }

    private const string OfficeManager = "gmdsmanager";

    private Task EnsureOfficeManagerAsync() => ComplaintPageForms.EnsureOfficeManagerAsync(App, OfficeManager, "国贸经理");

    private async Task<(Guid Property, Guid Customer, Guid Category)> ResidentialAsync(int skip = 0)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        var property = await db.Properties.SingleAsync(p => p.Code == DemoSeeder.ResidentialCode, Ct);
        var occupancy = await db.Occupancies.Where(o => o.PropertyId == property.Id).OrderBy(o => o.Id).Skip(skip).FirstAsync(Ct);
        var category = await db.ComplaintCategories.OrderBy(c => c.SortOrder).Skip(skip).FirstAsync(Ct);
        return (property.Id, occupancy.CustomerId, category.Id);
    }

    private async Task<Guid> AcceptAsync(PortalClient client, string url, Guid category, ComplaintTier tier, bool harm = false)
    {
        var fields = new Dictionary<string, string>
        {
            ["CategoryId"] = category.ToString(),
            ["Tier"] = tier.ToString(),
            ["Channel"] = nameof(ComplaintChannel.Phone),
            ["Content"] = "小区南门井盖破损，老人差点摔倒",
            ["Demand"] = "尽快修好",
        };
        if (harm)
        {
            fields["OngoingHarm"] = "true";
        }

        var response = await client.SubmitFormAsync(url, Main, fields);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect,
            (await PortalClient.ParseAsync(response)).QuerySelector(".alert-danger, .text-danger:not(:empty)")?.TextContent ?? response.StatusCode.ToString());
        var path = response.RedirectPath();
        Assert.StartsWith("/Complaints/Details/", path);
        return Guid.Parse(path["/Complaints/Details/".Length..]);
    }

    private static Task<HttpResponseMessage> ActAsync(PortalClient client, Guid id, string action, Dictionary<string, string> fields) =>
        ComplaintPageForms.ActAsync(client, id, action, fields);

    /// <summary>Posts to an action whether or not the page offers it, with a valid token and the current version.</summary>
    private async Task<HttpResponseMessage> PostDirectAsync(PortalClient client, Guid id, string action, Dictionary<string, string> fields)
    {
        var page = await client.GetDocumentAsync($"/Complaints/Details/{id}");
        var token = page.QuerySelector($"form[method='post'] input[name='{PortalClient.TokenField}']")!.GetAttribute("value")!;
        var values = new Dictionary<string, string>(fields) { [PortalClient.TokenField] = token, ["Version"] = (await ComplaintAsync(id)).Version.ToString() };
        return await client.PostAsync($"/Complaints/{action}/{id}", values);
    }

    private async Task<Complaint> ComplaintAsync(Guid id)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await db.Complaints.AsNoTracking().Include(c => c.Events).SingleAsync(c => c.Id == id, Ct);
    }

    private async Task<List<SlaClock>> ClocksAsync(Guid id)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await db.SlaClocks.AsNoTracking().Where(c => c.SubjectId == id).ToListAsync(Ct);
    }

    private async Task<List<PropertyPortal.Domain.Notifications.OutboxMessage>> OutboxAsync(string kind)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == kind).ToListAsync(Ct);
    }

    private async Task<string> UserIdAsync(string userName)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync(Ct);
    }
}

public sealed class SqliteComplaintFlowTests(SqlitePortalFactory factory) : ComplaintFlowTests(factory), IClassFixture<SqlitePortalFactory>;

public sealed class PostgresComplaintFlowTests(PostgresPortalFactory factory) : ComplaintFlowTests(factory), IClassFixture<PostgresPortalFactory>;
