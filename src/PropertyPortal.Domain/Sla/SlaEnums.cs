namespace PropertyPortal.Domain.Sla;

/// <summary>
/// What a clock belongs to. <see cref="CustodyUnit"/>'s id is the unit's: the weekly and heavy-rain patrols of a unit in custody.
/// <see cref="CounterVisit"/> is a visit at the fee counter (柜台办理); <see cref="DailyLog"/> a property's day of the daily log;
/// <see cref="CalendarYear"/> a year of the business calendar still to be loaded (id: <c>CalendarYearDuty.SubjectOf(year)</c>);
/// <see cref="ServiceRequest"/> a front-desk service request; <see cref="VisitQuota"/> a month's visit quota.
/// </summary>
public enum SlaSubject { RepairOrder, Callback, Complaint, BillingRun, Payment, Renovation, MoveOut, CustodyUnit, MoveIn, CounterVisit, DailyLog, CalendarYear, AnnualEventPlan, CommunityEvent, PublicWelfareHalf, PublicNotice, ServiceRequest, VisitQuota }

/// <summary>The milestone a clock measures.</summary>
public enum SlaMilestone
{
    /// <summary>出工程单: the work order is issued (dispatched) after acceptance.</summary>
    WorkOrderIssued,

    /// <summary>电话回复: the customer is phoned back.</summary>
    PhoneReply,

    /// <summary>到场或处理: the technician is on site.</summary>
    OnSite,

    /// <summary>完成: the repair is finished.</summary>
    Finished,

    /// <summary>回访: the callback is made.</summary>
    Callback,

    /// <summary>投诉答复: the complainant is answered (002 L39: within 1 hour).</summary>
    ComplaintReply,

    /// <summary>书面答复: a written reply, when the customer asks for one (002 L39: 3 working days; 004 L58: 72 h).</summary>
    WrittenReply,

    /// <summary>上报: major → the manager the same day; important → the department head within 1 hour (000 L264). Met when they acknowledge.</summary>
    Escalation,

    /// <summary>明确答复: a major complaint's definite reply within 2 days (000 L264).</summary>
    DefiniteReply,

    /// <summary>解决: 10 / 3 / 2 days by tier, or the customer's deadline for a minor one (000 L264).</summary>
    Resolution,

    /// <summary>方案审批: the Manager decides on a major complaint's plan.</summary>
    PlanApproval,

    /// <summary>结果通报: the result to the complainant the same day it is known (000 L270).</summary>
    ResultNotice,

    /// <summary>付款通知书: a month's payment notices delivered by the 10th (002 L46).</summary>
    PaymentNotices,

    /// <summary>开具发票: a remittance's invoice within 3 working days (002 L45).</summary>
    Invoice,

    /// <summary>装修审批: 2 / 3 / 5 working days by scope (002 L92).</summary>
    RenovationApproval,

    /// <summary>客服审核: customer service reviews the file within a working day.</summary>
    RenovationServiceReview,

    /// <summary>工程审核: engineering reviews the plans within a working day.</summary>
    RenovationEngineeringReview,

    /// <summary>经理审批: the Manager decides within a working day of engineering's review.</summary>
    RenovationDecision,

    /// <summary>整改: a violation rectified by its deadline.</summary>
    Rectification,

    /// <summary>验收到场: the inspector on site at the booked time (002 L95).</summary>
    InspectionArrival,

    /// <summary>验收: done within 1 hour of arrival (002 L95).</summary>
    Inspection,

    /// <summary>退保证金办理: processed within 2 working days of acceptance (002 L96).</summary>
    RefundProcessing,

    /// <summary>退保证金: paid within 3 working days (002 L47–L49).</summary>
    RefundPayment,

    /// <summary>迁出: done at the counter within 30 minutes (002 L40).</summary>
    MoveOutDone,

    /// <summary>托管房巡查: a vacant unit in custody is patrolled every week (000 L208).</summary>
    CustodyPatrol,

    /// <summary>暂停审批: a supervisor decides on a handler's request to pause the case's clocks (a setting, default 15 minutes).</summary>
    PauseApproval,

    /// <summary>服务办结: a service request done within its catalog entry's time (002 L30–L38: mostly 10 minutes).</summary>
    ServiceDone,

    /// <summary>服务审批: a supervisor approves a request that needs it (002 L38: a large-item release within 10 minutes).</summary>
    ServiceApproval,

    /// <summary>走访指标: the month's visit quota reached by its last day (002 L76: 10 per property; 004 §管家2: 30 per steward).</summary>
    VisitQuota,

    /// <summary>整改通知书: the written violation notice, within 24 hours of the patrol that found the violation (004 L62).</summary>
    RenovationViolationNotice,

    /// <summary>装修巡查: a running renovation's site patrolled in each half of the service day (004 §五.八③: twice a day).</summary>
    RenovationPatrol,
    /// <summary>入住接待: the booked household is received (开始办理) at its appointment (002 L27: 按用户预约时间).</summary>
    MoveInReception,

    /// <summary>大雨巡查: a unit in custody patrolled after a supervisor orders the heavy-rain patrol (000 L208: 大雨前后).</summary>
    CustodyRainPatrol,

    /// <summary>柜台办理: a payment, a fee enquiry or a bill reprint done at the counter within 10 minutes (002 L41–L44).</summary>
    CounterService,

    /// <summary>日志审阅: the supervisor reviews and signs the day's log (000 L348: 每日查阅), by the close of the next service day.</summary>
    DailyLogReview,

    /// <summary>载入次年日历: the admins load next year's holidays and make-up days (from 1 November, before the year begins).</summary>
    CalendarLoad,

    /// <summary>年度活动计划编制: the year's customer-event plan drafted by 5 January (004 L165).</summary>
    AnnualPlanDraft,

    /// <summary>年度活动计划审批: approved by the project's general manager by 10 January (004 L172).</summary>
    AnnualPlanApproval,

    /// <summary>策划表填写: an event's plan form filled 15 days before the event (004 L174).</summary>
    EventPlanFilled,

    /// <summary>策划表上报: reviewed and submitted to the general manager 10 days before (004 L187).</summary>
    EventPlanSubmitted,

    /// <summary>策划表审批: approved a week before the event (004 L189).</summary>
    EventPlanApproved,

    /// <summary>公益活动: at least one public-welfare event held in each half year (004 L51).</summary>
    PublicWelfareHeld,

    /// <summary>公告张贴: a water/power cut notice 24 hours before the cut (002 L17), pest control 3 days before (001 L566).</summary>
    NoticePublication,
}

/// <summary>How the target turns into a due time.</summary>
public enum SlaTargetKind
{
    /// <summary>Wall-clock minutes, 24×7.</summary>
    Minutes,

    /// <summary>Close of business on the N-th working day after the start.</summary>
    WorkingDays,

    /// <summary>Close of the service day the start falls in (当日), or of the N-th service day after it (the target's value).</summary>
    SameServiceDay,

    /// <summary>At the time agreed with the customer (与客户约定时间).</summary>
    Appointment,
}

public enum SlaClockState { Running, Paused, Met, Cancelled }

/// <summary>Steps of a clock's life the sweep fires, each exactly once, in this order.</summary>
public enum SlaEventKind
{
    Warning = 1,
    Breach = 2,

    /// <summary>The supervisors' escalation level (absent on some ladders).</summary>
    EscalatedToSupervisor = 3,

    /// <summary>The managers' escalation level (absent on some ladders).</summary>
    EscalatedToManager = 4,
}
