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
/// <summary>
/// A published notice told to every household of its audience on its own channel (its own database: a notice reaches a whole
/// property, which would add rows to every other test's households): the cut notice at night too, other notices held till morning.
/// </summary>
public abstract class NoticeMessageTests
{
    private readonly IMessagingPortal messaging;

    /// <summary>Each test starts at 10:00 China time.</summary>
    protected NoticeMessageTests(IMessagingPortal messaging)
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
    public async Task A_published_cut_notice_reaches_every_household_of_its_audience_at_night_too_once_and_another_notice_waits_for_morning()
    {
        var household = await HouseholdAsync(3);
        await PreferSmsAsync(household);
        var evening = PortalClock.ToUtc(PortalClock.ToLocal(App.Clock.UtcNow).Date.AddHours(22).AddMinutes(30));
        App.Clock.Set(evening);
        try
        {
            using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
            using var sup = await PortalClient.SignedInAsync(App, "supervisor");
            var works = evening.AddDays(2);
            var cut = await PublishedNoticeAsync(desk, sup, new()
            {
                ["Title"] = "2号楼停水", ["Body"] = "管网维修，2号楼停水。", ["Category"] = nameof(Domain.Notices.NoticeCategory.WaterPowerCut),
                ["WorkStartsAt"] = PortalClock.ToLocal(works).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture),
                ["PublishUntil"] = PortalClock.ToLocal(works).AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            });

            using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
            {
                var delivered = await db.NoticeDeliveries.Where(d => d.NoticeId == cut).Select(d => d.CustomerId).ToListAsync(Ct);
                var rows = await db.OutboxMessages.Where(m => m.Kind == NotificationKinds.OutageNotice && m.DedupKey.StartsWith($"publicnotice:{cut:N}:"))
                    .Select(m => m.CustomerId!.Value).ToListAsync(Ct);
                Assert.Contains(household, delivered);
                Assert.Equal(delivered.Order(), rows.Order());
            }

            var row = Assert.Single(await RowsAsync(household, NotificationKinds.OutageNotice));
            var property = await PropertyNameAsync(household);
            var local = PortalClock.ToLocal(works);
            Assert.Equal([property, "2号楼停水", local.ToString("M月d日 HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                local.AddDays(1).ToString("M月d日", System.Globalization.CultureInfo.InvariantCulture)], Args(row));

            // The publish form was posted twice (a double click): still one message per household.
            Assert.Single(await RowsAsync(household, NotificationKinds.OutageNotice));

            var other = await PublishedNoticeAsync(desk, sup, new()
            {
                ["Title"] = "电梯年检", ["Body"] = "3号楼电梯年检，请错峰出行。", ["Category"] = nameof(Domain.Notices.NoticeCategory.Other),
            });
            var notice = Assert.Single(await RowsAsync(household, NotificationKinds.NoticeToHousehold));
            Assert.Equal(property, Args(notice)[0]);
            Assert.Equal("电梯年检", Args(notice)[1]);

            await DispatchAsync();
            var outage = Assert.Single(await RowsAsync(household, NotificationKinds.OutageNotice));
            Assert.Equal(DeliveryState.Sent, outage.State);
            var sms = Assert.Single(Providers.Sms, c => c.OutId == outage.IdempotencyKey);
            Assert.Equal(("SMS_900004", "2号楼停水"), (sms.TemplateCode, sms.TemplateParam["what"]));
            Assert.Equal(DeliveryState.Held, Assert.Single(await RowsAsync(household, NotificationKinds.NoticeToHousehold)).State);
            Assert.NotEqual(cut, other);
        }
        finally
        {
            App.Clock.Set(DateTime.UtcNow);
        }
    }

    /// <summary>A notice for the whole of 翠湖花园 drafted at the desk, approved by the supervisor and published by the desk; its id.</summary>
    private async Task<Guid> PublishedNoticeAsync(PortalClient desk, PortalClient supervisor, Dictionary<string, string> fields)
    {
        using var db0 = App.CreateDbContext(SystemPropertyScope.Instance);
        var property = await db0.Properties.Where(p => p.Code == DemoSeeder.ResidentialCode).Select(p => p.Id).SingleAsync(Ct);
        var drafted = await desk.SubmitFormAsync($"/Notices/Create?propertyId={property}", "#notice-form", fields);
        Assert.Equal(HttpStatusCode.Redirect, drafted.StatusCode);
        var id = Guid.Parse(drafted.RedirectPath().Split('/')[^1]);
        Assert.Equal(HttpStatusCode.Redirect, (await Pauses.PauseFlowTests.PostPauseFormAsync(supervisor, $"/Notices/Details/{id}", "#approve-form", [])).StatusCode);
        var page = await desk.GetDocumentAsync($"/Notices/Details/{id}");
        var publish = page.QuerySelector<IHtmlFormElement>("#publish-form")!;
        var values = Pauses.PauseFlowTests.BrowserFields(publish);
        var first = await desk.PostAsync(publish.Action, values);
        var second = await desk.PostAsync(publish.Action, values);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.True((int)second.StatusCode < 500, $"a second publish answered {(int)second.StatusCode}");
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        Assert.Equal(Domain.Notices.NoticeStatus.Published, await db.PublicNotices.Where(n => n.Id == id).Select(n => n.Status).SingleAsync(Ct));
        return id;
    }

    private async Task<string> PropertyNameAsync(Guid household)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await (from c in db.Customers join p in db.Properties on c.PropertyId equals p.Id where c.Id == household select p.Name).SingleAsync(Ct);
    }

    // --- helpers ---

    private async Task DispatchAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(Ct);
    }

    /// <summary>The household's outbox rows of one kind.</summary>
    private async Task<List<OutboxMessage>> RowsAsync(Guid household, string kind)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await db.OutboxMessages.AsNoTracking().Where(m => m.CustomerId == household && m.Kind == kind).OrderBy(m => m.Id).ToListAsync(Ct);
    }

    private static string[] Args(OutboxMessage row) => JsonSerializer.Deserialize<string[]>(row.Args)!;

    /// <summary>A household of 翠湖花园 living there now, with a mobile.</summary>
    private async Task<Guid> HouseholdAsync(int nth)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        var property = await db.Properties.SingleAsync(p => p.Code == DemoSeeder.ResidentialCode, Ct);
        return await (from o in db.Occupancies
                      join c in db.Customers on o.CustomerId equals c.Id
                      where o.PropertyId == property.Id && o.EndDate == null && c.Phone != null && c.Phone.StartsWith("1")
                      orderby o.Id
                      select o.CustomerId).Skip(nth).FirstAsync(Ct);
    }

    private async Task PreferSmsAsync(Guid household)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        var c = await db.Customers.SingleAsync(x => x.Id == household, Ct);
        c.Update(c.Kind, c.Name, c.Phone, c.Phone2, c.Email, c.IdDocumentType, c.IdNumber, c.EmergencyContactName, c.EmergencyContactPhone, ContactChannel.Sms, c.Notes);
        await db.SaveChangesAsync(Ct);
    }
}

public sealed class SqliteNoticeMessageTests(SqliteMessagingPortalFactory factory) : NoticeMessageTests(factory), IClassFixture<SqliteMessagingPortalFactory>;

public sealed class PostgresNoticeMessageTests(PostgresMessagingPortalFactory factory) : NoticeMessageTests(factory), IClassFixture<PostgresMessagingPortalFactory>;
