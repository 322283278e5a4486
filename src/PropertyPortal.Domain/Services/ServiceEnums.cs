namespace PropertyPortal.Domain.Services;

/// <summary>What a request of a catalog entry involves beyond "do it within the promised time".</summary>
public enum ServiceKind
{
    /// <summary>Passes, parking, name boards, storage, enquiries …: done (办结) within the clock.</summary>
    General,

    /// <summary>Meeting rooms, the freight lift, after-hours air-conditioning: a resource booked by time slot.</summary>
    Booking,

    /// <summary>大件物品放行: the item list and who carries it, checked against the unit, approved, a numbered slip for the gate.</summary>
    Release,

    /// <summary>失物招领 / 协助调查失物: the owner is answered within the clock (002 L61: 1 hour).</summary>
    LostAndFound,
}

/// <summary>Who handles requests of a catalog entry (the role whose people the handler is picked from).</summary>
public enum ServiceHandlerRole { FrontDesk, Steward, Supervisor, Technician }

/// <summary>待审批 → 已批准 → 已办结, or 已受理 → 已办结; also 已驳回 and 已取消.</summary>
public enum ServiceStatus { PendingApproval, Accepted, Approved, Completed, Rejected, Cancelled }

public enum ServiceEventKind
{
    Accepted,
    Assigned,
    Booked,
    Approved,
    Rejected,
    Completed,
    Charged,
    Cancelled,
    BookingCancelled,
    ChargeReversed,
}

/// <summary>What a bookable resource is: 会议室, 货梯, 加时空调 (per zone).</summary>
public enum ResourceKind { MeetingRoom, FreightLift, AirConditioning }

public enum BookingStatus { Booked, Cancelled }

/// <summary>How the applicant of a release stands to the unit: its owner or tenant today, or someone holding the owner's authorisation.</summary>
public enum ReleaseRelation { Owner, Tenant, Authorised }

/// <summary>在库 → 已认领, or 已处理 once unclaimed long enough.</summary>
public enum FoundItemStatus { Held, Claimed, Disposed }
