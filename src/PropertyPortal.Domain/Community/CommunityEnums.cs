namespace PropertyPortal.Domain.Community;

/// <summary>年度客户活动计划 (004 L164–L173): drafted by the supervisor, approved or returned by the project's general manager.</summary>
public enum AnnualPlanStatus
{
    /// <summary>编制中.</summary>
    Draft,

    /// <summary>已上报, waiting for the general manager.</summary>
    Submitted,

    /// <summary>已批准: the year's events are made from its rows.</summary>
    Approved,

    /// <summary>已退回 with comments: edited and submitted again.</summary>
    Returned,
}

public enum AnnualPlanAction { Opened, RowsEdited, Submitted, Approved, Returned, Revised }

/// <summary>What the general manager decided on one submitted version of the plan.</summary>
public enum PlanDecision { Pending, Approved, Returned }

/// <summary>
/// A community event (客户活动) from proposal to the approved evaluation (004 L174–L224). An ad hoc event starts
/// <see cref="Proposed"/> (the Manager approves it first); one from the annual plan starts <see cref="Planning"/>.
/// </summary>
public enum CommunityEventStatus
{
    /// <summary>临时活动待经理批准.</summary>
    Proposed,

    /// <summary>策划中: the plan form (策划表) is being filled.</summary>
    Planning,

    /// <summary>策划表已填写, waiting for the supervisor's review.</summary>
    PlanFilled,

    /// <summary>已上报总经理.</summary>
    Submitted,

    /// <summary>已批准: invitations, readiness, the day.</summary>
    Approved,

    /// <summary>已举办: the record (客户活动记录表) is filed.</summary>
    Held,

    /// <summary>评估表已填写, waiting for the Manager's review.</summary>
    Evaluated,

    /// <summary>评估已审核, waiting for the general manager.</summary>
    EvaluationReviewed,

    /// <summary>已归档: the evaluation approved; the file is kept for good (004 L227).</summary>
    Closed,

    /// <summary>已取消, with the reason (kept, never deleted).</summary>
    Cancelled,
}

public enum CommunityEventAction
{
    Proposed,
    ProposalApproved,
    Created,
    PlanEdited,
    PlanFilled,
    Submitted,
    Returned,
    Approved,
    PoliceReported,
    ReadinessChecked,
    Invited,
    Recorded,
    Evaluated,
    EvaluationReturned,
    EvaluationReviewed,
    EvaluationApproved,
    Cancelled,
}

/// <summary>The five readiness checks the 主任 makes before the day (004 L192–L200, 4.6.1–4.6.5).</summary>
public enum EventReadinessItem
{
    /// <summary>活动信息准确及时送达客户.</summary>
    InformationDelivered,

    /// <summary>各项工作按进度完成.</summary>
    TasksOnSchedule,

    /// <summary>与合作方的协议已落实.</summary>
    PartnersSettled,

    /// <summary>人员安排充足.</summary>
    StaffAssigned,

    /// <summary>所需报批手续已办妥.</summary>
    PermitsObtained,
}

/// <summary>A household's answer to an invitation, taken at the desk or on the phone.</summary>
public enum InvitationReply { NoReply, Attending, Declined }
