using System.Globalization;
using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Community;
using PropertyPortal.Domain.Notifications;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.Web.Features.Notifications;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure;

namespace PropertyPortal.IntegrationTests.Notifications;

/// <summary>
/// An event's invitations told to each invited household on its own channel, through the case seam (its own database:
/// inviting a whole property adds a row for every household, which other tests' households would see): one message per
/// invited household with the property, theme, time and place, and none twice when the invite form is posted twice.
/// </summary>
public abstract class EventInvitationMessageTests(IMessagingPortal messaging)
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
    public async Task Inviting_a_whole_property_tells_every_invited_household_once_with_theme_time_and_place_even_when_the_form_is_posted_twice()
    {
        App.Clock.Set(DateTime.UtcNow);
        var chhy = await PropertyRecords.ResidentialAsync(App.Services);
        var starts = PortalClock.ToLocal(App.Clock.UtcNow).Date.AddDays(30).AddHours(19).AddMinutes(30);
        using var steward = await PortalClient.SignedInAsync(App, "steward");
        var created = await steward.SubmitFormAsync($"/Events/Create?propertyId={chhy.PropertyId}", "form[method='post'][action^='/Events/Create']", new Dictionary<string, string>
        {
            ["Theme"] = "露天电影之夜", ["Format"] = "观影", ["StartsAt"] = starts.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
            ["EndsAt"] = starts.AddHours(2).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture), ["Place"] = "中心花园草坪",
            ["EventContent"] = "放映家庭电影", ["Schedule"] = "D-3 布场", ["DepartmentDuties"] = "管家部接待", ["PartnerProposals"] = "无",
            ["EmergencyPlan"] = "照明备用电源", ["EvaluationMethod"] = "现场问卷", ["ExpectedAttendance"] = "150",
            ["Budget[0].BudgetItem"] = "设备租赁", ["Budget[0].Amount"] = "2000",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = Guid.Parse(created.RedirectPath().Split('/')[^1]);
        await StepAsync("manager", id, "#approve-proposal-form");
        await StepAsync(steward, id, "#filled-form");
        await StepAsync("supervisor", id, "#submit-form");
        await StepAsync("gm", id, "#approve-form");

        // The invite form as the browser sends it (the whole property), posted twice as a double click would.
        var form = (await steward.GetDocumentAsync($"/Events/Invitations/{id}")).QuerySelector<IHtmlFormElement>("#invite-form")!;
        var values = Pauses.PauseFlowTests.BrowserFields(form);
        var first = await steward.PostAsync(form.Action, values);
        var second = await steward.PostAsync(form.Action, values);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.True((int)second.StatusCode < 500, $"a second invite answered {(int)second.StatusCode}");

        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        var invited = await db.EventInvitations.Where(i => i.EventId == id).Select(i => i.CustomerId).ToListAsync(Ct);
        var today = PortalClock.Today(App.Clock);
        var living = await db.Occupancies.Where(o => o.PropertyId == chhy.PropertyId && o.StartDate <= today && (o.EndDate == null || o.EndDate >= today))
            .Select(o => o.CustomerId).Distinct().ToListAsync(Ct);
        Assert.Equal(living.Order(), invited.Order());

        var rows = await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == NotificationKinds.EventInvitation && m.DedupKey.StartsWith($"communityevent:{id:N}:"))
            .ToListAsync(Ct);
        Assert.Equal(invited.Order(), rows.Select(r => r.CustomerId!.Value).Order());
        Assert.All(rows, r => Assert.Equal(chhy.PropertyId, r.PropertyId));
        var time = starts.ToString("M月d日 HH:mm", CultureInfo.InvariantCulture);
        Assert.All(rows, r => Assert.Equal([chhy.Name, "露天电影之夜", time, "中心花园草坪"], JsonSerializer.Deserialize<string[]>(r.Args)!));

        // The stewards are told once too, to hand out the printed list.
        Assert.Single(await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == NotificationKinds.EventInvitationsToDeliver && m.DedupKey.StartsWith($"communityevent:{id:N}:"))
            .Select(m => m.DedupKey).Distinct().ToListAsync(Ct));
        Assert.Single(await db.CommunityEvents.Where(e => e.Id == id).SelectMany(e => e.Events).Where(x => x.Kind == CommunityEventAction.Invited).ToListAsync(Ct));
    }

    private async Task StepAsync(string user, Guid id, string selector)
    {
        using var client = await PortalClient.SignedInAsync(App, user);
        await StepAsync(client, id, selector);
    }

    private static async Task StepAsync(PortalClient client, Guid id, string selector)
    {
        var response = await Pauses.PauseFlowTests.PostPauseFormAsync(client, $"/Events/Details/{id}", selector, []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Null((await client.GetDocumentAsync(response.RedirectPath())).QuerySelector(".alert-danger.alert-dismissible"));
    }
}

public sealed class SqliteEventInvitationMessageTests(SqliteMessagingPortalFactory factory) : EventInvitationMessageTests(factory), IClassFixture<SqliteMessagingPortalFactory>;

public sealed class PostgresEventInvitationMessageTests(PostgresMessagingPortalFactory factory) : EventInvitationMessageTests(factory), IClassFixture<PostgresMessagingPortalFactory>;
