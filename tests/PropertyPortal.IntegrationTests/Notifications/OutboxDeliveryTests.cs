using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPortal.Domain.Fees;
using PropertyPortal.Domain.Notifications;
using PropertyPortal.Domain.Registry;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.IntegrationTests.Notifications.Fakes;
using PropertyPortal.IntegrationTests.Sla;
using PropertyPortal.Web.Features.Fees;
using PropertyPortal.Web.Features.Notifications;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Seeding;
using SmtpServer.Protocol;

namespace PropertyPortal.IntegrationTests.Notifications;

/// <summary>
/// Messages that leave the building, over the real protocols: e-mail to an SMTP server in the test, SMS to a
/// local server playing Alibaba Cloud (which checks the signature) and WeChat Work to the same server's robot
/// webhook; through the real outbox and dispatcher on both databases. Retry with back-off, dead-letter and
/// "send again", timeouts marked unknown, quiet hours, opt-out, and a billing run's notices.
/// </summary>
public abstract class OutboxDeliveryTests
{
    private readonly IMessagingPortal messaging;

    /// <summary>Each test starts at 10:00 China time: households' quiet hours (21:00–08:00) would hold their messages otherwise.</summary>
    protected OutboxDeliveryTests(IMessagingPortal messaging)
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

    private TestSmtpServer Smtp => messaging.Smtp;

    private async Task<DispatchResult> DispatchAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(Ct);
    }

    private async Task<OutboxMessage> RowAsync(string dedupPrefix)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.DedupKey.StartsWith(dedupPrefix), Ct);
    }

    /// <summary>
    /// A 翠湖花园 household with a mobile number, a different one for each <paramref name="nth"/>. Tenants: the demo's
    /// owners carry made-up ID numbers the household form (rightly) refuses when saved again.
    /// </summary>
    private async Task<Customer> HouseholdAsync(int nth)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        var property = await db.Properties.SingleAsync(p => p.Code == DemoSeeder.ResidentialCode, Ct);
        return await db.Customers.AsNoTracking().Where(c => c.PropertyId == property.Id && c.Phone != null && c.Phone.StartsWith("1") && c.IdNumber == null)
            .OrderBy(c => c.Phone).Skip(nth).FirstAsync(Ct);
    }

    private async Task<string> QueueToHouseholdAsync(Guid customerId, string kind, object?[] args, bool emergency = false)
    {
        var key = "test:" + Guid.NewGuid().ToString("N");
        await using var scope = App.Services.CreateAsyncScope();
        var notifier = scope.ServiceProvider.GetRequiredService<Notifier>();
        Assert.True(await notifier.EnqueueToHouseholdAsync(customerId, key, kind, args, null, Ct, emergency));
        await scope.ServiceProvider.GetRequiredService<PortalDbContext>().SaveChangesAsync(Ct);
        return key;
    }

    private async Task<string> QueueToStaffAsync(string userName, IEnumerable<string> via)
    {
        var key = "test:" + Guid.NewGuid().ToString("N");
        var user = await SlaTestData.UserIdAsync(App, userName);
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var property = await db.Properties.SingleAsync(p => p.Code == DemoSeeder.ResidentialCode, Ct);
        scope.ServiceProvider.GetRequiredService<Notifier>().Enqueue(key, NotificationKinds.SlaEscalated,
            ["BX20261122-0007", "PhoneReply", "2026-11-22 10:15", Roles.Supervisor], "/Repairs/Details/" + Guid.NewGuid(), property.Id, [user], via);
        await db.SaveChangesAsync(Ct);
        return key;
    }

    /// <summary>The SMS requests the provider got for one row (by the OutId the row hands over: its idempotency key).</summary>
    private List<SmsCall> CallsFor(OutboxMessage row) => [.. Providers.Sms.Where(c => c.OutId == row.IdempotencyKey)];

    /// <summary>What a form that did not save says (its validation messages), for the assertion's message.</summary>
    private static async Task<string> ProblemsAsync(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect
            ? ""
            : string.Join(" | ", (await PortalClient.ParseAsync(response)).QuerySelectorAll(".text-danger, .validation-summary-errors, .alert-danger")
                .Select(e => e.TextContent.Trim()).Where(t => t.Length > 0));

    [Fact]
    public async Task An_escalation_by_e_mail_reaches_the_SMTP_server_in_Chinese_from_the_configured_sender_with_the_rows_key_as_Message_ID()
    {
        using var admin = await PortalClient.SignedInAsync(App, "admin");
        var supervisor = await SlaTestData.UserIdAsync(App, "supervisor");
        var edit = await admin.SubmitFormAsync($"/Users/Edit/{supervisor}", "main form[method='post']",
            new Dictionary<string, string> { ["Email"] = "li.zhuguan@cuihu.example", ["Phone"] = "139 1234 5678" });
        Assert.True(edit.StatusCode == HttpStatusCode.Redirect, await ProblemsAsync(edit));

        var key = await QueueToStaffAsync("supervisor", [NotificationChannels.InApp, NotificationChannels.Email]);
        await DispatchAsync();

        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        var rows = await db.OutboxMessages.AsNoTracking().Where(m => m.DedupKey.StartsWith(key)).ToListAsync(Ct);
        Assert.All(rows, r => Assert.Equal(DeliveryState.Sent, r.State));
        var email = rows.Single(r => r.Channel == NotificationChannels.Email);

        var mail = Assert.Single(Smtp.Received, m => m.Message.MessageId == $"pp-{email.Id}@cuihu.example");
        Assert.Equal(["li.zhuguan@cuihu.example"], mail.To);
        Assert.Equal(TestSmtpServer.UserName, mail.User);
        Assert.Equal("service@cuihu.example", mail.Message.From.Mailboxes.Single().Address);
        Assert.Equal("超时升级", mail.Message.Subject);
        Assert.Contains("BX20261122-0007「电话回复」超时未处理（截止 2026-11-22 10:15），已升级至客服主管", mail.Message.TextBody);
        Assert.Contains("https://portal.cuihu.example/Repairs/Details/", mail.Message.TextBody);
        Assert.StartsWith(mail.Message.MessageId, email.ProviderMessageId);
        Assert.Equal("l***@cuihu.example", email.Address);
        var bell = rows.Single(r => r.Channel == NotificationChannels.InApp).Id;
        Assert.True(await db.Notifications.AnyAsync(n => n.OutboxMessageId == bell, Ct));
    }

    [Fact]
    public async Task A_refusal_by_the_SMTP_server_is_retried_when_temporary()
    {
        using (var admin = await PortalClient.SignedInAsync(App, "admin"))
        {
            var technician = await SlaTestData.UserIdAsync(App, "technician");
            var edit = await admin.SubmitFormAsync($"/Users/Edit/{technician}", "main form[method='post']", new Dictionary<string, string> { ["Email"] = "liu.shifu@cuihu.example" });
            Assert.True(edit.StatusCode == HttpStatusCode.Redirect, await ProblemsAsync(edit));
        }

        Smtp.Answer = m => m.To.Mailboxes.Any(b => b.Address == "liu.shifu@cuihu.example") ? new SmtpResponse((SmtpReplyCode)451, "local error, try later") : SmtpResponse.Ok;
        try
        {
            var key = await QueueToStaffAsync("technician", [NotificationChannels.Email]);
            await DispatchAsync();
            var row = await RowAsync(key);
            Assert.True(row.State == DeliveryState.Retrying, row.LastError);
            Assert.StartsWith("SMTP 451", row.LastError);

            Smtp.Answer = _ => SmtpResponse.Ok;
            App.Clock.Advance(TimeSpan.FromSeconds(61));
            await DispatchAsync();
            Assert.Equal(DeliveryState.Sent, (await RowAsync(key)).State);
            Assert.Single(Smtp.Received, m => m.To.Contains("liu.shifu@cuihu.example"));
        }
        finally
        {
            Smtp.Answer = _ => SmtpResponse.Ok;
        }
    }

    [Fact]
    public async Task An_escalation_by_WeChat_Work_is_one_markdown_message_to_the_propertys_team_chat()
    {
        using var admin = await PortalClient.SignedInAsync(App, "admin");
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            var property = await db.Properties.SingleAsync(p => p.Code == DemoSeeder.ResidentialCode, Ct);
            var saved = await admin.SubmitFormAsync("/Settings/Messages/Settings", $"tr[data-property='{property.Id}'] form",
                new Dictionary<string, string> { ["WebhookKey"] = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa" });
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var page = await admin.GetDocumentAsync("/Settings/Messages/Settings");
        Assert.Contains("****5aaa", page.QuerySelector("#teamChats")!.TextContent);
        Assert.DoesNotContain("693a91f6", page.QuerySelector("#teamChats")!.TextContent);

        var key = await QueueToStaffAsync("supervisor", [NotificationChannels.InApp, NotificationChannels.WeChatWork]);
        await DispatchAsync();

        var call = Assert.Single(Providers.WeChat, c => c.Content.Contains("BX20261122-0007", StringComparison.Ordinal));
        Assert.Equal("693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa", call.Key);
        Assert.Equal("markdown", call.MsgType);
        Assert.StartsWith("### 超时升级\n", call.Content);
        Assert.Contains("[查看详情](https://portal.cuihu.example/Repairs/Details/", call.Content);
        var team = (await App.CreateDbContext(SystemPropertyScope.Instance).OutboxMessages.AsNoTracking().Where(m => m.DedupKey.StartsWith(key)).ToListAsync(Ct))
            .Single(m => m.Channel == NotificationChannels.WeChatWork);
        Assert.Equal((RecipientKind.Team, DeliveryState.Sent, "****5aaa"), (team.Recipient, team.State, team.Address));
    }

    [Fact]
    public async Task A_billing_run_texts_every_household_once_with_its_amount_and_due_date_signed_as_Alibaba_Cloud_wants()
    {
        var (property, runId) = await BillAsync(new BillingPeriod(2026, 3));
        await DispatchAsync();

        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        var batch = HouseholdMessages.BillingBatch(runId);
        var rows = await db.OutboxMessages.AsNoTracking().Where(m => m.Batch == batch).ToListAsync(Ct);
        var notices = await db.PaymentNotices.AsNoTracking().Where(n => n.RunId == runId && n.CustomerId != null).ToListAsync(Ct);
        Assert.Equal(notices.Count, rows.Count);
        var sent = rows.Where(r => r.Channel == NotificationChannels.Sms).ToList();
        Assert.NotEmpty(sent);
        Assert.All(sent, r => Assert.Equal(DeliveryState.Sent, r.State));
        Assert.All(rows.Where(r => r.Channel == NotificationChannels.None), r => Assert.Equal(DeliveryState.Skipped, r.State));

        var calls = Providers.Sms.Where(c => sent.Any(r => r.IdempotencyKey == c.OutId)).ToList();
        Assert.Equal(sent.Count, calls.Count);
        Assert.Equal(sent.Count, calls.Select(c => c.OutId).Distinct().Count());
        Assert.All(calls, c => Assert.True(c.SignatureValid));
        Assert.All(calls, c => Assert.Equal(("SMS_900001", MessagingTestSettings.SignName), (c.TemplateCode, c.SignName)));

        var policyDue = new BillingPeriod(2026, 3).FirstDay.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var first = sent.OrderBy(r => r.Id).First();
        var notice = notices.Single(n => n.CustomerId == first.CustomerId && first.DedupKey.Contains(n.UnitId.ToString("N"), StringComparison.Ordinal));
        var call = calls.Single(c => c.OutId == first.IdempotencyKey);
        Assert.Equal(notice.Balance.ToString("#,0.00", CultureInfo.InvariantCulture), call.TemplateParam["amount"]);
        Assert.Equal(policyDue, call.TemplateParam["due"]);
        Assert.Equal("2026年3月", call.TemplateParam["period"]);
        Assert.Equal(["name", "unit", "period", "amount", "due"], call.TemplateParam.Keys);
        Assert.StartsWith("biz", first.ProviderMessageId);
        var text = Domain.Notifications.TemplateText.Fill(NotificationCatalog.Find(NotificationKinds.PaymentNotice)!.Text, call.TemplateParam);
        Assert.Equal(SmsSegments.Count(MessagingTestSettings.SignName, text), first.Segments);

        // The run's page follows the sending.
        using var supervisor = await PortalClient.SignedInAsync(App, "supervisor");
        var progress = (await supervisor.GetDocumentAsync($"/Billing/Details/{runId}")).QuerySelector("#noticeMessages")!;
        Assert.Equal(sent.Count.ToString(CultureInfo.InvariantCulture), progress.GetAttribute("data-sent"));
        Assert.Equal("0", progress.GetAttribute("data-pending"));
        _ = property;
    }

    [Fact]
    public async Task A_household_that_opted_out_at_the_desk_gets_no_SMS_and_its_row_says_why()
    {
        var household = await HouseholdAsync(3);
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var saved = await desk.SubmitFormAsync($"/Customers/Edit/{household.Id}", "main form[method='post']", new Dictionary<string, string>
        {
            ["MessagesOptedOut"] = "true", ["MessagesConsentNote"] = "业主来电要求不再发短信",
            ["Kind"] = household.Kind.ToString(), ["PreferredChannel"] = household.PreferredChannel.ToString(),
            ["IdDocumentType"] = household.IdDocumentType?.ToString() ?? "",
        });
        Assert.True(saved.StatusCode == HttpStatusCode.Redirect, await ProblemsAsync(saved));
        var archive = await desk.GetDocumentAsync($"/Customers/Details/{household.Id}");
        Assert.Contains("已退订", archive.QuerySelector("#messagesConsent")!.TextContent);
        Assert.Contains("张前台", archive.QuerySelector("#messagesConsent")!.ParentElement!.TextContent);

        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            var stored = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == household.Id, Ct);
            Assert.True(stored.MessagesOptedOut);
            Assert.Equal(("张前台", "业主来电要求不再发短信"), (stored.MessagesConsentChangedByName, stored.MessagesConsentNote));
        }

        var key = await QueueToHouseholdAsync(household.Id, NotificationKinds.DunningReminder, [household.Name, "1-1-101", "300.00", "2026-10-31"]);
        await DispatchAsync();

        var row = await RowAsync(key);
        Assert.Equal((DeliveryState.Skipped, DeliveryReason.OptedOut, 0), (row.State, row.LastError, row.Attempts));
        Assert.Empty(CallsFor(row));

        // Opting out after a message was queued stops it too.
        var other = await HouseholdAsync(4);
        var queued = await QueueToHouseholdAsync(other.Id, NotificationKinds.DunningReminder, [other.Name, "1-1-102", "300.00", "2026-10-31"]);
        var optOut = await desk.SubmitFormAsync($"/Customers/Edit/{other.Id}", "main form[method='post']", new Dictionary<string, string>
        {
            ["MessagesOptedOut"] = "true", ["Kind"] = other.Kind.ToString(), ["PreferredChannel"] = other.PreferredChannel.ToString(),
            ["IdDocumentType"] = other.IdDocumentType?.ToString() ?? "",
        });
        Assert.True(optOut.StatusCode == HttpStatusCode.Redirect, await ProblemsAsync(optOut));
        await DispatchAsync();
        var stopped = await RowAsync(queued);
        Assert.Equal(DeliveryState.Skipped, stopped.State);
        Assert.Empty(CallsFor(stopped));
    }

    [Fact]
    public async Task A_provider_failing_is_retried_with_doubling_waits_then_dead_and_an_admin_sends_it_again()
    {
        var household = await HouseholdAsync(5);
        var key = await QueueToHouseholdAsync(household.Id, NotificationKinds.DunningReminder, [household.Name, "1-1-103", "300.00", "2026-10-31"]);
        var row = await RowAsync(key);
        var outId = row.IdempotencyKey;
        Providers.SmsReply = c => c.OutId == outId ? Reply.Error(HttpStatusCode.ServiceUnavailable, "ServiceUnavailable", "busy") : Reply.Ok;
        try
        {
            await DispatchAsync();
            row = await RowAsync(key);
            Assert.Equal((DeliveryState.Retrying, 1), (row.State, row.Attempts));
            Assert.InRange(row.NextAttemptAt!.Value - row.LastAttemptAt!.Value, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(62));
            Assert.Contains("ServiceUnavailable", row.LastError);

            await DispatchAsync();
            Assert.Single(CallsFor(row));

            App.Clock.Advance(TimeSpan.FromSeconds(61));
            await DispatchAsync();
            row = await RowAsync(key);
            Assert.Equal((DeliveryState.Retrying, 2), (row.State, row.Attempts));
            Assert.InRange(row.NextAttemptAt!.Value - row.LastAttemptAt!.Value, TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(122));

            App.Clock.Advance(TimeSpan.FromSeconds(121));
            await DispatchAsync();
            row = await RowAsync(key);
            Assert.Equal((DeliveryState.Dead, 3), (row.State, row.Attempts));
            Assert.Equal(3, CallsFor(row).Count);
            Assert.All(CallsFor(row), c => Assert.True(c.SignatureValid));

            // Dead rows stay dead: later runs leave them alone.
            App.Clock.Advance(TimeSpan.FromHours(1));
            await DispatchAsync();
            Assert.Equal(3, CallsFor(row).Count);

            // 系统设置 → 消息发送 lists it as dead; 重新发送 queues it again.
            using var admin = await PortalClient.SignedInAsync(App, "admin");
            var list = await admin.GetDocumentAsync("/Settings/Messages?state=Dead");
            Assert.NotNull(list.QuerySelector($"#messages tr[data-id='{row.Id}']"));
            var details = await admin.GetDocumentAsync($"/Settings/Messages/Details/{row.Id}");
            Assert.Equal(3, details.QuerySelectorAll("#attempts tbody tr").Length);
            Assert.Contains("尚有欠费300.00元", details.QuerySelector("#content")!.TextContent);

            Providers.SmsReply = _ => Reply.Ok;
            var again = await admin.SubmitFormAsync($"/Settings/Messages/Details/{row.Id}", "form[action$='SendAgain/" + row.Id + "']", new Dictionary<string, string>());
            Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
            Assert.Equal(DeliveryState.Queued, (await RowAsync(key)).State);

            await DispatchAsync();
            row = await RowAsync(key);
            Assert.Equal((DeliveryState.Sent, 1), (row.State, row.Attempts));
            Assert.Equal(4, CallsFor(row).Count);
            var history = (await admin.GetDocumentAsync($"/Settings/Messages/Details/{row.Id}")).QuerySelectorAll("#attempts tbody tr");
            Assert.Equal(5, history.Length);
            Assert.Contains("系统管理员", history[3].TextContent);
        }
        finally
        {
            Providers.SmsReply = _ => Reply.Ok;
        }
    }

    [Fact]
    public async Task A_number_the_provider_refuses_is_dead_at_once()
    {
        var household = await HouseholdAsync(6);
        var key = await QueueToHouseholdAsync(household.Id, NotificationKinds.DunningReminder, [household.Name, "1-1-104", "300.00", "2026-10-31"]);
        var outId = (await RowAsync(key)).IdempotencyKey;
        Providers.SmsReply = c => c.OutId == outId ? Reply.Error(HttpStatusCode.OK, "isv.MOBILE_NUMBER_ILLEGAL", "非法手机号") : Reply.Ok;
        try
        {
            await DispatchAsync();
            var row = await RowAsync(key);
            Assert.Equal((DeliveryState.Dead, 1), (row.State, row.Attempts));
            Assert.Equal("Aliyun 200 isv.MOBILE_NUMBER_ILLEGAL: 非法手机号", row.LastError);
        }
        finally
        {
            Providers.SmsReply = _ => Reply.Ok;
        }
    }

    [Fact]
    public async Task A_provider_that_does_not_answer_in_time_leaves_the_send_unknown_never_resent_until_an_admin_checks()
    {
        var household = await HouseholdAsync(7);
        var release = new TaskCompletionSource();
        var key = await QueueToHouseholdAsync(household.Id, NotificationKinds.DunningReminder, [household.Name, "1-1-105", "300.00", "2026-10-31"]);
        var outId = (await RowAsync(key)).IdempotencyKey;
        Providers.SmsReply = c => c.OutId == outId ? Reply.Hang(release) : Reply.Ok;
        try
        {
            await DispatchAsync();
            var row = await RowAsync(key);
            Assert.Equal(DeliveryState.Unknown, row.State);
            Assert.Equal("Timeout:Aliyun SMS", row.LastError);

            App.Clock.Advance(TimeSpan.FromHours(2));
            await DispatchAsync();
            Assert.Single(CallsFor(row));

            using var admin = await PortalClient.SignedInAsync(App, "admin");
            var details = await admin.GetDocumentAsync($"/Settings/Messages/Details/{row.Id}");
            Assert.Contains("结果未知", details.QuerySelector("#state")!.TextContent);
            Assert.Contains("请求超时", details.QuerySelector("#reason")!.TextContent);
            var confirmed = await admin.SubmitFormAsync($"/Settings/Messages/Details/{row.Id}", "form[action$='ConfirmSent/" + row.Id + "']", new Dictionary<string, string>());
            Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
            row = await RowAsync(key);
            Assert.Equal((DeliveryState.Sent, "ConfirmedByAdmin:系统管理员"), (row.State, row.LastError));
        }
        finally
        {
            release.TrySetResult();
            Providers.SmsReply = _ => Reply.Ok;
        }
    }

    [Fact]
    public async Task A_slow_provider_that_answers_within_the_timeout_is_a_normal_send()
    {
        var household = await HouseholdAsync(8);
        var key = await QueueToHouseholdAsync(household.Id, NotificationKinds.DunningReminder, [household.Name, "1-1-106", "300.00", "2026-10-31"]);
        var outId = (await RowAsync(key)).IdempotencyKey;
        Providers.SmsReply = c => c.OutId == outId ? Reply.Slow(TimeSpan.FromMilliseconds(900)) : Reply.Ok;
        try
        {
            await DispatchAsync();
            var row = await RowAsync(key);
            Assert.Equal((DeliveryState.Sent, 1), (row.State, row.Attempts));
        }
        finally
        {
            Providers.SmsReply = _ => Reply.Ok;
        }
    }

    [Fact]
    public async Task In_quiet_hours_a_household_reminder_is_held_until_eight_while_an_outage_notice_and_staff_alerts_go_at_once()
    {
        var reminded = await HouseholdAsync(9);
        var warned = await HouseholdAsync(10);
        var evening = PortalClock.ToUtc(new DateTime(2026, 12, 14, 22, 30, 0));
        App.Clock.Set(evening);
        try
        {
            var reminder = await QueueToHouseholdAsync(reminded.Id, NotificationKinds.DunningReminder, [reminded.Name, "1-1-107", "300.00", "2026-10-31"]);
            var outage = await QueueToHouseholdAsync(warned.Id, NotificationKinds.OutageNotice, ["翠湖花园", "停水", "今晚 23:00", "明晨 06:00"], emergency: true);
            var staff = await QueueToStaffAsync("supervisor", [NotificationChannels.InApp]);
            await DispatchAsync();

            var held = await RowAsync(reminder);
            var morning = PortalClock.ToUtc(new DateTime(2026, 12, 15, 8, 0, 0));
            Assert.Equal((DeliveryState.Held, morning, 0), (held.State, held.NextAttemptAt, held.Attempts));
            Assert.Empty(CallsFor(held));
            var urgent = await RowAsync(outage);
            Assert.Equal(DeliveryState.Sent, urgent.State);
            Assert.Single(CallsFor(urgent));
            Assert.Equal(DeliveryState.Sent, (await RowAsync(staff)).State);

            App.Clock.Set(morning.AddSeconds(-2));
            await DispatchAsync();
            Assert.Empty(CallsFor(held));

            App.Clock.Set(morning);
            await DispatchAsync();
            Assert.Equal(DeliveryState.Sent, (await RowAsync(reminder)).State);
            Assert.Single(CallsFor(held));
        }
        finally
        {
            App.Clock.Set(DateTime.UtcNow);
        }
    }

    [Fact]
    public async Task Quiet_hours_are_a_setting_refused_beside_the_field_when_not_a_time()
    {
        using var admin = await PortalClient.SignedInAsync(App, "admin");
        var wrong = await admin.SubmitFormAsync("/Settings/Messages/Settings", "#quietHours", new Dictionary<string, string> { ["QuietStart"] = "25:00" });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("请输入时间，例如 21:00。", await wrong.Content.ReadAsStringAsync(Ct));

        var saved = await admin.SubmitFormAsync("/Settings/Messages/Settings", "#quietHours", new Dictionary<string, string> { ["QuietStart"] = "22:00", ["QuietEnd"] = "07:30" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            Assert.Equal(new QuietHours(new TimeOnly(22, 0), new TimeOnly(7, 30)), (await db.MessagingSettings.SingleAsync(Ct)).QuietHours);
        }

        // Back to the default for the other tests of the class.
        await admin.SubmitFormAsync("/Settings/Messages/Settings", "#quietHours", new Dictionary<string, string> { ["QuietStart"] = "21:00", ["QuietEnd"] = "08:00" });
    }

    [Fact]
    public async Task A_send_whose_instance_died_after_claiming_is_sent_again_on_the_bell_and_marked_unknown_by_SMS()
    {
        var household = await HouseholdAsync(11);
        var bellKey = await QueueToStaffAsync("steward", [NotificationChannels.InApp]);
        var smsKey = await QueueToHouseholdAsync(household.Id, NotificationKinds.DunningReminder, [household.Name, "1-1-108", "300.00", "2026-10-31"]);

        // What a killed instance leaves behind: both rows claimed, nothing recorded.
        var claimedAt = App.Clock.UtcNow;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            foreach (var row in await db.OutboxMessages.Where(m => m.DedupKey.StartsWith(bellKey) || m.DedupKey.StartsWith(smsKey)).ToListAsync(Ct))
            {
                row.Claim(Guid.NewGuid(), claimedAt, TimeSpan.FromSeconds(5));
            }

            await db.SaveChangesAsync(Ct);
        }

        // Within the lease nothing touches them.
        await DispatchAsync();
        Assert.Equal(DeliveryState.Sending, (await RowAsync(smsKey)).State);
        Assert.Equal(DeliveryState.Sending, (await RowAsync(bellKey)).State);

        App.Clock.Advance(TimeSpan.FromSeconds(6));
        var result = await DispatchAsync();
        Assert.True(result.LeasesExpired >= 2);

        var bell = await RowAsync(bellKey);
        Assert.Equal((DeliveryState.Sent, 2), (bell.State, bell.Attempts));
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            Assert.Equal(1, await db.Notifications.CountAsync(n => n.OutboxMessageId == bell.Id, Ct));
        }

        var sms = await RowAsync(smsKey);
        Assert.Equal((DeliveryState.Unknown, DeliveryReason.LeaseExpiredUnknown), (sms.State, sms.LastError));
        Assert.Empty(CallsFor(sms));
    }

    [Fact]
    public async Task An_overdue_household_is_reminded_by_SMS_when_the_ladder_fires_its_first_stage()
    {
        var (property, _) = await BillAsync(new BillingPeriod(2025, 9));
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DunningService>().AdvancePropertyAsync(property, PortalClock.Today(App.Clock), Ct);
        }

        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        var reminded = (await db.DunningSteps.AsNoTracking().Where(s => s.PropertyId == property && s.Stage == DunningStage.Reminder).Select(s => s.CaseId).ToListAsync(Ct))
            .Select(id => id.ToString("N")).ToHashSet();
        var reminders = await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == NotificationKinds.DunningReminder && m.Batch == $"dunning:{property:N}").ToListAsync(Ct);
        Assert.NotEmpty(reminders);
        Assert.All(reminders, r => Assert.Contains(r.DedupKey.Split(':')[1], reminded));

        await DispatchAsync();
        var sent = (await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == NotificationKinds.DunningReminder && m.Batch == $"dunning:{property:N}" && m.State == DeliveryState.Sent).ToListAsync(Ct));
        Assert.NotEmpty(sent);
        var call = Providers.Sms.Single(c => c.OutId == sent[0].IdempotencyKey);
        Assert.Equal("SMS_900002", call.TemplateCode);
        Assert.True(decimal.Parse(call.TemplateParam["amount"], NumberStyles.Number, CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public async Task An_admin_edits_a_template_with_placeholders_checked_beside_the_field_and_the_next_mail_uses_it()
    {
        using var admin = await PortalClient.SignedInAsync(App, "admin");
        var url = "/Settings/Messages/Templates/Edit/SlaEscalated";
        var unknown = await admin.SubmitFormAsync(url, "#templateForm", new Dictionary<string, string> { ["Text"] = "{number} 已超时，请{who}处理" });
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        var page = await unknown.Content.ReadAsStringAsync(Ct);
        Assert.Contains("{who} 不是这类消息的占位符。", page);

        var broken = await admin.SubmitFormAsync(url, "#templateForm", new Dictionary<string, string> { ["Text"] = "{number 已超时" });
        Assert.Contains("花括号不成对", await broken.Content.ReadAsStringAsync(Ct));

        await QueueToStaffAsync("supervisor", [NotificationChannels.InApp]);
        var preview = await admin.SubmitFormAsync(url, "#templateForm", new Dictionary<string, string> { ["Text"] = "【升级】{number}「{milestone}」逾期，已报{level}", ["Preview"] = "true" });
        var previewDoc = await PortalClient.ParseAsync(preview);
        Assert.StartsWith("【升级】", previewDoc.QuerySelector("#previewText")!.TextContent);
        Assert.Contains("实际消息", previewDoc.QuerySelector("#templatePreview")!.TextContent);

        var saved = await admin.SubmitFormAsync(url, "#templateForm", new Dictionary<string, string> { ["Text"] = "【升级】{number}「{milestone}」逾期，已报{level}" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var supervisor = await SlaTestData.UserIdAsync(App, "supervisor");
        await admin.SubmitFormAsync($"/Users/Edit/{supervisor}", "main form[method='post']", new Dictionary<string, string> { ["Email"] = "li.zhuguan@cuihu.example" });
        await QueueToStaffAsync("supervisor", [NotificationChannels.Email]);
        await DispatchAsync();
        Assert.Contains(Smtp.Received, m => m.Message.TextBody?.StartsWith("【升级】BX20261122-0007「电话回复」逾期，已报客服主管", StringComparison.Ordinal) == true);

        // The payment notice must keep its amount and due date.
        var dropped = await admin.SubmitFormAsync("/Settings/Messages/Templates/Edit/PaymentNotice", "#templateForm", new Dictionary<string, string> { ["Text"] = "{name}您好，请缴费。" });
        Assert.Contains("内容必须保留 {amount}。", await dropped.Content.ReadAsStringAsync(Ct));

        await admin.SubmitFormAsync(url, "#templateForm", new Dictionary<string, string> { ["Text"] = NotificationCatalog.Find(NotificationKinds.SlaEscalated)!.Text });
    }

    private async Task<(Guid Property, Guid Run)> BillAsync(BillingPeriod period)
    {
        Guid property;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            property = (await db.Properties.SingleAsync(p => p.Code == DemoSeeder.ResidentialCode, Ct)).Id;
            if (!await db.FeeItems.AnyAsync(i => i.PropertyId == property && i.Name == "短信测试物业费", Ct))
            {
                var item = new FeeItem(property, "短信测试物业费", FeeKind.PerArea, null, null, 1);
                item.SetRate(new DateOnly(2025, 1, 1), 2.35m);
                db.FeeItems.Add(item);
                await db.SaveChangesAsync(Ct);
            }
        }

        await using var scope = App.Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<BillingService>().RunAsync(property, period, new Domain.Common.Actor(null, "test"), Ct);
        return (property, outcome.RunId!.Value);
    }
}

public sealed class SqliteOutboxDeliveryTests(SqliteMessagingPortalFactory factory) : OutboxDeliveryTests(factory), IClassFixture<SqliteMessagingPortalFactory>;

public sealed class PostgresOutboxDeliveryTests(PostgresMessagingPortalFactory factory) : OutboxDeliveryTests(factory), IClassFixture<PostgresMessagingPortalFactory>;
