using System.Text.Json;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Sla;

namespace PropertyPortal.Domain.Community;

/// <summary>One line of the annual plan as typed (004 L166–L171): when (a month, or a date), theme, form, content, budget.</summary>
public sealed record AnnualPlanLine(int Month, DateOnly? Date, string Theme, string Form, string Content, decimal Budget, bool PublicWelfare)
{
    public const int MaxRows = 60;

    internal AnnualPlanLine Checked(int year)
    {
        if (Month is < 1 or > 12 || Date is { } d && (d.Year != year || d.Month != Month))
        {
            throw new DomainException("AnnualPlanRowMonth", "A row's month is 1–12 and its date, when given, falls in that month of the plan's year.");
        }

        if (Budget < 0)
        {
            throw new DomainException("AnnualPlanRowBudget", "A budget cannot be negative.");
        }

        return this with
        {
            Theme = Guard.Required(Theme, nameof(Theme)),
            Form = Guard.Required(Form, nameof(Form)),
            Content = Guard.Required(Content, nameof(Content)),
        };
    }
}

/// <summary>
/// 年度客户活动计划: one per property and year. The supervisor drafts it by 5 January and submits it; the project's
/// general manager (or, where the property has none, a Manager standing in) approves it by 10 January or returns
/// it with comments. Every submitted version is kept with its decision; an approved plan may be revised, which
/// makes a new version to approve. Events are made from the approved plan's rows.
/// </summary>
public sealed class AnnualEventPlan : Entity, ICase
{
    private readonly List<AnnualPlanEntry> _events = [];
    private readonly List<AnnualPlanRow> _rows = [];
    private readonly List<AnnualPlanVersion> _versions = [];

    private AnnualEventPlan() { }

    /// <summary>Opens the year's plan and starts its drafting clock (due the policy's January day; overdue at once when opened later).</summary>
    public static AnnualEventPlan Open(string number, Guid propertyId, int year, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        if (year is < 2000 or > 2100)
        {
            throw new DomainException("CalendarYearOutOfRange", "Year out of range.");
        }

        var plan = new AnnualEventPlan { PropertyId = propertyId, Year = year, Number = number, Status = AnnualPlanStatus.Draft, OpenedAt = nowUtc };
        var due = EventDeadlines.AnnualDue(year, clocks.Context.Policy.AnnualPlanDraftDay, clocks.Context.Calendar);
        clocks.Start(propertyId, SlaSubject.AnnualEventPlan, plan.Id, SlaMilestone.AnnualPlanDraft, by.UserId, SlaTarget.At(due), nowUtc);
        plan.Record(AnnualPlanAction.Opened, by, nowUtc, year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return plan;
    }

    public Guid PropertyId { get; private set; }
    public int Year { get; private set; }

    /// <summary>CHHY-JH-2026: one plan per property and year.</summary>
    public string Number { get; private set; } = "";

    public AnnualPlanStatus Status { get; private set; }
    public DateTime OpenedAt { get; private set; }

    /// <summary>The version being drafted (the last submitted one while it waits for a decision).</summary>
    public int CurrentVersion { get; private set; } = 1;

    public DateTime? ApprovedAt { get; private set; }
    public string? ApprovedByName { get; private set; }

    /// <summary>The last return's comments, shown above the rows while they are edited again.</summary>
    public string? ReturnComment { get; private set; }

    public IReadOnlyList<AnnualPlanRow> Rows => _rows;
    public IReadOnlyList<AnnualPlanVersion> Versions => _versions;
    public IReadOnlyList<AnnualPlanEntry> Events => _events;
    IReadOnlyList<CaseEvent> ICase.Timeline => _events;

    public bool Editable => Status is AnnualPlanStatus.Draft or AnnualPlanStatus.Returned;

    public decimal TotalBudget => _rows.Sum(r => r.Budget);

    /// <summary>
    /// Replaces the rows with <paramref name="lines"/> (in order): a line with the id of an existing row updates it, a
    /// line without one adds a row, a row not listed is removed — refused for rows events were made from.
    /// </summary>
    public void SetRows(IReadOnlyList<(Guid? Id, AnnualPlanLine Line)> lines, IReadOnlySet<Guid> rowsWithEvents, Actor by, DateTime nowUtc)
    {
        if (!Editable)
        {
            throw new DomainException("AnnualPlanNotEditable", "Only a plan being drafted (or returned) can be edited.");
        }

        if (lines.Count > AnnualPlanLine.MaxRows)
        {
            throw new DomainException("AnnualPlanTooManyRows", "A plan has at most 60 rows.");
        }

        var checkedLines = lines.Select(l => (l.Id, Line: l.Line.Checked(Year))).ToList();
        var kept = checkedLines.Where(l => l.Id is not null).Select(l => l.Id!.Value).ToHashSet();
        if (_rows.Any(r => !kept.Contains(r.Id) && rowsWithEvents.Contains(r.Id)))
        {
            throw new DomainException("AnnualPlanRowHasEvents", "A row that events were made from cannot be removed.");
        }

        _rows.RemoveAll(r => !kept.Contains(r.Id));
        for (var i = 0; i < checkedLines.Count; i++)
        {
            var (id, line) = checkedLines[i];
            if (id is { } existing && _rows.FirstOrDefault(r => r.Id == existing) is { } row)
            {
                row.Set(line, i);
            }
            else
            {
                _rows.Add(new AnnualPlanRow(this, line, i));
            }
        }

        Record(AnnualPlanAction.RowsEdited, by, nowUtc, $"{_rows.Count}");
    }

    /// <summary>上报: the rows as they are now become a kept version; the drafting clock is met and the approval clock runs to 10 January.</summary>
    public AnnualPlanVersion Submit(Actor by, DateTime nowUtc, ClockSet clocks)
    {
        if (!Editable)
        {
            throw new DomainException("AnnualPlanNotEditable", "Only a plan being drafted (or returned) can be submitted.");
        }

        if (_rows.Count == 0)
        {
            throw new DomainException("AnnualPlanEmpty", "A plan needs at least one row.");
        }

        var version = new AnnualPlanVersion(this, CurrentVersion, [.. _rows.OrderBy(r => r.SortOrder).Select(r => r.Line)], by, nowUtc);
        _versions.Add(version);
        Status = AnnualPlanStatus.Submitted;
        ReturnComment = null;
        clocks.Meet(SlaMilestone.AnnualPlanDraft, nowUtc);
        if (clocks.Open(SlaMilestone.AnnualPlanApproval) is null && ApprovedAt is null)
        {
            var due = EventDeadlines.AnnualDue(Year, clocks.Context.Policy.AnnualPlanApprovalDay, clocks.Context.Calendar);
            clocks.Start(PropertyId, SlaSubject.AnnualEventPlan, Id, SlaMilestone.AnnualPlanApproval, null, SlaTarget.At(due), nowUtc);
        }

        Record(AnnualPlanAction.Submitted, by, nowUtc, $"V{CurrentVersion}");
        return version;
    }

    /// <summary>批准 by the general manager (<paramref name="standIn"/>: a Manager where the property has no general manager).</summary>
    public void Approve(string? note, Actor by, bool standIn, DateTime nowUtc, ClockSet clocks)
    {
        var version = Pending();
        version.Decide(PlanDecision.Approved, note, by, standIn, nowUtc);
        Status = AnnualPlanStatus.Approved;
        ApprovedAt = nowUtc;
        ApprovedByName = by.Name;
        clocks.Meet(SlaMilestone.AnnualPlanApproval, nowUtc);
        Record(AnnualPlanAction.Approved, by, nowUtc, StandInNote(standIn, note));
    }

    /// <summary>退回 with comments: the rows are edited and submitted again as the next version; the approval clock keeps running.</summary>
    public void Return(string comment, Actor by, bool standIn, DateTime nowUtc)
    {
        var text = Guard.Required(comment, nameof(comment));
        Pending().Decide(PlanDecision.Returned, text, by, standIn, nowUtc);
        Status = AnnualPlanStatus.Returned;
        ReturnComment = text;
        CurrentVersion++;
        Record(AnnualPlanAction.Returned, by, nowUtc, StandInNote(standIn, text));
    }

    /// <summary>修订 an approved plan during the year: it is drafted again as a new version and needs a new approval.</summary>
    public void Revise(string reason, Actor by, DateTime nowUtc)
    {
        if (Status != AnnualPlanStatus.Approved)
        {
            throw new DomainException("AnnualPlanNotApproved", "Only an approved plan is revised.");
        }

        Status = AnnualPlanStatus.Draft;
        CurrentVersion++;
        Record(AnnualPlanAction.Revised, by, nowUtc, Guard.Required(reason, nameof(reason)));
    }

    private AnnualPlanVersion Pending() =>
        Status == AnnualPlanStatus.Submitted && _versions.FirstOrDefault(v => v.Number == CurrentVersion && v.Decision == PlanDecision.Pending) is { } v
            ? v
            : throw new DomainException("AnnualPlanNotSubmitted", "Only a submitted plan is approved or returned.");

    internal static string? StandInNote(bool standIn, string? note) => standIn ? "代总经理" + (note is null ? "" : "：" + note) : note;

    private void Record(AnnualPlanAction action, Actor by, DateTime nowUtc, string? note) =>
        _events.Add(new AnnualPlanEntry(PropertyId, Id, action, by, nowUtc, note));
}

/// <summary>A row of the plan being drafted; events made from it keep its id.</summary>
public sealed class AnnualPlanRow : Entity, IPropertyScoped
{
    private AnnualPlanRow() { }

    internal AnnualPlanRow(AnnualEventPlan plan, AnnualPlanLine line, int sortOrder)
    {
        PropertyId = plan.PropertyId;
        PlanId = plan.Id;
        Set(line, sortOrder);
    }

    public Guid PropertyId { get; private set; }
    public Guid PlanId { get; private set; }
    public int SortOrder { get; private set; }
    public int Month { get; private set; }
    public DateOnly? Date { get; private set; }
    public string Theme { get; private set; } = "";
    public string Form { get; private set; } = "";
    public string Content { get; private set; } = "";
    public decimal Budget { get; private set; }
    public bool PublicWelfare { get; private set; }

    public AnnualPlanLine Line => new(Month, Date, Theme, Form, Content, Budget, PublicWelfare);

    internal void Set(AnnualPlanLine line, int sortOrder)
    {
        (Month, Date, Theme, Form, Content, Budget, PublicWelfare) = (line.Month, line.Date, line.Theme, line.Form, line.Content, line.Budget, line.PublicWelfare);
        SortOrder = sortOrder;
    }
}

/// <summary>A submitted version of the plan, kept for good with its rows as submitted and what was decided on it.</summary>
public sealed class AnnualPlanVersion : Entity, IPropertyScoped
{
    private AnnualPlanVersion() { }

    internal AnnualPlanVersion(AnnualEventPlan plan, int number, IReadOnlyList<AnnualPlanLine> lines, Actor by, DateTime nowUtc)
    {
        PropertyId = plan.PropertyId;
        PlanId = plan.Id;
        Number = number;
        RowsJson = JsonSerializer.Serialize(lines);
        RowCount = lines.Count;
        TotalBudget = lines.Sum(l => l.Budget);
        SubmittedAt = nowUtc;
        SubmittedById = by.UserId;
        SubmittedByName = by.Name;
        Decision = PlanDecision.Pending;
    }

    public Guid PropertyId { get; private set; }
    public Guid PlanId { get; private set; }

    /// <summary>V1, V2 …</summary>
    public int Number { get; private set; }

    public string RowsJson { get; private set; } = "[]";
    public int RowCount { get; private set; }
    public decimal TotalBudget { get; private set; }
    public DateTime SubmittedAt { get; private set; }
    public string? SubmittedById { get; private set; }
    public string SubmittedByName { get; private set; } = "";
    public PlanDecision Decision { get; private set; }
    public DateTime? DecidedAt { get; private set; }
    public string? DecidedById { get; private set; }
    public string? DecidedByName { get; private set; }

    /// <summary>Decided by a Manager standing in for the general manager.</summary>
    public bool StandIn { get; private set; }

    public string? Comment { get; private set; }

    public IReadOnlyList<AnnualPlanLine> Lines() => JsonSerializer.Deserialize<List<AnnualPlanLine>>(RowsJson) ?? [];

    internal void Decide(PlanDecision decision, string? comment, Actor by, bool standIn, DateTime nowUtc)
    {
        Decision = decision;
        Comment = Guard.Optional(comment);
        DecidedAt = nowUtc;
        DecidedById = by.UserId;
        DecidedByName = by.Name;
        StandIn = standIn;
    }
}

public sealed class AnnualPlanEntry : CaseEvent
{
    private AnnualPlanEntry() { }

    internal AnnualPlanEntry(Guid propertyId, Guid planId, AnnualPlanAction kind, Actor by, DateTime atUtc, string? note)
        : base(propertyId, by, atUtc, note)
    {
        PlanId = planId;
        Kind = kind;
    }

    public Guid PlanId { get; private set; }
    public AnnualPlanAction Kind { get; private set; }
}
