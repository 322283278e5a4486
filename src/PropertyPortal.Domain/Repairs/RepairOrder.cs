using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Sla;

namespace PropertyPortal.Domain.Repairs;

/// <summary>
/// 维修工作单: a repair from acceptance to callback. Every transition is a method that refuses what
/// the current state forbids, moves the order's clocks and appends a timeline event (who, when, what).
/// </summary>
public sealed class RepairOrder : Entity, IRegisteredCase, IPausableCase
{
    private readonly List<RepairOrderEvent> _events = [];

    private RepairOrder() { }

    private RepairOrder(Guid propertyId, string number) => (PropertyId, Number) = (propertyId, number);

    public Guid PropertyId { get; private set; }

    /// <summary>Per property and day: BX20261122-0007.</summary>
    public string Number { get; private set; } = "";

    public Guid? ContactId { get; private set; }

    /// <summary>The complaint this repair was opened from (a complaint can spawn repairs, §3.3).</summary>
    public Guid? ComplaintId { get; private set; }
    public Guid? UnitId { get; private set; }
    public Guid? CustomerId { get; private set; }
    public string ReporterName { get; private set; } = "";
    public string? Phone { get; private set; }
    public string Location { get; private set; } = "";
    public string Description { get; private set; } = "";
    public Guid CategoryId { get; private set; }
    public RepairUrgency Urgency { get; private set; }
    public RepairBilling Billing { get; private set; }
    public RepairResponsibility? Responsibility { get; private set; }
    public DateTime? AppointmentAt { get; private set; }

    // Targets of the category when the order was opened (002 L97–L109).
    public int? ArriveMinutes { get; private set; }
    public int? FinishMinutes { get; private set; }
    public int? FinishWorkingDays { get; private set; }
    public CallbackRule CallbackRule { get; private set; }

    public DateTime ReceivedAt { get; private set; }
    public string? AcceptedById { get; private set; }
    public string AcceptedByName { get; private set; } = "";
    public RepairStatus Status { get; private set; }
    public RepairStatus? StatusBeforePause { get; private set; }
    public string? TechnicianId { get; private set; }
    public string? TechnicianName { get; private set; }
    public DateTime? DispatchedAt { get; private set; }
    public DateTime? PhoneRepliedAt { get; private set; }
    public DateTime? OnSiteAt { get; private set; }
    public DateTime? DoneAt { get; private set; }
    public DateTime? LeakTestAt { get; private set; }
    public string? WorkDone { get; private set; }
    public string? Materials { get; private set; }
    public decimal? Charge { get; private set; }

    /// <summary>The open pause request (pending, or approved until resumed): see <see cref="PauseRequest"/>.</summary>
    public Guid? PauseRequestId { get; private set; }
    public string? CancelReason { get; private set; }
    public DateTime? ClosedAt { get; private set; }
    public int ReopenCount { get; private set; }
    public int ChaseCount { get; private set; }

    public IReadOnlyList<RepairOrderEvent> Events => _events;

    IReadOnlyList<CaseEvent> ICase.Timeline => _events;

    public bool IsOpen => Status is RepairStatus.Accepted or RepairStatus.Dispatched or RepairStatus.OnSite or RepairStatus.Paused;

    public sealed record Intake(
        Guid PropertyId, Guid? UnitId, Guid? CustomerId, Guid? ContactId, string ReporterName, string? Phone, string Location,
        string Description, RepairCategory Category, RepairUrgency Urgency, RepairBilling Billing, RepairResponsibility? Responsibility,
        DateTime? AppointmentAt, DateTime ReceivedAt);

    /// <summary>Accepts a repair (已受理): the acceptance clocks start from the received time.</summary>
    public static RepairOrder Open(string number, Intake intake, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        if (intake.ReceivedAt > nowUtc.AddMinutes(1))
        {
            throw new DomainException("ReceivedInFuture", "The received time cannot be in the future.");
        }

        // Taken straight at the desk, a repair may be entered late by the same 24 hours as a contact;
        // from a contact it keeps the contact's (already checked) received time.
        if (intake.ContactId is null && intake.ReceivedAt < nowUtc - FrontDesk.Contact.BackdateLimit)
        {
            throw new DomainException("BackdateTooFar", "A repair can be backdated by at most 24 hours.");
        }

        if (!intake.Category.IsActive)
        {
            throw new DomainException("CategoryInactive", "The category is no longer used.");
        }

        if (intake.AppointmentAt is { } appt && appt < intake.ReceivedAt)
        {
            throw new DomainException("AppointmentBeforeReceived", "The appointment cannot be before the call.");
        }

        var order = new RepairOrder(intake.PropertyId, Guard.Required(number, nameof(Number)))
        {
            ContactId = intake.ContactId,
            UnitId = intake.UnitId,
            CustomerId = intake.CustomerId,
            ReporterName = Guard.Required(intake.ReporterName, nameof(ReporterName)),
            Phone = Guard.Optional(intake.Phone),
            Location = Guard.Required(intake.Location, nameof(Location)),
            Description = Guard.Required(intake.Description, nameof(Description)),
            CategoryId = intake.Category.Id,
            Urgency = intake.Urgency,
            Billing = intake.Billing,
            Responsibility = intake.Responsibility,
            AppointmentAt = intake.AppointmentAt,
            ArriveMinutes = intake.Category.ArriveMinutes,
            FinishMinutes = intake.Category.FinishMinutes,
            FinishWorkingDays = intake.Category.FinishWorkingDays,
            CallbackRule = intake.Category.CallbackRule,
            ReceivedAt = intake.ReceivedAt,
            AcceptedById = by.UserId,
            AcceptedByName = by.Name,
            Status = RepairStatus.Accepted,
        };

        var policy = clocks.Context.Policy;
        var start = intake.ReceivedAt;
        clocks.Start(order.PropertyId, SlaSubject.RepairOrder, order.Id, SlaMilestone.WorkOrderIssued, by.UserId, SlaTarget.Minutes(policy.WorkOrderIssueMinutes), start, order.Urgency);
        clocks.Start(order.PropertyId, SlaSubject.RepairOrder, order.Id, SlaMilestone.PhoneReply, by.UserId, SlaTarget.Minutes(policy.PhoneReplyMinutes), start, order.Urgency);
        clocks.Start(order.PropertyId, SlaSubject.RepairOrder, order.Id, SlaMilestone.OnSite, by.UserId, order.OnSiteTarget(policy), start, order.Urgency);
        order.Record(RepairEventKind.Accepted, by, nowUtc, null, RepairStatus.Accepted, intake.ReceivedAt < nowUtc.AddMinutes(-5) ? "backdated" : null);
        return order;
    }

    /// <summary>Links the order to the complaint that asked for it, and records that on the complaint's timeline.</summary>
    public void LinkComplaint(Complaints.Complaint complaint, Actor by, DateTime nowUtc)
    {
        if (complaint.PropertyId != PropertyId)
        {
            throw new DomainException("ComplaintOtherProperty", "The complaint belongs to another property.");
        }

        ComplaintId = complaint.Id;
        complaint.RecordRepairOpened(Number, by, nowUtc);
    }

    /// <summary>
    /// 到场或处理 target (002 L21): 特急 and 急 in minutes, tightened by the category's arrive target;
    /// 一般 at the agreed appointment, otherwise by the close of the service day (or the category's
    /// arrive target when that is sooner).
    /// </summary>
    public SlaTarget OnSiteTarget(SlaPolicy policy)
    {
        int? Tighter(int minutes) => ArriveMinutes is { } a ? Math.Min(a, minutes) : minutes;
        return Urgency switch
        {
            RepairUrgency.Emergency => SlaTarget.Minutes(Tighter(policy.EmergencyOnSiteMinutes)!.Value),
            RepairUrgency.Urgent => SlaTarget.Minutes(Tighter(policy.UrgentOnSiteMinutes)!.Value),
            _ when AppointmentAt is { } appt => SlaTarget.At(appt),
            _ when ArriveMinutes is { } a => SlaTarget.Minutes(a),
            _ => SlaTarget.SameServiceDay,
        };
    }

    /// <summary>派工 / 改派: issues the work order to a technician (meets the 3-minute clock).</summary>
    public void Dispatch(string technicianId, string technicianName, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        Require(nameof(Dispatch), RepairStatus.Accepted, RepairStatus.Dispatched, RepairStatus.OnSite);
        if (TechnicianId == technicianId)
        {
            throw new DomainException("AlreadyAssigned", "The order is already with this technician.");
        }

        var reassigned = TechnicianId is not null;
        var from = Status;
        TechnicianId = Guard.Required(technicianId, nameof(TechnicianId));
        TechnicianName = Guard.Required(technicianName, nameof(TechnicianName));
        DispatchedAt ??= nowUtc;
        if (Status == RepairStatus.Accepted)
        {
            Status = RepairStatus.Dispatched;
        }

        clocks.Meet(SlaMilestone.WorkOrderIssued, nowUtc);
        clocks.Reassign(technicianId, SlaMilestone.OnSite, SlaMilestone.Finished);
        Record(reassigned ? RepairEventKind.Reassigned : RepairEventKind.Dispatched, by, nowUtc, from, Status, technicianName);
    }

    /// <summary>The customer was phoned back (or answered face to face): meets the 15-minute clock.</summary>
    public void RecordPhoneReply(string? note, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        if (Status is RepairStatus.Cancelled)
        {
            throw Refused(nameof(RecordPhoneReply));
        }

        if (PhoneRepliedAt is not null)
        {
            throw new DomainException("AlreadyReplied", "The customer was already replied to.");
        }

        PhoneRepliedAt = nowUtc;
        clocks.Meet(SlaMilestone.PhoneReply, nowUtc);
        Record(RepairEventKind.PhoneReplied, by, nowUtc, Status, Status, Guard.Optional(note));
    }

    /// <summary>已到场: the technician is on site; the category's finish clock starts.</summary>
    public void ArriveOnSite(Actor by, DateTime nowUtc, ClockSet clocks)
    {
        Require(nameof(ArriveOnSite), RepairStatus.Dispatched);
        OnSiteAt = nowUtc;
        Status = RepairStatus.OnSite;
        clocks.Meet(SlaMilestone.OnSite, nowUtc);

        // The technician at the door is an answer to the customer: a phone reply not yet recorded is
        // met now (late if its 15 minutes are gone), so no clock keeps running on a finished order.
        clocks.Meet(SlaMilestone.PhoneReply, nowUtc);
        SlaTarget? finish = FinishMinutes is { } m ? SlaTarget.Minutes(m) : FinishWorkingDays is { } d ? SlaTarget.WorkingDays(d) : null;
        if (finish is { } target && clocks.Open(SlaMilestone.Finished) is null)
        {
            clocks.Start(PropertyId, SlaSubject.RepairOrder, Id, SlaMilestone.Finished, TechnicianId, target, nowUtc, Urgency);
        }

        Record(RepairEventKind.OnSite, by, nowUtc, RepairStatus.Dispatched, Status, null);
    }

    /// <summary>
    /// 已完工: work, materials and (for a paid repair) the charge are recorded; the callback is
    /// scheduled (every repair gets one, 000 L230) and the order waits for it.
    /// </summary>
    public Callbacks.Callback Complete(string workDone, string? materials, decimal? charge, DateTime? leakTestAt, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        Require(nameof(Complete), RepairStatus.OnSite);
        if (Billing == RepairBilling.Paid && charge is null)
        {
            throw new DomainException("ChargeRequired", "A paid repair needs the amount charged.");
        }

        if (charge is < 0 or > 1_000_000)
        {
            throw new DomainException("ChargeOutOfRange", "The charge is out of range.");
        }

        if (leakTestAt is { } t && (t < OnSiteAt || t > nowUtc.AddDays(14)))
        {
            throw new DomainException("LeakTestOutOfRange", "The leak test is between arrival and two weeks ahead.");
        }

        WorkDone = Guard.Required(workDone, nameof(WorkDone));
        Materials = Guard.Optional(materials);
        Charge = Billing == RepairBilling.Paid ? charge : null;
        DoneAt = nowUtc;
        LeakTestAt = CallbackRule == CallbackRule.Leak ? leakTestAt ?? nowUtc : null;
        clocks.Meet(SlaMilestone.Finished, nowUtc);
        Record(RepairEventKind.Done, by, nowUtc, RepairStatus.OnSite, RepairStatus.Done, null);

        var policy = clocks.Context.Policy;
        var (start, days) = CallbackRule switch
        {
            CallbackRule.Leak => (LeakTestAt!.Value, policy.CallbackLeakDays),
            CallbackRule.Safety => (nowUtc, policy.CallbackSafetyDays),
            _ => (nowUtc, policy.CallbackOtherDays),
        };
        var callback = Callbacks.Callback.ForRepair(this, AcceptedById, AcceptedByName, start.AddDays(days), nowUtc);
        clocks.Start(PropertyId, SlaSubject.Callback, callback.Id, SlaMilestone.Callback, AcceptedById, SlaTarget.Days(days), start);
        Status = RepairStatus.AwaitingCallback;
        Record(RepairEventKind.CallbackScheduled, by, nowUtc, RepairStatus.Done, Status, null);
        return callback;
    }

    private static readonly PauseReason[] RepairPauseReasons =
        [PauseReason.OwnerNotHome, PauseReason.WaitingForParts, PauseReason.CustomerUnreachable, PauseReason.Other];

    bool IPausableCase.IsPaused => Status == RepairStatus.Paused;

    /// <summary>An order being worked (accepted, dispatched, on site) with no request open may ask for a pause.</summary>
    public IReadOnlyList<PauseReason> PauseReasonsNow =>
        PauseRequestId is null && Status is RepairStatus.Accepted or RepairStatus.Dispatched or RepairStatus.OnSite ? RepairPauseReasons : [];

    /// <summary>暂停申请: the handler asks (owner not home, waiting for parts…); the clocks keep running until a supervisor approves.</summary>
    public PauseRequest RequestPause(PauseReason reason, string? note, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        Require(nameof(RequestPause), RepairStatus.Accepted, RepairStatus.Dispatched, RepairStatus.OnSite);
        var request = PauseRequest.Ask(this, SlaSubject.RepairOrder, reason, note, by, nowUtc, clocks);
        PauseRequestId = request.Id;
        Record(RepairEventKind.PauseRequested, by, nowUtc, Status, Status, request.Describe());
        return request;
    }

    /// <summary>暂停: a supervisor approved; every running clock of the order stops from now.</summary>
    public void ApprovePause(PauseRequest request, string? note, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        Require(nameof(ApprovePause), RepairStatus.Accepted, RepairStatus.Dispatched, RepairStatus.OnSite);
        request.Approve(this, note, by, nowUtc, clocks);
        StatusBeforePause = Status;
        Status = RepairStatus.Paused;
        clocks.PauseAll(nowUtc);
        Record(RepairEventKind.Paused, by, nowUtc, StatusBeforePause, Status, request.DecisionNote is { } n ? $"{request.Reason}: {n}" : request.Reason.ToString());
    }

    /// <summary>The supervisor refused: nothing pauses; the handler is told.</summary>
    public void RefusePause(PauseRequest request, string note, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        request.Refuse(this, note, by, nowUtc, clocks);
        PauseRequestId = null;
        Record(RepairEventKind.PauseRefused, by, nowUtc, Status, Status, request.DecisionNote);
    }

    public void WithdrawPause(PauseRequest request, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        request.Withdraw(this, by, nowUtc, clocks);
        PauseRequestId = null;
        Record(RepairEventKind.PauseWithdrawn, by, nowUtc, Status, Status, null);
    }

    /// <summary>恢复: the clocks run again; due times move later by exactly the time paused.</summary>
    public void ResumeFromPause(PauseRequest request, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        Require(nameof(ResumeFromPause), RepairStatus.Paused);
        request.End(this, by, nowUtc);
        PauseRequestId = null;
        Status = StatusBeforePause ?? RepairStatus.Accepted;
        StatusBeforePause = null;
        clocks.ResumeAll(nowUtc);
        Record(RepairEventKind.Resumed, by, nowUtc, RepairStatus.Paused, Status, null);
    }

    /// <summary>已取消 with a reason; every open clock stops for good.</summary>
    public void Cancel(string reason, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        Require(nameof(Cancel), RepairStatus.Accepted, RepairStatus.Dispatched, RepairStatus.OnSite, RepairStatus.Paused);
        var from = Status;
        CancelReason = Guard.Required(reason, nameof(CancelReason));
        Status = RepairStatus.Cancelled;
        StatusBeforePause = null;

        // A request still open lapses with the order (its approval clock is cancelled with the others).
        PauseRequestId = null;
        clocks.CancelAll();
        Record(RepairEventKind.Cancelled, by, nowUtc, from, Status, CancelReason);
    }

    /// <summary>
    /// 返修: a done or closed order comes back (callback found it not fixed, or the owner called
    /// again). It returns to its technician with a new on-site clock from now.
    /// </summary>
    public void Reopen(string reason, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        Require(nameof(Reopen), RepairStatus.Done, RepairStatus.AwaitingCallback, RepairStatus.Closed);
        var from = Status;
        ReopenCount++;
        ClosedAt = null;
        DoneAt = null;
        OnSiteAt = null;
        Status = TechnicianId is null ? RepairStatus.Accepted : RepairStatus.Dispatched;
        clocks.Open(SlaMilestone.Callback)?.Cancel();
        var assignee = TechnicianId ?? AcceptedById;
        clocks.Start(PropertyId, SlaSubject.RepairOrder, Id, SlaMilestone.OnSite, assignee,
            Urgency == RepairUrgency.Normal ? SlaTarget.SameServiceDay : OnSiteTarget(clocks.Context.Policy), nowUtc, Urgency);
        Record(RepairEventKind.Reopened, by, nowUtc, from, Status, Guard.Required(reason, "Reason"));
    }

    /// <summary>已关闭: the callback confirmed the repair (or the owner declined the callback).</summary>
    public void Close(Actor by, DateTime nowUtc)
    {
        Require(nameof(Close), RepairStatus.AwaitingCallback, RepairStatus.Done);
        var from = Status;
        Status = RepairStatus.Closed;
        ClosedAt = nowUtc;
        Record(RepairEventKind.Closed, by, nowUtc, from, Status, null);
    }

    /// <summary>催单: the owner chased the order; recorded and shown to the supervisor.</summary>
    public void Chase(string? note, Actor by, DateTime nowUtc)
    {
        if (!IsOpen)
        {
            throw Refused(nameof(Chase));
        }

        ChaseCount++;
        Record(RepairEventKind.Chased, by, nowUtc, Status, Status, Guard.Optional(note));
    }

    /// <summary>The agreed time changed: a normal order's on-site clock follows it.</summary>
    public void ChangeAppointment(DateTime? appointmentUtc, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        Require(nameof(ChangeAppointment), RepairStatus.Accepted, RepairStatus.Dispatched, RepairStatus.Paused);
        if (appointmentUtc is { } appt && appt < ReceivedAt)
        {
            throw new DomainException("AppointmentBeforeReceived", "The appointment cannot be before the call.");
        }

        AppointmentAt = appointmentUtc;
        if (clocks.Open(SlaMilestone.OnSite) is { } onSite)
        {
            onSite.Retarget(OnSiteTarget(clocks.Context.Policy), clocks.Context.Calendar);
        }

        Record(RepairEventKind.AppointmentChanged, by, nowUtc, Status, Status, appointmentUtc?.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }

    internal void RecordCallback(Actor by, DateTime nowUtc, string note) =>
        Record(RepairEventKind.CallbackRecorded, by, nowUtc, Status, Status, note);

    private void Require(string action, params RepairStatus[] allowed)
    {
        if (!allowed.Contains(Status))
        {
            throw Refused(action);
        }
    }

    private DomainException Refused(string action) =>
        new("RepairTransitionRefused", $"{action} is not allowed when the order is {Status}.");

    private void Record(RepairEventKind kind, Actor by, DateTime at, RepairStatus? from, RepairStatus to, string? note) =>
        _events.Add(new RepairOrderEvent(PropertyId, Id, kind, at, by, from, to, note));
}

/// <summary>One line of an order's timeline, with the status it moved from and to.</summary>
public sealed class RepairOrderEvent : CaseEvent
{
    private RepairOrderEvent() { }

    internal RepairOrderEvent(Guid propertyId, Guid orderId, RepairEventKind kind, DateTime at, Actor by, RepairStatus? from, RepairStatus to, string? note)
        : base(propertyId, by, at, note)
    {
        RepairOrderId = orderId;
        Kind = kind;
        FromStatus = from;
        ToStatus = to;
    }

    public Guid RepairOrderId { get; private set; }
    public RepairEventKind Kind { get; private set; }
    public RepairStatus? FromStatus { get; private set; }
    public RepairStatus ToStatus { get; private set; }
}
