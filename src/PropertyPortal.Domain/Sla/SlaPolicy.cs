using PropertyPortal.Domain.Common;

namespace PropertyPortal.Domain.Sla;

/// <summary>
/// A property's service clocks, defaults from the spec (§3.2: 002 L21, L79; 000 L230). An admin
/// edits them per property; a property without its own row uses <see cref="CreateDefault"/>.
/// </summary>
public sealed class SlaPolicy : Entity, IPropertyScoped
{
    private readonly List<SlaLadderRule> _ladders = [];

    private SlaPolicy() { }

    /// <summary>A property's policy with the spec's targets and the seeded ladders per milestone (<see cref="SlaLadder.SeedDefaults"/>).</summary>
    public SlaPolicy(Guid propertyId)
    {
        PropertyId = propertyId;
        foreach (var (milestone, urgency, ladder) in SlaLadder.SeedDefaults)
        {
            _ladders.Add(new SlaLadderRule(this, milestone, urgency, ladder));
        }
    }

    public static SlaPolicy CreateDefault(Guid propertyId) => new(propertyId);

    public Guid PropertyId { get; private set; }

    /// <summary>出工程单: minutes from acceptance to the issued work order (002 L79: 3).</summary>
    public int WorkOrderIssueMinutes { get; private set; } = 3;

    /// <summary>电话回复: minutes to phone the customer back (002 L79: 15).</summary>
    public int PhoneReplyMinutes { get; private set; } = 15;

    /// <summary>特急 on site (002 L21: 10).</summary>
    public int EmergencyOnSiteMinutes { get; private set; } = 10;

    /// <summary>急 on site (002 L21: 15).</summary>
    public int UrgentOnSiteMinutes { get; private set; } = 15;

    /// <summary>Warn when this share of the time allowed has passed.</summary>
    public int WarningPercent { get; private set; } = SlaLadder.Default.WarningPercent;

    /// <summary>Minutes after a breach before the property's supervisors are told.</summary>
    public int EscalateSupervisorAfterMinutes { get; private set; } = SlaLadder.Default.Supervisor!.AfterMinutes;

    /// <summary>Minutes after a breach before the managers are told.</summary>
    public int EscalateManagerAfterMinutes { get; private set; } = SlaLadder.Default.Manager!.AfterMinutes;

    /// <summary>Callback after a safety-facility repair (000 L230: 2 days).</summary>
    public int CallbackSafetyDays { get; private set; } = 2;

    /// <summary>Callback after the leak test of a leak repair (000 L230: 3 days).</summary>
    public int CallbackLeakDays { get; private set; } = 3;

    /// <summary>Callback after any other repair (000 L230: 2 days; 004 L61 says a week).</summary>
    public int CallbackOtherDays { get; private set; } = 2;

    /// <summary>Unreachable callback attempts before the callback goes to the supervisor.</summary>
    public int CallbackMaxAttempts { get; private set; } = 3;

    /// <summary>投诉答复 within 1 hour (002 L39).</summary>
    public int ComplaintReplyMinutes { get; private set; } = 60;

    /// <summary>书面答复 in working days (002 L39: 3).</summary>
    public int ComplaintWrittenReplyWorkingDays { get; private set; } = 3;

    /// <summary>When set, the written reply is due in hours instead (004 L58: 72 h).</summary>
    public int? ComplaintWrittenReplyHours { get; private set; }

    /// <summary>重要投诉 to the department head (000 L264: 1 hour).</summary>
    public int ImportantEscalationMinutes { get; private set; } = 60;

    /// <summary>重大投诉 definite reply (000 L264: 2 days).</summary>
    public int MajorDefiniteReplyDays { get; private set; } = 2;

    /// <summary>重大投诉 resolved (000 L264: 10 days).</summary>
    public int MajorResolutionDays { get; private set; } = 10;

    /// <summary>重要投诉 resolved (000 L264: 3 days).</summary>
    public int ImportantResolutionDays { get; private set; } = 3;

    /// <summary>轻微投诉 resolved (000 L264: 2 days, unless the customer sets a deadline).</summary>
    public int MinorResolutionDays { get; private set; } = 2;

    /// <summary>The Manager's decision on a major complaint's plan, in working days.</summary>
    public int PlanApprovalWorkingDays { get; private set; } = 1;

    /// <summary>Callback after a complaint is closed (§3.3; a setting, default 3 days).</summary>
    public int ComplaintCallbackDays { get; private set; } = 3;

    /// <summary>A complaint of the same household and category within this many days is flagged as a repeat.</summary>
    public int RepeatWindowDays { get; private set; } = 30;

    /// <summary>暂停审批: minutes a supervisor has to decide on a request to pause a case's clocks.</summary>
    public int PauseApprovalMinutes { get; private set; } = 15;

    /// <summary>重大投诉 to the manager (000 L264: 当天呈送): by the close of the service day it was received (0), or so many service days later.</summary>
    public int MajorEscalationServiceDays { get; private set; }

    /// <summary>结果通报 (000 L270: 在当天通报): the result to the complainant by the close of the service day it is known (0), or so many service days later.</summary>
    public int ResultNoticeServiceDays { get; private set; }

    /// <summary>柜台办理: a payment, fee enquiry or bill reprint at the counter, in minutes from the customer's arrival (002 L41–L44: 10).</summary>
    public int CounterServiceMinutes { get; private set; } = 10;

    /// <summary>日志审阅 (000 L348: 每日查阅): the day's log signed by the close of the N-th service day after it (1: the next service day).</summary>
    public int DailyLogSignOffServiceDays { get; private set; } = 1;
    /// <summary>年度活动计划 drafted by this day of January (004 L165: 5).</summary>
    public int AnnualPlanDraftDay { get; private set; } = 5;

    /// <summary>年度活动计划 approved by the general manager by this day of January (004 L172: 10).</summary>
    public int AnnualPlanApprovalDay { get; private set; } = 10;

    /// <summary>Next year's plan opens (and its drafting clock starts) this many days before the drafting deadline (35: 1 December).</summary>
    public int AnnualPlanOpensDaysBefore { get; private set; } = 35;

    /// <summary>客户活动策划表 filled this many calendar days before the event (004 L174: 15).</summary>
    public int EventPlanFilledDays { get; private set; } = 15;

    /// <summary>策划表 submitted to the general manager this many days before (004 L187: 10).</summary>
    public int EventPlanSubmittedDays { get; private set; } = 10;

    /// <summary>策划表 approved this many days before (004 L189: 一周, 7).</summary>
    public int EventPlanApprovedDays { get; private set; } = 7;

    /// <summary>An event expecting more people than this is "large": reported to the local police station before approval (001 L426 names no figure).</summary>
    public int LargeEventAttendance { get; private set; } = 200;

    /// <summary>A property with no public-welfare event held or planned is shown this many months before the half year ends (2: from 1 May and 1 November).</summary>
    public int PublicWelfareAlertMonths { get; private set; } = 2;

    /// <summary>停水停电 notice posted at least this many hours before the cut (002 L17: 24).</summary>
    public int NoticeOutageLeadHours { get; private set; } = 24;

    /// <summary>消杀 notice posted at least this many days before the work (001 L566: 3).</summary>
    public int NoticePestControlLeadDays { get; private set; } = 3;

    /// <summary>A notice with no end date comes down this many months after it was posted (001 L568: 1).</summary>
    public int NoticeNoEndMonths { get; private set; } = 1;

    /// <summary>A notice posted inside its lead time is refused (true) or posted and marked late (false: 002 L17 excepts emergencies).</summary>
    public bool NoticeLateRefused { get; private set; }

    /// <summary>When the ladders per milestone were last saved: saving them bumps the policy's version, so two admins editing them at once are caught.</summary>
    public DateTime? LaddersChangedAt { get; private set; }

    /// <summary>The property-wide ladder: every milestone without a rule of its own runs on it.</summary>
    public SlaLadder Ladder => new(WarningPercent, EscalateSupervisorAfterMinutes, EscalateManagerAfterMinutes);

    /// <summary>Ladders set per milestone (and, for a repair's milestones, per urgency).</summary>
    public IReadOnlyList<SlaLadderRule> Ladders => _ladders;

    /// <summary>
    /// The ladder a new clock of <paramref name="milestone"/> copies: the rule for the milestone and the
    /// order's urgency, else the milestone's rule for any urgency, else the property-wide ladder.
    /// </summary>
    public SlaLadder LadderFor(SlaMilestone milestone, Repairs.RepairUrgency? urgency = null) =>
        (urgency is { } u ? _ladders.FirstOrDefault(r => r.Milestone == milestone && r.Urgency == u) : null)?.Ladder
        ?? _ladders.FirstOrDefault(r => r.Milestone == milestone && r.Urgency is null)?.Ladder
        ?? Ladder;

    /// <summary>
    /// Replaces the ladders per milestone with <paramref name="rules"/> (all valid, each milestone and
    /// urgency once, an urgency only on a repair's milestones): what the admin's page saves in one go.
    /// </summary>
    public void SetLadders(IReadOnlyList<(SlaMilestone Milestone, Repairs.RepairUrgency? Urgency, SlaLadder Ladder)> rules, DateTime nowUtc)
    {
        foreach (var (milestone, urgency, ladder) in rules)
        {
            ladder.Validated();
            if (urgency is not null && !SlaLadder.VariesByUrgency(milestone))
            {
                throw new DomainException("SlaLadderUrgencyNotRepair", "Only a repair order's milestones have a ladder per urgency.");
            }
        }

        if (rules.GroupBy(r => (r.Milestone, r.Urgency)).Any(g => g.Count() > 1))
        {
            throw new DomainException("SlaLadderDuplicate", "Each milestone (and urgency) has one ladder.");
        }

        foreach (var rule in _ladders.ToList())
        {
            if (rules.Any(r => r.Milestone == rule.Milestone && r.Urgency == rule.Urgency) is false)
            {
                _ladders.Remove(rule);
            }
        }

        foreach (var (milestone, urgency, ladder) in rules)
        {
            if (_ladders.FirstOrDefault(r => r.Milestone == milestone && r.Urgency == urgency) is { } existing)
            {
                existing.Set(ladder);
            }
            else
            {
                _ladders.Add(new SlaLadderRule(this, milestone, urgency, ladder));
            }
        }

        LaddersChangedAt = nowUtc;
    }

    /// <summary>The complaint limits the spec gives as "the same day" (000 L264, L270), as service days after that day.</summary>
    public void UpdateComplaintDays(int majorEscalationServiceDays, int resultNoticeServiceDays)
    {
        if (majorEscalationServiceDays is < 0 or > MaxServiceDays || resultNoticeServiceDays is < 0 or > MaxServiceDays)
        {
            throw new DomainException("SlaPolicyInvalid", "Targets must be positive; the manager is told after the supervisor.");
        }

        MajorEscalationServiceDays = majorEscalationServiceDays;
        ResultNoticeServiceDays = resultNoticeServiceDays;
    }

    /// <summary>The counter's limit for a payment, an enquiry or a reprint (002 L41–L44).</summary>
    public void UpdateCounter(int counterServiceMinutes)
    {
        if (counterServiceMinutes is < 1 or > MaxCounterMinutes)
        {
            throw new DomainException("SlaPolicyInvalid", "Targets must be positive; the manager is told after the supervisor.");
        }

        CounterServiceMinutes = counterServiceMinutes;
    }

    /// <summary>When the supervisor's sign-off of a day is due (000 L348).</summary>
    public void UpdateDailyLog(int signOffServiceDays)
    {
        if (signOffServiceDays is < 1 or > MaxServiceDays)
        {
            throw new DomainException("SlaPolicyInvalid", "Targets must be positive; the manager is told after the supervisor.");
        }

        DailyLogSignOffServiceDays = signOffServiceDays;
    }

    /// <summary>A month of service days: a "same day" limit stretched further is no longer the same promise.</summary>
    public const int MaxServiceDays = 30;

    /// <summary>A working day at the counter.</summary>
    public const int MaxCounterMinutes = 24 * 60;

    /// <summary>The time limits of community events and notices (§3.8–3.9), saved from their own settings page.</summary>
    public void UpdateCommunity(int annualPlanDraftDay, int annualPlanApprovalDay, int annualPlanOpensDaysBefore, int eventPlanFilledDays,
        int eventPlanSubmittedDays, int eventPlanApprovedDays, int largeEventAttendance, int publicWelfareAlertMonths,
        int noticeOutageLeadHours, int noticePestControlLeadDays, int noticeNoEndMonths, bool noticeLateRefused)
    {
        if (annualPlanDraftDay is < 1 or > 31 || annualPlanApprovalDay < annualPlanDraftDay || annualPlanApprovalDay > 31)
        {
            throw new DomainException("CommunityPlanDaysInvalid", "The plan is drafted on a January day (1–31) and approved on the same day or later.");
        }

        if (eventPlanApprovedDays < 1 || eventPlanSubmittedDays < eventPlanApprovedDays || eventPlanFilledDays < eventPlanSubmittedDays || eventPlanFilledDays > 90)
        {
            throw new DomainException("CommunityEventDaysInvalid", "The plan form is filled, then submitted, then approved: 90 ≥ filled ≥ submitted ≥ approved ≥ 1 days before the event.");
        }

        if (annualPlanOpensDaysBefore is < 1 or > 120 || largeEventAttendance < 1 || publicWelfareAlertMonths is < 1 or > 5
            || noticeOutageLeadHours is < 1 or > 720 || noticePestControlLeadDays is < 1 or > 30 || noticeNoEndMonths is < 1 or > 12)
        {
            throw new DomainException("SlaPolicyInvalid", "Targets must be positive.");
        }

        AnnualPlanDraftDay = annualPlanDraftDay;
        AnnualPlanApprovalDay = annualPlanApprovalDay;
        AnnualPlanOpensDaysBefore = annualPlanOpensDaysBefore;
        EventPlanFilledDays = eventPlanFilledDays;
        EventPlanSubmittedDays = eventPlanSubmittedDays;
        EventPlanApprovedDays = eventPlanApprovedDays;
        LargeEventAttendance = largeEventAttendance;
        PublicWelfareAlertMonths = publicWelfareAlertMonths;
        NoticeOutageLeadHours = noticeOutageLeadHours;
        NoticePestControlLeadDays = noticePestControlLeadDays;
        NoticeNoEndMonths = noticeNoEndMonths;
        NoticeLateRefused = noticeLateRefused;
    }

    public void UpdatePauses(int pauseApprovalMinutes)
    {
        if (pauseApprovalMinutes is < 1 or > SlaLadder.MaxAfterMinutes)
        {
            throw new DomainException("SlaPolicyInvalid", "Targets must be positive; the manager is told after the supervisor.");
        }

        PauseApprovalMinutes = pauseApprovalMinutes;
    }

    public void Update(int workOrderIssueMinutes, int phoneReplyMinutes, int emergencyOnSiteMinutes, int urgentOnSiteMinutes,
        int warningPercent, int escalateSupervisorAfterMinutes, int escalateManagerAfterMinutes,
        int callbackSafetyDays, int callbackLeakDays, int callbackOtherDays, int callbackMaxAttempts)
    {
        if (new[] { workOrderIssueMinutes, phoneReplyMinutes, emergencyOnSiteMinutes, urgentOnSiteMinutes, callbackSafetyDays, callbackLeakDays, callbackOtherDays, callbackMaxAttempts }.Any(v => v < 1)
            || warningPercent is < 1 or > 99 || escalateSupervisorAfterMinutes < 0 || escalateManagerAfterMinutes < escalateSupervisorAfterMinutes)
        {
            throw new DomainException("SlaPolicyInvalid", "Targets must be positive; the manager is told after the supervisor.");
        }

        WorkOrderIssueMinutes = workOrderIssueMinutes;
        PhoneReplyMinutes = phoneReplyMinutes;
        EmergencyOnSiteMinutes = emergencyOnSiteMinutes;
        UrgentOnSiteMinutes = urgentOnSiteMinutes;
        WarningPercent = warningPercent;
        EscalateSupervisorAfterMinutes = escalateSupervisorAfterMinutes;
        EscalateManagerAfterMinutes = escalateManagerAfterMinutes;
        CallbackSafetyDays = callbackSafetyDays;
        CallbackLeakDays = callbackLeakDays;
        CallbackOtherDays = callbackOtherDays;
        CallbackMaxAttempts = callbackMaxAttempts;
    }

    public void UpdateComplaints(int replyMinutes, int writtenReplyWorkingDays, int? writtenReplyHours, int importantEscalationMinutes,
        int majorDefiniteReplyDays, int majorResolutionDays, int importantResolutionDays, int minorResolutionDays,
        int planApprovalWorkingDays, int callbackDays, int repeatWindowDays)
    {
        if (new[] { replyMinutes, writtenReplyWorkingDays, importantEscalationMinutes, majorDefiniteReplyDays, majorResolutionDays, importantResolutionDays, minorResolutionDays, planApprovalWorkingDays, callbackDays, repeatWindowDays }.Any(v => v < 1)
            || writtenReplyHours is < 1)
        {
            throw new DomainException("SlaPolicyInvalid", "Targets must be positive; the manager is told after the supervisor.");
        }

        ComplaintReplyMinutes = replyMinutes;
        ComplaintWrittenReplyWorkingDays = writtenReplyWorkingDays;
        ComplaintWrittenReplyHours = writtenReplyHours;
        ImportantEscalationMinutes = importantEscalationMinutes;
        MajorDefiniteReplyDays = majorDefiniteReplyDays;
        MajorResolutionDays = majorResolutionDays;
        ImportantResolutionDays = importantResolutionDays;
        MinorResolutionDays = minorResolutionDays;
        PlanApprovalWorkingDays = planApprovalWorkingDays;
        ComplaintCallbackDays = callbackDays;
        RepeatWindowDays = repeatWindowDays;
    }

    /// <summary>装修审批, simple partitions that leave the central systems alone (002 L92: 2 working days).</summary>
    public int RenovationPartitionWorkingDays { get; private set; } = 2;

    /// <summary>装修审批, works touching central A/C, fire or other building systems (002 L92: 3 working days).</summary>
    public int RenovationCentralSystemsWorkingDays { get; private set; } = 3;

    /// <summary>装修审批, a whole floor (002 L92: 5 working days).</summary>
    public int RenovationWholeFloorWorkingDays { get; private set; } = 5;

    /// <summary>
    /// Each review step of a renovation — customer service, engineering, the Manager's decision — in working days
    /// (the portal's default 1; 004 L95 §五.八② gives the whole review 2 days).
    /// </summary>
    public int RenovationReviewStepWorkingDays { get; private set; } = 1;

    /// <summary>验收: the inspection done within this many minutes of the inspector's arrival (002 L95: 1 hour).</summary>
    public int RenovationInspectionMinutes { get; private set; } = 60;

    /// <summary>退保证金办理: the refund processed within this many working days of acceptance (002 L96: 2).</summary>
    public int RenovationRefundProcessingWorkingDays { get; private set; } = 2;

    /// <summary>退还保证金: the deposit paid back within this many working days of acceptance (002 L47–L49: 3).</summary>
    public int RenovationRefundPaymentWorkingDays { get; private set; } = 3;

    /// <summary>整改通知书: the written notice of a violation found on patrol, within this many hours of the patrol (004 L62: 24).</summary>
    public int RenovationViolationNoticeHours { get; private set; } = 24;

    /// <summary>
    /// 装修巡查 twice a day (004 §五.八③): the morning's patrol is due by this time; the afternoon's window opens then.
    /// The morning window opens when the service desk opens.
    /// </summary>
    public TimeOnly RenovationPatrolMorningBy { get; private set; } = new(12, 0);

    /// <summary>The afternoon's patrol is due by this time; null: by the close of the service day.</summary>
    public TimeOnly? RenovationPatrolAfternoonBy { get; private set; }

    /// <summary>The approval clock of a renovation of this scope, in working days (002 L92).</summary>
    public int RenovationApprovalWorkingDays(Renovations.RenovationScope scope) => scope switch
    {
        Renovations.RenovationScope.SimplePartition => RenovationPartitionWorkingDays,
        Renovations.RenovationScope.CentralSystems => RenovationCentralSystemsWorkingDays,
        _ => RenovationWholeFloorWorkingDays,
    };

    public void UpdateRenovations(int partitionWorkingDays, int centralSystemsWorkingDays, int wholeFloorWorkingDays, int reviewStepWorkingDays,
        int inspectionMinutes, int refundProcessingWorkingDays, int refundPaymentWorkingDays, int violationNoticeHours,
        TimeOnly patrolMorningBy, TimeOnly? patrolAfternoonBy)
    {
        if (new[] { partitionWorkingDays, centralSystemsWorkingDays, wholeFloorWorkingDays, reviewStepWorkingDays, inspectionMinutes,
                refundProcessingWorkingDays, refundPaymentWorkingDays, violationNoticeHours }.Any(v => v < 1)
            || patrolAfternoonBy <= patrolMorningBy)
        {
            throw new DomainException("SlaPolicyInvalid", "Targets must be positive; the afternoon patrol is due after the morning's.");
        }

        RenovationPartitionWorkingDays = partitionWorkingDays;
        RenovationCentralSystemsWorkingDays = centralSystemsWorkingDays;
        RenovationWholeFloorWorkingDays = wholeFloorWorkingDays;
        RenovationReviewStepWorkingDays = reviewStepWorkingDays;
        RenovationInspectionMinutes = inspectionMinutes;
        RenovationRefundProcessingWorkingDays = refundProcessingWorkingDays;
        RenovationRefundPaymentWorkingDays = refundPaymentWorkingDays;
        RenovationViolationNoticeHours = violationNoticeHours;
        RenovationPatrolMorningBy = patrolMorningBy;
        RenovationPatrolAfternoonBy = patrolAfternoonBy;
    }

    // ---- Move-in, custody and move-out (issue 15): the feature's limits, edited on their own settings section ----

    /// <summary>迁出: done at the counter within this many minutes of being opened (002 L40: 30 minutes).</summary>
    public int MoveOutMinutes { get; private set; } = 30;

    /// <summary>托管房巡查: a unit in custody is patrolled every this many days (000 L208: 每周, 7 days).</summary>
    public int CustodyPatrolDays { get; private set; } = 7;

    /// <summary>新住户回访: calendar months after the move-in, on the portal's wall clock (002 L13: 入住一个月内, 1).</summary>
    public int NewHouseholdCallbackMonths { get; private set; } = 1;

    /// <summary>
    /// 入住接待: minutes after the booked time by which the household must have been received (002 L27:
    /// 按用户预约时间, so 0 — the clock is due at the appointment itself).
    /// </summary>
    public int MoveInReceptionGraceMinutes { get; private set; }

    /// <summary>大雨巡查: hours a unit in custody has to be patrolled once a heavy-rain patrol is ordered (000 L208 gives no figure; 24).</summary>
    public int CustodyRainPatrolHours { get; private set; } = 24;

    /// <summary>托管期间水表: water used since the base reading above which a patrol raises the meter alarm (000 L208: 5; the unit was lost in the seed).</summary>
    public decimal CustodyWaterLimit { get; private set; } = 5m;

    /// <summary>托管期间电表: electricity used since the base reading above which a patrol raises the meter alarm (000 L208: 20).</summary>
    public decimal CustodyElectricityLimit { get; private set; } = 20m;

    /// <summary>The move-in, custody and move-out limits, saved together from their settings section.</summary>
    public void UpdateMoveIns(int moveOutMinutes, int custodyPatrolDays, int newHouseholdCallbackMonths, int moveInReceptionGraceMinutes,
        int custodyRainPatrolHours, decimal custodyWaterLimit, decimal custodyElectricityLimit)
    {
        if (moveOutMinutes is < 1 or > SlaLadder.MaxAfterMinutes || custodyPatrolDays is < 1 or > 90 || newHouseholdCallbackMonths is < 1 or > 12
            || moveInReceptionGraceMinutes is < 0 or > 24 * 60 || custodyRainPatrolHours is < 1 or > 7 * 24
            || !IsLimit(custodyWaterLimit) || !IsLimit(custodyElectricityLimit))
        {
            throw new DomainException("SlaPolicyInvalid", "Targets must be positive; the manager is told after the supervisor.");
        }

        MoveOutMinutes = moveOutMinutes;
        CustodyPatrolDays = custodyPatrolDays;
        NewHouseholdCallbackMonths = newHouseholdCallbackMonths;
        MoveInReceptionGraceMinutes = moveInReceptionGraceMinutes;
        CustodyRainPatrolHours = custodyRainPatrolHours;
        CustodyWaterLimit = custodyWaterLimit;
        CustodyElectricityLimit = custodyElectricityLimit;

        static bool IsLimit(decimal value) => value is > 0 and <= 100_000m && decimal.Round(value, 2) == value;
    }
}

/// <summary>
/// The escalation ladder of one milestone (optionally only for repair orders of one urgency) at one
/// property, part of its <see cref="SlaPolicy"/>. A clock copies it when it starts.
/// </summary>
public sealed class SlaLadderRule : Entity, IPropertyScoped
{
    private SlaLadderRule() { }

    internal SlaLadderRule(SlaPolicy policy, SlaMilestone milestone, Repairs.RepairUrgency? urgency, SlaLadder ladder)
    {
        PolicyId = policy.Id;
        PropertyId = policy.PropertyId;
        Milestone = milestone;
        Urgency = urgency;
        Set(ladder);
    }

    public Guid PolicyId { get; private set; }
    public Guid PropertyId { get; private set; }
    public SlaMilestone Milestone { get; private set; }

    /// <summary>Only repair orders of this urgency (null: any case of the milestone).</summary>
    public Repairs.RepairUrgency? Urgency { get; private set; }

    public int WarningPercent { get; private set; }
    public SlaRecipients NoticeTo { get; private set; }
    public int? SupervisorAfterMinutes { get; private set; }
    public SlaRecipients SupervisorRecipients { get; private set; }
    public string? SupervisorChannel { get; private set; }
    public int? ManagerAfterMinutes { get; private set; }
    public SlaRecipients ManagerRecipients { get; private set; }
    public string? ManagerChannel { get; private set; }

    public SlaLadder Ladder => new(WarningPercent, NoticeTo,
        SupervisorAfterMinutes is { } s ? new SlaLadderLevel(s, SupervisorRecipients, SupervisorChannel ?? SlaLadder.InApp) : null,
        ManagerAfterMinutes is { } m ? new SlaLadderLevel(m, ManagerRecipients, ManagerChannel ?? SlaLadder.InApp) : null);

    internal void Set(SlaLadder ladder)
    {
        ladder.Validated();
        WarningPercent = ladder.WarningPercent;
        NoticeTo = ladder.NoticeTo;
        SupervisorAfterMinutes = ladder.Supervisor?.AfterMinutes;
        SupervisorRecipients = ladder.Supervisor?.Recipients ?? SlaRecipients.None;
        SupervisorChannel = ladder.Supervisor?.Channel;
        ManagerAfterMinutes = ladder.Manager?.AfterMinutes;
        ManagerRecipients = ladder.Manager?.Recipients ?? SlaRecipients.None;
        ManagerChannel = ladder.Manager?.Channel;
    }
}

/// <summary>A date the loaded calendar classifies specially (holiday or make-up working day).</summary>
public sealed class CalendarDay : Entity
{
    private CalendarDay() { }

    public CalendarDay(DateOnly date, CalendarDayKind kind, string? name)
    {
        Date = date;
        Kind = kind;
        Name = Guard.Optional(name);
        if (kind == CalendarDayKind.MakeUpWorkday && date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
        {
            throw new DomainException("MakeUpDayNotWeekend", "A make-up working day falls on a weekend.");
        }
    }

    public DateOnly Date { get; private set; }
    public CalendarDayKind Kind { get; private set; }
    public string? Name { get; private set; }
}

/// <summary>A year whose holidays and make-up days have been loaded (a year without it counts Mon–Fri).</summary>
public sealed class CalendarYear : Entity
{
    private CalendarYear() { }

    public CalendarYear(int year, string? source)
    {
        if (year is < 2000 or > 2100)
        {
            throw new DomainException("CalendarYearOutOfRange", "Year out of range.");
        }

        Year = year;
        Source = Guard.Optional(source);
    }

    public int Year { get; private set; }
    public string? Source { get; private set; }
}

/// <summary>The company's service-desk hours (one row): "same working day" is measured against them.</summary>
public sealed class ServiceHoursSetting : Entity
{
    public TimeOnly WorkdayOpen { get; private set; } = BusinessCalendar.DefaultWorkdayHours.Open;
    public TimeOnly WorkdayClose { get; private set; } = BusinessCalendar.DefaultWorkdayHours.Close;
    public TimeOnly? RestDayOpen { get; private set; } = BusinessCalendar.DefaultRestDayHours.Open;
    public TimeOnly? RestDayClose { get; private set; } = BusinessCalendar.DefaultRestDayHours.Close;

    public ServiceHours Workday => new(WorkdayOpen, WorkdayClose);

    public ServiceHours? RestDay => RestDayOpen is { } o && RestDayClose is { } c ? new(o, c) : null;

    public void Update(TimeOnly workdayOpen, TimeOnly workdayClose, TimeOnly? restDayOpen, TimeOnly? restDayClose)
    {
        if (workdayClose <= workdayOpen || (restDayOpen is null) != (restDayClose is null) || restDayClose <= restDayOpen)
        {
            throw new DomainException("ServiceHoursInvalid", "Closing time must be after opening time.");
        }

        WorkdayOpen = workdayOpen;
        WorkdayClose = workdayClose;
        RestDayOpen = restDayOpen;
        RestDayClose = restDayClose;
    }
}
