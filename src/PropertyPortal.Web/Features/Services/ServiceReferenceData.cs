using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Services;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Domain.Visits;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Services;

/// <summary>
/// What every installation starts with (inserted at startup when missing, like the repair categories): the front
/// desk's service catalog from 002's tables and the satisfaction questionnaire. Both are data an admin edits.
/// </summary>
public static class ServiceReferenceData
{
    /// <summary>The shipped catalog (002 L30–L38, L53–L54, L61, L70): all 10 minutes unless the table says otherwise.</summary>
    public static IReadOnlyList<ServiceType> Catalog() =>
    [
        new ServiceType("Pass", "出入证/临时通行证", ServiceKind.General, SlaTarget.Minutes(10), ServiceHandlerRole.FrontDesk, 10)
            .Describe("为住户、装修人员及外来人员办理出入证手续（002 L30）"),
        new ServiceType("AfterHoursAc", "加时空调", ServiceKind.Booking, SlaTarget.Minutes(10), ServiceHandlerRole.FrontDesk, 20)
            .Describe("非办公时间加班或使用空调手续，按空调分区预约（002 L31）").ForKinds(false, true, true).WithResource(ResourceKind.AirConditioning).WithFee(null),
        new ServiceType("Parking", "车位/临时停车", ServiceKind.General, SlaTarget.Minutes(10), ServiceHandlerRole.FrontDesk, 30)
            .Describe("摩托车、自行车停放及车牌发放手续（002 L32）").WithFee(null),
        new ServiceType("NameBoard", "公司名牌（水牌）", ServiceKind.General, SlaTarget.WorkingDays(7), ServiceHandlerRole.FrontDesk, 40)
            .Describe("公司水牌制作及安挂（002 L33：7个工作日内完成）").ForKinds(false, true, true).WithFee(null),
        new ServiceType("FreightLift", "货梯预约", ServiceKind.Booking, SlaTarget.Minutes(10), ServiceHandlerRole.FrontDesk, 50)
            .Describe("使用专用货梯搬运货物手续（002 L34）").WithResource(ResourceKind.FreightLift),
        new ServiceType("Storage", "储物间", ServiceKind.General, SlaTarget.Minutes(10), ServiceHandlerRole.FrontDesk, 60)
            .Describe("租用仓库临时寄存物品手续（002 L36）").WithFee(null),
        new ServiceType("MeetingRoom", "会议室预订", ServiceKind.Booking, SlaTarget.Minutes(10), ServiceHandlerRole.FrontDesk, 70)
            .Describe("为住户或外来客户办理会议室预约登记（002 L37）").WithFee(null),
        new ServiceType("LargeItemRelease", "大件物品放行", ServiceKind.Release, SlaTarget.Minutes(10), ServiceHandlerRole.FrontDesk, 80)
            .Describe("大件物品放行手续，主管10分钟内审批，凭放行条出门（002 L38）"),
        new ServiceType("LostAndFound", "失物招领/协助查找失物", ServiceKind.LostAndFound, SlaTarget.Hours(1), ServiceHandlerRole.FrontDesk, 90)
            .Describe("根据住户提供的线索协助调查失物，1小时内答复（002 L61）"),
        new ServiceType("SecurityEnquiry", "安全/消防咨询", ServiceKind.General, SlaTarget.WorkingDays(1), ServiceHandlerRole.FrontDesk, 100)
            .Describe("安全、消防方面的咨询，当场解答或1个工作日内答复（002 L70）"),
        new ServiceType("TrolleyLoan", "借用手推车/雨伞", ServiceKind.General, SlaTarget.Minutes(10), ServiceHandlerRole.FrontDesk, 110)
            .Describe("借用及归还手续（002 L53–L54）"),
    ];

    /// <summary>The 业主评议表 a survey asks (004 §七), each on a 1–5 scale (1 非常不满意 … 5 非常满意).</summary>
    public static readonly (string Category, string Text)[] Questionnaire =
    [
        ("客户服务", "前台接待与服务态度"),
        ("客户服务", "投诉、报修受理及回复是否及时"),
        ("工程维修", "维修是否及时、质量是否满意"),
        ("秩序维护", "小区/大厦安全与秩序"),
        ("环境卫生", "公共区域清洁卫生"),
        ("园林绿化", "绿化养护"),
        ("综合", "对物业服务的总体满意度"),
    ];

    public const int QuestionScale = 5;

    public static async Task EnsureAsync(PortalDbContext db, CancellationToken ct = default)
    {
        if (!await db.ServiceTypes.AnyAsync(ct))
        {
            db.ServiceTypes.AddRange(Catalog());
        }

        if (!await db.SurveyQuestions.AnyAsync(ct))
        {
            var order = 0;
            foreach (var (category, text) in Questionnaire)
            {
                db.SurveyQuestions.Add(new SurveyQuestion(text, category, QuestionScale, order += 10));
            }
        }
    }
}
