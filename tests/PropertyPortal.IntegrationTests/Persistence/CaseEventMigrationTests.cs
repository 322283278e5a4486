using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Complaints;
using PropertyPortal.Domain.MoveInOut;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Domain.Renovations;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.IntegrationTests.Sla;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Seeding;

namespace PropertyPortal.IntegrationTests.Persistence;

/// <summary>
/// The timelines' one shape (ADR 0016) applied to a database that already holds cases: the rows of every
/// case kind are taken back to the schema before it (no property on repair and complaint events; the
/// renovation's and move-in's actor as ById/ByName) and forward again.
/// </summary>
public abstract class CaseEventMigrationTests(PortalFactory factory)
{
    private const string Actor = "迁移测试员";

    private PortalFactory App
    {
        get
        {
            factory.EnsureAvailable();
            return factory;
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The migration before the one shape.</summary>
    private const string Before = "_MoveIns";

    [Fact]
    public async Task Timeline_rows_written_before_the_one_shape_get_their_case_s_property_and_keep_who_acted()
    {
        var ids = await CasesOfEveryKindAsync();

        using (var db = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(db.Database.GetMigrations().Last(m => m.EndsWith(Before, StringComparison.Ordinal)), Ct);
            Assert.Contains(Actor, await db.Database.SqlQueryRaw<string>("""SELECT "ByName" AS "Value" FROM "RenovationEvents" """).ToListAsync(Ct));
            Assert.Contains(Actor, await db.Database.SqlQueryRaw<string>("""SELECT "ByName" AS "Value" FROM "MoveInEvents" """).ToListAsync(Ct));

            await db.Database.MigrateAsync(Ct);
            Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
        }

        using var check = App.CreateDbContext(SystemPropertyScope.Instance);
        var repair = await check.RepairOrders.AsNoTracking().Include(o => o.Events).SingleAsync(o => o.Id == ids.Repair, Ct);
        var complaint = await check.Complaints.AsNoTracking().Include(c => c.Events).SingleAsync(c => c.Id == ids.Complaint, Ct);
        var renovation = await check.Renovations.AsNoTracking().Include(r => r.Events).SingleAsync(r => r.Id == ids.Renovation, Ct);
        var moveIn = await check.MoveIns.AsNoTracking().Include(m => m.Events).SingleAsync(m => m.Id == ids.MoveIn, Ct);
        foreach (ICase c in new ICase[] { repair, complaint, renovation, moveIn })
        {
            Assert.NotEmpty(c.Timeline);
            Assert.All(c.Timeline, e => Assert.Equal((c.PropertyId, Actor, "migration-user"), (e.PropertyId, e.ActorName, e.ActorId)));
        }

        // The property scope filters the timelines like their cases: a user of the other property sees no row of them.
        var office = (await PropertyRecords.OfficeAsync(App.Services)).PropertyId;
        using var tower = App.CreateDbContext(new FixedPropertyScope("officedesk", office));
        Assert.False(await tower.RepairOrderEvents.AnyAsync(e => e.RepairOrderId == ids.Repair, Ct));
        Assert.False(await tower.ComplaintEvents.AnyAsync(e => e.ComplaintId == ids.Complaint, Ct));
    }

    /// <summary>A repair order, a complaint, a renovation and a move-in at 翠湖花园, each with timeline rows by <see cref="Actor"/>.</summary>
    private async Task<(Guid Repair, Guid Complaint, Guid Renovation, Guid MoveIn)> CasesOfEveryKindAsync()
    {
        var by = new Actor("migration-user", Actor);
        var now = App.Clock.UtcNow;
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var caseClocks = scope.ServiceProvider.GetRequiredService<CaseClocks>();
        var property = await db.Properties.Where(p => p.Code == DemoSeeder.ResidentialCode).Select(p => p.Id).SingleAsync(Ct);
        var context = await caseClocks.ContextForAsync(property, Ct);
        var occupied = await db.Occupancies.Where(o => o.PropertyId == property && o.EndDate == null).OrderBy(o => o.Id).Skip(30).FirstAsync(Ct);
        var vacant = await db.Units.Where(u => u.PropertyId == property && u.Type == UnitType.Residence && !db.Occupancies.Any(o => o.UnitId == u.Id) && !db.MoveIns.Any(m => m.UnitId == u.Id))
            .OrderBy(u => u.Number).Skip(5).Select(u => u.Id).FirstAsync(Ct);

        var repairCategory = await db.RepairCategories.Where(c => c.IsActive).OrderBy(c => c.SortOrder).FirstAsync(Ct);
        var repair = Domain.Repairs.RepairOrder.Open("BX-M" + Guid.NewGuid().ToString("N")[..8], new Domain.Repairs.RepairOrder.Intake(property, occupied.UnitId, null, null,
            "张先生", null, "厨房", "漏水", repairCategory, Domain.Repairs.RepairUrgency.Urgent, Domain.Repairs.RepairBilling.Warranty, null, null, now), by, now,
            caseClocks.ForNewCase(context));
        repair.Chase("业主催促", by, now);
        db.RepairOrders.Add(repair);

        var complaintCategory = await db.ComplaintCategories.Where(c => c.IsActive).OrderBy(c => c.SortOrder).FirstAsync(Ct);
        var complaint = Complaint.Open("TS-M" + Guid.NewGuid().ToString("N")[..8], new Complaint.Intake(property, null, null, null, "李女士", null, null, null,
            ComplaintChannel.Phone, complaintCategory, null, null, "电梯异响", null, null, false, ComplaintTier.Minor, false, now, null), by, now, caseClocks.ForNewCase(context));
        complaint.AddNote("已联系电梯公司", by, now);
        db.Complaints.Add(complaint);

        var renovation = Renovation.Submit("ZX-M" + Guid.NewGuid().ToString("N")[..8], new RenovationApplication(property, occupied.UnitId, null, "张先生", null, false, true,
            "锦华装饰", null, null, RenovationScope.SimplePartition, false, "卧室隔断", DateOnly.FromDateTime(now).AddDays(3), DateOnly.FromDateTime(now).AddDays(30), 2,
            "08:00-18:00", now), by, now, caseClocks.ForNewCase(context));
        db.Renovations.Add(renovation);

        var moveInClocks = caseClocks.ForNewCase(context);
        var moveIn = new MoveIn("RZ-M" + Guid.NewGuid().ToString("N")[..8], property, vacant, occupied.CustomerId, MoveInApplicant.Owner, null, now.AddDays(1), null, false, by, now,
            moveInClocks);
        moveIn.Receive(by, now, moveInClocks);
        db.MoveIns.Add(moveIn);

        await db.SaveChangesAsync(Ct);
        return (repair.Id, complaint.Id, renovation.Id, moveIn.Id);
    }
}

public sealed class SqliteCaseEventMigrationTests(SqliteQuietPortalFactory factory) : CaseEventMigrationTests(factory), IClassFixture<SqliteQuietPortalFactory>;

public sealed class PostgresCaseEventMigrationTests(PostgresQuietPortalFactory factory) : CaseEventMigrationTests(factory), IClassFixture<PostgresQuietPortalFactory>;
