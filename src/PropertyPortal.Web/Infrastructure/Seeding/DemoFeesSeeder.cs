using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Fees;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Web.Features.Fees;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Infrastructure.Seeding;

/// <summary>
/// The demo's money: fee items of both properties, the last three months billed through the real
/// billing run (their notices recorded delivered), most households paid up at the counter and a few
/// left owing, then one step of the dunning ladder — so the arrears list, the collection rate and the
/// steward's dunning tasks show something on first run. Off in the test suite, like the demo cases.
/// </summary>
public sealed class DemoFeesSeeder(PortalDbContext db, BillingService billing, Ledger ledger, DunningService dunning, TimeProvider time)
{
    private const string Developer = "翠湖置业有限公司";

    public async Task SeedAsync(CancellationToken ct = default)
    {
        var today = PortalClock.Today(time);
        var from = new DateOnly(today.Year, 1, 1);
        foreach (var property in await db.Properties.AsNoTracking().ToListAsync(ct))
        {
            var residential = property.Kind == PropertyKind.Residential;
            Add(property.Id, "物业管理费", FeeKind.PerArea, null, null, residential ? 2.80m : 12.00m, from, 10);
            Add(property.Id, "公共能耗分摊", FeeKind.PerUnit, null, null, residential ? 15.00m : 60.00m, from, 20);
            Add(property.Id, "车位管理费", FeeKind.PerUnit, UnitType.Parking, null, 150m, from, 30);
            Add(property.Id, "有偿维修费", FeeKind.OneOff, null, null, null, from, 80);
            Add(property.Id, "入住预收物业费", FeeKind.OneOff, null, null, null, from, 75);
            Add(property.Id, "装修保证金", FeeKind.Deposit, null, null, null, from, 90);
        }

        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        // Who did it, as the receipts and the runs show: each property's own front desk and supervisor (or the manager).
        var staff = await db.Users.AsNoTracking().Where(u => u.UserName == "frontdesk" || u.UserName == "officedesk" || u.UserName == "supervisor" || u.UserName == "manager")
            .ToDictionaryAsync(u => u.UserName!, u => new Actor(u.Id, u.DisplayName), ct);
        var period = BillingPeriod.Of(today);
        foreach (var property in await db.Properties.AsNoTracking().Select(p => new { p.Id, p.Code }).ToListAsync(ct))
        {
            var residential = property.Code == DemoSeeder.ResidentialCode;
            var cashier = staff[residential ? "frontdesk" : "officedesk"];
            var biller = staff[residential ? "supervisor" : "manager"];
            for (var back = 3; back >= 1; back--)
            {
                var month = BillingPeriod.Of(period.FirstDay.AddMonths(-back));
                var outcome = await billing.RunAsync(property.Id, month, biller, ct);
                if (outcome.RunId is { } run)
                {
                    await billing.NoticesDeliveredAsync(run, biller, ct);
                }
            }

            // Four in five households pay everything, at the counter, in their own name; the rest owe, so the ladder has work.
            var units = await db.Units.AsNoTracking().Where(u => u.PropertyId == property.Id).OrderBy(u => u.Number).Select(u => u.Id).ToListAsync(ct);
            var payers = (await (from o in db.Occupancies.AsNoTracking()
                                 join c in db.Customers on o.CustomerId equals c.Id
                                 where o.PropertyId == property.Id && o.EndDate == null
                                 select new { o.UnitId, o.Role, c.Id, c.Name }).ToListAsync(ct))
                .GroupBy(x => x.UnitId).ToDictionary(g => g.Key, g => g.OrderBy(x => x.Role).First());
            for (var i = 0; i < units.Count; i++)
            {
                if (i % 5 == 4)
                {
                    continue;
                }

                var owed = (await ledger.OpenChargesAsync(units[i], ct)).Sum(c => c.Outstanding);
                if (owed > 0)
                {
                    // An unsold flat's fees are the developer's (空置房物业费由开发商缴纳).
                    var (name, customer) = payers.TryGetValue(units[i], out var payer) ? (payer.Name, (Guid?)payer.Id) : (Developer, null);
                    await ledger.TakeAsync(units[i], new PaymentInput(owed, PaymentKind.Counter, i % 2 == 0 ? PaymentMethod.WeChatPay : PaymentMethod.Cash, name, customer, null), cashier, ct);
                }

                db.ChangeTracker.Clear();
            }
        }

        await dunning.AdvanceAsync(ct);
    }

    private void Add(Guid propertyId, string name, FeeKind kind, UnitType? appliesTo, MeterKind? meter, decimal? rate, DateOnly from, int sort)
    {
        var item = new FeeItem(propertyId, name, kind, appliesTo, meter, sort);
        if (rate is { } r)
        {
            item.SetRate(from, r);
        }

        db.FeeItems.Add(item);
    }
}
