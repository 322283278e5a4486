namespace PropertyPortal.Domain.Complaints;

/// <summary>投诉等级 (000 L264): decides who is told and how long resolution may take.</summary>
public enum ComplaintTier
{
    /// <summary>轻微投诉: isolated matters; resolved within 2 days or by the customer's deadline.</summary>
    Minor,

    /// <summary>重要投诉: errors in management or service; department head within 1 hour, resolved in 3 days.</summary>
    Important,

    /// <summary>重大投诉: safety, daily life, company image; manager the same day, definite reply in 2 days, resolved in 10.</summary>
    Major,
}

public enum ComplaintStatus
{
    /// <summary>已受理.</summary>
    Accepted,

    /// <summary>处理中: investigating, or a returned plan is being reworked.</summary>
    Handling,

    /// <summary>方案待批: a major complaint's plan waits for the Manager (001 L400 and §3.3).</summary>
    PlanPendingApproval,

    /// <summary>待客户认可: the plan waits for the customer's agreement before work starts (001 L400).</summary>
    AwaitingAgreement,

    /// <summary>实施中: the agreed plan is carried out.</summary>
    InProgress,

    /// <summary>已解决: the result is to be told to the customer the same day (000 L270).</summary>
    Resolved,

    /// <summary>已结案.</summary>
    Closed,
}

/// <summary>How the complaint reached us (001 L104, 000 L274); <see cref="SelfService"/>: the household's own page (/My, 业主自助), never chosen at the desk.</summary>
public enum ComplaintChannel { Phone, Visit, Proxy, Letter, SuggestionBox, StaffRelay, Fax, Online, WeChat, SelfService }

/// <summary>How a reply or the result reached the customer (001 L400; 000 L270 "电话或上门").</summary>
public enum ReplyChannel { Phone, InPerson, Letter, Fax, Email, WeChat }

/// <summary>Who answers for it (000 L258).</summary>
public enum ComplaintResponsibility { Company, ResidentOrNeighbour, Shared }

public enum ComplaintEventKind
{
    Accepted,
    Replied,
    EscalationAcknowledged,
    Retiered,
    MarkedInvalid,
    MarkedValid,
    HarmStopped,
    Assigned,
    Transferred,
    Note,
    PlanProposed,
    PlanApproved,
    PlanReturned,
    CustomerAgreed,
    Resolved,
    ResultNotified,
    Closed,
    CallbackRecorded,
    Reopened,
    RepairOpened,
    PauseRequested,
    Paused,
    PauseRefused,
    PauseWithdrawn,
    Resumed,
}
