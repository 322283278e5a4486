using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPortal.Domain.Complaints;
using PropertyPortal.Domain.Sla;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.IntegrationTests.Sla;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Seeding;

namespace PropertyPortal.IntegrationTests.Complaints;

/// <summary>
/// The complaint limits the spec gives as "the same day" (000 L264: the major complaint to the manager; 000 L270: the
/// result to the complainant) are the admin's setting in service days (投诉当天 section): a bad value is refused beside
/// its field in Chinese and nothing is saved; at a configured value the clocks are due at the close of that many
/// service days later, met up to the due instant and breached one second after it.
/// </summary>
public abstract class ComplaintDaysSettingTests(PortalFactory factory)
{
    private const string Main = "main form[method='post']";

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
    public async Task At_configured_service_days_the_major_report_and_the_result_notice_breach_one_second_after_their_due_instant()
    {
        var (property, customer, category) = await ResidentialAsync();
        using var admin = await PortalClient.SignedInAsync(App, "admin");
        var url = $"/Settings/SlaComplaintDays/Edit/{property}";
        var refused = await admin.SubmitFormAsync(url, "#sla-section-form",
            new Dictionary<string, string> { ["MajorEscalationServiceDays"] = "-1", ["ResultNoticeServiceDays"] = (SlaPolicy.MaxServiceDays + 1).ToString() });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var form = await PortalClient.ParseAsync(refused);
        Assert.Contains("请填写 0 至 30 之间的营业日数", form.QuerySelector("[data-valmsg-for='MajorEscalationServiceDays']")!.TextContent);
        Assert.Contains("请填写 0 至 30 之间的营业日数", form.QuerySelector("[data-valmsg-for='ResultNoticeServiceDays']")!.TextContent);
        Assert.Equal((0, 0), await ComplaintDaysAsync(property));

        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitFormAsync(url, "#sla-section-form",
            new Dictionary<string, string> { ["MajorEscalationServiceDays"] = "2", ["ResultNoticeServiceDays"] = "1" })).StatusCode);
        Assert.Equal((2, 1), await ComplaintDaysAsync(property));

        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var major = await AcceptAsync(desk, customer, category, ComplaintTier.Major);
        var minor = await AcceptAsync(desk, customer, category, ComplaintTier.Minor);
        var resolved = await desk.SubmitFormAsync($"/Complaints/Details/{minor}", $"form[action$='/Complaints/Resolve/{minor}']",
            new Dictionary<string, string> { ["Text"] = "已调整噪音时段" });
        Assert.Equal(HttpStatusCode.Redirect, resolved.StatusCode);

        var calendar = await CalendarAsync(property);
        var report = await ClockAsync(major, SlaMilestone.Escalation);
        Assert.Equal(calendar.EndOfServiceDay(report.StartedAt, 2), report.DueAt);
        Assert.True(report.DueAt > calendar.EndOfServiceDay(report.StartedAt, 1), "two service days later is later than the next day's close");
        var notice = await ClockAsync(minor, SlaMilestone.ResultNotice);
        Assert.Equal(calendar.EndOfServiceDay(notice.StartedAt, 1), notice.DueAt);
        Assert.True(notice.DueAt > calendar.EndOfServiceDay(notice.StartedAt), "the next service day's close, not today's");

        // The earlier due first: a sweep past the later one would breach both.
        foreach (var clock in new[] { report, notice }.OrderBy(c => c.DueAt))
        {
            await SlaTestData.SweepAtAsync(App.Services, clock.DueAt);
            Assert.False(await BreachedAsync(clock.Id), $"{clock.Milestone}: met up to and including the due instant");
            await SlaTestData.SweepAtAsync(App.Services, clock.DueAt.AddSeconds(1));
            Assert.True(await BreachedAsync(clock.Id), $"{clock.Milestone}: breached one second later");
        }
    }

    private async Task<Guid> AcceptAsync(PortalClient client, Guid customer, Guid category, ComplaintTier tier)
    {
        var response = await client.SubmitFormAsync($"/Complaints/Create?customerId={customer}", Main, new Dictionary<string, string>
        {
            ["CategoryId"] = category.ToString(),
            ["Tier"] = tier.ToString(),
            ["Channel"] = nameof(ComplaintChannel.Phone),
            ["Content"] = "楼上装修噪音影响休息",
            ["Demand"] = "限定施工时段",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return Guid.Parse(response.RedirectPath()["/Complaints/Details/".Length..]);
    }

    private async Task<(Guid Property, Guid Customer, Guid Category)> ResidentialAsync()
    {
        using var db = Db();
        var property = await db.Properties.SingleAsync(p => p.Code == DemoSeeder.ResidentialCode, Ct);
        var occupancy = await db.Occupancies.Where(o => o.PropertyId == property.Id).OrderBy(o => o.Id).FirstAsync(Ct);
        var category = await db.ComplaintCategories.OrderBy(c => c.SortOrder).FirstAsync(Ct);
        return (property.Id, occupancy.CustomerId, category.Id);
    }

    private async Task<(int, int)> ComplaintDaysAsync(Guid property)
    {
        using var db = Db();
        return await db.SlaPolicies.Where(p => p.PropertyId == property)
            .Select(p => new { p.MajorEscalationServiceDays, p.ResultNoticeServiceDays }).FirstOrDefaultAsync(Ct) is { } p
            ? (p.MajorEscalationServiceDays, p.ResultNoticeServiceDays)
            : (0, 0);
    }

    private async Task<BusinessCalendar> CalendarAsync(Guid property)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<SlaSettings>().ContextForAsync(property, Ct)).Calendar;
    }

    private async Task<SlaClock> ClockAsync(Guid complaint, SlaMilestone milestone)
    {
        using var db = Db();
        return await db.SlaClocks.AsNoTracking().SingleAsync(c => c.SubjectId == complaint && c.Milestone == milestone, Ct);
    }

    private async Task<bool> BreachedAsync(Guid clockId)
    {
        using var db = Db();
        return await db.SlaEvents.AnyAsync(e => e.ClockId == clockId && e.Kind == SlaEventKind.Breach, Ct);
    }

    private PortalDbContext Db() => App.CreateDbContext(SystemPropertyScope.Instance);
}

public sealed class SqliteComplaintDaysSettingTests(SqliteQuietPortalFactory factory) : ComplaintDaysSettingTests(factory), IClassFixture<SqliteQuietPortalFactory>;

public sealed class PostgresComplaintDaysSettingTests(PostgresQuietPortalFactory factory) : ComplaintDaysSettingTests(factory), IClassFixture<PostgresQuietPortalFactory>;
