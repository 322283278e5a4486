using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.FrontDesk;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Domain.Visits;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.IntegrationTests.Sla;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;
using static PropertyPortal.IntegrationTests.Services.ServiceTestData;

namespace PropertyPortal.IntegrationTests.Services;

/// <summary>
/// Stewards' visits and the quarterly survey over HTTP on both databases: a visit with findings, one turned into a repair
/// order from the visit's page; the month's quotas counted in households with their progress, and the month-end clock
/// breached when the month ends below quota; the quarter's sample of 20 % with no household twice in the year, answers
/// recorded and the results page's score.
/// </summary>
public abstract class VisitFlowTests(PortalFactory factory)
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
    public async Task A_visits_finding_becomes_a_repair_order_in_one_click_and_the_visit_counts_towards_the_months_quotas_which_breach_when_the_month_ends_below()
    {
        var h = await HouseholdAsync(App, Residential, 60);
        var steward = await UserIdAsync(App, "steward");
        using var client = await PortalClient.SignedInAsync(App, "steward");
        var today = PortalClock.Today(App.Clock);

        var response = await client.SubmitFormAsync($"/Visits/Create?customerId={h.CustomerId}", "#visit-form", new Dictionary<string, string>
        {
            ["StewardId"] = steward, ["VisitedOn"] = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["Channel"] = nameof(VisitChannel.InPerson),
            ["Topics"] = "征询对物业服务的意见", ["Findings"] = "楼道灯不亮\n希望增加儿童游乐设施",
        });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await ErrorsAsync(response));
        Visit visit;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            visit = await db.Visits.AsNoTracking().Include(v => v.Findings).SingleAsync(v => v.CustomerId == h.CustomerId && v.VisitedOn == today, Ct);
        }

        Assert.Equal((h.UnitId, steward), (visit.UnitId, visit.StewardId));
        Assert.Equal(["楼道灯不亮", "希望增加儿童游乐设施"], visit.Findings.OrderBy(f => f.Position).Select(f => f.Text));

        // 转报修 on the finding: a contact (source 走访) is made and the repair form opens on it, prefilled.
        var finding = visit.Findings.OrderBy(f => f.Position).First();
        var page = await client.GetDocumentAsync($"/Visits/Details/{visit.Id}");
        var form = page.QuerySelectorAll("form[action*='/Visits/FollowUp/']")
            .Single(f => f.GetAttribute("action")!.Contains(finding.Id.ToString(), StringComparison.Ordinal) && f.QuerySelector("input[name='kind']")?.GetAttribute("value") == nameof(FindingFollowUp.RepairOrder));
        var fields = form.QuerySelectorAll("input[name]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        var clicked = await client.PostAsync(form.GetAttribute("action")!, fields);
        Assert.Equal(HttpStatusCode.Redirect, clicked.StatusCode);
        var repairForm = LocationOf(clicked);
        Assert.StartsWith("/Repairs/Create?contactId=", repairForm);

        Guid category;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            category = await db.RepairCategories.Where(c => c.IsActive).OrderBy(c => c.SortOrder).Select(c => c.Id).FirstAsync(Ct);
        }

        // The repair form carries the finding (the client reads inputs only, so the prefilled text is posted as the page shows it).
        var description = (await client.GetDocumentAsync(repairForm)).QuerySelector("textarea[name='Description']")?.TextContent.Trim() ?? "";
        Assert.Contains("楼道灯不亮", description);
        var opened = await client.SubmitFormAsync(repairForm, "main form[method='post']", new Dictionary<string, string>
        {
            ["Description"] = description, ["Location"] = "3单元楼道", ["CategoryId"] = category.ToString(), ["Urgency"] = nameof(RepairUrgency.Normal), ["Billing"] = nameof(RepairBilling.Warranty),
        });
        Assert.True(opened.StatusCode == HttpStatusCode.Redirect, await ErrorsAsync(opened));
        Assert.StartsWith("/Repairs/Details/", opened.RedirectPath());
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            var followed = await db.VisitFindings.AsNoTracking().SingleAsync(f => f.Id == finding.Id, Ct);
            var contact = await db.Contacts.AsNoTracking().SingleAsync(c => c.Id == followed.ContactId, Ct);
            var order = await db.RepairOrders.AsNoTracking().SingleAsync(o => o.Id == contact.RepairOrderId, Ct);
            Assert.Equal(FindingFollowUp.RepairOrder, followed.FollowUp);
            Assert.Equal((ContactSource.StewardVisit, "楼道灯不亮", h.UnitId), (contact.Source, contact.Subject, order.UnitId));
        }

        // The month's quotas: the property's 10 households and the steward's 30, one household so far at least; a progress bar for each.
        var period = VisitQuota.PeriodOf(today);
        List<VisitQuota> quotas;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            quotas = await db.VisitQuotas.AsNoTracking().Where(q => q.PropertyId == h.PropertyId && q.Period == period).ToListAsync(Ct);
        }

        var mine = Assert.Single(quotas, q => q.StewardId == steward);
        var property = Assert.Single(quotas, q => q.Key == VisitQuota.PropertyKey);
        Assert.Equal((30, 10), (mine.Target, property.Target));
        var quotaPage = await client.GetDocumentAsync($"/Visits/Quota/{mine.Id}");
        Assert.StartsWith("1 / 30", quotaPage.QuerySelector("#progress")?.TextContent.Trim());
        Assert.NotNull((await client.GetDocumentAsync($"/Visits?propertyId={h.PropertyId}")).QuerySelector("#quotas .progress-bar"));

        // Below quota when the month ends: no breach at midnight, a breach one second later.
        var clock = Assert.Single(await ClocksAsync(App, mine.Id));
        Assert.Equal(PortalClock.ToUtc(VisitQuota.FirstDay(period).AddMonths(1).ToDateTime(TimeOnly.MinValue)), clock.DueAt);
        await SlaTestData.SweepAtAsync(App.Services, clock.DueAt);
        Assert.DoesNotContain(SlaEventKind.Breach, await FiredAsync(App, clock.Id));
        await SlaTestData.SweepAtAsync(App.Services, clock.DueAt.AddSeconds(1));
        Assert.Contains(SlaEventKind.Breach, await FiredAsync(App, clock.Id));
    }

    [Fact]
    public async Task The_quarters_sample_is_20_percent_of_the_households_never_one_surveyed_earlier_in_the_year_and_answers_make_the_score()
    {
        var property = (await HouseholdAsync(App, Residential, 0)).PropertyId;
        var today = PortalClock.Today(App.Clock);
        var quarter = Survey.QuarterOf(today);
        using var supervisor = await PortalClient.SignedInAsync(App, "supervisor");
        var list = $"/Surveys?propertyId={property}&year={today.Year}";

        async Task<Survey> DrawAsync(int q)
        {
            var drawn = await supervisor.SubmitFormAsync(list, "#draw", new Dictionary<string, string> { ["quarter"] = q.ToString(CultureInfo.InvariantCulture) });
            Assert.Equal(HttpStatusCode.Redirect, drawn.StatusCode);
            Assert.StartsWith("/Surveys/Details/", drawn.RedirectPath());
            using var db = App.CreateDbContext(SystemPropertyScope.Instance);
            return await db.Surveys.AsNoTracking().Include(s => s.Samples).SingleAsync(s => s.PropertyId == property && s.Year == today.Year && s.Quarter == q, Ct);
        }

        int households;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            households = await db.Occupancies.Where(o => o.PropertyId == property && o.StartDate <= today && (o.EndDate == null || o.EndDate >= today))
                .Select(o => o.CustomerId).Distinct().CountAsync(Ct);
        }

        var earlier = quarter > 1 ? await DrawAsync(quarter - 1) : null;
        var current = await DrawAsync(quarter);
        var target = (int)Math.Ceiling(households * 0.2m);
        Assert.Equal((households, target), (current.Households, current.Target));
        Assert.Equal(target, current.Samples.Count);
        Assert.Equal(current.Samples.Count, current.Samples.Select(s => s.CustomerId).Distinct().Count());
        if (earlier is not null)
        {
            Assert.Equal(target, earlier.Samples.Count);
            Assert.Empty(earlier.Samples.Select(s => s.CustomerId).Intersect(current.Samples.Select(s => s.CustomerId)));
        }

        // The same quarter again: refused, nothing added.
        var again = await supervisor.PostAsync("/Surveys/Draw", [new(PortalClient.TokenField, await supervisor.AntiforgeryTokenAsync(list)),
            new("propertyId", property.ToString()), new("year", today.Year.ToString(CultureInfo.InvariantCulture)), new("quarter", quarter.ToString(CultureInfo.InvariantCulture))]);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.False(string.IsNullOrEmpty((await supervisor.GetDocumentAsync(LocationOf(again))).QuerySelector("main .alert-danger")?.TextContent.Trim()));
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            Assert.Equal(1, await db.Surveys.CountAsync(s => s.PropertyId == property && s.Year == today.Year && s.Quarter == quarter, Ct));
        }

        // A household answers by phone: every question on its scale; a missing one is refused first.
        var sample = current.Samples.OrderBy(s => s.Id).First();
        List<SurveyQuestion> questions;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            questions = await db.SurveyQuestions.AsNoTracking().Where(q => q.IsActive).OrderBy(q => q.SortOrder).ToListAsync(Ct);
        }

        var scores = questions.ToDictionary(q => $"Scores[{q.Id}]", q => "4");
        var partial = await supervisor.SubmitFormAsync($"/Surveys/Answer/{sample.Id}", "#answers",
            new Dictionary<string, string>(scores.Skip(1)) { ["Channel"] = nameof(SurveyChannel.Phone) });
        Assert.Equal(HttpStatusCode.OK, partial.StatusCode);
        Assert.Contains(questions[0].Text, await ErrorsAsync(partial));
        Assert.Equal(HttpStatusCode.Redirect, (await supervisor.SubmitFormAsync($"/Surveys/Answer/{sample.Id}", "#answers",
            new Dictionary<string, string>(scores) { ["Channel"] = nameof(SurveyChannel.Phone), ["Comment"] = "总体满意" })).StatusCode);
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            var answered = await db.SurveySamples.AsNoTracking().Include(s => s.Answers).SingleAsync(s => s.Id == sample.Id, Ct);
            Assert.Equal((SurveySampleStatus.Answered, SurveyChannel.Phone, questions.Count), (answered.Status, answered.Channel, answered.Answers.Count));
        }

        // 4 on a 1–5 scale is 75 points: the results page says so.
        var results = (await supervisor.GetDocumentAsync($"/Surveys/Details/{current.Id}")).QuerySelector("main")!.TextContent;
        Assert.Contains("75", results);
        Assert.Contains(questions[0].Text, results);
    }
}

public sealed class SqliteVisitFlowTests(SqlitePortalFactory factory) : VisitFlowTests(factory), IClassFixture<SqlitePortalFactory>;

public sealed class PostgresVisitFlowTests(PostgresPortalFactory factory) : VisitFlowTests(factory), IClassFixture<PostgresPortalFactory>;
