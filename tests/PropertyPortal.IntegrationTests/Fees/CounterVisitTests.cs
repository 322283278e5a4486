using System.Net;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Fees;
using PropertyPortal.Domain.FrontDesk;
using PropertyPortal.Domain.Sla;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.IntegrationTests.Sla;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Seeding;

namespace PropertyPortal.IntegrationTests.Fees;

/// <summary>
/// 柜台办理 over HTTP on both databases (002 L41–L44): a visit opened from a front-desk contact is timed from the
/// contact, one opened from the fee account from then; the payment (in the ledger's transaction), the answer or the
/// reprinted bill meets its clock; the limit is the admin's setting, and at a configured value the sweep breaches the
/// clock one second after its due instant, not at it. Another property's desk gets 404.
/// </summary>
public abstract class CounterVisitTests(PortalFactory factory)
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
    public async Task A_fee_enquiry_logged_at_the_desk_is_timed_from_the_contact_and_met_by_the_answer()
    {
        var unit = await OccupiedUnitAsync(11);
        var contact = await ContactAsync(unit, minutesAgo: 4);
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");

        var opened = await desk.SubmitFormAsync($"/Contacts/Details/{contact.Id}", "#counter-visit form", new Dictionary<string, string> { ["Kind"] = nameof(CounterVisitKind.Enquiry) });

        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal($"/Fees/Account/{unit}", opened.RedirectPath());
        var (visit, clock) = await VisitAsync(unit);
        Assert.Equal((contact.Id, CounterVisitKind.Enquiry, "张先生"), (visit.ContactId, visit.Kind, visit.VisitorName));
        Assert.Equal(SlaTestData.Second(contact.ReceivedAt), SlaTestData.Second(clock.StartedAt));
        Assert.Equal(clock.StartedAt.AddMinutes(await CounterMinutesAsync()), clock.DueAt);
        var account = await desk.GetDocumentAsync($"/Fees/Account/{unit}");
        Assert.Contains(visit.Number, account.QuerySelector("#open-visit")!.TextContent);

        var answered = await desk.SubmitFormAsync($"/Fees/Account/{unit}", "#answer-form", new Dictionary<string, string> { ["Answer"] = "2026 年管理费已缴至 11 月" });

        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        (visit, clock) = await VisitAsync(unit);
        Assert.Equal((CounterVisitStatus.Done, "2026 年管理费已缴至 11 月"), (visit.Status, visit.Answer));
        Assert.Equal(SlaClockState.Met, clock.State);
        var page = await desk.GetDocumentAsync($"/Counter/Details/{visit.Id}");
        Assert.Contains("已答复", page.QuerySelector("#timeline")!.TextContent);
        Assert.Contains(visit.Number, (await desk.GetDocumentAsync($"/Contacts/Details/{contact.Id}")).QuerySelector("#counter-visit")!.TextContent);
    }

    [Fact]
    public async Task A_payment_started_at_the_account_meets_the_visit_in_the_payment_s_transaction_and_opening_again_finds_the_same_visit()
    {
        var unit = await OccupiedUnitAsync(12);
        await ChargeAsync(unit, 80m);
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");

        var first = await desk.SubmitFormAsync($"/Fees/Account/{unit}", "#open-visit-form", new Dictionary<string, string> { ["Kind"] = nameof(CounterVisitKind.Payment) });
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var token = await desk.AntiforgeryTokenAsync();
        var again = await desk.PostAsync("/Counter/Open", new Dictionary<string, string>
        {
            [PortalClient.TokenField] = token, ["UnitId"] = unit.ToString(), ["Kind"] = nameof(CounterVisitKind.Reprint),
        });
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        using (var db = Db())
        {
            Assert.Equal(1, await db.CounterVisits.CountAsync(v => v.UnitId == unit, Ct));
            Assert.Equal(1, await db.SlaClocks.CountAsync(c => c.Subject == SlaSubject.CounterVisit && db.CounterVisits.Any(v => v.Id == c.SubjectId && v.UnitId == unit), Ct));
        }

        var paid = await desk.SubmitFormAsync($"/Fees/Account/{unit}", "#pay-form", new Dictionary<string, string>
        {
            ["Amount"] = "80.00", ["PayerName"] = "王五", ["Kind"] = nameof(PaymentKind.Counter), ["Method"] = nameof(PaymentMethod.Cash),
        });

        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        Assert.StartsWith("/Fees/Receipt/", paid.RedirectPath());
        var (visit, clock) = await VisitAsync(unit);
        using var check = Db();
        var payment = await check.Payments.Where(p => p.UnitId == unit).SingleAsync(Ct);
        Assert.Equal((CounterVisitStatus.Done, payment.Id), (visit.Status, visit.PaymentId));
        Assert.Equal((SlaClockState.Met, payment.ReceivedAt), (clock.State, clock.MetAt));
    }

    [Fact]
    public async Task At_a_limit_the_admin_set_the_clock_breaches_one_second_after_its_due_instant_and_the_reprint_meets_it_otherwise()
    {
        var property = await ResidentialAsync();
        using var admin = await PortalClient.SignedInAsync(App, "admin");
        var refused = await admin.SubmitFormAsync($"/Settings/SlaCounter/Edit/{property}", "#sla-section-form", new Dictionary<string, string> { ["CounterServiceMinutes"] = "0" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("请填写 1 至 1440 之间的分钟数", (await PortalClient.ParseAsync(refused)).QuerySelector("[data-valmsg-for='CounterServiceMinutes']")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitFormAsync($"/Settings/SlaCounter/Edit/{property}", "#sla-section-form",
            new Dictionary<string, string> { ["CounterServiceMinutes"] = "7" })).StatusCode);

        var late = await OccupiedUnitAsync(13);
        var onTime = await OccupiedUnitAsync(14);
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        foreach (var unit in new[] { late, onTime })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await desk.SubmitFormAsync($"/Fees/Account/{unit}", "#open-visit-form",
                new Dictionary<string, string> { ["Kind"] = nameof(CounterVisitKind.Reprint) })).StatusCode);
        }

        var (_, lateClock) = await VisitAsync(late);
        Assert.Equal(lateClock.StartedAt.AddMinutes(7), lateClock.DueAt);
        await SlaTestData.SweepAtAsync(App.Services, lateClock.DueAt);
        Assert.False(await BreachedAsync(lateClock.Id), "met up to and including the due instant");
        await SlaTestData.SweepAtAsync(App.Services, lateClock.DueAt.AddSeconds(1));
        Assert.True(await BreachedAsync(lateClock.Id), "breached one second later");

        var reprinted = await desk.SubmitFormAsync($"/Fees/Account/{onTime}", "#reprint-form", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, reprinted.StatusCode);
        var (visit, clock) = await VisitAsync(onTime);
        Assert.Equal($"/Fees/Bill/{onTime}?visitId={visit.Id}", reprinted.RedirectPath());
        Assert.Equal((SlaClockState.Met, CounterVisitStatus.Done), (clock.State, visit.Status));
        var bill = await desk.GetDocumentAsync(reprinted.RedirectPath());
        Assert.Contains(visit.Number, bill.QuerySelector("#bill")!.TextContent);
    }

    [Fact]
    public async Task Leaving_unserved_needs_a_reason_and_cancels_the_clock_and_another_property_s_desk_sees_nothing()
    {
        var unit = await OccupiedUnitAsync(15);
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        Assert.Equal(HttpStatusCode.Redirect, (await desk.SubmitFormAsync($"/Fees/Account/{unit}", "#open-visit-form",
            new Dictionary<string, string> { ["Kind"] = nameof(CounterVisitKind.Enquiry) })).StatusCode);
        var (visit, _) = await VisitAsync(unit);

        using var office = await PortalClient.SignedInAsync(App, "officedesk");
        Assert.Equal(HttpStatusCode.NotFound, (await office.GetAsync($"/Counter/Details/{visit.Id}")).StatusCode);
        var officeToken = await office.AntiforgeryTokenAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await office.PostAsync($"/Counter/Answer/{visit.Id}", new Dictionary<string, string>
        {
            [PortalClient.TokenField] = officeToken, ["Answer"] = "越权答复", ["Version"] = visit.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        })).StatusCode);

        var blank = await desk.SubmitFormAsync($"/Counter/Details/{visit.Id}", "#abandon-form", new Dictionary<string, string> { ["Reason"] = "" });
        Assert.Equal(HttpStatusCode.Redirect, blank.StatusCode);
        Assert.Contains("请填写客户未办结离开的原因", (await desk.GetDocumentAsync(blank.RedirectPath())).QuerySelector(".alert-danger")!.TextContent);
        Assert.Equal(CounterVisitStatus.Open, (await VisitAsync(unit)).Visit.Status);

        var left = await desk.SubmitFormAsync($"/Counter/Details/{visit.Id}", "#abandon-form", new Dictionary<string, string> { ["Reason"] = "客户接电话先走了" });

        Assert.Equal(HttpStatusCode.Redirect, left.StatusCode);
        var (after, clock) = await VisitAsync(unit);
        Assert.Equal((CounterVisitStatus.Abandoned, "客户接电话先走了", SlaClockState.Cancelled), (after.Status, after.AbandonReason, clock.State));
    }

    private async Task<(CounterVisit Visit, SlaClock Clock)> VisitAsync(Guid unit)
    {
        using var db = Db();
        var visit = await db.CounterVisits.AsNoTracking().Where(v => v.UnitId == unit).OrderByDescending(v => v.OpenedAt).FirstAsync(Ct);
        var clock = await db.SlaClocks.AsNoTracking().SingleAsync(c => c.SubjectId == visit.Id && c.Milestone == SlaMilestone.CounterService, Ct);
        return (visit, clock);
    }

    /// <summary>The residential property's counter limit: 10 minutes until a test of this class sets another.</summary>
    private async Task<int> CounterMinutesAsync()
    {
        using var db = Db();
        var property = await ResidentialAsync();
        return await db.SlaPolicies.Where(p => p.PropertyId == property).Select(p => (int?)p.CounterServiceMinutes).FirstOrDefaultAsync(Ct) ?? 10;
    }

    private async Task<bool> BreachedAsync(Guid clockId)
    {
        using var db = Db();
        return await db.SlaEvents.AnyAsync(e => e.ClockId == clockId && e.Kind == SlaEventKind.Breach, Ct);
    }

    /// <summary>A walk-in logged at the desk for the unit <paramref name="minutesAgo"/> minutes ago.</summary>
    private async Task<Contact> ContactAsync(Guid unit, int minutesAgo)
    {
        using var db = Db();
        var u = await db.Units.SingleAsync(x => x.Id == unit, Ct);
        var now = App.Clock.UtcNow;
        var contact = new Contact(u.PropertyId, now.AddMinutes(-minutesAgo), ContactSource.Visit, unit, null, "张先生", null, "查询管理费", null, new Actor(null, "张前台"), now);
        db.Contacts.Add(contact);
        await db.SaveChangesAsync(Ct);
        return contact;
    }

    private async Task ChargeAsync(Guid unit, decimal amount)
    {
        using var db = Db();
        var property = await db.Units.Where(u => u.Id == unit).Select(u => u.PropertyId).SingleAsync(Ct);
        db.Charges.Add(new Charge(property, unit, null, null, FeeKind.OneOff, null, "有偿服务", 1, amount, amount, PortalClock.Today(App.Clock),
            "T:counter:" + Guid.NewGuid().ToString("N"), new Actor(null, "t"), App.Clock.UtcNow));
        await db.SaveChangesAsync(Ct);
    }

    private async Task<Guid> OccupiedUnitAsync(int skip)
    {
        using var db = Db();
        var property = await ResidentialAsync();
        return await db.Occupancies.Where(o => o.PropertyId == property && o.EndDate == null).OrderBy(o => o.Id).Select(o => o.UnitId).Distinct().Skip(skip).FirstAsync(Ct);
    }

    private async Task<Guid> ResidentialAsync()
    {
        using var db = Db();
        return await db.Properties.Where(p => p.Code == DemoSeeder.ResidentialCode).Select(p => p.Id).SingleAsync(Ct);
    }

    private PortalDbContext Db() => App.CreateDbContext(SystemPropertyScope.Instance);
}

public sealed class SqliteCounterVisitTests(SqliteQuietPortalFactory factory) : CounterVisitTests(factory), IClassFixture<SqliteQuietPortalFactory>;

public sealed class PostgresCounterVisitTests(PostgresQuietPortalFactory factory) : CounterVisitTests(factory), IClassFixture<PostgresQuietPortalFactory>;
