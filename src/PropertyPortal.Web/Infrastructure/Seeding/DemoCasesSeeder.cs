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
/// orders in every state (one about to breach, one overdue, one awaiting its callback, one closed), complaints
/// (one closed with its callback due, one waiting for its reply, a major one's plan waiting for the manager),
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
        var users = await db.Users.Where(u => u.UserName == "frontdesk" || u.UserName == "technician" || u.UserName == "supervisor" || u.UserName == "manager")
            .ToDictionaryAsync(u => u.UserName!, ct);
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
            var number = Features.Shared.CaseNumbers.Format("BX", received, ++seq);
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

        // Complaints: one closed last week with its callback due, one received 40 minutes ago and not yet answered (its one-hour
        // reply clock on the desk's queue), and a major one whose rectification plan waits for the manager's approval.
        var complaintCategories = await db.ComplaintCategories.Where(c => c.IsActive).ToDictionaryAsync(c => c.Name, ct);
        var complaintSeq = 0;
        Domain.Complaints.Complaint Complain(int household, string category, Domain.Complaints.ComplaintTier tier, DateTime received, string what, string demand, ClockSet clocks)
        {
            var h = households[household % households.Count];
            var contact = new Contact(property.Id, received, ContactSource.Phone, h.Unit.Id, h.Customer.Id, h.Customer.Name, h.Customer.Phone, what, null, desk, received);
            db.Contacts.Add(contact);
            var number = Features.Shared.CaseNumbers.Format("TS", received, ++complaintSeq);
            var kind = complaintCategories.GetValueOrDefault(category) ?? complaintCategories.Values.OrderBy(c => c.Name, StringComparer.Ordinal).First();
            var complaint = Domain.Complaints.Complaint.Open(number, new Domain.Complaints.Complaint.Intake(property.Id, h.Unit.Id, h.Customer.Id, contact.Id, h.Customer.Name,
                h.Customer.Phone, h.Unit.Number, received, Domain.Complaints.ComplaintChannel.Phone, kind, null, null, what, demand, null, false, tier, false, received, null),
                desk, received, clocks);
            contact.LinkComplaint(complaint.Id);
            db.Complaints.Add(complaint);
            return complaint;
        }

        var k1 = caseClocks.ForNewCase(context);
        var lastWeek = now.AddDays(-6);
        var lights = Complain(8, "物业管理服务", Domain.Complaints.ComplaintTier.Minor, lastWeek, "3 号楼楼道灯坏了一周没人修", "尽快修好", k1);
        lights.RecordReply(Domain.Complaints.ReplyChannel.Phone, "已安排电工今天下午更换", false, desk, lastWeek.AddMinutes(25), k1);
        lights.Resolve("更换楼道声控灯 6 盏", desk, lastWeek.AddDays(1), k1);
        lights.NotifyResult(Domain.Complaints.ReplyChannel.Phone, "业主表示满意", desk, lastWeek.AddDays(1).AddHours(1), k1);
        if (lights.Close(desk, lastWeek.AddDays(1).AddHours(1), k1) is { } complaintCallback)
        {
            db.Callbacks.Add(complaintCallback);
        }

        var k2 = caseClocks.ForNewCase(context);
        Complain(9, "员工服务态度", Domain.Complaints.ComplaintTier.Important, now.AddMinutes(-40), "门岗保安态度恶劣，不让快递车进小区", "道歉并说明门岗规定", k2);

        var k3 = caseClocks.ForNewCase(context);
        var flooded = Complain(10, "房屋及附属设施", Domain.Complaints.ComplaintTier.Major, now.AddDays(-2), "暴雨后地下车库进水，车辆被泡", "赔偿维修费用并整改排水", k3);
        flooded.RecordReply(Domain.Complaints.ReplyChannel.InPerson, "经理已到现场查看，正在核实损失", false, desk, now.AddDays(-2).AddMinutes(30), k3);
        var manager = new Actor(users["manager"].Id, users["manager"].DisplayName);
        flooded.AcknowledgeEscalation(manager, now.AddDays(-2).AddMinutes(40), k3);
        flooded.ProposePlan("疏通车库排水沟、加装挡水板；车辆维修费用按保险理赔流程协助办理", supervisor, now.AddDays(-1), k3);

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
