using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.Domain.Sla;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.IntegrationTests.Pauses;
using PropertyPortal.Web.Features.Notifications;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Seeding;

namespace PropertyPortal.IntegrationTests.Sla;

/// <summary>
/// Escalation ladders per milestone, as 翠湖花园 starts with them (it has no saved policy): a missed 特急
/// arrival tells the handler and the supervisors with the breach and the managers 15 minutes later; a late
/// callback only ever reaches the supervisors; a milestone without its own ladder (phone reply) runs on the
/// property-wide one (+15 supervisors, +60 managers). The sweep runs with time frozen at each boundary.
/// </summary>
public abstract class LadderSweepTests(PortalFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private PortalFactory App
    {
        get
        {
            factory.EnsureAvailable();
            return factory;
        }
    }

    [Fact]
    public async Task A_missed_emergency_arrival_reaches_the_supervisors_with_the_breach_and_the_managers_exactly_fifteen_minutes_later()
    {
        var (onSite, _) = await EmergencyClocksAsync();
        var frontdesk = await SlaTestData.UserIdAsync(App, "frontdesk");
        var supervisors = await UsersInRoleAsync(Roles.Supervisor);
        var managers = await UsersInRoleAsync(Roles.Manager);

        await SlaTestData.SweepAtAsync(App.Services, onSite.DueAt);
        Assert.Equal([SlaEventKind.Warning], await FiredAsync(onSite.Id));

        // One tick after the due instant: the breach and the supervisors' level at 0 minutes, together.
        await SlaTestData.SweepAtAsync(App.Services, onSite.DueAt.AddSeconds(1));
        Assert.Equal([SlaEventKind.Warning, SlaEventKind.Breach, SlaEventKind.EscalatedToSupervisor], await FiredAsync(onSite.Id));

        await SlaTestData.SweepAtAsync(App.Services, onSite.DueAt.AddMinutes(15).AddSeconds(-1));
        Assert.DoesNotContain(SlaEventKind.EscalatedToManager, await FiredAsync(onSite.Id));
        await SlaTestData.SweepAtAsync(App.Services, onSite.DueAt.AddMinutes(15));
        Assert.Contains(SlaEventKind.EscalatedToManager, await FiredAsync(onSite.Id));

        var sent = await SentAsync(onSite.Id);
        Assert.Equal([frontdesk], sent[SlaEventKind.Breach]);
        Assert.Equal(supervisors.Order(), sent[SlaEventKind.EscalatedToSupervisor].Order());
        Assert.Equal(managers.Order(), sent[SlaEventKind.EscalatedToManager].Order());
    }

    [Fact]
    public async Task A_late_callback_reaches_only_the_supervisors_while_a_phone_reply_runs_on_the_property_wide_ladder()
    {
        var (_, phone) = await EmergencyClocksAsync();
        var supervisors = await UsersInRoleAsync(Roles.Supervisor);
        var managers = await UsersInRoleAsync(Roles.Manager);

        // The phone reply (no ladder of its own): supervisors 15 minutes after the breach, managers 60.
        await SlaTestData.SweepAtAsync(App.Services, phone.DueAt.AddMinutes(60).AddSeconds(-1));
        Assert.Equal([SlaEventKind.Warning, SlaEventKind.Breach, SlaEventKind.EscalatedToSupervisor], await FiredAsync(phone.Id));
        await SlaTestData.SweepAtAsync(App.Services, phone.DueAt.AddMinutes(60));
        Assert.Equal(managers.Order(), (await SentAsync(phone.Id))[SlaEventKind.EscalatedToManager].Order());

        // A callback started after all that: supervisors 15 minutes after its breach, and never the managers.
        var callback = await CallbackClockAsync(phone.DueAt.AddMinutes(61));
        await SlaTestData.SweepAtAsync(App.Services, callback.DueAt.AddMinutes(15).AddSeconds(-1));
        Assert.Equal([SlaEventKind.Warning, SlaEventKind.Breach], await FiredAsync(callback.Id));
        await SlaTestData.SweepAtAsync(App.Services, callback.DueAt.AddMinutes(15));
        Assert.Equal([SlaEventKind.Warning, SlaEventKind.Breach, SlaEventKind.EscalatedToSupervisor], await FiredAsync(callback.Id));
        await SlaTestData.SweepAtAsync(App.Services, callback.DueAt.AddDays(1));
        Assert.Equal([SlaEventKind.Warning, SlaEventKind.Breach, SlaEventKind.EscalatedToSupervisor], await FiredAsync(callback.Id));
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            var stored = await db.SlaClocks.SingleAsync(c => c.Id == callback.Id, Ct);
            Assert.Null(stored.NextCheckAt);
            Assert.Null(stored.ManagerAfterMinutes);
        }

        Assert.Equal(supervisors.Order(), (await SentAsync(callback.Id))[SlaEventKind.EscalatedToSupervisor].Order());
        Assert.False((await SentAsync(callback.Id)).ContainsKey(SlaEventKind.EscalatedToManager));
    }

    private async Task<(SlaClock OnSite, SlaClock PhoneReply)> EmergencyClocksAsync()
    {
        var frontdesk = await SlaTestData.UserIdAsync(App, "frontdesk");
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var property = await db.Properties.SingleAsync(p => p.Code == DemoSeeder.ResidentialCode, Ct);
        var category = await db.RepairCategories.SingleAsync(c => c.Name == "户内跳闸", Ct);
        var clocks = new ClockSet([], await scope.ServiceProvider.GetRequiredService<SlaSettings>().ContextForAsync(property.Id, Ct));
        var received = SlaTestData.Second(App.Clock.UtcNow);
        var order = RepairOrder.Open("BX-L" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(), new(property.Id, null, null, null, "周先生", null, "2-1-101",
            "跳闸", category, RepairUrgency.Emergency, RepairBilling.Warranty, null, null, received), new Actor(frontdesk, "张前台"), received, clocks);
        db.RepairOrders.Add(order);
        db.SlaClocks.AddRange(clocks.Started);
        await db.SaveChangesAsync(Ct);
        return (clocks.Started.Single(c => c.Milestone == SlaMilestone.OnSite), clocks.Started.Single(c => c.Milestone == SlaMilestone.PhoneReply));
    }

    private async Task<SlaClock> CallbackClockAsync(DateTime startUtc)
    {
        var frontdesk = await SlaTestData.UserIdAsync(App, "frontdesk");
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var property = await db.Properties.SingleAsync(p => p.Code == DemoSeeder.ResidentialCode, Ct);
        var clocks = new ClockSet([], await scope.ServiceProvider.GetRequiredService<SlaSettings>().ContextForAsync(property.Id, Ct));
        var clock = clocks.Start(property.Id, SlaSubject.Callback, Guid.CreateVersion7(), SlaMilestone.Callback, frontdesk, SlaTarget.Minutes(60), startUtc);
        db.SlaClocks.Add(clock);
        await db.SaveChangesAsync(Ct);
        return clock;
    }

    private async Task<List<SlaEventKind>> FiredAsync(Guid clockId)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return [.. (await db.SlaEvents.Where(e => e.ClockId == clockId).Select(e => e.Kind).ToListAsync(Ct)).Order()];
    }

    /// <summary>Who each step of the clock was queued for (dedup keys are "sla:{clock}:{kind}:{user}:{channel}").</summary>
    private async Task<Dictionary<SlaEventKind, List<string>>> SentAsync(Guid clockId)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        var rows = await db.OutboxMessages.Where(m => m.DedupKey.StartsWith($"sla:{clockId}:")).Select(m => new { m.DedupKey, m.RecipientUserId }).ToListAsync(Ct);
        return rows.GroupBy(r => Enum.Parse<SlaEventKind>(r.DedupKey.Split(':')[2]))
            .ToDictionary(g => g.Key, g => g.Select(r => r.RecipientUserId!).ToList());
    }

    private async Task<IReadOnlyList<string>> UsersInRoleAsync(string role)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var property = await db.Properties.Where(p => p.Code == DemoSeeder.ResidentialCode).Select(p => p.Id).SingleAsync(Ct);
        return await scope.ServiceProvider.GetRequiredService<Notifier>().UsersInRoleForPropertyAsync(role, property, Ct);
    }
}

public sealed class SqliteLadderSweepTests(SqliteQuietPortalFactory factory) : LadderSweepTests(factory), IClassFixture<SqliteQuietPortalFactory>;

public sealed class PostgresLadderSweepTests(PostgresQuietPortalFactory factory) : LadderSweepTests(factory), IClassFixture<PostgresQuietPortalFactory>;

/// <summary>
/// The admin's page of ladders per milestone (系统设置 → 服务时限 → 升级阶梯): refusals in Chinese beside the
/// field with nothing saved, a saved edit that clocks started afterwards copy while running clocks keep theirs.
/// </summary>
public abstract class LadderSettingsTests(PortalFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private PortalFactory App
    {
        get
        {
            factory.EnsureAvailable();
            return factory;
        }
    }

    [Fact]
    public async Task Bad_ladders_are_refused_beside_their_fields_and_a_good_edit_applies_to_clocks_started_afterwards_only()
    {
        Guid property;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            property = await db.Properties.Where(p => p.Code == DemoSeeder.ResidentialCode).Select(p => p.Id).SingleAsync(Ct);
        }

        var before = await EmergencyOnSiteClockAsync(property);
        Assert.Equal((0, 15), (before.SupervisorAfterMinutes, before.ManagerAfterMinutes));

        using var admin = await PortalClient.SignedInAsync(App, "admin");
        var url = $"/Settings/SlaLadders/Edit/{property}";
        var page = await admin.GetDocumentAsync(url);
        var form = page.QuerySelector<IHtmlFormElement>("#ladders-form")!;
        var fields = PauseFlowTests.BrowserFields(form);
        var rows = form.QuerySelectorAll(".ladder-row").Count();
        Assert.Equal(SlaLadder.SeedDefaults.Count + 1, rows);
        var emergency = Row(fields, SlaMilestone.OnSite, RepairUrgency.Emergency);
        var callback = Row(fields, SlaMilestone.Callback, null);
        var blank = rows - 1;

        // A warning at 120 %, a managers' level that forgets the managers, the same milestone twice, no approval time.
        var bad = new Dictionary<string, string>(fields)
        {
            [$"Rows[{emergency}].WarningPercent"] = "120",
            [$"Rows[{callback}].ManagerLevel"] = "true",
            [$"Rows[{callback}].ManagerAfterMinutes"] = "30",
            [$"Rows[{blank}].Milestone"] = nameof(SlaMilestone.OnSite),
            [$"Rows[{blank}].Urgency"] = nameof(RepairUrgency.Emergency),
            ["PauseApprovalMinutes"] = "",
        };
        bad.Remove($"Rows[{callback}].ManagerToManagers");
        var refused = await admin.PostAsync(form.Action, bad);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var again = await PortalClient.ParseAsync(refused);
        string Message(string field) => again.QuerySelector($"[data-valmsg-for='{field}']")?.TextContent ?? $"(no message for {field})";
        Assert.Equal("预警点须在 1% 至 99% 之间。", Message($"Rows[{emergency}].WarningPercent"));
        Assert.Equal("第二级升级须通知经理。", Message($"Rows[{callback}].ManagerToManagers"));
        Assert.Equal("该节点（及紧急程度）已经设置过阶梯。", Message($"Rows[{blank}].Milestone"));
        Assert.Contains("暂停审批时限", Message("PauseApprovalMinutes"));
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            Assert.False(await db.SlaPolicies.AnyAsync(p => p.PropertyId == property, Ct));
        }

        // The managers now hear of a missed 特急 arrival 5 minutes after the breach; the phone reply gets a ladder of its
        // own with no escalation at all; the supervisors have 20 minutes to decide on a pause.
        var good = new Dictionary<string, string>(fields)
        {
            [$"Rows[{emergency}].ManagerAfterMinutes"] = "5",
            [$"Rows[{blank}].Milestone"] = nameof(SlaMilestone.PhoneReply),
            [$"Rows[{blank}].WarningPercent"] = "50",
            ["PauseApprovalMinutes"] = "20",
        };
        good.Remove($"Rows[{blank}].SupervisorLevel");
        good.Remove($"Rows[{blank}].ManagerLevel");
        var saved = await admin.PostAsync(form.Action, good);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(url, saved.RedirectPath());

        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            var policy = await db.SlaPolicies.Include(p => p.Ladders).SingleAsync(p => p.PropertyId == property, Ct);
            Assert.Equal(20, policy.PauseApprovalMinutes);
            Assert.Equal(SlaLadder.SeedDefaults.Count + 1, policy.Ladders.Count);
            Assert.Equal(new SlaLadder(50, SlaRecipients.Handler, null, null), policy.LadderFor(SlaMilestone.PhoneReply));

            // The clock started before the edit keeps the ladder it copied.
            var old = await db.SlaClocks.SingleAsync(c => c.Id == before.Id, Ct);
            Assert.Equal((0, 15), (old.SupervisorAfterMinutes, old.ManagerAfterMinutes));
        }

        var after = await EmergencyOnSiteClockAsync(property);
        Assert.Equal((0, 5), (after.SupervisorAfterMinutes, after.ManagerAfterMinutes));
        var reopened = await admin.GetDocumentAsync(url);
        Assert.Equal(SlaLadder.SeedDefaults.Count + 2, reopened.QuerySelectorAll("#ladders-form .ladder-row").Length);
    }

    /// <summary>The row index of a milestone (and urgency) in the form as rendered.</summary>
    private static int Row(Dictionary<string, string> fields, SlaMilestone milestone, RepairUrgency? urgency)
    {
        for (var i = 0; fields.ContainsKey($"Rows[{i}].Milestone"); i++)
        {
            if (fields[$"Rows[{i}].Milestone"] == milestone.ToString() && fields.GetValueOrDefault($"Rows[{i}].Urgency", "") == (urgency?.ToString() ?? ""))
            {
                return i;
            }
        }

        throw new InvalidOperationException($"No row for {milestone} {urgency}.");
    }

    private async Task<SlaClock> EmergencyOnSiteClockAsync(Guid property)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var category = await db.RepairCategories.SingleAsync(c => c.Name == "户内跳闸", Ct);
        var clocks = new ClockSet([], await scope.ServiceProvider.GetRequiredService<SlaSettings>().ContextForAsync(property, Ct));
        var now = App.Clock.UtcNow;
        var order = RepairOrder.Open("BX-S" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(), new(property, null, null, null, "吴女士", null, "3-2-201",
            "跳闸", category, RepairUrgency.Emergency, RepairBilling.Warranty, null, null, now), new Actor(null, "测试"), now, clocks);
        db.RepairOrders.Add(order);
        db.SlaClocks.AddRange(clocks.Started);
        await db.SaveChangesAsync(Ct);
        return clocks.Started.Single(c => c.Milestone == SlaMilestone.OnSite);
    }
}

public sealed class SqliteLadderSettingsTests(SqlitePortalFactory factory) : LadderSettingsTests(factory), IClassFixture<SqlitePortalFactory>;

public sealed class PostgresLadderSettingsTests(PostgresPortalFactory factory) : LadderSettingsTests(factory), IClassFixture<PostgresPortalFactory>;
