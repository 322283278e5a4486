using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Domain.Residents;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Infrastructure.Seeding;

/// <summary>
/// The demo company: a residential 小区 and an office 大厦, their buildings, 360 units, households
/// and one user per role (password <see cref="DemoPassword"/>). Runs only when asked (Development by
/// default) and only into an empty database. Deterministic: the same data on every machine.
/// </summary>
public sealed class DemoSeeder(PortalDbContext db, UserManager<AppUser> users, RoleManager<IdentityRole> roles, TimeProvider time, ILogger<DemoSeeder> logger)
{
    public const string DemoPassword = "Demo@12345";
    public const string ResidentialCode = "CHHY";
    public const string OfficeCode = "GMDS";

    /// <summary>The first household: its phone ends in 8000, handy for trying the search.</summary>
    public const string SamplePhone = "13800138000";

    /// <summary>The first household's invitation code, as its payment notice prints it (README).</summary>
    public const string DemoInvitationCode = "HUAYU-23456";

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高"];
    private static readonly string[] GivenNames = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平", "建华", "志强", "桂英", "晓东", "海燕", "子涵", "雨桐", "浩然"];
    private static readonly string[] Companies = ["华信科技", "中联咨询", "启明律师事务所", "远航物流", "恒泰投资", "蓝海传媒", "博雅教育", "新程软件", "金桥贸易", "瑞丰会计师事务所"];

    public async Task<bool> SeedIfEmptyAsync(CancellationToken ct = default)
    {
        if (await db.Properties.AnyAsync(ct) || await users.Users.AnyAsync(ct))
        {
            return false;
        }

        var today = PortalClock.Today(time);
        var random = new Random(20261122);
        var residential = new Property(ResidentialCode, "翠湖花园", PropertyKind.Residential, "上海市浦东新区翠湖路 88 号", "021-58001234");
        var office = new Property(OfficeCode, "国贸大厦", PropertyKind.Office, "上海市静安区南京西路 1266 号", "021-62005678");
        residential.SetCounter("上海翠湖物业服务有限公司", "中国工商银行上海浦东分行翠湖支行", "1001 2066 0901 0012 345", "每天 08:30–17:30", ReceiptPaper.ThirdOfA4);
        office.SetCounter("上海国贸物业管理有限公司", "招商银行上海静安寺支行", "1219 0876 5432 101", "周一至周五 08:30–17:30", ReceiptPaper.Continuous241);
        db.Properties.AddRange(residential, office);

        var phoneSeq = 0;
        string NextPhone() => phoneSeq++ == 0 ? SamplePhone : "13" + random.Next(5, 10) + random.Next(0, 100_000_000).ToString("D8");
        string PersonName() => Surnames[random.Next(Surnames.Length)] + GivenNames[random.Next(GivenNames.Length)];

        // 翠湖花园: 6 buildings × 2 entrances × 11 floors × 2 flats = 264 homes.
        for (var b = 1; b <= 6; b++)
        {
            var building = new Building(residential.Id, b.ToString(), $"{b}号楼", 11);
            db.Buildings.Add(building);
            for (var entrance = 1; entrance <= 2; entrance++)
            {
                for (var floor = 1; floor <= 11; floor++)
                {
                    for (var flat = 1; flat <= 2; flat++)
                    {
                        var unit = new Unit(residential.Id, building.Id, $"{b}-{entrance}-{floor}{flat:D2}", floor, flat == 1 ? 89.50m : 128.36m, UnitType.Residence);
                        unit.SetDetails(unit.Floor, unit.Area, unit.Type, new DateOnly(2027, 6, 30), null);
                        db.Units.Add(unit);
                        if (random.NextDouble() < 0.78)
                        {
                            AddHomeHousehold(unit, today, random, NextPhone, PersonName);
                        }
                    }
                }
            }
        }

        // 国贸大厦: tower A, floors 5–20, 6 offices a floor = 96 units, owned by the developer and leased.
        var tower = new Building(office.Id, "A", "A座", 20);
        db.Buildings.Add(tower);
        var landlord = new Customer(office.Id, CustomerKind.Company, "国贸置业有限公司", "02162005600");
        landlord.SetIdDocument(IdDocumentType.BusinessLicence, "91310000MA1FL0XX1A");
        db.Customers.Add(landlord);
        var keyCount = 0;
        for (var floor = 5; floor <= 20; floor++)
        {
            for (var room = 1; room <= 6; room++)
            {
                var unit = new Unit(office.Id, tower.Id, $"A-{floor}{room:D2}", floor, room is 1 or 6 ? 236.80m : 158.20m, UnitType.Office);
                db.Units.Add(unit);
                db.Occupancies.Add(new Occupancy(office.Id, unit.Id, landlord.Id, OccupancyRole.Owner, new DateOnly(2018, 1, 1)));
                if (random.NextDouble() < 0.7)
                {
                    var tenant = new Customer(office.Id, CustomerKind.Company, Companies[random.Next(Companies.Length)] + (floor * 10 + room), NextPhone());
                    tenant.Update(CustomerKind.Company, tenant.Name, tenant.Phone, null, $"office{floor}{room:D2}@gmds-tenant.cn", IdDocumentType.BusinessLicence,
                        "9131" + random.Next(10_000_000, 99_999_999) + "MA" + random.Next(1000, 9999), PersonName(), NextPhone(), ContactChannel.Email, null);
                    db.Customers.Add(tenant);
                    db.Occupancies.Add(new Occupancy(office.Id, unit.Id, tenant.Id, OccupancyRole.Tenant, today.AddDays(-random.Next(30, 1500))));
                    db.HouseholdMembers.Add(new HouseholdMember(office.Id, tenant.Id, PersonName(), "行政联系人", NextPhone()));
                    unit.SetStatus(UnitStatus.Occupied);
                    if (keyCount++ < 20)
                    {
                        db.OfficeKeys.Add(new OfficeKey(office.Id, unit.Id, $"{unit.Number} 大门钥匙", 2, $"钥匙柜 {keyCount:D2} 号", today.AddDays(-random.Next(10, 400))));
                    }
                }
            }
        }

        // The demo resident (README, 住户服务): the first household signs in at /My with its printed invitation code.
        var sample = db.Customers.Local.First(c => c.Phone == SamplePhone);
        db.HouseholdInvitations.Add(HouseholdInvitation.WithCode(residential.Id, sample.Id, DemoInvitationCode, time.GetUtcNow().UtcDateTime));
        db.ResidentAccounts.Add(new ResidentAccount(residential.Id, sample.Id, null, SamplePhone, sample.Name, time.GetUtcNow().UtcDateTime));

        await db.SaveChangesAsync(ct);
        await SeedUsersAsync(residential.Id, office.Id, today);
        logger.LogInformation("Seeded the demo company: {Properties} properties, {Units} units", 2, await db.Units.CountAsync(ct));
        return true;
    }

    private void AddHomeHousehold(Unit unit, DateOnly today, Random random, Func<string> phone, Func<string> name)
    {
        var owner = new Customer(unit.PropertyId, CustomerKind.Person, name(), phone());
        owner.Update(CustomerKind.Person, owner.Name, owner.Phone, random.NextDouble() < 0.3 ? phone() : null, null,
            IdDocumentType.IdCard, Features.Customers.IdCardNumber.Complete($"3101{random.Next(10, 99)}{random.Next(1960, 2000)}{random.Next(1, 13):D2}{random.Next(1, 29):D2}{random.Next(100, 999)}"),
            name(), phone(), random.NextDouble() < 0.5 ? ContactChannel.WeChat : ContactChannel.Phone, null);
        db.Customers.Add(owner);
        db.Occupancies.Add(new Occupancy(unit.PropertyId, unit.Id, owner.Id, OccupancyRole.Owner, today.AddDays(-random.Next(60, 2500))));
        for (var m = random.Next(0, 3); m > 0; m--)
        {
            db.HouseholdMembers.Add(new HouseholdMember(unit.PropertyId, owner.Id, name(), m == 1 ? "配偶" : "子女", random.NextDouble() < 0.5 ? phone() : null));
        }

        if (random.NextDouble() < 0.15)
        {
            var tenant = new Customer(unit.PropertyId, CustomerKind.Person, name(), phone());
            db.Customers.Add(tenant);
            db.Occupancies.Add(new Occupancy(unit.PropertyId, unit.Id, tenant.Id, OccupancyRole.Tenant, today.AddDays(-random.Next(10, 700)), today.AddDays(random.Next(30, 700))));
        }

        unit.SetStatus(UnitStatus.Occupied);
    }

    private async Task SeedUsersAsync(Guid residentialId, Guid officeId, DateOnly today)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        (string User, string Name, string Role, Guid? Property)[] demo =
        [
            ("admin", "系统管理员", Roles.Admin, null),
            ("manager", "王经理", Roles.Manager, null),
            ("supervisor", "李主管", Roles.Supervisor, residentialId),
            ("frontdesk", "张前台", Roles.FrontDesk, residentialId),
            ("steward", "陈管家", Roles.Steward, residentialId),
            ("technician", "刘师傅", Roles.Technician, residentialId),
            ("officedesk", "赵前台(国贸)", Roles.FrontDesk, officeId),
            ("gm", "周总", Roles.GeneralManager, residentialId),
        ];
        foreach (var (userName, displayName, role, property) in demo)
        {
            var user = new AppUser
            {
                UserName = userName,
                DisplayName = displayName,
                AllProperties = property is null,
                CreatedAt = today.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            };
            var created = await users.CreateAsync(user, DemoPassword);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException("Demo user " + userName + ": " + string.Join("; ", created.Errors.Select(e => e.Description)));
            }

            await users.AddToRoleAsync(user, role);
            if (property is { } id)
            {
                db.UserProperties.Add(new UserProperty { UserId = user.Id, PropertyId = id });
            }
        }

        await db.SaveChangesAsync();
    }
}
