using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Complaints;
using PropertyPortal.Domain.Renovations;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.Domain.Sla;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.IntegrationTests.Sla;
using PropertyPortal.Web.Features.Notifications;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Seeding;

namespace PropertyPortal.IntegrationTests.Pauses;

/// <summary>
/// Pauses over HTTP, with real forms and antiforgery: the handler asks on the case page, a supervisor of the
/// property decides (one of another property cannot even see it), the clocks stop at the approval instant and
/// run again on resume, later by the time paused; a refusal pauses nothing and tells the handler; nobody
/// decides on their own request; the request's own clock warns, breaches and escalates.
/// </summary>
public abstract class PauseFlowTests(PortalFactory factory)
{
    /// <summary>A supervisor assigned to 国贸大厦 (GMDS) only.</summary>
    private const string OfficeSupervisor = "gmdssupervisor";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private PortalFactory App
    {
        get
        {
            factory.EnsureAvailable();
            return factory;
        }
    }

    /// <summary>Posts the form <paramref name="selector"/> of <paramref name="pageUrl"/> as a browser would, with <paramref name="fields"/> typed over it.</summary>
    internal static async Task<HttpResponseMessage> PostPauseFormAsync(PortalClient client, string pageUrl, string selector, Dictionary<string, string> fields)
    {
        var page = await client.GetDocumentAsync(pageUrl);
        var form = page.QuerySelector<IHtmlFormElement>(selector) ?? throw new InvalidOperationException($"No form {selector} on {pageUrl}.");
        var values = BrowserFields(form);
        foreach (var (k, v) in fields)
        {
            values[k] = v;
        }

        return await client.PostAsync(form.Action, values);
    }

    /// <summary>What a browser posts for <paramref name="form"/>: inputs (ticked boxes only), selected options, text areas.</summary>
    internal static Dictionary<string, string> BrowserFields(IHtmlFormElement form)
    {
        var values = new Dictionary<string, string>();
        foreach (var input in form.QuerySelectorAll<IHtmlInputElement>("input[name]"))
        {
            if (input.Type is not ("checkbox" or "radio") || input.IsChecked)
            {
                values[input.Name!] = input.Value;
            }
        }

        foreach (var select in form.QuerySelectorAll<IHtmlSelectElement>("select[name]"))
        {
            values[select.Name!] = select.Value ?? "";
        }

        foreach (var area in form.QuerySelectorAll<IHtmlTextAreaElement>("textarea[name]"))
        {
            values[area.Name!] = area.Value;
        }

        return values;
    }

    [Fact]
    public async Task A_technician_asks_the_supervisor_approves_the_clocks_stop_from_the_approval_and_resume_later_by_exactly_the_pause()
    {
        var (id, number) = await EmergencyOrderAsync();
        var technician = await SlaTestData.UserIdAsync(App, "technician");
        var supervisor = await SlaTestData.UserIdAsync(App, "supervisor");
        var page = $"/Repairs/Details/{id}";
        using var tech = await PortalClient.SignedInAsync(App, "technician");

        var asked = await PostPauseFormAsync(tech, page, "#pause-ask", new() { ["Reason"] = nameof(PauseReason.WaitingForParts), ["Note"] = "对讲分机缺货" });

        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.Equal(page, asked.RedirectPath());
        PauseRequest request;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            request = await db.PauseRequests.SingleAsync(r => r.SubjectId == id, Ct);
            Assert.Equal((PauseRequestState.Pending, technician, "刘师傅", PauseReason.WaitingForParts, "对讲分机缺货"),
                (request.State, request.RequestedById, request.RequestedByName, request.Reason, request.Note));
            var order = await db.RepairOrders.SingleAsync(o => o.Id == id, Ct);
            Assert.Equal((RepairStatus.Dispatched, request.Id), (order.Status, order.PauseRequestId));
            var clocks = await db.SlaClocks.Where(c => c.SubjectId == id).ToListAsync(Ct);
            Assert.DoesNotContain(clocks, c => c.State == SlaClockState.Paused);
            var approval = clocks.Single(c => c.Milestone == SlaMilestone.PauseApproval);
            Assert.Equal((SlaClockState.Running, request.RequestedAt.AddMinutes(15)), (approval.State, approval.DueAt));
            Assert.Contains(await db.OutboxMessages.Where(m => m.Kind == NotificationKinds.PauseRequested).ToListAsync(Ct),
                m => m.RecipientUserId == supervisor && m.Args.Contains(number));
        }

        // A supervisor of another property does not see the order, nor can decide on its request.
        await EnsureOfficeSupervisorAsync();
        using (var other = await PortalClient.SignedInAsync(App, OfficeSupervisor))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(page)).StatusCode);
            var token = await other.AntiforgeryTokenAsync();
            Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/Pauses/Approve/{request.Id}",
                new Dictionary<string, string> { [PortalClient.TokenField] = token, ["Version"] = request.Version.ToString() })).StatusCode);
            Assert.DoesNotContain(number, (await other.GetDocumentAsync("/Pauses")).Body!.TextContent);
        }

        // The technician may not decide at all.
        var techToken = await tech.AntiforgeryTokenAsync();
        Assert.True((await tech.PostAsync($"/Pauses/Approve/{request.Id}",
            new Dictionary<string, string> { [PortalClient.TokenField] = techToken, ["Version"] = request.Version.ToString() })).IsAccessDenied());

        // Five minutes later the property's supervisor approves, from the list of pending requests.
        App.Clock.Advance(TimeSpan.FromMinutes(5));
        using var sup = await PortalClient.SignedInAsync(App, "supervisor");
        var list = await sup.GetDocumentAsync("/Pauses");
        Assert.Contains(number, list.QuerySelector("#pending")!.TextContent);
        Assert.NotNull((await sup.GetDocumentAsync("/Board")).QuerySelector("#pending-pauses a[href='/Pauses']"));
        var approved = await PostPauseFormAsync(sup, "/Pauses", $"form[action='/Pauses/Approve/{request.Id}']", new() { ["Note"] = "同意，配件到货后恢复" });
        Assert.Equal("/Pauses", approved.RedirectPath());

        DateTime approvedAt;
        Dictionary<SlaMilestone, DateTime> dueBefore;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            var decided = await db.PauseRequests.SingleAsync(r => r.Id == request.Id, Ct);
            Assert.Equal((PauseRequestState.Approved, supervisor, "李主管", "同意，配件到货后恢复"),
                (decided.State, decided.DecidedById, decided.DecidedByName, decided.DecisionNote));
            approvedAt = decided.DecidedAt!.Value;
            Assert.True(approvedAt >= request.RequestedAt.AddMinutes(5));
            Assert.Equal(RepairStatus.Paused, (await db.RepairOrders.SingleAsync(o => o.Id == id, Ct)).Status);
            var clocks = await db.SlaClocks.Where(c => c.SubjectId == id).ToListAsync(Ct);
            var stopped = clocks.Where(c => c.Milestone is SlaMilestone.OnSite or SlaMilestone.PhoneReply).ToList();
            Assert.Equal(2, stopped.Count);
            Assert.All(stopped, c => Assert.Equal((SlaClockState.Paused, approvedAt), (c.State, c.PausedAt!.Value)));
            Assert.Equal(SlaClockState.Met, clocks.Single(c => c.Milestone == SlaMilestone.PauseApproval).State);
            dueBefore = stopped.ToDictionary(c => c.Milestone, c => c.DueAt);
            Assert.Contains(await db.OutboxMessages.Where(m => m.Kind == NotificationKinds.PauseApproved).ToListAsync(Ct),
                m => m.RecipientUserId == technician && m.Args.Contains(number));
        }

        // Thirty minutes later the technician resumes: every due time moves by exactly the time paused.
        App.Clock.Advance(TimeSpan.FromMinutes(30));
        var resumed = await PostPauseFormAsync(tech, page, "#pause-resume", []);
        Assert.Equal(page, resumed.RedirectPath());
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            var ended = await db.PauseRequests.SingleAsync(r => r.Id == request.Id, Ct);
            Assert.Equal(PauseRequestState.Ended, ended.State);
            var order = await db.RepairOrders.SingleAsync(o => o.Id == id, Ct);
            Assert.Equal((RepairStatus.Dispatched, (Guid?)null), (order.Status, order.PauseRequestId));
            var paused = ended.EndedAt!.Value - approvedAt;
            Assert.InRange(paused, TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(31));
            foreach (var clock in await db.SlaClocks.Where(c => c.SubjectId == id && c.Milestone != SlaMilestone.PauseApproval && c.Milestone != SlaMilestone.WorkOrderIssued).ToListAsync(Ct))
            {
                Assert.Equal(SlaClockState.Running, clock.State);
                Assert.InRange(clock.DueAt - (dueBefore[clock.Milestone] + paused), -TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1));
                Assert.Equal(30, clock.PausedMinutes);
                Assert.InRange(clock.PausedSeconds, (long)Math.Floor(paused.TotalSeconds), (long)Math.Ceiling(paused.TotalSeconds));
            }
        }

        var details = await tech.GetDocumentAsync(page);
        Assert.Equal(2, details.QuerySelectorAll(".paused-minutes").Count(e => e.TextContent.Contains("已暂停 30 分钟")));
        var timeline = details.Body!.TextContent;
        Assert.Contains("申请暂停", timeline);
        Assert.Contains("等待配件：对讲分机缺货", timeline);
        Assert.Contains("恢复", timeline);
        Assert.Contains("李主管", details.QuerySelector("#pause-history")!.TextContent);
    }

    [Fact]
    public async Task Nobody_decides_on_their_own_request_and_a_refusal_pauses_nothing_and_tells_the_handler()
    {
        var (complaintId, number) = await ComplaintOwnedByAsync("supervisor");
        var supervisor = await SlaTestData.UserIdAsync(App, "supervisor");
        var page = $"/Complaints/Details/{complaintId}";
        using var sup = await PortalClient.SignedInAsync(App, "supervisor");

        // A complaint pauses only for an unreachable customer: that is the one reason offered.
        var form = (await sup.GetDocumentAsync(page)).QuerySelector<IHtmlFormElement>("#pause-ask")!;
        Assert.Equal([nameof(PauseReason.CustomerUnreachable)], form.QuerySelectorAll("option").Select(o => o.GetAttribute("value")));
        Assert.Equal(HttpStatusCode.Redirect, (await PostPauseFormAsync(sup, page, "#pause-ask", new() { ["Note"] = "三次电话无人接听" })).StatusCode);
        Guid requestId;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            requestId = (await db.PauseRequests.SingleAsync(r => r.SubjectId == complaintId, Ct)).Id;
        }

        // The page offers the requester no decision; posting one anyway is refused with the rule's message.
        var own = await sup.GetDocumentAsync(page);
        Assert.Null(own.QuerySelector("#pause-approve"));
        Assert.Contains("本人的申请须由其他主管或经理审批", own.QuerySelector("#case-pause")!.TextContent);
        var token = await sup.AntiforgeryTokenAsync();
        var self = await sup.PostAsync($"/Pauses/Approve/{requestId}", new Dictionary<string, string> { [PortalClient.TokenField] = token, ["Version"] = "0" });
        Assert.Equal(page, self.RedirectPath());
        Assert.Contains("不能审批本人提交的暂停申请", (await sup.GetDocumentAsync(page)).Body!.TextContent);
        await AssertNothingPausedAsync(complaintId, PauseRequestState.Pending);

        // The manager refuses: without a reason the form says so and nothing changes; with one, the handler is told.
        using var manager = await PortalClient.SignedInAsync(App, "manager");
        var bare = await PostPauseFormAsync(manager, page, "#pause-refuse", new() { ["Note"] = "" });
        Assert.Equal(page, bare.RedirectPath());
        Assert.Contains("请填写驳回理由", (await manager.GetDocumentAsync(page)).Body!.TextContent);
        await AssertNothingPausedAsync(complaintId, PauseRequestState.Pending);

        Assert.Equal(HttpStatusCode.Redirect, (await PostPauseFormAsync(manager, page, "#pause-refuse", new() { ["Note"] = "请先发短信并上门联系" })).StatusCode);
        await AssertNothingPausedAsync(complaintId, PauseRequestState.Refused);
        using var db2 = App.CreateDbContext(SystemPropertyScope.Instance);
        var refusal = Assert.Single(await db2.OutboxMessages.Where(m => m.Kind == NotificationKinds.PauseRefused && m.Args.Contains(number)).ToListAsync(Ct));
        Assert.Equal(supervisor, refusal.RecipientUserId);
        Assert.Equal([number, "王经理", "请先发短信并上门联系"], System.Text.Json.JsonSerializer.Deserialize<string[]>(refusal.Args)!);
        Assert.Equal(SlaClockState.Met, (await db2.SlaClocks.SingleAsync(c => c.SubjectId == complaintId && c.Milestone == SlaMilestone.PauseApproval, Ct)).State);
        var complaint = await db2.Complaints.Include(c => c.Events).SingleAsync(c => c.Id == complaintId, Ct);
        Assert.Equal([ComplaintEventKind.PauseRequested, ComplaintEventKind.PauseRefused],
            complaint.Events.Where(e => e.Kind is ComplaintEventKind.PauseRequested or ComplaintEventKind.PauseRefused or ComplaintEventKind.Paused)
                .OrderBy(e => e.Id).Select(e => e.Kind));
    }

    [Fact]
    public async Task A_structural_renovation_waiting_for_the_authority_pauses_its_review_clocks_until_resumed()
    {
        var renovationId = await StructuralRenovationAsync();
        var page = $"/Renovations/Details/{renovationId}";
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var form = (await desk.GetDocumentAsync(page)).QuerySelector<IHtmlFormElement>("#pause-ask")!;
        Assert.Equal([nameof(PauseReason.WaitingForAuthority)], form.QuerySelectorAll("option").Select(o => o.GetAttribute("value")));
        Assert.Equal(HttpStatusCode.Redirect, (await PostPauseFormAsync(desk, page, "#pause-ask", [])).StatusCode);

        using var sup = await PortalClient.SignedInAsync(App, "supervisor");
        Assert.Equal(HttpStatusCode.Redirect, (await PostPauseFormAsync(sup, page, "#pause-approve", [])).StatusCode);
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            var renovation = await db.Renovations.SingleAsync(r => r.Id == renovationId, Ct);
            Assert.NotNull(renovation.PausedAt);
            var review = await db.SlaClocks.Where(c => c.SubjectId == renovationId && c.Milestone != SlaMilestone.PauseApproval).ToListAsync(Ct);
            Assert.All(review, c => Assert.Equal(SlaClockState.Paused, c.State));
        }

        Assert.Equal(HttpStatusCode.Redirect, (await PostPauseFormAsync(desk, page, "#pause-resume", [])).StatusCode);
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            Assert.Null((await db.Renovations.SingleAsync(r => r.Id == renovationId, Ct)).PausedAt);
            Assert.All(await db.SlaClocks.Where(c => c.SubjectId == renovationId && c.Milestone != SlaMilestone.PauseApproval).ToListAsync(Ct),
                c => Assert.Equal(SlaClockState.Running, c.State));
        }
    }

    [Fact]
    public async Task A_request_nobody_decides_breaches_to_the_supervisors_and_escalates_to_the_managers_fifteen_minutes_later()
    {
        var (id, _) = await EmergencyOrderAsync();
        using var tech = await PortalClient.SignedInAsync(App, "technician");
        Assert.Equal(HttpStatusCode.Redirect, (await PostPauseFormAsync(tech, $"/Repairs/Details/{id}", "#pause-ask", new() { ["Reason"] = nameof(PauseReason.OwnerNotHome) })).StatusCode);
        SlaClock approval;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            approval = await db.SlaClocks.SingleAsync(c => c.SubjectId == id && c.Milestone == SlaMilestone.PauseApproval, Ct);
        }

        var technician = await SlaTestData.UserIdAsync(App, "technician");
        var supervisors = await UsersInRoleAsync(Roles.Supervisor);
        var managers = await UsersInRoleAsync(Roles.Manager);

        await SlaTestData.SweepAtAsync(App.Services, approval.DueAt);
        Assert.Equal([SlaEventKind.Warning], await FiredAsync(approval.Id));
        await SlaTestData.SweepAtAsync(App.Services, approval.DueAt.AddSeconds(1));
        Assert.Equal([SlaEventKind.Warning, SlaEventKind.Breach], await FiredAsync(approval.Id));
        await SlaTestData.SweepAtAsync(App.Services, approval.DueAt.AddMinutes(15).AddSeconds(-1));
        Assert.Equal([SlaEventKind.Warning, SlaEventKind.Breach], await FiredAsync(approval.Id));
        await SlaTestData.SweepAtAsync(App.Services, approval.DueAt.AddMinutes(15));
        Assert.Equal([SlaEventKind.Warning, SlaEventKind.Breach, SlaEventKind.EscalatedToManager], await FiredAsync(approval.Id));

        using var db2 = App.CreateDbContext(SystemPropertyScope.Instance);
        var sent = await db2.OutboxMessages.Where(m => m.DedupKey.StartsWith($"sla:{approval.Id}:")).ToListAsync(Ct);
        Assert.Equal(supervisors.Order(), sent.Where(m => m.Kind == NotificationKinds.SlaBreach).Select(m => m.RecipientUserId).Order());
        Assert.Equal(supervisors.Order(), sent.Where(m => m.Kind == NotificationKinds.SlaWarning).Select(m => m.RecipientUserId).Order());
        Assert.Equal(managers.Order(), sent.Where(m => m.Kind == NotificationKinds.SlaEscalated).Select(m => m.RecipientUserId).Order());
        Assert.DoesNotContain(sent, m => m.RecipientUserId == technician);
    }

    private async Task AssertNothingPausedAsync(Guid caseId, PauseRequestState state)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        Assert.Equal(state, (await db.PauseRequests.SingleAsync(r => r.SubjectId == caseId, Ct)).State);
        Assert.DoesNotContain(await db.SlaClocks.Where(c => c.SubjectId == caseId).ToListAsync(Ct), c => c.State == SlaClockState.Paused);
        Assert.Null((await db.Complaints.SingleAsync(c => c.Id == caseId, Ct)).PausedAt);
    }

    private async Task<List<SlaEventKind>> FiredAsync(Guid clockId)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return [.. (await db.SlaEvents.Where(e => e.ClockId == clockId).Select(e => e.Kind).ToListAsync(Ct)).Order()];
    }

    /// <summary>Enabled holders of <paramref name="role"/> who see 翠湖花园, as the sweep resolves them.</summary>
    private async Task<IReadOnlyList<string>> UsersInRoleAsync(string role)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var property = await db.Properties.Where(p => p.Code == DemoSeeder.ResidentialCode).Select(p => p.Id).SingleAsync(Ct);
        return await scope.ServiceProvider.GetRequiredService<Notifier>().UsersInRoleForPropertyAsync(role, property, Ct);
    }

    /// <summary>A 特急 order accepted at the desk and dispatched to 刘师傅, through the intake form.</summary>
    private async Task<(Guid Id, string Number)> EmergencyOrderAsync()
    {
        Guid unit, category;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            var property = await db.Properties.Where(p => p.Code == DemoSeeder.ResidentialCode).Select(p => p.Id).SingleAsync(Ct);
            unit = await db.Occupancies.Where(o => o.PropertyId == property).OrderBy(o => o.Id).Select(o => o.UnitId).FirstAsync(Ct);
            category = await db.RepairCategories.Where(c => c.Name == "户内跳闸").Select(c => c.Id).SingleAsync(Ct);
        }

        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var response = await desk.SubmitFormAsync($"/Repairs/Create?unitId={unit}", "main form[method='post']", new Dictionary<string, string>
        {
            ["Location"] = "客厅", ["Description"] = "对讲无图像", ["CategoryId"] = category.ToString(), ["Urgency"] = nameof(RepairUrgency.Emergency),
            ["Billing"] = nameof(RepairBilling.Warranty), ["TechnicianId"] = await SlaTestData.UserIdAsync(App, "technician"),
        });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect,
            (await PortalClient.ParseAsync(response)).QuerySelector(".alert-danger, .text-danger:not(:empty)")?.TextContent ?? response.StatusCode.ToString());
        var id = Guid.Parse(response.RedirectPath()["/Repairs/Details/".Length..]);
        using var check = App.CreateDbContext(SystemPropertyScope.Instance);
        return (id, (await check.RepairOrders.SingleAsync(o => o.Id == id, Ct)).Number);
    }

    /// <summary>A minor complaint accepted (and so owned) by <paramref name="userName"/> at 翠湖花园.</summary>
    private async Task<(Guid Id, string Number)> ComplaintOwnedByAsync(string userName)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var user = await db.Users.SingleAsync(u => u.UserName == userName, Ct);
        var property = await db.Properties.Where(p => p.Code == DemoSeeder.ResidentialCode).Select(p => p.Id).SingleAsync(Ct);
        var category = await db.ComplaintCategories.OrderBy(c => c.SortOrder).FirstAsync(Ct);
        var clocks = new ClockSet([], await scope.ServiceProvider.GetRequiredService<SlaSettings>().ContextForAsync(property, Ct));
        var now = App.Clock.UtcNow;
        var number = "TS-P" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var complaint = Complaint.Open(number, new(property, null, null, null, "钱女士", "13900001111", "5-1-302", null, ComplaintChannel.Phone, category,
            null, "保洁", "楼道长期无人打扫", "每天打扫", null, false, ComplaintTier.Minor, false, now, null), new Actor(user.Id, user.DisplayName), now, clocks);
        db.Complaints.Add(complaint);
        db.SlaClocks.AddRange(clocks.Started);
        await db.SaveChangesAsync(Ct);
        return (complaint.Id, number);
    }

    /// <summary>A structural renovation just applied for at 翠湖花园, without the authority's document yet.</summary>
    private async Task<Guid> StructuralRenovationAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var desk = await db.Users.SingleAsync(u => u.UserName == "frontdesk", Ct);
        var property = await db.Properties.Where(p => p.Code == DemoSeeder.ResidentialCode).Select(p => p.Id).SingleAsync(Ct);
        var unit = await db.Units.Where(u => u.PropertyId == property).OrderByDescending(u => u.Number).Select(u => u.Id).FirstAsync(Ct);
        var clocks = new ClockSet([], await scope.ServiceProvider.GetRequiredService<SlaSettings>().ContextForAsync(property, Ct));
        var now = App.Clock.UtcNow;
        var today = DateOnly.FromDateTime(now);
        var renovation = Renovation.Submit("ZX-P" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(), new(property, unit, null, "孙先生", "13700002222", false, true,
            "安居装饰", null, null, RenovationScope.WholeFloor, true, "拆除非承重墙并开门洞", today.AddDays(10), today.AddDays(40), 4, "08:00–18:00", now),
            new Actor(desk.Id, desk.DisplayName), now, clocks);
        db.Renovations.Add(renovation);
        db.SlaClocks.AddRange(clocks.Started);
        await db.SaveChangesAsync(Ct);
        return renovation.Id;
    }

    private async Task EnsureOfficeSupervisorAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByNameAsync(OfficeSupervisor) is not null)
        {
            return;
        }

        var user = new AppUser { UserName = OfficeSupervisor, DisplayName = "国贸主管", AllProperties = false, CreatedAt = DateTime.UtcNow };
        Assert.True((await users.CreateAsync(user, DemoSeeder.DemoPassword)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Supervisor)).Succeeded);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var office = await db.Properties.Where(p => p.Code == DemoSeeder.OfficeCode).Select(p => p.Id).SingleAsync(Ct);
        db.UserProperties.Add(new UserProperty { UserId = user.Id, PropertyId = office });
        await db.SaveChangesAsync(Ct);
    }
}

public sealed class SqlitePauseFlowTests(SqliteQuietPortalFactory factory) : PauseFlowTests(factory), IClassFixture<SqliteQuietPortalFactory>;

public sealed class PostgresPauseFlowTests(PostgresQuietPortalFactory factory) : PauseFlowTests(factory), IClassFixture<PostgresQuietPortalFactory>;
