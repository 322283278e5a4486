namespace PropertyPortal.Domain.Sla;

/// <summary>What a clock belongs to. Later features (complaints, move-in, renovation, fees) add theirs.</summary>
public enum SlaSubject { RepairOrder, Callback }

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

    /// <summary>Escalation to the property's supervisors.</summary>
    EscalatedToSupervisor = 3,

    /// <summary>Escalation to the managers.</summary>
    EscalatedToManager = 4,
}
