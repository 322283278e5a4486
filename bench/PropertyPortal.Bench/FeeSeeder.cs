using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Fees;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Bench;

/// <summary>
/// The fee items of the billed property and a water reading per unit for each of the given months, on
/// top of <see cref="BenchSeeder"/>'s units. Items: 物业管理费 per m² at 2.35, 公共能耗分摊 per unit at
/// 10.00 and 水费 metered (water) at 4.10 per m³, rates from 2026-01-01 (the reports scenario, billing from 2025-11, asks for an earlier date). (The 车位管理费 applies to
/// parking spaces only, and the seeder makes residences only, so it would bill nothing; a per-unit item
/// for every unit stands in for it.) Readings start at 0–2,000 m³ and grow by 3–30 m³ a month.
/// Deterministic.
/// </summary>
internal sealed class FeeSeeder(BenchDatabase database, BenchOptions options)
{
    public static readonly DateOnly RatesFrom = new(2026, 1, 1);

    private static readonly Actor Reader = new(null, "抄表员");

    public async Task<(TimeSpan Elapsed, int Readings)> SeedAsync(Guid propertyId, IReadOnlyList<BillingPeriod> months, DateTime nowUtc, DateOnly? ratesFrom = null)
    {
        List<Guid> units;
        await using (var db = database.Create(SystemPropertyScope.Instance))
        {
            if (await db.FeeItems.AnyAsync(i => i.PropertyId == propertyId))
            {
                Console.WriteLine("The property already has fee items; not seeding them or the readings.");
                return (TimeSpan.Zero, 0);
            }

            units = await db.Units.AsNoTracking().Where(u => u.PropertyId == propertyId).OrderBy(u => u.Number).Select(u => u.Id).ToListAsync();
        }

        var started = Stopwatch.StartNew();
        var from = ratesFrom ?? RatesFrom;
        await using (var db = database.Create(SystemPropertyScope.Instance))
        {
            var management = new FeeItem(propertyId, "物业管理费", FeeKind.PerArea, null, null, 1);
            management.SetRate(from, 2.35m);
            var shared = new FeeItem(propertyId, "公共能耗分摊", FeeKind.PerUnit, null, null, 2);
            shared.SetRate(from, 10.00m);
            var water = new FeeItem(propertyId, "水费", FeeKind.Metered, null, MeterKind.Water, 3);
            water.SetRate(from, 4.10m);
            db.FeeItems.AddRange(management, shared, water);
            await db.SaveChangesAsync();
        }

        var random = new Random(20261201);
        var written = 0;
        await using (var db = database.Create(SystemPropertyScope.Instance))
        {
            // One context for every batch: nothing is read back, so the tracker is cleared after each save.
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var pending = 0;
            foreach (var unitId in units)
            {
                var reading = random.Next(0, 200_000) / 100m;
                foreach (var month in months)
                {
                    db.MeterReadings.Add(new MeterReading(propertyId, unitId, MeterKind.Water, month.Key, reading, Reader, nowUtc));
                    reading += random.Next(300, 3_001) / 100m;
                    if (++pending == options.Batch)
                    {
                        written += await FlushAsync(db, pending);
                        pending = 0;
                        Console.Write($"\r  seeded {written,7:N0} meter readings ({written / started.Elapsed.TotalSeconds:N0}/s)");
                    }
                }
            }

            written += await FlushAsync(db, pending);
        }

        Console.WriteLine($"\r  seeded {written,7:N0} meter readings ({written / started.Elapsed.TotalSeconds:N0}/s)");
        return (started.Elapsed, written);
    }

    private static async Task<int> FlushAsync(PortalDbContext db, int pending)
    {
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        return pending;
    }
}
