using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.FrontDesk;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Infrastructure.Seeding;

/// <summary>
/// A morning at 翠湖花园's front desk, relative to the time the demo is seeded: calls logged, repair
/// orders in every state (one about to breach, one overdue, one awaiting its callback, one closed),
/// so a new user sees queues, countdowns and the board working. Built through the domain methods,
/// exactly as the pages would. Off in the test suite (Seed:DemoCases=false), whose clocks must be
/// the tests' own.
/// </summary>
public sealed class DemoCasesSeeder(PortalDbContext db, CaseClocks caseClocks, TimeProvider time)
{
    public async Task SeedAsync(CancellationToken ct = default)
    {
        if (await db.RepairOrders.AnyAsync(ct))
        {
            return;
        }

        var property = await db.Properties.SingleAsync(p => p.Code == DemoSeeder.ResidentialCode, ct);
        var users = await db.Users.Where(u => u.UserName == "frontdesk" || u.UserName == "technician" || u.UserName == "supervisor").ToDictionaryAsync(u => u.UserName!, ct);
        var supervisor = new Actor(users["supervisor"].Id, users["supervisor"].DisplayName);
        var desk = new Actor(users["frontdesk"].Id, users["frontdesk"].DisplayName);
        var tech = users["technician"];
        var techActor = new Actor(tech.Id, tech.DisplayName);
        var categories = await db.RepairCategories.ToDictionaryAsync(c => c.Name, ct);
        var households = await (from o in db.Occupancies
                                join c in db.Customers on o.CustomerId equals c.Id
                                join u in db.Units on o.UnitId equals u.Id
                                where o.PropertyId == property.Id && o.Role == OccupancyRole.Owner
                                orderby u.Number
                                select new { Unit = u, Customer = c }).Take(12).ToListAsync(ct);
        var context = await caseClocks.ContextForAsync(property.Id, ct);
        var now = time.GetUtcNow().UtcDateTime;
        var seq = 0;

        RepairOrder Open(int household, string category, RepairUrgency urgency, DateTime received, string what, ClockSet clocks, DateTime? appointment = null)
        {
            var h = households[household % households.Count];
            var contact = new Contact(property.Id, received, ContactSource.Phone, h.Unit.Id, h.Customer.Id, h.Customer.Name, h.Customer.Phone, what, null, desk, received);
            db.Contacts.Add(contact);
            var number = "BX" + PortalClock.ToLocal(received).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) + "-" + (++seq).ToString("0000", System.Globalization.CultureInfo.InvariantCulture);
            var order = RepairOrder.Open(number, new RepairOrder.Intake(property.Id, h.Unit.Id, h.Customer.Id, contact.Id, h.Customer.Name, h.Customer.Phone,
                h.Unit.Number, what, categories[category], urgency, RepairBilling.Warranty, null, appointment, received), desk, received, clocks);
            contact.LinkRepairOrder(order.Id);
            db.RepairOrders.Add(order);
            return order;
        }

        // Closed last week: accepted, dispatched, on site, done, called back, satisfied.
        var c1 = caseClocks.ForNewCase(context);
        var week = now.AddDays(-7);
        var closed = Open(0, "更换开关、插座", RepairUrgency.Urgent, week, "卧室插座松动冒火花", c1);
        closed.RecordPhoneReply(null, desk, week.AddMinutes(2), c1);
        closed.Dispatch(tech.Id, tech.DisplayName, desk, week.AddMinutes(2), c1);
        closed.ArriveOnSite(techActor, week.AddMinutes(14), c1);
        var cb1 = closed.Complete("更换插座一个", "86型五孔插座 x1", null, null, techActor, week.AddMinutes(35), c1);
        db.Callbacks.Add(cb1);
        cb1.RecordReached(true, true, null, 10, "师傅很专业", desk, week.AddDays(1), c1, closed);

        // Done yesterday, awaiting its callback (due tomorrow).
        var c2 = caseClocks.ForNewCase(context);
        var yesterday = now.AddDays(-1);
        var awaiting = Open(1, "空调漏水", RepairUrgency.Urgent, yesterday, "客厅空调滴水", c2);
        awaiting.RecordPhoneReply(null, desk, yesterday.AddMinutes(5), c2);
        awaiting.Dispatch(tech.Id, tech.DisplayName, desk, yesterday.AddMinutes(2), c2);
        awaiting.ArriveOnSite(techActor, yesterday.AddMinutes(13), c2);
        db.Callbacks.Add(awaiting.Complete("疏通接水盘", null, null, yesterday.AddHours(1), techActor, yesterday.AddHours(1), c2));

        // On site now, finishing within the category's 60 minutes.
        var c3 = caseClocks.ForNewCase(context);
        var onSite = Open(2, "维修玻璃门", RepairUrgency.Urgent, now.AddMinutes(-25), "单元门玻璃门下坠关不上", c3);
        onSite.RecordPhoneReply(null, desk, now.AddMinutes(-22), c3);
        onSite.Dispatch(tech.Id, tech.DisplayName, desk, now.AddMinutes(-24), c3);
        onSite.ArriveOnSite(techActor, now.AddMinutes(-12), c3);

        // Dispatched 12 minutes ago as 急: due on site within 3 minutes.
        var c4 = caseClocks.ForNewCase(context);
        var dueSoon = Open(3, "户内跳闸", RepairUrgency.Urgent, now.AddMinutes(-12), "厨房跳闸", c4);
        dueSoon.Dispatch(tech.Id, tech.DisplayName, desk, now.AddMinutes(-11), c4);

        // 特急 accepted 20 minutes ago and never dispatched: overdue on every clock.
        var c5 = caseClocks.ForNewCase(context);
        Open(4, "水管漏水", RepairUrgency.Emergency, now.AddMinutes(-20), "楼上漏水，天花板滴水", c5);

        // 一般 with an appointment tomorrow morning.
        var c6 = caseClocks.ForNewCase(context);
        var tomorrow = PortalClock.ToUtc(PortalClock.ToLocal(now).Date.AddDays(1).AddHours(10));
        var planned = Open(5, "下水道堵塞", RepairUrgency.Normal, now.AddMinutes(-40), "卫生间地漏下水慢", c6, tomorrow);
        planned.RecordPhoneReply("已约明早十点", desk, now.AddMinutes(-38), c6);
        planned.Dispatch(tech.Id, tech.DisplayName, desk, now.AddMinutes(-38), c6);

        // …and the technician, who cannot reach the owner to confirm, asks to pause it: waiting for the supervisor.
        db.PauseRequests.Add(planned.RequestPause(PauseReason.CustomerUnreachable, "业主电话无人接听", techActor, now.AddMinutes(-4), c6));

        // Paused: waiting for parts.
        var c7 = caseClocks.ForNewCase(context);
        var paused = Open(6, "门禁、对讲、网络", RepairUrgency.Normal, now.AddHours(-3), "可视对讲无图像", c7);
        paused.RecordPhoneReply(null, desk, now.AddHours(-3).AddMinutes(5), c7);
        paused.Dispatch(tech.Id, tech.DisplayName, desk, now.AddHours(-3).AddMinutes(3), c7);
        var partsRequest = paused.RequestPause(PauseReason.WaitingForParts, "对讲分机缺货", techActor, now.AddHours(-2).AddMinutes(-6), c7);
        db.PauseRequests.Add(partsRequest);
        paused.ApprovePause(partsRequest, "同意，配件到货后恢复", supervisor, now.AddHours(-2), c7);

        // Calls answered on the spot.
        // The outcome already reads 当场答复: the note says what the answer was.
        var h0 = households[7 % households.Count];
        var parking = new Contact(property.Id, now.AddMinutes(-50), ContactSource.Visit, h0.Unit.Id, h0.Customer.Id, h0.Customer.Name, h0.Customer.Phone, "咨询停车月卡办理", null, desk, now.AddMinutes(-50));
        parking.Resolve(ContactOutcome.Answered, "已告知需带行驶证、房产证到前台办理，月卡 150 元");
        var parcel = new Contact(property.Id, now.AddMinutes(-30), ContactSource.WeChat, null, null, "访客 刘女士", "13912340000", "询问快递柜位置", null, desk, now.AddMinutes(-30));
        parcel.Resolve(ContactOutcome.Answered, "快递柜在 2 号楼南侧");
        db.Contacts.AddRange(parking, parcel);

        // Move-ins: a new owner booked for tomorrow morning, another at the counter with the papers done.
        var vacant = await db.Units.Where(u => u.PropertyId == property.Id && u.Type == UnitType.Residence && !db.Occupancies.Any(o => o.UnitId == u.Id))
            .OrderBy(u => u.Number).Take(2).ToListAsync(ct);
        var today = PortalClock.ToLocal(now).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        string[] owners = ["郑新业主", "冯新业主"];
        for (var i = 0; i < vacant.Count; i++)
        {
            var owner = new Customer(property.Id, CustomerKind.Person, owners[i], $"1360000{i + 1:0000}");
            db.Customers.Add(owner);
            var moveInClocks = caseClocks.ForNewCase(context);
            var moveIn = new Domain.MoveInOut.MoveIn($"RZ{today}-{i + 1:0000}", property.Id, vacant[i].Id, owner.Id, Domain.MoveInOut.MoveInApplicant.Owner, null,
                i == 0 ? tomorrow : now.AddMinutes(-20), null, false, desk, now.AddDays(-3), moveInClocks);
            if (i == 1)
            {
                moveIn.Receive(desk, now.AddMinutes(-15), moveInClocks);
                moveIn.Check(Domain.MoveInOut.MoveIn.Required(Domain.MoveInOut.MoveInApplicant.Owner, false).Where(Domain.MoveInOut.MoveIn.IsManual), desk, now.AddMinutes(-5));
            }

            db.MoveIns.Add(moveIn);
        }

        await db.SaveChangesAsync(ct);
    }
}
