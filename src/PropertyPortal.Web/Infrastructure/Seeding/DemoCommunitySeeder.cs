using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Community;
using PropertyPortal.Domain.Notices;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Web.Features.Shared;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Infrastructure.Seeding;

/// <summary>
/// 翠湖花园's community events and notice board, relative to the time the demo is seeded: this year's annual plan
/// approved by the general manager; a public-welfare event held last month with its record and approved evaluation;
/// one approved and inviting households; one being planned; an ad hoc proposal made too late (its plan clock starts
/// overdue); a notice on the board, a water cut notice waiting for approval, and one taken down by the system and
/// archived. Built through the domain methods, as the pages would. Off in the test suite, like the demo cases.
/// </summary>
public sealed class DemoCommunitySeeder(PortalDbContext db, CaseClocks caseClocks, TimeProvider time)
{
    public async Task SeedAsync(CancellationToken ct = default)
    {
        if (await db.CommunityEvents.AnyAsync(ct))
        {
            return;
        }

        var property = await db.Properties.SingleAsync(p => p.Code == DemoSeeder.ResidentialCode, ct);
        var users = await db.Users.Where(u => u.UserName == "steward" || u.UserName == "supervisor" || u.UserName == "manager" || u.UserName == "gm" || u.UserName == "frontdesk")
            .ToDictionaryAsync(u => u.UserName!, u => new Actor(u.Id, u.DisplayName), ct);
        var (steward, supervisor, manager, gm, desk) = (users["steward"], users["supervisor"], users["manager"], users["gm"], users["frontdesk"]);
        var context = await caseClocks.ContextForAsync(property.Id, ct);
        var now = time.GetUtcNow().UtcDateTime;
        var today = PortalClock.Today(time);
        DateTime At(DateTime wanted) => wanted < now ? wanted : now.AddMinutes(-5);

        // This year's plan: opened on 2 January, submitted on the 4th, approved on the 8th (or as far as today allows).
        var opened = At(PortalClock.ToUtc(new DateTime(today.Year, 1, 2, 9, 0, 0)));
        // One clock set for the plan's whole way: its drafting clock, started on opening, is the one submitting meets.
        var planClocks = caseClocks.ForNewCase(context);
        var plan = AnnualEventPlan.Open(LedgerNumbers.AnnualPlanNumber(property.Code, today.Year), property.Id, today.Year, supervisor, opened, planClocks);
        AnnualPlanLine[] lines =
        [
            new(3, new DateOnly(today.Year, 3, 5), "学雷锋志愿服务日", "志愿服务", "管家带领业主志愿者清理公共区域、义务理发", 800m, true),
            new(5, null, "母亲节亲子手工", "亲子活动", "插花与贺卡制作，邀请有孩子的家庭", 1500m, false),
            new(6, null, "夏季义诊进社区", "义诊", "联合社区卫生服务中心测血压、血糖", 1200m, true),
            new(9, null, "中秋游园会", "游园", "猜灯谜、做月饼，全体业主", 5000m, false),
            new(10, null, "重阳敬老茶话会", "茶话会", "邀请 70 岁以上老人，赠送慰问品", 2000m, true),
            new(12, null, "迎新年联欢", "联欢", "业主才艺表演与抽奖", 6000m, false),
        ];
        plan.SetRows([.. lines.Select(l => ((Guid?)null, l))], new HashSet<Guid>(), supervisor, opened.AddHours(1));
        plan.Submit(supervisor, At(opened.AddDays(2)), planClocks);
        plan.Approve("同意，注意预算控制", gm, false, At(opened.AddDays(6)), planClocks);
        db.AnnualEventPlans.Add(plan);
        var welfareRow = plan.Rows.First(r => r.PublicWelfare);

        var households = await (from o in db.Occupancies
                                join u in db.Units on o.UnitId equals u.Id
                                join b in db.Buildings on u.BuildingId equals b.Id
                                where o.PropertyId == property.Id && o.EndDate == null && b.Code == "1"
                                orderby u.Number
                                select new { o.CustomerId, o.UnitId }).ToListAsync(ct);
        var seq = 0;
        string Number() => $"{LedgerNumbers.Prefix(property.Code, LedgerNumbers.Event, today.Year)}{++seq:000}";
        EventPlanSheet Sheet(string theme, string form, DateTime starts, string place, int expected, bool welfare, (string, decimal)[] budget) =>
            new(theme, form, starts, starts.AddHours(2), place, $"{theme}：{form}，面向全体业主", "D-15 完成策划；D-10 上报；D-7 批准；D-3 发出邀请；D-1 布场彩排",
                "管家部：组织接待；行政部：采购布置；工程部：供电音响；安环部：安全秩序", "合作方方案已附（社区卫生服务中心）", "遇雨改至会所多功能厅；医疗点设于入口",
                "现场问卷满意度 ≥ 90%，参加人数达到预计的八成", welfare, expected, "现场总指挥：项目总经理\n接待联络：管家主任\n布场主持：管家", budget);

        // Held last month: the whole way to an approved evaluation.
        var heldAt = PortalClock.ToUtc(PortalClock.ToLocal(now).Date.AddDays(-30).AddHours(9));
        var c1 = caseClocks.ForNewCase(context);
        var held = CommunityEvent.Create(Number(), property.Id, Sheet("夏季义诊进社区", "义诊", heldAt, "中心广场", 80, true, [("横幅海报", 300m), ("饮用水与药品", 600m), ("志愿者餐补", 300m)]),
            welfareRow, steward, heldAt.AddDays(-25), c1, gm.UserId);
        held.MarkFilled(steward, heldAt.AddDays(-20), c1);
        held.Submit("方案可行", supervisor, heldAt.AddDays(-16), c1);
        held.Approve(null, gm, false, heldAt.AddDays(-12), c1);
        var invited = held.Invite(households.Take(30).Select(h => (h.CustomerId, (Guid?)h.UnitId)), new HashSet<Guid>(), "Steward", steward, heldAt.AddDays(-10));
        db.EventInvitations.AddRange(invited);
        for (var i = 0; i < invited.Count; i++)
        {
            if (i % 3 != 2)
            {
                held.Reply(invited[i], InvitationReply.Attending, 1 + (i % 3), desk, heldAt.AddDays(-8));
            }

            if (i % 2 == 0)
            {
                held.CheckIn(invited[i], true, heldAt.AddMinutes(10));
            }
        }

        foreach (var item in Enum.GetValues<EventReadinessItem>())
        {
            held.CheckReadiness(item, true, null, steward, heldAt.AddDays(-1));
        }

        held.RecordHeld(new EventRecordSheet(96, "测血压血糖 96 人次，发放健康手册 80 册，业主反映良好。", "《浦东时报》社区版报道",
            held.Budget.ToDictionary(b => b.Id, b => b.Planned - 20m), [("临时增加遮阳伞", 150m)]), steward, heldAt.AddHours(4));
        held.Evaluate(true, 9, "达到预期：参加人数超过预计，满意度问卷 95%。下次提前一周预约医生。", steward, heldAt.AddDays(1));
        held.ReviewEvaluation(true, "同意", manager, heldAt.AddDays(2));
        held.ApproveEvaluation(null, gm, false, heldAt.AddDays(3));
        db.CommunityEvents.Add(held);
        var (year, half) = (DateOnly.FromDateTime(PortalClock.ToLocal(heldAt)).Year, EventDeadlines.HalfOf(DateOnly.FromDateTime(PortalClock.ToLocal(heldAt))));
        var halfClocks = caseClocks.ForNewCase(context);
        var halfRow = new PublicWelfareHalf(property.Id, year, half, heldAt.AddDays(-25), halfClocks);
        halfRow.Meet(held, context.Calendar, halfClocks);
        db.PublicWelfareHalves.Add(halfRow);

        // Approved, nine days ahead: invitations out to building 1, some replies taken at the desk.
        var soon = PortalClock.ToUtc(PortalClock.ToLocal(now).Date.AddDays(9).AddHours(15));
        var c2 = caseClocks.ForNewCase(context);
        var approved = CommunityEvent.Create(Number(), property.Id, Sheet("中秋游园会", "游园", soon, "会所前草坪", 150, false, [("灯笼与灯谜", 1200m), ("月饼材料", 1800m), ("奖品", 1500m)]),
            plan.Rows.First(r => r.Month == 9), steward, now.AddDays(-20), c2, gm.UserId);
        approved.MarkFilled(steward, now.AddDays(-18), c2);
        approved.Submit(null, supervisor, now.AddDays(-16), c2);
        approved.Approve("注意夜间照明与安全", gm, false, now.AddDays(-12), c2);
        approved.CheckReadiness(EventReadinessItem.InformationDelivered, true, "邀请函已派发", steward, now.AddDays(-2));
        var invitations = approved.Invite(households.Take(20).Select(h => (h.CustomerId, (Guid?)h.UnitId)), new HashSet<Guid>(), "Steward", steward, now.AddDays(-3));
        db.EventInvitations.AddRange(invitations);
        for (var i = 0; i < 6; i++)
        {
            approved.Reply(invitations[i], i == 5 ? InvitationReply.Declined : InvitationReply.Attending, i == 5 ? null : 2, desk, now.AddDays(-1));
        }

        db.CommunityEvents.Add(approved);

        // Being planned, three weeks ahead: its plan form is due in a few days.
        var c3 = caseClocks.ForNewCase(context);
        db.CommunityEvents.Add(CommunityEvent.Create(Number(), property.Id,
            Sheet("重阳敬老茶话会", "茶话会", PortalClock.ToUtc(PortalClock.ToLocal(now).Date.AddDays(21).AddHours(14)), "会所多功能厅", 40, true, [("慰问品", 1600m), ("茶点", 400m)]),
            plan.Rows.First(r => r.Month == 10), steward, now.AddDays(-1), c3, gm.UserId));

        // An ad hoc idea proposed today for twelve days ahead: its 15-day plan deadline is already past, overdue from the start.
        var c4 = caseClocks.ForNewCase(context);
        db.CommunityEvents.Add(CommunityEvent.Create(Number(), property.Id,
            new EventPlanSheet("周末跳蚤市场", "集市", PortalClock.ToUtc(PortalClock.ToLocal(now).Date.AddDays(12).AddHours(9)), null, "南门广场", null, null, null, null, null, null,
                false, 120, null, []),
            null, steward, now, c4, gm.UserId));

        // Held and recorded, so the later steps have something to show: one waiting for its evaluation, one evaluated and waiting for the Manager's review.
        foreach (var (month, theme, form, days, evaluated) in new[] { (5, "亲子手工坊", "亲子活动", -7, false), (12, "业主读书分享会", "沙龙", -10, true) })
        {
            var at = PortalClock.ToUtc(PortalClock.ToLocal(now).Date.AddDays(days).AddHours(14));
            var clocks = caseClocks.ForNewCase(context);
            var done = CommunityEvent.Create(Number(), property.Id, Sheet(theme, form, at, "会所多功能厅", 30, false, [("材料", 600m), ("茶点", 200m)]),
                plan.Rows.First(r => r.Month == month), steward, at.AddDays(-25), clocks, gm.UserId);
            done.MarkFilled(steward, at.AddDays(-20), clocks);
            done.Submit(null, supervisor, at.AddDays(-16), clocks);
            done.Approve(null, gm, false, at.AddDays(-12), clocks);
            foreach (var item in Enum.GetValues<EventReadinessItem>())
            {
                done.CheckReadiness(item, true, null, steward, at.AddDays(-1));
            }

            done.RecordHeld(new EventRecordSheet(26, $"{theme}顺利举行，参加 26 人。", "社区公众号推文", done.Budget.ToDictionary(b => b.Id, b => b.Planned), []), steward, at.AddHours(3));
            if (evaluated)
            {
                done.Evaluate(true, 8, "基本达到预期，下次提前两周报名。", steward, at.AddDays(1));
            }

            db.CommunityEvents.Add(done);
        }

        // Notices: one on the board, a water cut waiting for approval, one taken down by the system and archived.
        var nseq = 0;
        string NoticeNumber() => $"{LedgerNumbers.Prefix(property.Code, LedgerNumbers.Notice, today.Year)}{++nseq:000}";
        var n1Clocks = caseClocks.ForNewCase(context);
        var posted = PublicNotice.Draft(NoticeNumber(), property.Id, new NoticeDraft("中秋游园会活动通知", $"各位业主：\n本中心定于 {PortalClock.ToLocal(soon):M月d日 HH:mm} 在会所前草坪举办中秋游园会，欢迎踊跃参加。\n报名请至客服中心前台。",
            NoticeCategory.Event, AudienceScope.Property, [], null, today.AddDays(-3), DateOnly.FromDateTime(PortalClock.ToLocal(soon))), desk, now.AddDays(-4), n1Clocks);
        posted.Approve(supervisor, now.AddDays(-4).AddHours(2));
        posted.Publish(desk, At(PortalClock.ToUtc(today.AddDays(-3).ToDateTime(new TimeOnly(9, 0)))), n1Clocks);
        db.PublicNotices.Add(posted);

        var cut = PublicNotice.Draft(NoticeNumber(), property.Id, new NoticeDraft("1号楼停水通知", "因二次供水水箱清洗，1号楼将暂停供水，请提前储水。", NoticeCategory.WaterPowerCut,
            AudienceScope.Buildings, [await db.Buildings.Where(b => b.PropertyId == property.Id && b.Code == "1").Select(b => b.Id).SingleAsync(ct)],
            PortalClock.ToUtc(PortalClock.ToLocal(now).Date.AddDays(2).AddHours(9)), today, today.AddDays(2)), desk, now.AddMinutes(-30), caseClocks.ForNewCase(context));
        db.PublicNotices.Add(cut);

        var oldClocks = caseClocks.ForNewCase(context);
        var old = PublicNotice.Draft(NoticeNumber(), property.Id, new NoticeDraft("春季消杀通知", "本周六上午对各楼栋地下室及绿化带进行消杀，请看管好儿童和宠物。", NoticeCategory.PestControl,
            AudienceScope.Property, [], now.AddDays(-36), today.AddDays(-40), today.AddDays(-35)), desk, now.AddDays(-41), oldClocks);
        old.Approve(supervisor, now.AddDays(-41).AddHours(1));
        old.Publish(desk, now.AddDays(-40), oldClocks);
        old.WithdrawIfExpired(now.AddDays(-34), oldClocks);
        old.Archive(supervisor, now.AddDays(-30));
        db.PublicNotices.Add(old);

        await db.SaveChangesAsync(ct);
    }
}
