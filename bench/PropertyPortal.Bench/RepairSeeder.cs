using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPortal.Domain.Callbacks;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure;

namespace PropertyPortal.Bench;

/// <summary>The staff of one bench property; the bench signs in as the first property's.</summary>
internal sealed record PropertyStaff(Guid PropertyId, Actor Desk, Actor Supervisor, IReadOnlyList<Actor> Technicians);

/// <summary>
/// Staff and 200,000 repair orders, driven through the domain exactly as the desk and the technicians
/// would (open → dispatch → phone reply → on site → done → callback), so every order carries its real
/// timeline and clocks. Per property, of every 20 orders: 10 are closed (over the past ten months),
/// 5 are dispatched with an appointment in the coming days (on-site clock running), 1 is on site on a
/// 3-working-day job (finish clock running) and 4 are done and waiting for their callback (callback
/// clock running) — 100,000 running clocks in all. Deterministic. The reports scenario spreads the closed orders
/// over 13 months (<paramref name="closedOverDays"/>) so a month has its previous month and the same month last year.
/// </summary>
internal sealed class RepairSeeder(BenchDatabase database, BenchOptions options, IServiceProvider services, DateTime nowUtc, int closedOverDays = 300)
{
    public const string Password = "Bench@12345";

    private static readonly string[] Faults = ["水龙头滴水", "厨房下水慢", "卫生间灯不亮", "门锁卡滞", "空调滴水", "插座没电", "天花有水渍", "对讲机无声音"];

    private readonly Random _random = new(20261118);
    private readonly Dictionary<(Guid, DateOnly), int> _numbers = [];

    public async Task<IReadOnlyList<PropertyStaff>> StaffAsync()
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var properties = await db.Properties.OrderBy(p => p.Code).Select(p => p.Id).ToListAsync();
        var staff = new List<PropertyStaff>();
        for (var i = 0; i < properties.Count; i++)
        {
            var pid = properties[i];
            var n = (i + 1).ToString("D2");
            var desk = await UserAsync(users, db, $"desk{n}", $"前台{n}", Roles.FrontDesk, pid, withPassword: i == 0);
            var supervisor = await UserAsync(users, db, $"sup{n}", $"主管{n}", Roles.Supervisor, pid, withPassword: i == 0);
            var technicians = new List<Actor>();
            for (var t = 1; t <= 5; t++)
            {
                technicians.Add(await UserAsync(users, db, $"tech{n}-{t}", $"师傅{n}-{t}", Roles.Technician, pid, withPassword: i == 0 && t == 1));
            }

            staff.Add(new PropertyStaff(pid, desk, supervisor, technicians));
        }

        await UserAsync(users, db, "manager", "经理", Roles.Manager, null, withPassword: false);
        await db.SaveChangesAsync();
        return staff;
    }

    public async Task<TimeSpan> SeedAsync(IReadOnlyList<PropertyStaff> staff)
    {
        await using (var probe = database.Create(SystemPropertyScope.Instance))
        {
            if (await probe.RepairOrders.AnyAsync())
            {
                Console.WriteLine($"Database already holds {await probe.RepairOrders.CountAsync():N0} repair orders; not seeding.");
                return TimeSpan.Zero;
            }
        }

        var started = Stopwatch.StartNew();
        List<RepairCategory> categories;
        await using (var db = database.Create(SystemPropertyScope.Instance))
        {
            categories = await db.RepairCategories.AsNoTracking().Where(c => c.IsActive).OrderBy(c => c.SortOrder).ToListAsync();
        }

        var appointmentCategories = categories.Where(c => c.ArriveMinutes is null).ToList();
        var threeDayJob = categories.Single(c => c.FinishWorkingDays is not null);
        var perProperty = options.Orders / staff.Count;
        var written = 0;
        foreach (var property in staff)
        {
            SlaContext context;
            await using (var scope = services.CreateAsyncScope())
            {
                context = await scope.ServiceProvider.GetRequiredService<SlaSettings>().ContextForAsync(property.PropertyId, default);
            }

            var households = await HouseholdsAsync(property.PropertyId);
            var batch = new Batch();
            for (var i = 0; i < perProperty; i++)
            {
                var household = households[_random.Next(households.Count)];
                var clocks = new ClockSet([], context);
                switch (i % 20)
                {
                    case < 10:
                        Closed(batch, property, household, categories[_random.Next(categories.Count)], clocks);
                        break;
                    case < 15:
                        Dispatched(batch, property, household, appointmentCategories[_random.Next(appointmentCategories.Count)], clocks);
                        break;
                    case 15:
                        OnSite(batch, property, household, threeDayJob, clocks);
                        break;
                    default:
                        AwaitingCallback(batch, property, household, categories[_random.Next(categories.Count)], clocks);
                        break;
                }

                batch.Clocks.AddRange(clocks.Started);
                if (batch.Orders.Count == options.Batch)
                {
                    written += await FlushAsync(batch);
                    Console.Write($"\r  seeded {written,7:N0} repair orders ({written / started.Elapsed.TotalSeconds:N0}/s)");
                }
            }

            written += await FlushAsync(batch);
        }

        Console.WriteLine();
        return started.Elapsed;
    }

    /// <summary>Received some time in the past ten months (or <paramref name="closedOverDays"/>), worked the same day, called back and closed.</summary>
    private void Closed(Batch batch, PropertyStaff p, Household h, RepairCategory category, ClockSet clocks)
    {
        var received = nowUtc.AddDays(-_random.Next(14, closedOverDays)).AddMinutes(-_random.Next(0, 24 * 60));
        var urgency = _random.Next(10) switch { 0 => RepairUrgency.Emergency, < 4 => RepairUrgency.Urgent, _ => RepairUrgency.Normal };
        var order = Open(batch, p, h, category, urgency, null, received, clocks);
        var tech = p.Technicians[_random.Next(p.Technicians.Count)];
        var at = received.AddMinutes(2);
        order.Dispatch(tech.UserId!, tech.Name, p.Desk, at, clocks);
        order.RecordPhoneReply(null, p.Desk, at = at.AddMinutes(_random.Next(2, 14)), clocks);
        order.ArriveOnSite(tech, at = at.AddMinutes(_random.Next(3, 40)), clocks);
        var callback = Complete(order, tech, at = at.AddMinutes(_random.Next(10, 180)), clocks);
        callback.RecordReached(true, true, order.Billing == RepairBilling.Paid ? true : null, _random.Next(7, 11), null, p.Desk,
            at.AddHours(_random.Next(20, 47)), clocks, order);
        batch.Callbacks.Add(callback);
    }

    /// <summary>Received in the past week, dispatched at once, the visit agreed for a day to come.</summary>
    private void Dispatched(Batch batch, PropertyStaff p, Household h, RepairCategory category, ClockSet clocks)
    {
        var received = nowUtc.AddMinutes(-_random.Next(10, 7 * 24 * 60));

        // Agreed far enough ahead that the warning (80 % of the wait) is still to come at seeding time.
        var appointment = nowUtc + (nowUtc - received) / 4 + TimeSpan.FromMinutes(_random.Next(90, 10 * 24 * 60));
        var order = Open(batch, p, h, category, RepairUrgency.Normal, appointment, received, clocks);
        var tech = p.Technicians[_random.Next(p.Technicians.Count)];
        order.Dispatch(tech.UserId!, tech.Name, p.Desk, received.AddMinutes(2), clocks);
        order.RecordPhoneReply("已约上门时间", p.Desk, received.AddMinutes(5), clocks);
    }

    /// <summary>On site since the last day on a sprinkler change (3 working days to finish).</summary>
    private void OnSite(Batch batch, PropertyStaff p, Household h, RepairCategory category, ClockSet clocks)
    {
        var arrived = nowUtc.AddMinutes(-_random.Next(5, 24 * 60));
        var received = arrived.AddMinutes(-_random.Next(20, 120));
        var order = Open(batch, p, h, category, RepairUrgency.Normal, null, received, clocks);
        var tech = p.Technicians[_random.Next(p.Technicians.Count)];
        order.Dispatch(tech.UserId!, tech.Name, p.Desk, received.AddMinutes(2), clocks);
        order.ArriveOnSite(tech, arrived, clocks);
    }

    /// <summary>Done in the past day and a half; the callback (2 or 3 days) is still to make.</summary>
    private void AwaitingCallback(Batch batch, PropertyStaff p, Household h, RepairCategory category, ClockSet clocks)
    {
        var done = nowUtc.AddMinutes(-_random.Next(5, 36 * 60));
        var arrived = done.AddMinutes(-_random.Next(10, 120));
        var received = arrived.AddMinutes(-_random.Next(5, 60));
        var order = Open(batch, p, h, category, RepairUrgency.Urgent, null, received, clocks);
        var tech = p.Technicians[_random.Next(p.Technicians.Count)];
        order.Dispatch(tech.UserId!, tech.Name, p.Desk, received.AddMinutes(1), clocks);
        order.ArriveOnSite(tech, arrived, clocks);
        batch.Callbacks.Add(Complete(order, tech, done, clocks));
    }

    private RepairOrder Open(Batch batch, PropertyStaff p, Household h, RepairCategory category, RepairUrgency urgency, DateTime? appointment, DateTime received, ClockSet clocks)
    {
        var paid = _random.Next(5) == 0;
        var order = RepairOrder.Open(NextNumber(p.PropertyId, received), new RepairOrder.Intake(
                p.PropertyId, h.UnitId, h.CustomerId, null, h.Name, h.Phone, h.UnitNumber + " 厨房", Faults[_random.Next(Faults.Length)],
                category, urgency, paid ? RepairBilling.Paid : RepairBilling.Warranty, null, appointment, received),
            p.Desk, received, clocks);
        batch.Orders.Add(order);
        return order;
    }

    private static Callback Complete(RepairOrder order, Actor tech, DateTime at, ClockSet clocks) =>
        order.Complete("已修复", "配件 1 个", order.Billing == RepairBilling.Paid ? 80m : null, null, tech, at, clocks);

    private string NextNumber(Guid propertyId, DateTime receivedUtc)
    {
        var day = DateOnly.FromDateTime(PortalClock.ToLocal(receivedUtc));
        var next = _numbers[(propertyId, day)] = _numbers.GetValueOrDefault((propertyId, day)) + 1;
        return $"BX{day:yyyyMMdd}-{next:D4}";
    }

    private async Task<int> FlushAsync(Batch batch)
    {
        if (batch.Orders.Count == 0)
        {
            return 0;
        }

        await using var db = database.Create(SystemPropertyScope.Instance);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.RepairOrders.AddRange(batch.Orders);
        db.Callbacks.AddRange(batch.Callbacks);
        db.SlaClocks.AddRange(batch.Clocks);
        await db.SaveChangesAsync();
        var count = batch.Orders.Count;
        batch.Clear();
        return count;
    }

    private async Task<List<Household>> HouseholdsAsync(Guid propertyId)
    {
        await using var db = database.Create(SystemPropertyScope.Instance);
        return await (from o in db.Occupancies
                      join u in db.Units on o.UnitId equals u.Id
                      join c in db.Customers on o.CustomerId equals c.Id
                      where o.PropertyId == propertyId
                      select new Household(u.Id, c.Id, u.Number, c.Name, c.Phone)).ToListAsync();
    }

    private static async Task<Actor> UserAsync(UserManager<AppUser> users, PortalDbContext db, string userName, string displayName, string role, Guid? propertyId, bool withPassword)
    {
        // A database seeded by an earlier run (no --reset) keeps its staff.
        if (await users.FindByNameAsync(userName) is { } existing)
        {
            return new Actor(existing.Id, existing.DisplayName);
        }

        var user = new AppUser { UserName = userName, DisplayName = displayName, AllProperties = propertyId is null, CreatedAt = DateTime.UtcNow };
        var created = withPassword ? await users.CreateAsync(user, Password) : await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(userName + ": " + string.Join("; ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(user, role);
        if (propertyId is { } pid)
        {
            db.UserProperties.Add(new UserProperty { UserId = user.Id, PropertyId = pid });
        }

        return new Actor(user.Id, displayName);
    }

    private sealed record Household(Guid UnitId, Guid CustomerId, string UnitNumber, string Name, string? Phone);

    private sealed class Batch
    {
        public List<RepairOrder> Orders { get; } = [];
        public List<Callback> Callbacks { get; } = [];
        public List<SlaClock> Clocks { get; } = [];

        public void Clear()
        {
            Orders.Clear();
            Callbacks.Clear();
            Clocks.Clear();
        }
    }
}
