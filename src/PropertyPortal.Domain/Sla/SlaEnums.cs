namespace PropertyPortal.Domain.Sla;

/// <summary>What a clock belongs to. Later features (complaints, move-in, renovation, fees) add theirs.</summary>
/// <summary>What a clock belongs to. <see cref="CustodyUnit"/>'s id is the unit's: the weekly patrol of a unit in custody.</summary>
public enum SlaSubject { RepairOrder, Callback, Complaint, BillingRun, Payment, Renovation, MoveOut, CustodyUnit, ServiceRequest, VisitQuota }

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
}

/// <summary>How the target turns into a due time.</summary>
public enum SlaTargetKind
{
    /// <summary>Wall-clock minutes, 24×7.</summary>
    Minutes,

    /// <summary>Close of business on the N-th working day after the start.</summary>
    WorkingDays,

    /// <summary>Close of the service day the start falls in (当日).</summary>
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
