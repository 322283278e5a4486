using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Complaints;
using PropertyPortal.Domain.FrontDesk;
using PropertyPortal.Domain.Sla;
using PropertyPortal.IntegrationTests.Complaints;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.IntegrationTests.Notifications;
using PropertyPortal.IntegrationTests.Sla;
using PropertyPortal.Web.Features.Notifications;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Idempotency;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.IntegrationTests.Residents;

/// <summary>
/// A household's complaint and suggestion from its phone, on the desk's own intake: a complaint is a 业主自助 contact and a complaint
/// whose reply clock runs from the submission, on every desk's home page until answered, the desk told; the household reads the
/// reply and the timeline, and chases once the reply is late. A suggestion is a 业主自助 contact the desk answers. Every /My create
/// form carries a one-time key: the same form posted twice makes one record.
/// </summary>
public abstract class ResidentComplaintTests(IMessagingPortal messaging)
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
    public async Task A_households_complaint_is_a_self_service_contact_and_a_complaint_whose_reply_clock_runs_from_the_submission_on_the_desks_home_page()
    {
        var (customer, unit, phone, name) = await ResidentClient.HouseholdAsync(App, 30);
        using var resident = await ResidentClient.SignedInAsync(messaging, phone, "10.30.0.1");
        var submitted = App.Clock.UtcNow;

        var callAt = PortalClock.ToLocal(submitted).Date.AddDays(1).AddHours(18);
        var id = await ComplainAsync(resident, unit, "楼下夜间施工噪音，影响休息", photo: true, preferredAt: callAt);

        string number;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            var complaint = await db.Complaints.AsNoTracking().SingleAsync(c => c.Id == id, Ct);
            number = complaint.Number;
            var contact = await db.Contacts.AsNoTracking().SingleAsync(c => c.Id == complaint.ContactId, Ct);
            Assert.Equal((ContactSource.SelfService, customer, unit, ContactOutcome.Complaint, id), (contact.Source, contact.CustomerId, contact.UnitId, contact.Outcome, contact.ComplaintId));
            Assert.Equal((customer, unit, ComplaintChannel.SelfService, ComplaintStatus.Accepted, phone, name), (complaint.CustomerId, complaint.UnitId, complaint.Channel, complaint.Status, complaint.Phone, complaint.ComplainantName));
            Assert.InRange(complaint.ReceivedAt, submitted.AddSeconds(-1), submitted.AddSeconds(5));
            Assert.Equal($"方便联系时间：{callAt:yyyy-MM-dd} 18:00", complaint.Demand);
            var reply = await db.SlaClocks.AsNoTracking().SingleAsync(c => c.SubjectId == id && c.Milestone == SlaMilestone.ComplaintReply, Ct);
            Assert.Equal((complaint.ReceivedAt, SlaClockState.Running, complaint.ReceivedAt.AddMinutes(60)), (reply.StartedAt, reply.State, reply.DueAt));
            Assert.Single(await db.Attachments.AsNoTracking().Where(a => a.OwnerId == id && a.OwnerType == nameof(Complaint)).ToListAsync(Ct));

            var frontdesk = await SlaTestData.UserIdAsync(App, "frontdesk");
            Assert.Single(await db.OutboxMessages.AsNoTracking()
                .Where(m => m.Kind == NotificationKinds.ResidentReported && m.RecipientUserId == frontdesk && m.Args.Contains(number)).ToListAsync(Ct));
        }

        // The desk sees it like a phone complaint: on the property's queue with its clock, and on every desk's home page until answered.
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        Assert.Contains(number, await ResponseText.ReadableAsync(await desk.GetAsync("/?mine=false")));
        Assert.NotNull((await desk.GetDocumentAsync("/")).QuerySelector($"#work-SelfServiceComplaints a[href$='/Complaints/Details/{id}']"));
        Assert.Contains("业主自助", await ResponseText.ReadableAsync(await desk.GetAsync($"/Complaints/Details/{id}")));

        var mine = await resident.GetDocumentAsync("/My");
        Assert.Contains(number, mine.QuerySelector("#my-complaints")!.TextContent);
        var page = await resident.GetDocumentAsync($"/My/Complaint/{id}");
        Assert.Contains("已受理", page.QuerySelector("#complaint-state")!.TextContent);
        Assert.NotNull(page.QuerySelector("#reply-by"));
        var photo = page.QuerySelector<IHtmlImageElement>("img.photo")!.Source!;
        Assert.Equal(HttpStatusCode.OK, (await resident.GetAsync(new Uri(photo).AbsolutePath)).StatusCode);

        // The desk answers: the clock is met, the tile empties, the household reads the reply in plain words.
        Assert.Equal(HttpStatusCode.Redirect, (await ComplaintPageForms.ActAsync(desk, id, "Reply", new() { ["Channel"] = "Phone", ["Text"] = "已联系施工方，夜间停工" })).StatusCode);
        Assert.Null((await desk.GetDocumentAsync("/")).QuerySelector($"#work-SelfServiceComplaints a[href$='/Complaints/Details/{id}']"));

        // The clerk who replied owns it now: its open clocks (the result) are theirs, so it is on their own queue from here on.
        var clerk = await SlaTestData.UserIdAsync(App, "frontdesk");
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            Assert.Equal(clerk, (await db.Complaints.AsNoTracking().SingleAsync(c => c.Id == id, Ct)).OwnerId);
            var open = await db.SlaClocks.AsNoTracking().Where(c => c.SubjectId == id && c.State == SlaClockState.Running).ToListAsync(Ct);
            Assert.NotEmpty(open);
            Assert.All(open, c => Assert.Equal(clerk, c.AssigneeId));
        }
        var timeline = (await resident.GetDocumentAsync($"/My/Complaint/{id}")).QuerySelector("#timeline")!.TextContent;
        Assert.Contains("投诉已受理", timeline);
        Assert.Contains("客服已回复：已联系施工方，夜间停工", timeline);
    }

    [Fact]
    public async Task The_household_chases_its_complaint_only_once_the_reply_is_late_and_the_supervisors_hear_of_it()
    {
        var (_, unit, phone, _) = await ResidentClient.HouseholdAsync(App, 31);
        using var resident = await ResidentClient.SignedInAsync(messaging, phone, "10.31.0.1");
        var id = await ComplainAsync(resident, unit, "电梯经常停运");

        var page = await resident.GetDocumentAsync($"/My/Complaint/{id}");
        Assert.Null(page.QuerySelector($"form[action$='/My/ChaseComplaint/{id}']"));
        var early = await resident.PostAsync($"/My/ChaseComplaint/{id}", new Dictionary<string, string>
        {
            [PortalClient.TokenField] = Token(page), ["version"] = (await ComplaintAsync(id)).Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Equal($"/My/Complaint/{id}", early.RedirectPath());
        Assert.Equal(0, await HouseholdNotesAsync(id));

        // One minute after the reply was due (60 minutes from the submission) the button is there, and it is recorded and told.
        App.Clock.Advance(TimeSpan.FromMinutes(61));
        var (action, values) = await resident.ReadFormAsync($"/My/Complaint/{id}", $"form[action$='/My/ChaseComplaint/{id}']", new Dictionary<string, string>());
        Assert.Equal($"/My/Complaint/{id}", (await resident.PostAsync(action, values)).RedirectPath());
        Assert.Equal(1, await HouseholdNotesAsync(id));
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        var supervisor = await SlaTestData.UserIdAsync(App, "supervisor");
        var number = (await ComplaintAsync(id)).Number;
        Assert.True(await db.OutboxMessages.AnyAsync(m => m.Kind == NotificationKinds.RepairChased && m.RecipientUserId == supervisor && m.Args.Contains(number), Ct));
        Assert.Contains("您催办了一次", (await resident.GetDocumentAsync($"/My/Complaint/{id}")).QuerySelector("#timeline")!.TextContent);
    }

    [Fact]
    public async Task A_complaint_with_a_file_that_is_not_an_image_or_without_its_content_is_refused_beside_the_field_and_nothing_is_saved()
    {
        var (customer, unit, phone, _) = await ResidentClient.HouseholdAsync(App, 32);
        using var resident = await ResidentClient.SignedInAsync(messaging, phone, "10.32.0.1");

        var notImage = await PostComplaintAsync(resident, unit, "垃圾清运不及时", file: ("note.png", "这不是图片"u8.ToArray()));
        Assert.Equal(HttpStatusCode.OK, notImage.StatusCode);
        Assert.Contains("note.png", await ResidentClient.FieldMessageAsync(notImage, "Photos"));

        var empty = await PostComplaintAsync(resident, unit, "");
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.NotEmpty(await ResidentClient.FieldMessageAsync(empty, "Description"));

        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        Assert.False(await db.Complaints.AnyAsync(c => c.CustomerId == customer, Ct));
        Assert.False(await db.Contacts.AnyAsync(c => c.CustomerId == customer && c.Source == ContactSource.SelfService, Ct));
    }

    [Fact]
    public async Task A_suggestion_is_a_self_service_contact_the_desk_is_told_of_and_its_answer_is_shown_to_the_household()
    {
        var (customer, unit, phone, _) = await ResidentClient.HouseholdAsync(App, 33);
        using var resident = await ResidentClient.SignedInAsync(messaging, phone, "10.33.0.1");
        var sent = await resident.SubmitFormAsync("/My/Suggest", "main form", new Dictionary<string, string> { ["UnitId"] = unit.ToString(), ["Text"] = "建议在小区东门加装自行车棚" });
        Assert.Equal("/My", sent.RedirectPath());

        Guid id;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            var contact = await db.Contacts.AsNoTracking().SingleAsync(c => c.CustomerId == customer && c.Source == ContactSource.SelfService, Ct);
            id = contact.Id;
            Assert.Equal((ContactOutcome.Pending, unit, "建议在小区东门加装自行车棚", "业主建议"), (contact.Outcome, contact.UnitId, contact.Details, contact.Subject));
            var frontdesk = await SlaTestData.UserIdAsync(App, "frontdesk");
            Assert.True(await db.OutboxMessages.AnyAsync(m => m.Kind == NotificationKinds.ResidentReported && m.RecipientUserId == frontdesk && m.Link == $"/Contacts/Details/{id}", Ct));
        }

        Assert.Contains("待答复", (await resident.GetDocumentAsync("/My")).QuerySelector("#my-suggestions")!.TextContent);

        // The desk answers it on the contact, as it answers a suggestion made at the counter.
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var (action, values) = await desk.ReadFormAsync($"/Contacts/Edit/{id}", "main form",
            new Dictionary<string, string>
            {
                ["Outcome"] = nameof(ContactOutcome.Answered), ["OutcomeNote"] = "已列入下季度改造计划", ["Details"] = "建议在小区东门加装自行车棚",
            });
        Assert.Equal(HttpStatusCode.Redirect, (await desk.PostAsync(action, values)).StatusCode);
        var answered = (await resident.GetDocumentAsync("/My")).QuerySelector("#my-suggestions")!.TextContent;
        Assert.Contains("已答复", answered);
        Assert.Contains("已列入下季度改造计划", answered);

        // The household is told the answer on its channel, once: correcting the wording later does not text it again.
        var (again, fields) = await desk.ReadFormAsync($"/Contacts/Edit/{id}", "main form", new Dictionary<string, string> { ["OutcomeNote"] = "已列入明年一季度改造计划" });
        Assert.Equal(HttpStatusCode.Redirect, (await desk.PostAsync(again, fields)).StatusCode);
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            var told = Assert.Single(await db.OutboxMessages.AsNoTracking().Where(m => m.CustomerId == customer && m.Kind == NotificationKinds.SuggestionAnswered).ToListAsync(Ct));
            var unitNumber = await db.Units.Where(u => u.Id == unit).Select(u => u.Number).SingleAsync(Ct);
            Assert.Equal([unitNumber, "已列入下季度改造计划"], System.Text.Json.JsonSerializer.Deserialize<string[]>(told.Args)![1..]);
            Assert.Equal("/My", told.Link);
            Assert.Equal("已列入明年一季度改造计划", await db.Contacts.Where(c => c.Id == id).Select(c => c.OutcomeNote).SingleAsync(Ct));
        }
    }

    [Theory]
    [InlineData("repair")]
    [InlineData("complaint")]
    [InlineData("suggestion")]
    [InlineData("household")]
    public async Task Every_my_create_form_posted_twice_with_its_one_time_key_makes_one_record_and_both_answers_point_at_it(string form)
    {
        var nth = 34 + Array.IndexOf(["repair", "complaint", "suggestion", "household"], form);
        var (customer, unit, phone, _) = await ResidentClient.HouseholdAsync(App, nth);
        using var resident = await ResidentClient.SignedInAsync(messaging, phone, $"10.{nth}.0.1");
        var (page, fields) = form switch
        {
            "repair" => ("/My/Report", new Dictionary<string, string> { ["UnitId"] = unit.ToString(), ["Description"] = "幂等：水龙头漏水" }),
            "complaint" => ("/My/Complain", new Dictionary<string, string> { ["UnitId"] = unit.ToString(), ["Description"] = "幂等：保洁不到位" }),
            "suggestion" => ("/My/Suggest", new Dictionary<string, string> { ["UnitId"] = unit.ToString(), ["Text"] = "幂等：增加绿化" }),
            _ => ("/My/Household", new Dictionary<string, string> { ["Form.Note"] = "幂等：家里多了一位成员" }),
        };
        var document = await resident.GetDocumentAsync(page);
        foreach (var select in document.QuerySelectorAll<IHtmlSelectElement>("main form select[name='CategoryId']"))
        {
            fields["CategoryId"] = select.Options.Skip(1).First().Value;
        }

        var (action, values) = await resident.ReadFormAsync(page, "main form", fields);
        Assert.True(values.ContainsKey(IdempotencyFilter.FieldName), $"The {form} form carries no one-time key.");
        var before = await CountAsync(form, customer);

        var first = await resident.PostAsync(action, values);
        var second = await resident.PostAsync(action, values);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(first.RedirectPath(), second.RedirectPath());
        Assert.Equal(before + 1, await CountAsync(form, customer));
    }

    // --- helpers ---

    /// <summary>Fills the complaint form as a phone would (multipart, with a photo when asked) and returns the new complaint's id.</summary>
    internal static async Task<Guid> ComplainAsync(PortalClient resident, Guid unit, string description, bool photo = false, DateTime? preferredAt = null)
    {
        var response = await PostComplaintAsync(resident, unit, description, photo ? ("noise.png", Png) : null, preferredAt);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"complaint answered {(int)response.StatusCode}: {await ResponseText.ReadableAsync(response)}");
        return Guid.Parse(response.RedirectPath().Split('/')[^1]);
    }

    private static async Task<HttpResponseMessage> PostComplaintAsync(PortalClient resident, Guid unit, string description, (string Name, byte[] Bytes)? file = null,
        DateTime? preferredAt = null)
    {
        var page = await resident.GetDocumentAsync("/My/Complain");
        var form = page.QuerySelector<IHtmlFormElement>("main form")!;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(Token(page)), PortalClient.TokenField },
            { new StringContent(unit.ToString()), "UnitId" },
            { new StringContent(form.QuerySelector<IHtmlSelectElement>("select[name='CategoryId']")!.Options.Skip(1).First().Value), "CategoryId" },
            { new StringContent(description), "Description" },
        };
        if (preferredAt is { } at)
        {
            content.Add(new StringContent(at.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture)), "PreferredAt");
        }

        if (file is { } f)
        {
            var image = new ByteArrayContent(f.Bytes);
            image.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            content.Add(image, "Photos", f.Name);
        }

        return await resident.Http.PostAsync("/My/Complain", content, Ct);
    }

    private static string Token(IHtmlDocument page) =>
        page.QuerySelector<IHtmlInputElement>($"main form input[name='{PortalClient.TokenField}']")?.Value
        ?? page.QuerySelector<IHtmlInputElement>($"input[name='{PortalClient.TokenField}']")!.Value;

    private async Task<Complaint> ComplaintAsync(Guid id)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await db.Complaints.AsNoTracking().SingleAsync(c => c.Id == id, Ct);
    }

    private async Task<int> HouseholdNotesAsync(Guid id)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await db.ComplaintEvents.CountAsync(e => e.ComplaintId == id && e.Kind == ComplaintEventKind.Note && e.ActorId == null, Ct);
    }

    private async Task<int> CountAsync(string form, Guid customer)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return form switch
        {
            "repair" => await db.RepairOrders.CountAsync(o => o.CustomerId == customer, Ct),
            "complaint" => await db.Complaints.CountAsync(c => c.CustomerId == customer, Ct),
            "suggestion" => await db.Contacts.CountAsync(c => c.CustomerId == customer, Ct),
            _ => await db.HouseholdChangeRequests.CountAsync(r => r.CustomerId == customer, Ct),
        };
    }
}

public sealed class SqliteResidentComplaintTests(SqliteResidentPortalFactory factory) : ResidentComplaintTests(factory), IClassFixture<SqliteResidentPortalFactory>;

public sealed class PostgresResidentComplaintTests(PostgresResidentPortalFactory factory) : ResidentComplaintTests(factory), IClassFixture<PostgresResidentPortalFactory>;
