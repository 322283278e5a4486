using PropertyPortal.Domain.Common;

namespace PropertyPortal.Domain.Sla;

/// <summary>
/// A property's service clocks, defaults from the spec (§3.2: 002 L21, L79; 000 L230). An admin
/// edits them per property; a property without its own row uses <see cref="CreateDefault"/>.
/// </summary>
public sealed class SlaPolicy : Entity, IPropertyScoped
{
    private SlaPolicy() { }

    public SlaPolicy(Guid propertyId) => PropertyId = propertyId;

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
    public int EscalateSupervisorAfterMinutes { get; private set; } = SlaLadder.Default.SupervisorAfterMinutes;

    /// <summary>Minutes after a breach before the managers are told.</summary>
    public int EscalateManagerAfterMinutes { get; private set; } = SlaLadder.Default.ManagerAfterMinutes;

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

    public SlaLadder Ladder => new(WarningPercent, EscalateSupervisorAfterMinutes, EscalateManagerAfterMinutes);

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
