using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Bench;

/// <summary>
/// A large company: N properties, each 20 buildings × 2 entrances × 25 floors × 10 flats, one owner
/// household (customer + occupancy) per unit, 30 % of them with a second phone. Deterministic.
/// </summary>
internal sealed class BenchSeeder(BenchDatabase database, BenchOptions options)
{
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "萧", "田", "董", "潘", "袁", "蔡", "蒋", "余"];
    private static readonly string[] GivenNames = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平", "建华", "志强", "桂英", "晓东", "海燕", "子涵", "雨桐", "浩然", "欣怡", "梓萱", "一诺", "宇轩", "思远", "国庆", "红梅", "玉兰", "春生", "德华", "文静", "佳怡"];

    private const int BuildingsPerProperty = 20;
    private const int Entrances = 2;
    private const int Floors = 25;
    private const int FlatsPerFloor = 10;

    public async Task<TimeSpan> SeedAsync()
    {
        await using (var probe = database.Create(SystemPropertyScope.Instance))
        {
            if (await probe.Units.AnyAsync())
            {
                Console.WriteLine($"Database already holds {await probe.Units.CountAsync():N0} units; not seeding (use --reset to start over).");
                return TimeSpan.Zero;
            }
        }

        var random = new Random(20261122);
        var started = Stopwatch.StartNew();
        var unitsPerProperty = options.Units / options.Properties;
        var pending = new List<(Unit Unit, Customer Customer, Occupancy Occupancy)>(options.Batch);
        var written = 0;
        for (var p = 1; p <= options.Properties; p++)
        {
            var property = new Property($"BP{p:D2}", $"基准小区{p:D2}", PropertyKind.Residential, $"上海市测试路 {p} 号");
            var buildings = Enumerable.Range(1, unitsPerProperty / (Entrances * Floors * FlatsPerFloor))
                .Select(b => new Building(property.Id, b.ToString(), $"{b}号楼", Floors))
                .ToList();
            await using (var db = database.Create(SystemPropertyScope.Instance))
            {
                db.Properties.Add(property);
                db.Buildings.AddRange(buildings);
                await db.SaveChangesAsync();
            }

            foreach (var building in buildings)
            {
                for (var entrance = 1; entrance <= Entrances; entrance++)
                {
                    for (var floor = 1; floor <= Floors; floor++)
                    {
                        for (var flat = 1; flat <= FlatsPerFloor; flat++)
                        {
                            var unit = new Unit(property.Id, building.Id, $"{building.Code}-{entrance}-{floor}{flat:D2}", floor, flat <= 4 ? 89.50m : 128.36m, UnitType.Residence);
                            unit.SetStatus(UnitStatus.Occupied);
                            var customer = new Customer(property.Id, CustomerKind.Person, Surnames[random.Next(Surnames.Length)] + GivenNames[random.Next(GivenNames.Length)], null);
                            customer.SetPhones(MobilePhone(random), random.NextDouble() < 0.3 ? MobilePhone(random) : null);
                            var occupancy = new Occupancy(property.Id, unit.Id, customer.Id, OccupancyRole.Owner, new DateOnly(2020, 1, 1).AddDays(random.Next(0, 2000)));
                            pending.Add((unit, customer, occupancy));
                            if (pending.Count == options.Batch)
                            {
                                written += await FlushAsync(pending);
                                Progress(written, started.Elapsed);
                            }
                        }
                    }
                }
            }
        }

        written += await FlushAsync(pending);
        Progress(written, started.Elapsed);
        Console.WriteLine();
        return started.Elapsed;
    }

    private async Task<int> FlushAsync(List<(Unit Unit, Customer Customer, Occupancy Occupancy)> pending)
    {
        if (pending.Count == 0)
        {
            return 0;
        }

        // A fresh context per batch keeps the change tracker small; nothing is edited after Add.
        await using var db = database.Create(SystemPropertyScope.Instance);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.Units.AddRange(pending.Select(x => x.Unit));
        db.Customers.AddRange(pending.Select(x => x.Customer));
        db.Occupancies.AddRange(pending.Select(x => x.Occupancy));
        await db.SaveChangesAsync();
        var count = pending.Count;
        pending.Clear();
        return count;
    }

    private static void Progress(int written, TimeSpan elapsed) =>
        Console.Write($"\r  seeded {written,7:N0} units ({written / Math.Max(elapsed.TotalSeconds, 0.001):N0}/s)");

    /// <summary>China mobile numbers: 1[3-9]X XXXX XXXX.</summary>
    private static string MobilePhone(Random random) =>
        "1" + random.Next(3, 10) + random.Next(0, 1_000_000_000).ToString("D9");
}
