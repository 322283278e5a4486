using PropertyPortal.Domain.Callbacks;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Sla;

namespace PropertyPortal.Domain.Complaints;

/// <summary>
/// 投诉 (§3.3): 有求必应、有应必解、有解必答. The acceptor owns it to the end (谁受理、谁跟进、谁回复);
/// every change is a method that refuses what the state forbids, moves the complaint's clocks and
/// appends a timeline event. Clocks run from the received time: reply in 1 hour, a written reply when
/// asked, and the tier's escalation, definite reply and resolution (000 L264).
/// </summary>
public sealed class Complaint : Entity, IRegisteredCase, IPausableCase
{
    private static readonly SlaMilestone[] TierMilestones = [SlaMilestone.Escalation, SlaMilestone.DefiniteReply, SlaMilestone.Resolution];

    private readonly List<ComplaintEvent> _events = [];

    private Complaint() { }

    public Guid PropertyId { get; private set; }

    /// <summary>Per property and day: TS20261122-0003.</summary>
    public string Number { get; private set; } = "";

    public Guid? ContactId { get; private set; }
    public Guid? UnitId { get; private set; }
    public Guid? CustomerId { get; private set; }
    public string ComplainantName { get; private set; } = "";
    public string? Phone { get; private set; }
    public string? Location { get; private set; }
    public DateTime? OccurredAt { get; private set; }
    public DateTime ReceivedAt { get; private set; }
    public ComplaintChannel Channel { get; private set; }
    public Guid CategoryId { get; private set; }
    public string? AgainstPerson { get; private set; }
    public string? AgainstDepartment { get; private set; }
    public string Content { get; private set; } = "";
    public string? Demand { get; private set; }
    public DateTime? RequestedDeadline { get; private set; }
    public bool WrittenReplyRequested { get; private set; }

    public ComplaintTier Tier { get; private set; }
    public bool IsValid { get; private set; } = true;
    public string? InvalidReason { get; private set; }

    /// <summary>正在给住户造成损害 (000 L272): stop the harm first; shown first on every board.</summary>
    public bool OngoingHarm { get; private set; }
    public DateTime? HarmStoppedAt { get; private set; }

    /// <summary>Same household, same category within the policy's window: the supervisor is told.</summary>
    public bool IsRepeat { get; private set; }
    public Guid? RepeatOfId { get; private set; }

    public ComplaintStatus Status { get; private set; }
    public string? OwnerId { get; private set; }
    public string OwnerName { get; private set; } = "";
    public string? ResponsibleDepartment { get; private set; }
    public string? HandlerId { get; private set; }
    public string? HandlerName { get; private set; }
    public ComplaintResponsibility? Responsibility { get; private set; }

    public string? Plan { get; private set; }
    public string? PlanDecidedBy { get; private set; }
    public DateTime? PlanApprovedAt { get; private set; }
    public string? PlanComments { get; private set; }
    public DateTime? CustomerAgreedAt { get; private set; }

    public DateTime? EscalationAcknowledgedAt { get; private set; }
    public string? EscalationAcknowledgedBy { get; private set; }
    public DateTime? FirstRepliedAt { get; private set; }
    public DateTime? WrittenRepliedAt { get; private set; }
    public string? Resolution { get; private set; }
    public DateTime? ResolvedAt { get; private set; }
    public DateTime? ResultNotifiedAt { get; private set; }
    public ReplyChannel? ResultChannel { get; private set; }
    public DateTime? ClosedAt { get; private set; }
    public int ReopenCount { get; private set; }

    /// <summary>The open pause request (pending, or approved until resumed).</summary>
    public Guid? PauseRequestId { get; private set; }

    /// <summary>Since when the clocks are stopped on an approved request (the customer cannot be reached).</summary>
    public DateTime? PausedAt { get; private set; }

    public bool IsPaused => PausedAt is not null;

    public IReadOnlyList<ComplaintEvent> Events => _events;

    IReadOnlyList<CaseEvent> ICase.Timeline => _events;

    public bool IsOpen => Status != ComplaintStatus.Closed;

    public sealed record Intake(
        Guid PropertyId, Guid? UnitId, Guid? CustomerId, Guid? ContactId, string ComplainantName, string? Phone, string? Location,
        DateTime? OccurredAt, ComplaintChannel Channel, ComplaintCategory Category, string? AgainstPerson, string? AgainstDepartment,
        string Content, string? Demand, DateTime? RequestedDeadline, bool WrittenReplyRequested, ComplaintTier Tier, bool OngoingHarm,
        DateTime ReceivedAt, Guid? RepeatOfId);

    /// <summary>受理: accepting is immediate; the reply clock runs from the received time.</summary>
    public static Complaint Open(string number, Intake intake, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        if (intake.ReceivedAt > nowUtc.AddMinutes(1))
        {
            throw new DomainException("ReceivedInFuture", "The received time cannot be in the future.");
        }

        if (intake.ContactId is null && intake.ReceivedAt < nowUtc - FrontDesk.Contact.BackdateLimit)
        {
            throw new DomainException("BackdateTooFar", "A complaint can be backdated by at most 24 hours.");
        }

        if (!intake.Category.IsActive)
        {
            throw new DomainException("CategoryInactive", "The category is no longer used.");
        }

        if (intake.RequestedDeadline is { } deadline && deadline <= intake.ReceivedAt)
        {
            throw new DomainException("DeadlineBeforeReceived", "The customer's deadline must be after the complaint.");
        }

        var complaint = new Complaint
        {
            PropertyId = intake.PropertyId,
            Number = Guard.Required(number, nameof(Number)),
            ContactId = intake.ContactId,
            UnitId = intake.UnitId,
            CustomerId = intake.CustomerId,
            ComplainantName = Guard.Required(intake.ComplainantName, nameof(ComplainantName)),
            Phone = Guard.Optional(intake.Phone),
            Location = Guard.Optional(intake.Location),
            OccurredAt = intake.OccurredAt,
            Channel = intake.Channel,
            CategoryId = intake.Category.Id,
            AgainstPerson = Guard.Optional(intake.AgainstPerson),
            AgainstDepartment = Guard.Optional(intake.AgainstDepartment),
            Content = Guard.Required(intake.Content, nameof(Content)),
            Demand = Guard.Optional(intake.Demand),
            RequestedDeadline = intake.RequestedDeadline,
            WrittenReplyRequested = intake.WrittenReplyRequested,
            Tier = intake.Tier,
            OngoingHarm = intake.OngoingHarm,
            IsRepeat = intake.RepeatOfId is not null,
            RepeatOfId = intake.RepeatOfId,
            ReceivedAt = intake.ReceivedAt,
            OwnerId = by.UserId,
            OwnerName = by.Name,
            Status = ComplaintStatus.Accepted,
        };

        var policy = clocks.Context.Policy;
        complaint.Start(clocks, SlaMilestone.ComplaintReply, SlaTarget.Minutes(policy.ComplaintReplyMinutes), complaint.ReceivedAt);
        if (complaint.WrittenReplyRequested)
        {
            complaint.Start(clocks, SlaMilestone.WrittenReply, policy.ComplaintWrittenReplyHours is { } hours
                ? SlaTarget.Hours(hours)
                : SlaTarget.WorkingDays(policy.ComplaintWrittenReplyWorkingDays), complaint.ReceivedAt);
        }

        complaint.ApplyTierClocks(clocks);
        complaint.Record(ComplaintEventKind.Accepted, by, nowUtc, null, intake.ReceivedAt < nowUtc.AddMinutes(-5) ? "backdated" : null);
        return complaint;
    }

    /// <summary>
    /// The tier's own clocks (000 L264), from the received time: major — manager the same service day (a setting: so many service days later),
    /// definite reply in 2 days, resolved in 10; important — department head within 60 minutes,
    /// resolved in 3 days; minor — resolved in 2 days or by the customer's deadline.
    /// </summary>
    public SlaTarget? TargetFor(SlaMilestone milestone, SlaPolicy policy) => (Tier, milestone) switch
    {
        (ComplaintTier.Major, SlaMilestone.Escalation) => SlaTarget.ServiceDays(policy.MajorEscalationServiceDays),
        (ComplaintTier.Major, SlaMilestone.DefiniteReply) => SlaTarget.Days(policy.MajorDefiniteReplyDays),
        (ComplaintTier.Major, SlaMilestone.Resolution) => SlaTarget.Days(policy.MajorResolutionDays),
        (ComplaintTier.Important, SlaMilestone.Escalation) => SlaTarget.Minutes(policy.ImportantEscalationMinutes),
        (ComplaintTier.Important, SlaMilestone.Resolution) => SlaTarget.Days(policy.ImportantResolutionDays),
        (ComplaintTier.Minor, SlaMilestone.Resolution) => RequestedDeadline is { } d ? SlaTarget.At(d) : SlaTarget.Days(policy.MinorResolutionDays),
        _ => null,
    };

    /// <summary>答复: any reply to the customer meets the 1-hour clock; a written one also the written-reply clock.</summary>
    public void RecordReply(ReplyChannel channel, string text, bool written, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        RequireOpen(nameof(RecordReply));
        Guard.Required(text, "Reply");
        TakeOverIfUnowned(by, nowUtc, clocks);
        FirstRepliedAt ??= nowUtc;
        clocks.Meet(SlaMilestone.ComplaintReply, nowUtc);
        if (written)
        {
            WrittenRepliedAt ??= nowUtc;
            clocks.Meet(SlaMilestone.WrittenReply, nowUtc);
        }

        Record(ComplaintEventKind.Replied, by, nowUtc, Status, $"{channel}{(written ? " ✉" : "")}: {text.Trim()}");
    }

    /// <summary>The manager (major) or department head (important) has taken it up: the escalation clock is met.</summary>
    public void AcknowledgeEscalation(Actor by, DateTime nowUtc, ClockSet clocks)
    {
        RequireOpen(nameof(AcknowledgeEscalation));
        if (Tier == ComplaintTier.Minor || EscalationAcknowledgedAt is not null || clocks.Open(SlaMilestone.Escalation) is null)
        {
            throw Refused(nameof(AcknowledgeEscalation));
        }

        EscalationAcknowledgedAt = nowUtc;
        EscalationAcknowledgedBy = by.Name;
        clocks.Meet(SlaMilestone.Escalation, nowUtc);
        Record(ComplaintEventKind.EscalationAcknowledged, by, nowUtc, Status, null);
    }

    /// <summary>
    /// Re-tiering restarts the tier's clocks from the ORIGINAL received time: a complaint found to be
    /// major after a day is already a day into its ten. Clocks the new tier lacks are cancelled.
    /// </summary>
    public void ChangeTier(ComplaintTier tier, string reason, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        RequireOpen(nameof(ChangeTier));
        if (tier == Tier)
        {
            throw new DomainException("TierUnchanged", "The complaint already has this tier.");
        }

        var from = Tier;
        Tier = tier;
        if (IsValid)
        {
            // A higher tier must reach its own level: the supervisor's acknowledgement of an important
            // complaint does not tell the manager of a major one.
            var reEscalate = tier > from && EscalationAcknowledgedAt is not null;
            if (reEscalate)
            {
                EscalationAcknowledgedAt = null;
                EscalationAcknowledgedBy = null;
            }

            ApplyTierClocks(clocks, reEscalate);

            // The plan follows the tier: only a major complaint's plan waits for the Manager.
            if (Status == ComplaintStatus.PlanPendingApproval && tier != ComplaintTier.Major)
            {
                clocks.Open(SlaMilestone.PlanApproval)?.Cancel();
                Status = ComplaintStatus.AwaitingAgreement;
            }
            else if (tier == ComplaintTier.Major && Status == ComplaintStatus.AwaitingAgreement && PlanApprovedAt is null)
            {
                Status = ComplaintStatus.PlanPendingApproval;
                Start(clocks, SlaMilestone.PlanApproval, SlaTarget.WorkingDays(clocks.Context.Policy.PlanApprovalWorkingDays), nowUtc);
            }
        }

        Record(ComplaintEventKind.Retiered, by, nowUtc, Status, $"{from} → {tier}: {Guard.Required(reason, "Reason")}");
    }

    /// <summary>无效投诉: it still gets a polite, recorded answer (000 L272); only the reply clocks keep running.</summary>
    public void MarkInvalid(string reason, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        RequireOpen(nameof(MarkInvalid));
        if (!IsValid || Status is ComplaintStatus.Resolved)
        {
            throw Refused(nameof(MarkInvalid));
        }

        IsValid = false;
        InvalidReason = Guard.Required(reason, nameof(InvalidReason));
        foreach (var milestone in TierMilestones.Append(SlaMilestone.PlanApproval))
        {
            clocks.Open(milestone)?.Cancel();
        }

        Record(ComplaintEventKind.MarkedInvalid, by, nowUtc, Status, InvalidReason);
    }

    public void MarkValid(string reason, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        RequireOpen(nameof(MarkValid));
        if (IsValid)
        {
            throw Refused(nameof(MarkValid));
        }

        IsValid = true;
        InvalidReason = null;
        ApplyTierClocks(clocks);
        Record(ComplaintEventKind.MarkedValid, by, nowUtc, Status, Guard.Required(reason, "Reason"));
    }

    public void StopHarm(string note, Actor by, DateTime nowUtc)
    {
        RequireOpen(nameof(StopHarm));
        if (!OngoingHarm || HarmStoppedAt is not null)
        {
            throw Refused(nameof(StopHarm));
        }

        HarmStoppedAt = nowUtc;
        Record(ComplaintEventKind.HarmStopped, by, nowUtc, Status, Guard.Required(note, "Note"));
    }

    /// <summary>归口: the responsible department and person (直接责任人) who contacts the customer and follows it through.</summary>
    public void Assign(string department, string? handlerId, string? handlerName, ComplaintResponsibility? responsibility, Actor by, DateTime nowUtc)
    {
        RequireOpen(nameof(Assign));
        ResponsibleDepartment = Guard.Required(department, nameof(ResponsibleDepartment));
        HandlerId = handlerId;
        HandlerName = Guard.Optional(handlerName);
        Responsibility = responsibility;
        if (Status == ComplaintStatus.Accepted)
        {
            Status = ComplaintStatus.Handling;
        }

        Record(ComplaintEventKind.Assigned, by, nowUtc, Status, HandlerName is null ? ResponsibleDepartment : $"{ResponsibleDepartment} · {HandlerName}");
    }

    /// <summary>
    /// A complaint a household made on its own page (业主自助) has no clerk as its owner: the first member of staff who replies
    /// takes it — its open clocks, and later its callback, become theirs — recorded on the timeline like a transfer.
    /// </summary>
    private void TakeOverIfUnowned(Actor by, DateTime nowUtc, ClockSet clocks)
    {
        if (OwnerId is not null || by.UserId is null)
        {
            return;
        }

        var from = OwnerName;
        OwnerId = by.UserId;
        OwnerName = Guard.Required(by.Name, nameof(OwnerName));
        foreach (var clock in clocks.All.Where(c => c.IsOpen))
        {
            clock.Reassign(OwnerId);
        }

        Record(ComplaintEventKind.Transferred, by, nowUtc, Status, $"{from} → {OwnerName}");
    }

    /// <summary>The owner changes only with a supervisor's approval (the caller checks the role); both are recorded.</summary>
    public void TransferOwnership(string newOwnerId, string newOwnerName, string reason, Actor approvedBy, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        RequireOpen(nameof(TransferOwnership));
        if (newOwnerId == OwnerId)
        {
            throw new DomainException("SameOwner", "The complaint already belongs to this person.");
        }

        var from = OwnerName;
        OwnerId = Guard.Required(newOwnerId, nameof(OwnerId));
        OwnerName = Guard.Required(newOwnerName, nameof(OwnerName));
        foreach (var clock in clocks.All.Where(c => c.IsOpen))
        {
            clock.Reassign(OwnerId);
        }

        Record(ComplaintEventKind.Transferred, by, nowUtc, Status, $"{from} → {OwnerName} ({approvedBy.Name}): {Guard.Required(reason, "Reason")}");
    }

    public void AddNote(string text, Actor by, DateTime nowUtc)
    {
        RequireOpen(nameof(AddNote));
        Record(ComplaintEventKind.Note, by, nowUtc, Status, Guard.Required(text, "Note"));
        if (Status == ComplaintStatus.Accepted)
        {
            Status = ComplaintStatus.Handling;
        }
    }

    /// <summary>A plan: a major complaint's goes to the Manager on its own clock; others straight to the customer.</summary>
    public void ProposePlan(string plan, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        Require(nameof(ProposePlan), ComplaintStatus.Accepted, ComplaintStatus.Handling, ComplaintStatus.AwaitingAgreement);
        RequireValid(nameof(ProposePlan));
        Plan = Guard.Required(plan, nameof(Plan));
        PlanApprovedAt = null;
        PlanDecidedBy = null;
        if (Tier == ComplaintTier.Major)
        {
            Status = ComplaintStatus.PlanPendingApproval;
            Start(clocks, SlaMilestone.PlanApproval, SlaTarget.WorkingDays(clocks.Context.Policy.PlanApprovalWorkingDays), nowUtc);
        }
        else
        {
            Status = ComplaintStatus.AwaitingAgreement;
        }

        Record(ComplaintEventKind.PlanProposed, by, nowUtc, Status, Plan);
    }

    public void ApprovePlan(string? comments, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        Require(nameof(ApprovePlan), ComplaintStatus.PlanPendingApproval);
        PlanApprovedAt = nowUtc;
        PlanDecidedBy = by.Name;
        PlanComments = Guard.Optional(comments);
        clocks.Meet(SlaMilestone.PlanApproval, nowUtc);
        Status = ComplaintStatus.AwaitingAgreement;
        Record(ComplaintEventKind.PlanApproved, by, nowUtc, Status, PlanComments);
    }

    public void ReturnPlan(string comments, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        Require(nameof(ReturnPlan), ComplaintStatus.PlanPendingApproval);
        PlanDecidedBy = by.Name;
        PlanComments = Guard.Required(comments, nameof(PlanComments));
        clocks.Meet(SlaMilestone.PlanApproval, nowUtc);
        Status = ComplaintStatus.Handling;
        Record(ComplaintEventKind.PlanReturned, by, nowUtc, Status, PlanComments);
    }

    /// <summary>经业主认可后立即按照方案付诸实施 (001 L400): for a major complaint this is its definite reply.</summary>
    public void RecordAgreement(ReplyChannel channel, string? note, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        Require(nameof(RecordAgreement), ComplaintStatus.AwaitingAgreement);
        CustomerAgreedAt = nowUtc;
        FirstRepliedAt ??= nowUtc;
        clocks.Meet(SlaMilestone.ComplaintReply, nowUtc);
        clocks.Meet(SlaMilestone.DefiniteReply, nowUtc);
        Status = ComplaintStatus.InProgress;
        Record(ComplaintEventKind.CustomerAgreed, by, nowUtc, Status, $"{channel}{(Guard.Optional(note) is { } n ? ": " + n : "")}");
    }

    /// <summary>
    /// 已解决. A major complaint only after its plan was approved and agreed; any complaint only once an
    /// ongoing harm is stopped. The result is then due to the customer the same service day (000 L270; the policy may allow service days more).
    /// </summary>
    public void Resolve(string resolution, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        if (Tier == ComplaintTier.Major)
        {
            Require(nameof(Resolve), ComplaintStatus.InProgress);
        }
        else
        {
            Require(nameof(Resolve), ComplaintStatus.Accepted, ComplaintStatus.Handling, ComplaintStatus.AwaitingAgreement, ComplaintStatus.InProgress);
        }

        RequireValid(nameof(Resolve));
        if (OngoingHarm && HarmStoppedAt is null)
        {
            throw new DomainException("HarmNotStopped", "Stop the ongoing harm first.");
        }

        Resolution = Guard.Required(resolution, nameof(Resolution));
        ResolvedAt = nowUtc;
        clocks.Meet(SlaMilestone.Resolution, nowUtc);
        Status = ComplaintStatus.Resolved;
        Start(clocks, SlaMilestone.ResultNotice, SlaTarget.ServiceDays(clocks.Context.Policy.ResultNoticeServiceDays), nowUtc);
        Record(ComplaintEventKind.Resolved, by, nowUtc, Status, Resolution);
    }

    /// <summary>The result told to the complainant (电话或上门当面告知, 000 L270).</summary>
    public void NotifyResult(ReplyChannel channel, string? note, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        Require(nameof(NotifyResult), ComplaintStatus.Resolved);
        ResultNotifiedAt = nowUtc;
        ResultChannel = channel;
        FirstRepliedAt ??= nowUtc;
        clocks.Meet(SlaMilestone.ResultNotice, nowUtc);
        clocks.Meet(SlaMilestone.ComplaintReply, nowUtc);
        Record(ComplaintEventKind.ResultNotified, by, nowUtc, Status, $"{channel}{(Guard.Optional(note) is { } n ? ": " + n : "")}");
    }

    /// <summary>
    /// 结案. A valid complaint needs its resolution told to the customer; an invalid one its recorded
    /// answer. Nothing closes silently. A valid complaint gets a callback (§3.7) due after
    /// <c>ComplaintCallbackDays</c>; the method returns it (null for an invalid complaint).
    /// </summary>
    public Callback? Close(Actor by, DateTime nowUtc, ClockSet clocks)
    {
        RequireOpen(nameof(Close));
        if (IsValid && (Status != ComplaintStatus.Resolved || ResultNotifiedAt is null))
        {
            throw new DomainException("ComplaintCloseNeedsResult", "Resolve the complaint and tell the customer the result before closing.");
        }

        if (FirstRepliedAt is null)
        {
            throw new DomainException("ComplaintCloseNeedsReply", "Record the reply to the customer before closing.");
        }

        if (clocks.Open(SlaMilestone.WrittenReply) is not null)
        {
            throw new DomainException("ComplaintCloseNeedsWrittenReply", "The customer asked for a written reply.");
        }

        foreach (var clock in clocks.All.Where(c => c.IsOpen))
        {
            clock.Cancel();
        }

        // A pause (or a request for one) ends with the complaint: its clocks are cancelled above.
        PauseRequestId = null;
        PausedAt = null;
        ClosedAt = nowUtc;
        Status = ComplaintStatus.Closed;
        Record(ComplaintEventKind.Closed, by, nowUtc, Status, null);
        if (!IsValid)
        {
            return null;
        }

        var days = clocks.Context.Policy.ComplaintCallbackDays;
        var callback = Callback.ForComplaint(this, OwnerId, OwnerName, nowUtc.AddDays(days), nowUtc);
        clocks.Start(PropertyId, SlaSubject.Callback, callback.Id, SlaMilestone.Callback, OwnerId, SlaTarget.Days(days), nowUtc);
        return callback;
    }

    /// <summary>The callback heard "not solved" or "dissatisfied": back to handling, a fresh resolution clock from now.</summary>
    public void Reopen(string reason, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        Require(nameof(Reopen), ComplaintStatus.Closed, ComplaintStatus.Resolved);
        ReopenCount++;
        Status = ComplaintStatus.Handling;
        ClosedAt = null;
        Resolution = null;
        ResolvedAt = null;
        ResultNotifiedAt = null;
        ResultChannel = null;
        clocks.Open(SlaMilestone.ResultNotice)?.Cancel();
        var policy = clocks.Context.Policy;
        var target = Tier switch
        {
            ComplaintTier.Major => SlaTarget.Days(policy.MajorResolutionDays),
            ComplaintTier.Important => SlaTarget.Days(policy.ImportantResolutionDays),
            _ => SlaTarget.Days(policy.MinorResolutionDays),
        };
        Start(clocks, SlaMilestone.Resolution, target, nowUtc);
        Record(ComplaintEventKind.Reopened, by, nowUtc, Status, Guard.Required(reason, "Reason"));
    }

    private static readonly PauseReason[] ComplaintPauseReasons = [PauseReason.CustomerUnreachable];

    /// <summary>
    /// A complaint pauses only while the customer cannot be reached (有解必答 needs someone to answer to), and
    /// not while its plan waits for the Manager (the customer is not what it waits for).
    /// </summary>
    public IReadOnlyList<PauseReason> PauseReasonsNow =>
        PauseRequestId is null && Status is not (ComplaintStatus.Closed or ComplaintStatus.PlanPendingApproval) ? ComplaintPauseReasons : [];

    public PauseRequest RequestPause(PauseReason reason, string? note, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        RequireOpen(nameof(RequestPause));
        var request = PauseRequest.Ask(this, SlaSubject.Complaint, reason, note, by, nowUtc, clocks);
        PauseRequestId = request.Id;
        Record(ComplaintEventKind.PauseRequested, by, nowUtc, Status, request.Describe());
        return request;
    }

    /// <summary>Approved: every running clock of the complaint stops from now.</summary>
    public void ApprovePause(PauseRequest request, string? note, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        RequireOpen(nameof(ApprovePause));
        request.Approve(this, note, by, nowUtc, clocks);
        PausedAt = nowUtc;
        clocks.PauseAll(nowUtc);
        Record(ComplaintEventKind.Paused, by, nowUtc, Status, request.DecisionNote is { } n ? $"{request.Reason}: {n}" : request.Reason.ToString());
    }

    public void RefusePause(PauseRequest request, string note, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        request.Refuse(this, note, by, nowUtc, clocks);
        PauseRequestId = null;
        Record(ComplaintEventKind.PauseRefused, by, nowUtc, Status, request.DecisionNote);
    }

    public void WithdrawPause(PauseRequest request, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        request.Withdraw(this, by, nowUtc, clocks);
        PauseRequestId = null;
        Record(ComplaintEventKind.PauseWithdrawn, by, nowUtc, Status, null);
    }

    /// <summary>The customer is reachable again: the clocks run, due times later by exactly the time paused.</summary>
    public void ResumeFromPause(PauseRequest request, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        RequireOpen(nameof(ResumeFromPause));
        request.End(this, by, nowUtc);
        PauseRequestId = null;
        PausedAt = null;
        clocks.ResumeAll(nowUtc);
        Record(ComplaintEventKind.Resumed, by, nowUtc, Status, null);
    }

    internal void RecordCallback(Actor by, DateTime nowUtc, string note) =>
        Record(ComplaintEventKind.CallbackRecorded, by, nowUtc, Status, note);

    /// <summary>A repair order opened from the complaint (e.g. the leak behind it).</summary>
    public void RecordRepairOpened(string orderNumber, Actor by, DateTime nowUtc) =>
        Record(ComplaintEventKind.RepairOpened, by, nowUtc, Status, orderNumber);

    private void ApplyTierClocks(ClockSet clocks, bool reEscalate = false)
    {
        var policy = clocks.Context.Policy;
        foreach (var milestone in TierMilestones)
        {
            var target = TargetFor(milestone, policy);
            var open = clocks.Open(milestone);
            var met = clocks.All.Any(c => c.Milestone == milestone && c.State == SlaClockState.Met);
            if (target is not { } t)
            {
                open?.Cancel();
            }
            else if (open is not null)
            {
                open.Retarget(t, clocks.Context.Calendar);
            }
            else if (!met || (reEscalate && milestone == SlaMilestone.Escalation))
            {
                Start(clocks, milestone, t, ReceivedAt);
            }
        }
    }

    private void Start(ClockSet clocks, SlaMilestone milestone, SlaTarget target, DateTime startUtc) =>
        clocks.Start(PropertyId, SlaSubject.Complaint, Id, milestone, OwnerId, target, startUtc);

    private void RequireOpen(string action)
    {
        if (Status == ComplaintStatus.Closed)
        {
            throw Refused(action);
        }
    }

    private void RequireValid(string action)
    {
        if (!IsValid)
        {
            throw new DomainException("ComplaintInvalid", $"{action} is not possible for an invalid complaint.");
        }
    }

    private void Require(string action, params ComplaintStatus[] allowed)
    {
        if (!allowed.Contains(Status))
        {
            throw Refused(action);
        }
    }

    private DomainException Refused(string action) =>
        new("ComplaintTransitionRefused", $"{action} is not allowed when the complaint is {Status}.");

    private void Record(ComplaintEventKind kind, Actor by, DateTime at, ComplaintStatus? to, string? note) =>
        _events.Add(new ComplaintEvent(PropertyId, Id, kind, at, by, to ?? Status, note));
}

/// <summary>One line of a complaint's timeline, with the status it left the complaint in.</summary>
public sealed class ComplaintEvent : CaseEvent
{
    private ComplaintEvent() { }

    internal ComplaintEvent(Guid propertyId, Guid complaintId, ComplaintEventKind kind, DateTime at, Actor by, ComplaintStatus to, string? note)
        : base(propertyId, by, at, note)
    {
        ComplaintId = complaintId;
        Kind = kind;
        ToStatus = to;
    }

    public Guid ComplaintId { get; private set; }
    public ComplaintEventKind Kind { get; private set; }
    public ComplaintStatus ToStatus { get; private set; }
}
