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
