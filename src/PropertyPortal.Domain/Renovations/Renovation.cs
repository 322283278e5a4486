using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Sla;

namespace PropertyPortal.Domain.Renovations;

/// <summary>What the desk records when an owner applies to renovate (000 L238–L250; 002 L92).</summary>
public sealed record RenovationApplication(
    Guid PropertyId, Guid UnitId, Guid? CustomerId, string ApplicantName, string? ApplicantPhone, bool ByAgent, bool DocumentsChecked,
    string ContractorName, string? ContractorLicence, string? ContractorPhone, RenovationScope Scope, bool Structural, string Description,
    DateOnly StartDate, DateOnly EndDate, int Workers, string WorkingHours, DateTime ReceivedAt);

/// <summary>
/// 装修: one unit's renovation from application to the deposit coming back. The review chain is customer
/// service → engineering → the Manager, each on its own clock inside the scope's approval clock (2 / 3 / 5
/// working days, 002 L92); a structural change cannot pass engineering without the authority's approval
/// document. Approval charges the deposit and the debris fee; the permit needs the deposit paid. While the
/// works run the site is patrolled in each half of the service day, and a violation found on patrol gets its
/// written notice within 24 hours. Works end with an inspection at the booked time, done within 1 hour of
/// arrival; a pass opens the refund (processed in 2 working days, paid in 3), a fail a rectification and a
/// new inspection. Every limit is the property's <see cref="SlaPolicy"/> setting, read from the clock set's
/// context; the numbers here are the seeds' defaults.
/// </summary>
public sealed class Renovation : Entity, ICase, IPausableCase
{
    private readonly List<RenovationEvent> _events = [];
    private readonly List<RenovationPass> _passes = [];
    private readonly List<RenovationPermit> _permits = [];
    private readonly List<RenovationPatrol> _patrols = [];

    private Renovation() { }

    public static Renovation Submit(string number, RenovationApplication a, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        if (a.EndDate < a.StartDate || a.Workers is < 1 or > 500)
        {
            throw new DomainException("RenovationDatesInvalid", "The works end after they start, with 1 to 500 workers.");
        }

        if (!a.DocumentsChecked)
        {
            throw new DomainException("RenovationDocumentsMissing", "The applicant's ID (or power of attorney) and the plans must be checked first (资料齐全).");
        }

        var r = new Renovation
        {
            PropertyId = a.PropertyId, UnitId = a.UnitId, CustomerId = a.CustomerId, Number = number,
            ApplicantName = Guard.Required(a.ApplicantName, nameof(ApplicantName)), ApplicantPhone = Guard.Optional(a.ApplicantPhone), ByAgent = a.ByAgent,
            ContractorName = Guard.Required(a.ContractorName, nameof(ContractorName)), ContractorLicence = Guard.Optional(a.ContractorLicence),
            ContractorPhone = Guard.Optional(a.ContractorPhone), Scope = a.Scope, Structural = a.Structural,
            Description = Guard.Required(a.Description, nameof(Description)), StartDate = a.StartDate, EndDate = a.EndDate, Workers = a.Workers,
            WorkingHours = Guard.Required(a.WorkingHours, nameof(WorkingHours)), ReceivedAt = a.ReceivedAt, Status = RenovationStatus.Submitted,
        };
        var policy = clocks.Context.Policy;
        clocks.Start(r.PropertyId, SlaSubject.Renovation, r.Id, SlaMilestone.RenovationApproval, by.UserId,
            SlaTarget.WorkingDays(policy.RenovationApprovalWorkingDays(a.Scope)), a.ReceivedAt);
        clocks.Start(r.PropertyId, SlaSubject.Renovation, r.Id, SlaMilestone.RenovationServiceReview, null, ReviewStep(clocks), nowUtc);
        r.Record(RenovationEventKind.Submitted, by, nowUtc, a.Description);
        return r;
    }

    /// <summary>One review step's clock (customer service, engineering, the Manager): the property's setting, 1 working day by default.</summary>
    private static SlaTarget ReviewStep(ClockSet clocks) => SlaTarget.WorkingDays(clocks.Context.Policy.RenovationReviewStepWorkingDays);

    public Guid PropertyId { get; private set; }
    public Guid UnitId { get; private set; }
    public Guid? CustomerId { get; private set; }
    public string Number { get; private set; } = "";
    public string ApplicantName { get; private set; } = "";
    public string? ApplicantPhone { get; private set; }

    /// <summary>Applied for by an agent with a power of attorney (委托书).</summary>
    public bool ByAgent { get; private set; }

    public string ContractorName { get; private set; } = "";
    public string? ContractorLicence { get; private set; }
    public string? ContractorPhone { get; private set; }
    public RenovationScope Scope { get; private set; }

    /// <summary>Changes the structure: needs the authority's approval document before engineering passes it.</summary>
    public bool Structural { get; private set; }

    public bool AuthorityApprovalAttached { get; private set; }
    public string Description { get; private set; } = "";
    public DateOnly StartDate { get; private set; }
    public DateOnly EndDate { get; private set; }
    public int Workers { get; private set; }
    public string WorkingHours { get; private set; } = "";
    public DateTime ReceivedAt { get; private set; }
    public RenovationStatus Status { get; private set; }
    public string? ReturnReason { get; private set; }
    public DateTime? DecidedAt { get; private set; }
    public string? DecidedBy { get; private set; }
    public bool AgreementSigned { get; private set; }
    public Guid? DepositChargeId { get; private set; }
    public Guid? DebrisChargeId { get; private set; }
    public string? PermitNumber { get; private set; }
    public DateTime? PermitIssuedAt { get; private set; }
    public DateTime? InspectionBookedFor { get; private set; }
    public DateTime? InspectionArrivedAt { get; private set; }
    public DateTime? AcceptedAt { get; private set; }
    public string? AcceptedBy { get; private set; }
    public DateTime? RefundProcessedAt { get; private set; }
    public DateTime? ClosedAt { get; private set; }

    /// <summary>The open pause request (pending, or approved until resumed).</summary>
    public Guid? PauseRequestId { get; private set; }

    /// <summary>Since when the review clocks are stopped, waiting for the authority's approval document.</summary>
    public DateTime? PausedAt { get; private set; }

    public bool IsPaused => PausedAt is not null;

    public IReadOnlyList<RenovationEvent> Events => _events;
    IReadOnlyList<CaseEvent> ICase.Timeline => _events;
    public IReadOnlyList<RenovationPass> Passes => _passes;
    public IReadOnlyList<RenovationPermit> Permits => _permits;
    public IReadOnlyList<RenovationPatrol> Patrols => _patrols;

    public bool WorksRunning => Status is RenovationStatus.InProgress or RenovationStatus.InspectionBooked or RenovationStatus.Rectifying;

    public void AttachAuthorityApproval(Actor by, DateTime nowUtc)
    {
        AuthorityApprovalAttached = true;
        Record(RenovationEventKind.AuthorityAttached, by, nowUtc, null);
    }

    /// <summary>客服审核: the file is complete. Starts engineering's one-day clock.</summary>
    public void ServiceReview(string? note, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        Expect(RenovationStatus.Submitted);
        RequireNotPaused();
        Status = RenovationStatus.ServiceReviewed;
        clocks.Meet(SlaMilestone.RenovationServiceReview, nowUtc);
        clocks.Start(PropertyId, SlaSubject.Renovation, Id, SlaMilestone.RenovationEngineeringReview, null, ReviewStep(clocks), nowUtc);
        Record(RenovationEventKind.ServiceReviewed, by, nowUtc, note);
    }

    /// <summary>工程审核: the plans are safe for the building's systems. A structural change needs the authority's document.</summary>
    public void EngineeringReview(string? note, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        Expect(RenovationStatus.ServiceReviewed);
        RequireNotPaused();
        if (Structural && !AuthorityApprovalAttached)
        {
            throw new DomainException("AuthorityApprovalRequired", "A structural change needs the authority's approval document.");
        }

        Status = RenovationStatus.EngineeringReviewed;
        clocks.Meet(SlaMilestone.RenovationEngineeringReview, nowUtc);
        clocks.Start(PropertyId, SlaSubject.Renovation, Id, SlaMilestone.RenovationDecision, null, ReviewStep(clocks), nowUtc);
        Record(RenovationEventKind.EngineeringReviewed, by, nowUtc, note);
    }

    /// <summary>退回 with reasons, at any review step; the approval clock keeps running for the resubmission.</summary>
    public void Return(string reason, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        RequireNotPaused();
        if (Status is not (RenovationStatus.Submitted or RenovationStatus.ServiceReviewed or RenovationStatus.EngineeringReviewed))
        {
            throw new DomainException("RenovationStateInvalid", "Only an application under review can be returned.");
        }

        ReturnReason = Guard.Required(reason, nameof(ReturnReason));
        Status = RenovationStatus.Returned;
        clocks.Cancel(SlaMilestone.RenovationServiceReview);
        clocks.Cancel(SlaMilestone.RenovationEngineeringReview);
        clocks.Cancel(SlaMilestone.RenovationDecision);
        clocks.Pause(SlaMilestone.RenovationApproval, nowUtc);
        Record(RenovationEventKind.Returned, by, nowUtc, reason);
    }

    public void Resubmit(string? note, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        Expect(RenovationStatus.Returned);
        Status = RenovationStatus.Submitted;
        ReturnReason = null;
        clocks.Resume(SlaMilestone.RenovationApproval, nowUtc);
        clocks.Start(PropertyId, SlaSubject.Renovation, Id, SlaMilestone.RenovationServiceReview, null, ReviewStep(clocks), nowUtc);
        Record(RenovationEventKind.Resubmitted, by, nowUtc, note);
    }

    /// <summary>经理批准 (the caller checks the Manager role). Meets the approval clock.</summary>
    public void Approve(string? note, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        Expect(RenovationStatus.EngineeringReviewed);
        Status = RenovationStatus.Approved;
        DecidedAt = nowUtc;
        DecidedBy = by.Name;
        clocks.Meet(SlaMilestone.RenovationDecision, nowUtc);
        clocks.Meet(SlaMilestone.RenovationApproval, nowUtc);
        Record(RenovationEventKind.Approved, by, nowUtc, note);
    }

    /// <summary>The deposit and debris fee written to the unit's account on approval.</summary>
    public void Charged(Guid depositChargeId, Guid? debrisChargeId)
    {
        DepositChargeId = depositChargeId;
        DebrisChargeId = debrisChargeId;
    }

    public void SignAgreement(Actor by, DateTime nowUtc)
    {
        Expect(RenovationStatus.Approved);
        AgreementSigned = true;
        Record(RenovationEventKind.AgreementSigned, by, nowUtc, null);
    }

    /// <summary>装修许可证: needs the agreement signed and the deposit paid; works may start.</summary>
    public void IssuePermit(string permitNumber, bool depositPaid, Actor by, DateTime nowUtc)
    {
        Expect(RenovationStatus.Approved);
        if (!AgreementSigned || !depositPaid)
        {
            throw new DomainException("PermitPreconditions", "The agreement must be signed and the deposit paid before the permit.");
        }

        PermitNumber = Guard.Required(permitNumber, nameof(PermitNumber));
        PermitIssuedAt = nowUtc;
        Status = RenovationStatus.InProgress;
        Record(RenovationEventKind.PermitIssued, by, nowUtc, permitNumber);
    }

    /// <summary>施工人员出入证 for a named worker; returned at the end.</summary>
    public RenovationPass IssuePass(string workerName, string? idLast4, Actor by, DateTime nowUtc)
    {
        if (!WorksRunning)
        {
            throw new DomainException("RenovationStateInvalid", "Passes are issued while the works run.");
        }

        if (_passes.Count(p => p.ReturnedAt is null) >= Workers)
        {
            throw new DomainException("PassesExceedWorkers", "No more passes than the workers declared.");
        }

        var pass = new RenovationPass(PropertyId, Id, $"{Number}-{_passes.Count + 1:D2}", Guard.Required(workerName, "WorkerName"), Guard.Optional(idLast4), nowUtc);
        _passes.Add(pass);
        Record(RenovationEventKind.PassIssued, by, nowUtc, $"{pass.PassNumber} {pass.WorkerName}");
        return pass;
    }

    public void ReturnPass(Guid passId, Actor by, DateTime nowUtc)
    {
        var pass = _passes.FirstOrDefault(p => p.Id == passId) ?? throw new DomainException("PassUnknown", "No such pass.");
        pass.Return(nowUtc);
        Record(RenovationEventKind.PassReturned, by, nowUtc, pass.PassNumber);
    }

    /// <summary>临时用电 / 动火 / 货梯使用 permit with its dates, inside the works' dates.</summary>
    public RenovationPermit AddPermit(RenovationPermitKind kind, DateOnly from, DateOnly to, string? note, Actor by, DateTime nowUtc)
    {
        if (Status is not (RenovationStatus.Approved or RenovationStatus.InProgress or RenovationStatus.Rectifying))
        {
            throw new DomainException("RenovationStateInvalid", "Permits are for approved works.");
        }

        if (to < from || from < StartDate || to > EndDate)
        {
            throw new DomainException("PermitDatesInvalid", "A permit's dates lie within the works' dates.");
        }

        var permit = new RenovationPermit(PropertyId, Id, kind, from, to, Guard.Optional(note), nowUtc);
        _permits.Add(permit);
        Record(RenovationEventKind.PermitAdded, by, nowUtc, $"{kind} {from:yyyy-MM-dd}~{to:yyyy-MM-dd}");
        return permit;
    }

    /// <summary>
    /// 巡查: a steward's visit. It meets every open patrol clock of the renovation (a window missed earlier is met
    /// late, so it counts as breached). A violation gets a rectification notice (整改通知) with a deadline: the
    /// rectification is due by the deadline, and the written notice within the property's hours (004 L62: 24)
    /// of this patrol, each on a clock; the notice clock is the finder's.
    /// </summary>
    public RenovationPatrol Patrol(string finding, string? violation, DateTime? rectifyBy, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        if (!WorksRunning)
        {
            throw new DomainException("RenovationStateInvalid", "Only running works are patrolled.");
        }

        var patrol = new RenovationPatrol(PropertyId, Id, Guard.Required(finding, "Finding"), Guard.Optional(violation), nowUtc, by.Name);
        if (patrol.Violation is not null)
        {
            if (rectifyBy is not { } deadline || deadline <= nowUtc)
            {
                throw new DomainException("RectifyDeadlineRequired", "A violation needs a rectification deadline in the future.");
            }

            patrol.NoticeDeadline(deadline);
            Status = Status == RenovationStatus.InspectionBooked ? Status : RenovationStatus.Rectifying;
            clocks.Start(PropertyId, SlaSubject.Renovation, Id, SlaMilestone.Rectification, by.UserId, SlaTarget.At(deadline), nowUtc);
            var notice = clocks.Start(PropertyId, SlaSubject.Renovation, Id, SlaMilestone.RenovationViolationNotice, by.UserId,
                SlaTarget.Hours(clocks.Context.Policy.RenovationViolationNoticeHours), nowUtc);
            patrol.NoticeDueOn(notice.Id);
            Record(RenovationEventKind.ViolationNoticed, by, nowUtc, $"{violation} → {deadline:yyyy-MM-dd HH:mm}Z");
        }
        else
        {
            Record(RenovationEventKind.Patrolled, by, nowUtc, finding);
        }

        foreach (var window in OpenPatrolClocks(clocks))
        {
            window.Meet(nowUtc);
        }

        _patrols.Add(patrol);
        return patrol;
    }

    /// <summary>
    /// 出具整改通知书: the written violation notice of <paramref name="patrolId"/> is issued (printed and handed
    /// to the owner or contractor); meets its 24-hour clock. Once per violation.
    /// </summary>
    public RenovationPatrol IssueViolationNotice(Guid patrolId, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        if (Status is RenovationStatus.Closed or RenovationStatus.Cancelled)
        {
            throw new DomainException("RenovationStateInvalid", "The renovation is finished.");
        }

        var patrol = _patrols.FirstOrDefault(p => p.Id == patrolId && p.Violation is not null)
            ?? throw new DomainException("ViolationUnknown", "No such violation on this renovation.");
        if (patrol.NoticeIssuedAt is not null)
        {
            throw new DomainException("ViolationNoticeAlreadyIssued", "The written notice of this violation is already issued.");
        }

        patrol.IssueNotice(by.Name, nowUtc);
        clocks.All.FirstOrDefault(c => c.Id == patrol.NoticeClockId)?.Meet(nowUtc);
        Record(RenovationEventKind.ViolationNoticeIssued, by, nowUtc, patrol.Violation);
        return patrol;
    }

    /// <summary>
    /// The patrol clock of one window of the service day (<see cref="RenovationPatrolWindows"/>), kept by the
    /// patrol job: started once per window (its start is the window's, so a window has one clock however often the
    /// job runs) for works running since before the window opened, and met at once when a patrol already came
    /// in the window. Any open patrol clock a patrol has since answered is met at that patrol's time (a patrol
    /// saved while the job started the clock). Returns the clock it started, if any.
    /// </summary>
    public SlaClock? KeepPatrolWindow(RenovationPatrolWindow window, ClockSet clocks)
    {
        foreach (var open in OpenPatrolClocks(clocks))
        {
            if (_patrols.Where(p => p.At >= open.StartedAt).Select(p => (DateTime?)p.At).Min() is { } seen)
            {
                open.Meet(seen);
            }
        }

        if (!WorksRunning || PermitIssuedAt is not { } since || since > window.StartUtc
            || clocks.All.Any(c => c.SubjectId == Id && c.Milestone == SlaMilestone.RenovationPatrol && c.StartedAt == window.StartUtc))
        {
            return null;
        }

        var clock = clocks.Start(PropertyId, SlaSubject.Renovation, Id, SlaMilestone.RenovationPatrol, null, SlaTarget.At(window.DueUtc), window.StartUtc);
        if (_patrols.Where(p => p.At >= window.StartUtc).Select(p => (DateTime?)p.At).Min() is { } patrolled)
        {
            clock.Meet(patrolled);
        }

        return clock;
    }

    /// <summary>The works stopped (accepted, or found not running by the job): no more patrols, no notices left to issue for them.</summary>
    public void StopPatrolClocks(ClockSet clocks)
    {
        foreach (var c in clocks.All.Where(c => c.SubjectId == Id && c.IsOpen && c.Milestone is SlaMilestone.RenovationPatrol or SlaMilestone.RenovationViolationNotice))
        {
            c.Cancel();
        }
    }

    private List<SlaClock> OpenPatrolClocks(ClockSet clocks) =>
        [.. clocks.All.Where(c => c.SubjectId == Id && c.Milestone == SlaMilestone.RenovationPatrol && c.IsOpen)];

    /// <summary>The rectification is done: the clock is met and the works continue.</summary>
    public void Rectified(string note, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        Expect(RenovationStatus.Rectifying);
        note = Guard.Required(note, "Note");
        foreach (var p in _patrols.Where(p => p.Violation is not null && p.RectifiedAt is null))
        {
            p.MarkRectified(nowUtc);
        }

        clocks.MeetAll(SlaMilestone.Rectification, nowUtc);
        Status = RenovationStatus.InProgress;
        Record(RenovationEventKind.Rectified, by, nowUtc, note);
    }

    /// <summary>验收预约: the inspector must arrive at the booked time.</summary>
    public void BookInspection(DateTime atUtc, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        if (Status is not (RenovationStatus.InProgress or RenovationStatus.Rectifying))
        {
            throw new DomainException("RenovationStateInvalid", "An inspection is booked when the works are done.");
        }

        if (atUtc <= nowUtc)
        {
            throw new DomainException("InspectionTimeInvalid", "The inspection is booked for a time to come.");
        }

        InspectionBookedFor = atUtc;
        InspectionArrivedAt = null;
        Status = RenovationStatus.InspectionBooked;
        clocks.Start(PropertyId, SlaSubject.Renovation, Id, SlaMilestone.InspectionArrival, by.UserId, SlaTarget.At(atUtc), nowUtc);
        Record(RenovationEventKind.InspectionBooked, by, nowUtc, $"{atUtc:yyyy-MM-dd HH:mm}Z");
    }

    /// <summary>The inspector is on site: the 1-hour inspection clock starts.</summary>
    public void InspectorArrived(Actor by, DateTime nowUtc, ClockSet clocks)
    {
        Expect(RenovationStatus.InspectionBooked);
        if (InspectionArrivedAt is not null)
        {
            throw new DomainException("InspectorAlreadyArrived", "The inspector's arrival is already recorded.");
        }

        InspectionArrivedAt = nowUtc;
        clocks.Meet(SlaMilestone.InspectionArrival, nowUtc);
        clocks.Start(PropertyId, SlaSubject.Renovation, Id, SlaMilestone.Inspection, by.UserId, SlaTarget.Minutes(clocks.Context.Policy.RenovationInspectionMinutes), nowUtc);
        Record(RenovationEventKind.InspectorArrived, by, nowUtc, null);
    }

    /// <summary>
    /// 验收: passed → acceptance (验收合格), the works stop (their patrol clocks end) and the deposit refund's
    /// clocks start (processed in 2 working days, paid in 3, the property's settings); failed → a rectification
    /// notice with a deadline and a new inspection later.
    /// </summary>
    public void Inspect(bool passed, string note, DateTime? rectifyBy, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        Expect(RenovationStatus.InspectionBooked);
        note = Guard.Required(note, "Note");
        if (!passed && (rectifyBy is not { } limit || limit <= nowUtc))
        {
            throw new DomainException("RectifyDeadlineRequired", "A failed inspection needs a rectification deadline in the future.");
        }

        if (InspectionArrivedAt is null)
        {
            InspectorArrived(by, nowUtc, clocks);
        }

        clocks.Meet(SlaMilestone.Inspection, nowUtc);
        if (passed)
        {
            foreach (var p in _patrols.Where(p => p.Violation is not null && p.RectifiedAt is null))
            {
                p.MarkRectified(nowUtc);
            }

            clocks.MeetAll(SlaMilestone.Rectification, nowUtc);
            StopPatrolClocks(clocks);
            Status = RenovationStatus.Accepted;
            AcceptedAt = nowUtc;
            AcceptedBy = by.Name;
            var policy = clocks.Context.Policy;
            clocks.Start(PropertyId, SlaSubject.Renovation, Id, SlaMilestone.RefundProcessing, by.UserId, SlaTarget.WorkingDays(policy.RenovationRefundProcessingWorkingDays), nowUtc);
            clocks.Start(PropertyId, SlaSubject.Renovation, Id, SlaMilestone.RefundPayment, null, SlaTarget.WorkingDays(policy.RenovationRefundPaymentWorkingDays), nowUtc);
            Record(RenovationEventKind.InspectionPassed, by, nowUtc, note);
            return;
        }

        var deadline = rectifyBy!.Value;
        Status = RenovationStatus.Rectifying;
        var patrol = new RenovationPatrol(PropertyId, Id, note, note, nowUtc, by.Name);
        patrol.NoticeDeadline(deadline);
        _patrols.Add(patrol);
        clocks.Start(PropertyId, SlaSubject.Renovation, Id, SlaMilestone.Rectification, by.UserId, SlaTarget.At(deadline), nowUtc);
        Record(RenovationEventKind.InspectionFailed, by, nowUtc, note);
    }

    /// <summary>The refund is processed (deductions settled with Finance): meets the processing clock (2 working days by default). Only after acceptance.</summary>
    public void RefundProcessed(Actor by, DateTime nowUtc, ClockSet clocks)
    {
        if (Status != RenovationStatus.Accepted)
        {
            throw new DomainException("RefundBeforeAcceptance", "The deposit is refunded only after the works pass inspection.");
        }

        RefundProcessedAt = nowUtc;
        clocks.Meet(SlaMilestone.RefundProcessing, nowUtc);
        Record(RenovationEventKind.RefundProcessed, by, nowUtc, null);
    }

    /// <summary>The deposit is paid back and every pass returned: the renovation is closed.</summary>
    public void Close(bool depositSettled, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        EnsureAccepted();
        if (!depositSettled)
        {
            throw new DomainException("DepositNotSettled", "The deposit has not been refunded yet.");
        }

        EnsurePassesBack();

        Status = RenovationStatus.Closed;
        ClosedAt = nowUtc;
        clocks.Meet(SlaMilestone.RefundPayment, nowUtc);
        Record(RenovationEventKind.Closed, by, nowUtc, null);
    }

    /// <summary>The deposit may go back: accepted, the refund processed, every pass returned. Checked before the money moves.</summary>
    public void EnsureRefundable()
    {
        EnsureAccepted();
        EnsurePassesBack();
    }

    private void EnsureAccepted()
    {
        if (Status != RenovationStatus.Accepted || RefundProcessedAt is null)
        {
            throw new DomainException("RefundBeforeAcceptance", "The deposit is refunded only after the works pass inspection.");
        }
    }

    private void EnsurePassesBack()
    {
        if (_passes.Any(p => p.ReturnedAt is null))
        {
            throw new DomainException("PassesOutstanding", "Every worker's pass must be returned first.");
        }
    }

    public void Cancel(string reason, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        if (Status is RenovationStatus.Closed or RenovationStatus.Cancelled or RenovationStatus.Accepted || WorksRunning)
        {
            throw new DomainException("RenovationStateInvalid", "Running or finished works cannot be cancelled.");
        }

        reason = Guard.Required(reason, "Reason");
        Status = RenovationStatus.Cancelled;
        PauseRequestId = null;
        PausedAt = null;
        clocks.CancelAll();
        Record(RenovationEventKind.Cancelled, by, nowUtc, reason);
    }

    private static readonly PauseReason[] RenovationPauseReasons = [PauseReason.WaitingForAuthority];

    /// <summary>
    /// A structural change under review waits for the authority's approval document (§3.5): its review clocks
    /// may pause until the document arrives. Nothing else about a renovation pauses.
    /// </summary>
    public IReadOnlyList<PauseReason> PauseReasonsNow =>
        PauseRequestId is null && Structural && !AuthorityApprovalAttached && Status is RenovationStatus.Submitted or RenovationStatus.ServiceReviewed
            ? RenovationPauseReasons : [];

    public PauseRequest RequestPause(PauseReason reason, string? note, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        var request = PauseRequest.Ask(this, SlaSubject.Renovation, reason, note, by, nowUtc, clocks);
        PauseRequestId = request.Id;
        Record(RenovationEventKind.PauseRequested, by, nowUtc, request.Describe());
        return request;
    }

    /// <summary>Approved: the running review clocks stop from now; the review steps wait for the resume.</summary>
    public void ApprovePause(PauseRequest request, string? note, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        if (Status is not (RenovationStatus.Submitted or RenovationStatus.ServiceReviewed))
        {
            throw new DomainException("RenovationStateInvalid", "Only an application under review can pause.");
        }

        request.Approve(this, note, by, nowUtc, clocks);
        PausedAt = nowUtc;
        clocks.PauseAll(nowUtc);
        Record(RenovationEventKind.Paused, by, nowUtc, request.DecisionNote is { } n ? $"{request.Reason}: {n}" : request.Reason.ToString());
    }

    public void RefusePause(PauseRequest request, string note, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        request.Refuse(this, note, by, nowUtc, clocks);
        PauseRequestId = null;
        Record(RenovationEventKind.PauseRefused, by, nowUtc, request.DecisionNote);
    }

    public void WithdrawPause(PauseRequest request, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        request.Withdraw(this, by, nowUtc, clocks);
        PauseRequestId = null;
        Record(RenovationEventKind.PauseWithdrawn, by, nowUtc, null);
    }

    /// <summary>The document came (or the wait is over): the review clocks run again, later by exactly the time paused.</summary>
    public void ResumeFromPause(PauseRequest request, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        request.End(this, by, nowUtc);
        PauseRequestId = null;
        PausedAt = null;
        clocks.ResumeAll(nowUtc);
        Record(RenovationEventKind.Resumed, by, nowUtc, null);
    }

    /// <summary>A paused application is not reviewed: resume it first, so no review clock is left stopped behind a moving case.</summary>
    private void RequireNotPaused()
    {
        if (PausedAt is not null)
        {
            throw new DomainException("CasePausedResumeFirst", "The case is paused: resume it first.");
        }
    }

    private void Expect(RenovationStatus status)
    {
        if (Status != status)
        {
            throw new DomainException("RenovationStateInvalid", $"Expected {status}, is {Status}.");
        }
    }

    private void Record(RenovationEventKind kind, Actor by, DateTime nowUtc, string? note) =>
        _events.Add(new RenovationEvent(PropertyId, Id, kind, by, nowUtc, note));
}

public sealed class RenovationEvent : CaseEvent
{
    private RenovationEvent() { }

    internal RenovationEvent(Guid propertyId, Guid renovationId, RenovationEventKind kind, Actor by, DateTime atUtc, string? note)
        : base(propertyId, by, atUtc, note)
    {
        RenovationId = renovationId;
        Kind = kind;
    }

    public Guid RenovationId { get; private set; }
    public RenovationEventKind Kind { get; private set; }
}

public sealed class RenovationPass : Entity, IPropertyScoped
{
    private RenovationPass() { }

    internal RenovationPass(Guid propertyId, Guid renovationId, string passNumber, string workerName, string? idLast4, DateTime issuedAt)
    {
        PropertyId = propertyId;
        RenovationId = renovationId;
        PassNumber = passNumber;
        WorkerName = workerName;
        IdLast4 = idLast4;
        IssuedAt = issuedAt;
    }

    public Guid PropertyId { get; private set; }
    public Guid RenovationId { get; private set; }
    public string PassNumber { get; private set; } = "";
    public string WorkerName { get; private set; } = "";
    public string? IdLast4 { get; private set; }
    public DateTime IssuedAt { get; private set; }
    public DateTime? ReturnedAt { get; private set; }

    internal void Return(DateTime nowUtc)
    {
        if (ReturnedAt is not null)
        {
            throw new DomainException("PassAlreadyReturned", "This pass is already returned.");
        }

        ReturnedAt = nowUtc;
    }
}

public sealed class RenovationPermit : Entity, IPropertyScoped
{
    private RenovationPermit() { }

    internal RenovationPermit(Guid propertyId, Guid renovationId, RenovationPermitKind kind, DateOnly from, DateOnly to, string? note, DateTime issuedAt)
    {
        PropertyId = propertyId;
        RenovationId = renovationId;
        Kind = kind;
        From = from;
        To = to;
        Note = note;
        IssuedAt = issuedAt;
    }

    public Guid PropertyId { get; private set; }
    public Guid RenovationId { get; private set; }
    public RenovationPermitKind Kind { get; private set; }
    public DateOnly From { get; private set; }
    public DateOnly To { get; private set; }
    public string? Note { get; private set; }
    public DateTime IssuedAt { get; private set; }
}

/// <summary>A steward's patrol of running works (daily; the site twice a day, 004 §五.八③), or an inspection's findings.</summary>
public sealed class RenovationPatrol : Entity, IPropertyScoped
{
    private RenovationPatrol() { }

    internal RenovationPatrol(Guid propertyId, Guid renovationId, string finding, string? violation, DateTime atUtc, string byName)
    {
        PropertyId = propertyId;
        RenovationId = renovationId;
        Finding = finding;
        Violation = violation;
        At = atUtc;
        ByName = byName;
    }

    public Guid PropertyId { get; private set; }
    public Guid RenovationId { get; private set; }
    public DateTime At { get; private set; }
    public string ByName { get; private set; } = "";
    public string Finding { get; private set; } = "";

    /// <summary>What breaks the rules (整改通知 text); null when all is well.</summary>
    public string? Violation { get; private set; }

    public DateTime? RectifyBy { get; private set; }
    public DateTime? RectifiedAt { get; private set; }

    /// <summary>The clock of the written notice (整改通知书) a violation found on patrol is due on; null for an inspection's findings and a patrol without a violation.</summary>
    public Guid? NoticeClockId { get; private set; }

    /// <summary>When the written notice was issued (printed and handed over), and by whom.</summary>
    public DateTime? NoticeIssuedAt { get; private set; }

    public string? NoticeIssuedBy { get; private set; }

    internal void NoticeDeadline(DateTime deadline) => RectifyBy = deadline;

    internal void NoticeDueOn(Guid clockId) => NoticeClockId = clockId;

    internal void IssueNotice(string byName, DateTime nowUtc)
    {
        NoticeIssuedAt = nowUtc;
        NoticeIssuedBy = byName;
    }

    internal void MarkRectified(DateTime nowUtc) => RectifiedAt = nowUtc;
}
