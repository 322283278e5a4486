using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPortal.Domain.FrontDesk;
using PropertyPortal.Domain.Sla;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.IntegrationTests.Sla;
using PropertyPortal.Web.Features.Notifications;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Seeding;

namespace PropertyPortal.IntegrationTests.Repairs;

/// <summary>
/// The whole promise of the issue over HTTP: a call logged at the desk becomes an emergency repair,
/// is dispatched, nobody arrives, the breach shows, and fifteen minutes later the sweep escalates it
/// to the property's supervisor — who finds it in the bell — while nobody at another property hears.
/// </summary>
public abstract class ClerkToEscalationTests(PortalFactory factory)
{
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
    public async Task A_logged_call_becomes_an_order_whose_missed_arrival_is_escalated_to_the_supervisor()
    {
        Guid property, category;
        string technician;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            property = await db.Properties.Where(p => p.Code == DemoSeeder.ResidentialCode).Select(p => p.Id).SingleAsync(Ct);
            category = await db.RepairCategories.Where(c => c.Name == "户内跳闸").Select(c => c.Id).SingleAsync(Ct);
            technician = await db.Users.Where(u => u.UserName == "technician").Select(u => u.Id).SingleAsync(Ct);
        }

        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var logged = await desk.SubmitFormAsync("/Contacts/Create", "#contact-form", new Dictionary<string, string>
        {
            ["PropertyId"] = property.ToString(), ["Name"] = "赵女士", ["Phone"] = "13700001111", ["Subject"] = "家里跳闸没电",
            ["Source"] = nameof(ContactSource.Phone), ["Outcome"] = nameof(ContactOutcome.Pending), ["next"] = "repair",
        });
        Assert.Equal(HttpStatusCode.Redirect, logged.StatusCode);
        var repairForm = logged.Headers.Location!.OriginalString;
        Assert.StartsWith("/Repairs/Create?contactId=", repairForm);

        var accepted = await desk.SubmitFormAsync(repairForm, "main form[method='post']", new Dictionary<string, string>
        {
            ["Location"] = "3-1-502 客厅", ["CategoryId"] = category.ToString(), ["Urgency"] = "Emergency", ["Billing"] = "Warranty",
            ["TechnicianId"] = technician, ["Description"] = "家里跳闸没电",
        });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var orderId = Guid.Parse(accepted.RedirectPath()["/Repairs/Details/".Length..]);
        string number;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            var order = await db.RepairOrders.SingleAsync(o => o.Id == orderId, Ct);
            number = order.Number;
            Assert.Equal("赵女士", order.ReporterName);
            Assert.Equal(orderId, (await db.Contacts.SingleAsync(c => c.Id == order.ContactId, Ct)).RepairOrderId);
        }

        // Ten minutes and one second after the call nobody is on site: the order page shows the breach.
        App.Clock.Advance(TimeSpan.FromMinutes(10).Add(TimeSpan.FromSeconds(2)));
        try
        {
            var page = await desk.GetDocumentAsync($"/Repairs/Details/{orderId}");
            Assert.Contains("已超时", page.QuerySelector("tr.table-danger")!.TextContent);

            // Fifteen minutes after the breach the sweep escalates to the supervisor; the bell rings.
            App.Clock.Advance(TimeSpan.FromMinutes(15));
            await SlaTestData.SweepAsync(App.Services);
            await using (var scope = App.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(Ct);
            }

            using var db = App.CreateDbContext(SystemPropertyScope.Instance);
            var fired = await db.SlaEvents.Where(e => e.SubjectId == orderId).Select(e => new { e.Milestone, e.Kind }).ToListAsync(Ct);
            Assert.Contains(fired, e => e.Milestone == SlaMilestone.OnSite && e.Kind == SlaEventKind.Breach);
            Assert.Contains(fired, e => e.Milestone == SlaMilestone.OnSite && e.Kind == SlaEventKind.EscalatedToSupervisor);
            Assert.Equal(fired.Count, fired.Distinct().Count());

            using var supervisor = await PortalClient.SignedInAsync(App, "supervisor");
            var inbox = await supervisor.GetDocumentAsync("/Notifications");
            Assert.Contains(inbox.QuerySelectorAll("main li, main tr"), n => n.TextContent.Contains(number) && n.TextContent.Contains("升级"));

            using var tower = await PortalClient.SignedInAsync(App, "officedesk");
            Assert.DoesNotContain(number, (await tower.GetDocumentAsync("/Notifications")).Body!.TextContent);
            var board = await supervisor.GetDocumentAsync($"/Board?propertyId={property}");
            Assert.Contains(number, board.QuerySelector(".card.border-danger")!.TextContent);
            var escalations = board.QuerySelectorAll("#escalations li").Select(li => li.TextContent).ToList();
            Assert.Contains(escalations, e => e.Contains(number) && e.Contains("升级至主管"));
            Assert.DoesNotContain(escalations, e => e.Contains("即将超时") || e.Contains("已超时"));
        }
        finally
        {
            App.Clock.Advance(-TimeSpan.FromMinutes(25).Add(TimeSpan.FromSeconds(2)));
        }
    }
}

public sealed class SqliteClerkToEscalationTests(SqlitePortalFactory factory) : ClerkToEscalationTests(factory), IClassFixture<SqlitePortalFactory>;

public sealed class PostgresClerkToEscalationTests(PostgresPortalFactory factory) : ClerkToEscalationTests(factory), IClassFixture<PostgresPortalFactory>;
