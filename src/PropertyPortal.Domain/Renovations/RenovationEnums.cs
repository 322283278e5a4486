namespace PropertyPortal.Domain.Renovations;

/// <summary>What the works touch; decides the approval clock (002 L92).</summary>
public enum RenovationScope
{
    /// <summary>简单间隔，不动中央系统: 2 working days.</summary>
    SimplePartition,

    /// <summary>涉及中央空调、消防等系统: 3 working days.</summary>
    CentralSystems,

    /// <summary>整层装修: 5 working days.</summary>
    WholeFloor,
}

public enum RenovationStatus
{
    /// <summary>申请已受理, waiting for customer service's review.</summary>
    Submitted,

    /// <summary>客服审核通过, waiting for engineering.</summary>
    ServiceReviewed,

    /// <summary>工程审核通过, waiting for the Manager.</summary>
    EngineeringReviewed,

    /// <summary>退回: a reviewer returned it with reasons; the applicant corrects and resubmits.</summary>
    Returned,

    /// <summary>经理批准: agreement, deposit and debris fee to collect, then the permit.</summary>
    Approved,

    /// <summary>施工中: permit issued, deposit paid.</summary>
    InProgress,

    /// <summary>已预约验收.</summary>
    InspectionBooked,

    /// <summary>验收未通过: rectification, then a new inspection.</summary>
    Rectifying,

    /// <summary>验收合格: the deposit refund is processed (2 working days) and paid (3).</summary>
    Accepted,

    /// <summary>保证金已退, passes and receipts returned.</summary>
    Closed,

    Cancelled,
}

public enum RenovationPermitKind { TemporaryPower, HotWork, FreightLift }

public enum RenovationEventKind
{
    Submitted, AuthorityAttached, InspectorArrived, ServiceReviewed, EngineeringReviewed, Returned, Resubmitted, Approved, AgreementSigned, PermitIssued, PassIssued, PassReturned, PermitAdded,
    Patrolled, ViolationNoticed, Rectified, InspectionBooked, InspectionFailed, InspectionPassed, RefundProcessed, Closed, Cancelled,
    PauseRequested, Paused, PauseRefused, PauseWithdrawn, Resumed,

    /// <summary>整改通知书 issued for a violation found on patrol.</summary>
    ViolationNoticeIssued,
}
