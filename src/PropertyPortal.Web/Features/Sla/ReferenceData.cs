using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Sla;

/// <summary>
/// Data every installation starts with, production included: the 2026 statutory-holiday calendar
/// (国务院办公厅 2025-11-04), the repair categories with their targets (002 L97–L109) and the
/// service-desk hours. Inserted once when missing; after that it is the admin's data to edit.
/// </summary>
public static class ReferenceData
{
    public static readonly (int Year, string Source, (string From, string To, string Name)[] Holidays, (string Date, string Name)[] MakeUpDays) China2026 =
    (2026, "国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04)",
    [
        ("2026-01-01", "2026-01-03", "元旦"),
        ("2026-02-15", "2026-02-23", "春节"),
        ("2026-04-04", "2026-04-06", "清明节"),
        ("2026-05-01", "2026-05-05", "劳动节"),
        ("2026-06-19", "2026-06-21", "端午节"),
        ("2026-09-25", "2026-09-27", "中秋节"),
        ("2026-10-01", "2026-10-07", "国庆节"),
    ],
    [
        ("2026-01-04", "元旦调休"),
        ("2026-02-14", "春节调休"),
        ("2026-02-28", "春节调休"),
        ("2026-05-09", "劳动节调休"),
        ("2026-09-20", "国庆节调休"),
        ("2026-10-10", "国庆节调休"),
    ]);

    /// <summary>Group, name, arrive minutes, finish minutes, finish working days, callback rule.</summary>
    public static readonly (string Group, string Name, int? Arrive, int? Finish, int? FinishWorkingDays, CallbackRule Rule)[] Categories =
    [
        ("电", "户内跳闸", 15, null, null, CallbackRule.Safety),
        ("电", "更换光管、启辉器", 30, 15, null, CallbackRule.Other),
        ("电", "更换镇流器、光管脚", 30, 25, null, CallbackRule.Other),
        ("电", "更换开关、插座", 30, 30, null, CallbackRule.Safety),
        ("电", "更换石英灯", 30, 30, null, CallbackRule.Other),
        ("电", "加装光管盘", 30, 60, null, CallbackRule.Other),
        ("电", "加装电源插座", 30, null, null, CallbackRule.Safety),
        ("门窗", "维修玻璃门", 30, 60, null, CallbackRule.Other),
        ("门窗", "维修安装球锁、抽屉锁", 30, 60, null, CallbackRule.Other),
        ("土建", "更换房间天花", 60, 15, null, CallbackRule.Other),
        ("土建", "维修天花下坠", 30, 60, null, CallbackRule.Safety),
        ("消防", "增改喷淋头", null, null, 3, CallbackRule.Safety),
        ("空调", "空调漏水", 15, 90, null, CallbackRule.Leak),
        ("水", "水管漏水", null, null, null, CallbackRule.Leak),
        ("水", "下水道堵塞", null, null, null, CallbackRule.Other),
        ("水", "房屋渗漏水", null, null, null, CallbackRule.Leak),
        ("弱电", "门禁、对讲、网络", null, null, null, CallbackRule.Other),
        ("公共设施", "公共设施损坏", null, null, null, CallbackRule.Safety),
        ("其他", "其他维修", null, null, null, CallbackRule.Other),
    ];

    public static async Task EnsureAsync(PortalDbContext db, CancellationToken ct = default)
    {
        if (!await db.CalendarYears.AnyAsync(ct))
        {
            AddYear(db, China2026.Year, China2026.Source, China2026.Holidays, China2026.MakeUpDays);
        }

        if (!await db.RepairCategories.AnyAsync(ct))
        {
            var order = 0;
            foreach (var c in Categories)
            {
                db.RepairCategories.Add(new RepairCategory(c.Group, c.Name, c.Arrive, c.Finish, c.FinishWorkingDays, c.Rule, order += 10));
            }
        }

        if (!await db.ComplaintCategories.AnyAsync(ct))
        {
            var order = 0;
            foreach (var name in Domain.Complaints.ComplaintCategory.Defaults)
            {
                db.ComplaintCategories.Add(new Domain.Complaints.ComplaintCategory(name, order += 10));
            }
        }

        if (!await db.ServiceHours.AnyAsync(ct))
        {
            db.ServiceHours.Add(new ServiceHoursSetting());
        }

        await Services.ServiceReferenceData.EnsureAsync(db, ct);

        await db.SaveChangesAsync(ct);
        await Notifications.MessageTemplates.EnsureSeededAsync(db, ct);
    }

    public static void AddYear(PortalDbContext db, int year, string source, IEnumerable<(string From, string To, string Name)> holidays, IEnumerable<(string Date, string Name)> makeUpDays)
    {
        db.CalendarYears.Add(new CalendarYear(year, source));
        foreach (var (from, to, name) in holidays)
        {
            for (var d = DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture); d <= DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture); d = d.AddDays(1))
            {
                db.CalendarDays.Add(new CalendarDay(d, CalendarDayKind.Holiday, name));
            }
        }

        foreach (var (date, name) in makeUpDays)
        {
            db.CalendarDays.Add(new CalendarDay(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), CalendarDayKind.MakeUpWorkday, name));
        }
    }
}
