using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Sla;

namespace PropertyPortal.Domain.Community;

/// <summary>The 策划表's eleven elements (004 L175–L186) plus the flags, as the organiser typed them. Times in UTC.</summary>
public sealed record EventPlanSheet(
    string Theme, string Form, DateTime StartsAt, DateTime? EndsAt, string Place, string? Content, string? Schedule, string? DepartmentDuties,
    string? PartnerProposals, string? EmergencyPlan, string? EvaluationMethod, bool PublicWelfare, int ExpectedAttendance, string? DayRoles,
    IReadOnlyList<(string Item, decimal Amount)> Budget)
{
    public const int MaxBudgetLines = 30;
}

/// <summary>What was seen on the day (客户活动记录表, 004 L218–L220): attendance, media, what it cost.</summary>
public sealed record EventRecordSheet(int ActualAttendance, string Summary, string? Media, IReadOnlyDictionary<Guid, decimal> ActualByLine,
    IReadOnlyList<(string Item, decimal Amount)> ExtraSpending);

/// <summary>
/// 客户活动: an event of a property, from the annual plan's row or ad hoc, through its plan form (策划表) on three clocks
/// counted back from the event's date (filled 15 days before, submitted 10, approved 7 — <see cref="EventDeadlines"/>),
/// the general manager's approval (a large event only once the police station has been told, 001 L426), invitations,
/// readiness checks, the record of the day and the evaluation the Manager reviews and the general manager approves
/// (004 L221–L224). Nothing is deleted; a cancelled event keeps its reason.
/// </summary>
public sealed class CommunityEvent : Entity, ICase
{
    private readonly List<CommunityEventEntry> _events = [];
    private readonly List<EventBudgetLine> _budget = [];
    private readonly List<EventCheck> _checks = [];

    private CommunityEvent() { }

    /// <summary>
    /// A new event: ad hoc (<paramref name="row"/> null) waits for the Manager's approval, one from the approved annual plan
    /// starts planning at once. Its three plan clocks start now; a deadline already past starts overdue.
    /// </summary>
    public static CommunityEvent Create(string number, Guid propertyId, EventPlanSheet sheet, AnnualPlanRow? row, Actor by, DateTime nowUtc, ClockSet clocks,
        string? approverId = null)
    {
        if (sheet.StartsAt <= nowUtc)
        {
            throw new DomainException("EventStartsInPast", "An event is planned ahead: its start is in the future.");
        }

        if (row is not null && row.PropertyId != propertyId)
        {
            throw new DomainException("EventRowOtherProperty", "The plan row belongs to another property.");
        }

        var e = new CommunityEvent
        {
            PropertyId = propertyId, Number = number, PlanRowId = row?.Id, PlanId = row?.PlanId, AdHoc = row is null,
            OrganiserId = by.UserId, OrganiserName = by.Name, CreatedAt = nowUtc,
            Status = row is null ? CommunityEventStatus.Proposed : CommunityEventStatus.Planning,
        };
        e.Apply(sheet, clocks.Context.Policy.LargeEventAttendance);
        var date = e.EventDate(clocks.Context.Calendar);
        var policy = clocks.Context.Policy;
        var calendar = clocks.Context.Calendar;
        clocks.Start(propertyId, SlaSubject.CommunityEvent, e.Id, SlaMilestone.EventPlanFilled, by.UserId,
            SlaTarget.At(EventDeadlines.CountedBack(date, policy.EventPlanFilledDays, calendar)), nowUtc);
        clocks.Start(propertyId, SlaSubject.CommunityEvent, e.Id, SlaMilestone.EventPlanSubmitted, by.UserId,
            SlaTarget.At(EventDeadlines.CountedBack(date, policy.EventPlanSubmittedDays, calendar)), nowUtc);
        clocks.Start(propertyId, SlaSubject.CommunityEvent, e.Id, SlaMilestone.EventPlanApproved, approverId,
            SlaTarget.At(EventDeadlines.CountedBack(date, policy.EventPlanApprovedDays, calendar)), nowUtc);
        e.Record(row is null ? CommunityEventAction.Proposed : CommunityEventAction.Created, by, nowUtc, e.Theme);
        return e;
    }

    public Guid PropertyId { get; private set; }

    /// <summary>CHHY-HD-2026-005: per property and year.</summary>
    public string Number { get; private set; } = "";

    public Guid? PlanId { get; private set; }
    public Guid? PlanRowId { get; private set; }

    /// <summary>Not in the annual plan: needs the Manager's approval before it is planned.</summary>
    public bool AdHoc { get; private set; }

    public CommunityEventStatus Status { get; private set; }
    public DateTime CreatedAt { get; private set; }

    /// <summary>The organiser (管家主任): who proposed it, fills the plan, the record and the evaluation.</summary>
    public string? OrganiserId { get; private set; }

    public string OrganiserName { get; private set; } = "";

    public string Theme { get; private set; } = "";
    public string Form { get; private set; } = "";
    public DateTime StartsAt { get; private set; }
    public DateTime? EndsAt { get; private set; }
    public string Place { get; private set; } = "";
    public string? Content { get; private set; }
    public string? Schedule { get; private set; }
    public string? DepartmentDuties { get; private set; }
    public string? PartnerProposals { get; private set; }
    public string? EmergencyPlan { get; private set; }
    public string? EvaluationMethod { get; private set; }

    /// <summary>Day-of roles (现场分工, 004 L201–L217), one "role：person" a line.</summary>
    public string? DayRoles { get; private set; }

    /// <summary>公益活动: counts for the half-year rule (004 L51).</summary>
    public bool PublicWelfare { get; private set; }

    public int ExpectedAttendance { get; private set; }

    /// <summary>Expected attendance over the policy's threshold when the plan was last saved: the police station must be told first.</summary>
    public bool Large { get; private set; }

    public DateOnly? PoliceReportedOn { get; private set; }
    public string? PoliceReference { get; private set; }

    public string? ReturnComment { get; private set; }
    public string? SubmittedById { get; private set; }
    public DateTime? ApprovedAt { get; private set; }
    public string? ApprovedByName { get; private set; }
    public bool ApprovedByStandIn { get; private set; }

    public int? ActualAttendance { get; private set; }
    public string? RecordSummary { get; private set; }
    public string? Media { get; private set; }
    public DateTime? RecordedAt { get; private set; }
    public string? RecordedByName { get; private set; }

    public bool? GoalsMet { get; private set; }

    /// <summary>1–10, the organiser's score of the event against its evaluation method.</summary>
    public int? EvaluationScore { get; private set; }

    public string? EvaluationSummary { get; private set; }
    public DateTime? EvaluatedAt { get; private set; }
    public string? EvaluatedByName { get; private set; }
    public string? ReviewNote { get; private set; }
    public DateTime? ReviewedAt { get; private set; }
    public string? ReviewedByName { get; private set; }
    public DateTime? EvaluationApprovedAt { get; private set; }
    public string? EvaluationApprovedByName { get; private set; }
    public bool EvaluationApprovedByStandIn { get; private set; }

    public string? CancelReason { get; private set; }
    public DateTime? CancelledAt { get; private set; }

    public IReadOnlyList<EventBudgetLine> Budget => _budget;
    public IReadOnlyList<EventCheck> Checks => _checks;
    public IReadOnlyList<CommunityEventEntry> Events => _events;
    IReadOnlyList<CaseEvent> ICase.Timeline => _events;

    public decimal PlannedBudget => _budget.Sum(b => b.Planned);

    public decimal ActualSpending => _budget.Sum(b => b.Actual ?? 0);

    public bool PlanEditable => Status is CommunityEventStatus.Proposed or CommunityEventStatus.Planning;

    public bool IsOpen => Status is not (CommunityEventStatus.Closed or CommunityEventStatus.Cancelled);

    /// <summary>Held, or on its way to be: counts as "held or planned" for the half-year rule.</summary>
    public bool Counts => Status != CommunityEventStatus.Cancelled;

    public DateOnly EventDate(BusinessCalendar calendar) => DateOnly.FromDateTime(calendar.ToLocal(StartsAt));

    /// <summary>What of the 策划表 is still empty, by field name (empty when the form is complete).</summary>
    public IReadOnlyList<string> MissingPlanParts()
    {
        var missing = new List<string>();
        void Need(string? value, string field)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                missing.Add(field);
            }
        }

        Need(Content, nameof(Content));
        Need(Schedule, nameof(Schedule));
        Need(DepartmentDuties, nameof(DepartmentDuties));
        Need(PartnerProposals, nameof(PartnerProposals));
        Need(EmergencyPlan, nameof(EmergencyPlan));
        Need(EvaluationMethod, nameof(EvaluationMethod));
        if (_budget.Count == 0)
        {
            missing.Add(nameof(Budget));
        }

        return missing;
    }

    /// <summary>临时活动 approved by the Manager: planning starts.</summary>
    public void ApproveProposal(Actor by, DateTime nowUtc)
    {
        Require(CommunityEventStatus.Proposed);
        Status = CommunityEventStatus.Planning;
        Record(CommunityEventAction.ProposalApproved, by, nowUtc, null);
    }

    /// <summary>Saves the plan form; a new date moves the three plan clocks (met ones stay met).</summary>
    public void EditPlan(EventPlanSheet sheet, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        if (!PlanEditable)
        {
            throw new DomainException("EventPlanNotEditable", "The plan form is edited only while the event is being planned.");
        }

        if (sheet.StartsAt != StartsAt && sheet.StartsAt <= nowUtc)
        {
            throw new DomainException("EventStartsInPast", "An event is planned ahead: its start is in the future.");
        }

        var moved = sheet.StartsAt != StartsAt;
        Apply(sheet, clocks.Context.Policy.LargeEventAttendance);
        if (moved)
        {
            var date = EventDate(clocks.Context.Calendar);
            var policy = clocks.Context.Policy;
            Retarget(clocks, SlaMilestone.EventPlanFilled, date, policy.EventPlanFilledDays);
            Retarget(clocks, SlaMilestone.EventPlanSubmitted, date, policy.EventPlanSubmittedDays);
            Retarget(clocks, SlaMilestone.EventPlanApproved, date, policy.EventPlanApprovedDays);
        }

        Record(CommunityEventAction.PlanEdited, by, nowUtc, moved ? "改期" : null);
    }

    /// <summary>策划表填写完成: refused while an element is empty; meets the "filled" clock.</summary>
    public void MarkFilled(Actor by, DateTime nowUtc, ClockSet clocks)
    {
        Require(CommunityEventStatus.Planning);
        if (MissingPlanParts().Count > 0)
        {
            throw new DomainException("EventPlanIncomplete", "Every element of the plan form is filled before it goes to review.");
        }

        Status = CommunityEventStatus.PlanFilled;
        ReturnComment = null;
        clocks.Meet(SlaMilestone.EventPlanFilled, nowUtc);
        Record(CommunityEventAction.PlanFilled, by, nowUtc, null);
    }

    /// <summary>The supervisor reviewed the form and submits it to the general manager: meets the "submitted" clock.</summary>
    public void Submit(string? note, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        Require(CommunityEventStatus.PlanFilled);
        Status = CommunityEventStatus.Submitted;
        SubmittedById = by.UserId;
        clocks.Meet(SlaMilestone.EventPlanSubmitted, nowUtc);
        Record(CommunityEventAction.Submitted, by, nowUtc, note);
    }

    /// <summary>退回 by the reviewer (form filled) or the general manager (submitted): back to planning; the approval clock keeps running.</summary>
    public void Return(string comment, Actor by, bool standIn, DateTime nowUtc)
    {
        if (Status is not (CommunityEventStatus.PlanFilled or CommunityEventStatus.Submitted))
        {
            throw new DomainException("EventWrongState", "This step is not possible in the event's current state.");
        }

        var text = Guard.Required(comment, nameof(comment));
        Status = CommunityEventStatus.Planning;
        ReturnComment = text;
        Record(CommunityEventAction.Returned, by, nowUtc, AnnualEventPlan.StandInNote(standIn, text));
    }

    /// <summary>The general manager approves (or a Manager standing in): a large event only once the police station has been told.</summary>
    public void Approve(string? note, Actor by, bool standIn, DateTime nowUtc, ClockSet clocks)
    {
        Require(CommunityEventStatus.Submitted);
        if (Large && PoliceReportedOn is null)
        {
            throw new DomainException("EventPoliceReportMissing", "A large event is reported to the local police station before it is approved.");
        }

        Status = CommunityEventStatus.Approved;
        ApprovedAt = nowUtc;
        ApprovedByName = by.Name;
        ApprovedByStandIn = standIn;
        clocks.Meet(SlaMilestone.EventPlanApproved, nowUtc);
        foreach (var item in Enum.GetValues<EventReadinessItem>())
        {
            _checks.Add(new EventCheck(this, item));
        }

        Record(CommunityEventAction.Approved, by, nowUtc, AnnualEventPlan.StandInNote(standIn, note));
    }

    /// <summary>知会辖区派出所: the date and the reference of the report (001 L426).</summary>
    public void RecordPoliceReport(DateOnly reportedOn, string reference, Actor by, DateTime nowUtc)
    {
        if (!IsOpen || Status >= CommunityEventStatus.Held)
        {
            throw new DomainException("EventWrongState", "This step is not possible in the event's current state.");
        }

        PoliceReportedOn = reportedOn;
        PoliceReference = Guard.Required(reference, nameof(reference));
        Record(CommunityEventAction.PoliceReported, by, nowUtc, $"{reportedOn:yyyy-MM-dd} {PoliceReference}");
    }

    /// <summary>One readiness check ticked (or unticked) before the day.</summary>
    public void CheckReadiness(EventReadinessItem item, bool done, string? note, Actor by, DateTime nowUtc)
    {
        Require(CommunityEventStatus.Approved);
        var check = _checks.First(c => c.Item == item);
        check.Set(done, note, by, nowUtc);
        Record(CommunityEventAction.ReadinessChecked, by, nowUtc, $"{item}{(done ? "" : " ✗")}{(check.Note is null ? "" : "：" + check.Note)}");
    }

    /// <summary>
    /// 邀请: invitations for the households not invited yet (after approval, 004 L190). Returns the new ones, which the
    /// caller saves beside the event; the timeline says how many went out.
    /// </summary>
    public IReadOnlyList<EventInvitation> Invite(IEnumerable<(Guid CustomerId, Guid? UnitId)> households, IReadOnlySet<Guid> alreadyInvited, string via, Actor by, DateTime nowUtc)
    {
        Require(CommunityEventStatus.Approved);
        var fresh = households.Where(h => !alreadyInvited.Contains(h.CustomerId)).DistinctBy(h => h.CustomerId)
            .Select(h => new EventInvitation(this, h.CustomerId, h.UnitId, via, by, nowUtc)).ToList();
        if (fresh.Count == 0)
        {
            throw new DomainException("EventNobodyToInvite", "Every household of the audience is already invited.");
        }

        Record(CommunityEventAction.Invited, by, nowUtc, fresh.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return fresh;
    }

    /// <summary>A household's reply taken at the desk, while the event is still ahead.</summary>
    public void Reply(EventInvitation invitation, InvitationReply reply, int? people, Actor by, DateTime nowUtc)
    {
        Own(invitation);
        Require(CommunityEventStatus.Approved);
        invitation.RecordReply(reply, people, by, nowUtc);
    }

    /// <summary>签到: who came, ticked on the day or when the record is filled.</summary>
    public void CheckIn(EventInvitation invitation, bool attended, DateTime nowUtc)
    {
        Own(invitation);
        if (Status is not (CommunityEventStatus.Approved or CommunityEventStatus.Held) || nowUtc < StartsAt.AddHours(-12))
        {
            throw new DomainException("EventCheckInNotOpen", "Households are checked in on the day of the event.");
        }

        invitation.MarkAttended(attended, nowUtc);
    }

    /// <summary>客户活动记录表, filed once the event has started: attendance, summary, media and what each budget line cost.</summary>
    public void RecordHeld(EventRecordSheet sheet, Actor by, DateTime nowUtc)
    {
        Require(CommunityEventStatus.Approved);
        if (nowUtc < StartsAt)
        {
            throw new DomainException("EventNotYetHeld", "The record is filed once the event has taken place.");
        }

        if (sheet.ActualAttendance < 0 || sheet.ActualByLine.Values.Any(v => v < 0) || sheet.ExtraSpending.Any(x => x.Amount < 0))
        {
            throw new DomainException("EventAmountNegative", "Attendance and amounts cannot be negative.");
        }

        ActualAttendance = sheet.ActualAttendance;
        RecordSummary = Guard.Required(sheet.Summary, nameof(sheet.Summary));
        Media = Guard.Optional(sheet.Media);
        foreach (var line in _budget)
        {
            line.SetActual(sheet.ActualByLine.TryGetValue(line.Id, out var actual) ? actual : 0);
        }

        foreach (var (item, amount) in sheet.ExtraSpending)
        {
            _budget.Add(new EventBudgetLine(this, Guard.Required(item, nameof(item)), 0, _budget.Count, amount));
        }

        RecordedAt = nowUtc;
        RecordedByName = by.Name;
        Status = CommunityEventStatus.Held;
        Record(CommunityEventAction.Recorded, by, nowUtc, $"{ActualAttendance}");
    }

    /// <summary>客户活动评估表, filled by the organiser (004 L221).</summary>
    public void Evaluate(bool goalsMet, int score, string summary, Actor by, DateTime nowUtc)
    {
        Require(CommunityEventStatus.Held);
        if (score is < 1 or > 10)
        {
            throw new DomainException("EventScoreRange", "The score is 1 to 10.");
        }

        GoalsMet = goalsMet;
        EvaluationScore = score;
        EvaluationSummary = Guard.Required(summary, nameof(summary));
        EvaluatedAt = nowUtc;
        EvaluatedByName = by.Name;
        Status = CommunityEventStatus.Evaluated;
        Record(CommunityEventAction.Evaluated, by, nowUtc, $"{score}");
    }

    /// <summary>The Manager reviews the evaluation: passes it to the general manager, or sends it back with the reason.</summary>
    public void ReviewEvaluation(bool passed, string? note, Actor by, DateTime nowUtc)
    {
        Require(CommunityEventStatus.Evaluated);
        var reason = passed ? Guard.Optional(note) : Guard.Required(note, nameof(note));
        ReviewNote = reason;
        ReviewedAt = nowUtc;
        ReviewedByName = by.Name;
        if (passed)
        {
            Status = CommunityEventStatus.EvaluationReviewed;
            Record(CommunityEventAction.EvaluationReviewed, by, nowUtc, ReviewNote);
        }
        else
        {
            Status = CommunityEventStatus.Held;
            Record(CommunityEventAction.EvaluationReturned, by, nowUtc, reason);
        }
    }

    /// <summary>The general manager approves the evaluation (or a Manager standing in): the file is closed and kept.</summary>
    public void ApproveEvaluation(string? note, Actor by, bool standIn, DateTime nowUtc)
    {
        Require(CommunityEventStatus.EvaluationReviewed);
        EvaluationApprovedAt = nowUtc;
        EvaluationApprovedByName = by.Name;
        EvaluationApprovedByStandIn = standIn;
        Status = CommunityEventStatus.Closed;
        Record(CommunityEventAction.EvaluationApproved, by, nowUtc, AnnualEventPlan.StandInNote(standIn, note));
    }

    /// <summary>取消 before the day, with the reason (kept); its open clocks stop.</summary>
    public void Cancel(string reason, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        if (Status >= CommunityEventStatus.Held)
        {
            throw new DomainException("EventWrongState", "This step is not possible in the event's current state.");
        }

        CancelReason = Guard.Required(reason, nameof(reason));
        CancelledAt = nowUtc;
        Status = CommunityEventStatus.Cancelled;
        clocks.CancelAll();
        Record(CommunityEventAction.Cancelled, by, nowUtc, CancelReason);
    }

    private void Apply(EventPlanSheet s, int largeOver)
    {
        if (s.EndsAt is { } end && end < s.StartsAt)
        {
            throw new DomainException("EventEndsBeforeStart", "An event ends after it starts.");
        }

        if (s.ExpectedAttendance is < 0 or > 100_000 || s.Budget.Any(b => b.Amount < 0) || s.Budget.Count > EventPlanSheet.MaxBudgetLines)
        {
            throw new DomainException("EventAmountNegative", "Attendance and amounts cannot be negative.");
        }

        Theme = Guard.Required(s.Theme, nameof(Theme));
        Form = Guard.Required(s.Form, nameof(Form));
        Place = Guard.Required(s.Place, nameof(Place));
        StartsAt = s.StartsAt;
        EndsAt = s.EndsAt;
        Content = Guard.Optional(s.Content);
        Schedule = Guard.Optional(s.Schedule);
        DepartmentDuties = Guard.Optional(s.DepartmentDuties);
        PartnerProposals = Guard.Optional(s.PartnerProposals);
        EmergencyPlan = Guard.Optional(s.EmergencyPlan);
        EvaluationMethod = Guard.Optional(s.EvaluationMethod);
        DayRoles = Guard.Optional(s.DayRoles);
        PublicWelfare = s.PublicWelfare;
        ExpectedAttendance = s.ExpectedAttendance;
        Large = s.ExpectedAttendance > largeOver;
        _budget.Clear();
        var i = 0;
        foreach (var (item, amount) in s.Budget)
        {
            _budget.Add(new EventBudgetLine(this, Guard.Required(item, nameof(item)), amount, i++, null));
        }
    }

    private void Retarget(ClockSet clocks, SlaMilestone milestone, DateOnly date, int daysBefore) =>
        clocks.Open(milestone)?.Retarget(SlaTarget.At(EventDeadlines.CountedBack(date, daysBefore, clocks.Context.Calendar)), clocks.Context.Calendar);

    private void Own(EventInvitation invitation)
    {
        if (invitation.EventId != Id)
        {
            throw new DomainException("EventWrongState", "This step is not possible in the event's current state.");
        }
    }

    private void Require(CommunityEventStatus status)
    {
        if (Status != status)
        {
            throw new DomainException("EventWrongState", "This step is not possible in the event's current state.");
        }
    }

    private void Record(CommunityEventAction action, Actor by, DateTime nowUtc, string? note) =>
        _events.Add(new CommunityEventEntry(PropertyId, Id, action, by, nowUtc, note));
}

/// <summary>One line of the itemised budget (预算明细, 4.3.11) and, after the day, what it actually cost.</summary>
public sealed class EventBudgetLine : Entity, IPropertyScoped
{
    private EventBudgetLine() { }

    internal EventBudgetLine(CommunityEvent e, string item, decimal planned, int sortOrder, decimal? actual)
    {
        PropertyId = e.PropertyId;
        EventId = e.Id;
        Item = item;
        Planned = planned;
        SortOrder = sortOrder;
        Actual = actual;
    }

    public Guid PropertyId { get; private set; }
    public Guid EventId { get; private set; }
    public int SortOrder { get; private set; }
    public string Item { get; private set; } = "";
    public decimal Planned { get; private set; }
    public decimal? Actual { get; private set; }

    internal void SetActual(decimal actual) => Actual = actual;
}

/// <summary>A readiness check (4.6), ticked with who and when.</summary>
public sealed class EventCheck : Entity, IPropertyScoped
{
    private EventCheck() { }

    internal EventCheck(CommunityEvent e, EventReadinessItem item)
    {
        PropertyId = e.PropertyId;
        EventId = e.Id;
        Item = item;
    }

    public Guid PropertyId { get; private set; }
    public Guid EventId { get; private set; }
    public EventReadinessItem Item { get; private set; }
    public bool Done { get; private set; }
    public string? Note { get; private set; }
    public DateTime? DoneAt { get; private set; }
    public string? DoneByName { get; private set; }

    internal void Set(bool done, string? note, Actor by, DateTime nowUtc)
    {
        Done = done;
        Note = Guard.Optional(note);
        DoneAt = done ? nowUtc : null;
        DoneByName = done ? by.Name : null;
    }
}

/// <summary>
/// A household invited to an event: who invited it, how it went out, and the reply taken at the desk (attending, how
/// many people) and whether it came. Kept beside the event, not inside it: a property-wide invitation is hundreds of rows.
/// </summary>
public sealed class EventInvitation : Entity, IPropertyScoped, IHasOwnHistory
{
    private EventInvitation() { }

    internal EventInvitation(CommunityEvent e, Guid customerId, Guid? unitId, string via, Actor by, DateTime nowUtc)
    {
        PropertyId = e.PropertyId;
        EventId = e.Id;
        CustomerId = customerId;
        UnitId = unitId;
        Via = via;
        InvitedAt = nowUtc;
        InvitedByName = by.Name;
    }

    public Guid PropertyId { get; private set; }
    public Guid EventId { get; private set; }
    public Guid CustomerId { get; private set; }
    public Guid? UnitId { get; private set; }

    /// <summary>How it went out: the channel's name (today the stewards deliver the printed list, <c>Steward</c>).</summary>
    public string Via { get; private set; } = "";

    public DateTime InvitedAt { get; private set; }
    public string InvitedByName { get; private set; } = "";
    public InvitationReply Reply { get; private set; }
    public int? People { get; private set; }
    public DateTime? RepliedAt { get; private set; }
    public string? RepliedByName { get; private set; }
    public DateTime? AttendedAt { get; private set; }

    public bool Attended => AttendedAt is not null;

    /// <summary>The household's answer as taken at the desk; attending needs a number of people (1–50).</summary>
    internal void RecordReply(InvitationReply reply, int? people, Actor by, DateTime nowUtc)
    {
        if (reply == InvitationReply.Attending && people is not (>= 1 and <= 50))
        {
            throw new DomainException("InvitationPeopleRange", "An attending household comes with 1 to 50 people.");
        }

        Reply = reply;
        People = reply == InvitationReply.Attending ? people : null;
        RepliedAt = nowUtc;
        RepliedByName = by.Name;
    }

    /// <summary>签到 on the day (or unticked when ticked by mistake).</summary>
    internal void MarkAttended(bool attended, DateTime nowUtc) => AttendedAt = attended ? AttendedAt ?? nowUtc : null;
}

public sealed class CommunityEventEntry : CaseEvent
{
    private CommunityEventEntry() { }

    internal CommunityEventEntry(Guid propertyId, Guid eventId, CommunityEventAction kind, Actor by, DateTime atUtc, string? note)
        : base(propertyId, by, atUtc, note)
    {
        EventId = eventId;
        Kind = kind;
    }

    public Guid EventId { get; private set; }
    public CommunityEventAction Kind { get; private set; }
}
