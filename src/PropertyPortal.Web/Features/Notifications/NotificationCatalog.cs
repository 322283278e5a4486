using PropertyPortal.Domain.Notifications;

namespace PropertyPortal.Web.Features.Notifications;

/// <summary>Who a kind of message is for: staff get it by user id, households on their preferred channel.</summary>
public enum Audience
{
    Staff,
    Household,
}

/// <summary>
/// One kind of message: its audience, the names of its arguments (the placeholders its template may
/// use, in the order the arguments are stored), those a text must keep, and the Chinese text it starts
/// with. Household kinds in <see cref="QuietHoursExempt"/> reach households at night too.
/// </summary>
public sealed record NotificationKind(string Kind, Audience Audience, string[] Parameters, string[] Required, string Subject, string Text,
    bool QuietHoursExempt = false)
{
    /// <summary>Example values for a preview when there is no real message of the kind yet.</summary>
    public IReadOnlyDictionary<string, string> Sample => Parameters.ToDictionary(p => p, p => NotificationCatalog.SampleValues.GetValueOrDefault(p, p));
}

/// <summary>
/// Every kind of message the portal sends, with the text (Chinese, <c>{name}</c> placeholders) an
/// admin starts from; the admin's edits live in <see cref="MessageTemplate"/> rows (系统设置 → 消息发送 → 模板).
/// The arguments are stored by position (as <see cref="Notifier.Enqueue"/> gets them); the template
/// names them. The bell keeps its own two-language text (SharedResource "Notify.{Kind}").
/// </summary>
public static class NotificationCatalog
{
    private static readonly NotificationKind[] Kinds =
    [
        Staff(NotificationKinds.SlaWarning, ["number", "milestone", "due"], "服务时限预警", "{number}「{milestone}」即将超时，截止 {due}"),
        Staff(NotificationKinds.SlaBreach, ["number", "milestone", "due"], "服务时限超时", "{number}「{milestone}」已超时，截止时间 {due}"),
        Staff(NotificationKinds.SlaEscalated, ["number", "milestone", "due", "level"], "超时升级", "{number}「{milestone}」超时未处理（截止 {due}），已升级至{level}"),
        Staff(NotificationKinds.RepairDispatched, ["number", "location"], "新派工单", "新派工单 {number}：{location}"),
        Staff(NotificationKinds.RepairChased, ["number", "count"], "业主催单", "业主催单 {number}（第 {count} 次）"),
        Staff(NotificationKinds.CallbackNeedsSupervisor, ["number", "attempts"], "回访需主管处理", "回访 {number} 已 {attempts} 次未联系上，请主管处理"),
        Staff(NotificationKinds.CallbackAssigned, ["number"], "回访任务", "请回访 {number}"),
        Staff(NotificationKinds.RepairReopened, ["number", "score"], "工单返修", "回访不满意，工单 {number} 已返修（评分 {score}）"),
        Staff(NotificationKinds.MoveInCallbackDissatisfied, ["number", "score"], "入住回访有问题", "新入住回访有问题：{number}（评分 {score}），请跟进"),
        Staff(NotificationKinds.CustodyAlarm, ["unit", "finding"], "托管房巡查告警", "托管房 {unit} 巡查发现问题：{finding}"),
        Staff(NotificationKinds.ComplaintEscalated, ["number", "tier"], "投诉上报", "{tier} {number} 已上报，请及时跟进"),
        Staff(NotificationKinds.ComplaintRepeat, ["number", "complainant"], "重复投诉", "重复投诉：{complainant} 30 天内同类投诉 {number}"),
        Staff(NotificationKinds.ComplaintHarm, ["number"], "投诉涉及正在发生的损害", "投诉 {number} 涉及正在发生的损害，请立即处置"),
        Staff(NotificationKinds.ComplaintAssigned, ["number"], "投诉交办", "投诉 {number} 已交由您处理"),
        Staff(NotificationKinds.ComplaintPlanPending, ["number"], "投诉方案待审批", "重大投诉 {number} 的处理方案待您审批"),
        Staff(NotificationKinds.ComplaintPlanDecided, ["number"], "投诉方案已审批", "投诉 {number} 的处理方案已审批"),
        Staff(NotificationKinds.ComplaintReopened, ["number", "score"], "投诉重新处理", "回访不满意，投诉 {number} 已重新处理（评分 {score}）"),
        Staff(NotificationKinds.DunningTasks, ["count"], "催缴任务", "新增 {count} 项催缴任务（电话提醒/上门）"),
        Staff(NotificationKinds.DunningLetters, ["count"], "催缴函待寄送", "{count} 户需寄送快递催缴函"),
        Staff(NotificationKinds.DunningLegal, ["count"], "欠费转法律途径", "{count} 户欠费已满法律途径期限，请经理处理"),
        Staff(NotificationKinds.RenovationAwaitsManager, ["number"], "装修申请待审批", "装修申请 {number} 待您审批"),
        Staff(NotificationKinds.RenovationReturned, ["number"], "装修申请退回", "装修申请 {number} 已退回"),
        Staff(NotificationKinds.RenovationApproved, ["number"], "装修申请已批准", "装修申请 {number} 已批准"),
        Staff(NotificationKinds.AnnualPlanOpened, ["number", "year"], "年度活动计划待编制", "{year} 年度客户活动计划 {number} 已开启，请按时编制上报"),
        Staff(NotificationKinds.AnnualPlanSubmitted, ["number"], "年度活动计划待审批", "年度客户活动计划 {number} 待您审批"),
        Staff(NotificationKinds.AnnualPlanApproved, ["number", "approver"], "年度活动计划已批准", "年度客户活动计划 {number} 已由{approver}批准"),
        Staff(NotificationKinds.AnnualPlanReturned, ["number", "comment"], "年度活动计划退回", "年度客户活动计划 {number} 已退回：{comment}"),
        Staff(NotificationKinds.EventProposed, ["number", "theme"], "临时活动待审批", "临时活动 {number}「{theme}」待您审批"),
        Staff(NotificationKinds.EventPlanFilled, ["number", "theme"], "活动策划表待审核", "活动 {number}「{theme}」的策划表已填写，请审核上报"),
        Staff(NotificationKinds.EventPlanSubmitted, ["number", "theme"], "活动策划表待审批", "活动 {number}「{theme}」的策划表待您审批"),
        Staff(NotificationKinds.EventApproved, ["number", "theme"], "活动策划表已批准", "活动 {number}「{theme}」的策划表已批准"),
        Staff(NotificationKinds.EventReturned, ["number", "comment"], "活动策划表退回", "活动 {number} 的策划表已退回：{comment}"),
        Staff(NotificationKinds.EventInvitationsToDeliver, ["number", "households"], "活动邀请函待派发", "活动 {number} 的邀请函待派发：{households} 户"),
        Staff(NotificationKinds.EventEvaluationToReview, ["number"], "活动评估待审核", "活动 {number} 的评估表待您审核"),
        Staff(NotificationKinds.EventEvaluationToApprove, ["number"], "活动评估待审批", "活动 {number} 的评估表待您审批"),
        Staff(NotificationKinds.NoticeDrafted, ["number", "title"], "公告待审核", "公告 {number}「{title}」待您审核"),
        Staff(NotificationKinds.NoticePublished, ["number", "title", "households"], "公告待张贴", "公告 {number}「{title}」已发布，请张贴到公告栏（{households} 户）"),
        Staff(NotificationKinds.NoticeWithdrawn, ["number", "title"], "公告待撤下", "公告 {number}「{title}」已撤回，请从公告栏撤下"),

        Staff(NotificationKinds.ResidentReported, ["number", "unit", "what"], "业主自助报事", "业主自助提交 {number}（{unit}）：{what}"),
        Staff(NotificationKinds.ResidentChangeRequested, ["name", "unit"], "住户资料变更待审核", "{name}（{unit}）提交了住户资料变更，请审核"),

        Household(NotificationKinds.PaymentNotice, ["name", "unit", "period", "amount", "due"], ["amount", "due"], "缴费通知",
            "{name}您好，您的房屋{unit}{period}物业费等共{amount}元，请于{due}前缴纳。"),
        Household(NotificationKinds.DunningReminder, ["name", "unit", "amount", "since"], ["amount"], "欠费提醒",
            "{name}您好：您的房屋{unit}尚有欠费{amount}元（最早应缴日{since}），请尽快缴纳。如有疑问请联系客服中心。"),
        Household(NotificationKinds.DunningSecondReminder, ["name", "unit", "amount", "since"], ["amount"], "欠费再次提醒",
            "{name}您好：您的房屋{unit}欠费{amount}元仍未缴纳（最早应缴日{since}），这是第二次提醒，请尽快缴纳。"),
        Household(NotificationKinds.RepairAccepted, ["name", "number", "category"], ["number"], "报修已受理",
            "{name}您好：您的报修{number}（{category}）已受理，我们将尽快安排师傅上门。"),
        Household(NotificationKinds.RepairTechnicianAssigned, ["name", "number", "technician", "phone"], ["number", "technician"], "维修师傅已派出",
            "{name}您好：报修{number}已安排{technician}上门处理，联系电话{phone}。"),
        Household(NotificationKinds.RepairCompleted, ["name", "number"], ["number"], "报修已完工",
            "{name}您好：报修{number}已完工，稍后客服将回访，感谢您的支持。"),
        Household(NotificationKinds.CallbackRequest, ["name", "number"], ["number"], "服务回访",
            "{name}您好：关于{number}，客服中心近日将致电回访，请留意来电。"),
        Household(NotificationKinds.ComplaintReplied, ["name", "number", "reply"], ["number"], "投诉处理答复",
            "{name}您好：您的投诉{number}已有答复：{reply}"),
        Household(NotificationKinds.SuggestionAnswered, ["name", "unit", "reply"], ["reply"], "建议答复",
            "{name}您好：您就{unit}提出的建议已有答复：{reply}"),
        Household(NotificationKinds.RenovationApprovedForHousehold, ["name", "number"], ["number"], "装修申请已批准",
            "{name}您好：装修申请{number}已批准，请到客服中心签订装修协议、缴纳保证金后领取装修许可证。"),
        Household(NotificationKinds.MoveInBooked, ["name", "unit", "time"], ["unit", "time"], "入住预约确认",
            "{name}您好：您的房屋{unit}入住手续已预约在{time}，请携带身份证件及购房资料到客服中心办理。"),
        Household(NotificationKinds.StewardIntroduction, ["name", "unit", "steward", "phone"], ["steward", "phone"], "您的专属管家",
            "{name}您好：欢迎入住{unit}！为您服务的管家是{steward}，电话{phone}，有事随时联系。"),
        Household(NotificationKinds.OutageNotice, ["property", "what", "from", "until"], ["what", "from"], "停水停电通知",
            "{property}将于{from}至{until}{what}，请提前做好准备，给您带来不便敬请谅解。", quietHoursExempt: true),
        Household(NotificationKinds.NoticeToHousehold, ["property", "title", "number"], ["title"], "物业公告",
            "{property}发布公告《{title}》（{number}），详见小区公告栏，如有疑问请联系客服中心。"),
        Household(NotificationKinds.EventInvitation, ["property", "theme", "time", "place"], ["theme", "time"], "社区活动邀请",
            "{property}诚邀您参加「{theme}」，时间{time}，地点{place}。欢迎光临，报名请联系客服中心。"),
        Household(NotificationKinds.ResidentSignInCode, ["code", "minutes"], ["code"], "登录验证码",
            "您的登录验证码为{code}，{minutes}分钟内有效。如非本人操作请忽略。", quietHoursExempt: true),
    ];

    private static readonly Dictionary<string, NotificationKind> ByKind = Kinds.ToDictionary(k => k.Kind, StringComparer.Ordinal);

    internal static readonly Dictionary<string, string> SampleValues = new(StringComparer.Ordinal)
    {
        ["number"] = "BX20261122-0007", ["milestone"] = "电话回复", ["due"] = "2026-12-10", ["level"] = "客服主管",
        ["location"] = "3-2-501 卫生间", ["count"] = "3", ["attempts"] = "3", ["score"] = "4", ["unit"] = "3-2-501",
        ["finding"] = "水表读数异常", ["tier"] = "重大投诉", ["complainant"] = "王先生", ["name"] = "王先生", ["period"] = "2026年12月",
        ["amount"] = "1,286.50", ["since"] = "2026-10-10", ["category"] = "水管漏水", ["technician"] = "刘师傅", ["phone"] = "13800138000",
        ["reply"] = "已安排更换水管", ["time"] = "2026-12-05 09:30", ["steward"] = "陈管家", ["property"] = "翠湖花园", ["what"] = "停水",
        ["from"] = "12月5日 09:00", ["until"] = "12月5日 17:00",
        ["year"] = "2027", ["approver"] = "张总", ["comment"] = "预算请细化", ["theme"] = "中秋游园会", ["households"] = "120", ["title"] = "1号楼停水通知", ["place"] = "小区中心广场",
        ["code"] = "123456", ["minutes"] = "5", ["what"] = "卫生间漏水",
    };

    public static IReadOnlyList<NotificationKind> All => Kinds;

    public static NotificationKind? Find(string kind) => ByKind.GetValueOrDefault(kind);

    private static NotificationKind Staff(string kind, string[] parameters, string subject, string text) =>
        new(kind, Audience.Staff, parameters, [], subject, text);

    private static NotificationKind Household(string kind, string[] parameters, string[] required, string subject, string text, bool quietHoursExempt = false) =>
        new(kind, Audience.Household, parameters, required, subject, text, quietHoursExempt);
}
