using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Complaints;
using PropertyPortal.Domain.MoveInOut;
using PropertyPortal.Domain.Notifications;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Domain.Renovations;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.IntegrationTests.Notifications.Fakes;
using PropertyPortal.IntegrationTests.Sla;
using PropertyPortal.Web.Features.Notifications;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Seeding;

namespace PropertyPortal.IntegrationTests.Notifications;

/// <summary>
/// The messages a household gets about its own cases, driven through the real forms (antiforgery, one-time keys) and
/// sent by the real outbox to the SMTP server and the SMS provider running in the test: one row per fact on the
/// household's preferred channel with its placeholders filled, one for a double submit, none sent when opted out,
/// held in quiet hours unless the repair is an emergency.
/// </summary>
public abstract class HouseholdMessageTests
{
    private const string Main = "main form[method='post']";

    private readonly IMessagingPortal messaging;

    /// <summary>Each test starts at 10:00 China time, outside the households' quiet hours.</summary>
    protected HouseholdMessageTests(IMessagingPortal messaging)
    {
        this.messaging = messaging;
        messaging.Portal.Clock.Set(PortalClock.ToUtc(PortalClock.ToLocal(DateTime.UtcNow).Date.AddHours(10)));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private PortalFactory App
    {
        get
        {
            messaging.Portal.EnsureAvailable();
            return messaging.Portal;
        }
    }

    private FakeProviders Providers => messaging.Providers;

    [Fact]
    public async Task A_households_repair_is_told_accepted_dispatched_with_the_technicians_phone_and_done_once_each_by_e_mail_as_it_prefers()
    {
        var (unit, household) = await HouseholdAsync(20);
        var email = $"h{household:N}@example.cn";
        await PreferAsync(household, ContactChannel.Email, email);
        await TechnicianPhoneAsync("13712345678");
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");

        var id = await RepairAsync(desk, unit, household, RepairUrgency.Normal);
        var number = await RepairNumberAsync(id);
        var accepted = Assert.Single(await RowsAsync(household, NotificationKinds.RepairAccepted));
        Assert.Equal((NotificationChannels.Email, RecipientKind.Household, DeliveryState.Queued), (accepted.Channel, accepted.Recipient, accepted.State));
        Assert.Equal([await NameAsync(household), number, "户内跳闸"], Args(accepted));
        Assert.Null(accepted.Link);

        var technician = await SlaTestData.UserIdAsync(App, "technician");
        await RepairStepAsync(desk, id, "Dispatch", new() { ["TechnicianId"] = technician });
        var dispatched = Assert.Single(await RowsAsync(household, NotificationKinds.RepairTechnicianAssigned));
        Assert.Equal([await NameAsync(household), number, "刘师傅", "13712345678"], Args(dispatched));

        using var tech = await PortalClient.SignedInAsync(App, "technician");
        await RepairStepAsync(tech, id, "OnSite", []);
        await RepairStepAsync(tech, id, "Complete", new() { ["WorkDone"] = "更换空气开关" });
        Assert.Single(await RowsAsync(household, NotificationKinds.RepairCompleted));

        // The callback scheduled with the completion adds nothing: the completion's text announces it.
        Assert.Empty(await RowsAsync(household, NotificationKinds.CallbackRequest));
        Assert.Equal(3, (await RowsAsync(household, null)).Count);

        await DispatchAsync();
        var mails = messaging.Smtp.Received.Where(m => m.To.Contains(email)).ToList();
        Assert.Equal(3, mails.Count);
        var dispatch = Assert.Single(mails, m => m.Message.Subject == "维修师傅已派出");
        Assert.Contains($"报修{number}已安排刘师傅上门处理，联系电话13712345678。", dispatch.Message.TextBody);
        Assert.DoesNotContain("/Repairs/Details/", dispatch.Message.TextBody);
        Assert.All(await RowsAsync(household, null), r => Assert.Equal(DeliveryState.Sent, r.State));
    }

    [Fact]
    public async Task A_repair_form_posted_twice_and_a_dispatch_posted_twice_tell_the_household_once_each()
    {
        var (unit, household) = await HouseholdAsync(21);
        await PreferAsync(household, ContactChannel.Sms);
        var category = await CategoryAsync("户内跳闸");
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var (action, values) = await desk.ReadFormAsync($"/Repairs/Create?unitId={unit}", Main, RepairFields(household, category, RepairUrgency.Normal));
        var first = await desk.PostAsync(action, values);
        var second = await desk.PostAsync(action, values);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(first.RedirectPath(), second.RedirectPath());
        var accepted = Assert.Single(await RowsAsync(household, NotificationKinds.RepairAccepted));
        Assert.Equal(NotificationChannels.Sms, accepted.Channel);

        var id = Guid.Parse(first.RedirectPath()["/Repairs/Details/".Length..]);
        var technician = await SlaTestData.UserIdAsync(App, "technician");
        var page = await desk.GetDocumentAsync($"/Repairs/Details/{id}");
        var form = page.QuerySelector<IHtmlFormElement>($"form[action$='/Repairs/Dispatch/{id}']")!;
        var dispatch = form.QuerySelectorAll<IHtmlInputElement>("input[name]").ToDictionary(i => i.Name!, i => i.Value);
        dispatch["TechnicianId"] = technician;
        Assert.Equal(HttpStatusCode.Redirect, (await desk.PostAsync(form.Action, dispatch)).StatusCode);
        await desk.PostAsync(form.Action, dispatch);
        Assert.Single(await RowsAsync(household, NotificationKinds.RepairTechnicianAssigned));

        await DispatchAsync();
        var call = Assert.Single(Providers.Sms, c => c.OutId == accepted.IdempotencyKey);
        Assert.Equal(("SMS_900011", await RepairNumberAsync(id)), (call.TemplateCode, call.TemplateParam["number"]));
        Assert.True(call.SignatureValid);
    }

    [Fact]
    public async Task A_household_that_opted_out_gets_no_message_and_its_row_says_so_on_the_messages_page()
    {
        var (unit, household) = await HouseholdAsync(22);
        await PreferAsync(household, ContactChannel.Sms, optedOut: true);
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        await RepairAsync(desk, unit, household, RepairUrgency.Normal);

        var row = Assert.Single(await RowsAsync(household, NotificationKinds.RepairAccepted));
        Assert.Equal((DeliveryState.Skipped, DeliveryReason.OptedOut), (row.State, row.LastError));
        await DispatchAsync();
        Assert.DoesNotContain(Providers.Sms, c => c.OutId == row.IdempotencyKey);
        Assert.Equal(DeliveryState.Skipped, (await RowsAsync(household, NotificationKinds.RepairAccepted)).Single().State);

        using var admin = await PortalClient.SignedInAsync(App, "admin");
        var details = await admin.GetDocumentAsync($"/Settings/Messages/Details/{row.Id}");
        Assert.Contains("退订", details.QuerySelector("#reason")!.TextContent);
    }

    [Fact]
    public async Task In_quiet_hours_a_normal_repairs_message_is_held_until_morning_and_an_emergencys_goes_at_once()
    {
        var (unit, calm) = await HouseholdAsync(23);
        var (flooded, urgent) = await HouseholdAsync(24);
        await PreferAsync(calm, ContactChannel.Sms);
        await PreferAsync(urgent, ContactChannel.Sms);
        var evening = PortalClock.ToUtc(PortalClock.ToLocal(App.Clock.UtcNow).Date.AddHours(22).AddMinutes(30));
        App.Clock.Set(evening);
        try
        {
            using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
            await RepairAsync(desk, unit, calm, RepairUrgency.Normal);
            await RepairAsync(desk, flooded, urgent, RepairUrgency.Emergency);
            await DispatchAsync();

            var held = Assert.Single(await RowsAsync(calm, NotificationKinds.RepairAccepted));
            Assert.Equal((DeliveryState.Held, PortalClock.ToUtc(PortalClock.ToLocal(evening).Date.AddDays(1).AddHours(8))), (held.State, held.NextAttemptAt));
            Assert.DoesNotContain(Providers.Sms, c => c.OutId == held.IdempotencyKey);
            var sent = Assert.Single(await RowsAsync(urgent, NotificationKinds.RepairAccepted));
            Assert.Equal(DeliveryState.Sent, sent.State);
            Assert.Single(Providers.Sms, c => c.OutId == sent.IdempotencyKey);
        }
        finally
        {
            App.Clock.Set(DateTime.UtcNow);
        }
    }

    [Fact]
    public async Task A_complainant_gets_each_reply_with_its_text_and_hears_of_the_callback_when_the_complaint_closes()
    {
        var (_, household) = await HouseholdAsync(25);
        await PreferAsync(household, ContactChannel.Sms);
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var category = await ComplaintCategoryAsync();
        var created = await desk.SubmitFormAsync($"/Complaints/Create?customerId={household}", Main, new Dictionary<string, string>
        {
            ["CategoryId"] = category.ToString(), ["Tier"] = nameof(ComplaintTier.Minor), ["Channel"] = nameof(ComplaintChannel.Phone),
            ["Content"] = "楼道灯坏了一周没人修", ["Demand"] = "尽快修好",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = Guid.Parse(created.RedirectPath()["/Complaints/Details/".Length..]);
        string number;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            number = await db.Complaints.Where(c => c.Id == id).Select(c => c.Number).SingleAsync(Ct);
        }

        Assert.Empty(await RowsAsync(household, null));
        var (action, values) = await ComplaintFormAsync(desk, id, "Reply", new() { ["Channel"] = "Phone", ["Text"] = "已安排电工今天下午更换灯管" });
        Assert.Equal(HttpStatusCode.Redirect, (await desk.PostAsync(action, values)).StatusCode);
        await desk.PostAsync(action, values);
        var reply = Assert.Single(await RowsAsync(household, NotificationKinds.ComplaintReplied));
        Assert.Equal([await NameAsync(household), number, "已安排电工今天下午更换灯管"], Args(reply));

        foreach (var (step, fields) in new (string, Dictionary<string, string>)[]
                 {
                     ("Resolve", new() { ["Text"] = "灯管已更换" }), ("Result", new() { ["Channel"] = "Phone", ["Text"] = "业主满意" }), ("Close", []),
                 })
        {
            var (a, v) = await ComplaintFormAsync(desk, id, step, fields);
            Assert.Equal(HttpStatusCode.Redirect, (await desk.PostAsync(a, v)).StatusCode);
        }

        Assert.Equal(ComplaintStatus.Closed, await ComplaintStatusAsync(id));
        var callback = Assert.Single(await RowsAsync(household, NotificationKinds.CallbackRequest));
        Assert.Equal([await NameAsync(household), number], Args(callback));
        Assert.Equal(2, (await RowsAsync(household, null)).Count);

        await DispatchAsync();
        var sms = Assert.Single(Providers.Sms, c => c.OutId == reply.IdempotencyKey);
        Assert.Equal(("SMS_900015", "已安排电工今天下午更换灯管"), (sms.TemplateCode, sms.TemplateParam["reply"]));
        Assert.Equal("SMS_900014", Assert.Single(Providers.Sms, c => c.OutId == callback.IdempotencyKey).TemplateCode);
    }

    [Fact]
    public async Task The_applicant_household_is_told_once_when_the_manager_approves_its_renovation()
    {
        var (unit, household) = await HouseholdAsync(26, ownerOnly: true);
        await PreferAsync(household, ContactChannel.Sms);
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var applied = await desk.SubmitFormAsync($"/Renovations/Create?unitId={unit}", "#renovation-form", new Dictionary<string, string>
        {
            ["CustomerId"] = household.ToString(), ["ContractorName"] = "锦华装饰", ["ContractorLicence"] = "JZ-2026-118",
            ["Scope"] = nameof(RenovationScope.SimplePartition), ["Description"] = "卧室隔断", ["Workers"] = "3", ["DocumentsChecked"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        var id = Guid.Parse(applied.RedirectPath()["/Renovations/Details/".Length..]);
        await RenovationStepAsync(desk, id, "review-form", []);
        using var technician = await PortalClient.SignedInAsync(App, "technician");
        await RenovationStepAsync(technician, id, "engineering-form", []);
        Assert.Empty(await RowsAsync(household, null));

        using var manager = await PortalClient.SignedInAsync(App, "manager");
        var (action, values) = await manager.ReadFormAsync($"/Renovations/Details/{id}", "#approve-form", new Dictionary<string, string> { ["Deposit"] = "2000", ["DebrisFee"] = "300" });
        Assert.Equal(HttpStatusCode.Redirect, (await manager.PostAsync(action, values)).StatusCode);
        await manager.PostAsync(action, values);

        string number;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            var renovation = await db.Renovations.AsNoTracking().SingleAsync(r => r.Id == id, Ct);
            Assert.Equal((RenovationStatus.Approved, (Guid?)household), (renovation.Status, renovation.CustomerId));
            number = renovation.Number;
        }

        var approved = Assert.Single(await RowsAsync(household, null));
        Assert.Equal((NotificationKinds.RenovationApprovedForHousehold, NotificationChannels.Sms), (approved.Kind, approved.Channel));
        Assert.Equal([await NameAsync(household), number], Args(approved));
    }

    [Fact]
    public async Task A_move_in_booked_confirms_its_time_and_on_completion_the_named_steward_introduces_themself()
    {
        var unit = await VacantUnitAsync(3);
        await StewardPhoneAsync("13655556666");
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var appointment = PortalClock.ToLocal(App.Clock.UtcNow).Date.AddDays(2).AddHours(9).AddMinutes(30);
        var (action, values) = await desk.ReadFormAsync($"/MoveIns/Create?unitId={unit}", "#move-in-form", new Dictionary<string, string>
        {
            ["CustomerId"] = "", ["NewName"] = "吴新业", ["NewPhone"] = "13900007777", ["Applicant"] = nameof(MoveInApplicant.Owner),
            ["AppointmentAt"] = appointment.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture),
        });
        var booked = await desk.PostAsync(action, values);
        Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);
        Assert.Equal(booked.RedirectPath(), (await desk.PostAsync(action, values)).RedirectPath());
        var id = Guid.Parse(booked.RedirectPath()["/MoveIns/Details/".Length..]);
        Guid household;
        string label;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            household = await db.MoveIns.Where(m => m.Id == id).Select(m => m.CustomerId).SingleAsync(Ct);
            label = await (from u in db.Units join b in db.Buildings on u.BuildingId equals b.Id where u.Id == unit select b.Name + " " + u.Number).SingleAsync(Ct);
        }

        var confirmation = Assert.Single(await RowsAsync(household, NotificationKinds.MoveInBooked));
        Assert.Equal((NotificationChannels.Sms, "13900007777"), (confirmation.Channel, await PhoneOfAsync(household)));
        Assert.Equal(["吴新业", label, appointment.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)], Args(confirmation));

        // The supervisor completes it (papers to follow) and names the property's steward.
        var steward = await SlaTestData.UserIdAsync(App, "steward");
        using var supervisor = await PortalClient.SignedInAsync(App, "supervisor");
        await MoveInStepAsync(supervisor, id, "receive-form", []);
        var options = (await supervisor.GetDocumentAsync($"/MoveIns/Details/{id}")).QuerySelectorAll("#stewardId option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Contains(steward, options);
        var (complete, fields) = await supervisor.ReadFormAsync($"/MoveIns/Details/{id}", "#complete-form",
            new Dictionary<string, string> { ["overrideReason"] = "证件后补", ["stewardId"] = steward });
        Assert.Equal(HttpStatusCode.Redirect, (await supervisor.PostAsync(complete, fields)).StatusCode);
        await supervisor.PostAsync(complete, fields);

        var page = await supervisor.GetDocumentAsync($"/MoveIns/Details/{id}");
        Assert.Equal("陈管家", page.QuerySelector("#steward")!.TextContent.Trim());
        Assert.Contains("管家：陈管家", page.Body!.TextContent);
        var introduction = Assert.Single(await RowsAsync(household, NotificationKinds.StewardIntroduction));
        Assert.Equal(["吴新业", label, "陈管家", "13655556666"], Args(introduction));
        Assert.Equal(2, (await RowsAsync(household, null)).Count);

        await DispatchAsync();
        var after = (await RowsAsync(household, NotificationKinds.StewardIntroduction)).Single();
        Assert.True(after.State == DeliveryState.Sent, $"{after.State}: {after.LastError}");
        var sms = Assert.Single(Providers.Sms, c => c.OutId == introduction.IdempotencyKey);
        Assert.Equal(("SMS_900018", "13900007777", "陈管家"), (sms.TemplateCode, sms.PhoneNumbers, sms.TemplateParam["steward"]));
    }

    [Fact]
    public async Task A_steward_of_another_property_is_refused_beside_nothing_saved()
    {
        var unit = await VacantUnitAsync(4);
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var booked = await desk.SubmitFormAsync($"/MoveIns/Create?unitId={unit}", "#move-in-form", new Dictionary<string, string>
        {
            ["CustomerId"] = "", ["NewName"] = "郑新业", ["NewPhone"] = "13900008888", ["Applicant"] = nameof(MoveInApplicant.Owner),
        });
        var id = Guid.Parse(booked.RedirectPath()["/MoveIns/Details/".Length..]);
        using var supervisor = await PortalClient.SignedInAsync(App, "supervisor");
        await MoveInStepAsync(supervisor, id, "receive-form", []);
        var response = await supervisor.SubmitFormAsync($"/MoveIns/Details/{id}", "#complete-form",
            new Dictionary<string, string> { ["overrideReason"] = "证件后补", ["stewardId"] = await SlaTestData.UserIdAsync(App, "technician") });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("请选择本项目的管家", (await supervisor.GetDocumentAsync(response.RedirectPath())).QuerySelector(".alert-danger")?.TextContent);
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        var moveIn = await db.MoveIns.AsNoTracking().SingleAsync(m => m.Id == id, Ct);
        Assert.Equal((MoveInStatus.InProgress, null), (moveIn.Status, moveIn.StewardId));
        Assert.Empty(await RowsAsync(moveIn.CustomerId, NotificationKinds.StewardIntroduction));
    }

    // --- helpers ---

    private async Task DispatchAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(Ct);
    }

    /// <summary>The household's outbox rows (of one kind, or all).</summary>
    private async Task<List<OutboxMessage>> RowsAsync(Guid household, string? kind)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await db.OutboxMessages.AsNoTracking().Where(m => m.CustomerId == household && (kind == null || m.Kind == kind)).OrderBy(m => m.Id).ToListAsync(Ct);
    }

    private static string[] Args(OutboxMessage row) => JsonSerializer.Deserialize<string[]>(row.Args)!;

    /// <summary>
    /// An occupied unit of 翠湖花园 and its household with a mobile (the <paramref name="nth"/> such occupancy): the one a
    /// repair form for the unit names. Tenants would do; <paramref name="ownerOnly"/> when the case needs the owner.
    /// </summary>
    private async Task<(Guid Unit, Guid Household)> HouseholdAsync(int nth, bool ownerOnly = false)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        var property = await db.Properties.SingleAsync(p => p.Code == DemoSeeder.ResidentialCode, Ct);
        var row = await (from o in db.Occupancies
                         join c in db.Customers on o.CustomerId equals c.Id
                         where o.PropertyId == property.Id && o.EndDate == null && c.Phone != null && c.Phone.StartsWith("1")
                               && (!ownerOnly || o.Role == OccupancyRole.Owner)
                         orderby o.Id
                         select new { o.UnitId, o.CustomerId }).Skip(nth).FirstAsync(Ct);
        return (row.UnitId, row.CustomerId);
    }

    private async Task<Guid> VacantUnitAsync(int skip)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        var property = await db.Properties.SingleAsync(p => p.Code == DemoSeeder.ResidentialCode, Ct);
        return await db.Units.Where(u => u.PropertyId == property.Id && u.Type == UnitType.Residence && !db.Occupancies.Any(o => o.UnitId == u.Id) && !db.MoveIns.Any(m => m.UnitId == u.Id))
            .OrderByDescending(u => u.Number).Select(u => u.Id).Skip(skip).FirstAsync(Ct);
    }

    /// <summary>Arranges the household's preference (as the desk records it on the household's page).</summary>
    private async Task PreferAsync(Guid household, ContactChannel channel, string? email = null, bool optedOut = false)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        var c = await db.Customers.SingleAsync(x => x.Id == household, Ct);
        c.Update(c.Kind, c.Name, c.Phone, c.Phone2, email ?? c.Email, c.IdDocumentType, c.IdNumber, c.EmergencyContactName, c.EmergencyContactPhone, channel, c.Notes);
        c.SetMessagesConsent(optedOut, optedOut ? "业主要求不再发短信" : null, new Actor(null, "测试"), App.Clock.UtcNow);
        await db.SaveChangesAsync(Ct);
    }

    private async Task<string> NameAsync(Guid household)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await db.Customers.Where(c => c.Id == household).Select(c => c.Name).SingleAsync(Ct);
    }

    private async Task<string?> PhoneOfAsync(Guid household)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await db.Customers.Where(c => c.Id == household).Select(c => c.Phone).SingleAsync(Ct);
    }

    private Task TechnicianPhoneAsync(string phone) => UserPhoneAsync("technician", phone);

    private Task StewardPhoneAsync(string phone) => UserPhoneAsync("steward", phone);

    /// <summary>As the admin records it on the user's page.</summary>
    private async Task UserPhoneAsync(string userName, string phone)
    {
        using var admin = await PortalClient.SignedInAsync(App, "admin");
        var id = await SlaTestData.UserIdAsync(App, userName);
        var edit = await admin.SubmitFormAsync($"/Users/Edit/{id}", Main, new Dictionary<string, string> { ["Phone"] = phone });
        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
    }

    private async Task<Guid> CategoryAsync(string name)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await db.RepairCategories.Where(c => c.Name == name).Select(c => c.Id).SingleAsync(Ct);
    }

    private async Task<Guid> ComplaintCategoryAsync()
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await db.ComplaintCategories.OrderBy(c => c.SortOrder).Select(c => c.Id).FirstAsync(Ct);
    }

    private async Task<ComplaintStatus> ComplaintStatusAsync(Guid id)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await db.Complaints.Where(c => c.Id == id).Select(c => c.Status).SingleAsync(Ct);
    }

    private static Dictionary<string, string> RepairFields(Guid household, Guid category, RepairUrgency urgency) => new()
    {
        ["CustomerId"] = household.ToString(), ["Location"] = "厨房", ["Description"] = "跳闸，全屋没电", ["CategoryId"] = category.ToString(),
        ["Urgency"] = urgency.ToString(), ["Billing"] = nameof(RepairBilling.Warranty),
    };

    private async Task<Guid> RepairAsync(PortalClient desk, Guid unit, Guid household, RepairUrgency urgency)
    {
        var response = await desk.SubmitFormAsync($"/Repairs/Create?unitId={unit}", Main, RepairFields(household, await CategoryAsync("户内跳闸"), urgency));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect,
            (await PortalClient.ParseAsync(response)).QuerySelector(".alert-danger, .text-danger:not(:empty)")?.TextContent ?? response.StatusCode.ToString());
        return Guid.Parse(response.RedirectPath()["/Repairs/Details/".Length..]);
    }

    private async Task<string> RepairNumberAsync(Guid id)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await db.RepairOrders.Where(o => o.Id == id).Select(o => o.Number).SingleAsync(Ct);
    }

    private static async Task RepairStepAsync(PortalClient client, Guid id, string action, Dictionary<string, string> fields) =>
        Assert.Equal(HttpStatusCode.Redirect, (await Repairs.RepairOrderTests.PostActionAsync(client, id, action, fields)).StatusCode);

    /// <summary>The complaint page's form for <paramref name="action"/> as this user sees it, filled in but not sent.</summary>
    private static async Task<(string Action, Dictionary<string, string> Values)> ComplaintFormAsync(PortalClient client, Guid id, string action, Dictionary<string, string> fields)
    {
        var page = await client.GetDocumentAsync($"/Complaints/Details/{id}");
        var form = page.QuerySelector<IHtmlFormElement>($"form[action$='/Complaints/{action}/{id}']")
            ?? throw new InvalidOperationException($"No {action} form on the complaint page.");
        var values = form.QuerySelectorAll<IHtmlInputElement>("input[name]").Where(i => i.Type is not ("checkbox" or "radio" or "file"))
            .ToDictionary(i => i.Name!, i => i.Value);
        foreach (var (k, v) in fields)
        {
            values[k] = v;
        }

        return (form.Action, values);
    }

    private static async Task RenovationStepAsync(PortalClient client, Guid id, string form, Dictionary<string, string> fields)
    {
        var response = await client.SubmitFormAsync($"/Renovations/Details/{id}", "#" + form, fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Null((await client.GetDocumentAsync(response.RedirectPath())).QuerySelector(".alert-danger")?.TextContent);
    }

    private static async Task MoveInStepAsync(PortalClient client, Guid id, string form, Dictionary<string, string> fields)
    {
        var response = await client.SubmitFormAsync($"/MoveIns/Details/{id}", "#" + form, fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Null((await client.GetDocumentAsync(response.RedirectPath())).QuerySelector(".alert-danger")?.TextContent);
    }
}

public sealed class SqliteHouseholdMessageTests(SqliteMessagingPortalFactory factory) : HouseholdMessageTests(factory), IClassFixture<SqliteMessagingPortalFactory>;

public sealed class PostgresHouseholdMessageTests(PostgresMessagingPortalFactory factory) : HouseholdMessageTests(factory), IClassFixture<PostgresMessagingPortalFactory>;
