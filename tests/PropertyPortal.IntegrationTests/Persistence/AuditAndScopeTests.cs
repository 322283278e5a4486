using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPortal.Domain.Registry;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.IntegrationTests.Persistence;

/// <summary>
/// The DbContext's own guarantees, with the app's services and interceptor: every change is audited with
/// old → new values, a stale version is refused, and a user limited to one property neither sees nor
/// writes another's records. Each test changes a unit no other test touches.
/// </summary>
public abstract class AuditAndScopeTests(PortalFactory factory)
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
    public async Task Updating_a_unit_writes_an_audit_entry_with_old_and_new_values_and_bumps_its_version()
    {
        var unitId = (await PropertyRecords.ResidentialAsync(App.Services)).Units[0].Id;
        decimal oldArea;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var unit = await db.Units.FirstAsync(u => u.Id == unitId, Ct);
            oldArea = unit.Area;
            unit.Resize(oldArea + 10.25m);
            await db.SaveChangesAsync(Ct);
        }

        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var unit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == unitId, Ct);
            Assert.Equal(1, unit.Version);
            var audit = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.EntityId == unitId && a.Action == AuditAction.Updated, Ct);
            Assert.Equal("Unit", audit.EntityType);
            Assert.Equal("system", audit.UserName);
            Assert.Equal(unit.PropertyId, audit.PropertyId);
            var changes = JsonSerializer.Deserialize<List<AuditChange>>(audit.Changes)!;
            var area = Assert.Single(changes);
            Assert.Equal(new AuditChange("Area", (oldArea).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture), (oldArea + 10.25m).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)), area);
        }
    }

    [Fact]
    public async Task Creating_a_customer_audits_every_field_and_masks_the_id_number()
    {
        var homeId = (await PropertyRecords.ResidentialAsync(App.Services)).PropertyId;
        var customer = new Customer(homeId, CustomerKind.Person, "审计测试", "138 0000 1111");
        customer.SetIdDocument(IdDocumentType.IdCard, "310101199001011234");
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            db.Customers.Add(customer);
            await db.SaveChangesAsync(Ct);
        }

        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var audit = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.EntityId == customer.Id, Ct);
            Assert.Equal(AuditAction.Created, audit.Action);
            var changes = JsonSerializer.Deserialize<List<AuditChange>>(audit.Changes)!.ToDictionary(c => c.Field, c => c.New);
            Assert.Equal("审计测试", changes["Name"]);
            Assert.Equal("13800001111", changes["Phone"]);
            Assert.Equal("310***********1234", changes["IdNumber"]);
            Assert.DoesNotContain("310101199001011234", audit.Changes);
        }
    }

    [Fact]
    public async Task Saving_with_a_stale_version_is_refused_as_a_concurrency_conflict()
    {
        var unitId = (await PropertyRecords.ResidentialAsync(App.Services)).Units[1].Id;
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var unit = await db.Units.FirstAsync(u => u.Id == unitId, Ct);

        // The form was rendered from version 0; pretend someone saved in between.
        db.Entry(unit).Property(nameof(Unit.Version)).OriginalValue = unit.Version + 1;
        unit.Resize(unit.Area + 1);

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync(Ct));
    }

    [Fact]
    public async Task The_second_of_two_editors_of_the_same_unit_gets_a_concurrency_conflict()
    {
        var unitId = (await PropertyRecords.ResidentialAsync(App.Services)).Units[2].Id;
        await using var first = App.Services.CreateAsyncScope();
        await using var second = App.Services.CreateAsyncScope();
        var db1 = first.ServiceProvider.GetRequiredService<PortalDbContext>();
        var db2 = second.ServiceProvider.GetRequiredService<PortalDbContext>();
        var unit1 = await db1.Units.FirstAsync(u => u.Id == unitId, Ct);
        var unit2 = await db2.Units.FirstAsync(u => u.Id == unitId, Ct);

        unit1.Resize(unit1.Area + 1);
        await db1.SaveChangesAsync(Ct);
        unit2.Resize(unit2.Area + 2);

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db2.SaveChangesAsync(Ct));
        await using var check = App.Services.CreateAsyncScope();
        var saved = await check.ServiceProvider.GetRequiredService<PortalDbContext>().Units.AsNoTracking().FirstAsync(u => u.Id == unitId, Ct);
        Assert.Equal(unit1.Area, saved.Area);
        Assert.Equal(1, saved.Version);
    }

    [Fact]
    public async Task A_user_of_one_property_sees_none_of_the_records_of_another()
    {
        var home = await PropertyRecords.ResidentialAsync(App.Services);
        var office = await PropertyRecords.OfficeAsync(App.Services);
        await using var db = App.CreateDbContext(new FixedPropertyScope("frontdesk", home.PropertyId));

        Assert.Equal([home.PropertyId], await db.Properties.Select(p => p.Id).ToListAsync(Ct));
        Assert.False(await db.Units.AnyAsync(u => u.Id == office.Units[0].Id, Ct));
        Assert.False(await db.Units.AnyAsync(u => u.PropertyId == office.PropertyId, Ct));
        Assert.False(await db.Buildings.AnyAsync(b => b.PropertyId == office.PropertyId, Ct));
        Assert.False(await db.Customers.AnyAsync(c => c.Phone == office.Customers[0].Phone && c.PropertyId == office.PropertyId, Ct));
        Assert.False(await db.Occupancies.AnyAsync(o => o.PropertyId == office.PropertyId, Ct));
        Assert.False(await db.HouseholdMembers.AnyAsync(m => m.PropertyId == office.PropertyId, Ct));
        Assert.False(await db.OfficeKeys.AnyAsync(k => k.PropertyId == office.PropertyId, Ct));
        Assert.Equal(home.Units.Count, await db.Units.CountAsync(Ct));
    }

    [Fact]
    public async Task A_user_without_any_property_sees_no_records_at_all()
    {
        await using var db = App.CreateDbContext(new FixedPropertyScope("newcomer"));

        Assert.Equal(0, await db.Properties.CountAsync(Ct));
        Assert.Equal(0, await db.Units.CountAsync(Ct));
        Assert.Equal(0, await db.Customers.CountAsync(Ct));
    }

    [Fact]
    public async Task Writing_a_record_of_another_property_is_refused_and_nothing_is_saved()
    {
        var home = await PropertyRecords.ResidentialAsync(App.Services);
        var office = await PropertyRecords.OfficeAsync(App.Services);
        var target = office.Units[3].Id;
        Unit stray;
        await using (var system = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            stray = await system.Units.AsNoTracking().FirstAsync(u => u.Id == target, Ct);
        }

        var before = stray.Area;
        await using (var db = App.CreateDbContext(new FixedPropertyScope("frontdesk", home.PropertyId)))
        {
            db.Units.Attach(stray);
            stray.Resize(before + 50);
            await Assert.ThrowsAsync<PropertyScopeViolationException>(() => db.SaveChangesAsync(Ct));
        }

        await using (var db = App.CreateDbContext(new FixedPropertyScope("frontdesk", home.PropertyId)))
        {
            db.Customers.Add(new Customer(office.PropertyId, CustomerKind.Person, "越界客户", "13900001111"));
            await Assert.ThrowsAsync<PropertyScopeViolationException>(() => db.SaveChangesAsync(Ct));
        }

        await using (var system = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            var unit = await system.Units.AsNoTracking().FirstAsync(u => u.Id == target, Ct);
            Assert.Equal(before, unit.Area);
            Assert.Equal(0, unit.Version);
            Assert.False(await system.Customers.AnyAsync(c => c.Name == "越界客户", Ct));
            Assert.False(await system.AuditEntries.AnyAsync(a => a.EntityId == target && a.Action == AuditAction.Updated, Ct));
        }
    }

    [Fact]
    public async Task Deleting_a_record_of_another_property_is_refused()
    {
        var home = await PropertyRecords.ResidentialAsync(App.Services);
        var office = await PropertyRecords.OfficeAsync(App.Services);
        var memberId = office.Members[^1].Id;
        HouseholdMember member;
        await using (var system = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            member = await system.HouseholdMembers.AsNoTracking().FirstAsync(m => m.Id == memberId, Ct);
        }

        await using (var db = App.CreateDbContext(new FixedPropertyScope("frontdesk", home.PropertyId)))
        {
            db.HouseholdMembers.Remove(member);
            await Assert.ThrowsAsync<PropertyScopeViolationException>(() => db.SaveChangesAsync(Ct));
        }

        await using (var system = App.CreateDbContext(SystemPropertyScope.Instance))
        {
            Assert.True(await system.HouseholdMembers.AnyAsync(m => m.Id == memberId, Ct));
        }
    }
}

public sealed class SqliteAuditAndScopeTests(SqlitePortalFactory factory) : AuditAndScopeTests(factory), IClassFixture<SqlitePortalFactory>;

public sealed class PostgresAuditAndScopeTests(PostgresPortalFactory factory) : AuditAndScopeTests(factory), IClassFixture<PostgresPortalFactory>;
