using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPortal.Domain.Community;
using PropertyPortal.Domain.Sla;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.IntegrationTests.Pauses;
using PropertyPortal.IntegrationTests.Sla;
using PropertyPortal.Web.Features.Events;
using PropertyPortal.Web.Features.Import;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure;

namespace PropertyPortal.IntegrationTests.Community;

/// <summary>
/// A community event from invitation to the record, over HTTP with real forms and antiforgery on both databases:
/// households chosen by building and by "moved in this year", the invitation list, its print and its .xlsx (parsed);
/// replies taken at the desk (a second clerk with a stale form is refused, not overwritten); check-in on the day, the
/// record with spending against the budget and photos in the upload store; the household's page; the register's and the
/// annual plan's .xlsx; a large event refused approval in Chinese until the police report is recorded; the half-year
/// public-welfare rule from its alert day to its clock's breach; the community settings form's limits used by the next
/// event (a Manager standing in where the property has no general manager).
/// </summary>
public abstract class EventDayTests(PortalFactory factory)
{
    private const string CreateForm = "form[method='post'][action^='/Events/Create']";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private PortalFactory App
    {
        get
        {
            factory.EnsureAvailable();
            return factory;
        }
    }

    private static string Minute(DateTime local) => local.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Invitations_by_building_and_moved_in_this_year_list_print_and_export_the_invited_households_and_the_desk_takes_replies_once()
    {
        App.Clock.Set(DateTime.UtcNow);
        var chhy = await PropertyRecords.ResidentialAsync(App.Services);
        var today = PortalClock.Today(App.Clock);
        var starts = PortalClock.ToLocal(App.Clock.UtcNow).Date.AddDays(25).AddHours(14);
        using var steward = await PortalClient.SignedInAsync(App, "steward");
        var id = await CreateAsync(steward, chhy.PropertyId, starts, "邻里百家宴", 120, budget: 3000m);
        await ApproveAsync(id, steward);
        var list = $"/Events/Invitations/{id}";

        // One building: exactly the households living there now.
        var building = chhy.Buildings[0];
        var inBuilding = await HouseholdsAsync(chhy.PropertyId, today, building, null);
        Assert.NotEmpty(inBuilding);
        var invite = await InviteFieldsAsync(steward, list);
        invite.RemoveAll(f => f.Key == "Audience.AudienceScope");
        invite.Add(new("Audience.AudienceScope", "Buildings"));
        invite.Add(new("Audience.BuildingIds", building.ToString()));
        await PostedAsync(steward, invite, list);
        Assert.Equal(inBuilding.Order(), (await InvitedAsync(id)).Order());

        // The whole property filtered to households moved in this year: the ones not invited yet, not the others.
        var movedIn = await HouseholdsAsync(chhy.PropertyId, today, null, new DateOnly(today.Year, 1, 1));
        var wholeProperty = await HouseholdsAsync(chhy.PropertyId, today, null, null);
        Assert.NotEmpty(movedIn.Except(inBuilding));
        Assert.True(movedIn.Count < wholeProperty.Count, "the filter must leave some households out");
        invite = await InviteFieldsAsync(steward, list);
        invite.Add(new("Audience.MovedInFrom", Day(new DateOnly(today.Year, 1, 1))));
        await PostedAsync(steward, invite, list);
        var invited = await InvitedAsync(id);
        Assert.Equal(inBuilding.Union(movedIn).Order(), invited.Order());

        // The list page (which is also the printed list) and its .xlsx show exactly the invited households.
        var page = await steward.GetDocumentAsync(list);
        Assert.NotNull(page.QuerySelector("[data-print]"));
        Assert.Contains("no-print", page.QuerySelector("#invite-form")!.ClassName);
        Assert.Equal(invited.Count, page.QuerySelectorAll("#invitations tbody tr").Length);
        var names = await NamesAsync(invited);
        var export = await steward.GetAsync($"/Events/InvitationsExport/{id}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var sheet = SheetReader.Read(await export.Content.ReadAsByteArrayAsync(Ct), 10_000);
        Assert.Equal("住户", sheet[0][2]);
        Assert.Equal(names.Order(StringComparer.Ordinal), sheet.Skip(1).Select(r => r[2]!).Order(StringComparer.Ordinal));

        // Inviting the same audience again adds nobody and says so.
        var again = await InviteFieldsAsync(steward, list);
        again.Add(new("Audience.MovedInFrom", Day(new DateOnly(today.Year, 1, 1))));
        Assert.Contains("均已邀请", await RefusedAsync(steward, again, list));
        Assert.Equal(invited.Count, (await InvitedAsync(id)).Count);

        // Two clerks open the list; the first records 3 people attending, the second's stale form is refused.
        var first = await InvitationOfAsync(id, invited[0]);
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        using var sup = await PortalClient.SignedInAsync(App, "supervisor");
        var deskForm = await ReplyFormAsync(desk, list, first);
        var supForm = await ReplyFormAsync(sup, list, first);
        deskForm["Reply"] = nameof(InvitationReply.Attending);
        deskForm["People"] = "3";
        await PostedAsync(desk, [.. deskForm], list);
        supForm["Reply"] = nameof(InvitationReply.Declined);
        Assert.Contains("已被其他人修改", await RefusedAsync(sup, [.. supForm], list));

        // Attending with no number of people is refused in Chinese; nothing changes.
        var bad = await ReplyFormAsync(desk, list, first);
        bad["People"] = "";
        Assert.Contains(await RefusedAsync(desk, [.. bad], list), c => c >= '\u4e00' && c <= '\u9fff');
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            var row = await db.EventInvitations.SingleAsync(i => i.Id == first, Ct);
            Assert.Equal((InvitationReply.Attending, (int?)3, "张前台"), (row.Reply, row.People, row.RepliedByName));
        }

        var replied = (await steward.GetDocumentAsync(list)).QuerySelector($"#inv-{first}")!.TextContent;
        Assert.Contains("3", replied);
    }

    [Fact]
    public async Task On_the_day_households_are_checked_in_the_record_holds_attendance_spending_and_photos_and_the_household_page_lists_the_event()
    {
        App.Clock.Set(DateTime.UtcNow);
        var chhy = await PropertyRecords.ResidentialAsync(App.Services);
        var today = PortalClock.Today(App.Clock);
        var starts = PortalClock.ToLocal(App.Clock.UtcNow).Date.AddDays(21).AddHours(15);
        Guid id;
        List<Guid> invited;
        using (var steward = await PortalClient.SignedInAsync(App, "steward"))
        {
            id = await CreateAsync(steward, chhy.PropertyId, starts, "亲子手工课", 40, budget: 1200m);
            await ApproveAsync(id, steward);
            var invite = await InviteFieldsAsync(steward, $"/Events/Invitations/{id}");
            invite.RemoveAll(f => f.Key == "Audience.AudienceScope");
            invite.Add(new("Audience.AudienceScope", "Buildings"));
            invite.Add(new("Audience.BuildingIds", chhy.Buildings[^1].ToString()));
            await PostedAsync(steward, invite, $"/Events/Invitations/{id}");
            invited = await InvitedAsync(id);
            Assert.True(invited.Count >= 2, "the building must have two households");

            // Weeks ahead: no check-in offered, and a posted one is refused.
            var list = await steward.GetDocumentAsync($"/Events/Invitations/{id}");
            Assert.Empty(list.QuerySelectorAll(".checkin-form"));
            var early = await InvitationOfAsync(id, invited[0]);
            var token = await steward.AntiforgeryTokenAsync($"/Events/Invitations/{id}");
            Assert.Contains("活动当天方可签到", await RefusedAsync(steward,
                [new(PortalClient.TokenField, token), new("version", "0"), new("attended", "true")], $"/Events/Invitations/{id}", $"/Events/CheckIn/{early}"));
        }

        // The morning of the event: two households are checked in.
        App.Clock.Set(PortalClock.ToUtc(starts.AddHours(-2)));
        using var day = await PortalClient.SignedInAsync(App, "steward");
        var checkedIn = new List<Guid>();
        foreach (var customer in invited.Take(2))
        {
            var invitation = await InvitationOfAsync(id, customer);
            var page = await day.GetDocumentAsync($"/Events/Invitations/{id}");
            var form = page.QuerySelector<IHtmlFormElement>($"#inv-{invitation} form.checkin-form")!;
            await PostedAsync(day, [.. PauseFlowTests.BrowserFields(form)], $"/Events/Invitations/{id}", form.Action);
            checkedIn.Add(customer);
        }

        // After it: the record (attendance, what the one budget line cost and an extra line) and a photo.
        App.Clock.Set(PortalClock.ToUtc(starts.AddHours(3)));
        using var after = await PortalClient.SignedInAsync(App, "steward");
        var (action, values) = await after.ReadFormAsync($"/Events/Record/{id}", "#record-form", new Dictionary<string, string>
        {
            ["ActualAttendance"] = "37", ["RecordSummary"] = "家长与孩子共同完成手工作品", ["Media"] = "业主群、公众号",
            ["Actuals[0].Actual"] = "1100", ["Extra[0].BudgetItem"] = "饮用水", ["Extra[0].Amount"] = "150.50",
        });
        var recorded = await after.PostAsync(action, values);
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);

        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
        using (var content = new MultipartFormDataContent())
        {
            content.Add(new StringContent(await after.AntiforgeryTokenAsync($"/Events/Details/{id}")), PortalClient.TokenField);
            var image = new ByteArrayContent(png);
            image.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
            content.Add(image, "photos", "合影.png");
            Assert.Equal(HttpStatusCode.Redirect, (await after.Http.PostAsync($"/Events/AddPhotos/{id}", content, Ct)).StatusCode);
        }

        Guid photo;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            var e = await db.CommunityEvents.Include(x => x.Budget).SingleAsync(x => x.Id == id, Ct);
            Assert.Equal((CommunityEventStatus.Held, 37, 1200m, 1250.50m), (e.Status, e.ActualAttendance, e.PlannedBudget, e.ActualSpending));
            Assert.Equal(checkedIn.Order(), await db.EventInvitations.Where(i => i.EventId == id && i.AttendedAt != null).Select(i => i.CustomerId).OrderBy(x => x).ToListAsync(Ct));
            photo = (await db.Attachments.SingleAsync(a => a.OwnerType == nameof(CommunityEvent) && a.OwnerId == id, Ct)).Id;
        }

        // The printed record: attendance, the plan's total against what was spent, the photo counted; the photo itself is served.
        var sheet = (await after.GetDocumentAsync($"/Events/PrintRecord/{id}")).QuerySelector("#print-record-sheet")!;
        var foot = sheet.QuerySelector("tfoot")!.TextContent;
        Assert.Contains("1,200.00", foot);
        Assert.Contains("1,250.50", foot);
        Assert.Contains("37", sheet.TextContent);
        Assert.Contains("1 张", sheet.QuerySelectorAll("tr").Single(r => r.TextContent.Contains("活动照片", StringComparison.Ordinal)).TextContent);
        var served = await after.GetAsync($"/Events/Photo/{photo}");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(png, await served.Content.ReadAsByteArrayAsync(Ct));

        // The household's page: invited and came; another invited household: invited, not marked as come.
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var number = await NumberAsync(id);
        var came = (await desk.GetDocumentAsync($"/Customers/Details/{checkedIn[0]}")).QuerySelector("#household-events")!;
        var row = came.QuerySelectorAll("tr").Single(r => r.TextContent.Contains(number, StringComparison.Ordinal));
        Assert.Contains("已参加", row.TextContent);
        if (invited.Skip(2).FirstOrDefault() is var absent && absent != Guid.Empty)
        {
            var other = (await desk.GetDocumentAsync($"/Customers/Details/{absent}")).QuerySelector("#household-events")!;
            var invitedRow = other.QuerySelectorAll("tr").Single(r => r.TextContent.Contains(number, StringComparison.Ordinal));
            Assert.DoesNotContain("已参加", invitedRow.TextContent);
        }

        // Another property's desk: the photo, the record and the invitation list are 404.
        using var tower = await PortalClient.SignedInAsync(App, "officedesk");
        Assert.Equal(HttpStatusCode.NotFound, (await tower.GetAsync($"/Events/Photo/{photo}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tower.GetAsync($"/Events/PrintRecord/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tower.GetAsync($"/Events/InvitationsExport/{id}")).StatusCode);
    }

    [Fact]
    public async Task The_register_and_the_annual_plan_export_to_xlsx_with_their_rows()
    {
        App.Clock.Set(DateTime.UtcNow);
        var chhy = await PropertyRecords.ResidentialAsync(App.Services);
        using var steward = await PortalClient.SignedInAsync(App, "steward");
        var starts = PortalClock.ToLocal(App.Clock.UtcNow).Date.AddDays(40).AddHours(9);
        var id = await CreateAsync(steward, chhy.PropertyId, starts, "重阳敬老茶话会", 80, publicWelfare: true);
        var number = await NumberAsync(id);

        var register = await steward.GetAsync($"/Events/Export?q={number}");
        Assert.Equal(HttpStatusCode.OK, register.StatusCode);
        var rows = SheetReader.Read(await register.Content.ReadAsByteArrayAsync(Ct), 10_000);
        var header = rows[0].Cells;
        var only = Assert.Single(rows.Skip(1));
        Assert.Equal(number, only[Array.IndexOf(header, "单号")]);
        Assert.Equal("重阳敬老茶话会", only[Array.IndexOf(header, "主题")]);
        Assert.Equal(chhy.Name, only[Array.IndexOf(header, "所属项目")]);
        Assert.Equal("80", only[Array.IndexOf(header, "预计人数")]);
        Assert.Equal("是", only[Array.IndexOf(header, "公益活动")]);

        // An annual plan opened by the supervisor, two rows typed; its export holds them.
        var year = PortalClock.Today(App.Clock).Year + 4;
        using var sup = await PortalClient.SignedInAsync(App, "supervisor");
        var opened = await PostedAsync(sup, "/EventPlans", "#open-plan-form", new() { ["PropertyId"] = chhy.PropertyId.ToString(), ["Year"] = year.ToString(CultureInfo.InvariantCulture) });
        Guid plan;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            plan = await db.AnnualEventPlans.Where(p => p.PropertyId == chhy.PropertyId && p.Year == year).Select(p => p.Id).SingleAsync(Ct);
        }

        Assert.NotNull(opened);
        await PostedAsync(sup, $"/EventPlans/Rows/{plan}", "#rows-form", new()
        {
            ["Rows[0].Month"] = "4", ["Rows[0].Theme"] = "春季植树", ["Rows[0].Format"] = "志愿服务", ["Rows[0].RowContent"] = "小区补植", ["Rows[0].Budget"] = "1500", ["Rows[0].PublicWelfare"] = "true",
            ["Rows[1].Month"] = "12", ["Rows[1].Theme"] = "迎新年联欢", ["Rows[1].Format"] = "联欢会", ["Rows[1].RowContent"] = "业主才艺表演", ["Rows[1].Budget"] = "8000",
        });
        var export = await sup.GetAsync($"/EventPlans/Export/{plan}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var planRows = SheetReader.Read(await export.Content.ReadAsByteArrayAsync(Ct), 10_000);
        var h = planRows[0].Cells;
        var data = planRows.Skip(1).ToDictionary(r => r[Array.IndexOf(h, "主题")]!, r => r);
        Assert.Equal(["春季植树", "迎新年联欢"], data.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(1500m, decimal.Parse(data["春季植树"][Array.IndexOf(h, "预算费用")]!, CultureInfo.InvariantCulture));
        Assert.Equal(8000m, decimal.Parse(data["迎新年联欢"][Array.IndexOf(h, "预算费用")]!, CultureInfo.InvariantCulture));
        Assert.Equal("是", data["春季植树"][Array.IndexOf(h, "公益活动")]);

        using var tower = await PortalClient.SignedInAsync(App, "officedesk");
        Assert.Equal(HttpStatusCode.NotFound, (await tower.GetAsync($"/EventPlans/Export/{plan}")).StatusCode);
        var towerRegister = SheetReader.Read(await (await tower.GetAsync($"/Events/Export?q={number}")).Content.ReadAsByteArrayAsync(Ct), 10_000);
        Assert.Single(towerRegister);
    }

    [Fact]
    public async Task A_large_event_is_refused_approval_in_Chinese_until_the_police_report_is_recorded_and_approved_after()
    {
        App.Clock.Set(DateTime.UtcNow);
        var chhy = await PropertyRecords.ResidentialAsync(App.Services);
        var (policy, _) = await SettingsAsync(chhy.PropertyId);
        using var steward = await PortalClient.SignedInAsync(App, "steward");
        var starts = PortalClock.ToLocal(App.Clock.UtcNow).Date.AddDays(30).AddHours(18);

        // At the limit it is not large; one over, it is.
        var atLimit = await CreateAsync(steward, chhy.PropertyId, starts, "广场舞展演", policy.LargeEventAttendance);
        var id = await CreateAsync(steward, chhy.PropertyId, starts, "中秋灯会", policy.LargeEventAttendance + 1);
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            Assert.False((await db.CommunityEvents.SingleAsync(e => e.Id == atLimit, Ct)).Large);
            Assert.True((await db.CommunityEvents.SingleAsync(e => e.Id == id, Ct)).Large);
        }

        var page = $"/Events/Details/{id}";
        using var manager = await PortalClient.SignedInAsync(App, "manager");
        using var sup = await PortalClient.SignedInAsync(App, "supervisor");
        using var gm = await PortalClient.SignedInAsync(App, "gm");
        await PostedAsync(manager, page, "#approve-proposal-form", []);
        await PostedAsync(steward, page, "#filled-form", []);
        await PostedAsync(sup, page, "#submit-form", new() { ["DecisionNote"] = "人数较多，注意安保" });

        var refused = await RefusedAsync(gm, page, "#approve-form", new() { ["DecisionNote"] = "同意" });
        Assert.Contains("大型活动须先登记知会辖区派出所", refused);
        Assert.Equal(CommunityEventStatus.Submitted, await StatusAsync(id));

        // A report without its reference is refused beside nothing saved; then the date and the reference.
        Assert.Contains(await RefusedAsync(steward, page, "#police-form", new() { ["ReportedOn"] = Day(PortalClock.Today(App.Clock)), ["PoliceReference"] = "" }),
            c => c >= '\u4e00' && c <= '\u9fff');
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            Assert.Null((await db.CommunityEvents.SingleAsync(e => e.Id == id, Ct)).PoliceReportedOn);
        }

        await PostedAsync(steward, page, "#police-form", new() { ["ReportedOn"] = Day(PortalClock.Today(App.Clock)), ["PoliceReference"] = "滨江派出所备〔2026〕118号" });
        await PostedAsync(gm, page, "#approve-form", new() { ["DecisionNote"] = "已报备，同意" });
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            var e = await db.CommunityEvents.Include(x => x.Events).SingleAsync(x => x.Id == id, Ct);
            Assert.Equal((CommunityEventStatus.Approved, PortalClock.Today(App.Clock), "滨江派出所备〔2026〕118号"), (e.Status, e.PoliceReportedOn!.Value, e.PoliceReference));
            Assert.Contains(e.Events, x => x.Kind == CommunityEventAction.PoliceReported && x.ActorName == "陈管家");
        }

        Assert.Contains("滨江派出所备〔2026〕118号", (await steward.GetDocumentAsync($"/Events/PrintPlan/{id}")).QuerySelector("#print-plan-sheet")!.TextContent);
    }

    [Fact]
    public async Task From_1_May_the_events_page_and_the_board_show_a_property_with_no_public_welfare_event_and_the_half_years_clock_breaches_at_its_end()
    {
        var chhy = await PropertyRecords.ResidentialAsync(App.Services);
        var (policy, calendar) = await SettingsAsync(chhy.PropertyId);
        var year = PortalClock.Today(App.Clock).Year + 2;
        var alertDay = EventDeadlines.AlertFrom(year, 1, policy.PublicWelfareAlertMonths);
        Assert.Equal(new DateOnly(year, 5, 1), alertDay);
        var alertFrom = EventDeadlines.Midnight(alertDay, calendar);

        // The last minute of 30 April: nothing shown.
        App.Clock.Set(alertFrom.AddSeconds(-60));
        using (var sup = await PortalClient.SignedInAsync(App, "supervisor"))
        {
            Assert.Null((await sup.GetDocumentAsync("/Events")).QuerySelector("#public-welfare-alert"));
            Assert.Null((await sup.GetDocumentAsync("/Board")).QuerySelector("#public-welfare-alert"));
        }

        // From midnight of 1 May: the property is named on both pages, and only the supervisor's own property.
        App.Clock.Set(alertFrom);
        using (var sup = await PortalClient.SignedInAsync(App, "supervisor"))
        {
            foreach (var url in new[] { "/Events", "/Board" })
            {
                var alert = (await sup.GetDocumentAsync(url)).QuerySelector("#public-welfare-alert")?.TextContent ?? "";
                Assert.Contains(chhy.Name, alert);
                Assert.DoesNotContain("国贸大厦", alert);
            }
        }

        // The community job opens the half's clock; it runs to the first instant of July.
        await HousekeepAsync();
        SlaClock clock;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            var half = await db.PublicWelfareHalves.SingleAsync(h => h.PropertyId == chhy.PropertyId && h.Year == year && h.Half == 1, Ct);
            clock = await db.SlaClocks.SingleAsync(c => c.SubjectId == half.Id && c.Milestone == SlaMilestone.PublicWelfareHeld, Ct);
            Assert.Equal(EventDeadlines.Midnight(new DateOnly(year, 7, 1), calendar), clock.DueAt);
        }

        // A public-welfare event planned in the half takes the property off the alert (the clock waits for it to be held).
        using (var steward = await PortalClient.SignedInAsync(App, "steward"))
        {
            await CreateAsync(steward, chhy.PropertyId, new DateTime(year, 6, 20, 9, 0, 0), "端午包粽子", 60, publicWelfare: true);
        }

        using (var sup = await PortalClient.SignedInAsync(App, "supervisor"))
        {
            Assert.DoesNotContain(chhy.Name, (await sup.GetDocumentAsync("/Events")).QuerySelector("#public-welfare-alert")?.TextContent ?? "");
        }

        // None held by the half's end: the clock breaches one second after, not at the instant.
        await SlaTestData.SweepAtAsync(App.Services, clock.DueAt);
        Assert.DoesNotContain(SlaEventKind.Breach, await FiredAsync(clock.Id));
        await SlaTestData.SweepAtAsync(App.Services, clock.DueAt.AddSeconds(1));
        Assert.Contains(SlaEventKind.Breach, await FiredAsync(clock.Id));
        App.Clock.Set(DateTime.UtcNow);
    }

    [Fact]
    public async Task The_community_settings_form_saves_a_changed_limit_refuses_bad_input_in_Chinese_and_the_next_events_clocks_use_it_with_a_Manager_standing_in()
    {
        App.Clock.Set(DateTime.UtcNow);
        var office = await PropertyRecords.OfficeAsync(App.Services);
        var form = $"/Settings/Community/Edit/{office.PropertyId}";
        using var admin = await PortalClient.SignedInAsync(App, "admin");
        await PostedAsync(admin, form, "#community-settings-form", new() { ["EventPlanFilledDays"] = "20", ["LargeEventAttendance"] = "80" });
        var (policy, calendar) = await SettingsAsync(office.PropertyId);
        Assert.Equal((20, 80), (policy.EventPlanFilledDays, policy.LargeEventAttendance));

        // Bad input: beside the field, in Chinese, and the saved limits stay.
        var refused = await PauseFlowTests.PostPauseFormAsync(admin, form, "#community-settings-form", new()
        {
            ["EventPlanSubmittedDays"] = "25", ["LargeEventAttendance"] = "", ["NoticeNoEndMonths"] = "13",
        });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var doc = await PortalClient.ParseAsync(refused);
        foreach (var field in new[] { "EventPlanSubmittedDays", "LargeEventAttendance", "NoticeNoEndMonths" })
        {
            var message = doc.GetElementById(field)!.ParentElement!.QuerySelector(".text-danger")?.TextContent.Trim() ?? "";
            Assert.True(message.Any(c => c >= '\u4e00' && c <= '\u9fff'), $"no Chinese message beside {field}: '{message}'");
        }

        (policy, _) = await SettingsAsync(office.PropertyId);
        Assert.Equal((20, 80, 10, 1), (policy.EventPlanFilledDays, policy.LargeEventAttendance, policy.EventPlanSubmittedDays, policy.NoticeNoEndMonths));

        // The next events of 国贸大厦: large from 81, the form clock 20 days back; 翠湖花园 keeps the defaults.
        using var desk = await PortalClient.SignedInAsync(App, "officedesk");
        var starts = PortalClock.ToLocal(App.Clock.UtcNow).Date.AddDays(45).AddHours(10);
        var at = await CreateAsync(desk, office.PropertyId, starts, "楼宇消防演练", 80);
        var over = await CreateAsync(desk, office.PropertyId, starts, "租户答谢会", 81);
        var date = DateOnly.FromDateTime(starts);
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            Assert.False((await db.CommunityEvents.SingleAsync(e => e.Id == at, Ct)).Large);
            Assert.True((await db.CommunityEvents.SingleAsync(e => e.Id == over, Ct)).Large);
        }

        var filled = await ClockAsync(at, SlaMilestone.EventPlanFilled);
        Assert.Equal(EventDeadlines.CountedBack(date, 20, calendar), filled.DueAt);
        Assert.NotEqual(EventDeadlines.CountedBack(date, 15, calendar), filled.DueAt);
        await SlaTestData.SweepAtAsync(App.Services, filled.DueAt);
        Assert.DoesNotContain(SlaEventKind.Breach, await FiredAsync(filled.Id));
        await SlaTestData.SweepAtAsync(App.Services, filled.DueAt.AddSeconds(1));
        Assert.Contains(SlaEventKind.Breach, await FiredAsync(filled.Id));

        // 国贸大厦 has no general manager: the Manager approves in the general manager's place, and it says so.
        var page = $"/Events/Details/{at}";
        using var manager = await PortalClient.SignedInAsync(App, "manager");
        await PostedAsync(manager, page, "#approve-proposal-form", []);
        await PostedAsync(desk, page, "#filled-form", []);
        await PostedAsync(manager, page, "#submit-form", []);
        await PostedAsync(manager, page, "#approve-form", new() { ["DecisionNote"] = "同意" });
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            var e = await db.CommunityEvents.SingleAsync(x => x.Id == at, Ct);
            Assert.Equal((CommunityEventStatus.Approved, true, "王经理"), (e.Status, e.ApprovedByStandIn, e.ApprovedByName));
        }

        Assert.Contains("代总经理", (await desk.GetDocumentAsync($"/Events/PrintPlan/{at}")).QuerySelector("#print-plan-sheet")!.TextContent);
        var (home, _) = await SettingsAsync((await PropertyRecords.ResidentialAsync(App.Services)).PropertyId);
        Assert.Equal((15, 200), (home.EventPlanFilledDays, home.LargeEventAttendance));
    }

    // --- helpers ---

    /// <summary>An ad hoc event with every part of its plan form filled; its id.</summary>
    private async Task<Guid> CreateAsync(PortalClient organiser, Guid propertyId, DateTime startsLocal, string theme, int expected, bool publicWelfare = false, decimal budget = 500m)
    {
        var fields = new Dictionary<string, string>
        {
            ["Theme"] = theme, ["Format"] = "社区活动", ["StartsAt"] = Minute(startsLocal), ["EndsAt"] = Minute(startsLocal.AddHours(2)), ["Place"] = "会所多功能厅",
            ["EventContent"] = theme + "：现场互动", ["Schedule"] = "D-7 通知；D-1 布场", ["DepartmentDuties"] = "管家部接待；工程部布电", ["PartnerProposals"] = "无",
            ["EmergencyPlan"] = "医疗点设入口", ["EvaluationMethod"] = "问卷", ["ExpectedAttendance"] = expected.ToString(CultureInfo.InvariantCulture),
            ["Budget[0].BudgetItem"] = "物料", ["Budget[0].Amount"] = budget.ToString(CultureInfo.InvariantCulture),
        };
        if (publicWelfare)
        {
            fields["PublicWelfare"] = "true";
        }

        var created = await PostedAsync(organiser, $"/Events/Create?propertyId={propertyId}", CreateForm, fields);
        return Guid.Parse(created.RedirectPath().Split('/')[^1]);
    }

    /// <summary>Proposal approved by the Manager, plan filled by the organiser, submitted by the supervisor, approved by the general manager.</summary>
    private async Task ApproveAsync(Guid id, PortalClient organiser)
    {
        var page = $"/Events/Details/{id}";
        using var manager = await PortalClient.SignedInAsync(App, "manager");
        using var sup = await PortalClient.SignedInAsync(App, "supervisor");
        using var gm = await PortalClient.SignedInAsync(App, "gm");
        await PostedAsync(manager, page, "#approve-proposal-form", []);
        await PostedAsync(organiser, page, "#filled-form", []);
        await PostedAsync(sup, page, "#submit-form", []);
        await PostedAsync(gm, page, "#approve-form", []);
        Assert.Equal(CommunityEventStatus.Approved, await StatusAsync(id));
    }

    /// <summary>The invite form as a browser posts it (the whole property, no filter), as pairs so a field may repeat.</summary>
    private static async Task<List<KeyValuePair<string, string>>> InviteFieldsAsync(PortalClient client, string list)
    {
        var form = (await client.GetDocumentAsync(list)).QuerySelector<IHtmlFormElement>("#invite-form")!;
        return [.. PauseFlowTests.BrowserFields(form).Where(f => f.Key != "Audience.MovedInFrom")];
    }

    private static async Task<Dictionary<string, string>> ReplyFormAsync(PortalClient client, string list, Guid invitation)
    {
        var form = (await client.GetDocumentAsync(list)).QuerySelector<IHtmlFormElement>($"#inv-{invitation} form.reply-form")!;
        var values = PauseFlowTests.BrowserFields(form);
        values["__action"] = form.Action;
        return values;
    }

    /// <summary>Posts a filled form read from <paramref name="pageUrl"/>; fails unless it redirects to a page with no error.</summary>
    private static async Task<HttpResponseMessage> PostedAsync(PortalClient client, string pageUrl, string selector, Dictionary<string, string> fields)
    {
        var response = await PauseFlowTests.PostPauseFormAsync(client, pageUrl, selector, fields);
        await AssertDoneAsync(client, response, $"{selector} on {pageUrl}");
        return response;
    }

    /// <summary>Posts <paramref name="fields"/> to <paramref name="action"/> (or to the reply form's own action, or the invite form's).</summary>
    private static async Task PostedAsync(PortalClient client, List<KeyValuePair<string, string>> fields, string list, string? action = null)
    {
        var response = await client.PostAsync(ActionOf(fields, list, action), fields.Where(f => f.Key != "__action"));
        await AssertDoneAsync(client, response, list);
    }

    /// <summary>Posts a form the portal must refuse; the error it shows (beside the form, or flashed after the redirect).</summary>
    private static async Task<string> RefusedAsync(PortalClient client, List<KeyValuePair<string, string>> fields, string list, string? action = null) =>
        await RefusalOf(client, await client.PostAsync(ActionOf(fields, list, action), fields.Where(f => f.Key != "__action")));

    private static async Task<string> RefusedAsync(PortalClient client, string pageUrl, string selector, Dictionary<string, string> fields) =>
        await RefusalOf(client, await PauseFlowTests.PostPauseFormAsync(client, pageUrl, selector, fields));

    private static string ActionOf(List<KeyValuePair<string, string>> fields, string list, string? action) =>
        action ?? fields.FirstOrDefault(f => f.Key == "__action").Value ?? list.Replace("/Events/Invitations/", "/Events/Invite/", StringComparison.Ordinal);

    private static async Task<string> RefusalOf(PortalClient client, HttpResponseMessage response)
    {
        var error = response.StatusCode == HttpStatusCode.Redirect
            ? (await client.GetDocumentAsync(response.RedirectPath())).QuerySelector(".alert-danger.alert-dismissible")?.TextContent.Trim()
            : (await PortalClient.ParseAsync(response)).QuerySelector("form .text-danger:not(:empty), form .alert-danger:not(:empty)")?.TextContent.Trim();
        Assert.False(string.IsNullOrEmpty(error), $"expected a refusal, got {(int)response.StatusCode}");
        return error!;
    }

    private static async Task AssertDoneAsync(PortalClient client, HttpResponseMessage response, string what)
    {
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            Assert.Fail($"{what}: " + ((await PortalClient.ParseAsync(response)).QuerySelector(".alert-danger, .text-danger:not(:empty)")?.TextContent ?? response.StatusCode.ToString()));
        }

        var flashError = (await client.GetDocumentAsync(response.RedirectPath())).QuerySelector(".alert-danger.alert-dismissible");
        Assert.True(flashError is null, $"{what} was refused: {flashError?.TextContent}");
    }

    /// <summary>The households living in the property (in one building, moved in from a day) today: the audience, by its definition.</summary>
    private async Task<List<Guid>> HouseholdsAsync(Guid propertyId, DateOnly today, Guid? building, DateOnly? movedInFrom)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        var rows = await (from o in db.Occupancies
                          join u in db.Units on o.UnitId equals u.Id
                          where o.PropertyId == propertyId && o.StartDate <= today && (o.EndDate == null || o.EndDate >= today)
                          select new { o.CustomerId, u.BuildingId, o.StartDate }).ToListAsync(Ct);
        return [.. rows.Where(r => (building is null || r.BuildingId == building) && (movedInFrom is null || r.StartDate >= movedInFrom)).Select(r => r.CustomerId).Distinct()];
    }

    private async Task<List<Guid>> InvitedAsync(Guid eventId)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await db.EventInvitations.Where(i => i.EventId == eventId).Select(i => i.CustomerId).ToListAsync(Ct);
    }

    private async Task<Guid> InvitationOfAsync(Guid eventId, Guid customerId)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await db.EventInvitations.Where(i => i.EventId == eventId && i.CustomerId == customerId).Select(i => i.Id).SingleAsync(Ct);
    }

    private async Task<List<string>> NamesAsync(IReadOnlyCollection<Guid> customers)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await db.Customers.Where(c => customers.Contains(c.Id)).Select(c => c.Name).ToListAsync(Ct);
    }

    private async Task<string> NumberAsync(Guid id)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await db.CommunityEvents.Where(e => e.Id == id).Select(e => e.Number).SingleAsync(Ct);
    }

    private async Task<CommunityEventStatus> StatusAsync(Guid id)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await db.CommunityEvents.Where(e => e.Id == id).Select(e => e.Status).SingleAsync(Ct);
    }

    private async Task<SlaClock> ClockAsync(Guid subject, SlaMilestone milestone)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await db.SlaClocks.SingleAsync(c => c.SubjectId == subject && c.Milestone == milestone, Ct);
    }

    private async Task<List<SlaEventKind>> FiredAsync(Guid clockId)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await db.SlaEvents.Where(e => e.ClockId == clockId).Select(e => e.Kind).ToListAsync(Ct);
    }

    private async Task HousekeepAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<EventHousekeeping>().RunAsync(Ct);
    }

    private async Task<(SlaPolicy Policy, BusinessCalendar Calendar)> SettingsAsync(Guid propertyId)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var settings = scope.ServiceProvider.GetRequiredService<SlaSettings>();
        return (await settings.PolicyForAsync(propertyId, Ct), await settings.CalendarAsync(Ct));
    }
}

public sealed class SqliteEventDayTests(SqliteQuietPortalFactory factory) : EventDayTests(factory), IClassFixture<SqliteQuietPortalFactory>;

public sealed class PostgresEventDayTests(PostgresQuietPortalFactory factory) : EventDayTests(factory), IClassFixture<PostgresQuietPortalFactory>;
