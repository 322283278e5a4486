using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Fees;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Domain.Services;
using PropertyPortal.Domain.Visits;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Features.Visits;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Seeding;

namespace PropertyPortal.Web.Features.Services;

/// <summary>
/// The demo's side of the desk's services: the bookable resources of both properties (always, so the day views
/// have something to book) and, with the demo's cases, a morning of requests at 翠湖花园 — a pass done, the
/// clubhouse booked for tomorrow and charged, a release waiting for the supervisor, a lost-property enquiry on
/// its hour — two found items (one unclaimed for over a month), this month's visits by 陈管家 and the quarter's
/// survey with a few answers. Built through the domain methods, as the pages would.
/// </summary>
public sealed class ServiceDemoData(PortalDbContext db, CaseClocks caseClocks, VisitQuotas quotas, SurveySampling sampling, TimeProvider time)
{
    public async Task SeedResourcesAsync(CancellationToken ct = default)
    {
        if (await db.BookableResources.AnyAsync(ct))
        {
            return;
        }

        var properties = await db.Properties.ToDictionaryAsync(p => p.Code, p => p.Id, ct);
        if (properties.TryGetValue(DemoSeeder.ResidentialCode, out var home))
        {
            db.BookableResources.Add(new BookableResource(home, ResourceKind.MeetingRoom, "会所多功能厅", "会所二楼", 30, new TimeOnly(8, 0), new TimeOnly(21, 0), 100m, 10));
            db.BookableResources.Add(new BookableResource(home, ResourceKind.FreightLift, "1号楼货梯", "1号楼", 30, new TimeOnly(8, 0), new TimeOnly(20, 0), null, 20));
        }

        if (properties.TryGetValue(DemoSeeder.OfficeCode, out var office))
        {
            db.BookableResources.Add(new BookableResource(office, ResourceKind.MeetingRoom, "12F 会议室A", "12层", 30, new TimeOnly(8, 0), new TimeOnly(22, 0), 200m, 10));
            db.BookableResources.Add(new BookableResource(office, ResourceKind.FreightLift, "货梯", "B1", 30, new TimeOnly(7, 0), new TimeOnly(22, 0), null, 20));
            db.BookableResources.Add(new BookableResource(office, ResourceKind.AirConditioning, "12–15F 空调分区", "12–15层", 60, new TimeOnly(18, 0), new TimeOnly(23, 0), 150m, 30));
        }

        await db.SaveChangesAsync(ct);
    }

    public async Task SeedCasesAsync(CancellationToken ct = default)
    {
        if (await db.ServiceRequests.AnyAsync(ct))
        {
            return;
        }

        var property = await db.Properties.SingleAsync(p => p.Code == DemoSeeder.ResidentialCode, ct);
        var users = await db.Users.Where(u => u.UserName == "frontdesk" || u.UserName == "steward" || u.UserName == "supervisor").ToDictionaryAsync(u => u.UserName!, ct);
        var desk = new Actor(users["frontdesk"].Id, users["frontdesk"].DisplayName);
        var steward = new Actor(users["steward"].Id, users["steward"].DisplayName);
        var types = await db.ServiceTypes.ToDictionaryAsync(s => s.Code, ct);
        var households = await (from o in db.Occupancies
                                join c in db.Customers on o.CustomerId equals c.Id
                                join u in db.Units on o.UnitId equals u.Id
                                where o.PropertyId == property.Id && o.Role == OccupancyRole.Owner
                                orderby u.Number
                                select new { Unit = u, Customer = c }).Take(40).ToListAsync(ct);
        var room = await db.BookableResources.FirstAsync(r => r.PropertyId == property.Id && r.Kind == ResourceKind.MeetingRoom, ct);
        var context = await caseClocks.ContextForAsync(property.Id, ct);
        var now = time.GetUtcNow().UtcDateTime;
        var today = PortalClock.Today(time);
        var seq = 0;

        ServiceRequest Open(string code, int household, DateTime received, string what, IReadOnlyList<DateTime>? slots = null, ReleaseDetails? release = null)
        {
            var h = households[household % households.Count];
            var prefix = code == "LargeItemRelease" ? "FX" : "FW";
            var number = prefix + PortalClock.ToLocal(received).ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "-" + (++seq).ToString("0000", CultureInfo.InvariantCulture);
            var request = ServiceRequest.Open(number, new ServiceRequest.Intake(property.Id, types[code], h.Unit.Id, h.Customer.Id, null, h.Customer.Name,
                h.Customer.Phone, what, received, null, null, slots is null ? null : room, slots, release), desk, received, today, caseClocks.ForNewCase(context));
            db.ServiceRequests.Add(request);
            return request;
        }

        var pass = Open("Pass", 0, now.AddHours(-2), "装修工人临时出入证 2 张");
        pass.Complete("已发放 2 张", null, desk, now.AddHours(-2).AddMinutes(6), today, await caseClocks.ForSubjectsAsync(property.Id, [pass.Id], ct));

        var tomorrow = today.AddDays(1);
        var booking = Open("MeetingRoom", 1, now.AddMinutes(-40), "业主委员会例会", room.SlotsFor(tomorrow, new TimeOnly(10, 0), new TimeOnly(11, 0), PortalClock.Zone, now));
        booking.Complete(null, 100m, desk, now.AddMinutes(-35), today, await caseClocks.ForSubjectsAsync(property.Id, [booking.Id], ct));
        db.Charges.Add(new Charge(property.Id, households[1].Unit.Id, households[1].Customer.Id, null, FeeKind.OneOff, null, $"会议室预订 {booking.Number}", 1, 100m, 100m,
            today, ServiceSteps.ChargeKey(booking.Id), desk, now.AddMinutes(-35)));

        Open("LargeItemRelease", 2, now.AddMinutes(-4), "搬出旧沙发、冰箱",
            release: new ReleaseDetails("三人沙发 1 张\n双门冰箱 1 台\n纸箱 6 个", "王师傅（搬家公司）", "13900001111", today, ReleaseRelation.Owner, false, false, 0));
        Open("LostAndFound", 3, now.AddMinutes(-20), "昨晚在小区花园遗失黑色钱包一个");

        db.FoundItems.Add(new FoundItem("SW" + PortalClock.ToLocal(now).ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "-0001", property.Id, "蓝色儿童雨伞",
            now.AddHours(-3), "3号楼大堂", "保安 小李", "前台失物柜 A1", desk, now.AddHours(-3)));
        db.FoundItems.Add(new FoundItem("SW" + PortalClock.ToLocal(now).ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "-0002", property.Id, "黑色双肩包",
            now.AddDays(-31).AddHours(1), "会所门口长椅", "保洁 王阿姨", "前台失物柜 B2", desk, now));
        await db.SaveChangesAsync(ct);

        // This month's visits by 陈管家, the month's quotas counted.
        var topics = new[] { "征询对物业服务的意见", "了解家中老人近况", "装修后回访", "询问停车需求" };
        for (var i = 0; i < Math.Min(6, today.Day); i++)
        {
            var h = households[(i * 3) % households.Count];
            db.Visits.Add(new Visit(property.Id, h.Customer.Id, h.Unit.Id, steward.UserId!, steward.Name, today.AddDays(-i), i % 3 == 0 ? VisitChannel.Phone : VisitChannel.InPerson,
                topics[i % topics.Length], i == 0 ? ["楼道灯不亮", "希望增加儿童游乐设施"] : [], steward, now.AddDays(-i), today));
        }

        await db.SaveChangesAsync(ct);
        var period = VisitQuota.PeriodOf(today);
        await quotas.EnsureMonthAsync(property.Id, period, ct);
        await quotas.CountAsync(property.Id, period, ct);

        // The quarter's survey, a few households answered.
        var survey = await sampling.DrawAsync(property.Id, today.Year, Survey.QuarterOf(today), new Actor(users["supervisor"].Id, users["supervisor"].DisplayName), ct);
        db.Surveys.Add(survey);
        var questions = await db.SurveyQuestions.Where(q => q.IsActive).OrderBy(q => q.SortOrder).ToListAsync(ct);
        foreach (var (sample, k) in survey.Samples.Take(5).Select((s, k) => (s, k)))
        {
            sample.Record(k % 2 == 0 ? SurveyChannel.Phone : SurveyChannel.Visit, [.. questions.Select((q, j) => (q, Math.Clamp(5 - (j + k) % 3, 1, q.ScaleMax)))], null, desk,
                now.AddMinutes(-k));
        }

        await db.SaveChangesAsync(ct);
    }
}
