using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Sla;

namespace PropertyPortal.Domain.Services;

/// <summary>
/// 服务请求: one request of the front desk's service catalog (a pass, a meeting room, a large-item release …)
/// from acceptance to done, on the clock its catalog entry promises (002 L30–L38). A request that needs approval
/// runs on the approval's clock (放行: 10 minutes) until a supervisor decides; any other on the done clock.
/// Every transition refuses what the state forbids, moves the clocks and writes the timeline (who, when, what).
/// </summary>
public sealed class ServiceRequest : Entity, IRegisteredCase
{
    private readonly List<ServiceRequestEvent> _events = [];

    private ServiceRequest() { }

    private ServiceRequest(Guid propertyId, string number) => (PropertyId, Number) = (propertyId, number);

    public Guid PropertyId { get; private set; }

    /// <summary>Per property and day: FW20260115-0003 (服务), FX… for a release slip (放行).</summary>
    public string Number { get; private set; } = "";

    /// <summary>The catalog entry (<see cref="ServiceType"/>): the register's category.</summary>
    public Guid CategoryId { get; private set; }

    public string TypeName { get; private set; } = "";
    public ServiceKind Kind { get; private set; }
    public Guid? ContactId { get; private set; }
    public Guid? UnitId { get; private set; }
    public Guid? CustomerId { get; private set; }
    public string RequesterName { get; private set; } = "";
    public string? Phone { get; private set; }
    public string? Description { get; private set; }
    public DateTime ReceivedAt { get; private set; }
    public string? AcceptedById { get; private set; }
    public string AcceptedByName { get; private set; } = "";
    public string? HandlerId { get; private set; }
    public string? HandlerName { get; private set; }
    public ServiceStatus Status { get; private set; }
    public bool RequiresApproval { get; private set; }

    /// <summary>The catalog's promise when the request was taken.</summary>
    public SlaTargetKind TargetKind { get; private set; }

    public int TargetValue { get; private set; }
    public bool ChargesFee { get; private set; }
    public DateTime? DecidedAt { get; private set; }
    public string? DecidedById { get; private set; }
    public string? DecidedByName { get; private set; }
    public string? DecisionNote { get; private set; }
    public DateTime? CompletedAt { get; private set; }
    public string? CompletedByName { get; private set; }
    public string? CompletionNote { get; private set; }

    /// <summary>What went on the unit's account when it was done (null: nothing charged).</summary>
    public decimal? Fee { get; private set; }

    public string? CancelReason { get; private set; }

    // 放行 (Kind = Release): the slip's lines and what was checked.
    public string? ReleaseItems { get; private set; }
    public string? CarrierName { get; private set; }
    public string? CarrierPhone { get; private set; }
    public DateOnly? ReleaseDate { get; private set; }
    public ReleaseRelation? ApplicantRelation { get; private set; }
    public bool MovingOut { get; private set; }
    public bool OwnerConsent { get; private set; }

    /// <summary>What the unit owed at the last check (intake, then approval).</summary>
    public decimal? OwedAtCheck { get; private set; }

    /// <summary>Of a booking (Kind = Booking): the resource and time it holds.</summary>
    public Booking? Booking { get; private set; }

    public IReadOnlyList<ServiceRequestEvent> Events => _events;

    IReadOnlyList<CaseEvent> ICase.Timeline => _events;

    public bool IsOpen => Status is ServiceStatus.PendingApproval or ServiceStatus.Accepted or ServiceStatus.Approved;

    /// <summary>The slip may be printed: approved (or released already), never before.</summary>
    public bool SlipPrintable => Kind == ServiceKind.Release && Status is ServiceStatus.Approved or ServiceStatus.Completed;

    public ReleaseDetails? Release => Kind == ServiceKind.Release && ReleaseItems is not null
        ? new(ReleaseItems, CarrierName ?? "", CarrierPhone, ReleaseDate ?? default, ApplicantRelation, MovingOut, OwnerConsent, OwedAtCheck ?? 0)
        : null;

    /// <summary>What the desk took: the request, the booking's slots or the release's details when its kind has them.</summary>
    public sealed record Intake(
        Guid PropertyId, ServiceType Type, Guid? UnitId, Guid? CustomerId, Guid? ContactId, string RequesterName, string? Phone, string? Description,
        DateTime ReceivedAt, string? HandlerId, string? HandlerName, BookableResource? Resource = null, IReadOnlyList<DateTime>? Slots = null,
        ReleaseDetails? Release = null);

    /// <summary>已受理 (or 待审批): the catalog's clock starts from the received time.</summary>
    public static ServiceRequest Open(string number, Intake intake, Actor by, DateTime nowUtc, DateOnly today, ClockSet clocks)
    {
        var type = intake.Type;
        if (!type.IsActive)
        {
            throw new DomainException("ServiceTypeInactive", "This service is no longer offered.");
        }

        if (intake.ReceivedAt > nowUtc.AddMinutes(1))
        {
            throw new DomainException("ReceivedInFuture", "The received time cannot be in the future.");
        }

        if (intake.ContactId is null && intake.ReceivedAt < nowUtc - FrontDesk.Contact.BackdateLimit)
        {
            throw new DomainException("BackdateTooFar", "A request can be backdated by at most 24 hours.");
        }

        var request = new ServiceRequest(intake.PropertyId, Guard.Required(number, nameof(Number)))
        {
            CategoryId = type.Id,
            TypeName = type.Name,
            Kind = type.Kind,
            ContactId = intake.ContactId,
            UnitId = intake.UnitId,
            CustomerId = intake.CustomerId,
            RequesterName = Guard.Required(intake.RequesterName, nameof(RequesterName)),
            Phone = Guard.Optional(intake.Phone),
            Description = Guard.Optional(intake.Description),
            ReceivedAt = intake.ReceivedAt,
            AcceptedById = by.UserId,
            AcceptedByName = by.Name,
            HandlerId = intake.HandlerId ?? by.UserId,
            HandlerName = intake.HandlerId is null ? by.Name : Guard.Required(intake.HandlerName, nameof(HandlerName)),
            RequiresApproval = type.RequiresApproval,
            TargetKind = type.Target.Kind,
            TargetValue = type.TargetValue,
            ChargesFee = type.ChargesFee,
            Status = type.RequiresApproval ? ServiceStatus.PendingApproval : ServiceStatus.Accepted,
        };

        if (type.Kind == ServiceKind.Release)
        {
            if (intake.Release is not { } release)
            {
                throw new DomainException("ReleaseNoItems", "List what leaves, one item per line.");
            }

            if (intake.UnitId is null)
            {
                throw new DomainException("ReleaseNeedsUnit", "A release is for a unit.");
            }

            request.CheckRelease(release, today);
        }

        request.Record(ServiceEventKind.Accepted, by, nowUtc, type.Name);
        if (type.Kind == ServiceKind.Booking)
        {
            if (intake.Resource is not { } resource || intake.Slots is not { Count: > 0 } slots)
            {
                throw new DomainException("BookingNeedsSlots", "Pick the resource and the time.");
            }

            if (resource.Kind != type.ResourceKind)
            {
                throw new DomainException("ResourceWrongKind", "This resource is not booked by this service.");
            }

            request.Booking = new Booking(request, resource, slots);
            request.Record(ServiceEventKind.Booked, by, nowUtc, resource.Name);
        }

        var milestone = request.RequiresApproval ? SlaMilestone.ServiceApproval : SlaMilestone.ServiceDone;
        clocks.Start(request.PropertyId, SlaSubject.ServiceRequest, request.Id, milestone, request.HandlerId, type.Target, intake.ReceivedAt);
        return request;
    }

    /// <summary>转派: another handler; the open clock's warnings go to them.</summary>
    public void Assign(string handlerId, string handlerName, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        Require(nameof(Assign), ServiceStatus.PendingApproval, ServiceStatus.Accepted, ServiceStatus.Approved);
        if (HandlerId == handlerId)
        {
            throw new DomainException("AlreadyAssigned", "The request is already with this handler.");
        }

        HandlerId = Guard.Required(handlerId, nameof(HandlerId));
        HandlerName = Guard.Required(handlerName, nameof(HandlerName));
        clocks.Reassign(handlerId, SlaMilestone.ServiceDone, SlaMilestone.ServiceApproval);
        Record(ServiceEventKind.Assigned, by, nowUtc, handlerName);
    }

    /// <summary>
    /// 批准 (a supervisor): meets the approval clock. A release is checked again with what the unit owes now —
    /// a tenant moving out may have settled since, or fallen behind.
    /// </summary>
    public void Approve(string? note, decimal? owedNow, Actor by, DateTime nowUtc, DateOnly today, ClockSet clocks)
    {
        Require(nameof(Approve), ServiceStatus.PendingApproval);
        if (by.UserId is null)
        {
            throw new DomainException("ServiceDecisionNeedsUser", "A decision is made by a signed-in supervisor.");
        }

        if (Release is { } release)
        {
            CheckRelease(release with { Owed = owedNow ?? release.Owed }, today);
        }

        Status = ServiceStatus.Approved;
        Decide(note, by, nowUtc);
        clocks.Meet(SlaMilestone.ServiceApproval, nowUtc);
        Record(ServiceEventKind.Approved, by, nowUtc, DecisionNote);
    }

    /// <summary>驳回 with the reason: a decision in time meets the approval clock; a booking gives its slots back.</summary>
    public void Reject(string reason, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        Require(nameof(Reject), ServiceStatus.PendingApproval);
        if (by.UserId is null)
        {
            throw new DomainException("ServiceDecisionNeedsUser", "A decision is made by a signed-in supervisor.");
        }

        Status = ServiceStatus.Rejected;
        Decide(Guard.Required(reason, "Reason"), by, nowUtc);
        clocks.Meet(SlaMilestone.ServiceApproval, nowUtc);
        clocks.CancelAll();
        Booking?.Cancel(DecisionNote!, by, nowUtc);
        Record(ServiceEventKind.Rejected, by, nowUtc, DecisionNote);
    }

    /// <summary>
    /// 办结 (a release: 已放行 at the gate): meets the done clock. <paramref name="fee"/> is what goes on the unit's
    /// account — only for a catalog entry that charges, only with a unit; the caller puts the charge on the ledger.
    /// </summary>
    public void Complete(string? note, decimal? fee, Actor by, DateTime nowUtc, DateOnly today, ClockSet clocks)
    {
        Require(nameof(Complete), ServiceStatus.Accepted, ServiceStatus.Approved);
        if (fee is { } amount)
        {
            if (!ChargesFee)
            {
                throw new DomainException("ServiceNoFee", "This service is free of charge.");
            }

            if (UnitId is null)
            {
                throw new DomainException("ServiceFeeNeedsUnit", "A fee goes on a unit's account: pick the unit.");
            }

            if (!Fees.Money.IsValidAmount(amount))
            {
                throw new DomainException("AmountOutOfRange", "A charge is a positive amount in yuan with at most 2 decimals.");
            }
        }

        if (Kind == ServiceKind.Release && ReleaseDate is { } day && day != today)
        {
            // The slip is for its day: the gate releases nothing before it, and an old slip is dead.
            throw new DomainException("ReleaseNotToday", "The slip is valid on its release date only.");
        }

        Status = ServiceStatus.Completed;
        CompletedAt = nowUtc;
        CompletedByName = by.Name;
        CompletionNote = Guard.Optional(note);
        Fee = fee;
        clocks.Meet(SlaMilestone.ServiceDone, nowUtc);
        Record(ServiceEventKind.Completed, by, nowUtc, CompletionNote);
        if (fee is { } charged)
        {
            Record(ServiceEventKind.Charged, by, nowUtc, charged.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>已取消 with the reason: every open clock stops; a booking gives its slots back.</summary>
    public void Cancel(string reason, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        Require(nameof(Cancel), ServiceStatus.PendingApproval, ServiceStatus.Accepted, ServiceStatus.Approved);
        CancelReason = Guard.Required(reason, nameof(CancelReason));
        Status = ServiceStatus.Cancelled;
        clocks.CancelAll();
        if (Booking is { Status: BookingStatus.Booked } booking)
        {
            booking.Cancel(CancelReason, by, nowUtc);
        }

        Record(ServiceEventKind.Cancelled, by, nowUtc, CancelReason);
    }

    /// <summary>
    /// 取消预订 after the booking was registered (the request is done): the slots go back, the booking keeps its reason.
    /// Refused once the booked time has begun.
    /// </summary>
    public void CancelBooking(string reason, Actor by, DateTime nowUtc)
    {
        if (Status != ServiceStatus.Completed || Booking is not { Status: BookingStatus.Booked } booking)
        {
            throw Refused(nameof(CancelBooking));
        }

        if (booking.StartsAt <= nowUtc)
        {
            throw new DomainException("BookingStarted", "The booked time has begun.");
        }

        booking.Cancel(reason, by, nowUtc);
        Record(ServiceEventKind.BookingCancelled, by, nowUtc, booking.CancelReason);
    }

    /// <summary>The request's unpaid charge was reversed with the booking (recorded on the timeline).</summary>
    public void RecordChargeReversed(string note, Actor by, DateTime nowUtc) => Record(ServiceEventKind.ChargeReversed, by, nowUtc, note);

    private void CheckRelease(ReleaseDetails release, DateOnly today)
    {
        ReleaseRules.Verify(release, today);
        ReleaseItems = string.Join('\n', release.ItemLines);
        CarrierName = release.CarrierName.Trim();
        CarrierPhone = Guard.Optional(release.CarrierPhone);
        ReleaseDate = release.ReleaseDate;
        ApplicantRelation = release.Relation;
        MovingOut = release.MovingOut;
        OwnerConsent = release.OwnerConsent;
        OwedAtCheck = release.Owed;
    }

    private void Decide(string? note, Actor by, DateTime nowUtc)
    {
        DecidedAt = nowUtc;
        DecidedById = by.UserId;
        DecidedByName = by.Name;
        DecisionNote = Guard.Optional(note);
    }

    private void Require(string action, params ServiceStatus[] allowed)
    {
        if (!allowed.Contains(Status))
        {
            throw Refused(action);
        }
    }

    private DomainException Refused(string action) =>
        new("ServiceTransitionRefused", $"{action} is not allowed when the request is {Status}.");

    private void Record(ServiceEventKind kind, Actor by, DateTime at, string? note) =>
        _events.Add(new ServiceRequestEvent(PropertyId, Id, kind, at, by, Status, note));
}

/// <summary>One line of a request's timeline, with the status it left the request in.</summary>
public sealed class ServiceRequestEvent : CaseEvent
{
    private ServiceRequestEvent() { }

    internal ServiceRequestEvent(Guid propertyId, Guid requestId, ServiceEventKind kind, DateTime at, Actor by, ServiceStatus status, string? note)
        : base(propertyId, by, at, note)
    {
        ServiceRequestId = requestId;
        Kind = kind;
        Status = status;
    }

    public Guid ServiceRequestId { get; private set; }
    public ServiceEventKind Kind { get; private set; }
    public ServiceStatus Status { get; private set; }
}
