using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPortal.Domain.Community;
using PropertyPortal.Domain.Notices;
using PropertyPortal.Domain.Sla;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.IntegrationTests.Pauses;
using PropertyPortal.IntegrationTests.Sla;
using PropertyPortal.Web.Features.Events;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Seeding;

namespace PropertyPortal.IntegrationTests.Community;

/// <summary>
/// Community events and notices over HTTP with real forms and antiforgery, on both databases: the annual plan opened by
/// the community job on its opening instant (not a second before), its drafting clock breaching only after 5 January's
/// close, rows typed, submitted and approved by the general manager; an ad hoc event created inside its 15-day window
/// (that clock starts overdue), approved, held, recorded and its evaluation reviewed and approved; the notice ledger
/// numbered per property and year; a notice with no end date taken down by the job a month after it went up, once;
/// another property's event and notice are 404; bad input is refused beside its field in Chinese and saves nothing.
/// </summary>
public abstract class CommunityFlowTests(PortalFactory factory)
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

    private static string Local(DateTime utc) => PortalClock.ToLocal(utc).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    private async Task<HousekeepingResult> HousekeepAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<EventHousekeeping>().RunAsync(Ct);
    }

    private async Task<(SlaPolicy Policy, BusinessCalendar Calendar)> SettingsAsync(Guid propertyId)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var settings = scope.ServiceProvider.GetRequiredService<SlaSettings>();
        return (await settings.PolicyForAsync(propertyId, Ct), await settings.CalendarAsync(Ct));
    }

    private async Task<List<SlaEventKind>> FiredAsync(Guid clockId)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return [.. (await db.SlaEvents.Where(e => e.ClockId == clockId).Select(e => e.Kind).ToListAsync(Ct)).Order()];
    }

    private static async Task<HttpResponseMessage> PostFormAsync(PortalClient client, string pageUrl, string selector, Dictionary<string, string> fields)
    {
        var response = await PauseFlowTests.PostPauseFormAsync(client, pageUrl, selector, fields);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            Assert.Fail($"{selector} on {pageUrl}: " + ((await PortalClient.ParseAsync(response)).QuerySelector(".alert-danger, .text-danger:not(:empty)")?.TextContent ?? response.StatusCode.ToString()));
        }

        var flashError = (await client.GetDocumentAsync(response.RedirectPath())).QuerySelector(".alert-danger.alert-dismissible");
        Assert.True(flashError is null, $"{selector} on {pageUrl} was refused: {flashError?.TextContent}");
        return response;
    }

    [Fact]
    public async Task The_job_opens_next_years_plan_at_its_opening_instant_the_draft_clock_breaches_after_5_January_and_the_general_manager_approves_it()
    {
        var residential = await PropertyRecords.ResidentialAsync(App.Services);
        var (policy, calendar) = await SettingsAsync(residential.PropertyId);
        var year = DateTime.UtcNow.Year + 3;
        var draftDue = EventDeadlines.AnnualDue(year, policy.AnnualPlanDraftDay, calendar);
        var opens = draftDue.AddDays(-policy.AnnualPlanOpensDaysBefore);

        // The portal's clock keeps running after Set: 30 seconds before, so a slow machine cannot cross the instant.
        App.Clock.Set(opens.AddSeconds(-30));
        await HousekeepAsync();
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            Assert.False(await db.AnnualEventPlans.AnyAsync(p => p.Year == year, Ct));
        }

        App.Clock.Set(opens);
        Assert.True((await HousekeepAsync()).PlansOpened >= 1);
        AnnualEventPlan plan;
        SlaClock draft;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            plan = await db.AnnualEventPlans.SingleAsync(p => p.Year == year && p.PropertyId == residential.PropertyId, Ct);
            Assert.Equal($"{DemoSeeder.ResidentialCode}-JH-{year}", plan.Number);
            var clocks = await db.SlaClocks.Where(c => c.SubjectId == plan.Id).ToListAsync(Ct);
            draft = Assert.Single(clocks);
            Assert.Equal((SlaMilestone.AnnualPlanDraft, draftDue), (draft.Milestone, draft.DueAt));
        }

        // A second run (another instance, the next hour) opens nothing more.
        Assert.Equal(0, (await HousekeepAsync()).PlansOpened);

        // The drafting clock breaches only after the close of 5 January.
        await SlaTestData.SweepAtAsync(App.Services, draft.DueAt);
        Assert.DoesNotContain(SlaEventKind.Breach, await FiredAsync(draft.Id));
        await SlaTestData.SweepAtAsync(App.Services, draft.DueAt.AddSeconds(1));
        Assert.Contains(SlaEventKind.Breach, await FiredAsync(draft.Id));

        // The supervisor types two rows and submits; the general manager approves.
        App.Clock.Set(draft.DueAt.AddHours(1));
        using var sup = await PortalClient.SignedInAsync(App, "supervisor");
        await PostFormAsync(sup, $"/EventPlans/Rows/{plan.Id}", "#rows-form", new()
        {
            ["Rows[0].Month"] = "3", ["Rows[0].Theme"] = "学雷锋志愿服务", ["Rows[0].Format"] = "志愿服务", ["Rows[0].RowContent"] = "清理公共区域",
            ["Rows[0].Budget"] = "800", ["Rows[0].PublicWelfare"] = "true",
            ["Rows[1].Month"] = "9", ["Rows[1].Theme"] = "中秋游园会", ["Rows[1].Format"] = "游园", ["Rows[1].RowContent"] = "猜灯谜", ["Rows[1].Budget"] = "5000",
        });
        await PostFormAsync(sup, $"/EventPlans/Details/{plan.Id}", "#submit-plan-form", []);
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            // Submitted: the general manager's clock runs to the close of 10 January.
            var approval = await db.SlaClocks.SingleAsync(c => c.SubjectId == plan.Id && c.Milestone == SlaMilestone.AnnualPlanApproval, Ct);
            Assert.Equal(EventDeadlines.AnnualDue(year, policy.AnnualPlanApprovalDay, calendar), approval.DueAt);
        }

        using var gm = await PortalClient.SignedInAsync(App, "gm");
        await PostFormAsync(gm, $"/EventPlans/Details/{plan.Id}", "#approve-plan-form", new() { ["DecisionNote"] = "同意" });

        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            var approved = await db.AnnualEventPlans.Include(p => p.Rows).SingleAsync(p => p.Id == plan.Id, Ct);
            Assert.Equal(AnnualPlanStatus.Approved, approved.Status);
            Assert.Equal(["中秋游园会", "学雷锋志愿服务"], approved.Rows.Select(r => r.Theme).Order(StringComparer.Ordinal));
            var clocks = await db.SlaClocks.Where(c => c.SubjectId == plan.Id).ToListAsync(Ct);
            Assert.All(clocks, c => Assert.Equal(SlaClockState.Met, c.State));
        }

        var page = (await gm.GetDocumentAsync($"/EventPlans/Details/{plan.Id}")).QuerySelector("#timeline")!.TextContent;
        Assert.Contains("周总", page);
        Assert.Contains("李主管", page);
    }

    [Fact]
    public async Task An_ad_hoc_event_made_late_starts_overdue_and_goes_from_proposal_to_an_approved_evaluation_and_another_property_gets_404()
    {
        App.Clock.Set(DateTime.UtcNow);
        var residential = await PropertyRecords.ResidentialAsync(App.Services);
        var (policy, calendar) = await SettingsAsync(residential.PropertyId);
        var startsLocal = PortalClock.ToLocal(App.Clock.UtcNow).Date.AddDays(12).AddHours(10);
        var eventDate = DateOnly.FromDateTime(startsLocal);
        using var steward = await PortalClient.SignedInAsync(App, "steward");

        var created = await PostFormAsync(steward, $"/Events/Create?propertyId={residential.PropertyId}", "form[method='post'][action^='/Events/Create']", new()
        {
            ["Theme"] = "消防安全进社区", ["Format"] = "讲座", ["StartsAt"] = startsLocal.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
            ["EndsAt"] = startsLocal.AddHours(2).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture), ["Place"] = "会所多功能厅",
            ["EventContent"] = "灭火器使用演示", ["Schedule"] = "D-3 发通知", ["DepartmentDuties"] = "管家部接待；安环部演示", ["PartnerProposals"] = "消防站",
            ["EmergencyPlan"] = "医疗点设入口", ["EvaluationMethod"] = "问卷", ["ExpectedAttendance"] = "60", ["PublicWelfare"] = "true",
            ["Budget[0].BudgetItem"] = "灭火器耗材", ["Budget[0].Amount"] = "500",
        });
        var id = Guid.Parse(created.RedirectPath().Split('/')[^1]);
        var page = $"/Events/Details/{id}";

        CommunityEvent e;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            e = await db.CommunityEvents.SingleAsync(x => x.Id == id, Ct);
            Assert.Equal((CommunityEventStatus.Proposed, true), (e.Status, e.AdHoc));
            Assert.StartsWith($"{DemoSeeder.ResidentialCode}-HD-{eventDate.Year}-", e.Number);
            var clocks = await db.SlaClocks.Where(c => c.SubjectId == id).ToDictionaryAsync(c => c.Milestone, Ct);
            Assert.Equal(EventDeadlines.CountedBack(eventDate, policy.EventPlanFilledDays, calendar), clocks[SlaMilestone.EventPlanFilled].DueAt);
            Assert.Equal(EventDeadlines.CountedBack(eventDate, policy.EventPlanSubmittedDays, calendar), clocks[SlaMilestone.EventPlanSubmitted].DueAt);
            Assert.Equal(EventDeadlines.CountedBack(eventDate, policy.EventPlanApprovedDays, calendar), clocks[SlaMilestone.EventPlanApproved].DueAt);

            // Created 12 days ahead: the 15-day form deadline is already past — overdue, visible, not hidden.
            Assert.True(clocks[SlaMilestone.EventPlanFilled].DueAt < App.Clock.UtcNow);
            Assert.True(clocks[SlaMilestone.EventPlanSubmitted].DueAt > App.Clock.UtcNow);
        }

        var submitted = await ClockAsync(id, SlaMilestone.EventPlanSubmitted);
        await SlaTestData.SweepAtAsync(App.Services, submitted.DueAt);
        Assert.DoesNotContain(SlaEventKind.Breach, await FiredAsync(submitted.Id));
        Assert.Contains(SlaEventKind.Breach, await FiredAsync((await ClockAsync(id, SlaMilestone.EventPlanFilled)).Id));

        // Another property's desk does not see it, by URL or by posting to it.
        using (var other = await PortalClient.SignedInAsync(App, "officedesk"))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(page)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Events/PrintPlan/{id}")).StatusCode);
            var token = await other.AntiforgeryTokenAsync();
            Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/Events/MarkFilled/{id}",
                new Dictionary<string, string> { [PortalClient.TokenField] = token, ["version"] = e.Version.ToString(CultureInfo.InvariantCulture) })).StatusCode);
            Assert.DoesNotContain(e.Number, (await other.GetDocumentAsync("/Events")).Body!.TextContent);
        }

        using var manager = await PortalClient.SignedInAsync(App, "manager");
        await PostFormAsync(manager, page, "#approve-proposal-form", []);
        await PostFormAsync(steward, page, "#filled-form", []);
        using var sup = await PortalClient.SignedInAsync(App, "supervisor");
        await PostFormAsync(sup, page, "#submit-form", new() { ["DecisionNote"] = "方案可行" });
        using var gm = await PortalClient.SignedInAsync(App, "gm");
        await PostFormAsync(gm, page, "#approve-form", new() { ["DecisionNote"] = "同意" });
        Assert.Equal(HttpStatusCode.OK, (await steward.GetAsync($"/Events/PrintPlan/{id}")).StatusCode);

        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            Assert.Equal(CommunityEventStatus.Approved, (await db.CommunityEvents.SingleAsync(x => x.Id == id, Ct)).Status);
            var clocks = await db.SlaClocks.Where(c => c.SubjectId == id).ToListAsync(Ct);
            Assert.All(clocks, c => Assert.Equal(SlaClockState.Met, c.State));
        }

        // The day after: the record, then the evaluation filled, reviewed by the Manager and approved by the general manager
        // (signed in again: a sign-in lasts 10 hours of the portal's clock).
        App.Clock.Set(PortalClock.ToUtc(startsLocal.AddDays(1)));
        using var steward2 = await PortalClient.SignedInAsync(App, "steward");
        using var manager2 = await PortalClient.SignedInAsync(App, "manager");
        using var gm2 = await PortalClient.SignedInAsync(App, "gm");
        await PostFormAsync(steward2, $"/Events/Record/{id}", "#record-form", new()
        {
            ["ActualAttendance"] = "72", ["RecordSummary"] = "演示顺利，居民踊跃提问", ["Media"] = "社区公众号", ["Actuals[0].Actual"] = "460",
        });
        await PostFormAsync(steward2, page, "#evaluate-form", new() { ["GoalsMet"] = "true", ["EvaluationScore"] = "9", ["EvaluationSummary"] = "达到预期" });
        await PostFormAsync(manager2, page, "#review-form", new() { ["Passed"] = "true", ["ReviewNote"] = "属实" });
        await PostFormAsync(gm2, page, "#approve-evaluation-form", []);

        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            var closed = await db.CommunityEvents.Include(x => x.Budget).SingleAsync(x => x.Id == id, Ct);
            Assert.Equal((CommunityEventStatus.Closed, 72, 460m), (closed.Status, closed.ActualAttendance, closed.ActualSpending));
        }

        var details = await steward2.GetDocumentAsync(page);
        var timeline = details.QuerySelector("#timeline")!.TextContent;
        foreach (var who in new[] { "陈管家", "王经理", "李主管", "周总" })
        {
            Assert.Contains(who, timeline);
        }

        Assert.Equal(HttpStatusCode.OK, (await steward2.GetAsync($"/Events/PrintEvaluation/{id}")).StatusCode);
    }

    private async Task<SlaClock> ClockAsync(Guid subject, SlaMilestone milestone)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await db.SlaClocks.SingleAsync(c => c.SubjectId == subject && c.Milestone == milestone, Ct);
    }

    [Fact]
    public async Task Notices_are_numbered_per_property_and_year_a_cut_notice_has_its_lead_clock_and_one_without_an_end_is_taken_down_a_month_after_it_went_up()
    {
        App.Clock.Set(DateTime.UtcNow);
        var residential = await PropertyRecords.ResidentialAsync(App.Services);
        var office = await PropertyRecords.OfficeAsync(App.Services);
        var (policy, calendar) = await SettingsAsync(residential.PropertyId);
        var year = PortalClock.Today(App.Clock).Year;
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        using var officeDesk = await PortalClient.SignedInAsync(App, "officedesk");

        async Task<Guid> DraftAsync(PortalClient client, Guid property, Dictionary<string, string> fields)
        {
            var r = await PostFormAsync(client, $"/Notices/Create?propertyId={property}", "#notice-form", fields);
            return Guid.Parse(r.RedirectPath().Split('/')[^1]);
        }

        var cutStarts = App.Clock.UtcNow.AddDays(3);
        var first = await DraftAsync(desk, residential.PropertyId, new() { ["Title"] = "电梯年检通知", ["Body"] = "3 号楼电梯年检，请业主错峰出行。", ["Category"] = nameof(NoticeCategory.Other) });
        var cut = await DraftAsync(desk, residential.PropertyId, new()
        {
            ["Title"] = "停水通知", ["Body"] = "管网维修停水。", ["Category"] = nameof(NoticeCategory.WaterPowerCut), ["WorkStartsAt"] = Local(cutStarts),
            ["PublishUntil"] = PortalClock.Today(App.Clock).AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });
        var gmds = await DraftAsync(officeDesk, office.PropertyId, new() { ["Title"] = "国贸消防演练", ["Body"] = "周五下午消防演练。", ["Category"] = nameof(NoticeCategory.Safety) });

        PublicNotice notice;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            var numbers = await db.PublicNotices.Where(n => n.Id == first || n.Id == cut || n.Id == gmds).ToDictionaryAsync(n => n.Id, n => n.Number, Ct);
            var prefix = $"{DemoSeeder.ResidentialCode}-GG-{year}-";
            Assert.StartsWith(prefix, numbers[first]);
            Assert.Equal(int.Parse(numbers[first][prefix.Length..], CultureInfo.InvariantCulture) + 1, int.Parse(numbers[cut][prefix.Length..], CultureInfo.InvariantCulture));
            Assert.StartsWith($"{DemoSeeder.OfficeCode}-GG-{year}-", numbers[gmds]);
            Assert.Equal(numbers.Count, numbers.Values.Distinct().Count());

            // The cut's clock is due the lead time before the work starts (to the second the form could carry).
            var lead = await db.SlaClocks.SingleAsync(c => c.SubjectId == cut && c.Milestone == SlaMilestone.NoticePublication, Ct);
            var start = (await db.PublicNotices.SingleAsync(n => n.Id == cut, Ct)).WorkStartsAt!.Value;
            Assert.Equal(start.AddHours(-policy.NoticeOutageLeadHours), lead.DueAt);
            Assert.False(await db.SlaClocks.AnyAsync(c => c.SubjectId == first, Ct));
            notice = await db.PublicNotices.SingleAsync(n => n.Id == first, Ct);
        }

        // Another property's desk: 404 on the page, the print and the posting.
        Assert.Equal(HttpStatusCode.NotFound, (await officeDesk.GetAsync($"/Notices/Details/{first}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officeDesk.GetAsync($"/Notices/Print/{first}")).StatusCode);
        var token = await officeDesk.AntiforgeryTokenAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await officeDesk.PostAsync($"/Notices/Publish/{first}",
            new Dictionary<string, string> { [PortalClient.TokenField] = token, ["version"] = notice.Version.ToString(CultureInfo.InvariantCulture) })).StatusCode);
        Assert.DoesNotContain(notice.Number, (await officeDesk.GetDocumentAsync("/Notices")).Body!.TextContent);

        // Approved by the supervisor, posted by the desk: it goes to the property's households.
        using var sup = await PortalClient.SignedInAsync(App, "supervisor");
        await PostFormAsync(sup, $"/Notices/Details/{first}", "#approve-form", []);
        await PostFormAsync(desk, $"/Notices/Details/{first}", "#publish-form", []);
        DateTime publishedAt;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            var published = await db.PublicNotices.SingleAsync(n => n.Id == first, Ct);
            Assert.Equal(NoticeStatus.Published, published.Status);
            publishedAt = published.PublishedAt!.Value;
            Assert.True(await db.NoticeDeliveries.CountAsync(d => d.NoticeId == first, Ct) > 0);
        }

        Assert.Equal(HttpStatusCode.OK, (await desk.GetAsync($"/Notices/Print/{first}")).StatusCode);

        // No end date: down one month (the setting) after it went up, by the job, once (the exact instant is the domain's unit test).
        var due = calendar.ToUtc(calendar.ToLocal(publishedAt).AddMonths(policy.NoticeNoEndMonths));
        App.Clock.Set(due.AddSeconds(-30));
        await HousekeepAsync();
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            Assert.Equal(NoticeStatus.Published, (await db.PublicNotices.SingleAsync(n => n.Id == first, Ct)).Status);
        }

        App.Clock.Set(due);
        Assert.True((await HousekeepAsync()).NoticesWithdrawn >= 1);
        Assert.Equal(0, (await HousekeepAsync()).NoticesWithdrawn);
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            var down = await db.PublicNotices.Include(n => n.Events).SingleAsync(n => n.Id == first, Ct);
            Assert.Equal((NoticeStatus.Withdrawn, true), (down.Status, down.AutoWithdrawn));
            Assert.InRange(down.WithdrawnAt!.Value, due, due.AddMinutes(1));
            Assert.Single(down.Events, x => x.Kind == NoticeAction.AutoWithdrawn);
        }

        using var deskLater = await PortalClient.SignedInAsync(App, "frontdesk");
        await PostFormAsync(deskLater, $"/Notices/Details/{first}", "#archive-form", []);
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            Assert.Equal(NoticeStatus.Archived, (await db.PublicNotices.SingleAsync(n => n.Id == first, Ct)).Status);
        }
    }

    [Fact]
    public async Task Bad_input_on_the_event_and_notice_forms_is_refused_beside_the_field_in_Chinese_and_saves_nothing()
    {
        App.Clock.Set(DateTime.UtcNow);
        var residential = await PropertyRecords.ResidentialAsync(App.Services);
        int Count(PortalDbContext db) => db.CommunityEvents.Count() + db.PublicNotices.Count();
        int before;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            before = Count(db);
        }

        using var steward = await PortalClient.SignedInAsync(App, "steward");
        var eventPage = $"/Events/Create?propertyId={residential.PropertyId}";
        var starts = PortalClock.ToLocal(App.Clock.UtcNow).Date.AddDays(30).AddHours(9);
        var refused = await PauseFlowTests.PostPauseFormAsync(steward, eventPage, "form[method='post'][action^='/Events/Create']", new()
        {
            ["Theme"] = "", ["Format"] = "讲座", ["StartsAt"] = starts.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
            ["EndsAt"] = starts.AddHours(-1).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture), ["Place"] = "会所", ["ExpectedAttendance"] = "20",
        });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var doc = await PortalClient.ParseAsync(refused);
        AssertChineseBeside(doc, "Theme");
        AssertChineseBeside(doc, "EndsAt");

        var noticePage = $"/Notices/Create?propertyId={residential.PropertyId}";
        refused = await PauseFlowTests.PostPauseFormAsync(steward, noticePage, "#notice-form", new()
        {
            ["Title"] = "", ["Body"] = "停电", ["Category"] = nameof(NoticeCategory.WaterPowerCut), ["WorkStartsAt"] = "",
        });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        doc = await PortalClient.ParseAsync(refused);
        AssertChineseBeside(doc, "Title");
        AssertChineseBeside(doc, "WorkStartsAt");

        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            Assert.Equal(before, Count(db));
        }
    }

    private static void AssertChineseBeside(IHtmlDocument doc, string field)
    {
        var input = doc.GetElementById(field) ?? throw new InvalidOperationException($"No field {field}.");
        var message = input.ParentElement!.QuerySelector(".text-danger")?.TextContent.Trim() ?? "";
        Assert.False(string.IsNullOrEmpty(message), $"No message beside {field}.");
        Assert.Contains(message, c => c >= '\u4e00' && c <= '\u9fff');
    }
}

public sealed class SqliteCommunityFlowTests(SqliteQuietPortalFactory factory) : CommunityFlowTests(factory), IClassFixture<SqliteQuietPortalFactory>;

public sealed class PostgresCommunityFlowTests(PostgresQuietPortalFactory factory) : CommunityFlowTests(factory), IClassFixture<PostgresQuietPortalFactory>;
