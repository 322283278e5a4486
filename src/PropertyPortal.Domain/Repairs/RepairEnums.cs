namespace PropertyPortal.Domain.Repairs;

/// <summary>特急 / 急 / 一般 (002 L21).</summary>
public enum RepairUrgency { Emergency, Urgent, Normal }

/// <summary>保修 (in warranty, free to the owner) or 有偿 (paid).</summary>
public enum RepairBilling { Warranty, Paid }

/// <summary>Who answers for the fault (001 L414–L474): routes the work and the bill.</summary>
public enum RepairResponsibility
{
    /// <summary>公共设施: the property's own engineering.</summary>
    CommonArea,

    /// <summary>户内使用不当: paid repair.</summary>
    Household,

    /// <summary>保修期内 / 施工质量: the developer.</summary>
    Developer,

    /// <summary>市政管线: the utility company.</summary>
    Utility,
}

/// <summary>已受理 → 已派工 → 已到场 → 已完工 → 待回访 → 已关闭; also 暂停 and 已取消 (§3.2).</summary>
public enum RepairStatus { Accepted, Dispatched, OnSite, Done, AwaitingCallback, Closed, Paused, Cancelled }

/// <summary>Which callback deadline a repair gets (000 L230).</summary>
public enum CallbackRule { Other, Safety, Leak }

public enum RepairEventKind
{
    Accepted,
    Dispatched,
    Reassigned,
    PhoneReplied,
    OnSite,
    Done,
    Paused,
    Resumed,
    Cancelled,
    Reopened,
    Closed,
    Chased,
    AppointmentChanged,
    CallbackScheduled,
    CallbackRecorded,
    PauseRequested,
    PauseRefused,
    PauseWithdrawn,
}
