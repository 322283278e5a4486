using System.Net;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Fees;
using PropertyPortal.Domain.MoveInOut;
using PropertyPortal.Domain.Registry;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Seeding;

namespace PropertyPortal.IntegrationTests.MoveOuts;

/// <summary>迁出 over HTTP: refused while fees are owed, released by a supervisor with a reason, the occupancy ended, keys on the register, the slip printed.</summary>
public abstract class MoveOutTests(PortalFactory factory)
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
    public async Task A_move_out_with_money_owed_is_refused_at_the_desk_and_completed_only_by_a_supervisor_with_a_reason()
    {
        var (unit, occupancy) = await OccupiedAsync(0);
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            var property = await db.Units.Where(u => u.Id == unit).Select(u => u.PropertyId).SingleAsync(Ct);
            db.Charges.Add(new Charge(property, unit, null, null, FeeKind.OneOff, null, "物业管理费 2026-11", 1, 356.40m, 356.40m, new DateOnly(2026, 11, 30), "T:moveout", new Actor(null, "t"), DateTime.UtcNow));
            await db.SaveChangesAsync(Ct);
        }

        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var form = await desk.GetDocumentAsync($"/MoveOuts/Create?unitId={unit}");
        Assert.Contains("356.40", form.QuerySelector("#owed")?.TextContent ?? "");
        var opened = await desk.SubmitFormAsync($"/MoveOuts/Create?unitId={unit}", "#move-out-form",
            new Dictionary<string, string> { ["OccupancyId"] = occupancy.ToString(), ["Items"] = "沙发 1 件，纸箱 10 个", ["KeysReturned"] = "2", ["KeyStorage"] = "钥匙柜 A3" });
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var id = Guid.Parse(opened.RedirectPath()["/MoveOuts/Details/".Length..]);

        var refused = await desk.SubmitFormAsync($"/MoveOuts/Details/{id}", "#complete-form", new Dictionary<string, string> { ["overrideReason"] = "业主急着走" });
        Assert.Contains("尚有欠费", (await desk.GetDocumentAsync(refused.RedirectPath())).QuerySelector(".alert-danger")?.TextContent ?? "");
        Assert.Equal(MoveOutStatus.Open, (await MoveOutAsync(id)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await desk.GetAsync($"/MoveOuts/Slip/{id}")).StatusCode);

        using var supervisor = await PortalClient.SignedInAsync(App, "supervisor");
        var noReason = await supervisor.SubmitFormAsync($"/MoveOuts/Details/{id}", "#complete-form", new Dictionary<string, string> { ["overrideReason"] = "" });
        Assert.Equal(MoveOutStatus.Open, (await MoveOutAsync(id)).Status);
        Assert.NotNull((await supervisor.GetDocumentAsync(noReason.RedirectPath())).QuerySelector(".alert-danger"));

        await supervisor.SubmitFormAsync($"/MoveOuts/Details/{id}", "#complete-form", new Dictionary<string, string> { ["overrideReason"] = "欠费已签还款协议，由业主户口转账" });
        var done = await MoveOutAsync(id);
        Assert.Equal((MoveOutStatus.Completed, 356.40m, "李主管"), (done.Status, done.OwedAtCompletion, done.OverrideByName));
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            Assert.Equal(done.MoveOutDate, (await db.Occupancies.SingleAsync(o => o.Id == occupancy, Ct)).EndDate);
            Assert.Contains(await db.OfficeKeys.Where(k => k.UnitId == unit).ToListAsync(Ct), k => k.Count == 2 && k.Status == KeyStatus.Held && k.Label.Contains(done.Number, StringComparison.Ordinal));
            Assert.Equal(Domain.Sla.SlaClockState.Met, (await db.SlaClocks.SingleAsync(c => c.SubjectId == id, Ct)).State);
        }

        var slip = await desk.GetDocumentAsync($"/MoveOuts/Slip/{id}");
        Assert.Contains("沙发 1 件", slip.QuerySelector("#slip")?.TextContent ?? "");

        using var tower = await PortalClient.SignedInAsync(App, "officedesk");
        Assert.Equal(HttpStatusCode.NotFound, (await tower.GetAsync($"/MoveOuts/Details/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_settled_move_out_is_completed_at_the_desk_and_the_unit_is_vacant_when_no_one_else_lives_there()
    {
        var (unit, occupancy) = await OccupiedAsync(1);
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var opened = await desk.SubmitFormAsync($"/MoveOuts/Create?unitId={unit}", "#move-out-form",
            new Dictionary<string, string> { ["OccupancyId"] = occupancy.ToString(), ["Items"] = "行李 3 件" });
        var id = Guid.Parse(opened.RedirectPath()["/MoveOuts/Details/".Length..]);
        int others;
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            var moveOutDate = (await db.MoveOuts.SingleAsync(m => m.Id == id, Ct)).MoveOutDate;
            others = await db.Occupancies.CountAsync(o => o.UnitId == unit && o.Id != occupancy && (o.EndDate == null || o.EndDate > moveOutDate), Ct);
        }

        await desk.SubmitFormAsync($"/MoveOuts/Details/{id}", "#complete-form", new Dictionary<string, string>());
        Assert.Equal(MoveOutStatus.Completed, (await MoveOutAsync(id)).Status);
        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            var status = await db.Units.Where(u => u.Id == unit).Select(u => u.Status).SingleAsync(Ct);
            Assert.Equal(others > 0 ? UnitStatus.Occupied : UnitStatus.Vacant, status);
        }
    }

    private async Task<(Guid Unit, Guid Occupancy)> OccupiedAsync(int skip)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        var property = await db.Properties.SingleAsync(p => p.Code == DemoSeeder.ResidentialCode, Ct);
        var o = await db.Occupancies.Where(o => o.PropertyId == property.Id && o.EndDate == null).OrderBy(o => o.Id).Skip(skip + 5).FirstAsync(Ct);
        return (o.UnitId, o.Id);
    }

    private async Task<MoveOut> MoveOutAsync(Guid id)
    {
        using var db = App.CreateDbContext(SystemPropertyScope.Instance);
        return await db.MoveOuts.AsNoTracking().SingleAsync(m => m.Id == id, Ct);
    }
}

public sealed class SqliteMoveOutTests(SqlitePortalFactory factory) : MoveOutTests(factory), IClassFixture<SqlitePortalFactory>;

public sealed class PostgresMoveOutTests(PostgresPortalFactory factory) : MoveOutTests(factory), IClassFixture<PostgresPortalFactory>;
