using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.Domain.Sla;

namespace PropertyPortal.Domain.Callbacks;

/// <summary>What the callback follows up: a repair, a complaint, or a new household a month after moving in (002 L13).</summary>
public enum CallbackSource { Repair, Complaint, MoveIn }

public enum CallbackStatus { Open, Done, Refused, Withdrawn }

public enum CallbackOutcome { Reached, Unreachable, Refused }

/// <summary>
/// 回访: a call to the customer with a due time, an owner and an outcome (§3.7). Unreachable
/// attempts are retried; after the property's limit the callback goes to the supervisor. A reached
/// customer who says "not fixed" or is dissatisfied (score 5 or below) reopens the repair.
/// </summary>
public sealed class Callback : Entity, IPropertyScoped
{
    private readonly List<CallbackAttempt> _attempts = [];

    private Callback() { }

    public Guid PropertyId { get; private set; }
    public CallbackSource Source { get; private set; }
    public Guid? RepairOrderId { get; private set; }
    public Guid? ComplaintId { get; private set; }
    public Guid? MoveInId { get; private set; }
    public Guid? UnitId { get; private set; }
    public Guid? CustomerId { get; private set; }
    public string ContactName { get; private set; } = "";
    public string? Phone { get; private set; }
    public string Subject { get; private set; } = "";
    public string? AssigneeId { get; private set; }
    public string? AssigneeName { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime DueAt { get; private set; }
    public CallbackStatus Status { get; private set; }
    public int AttemptCount { get; private set; }

    /// <summary>Unreachable too often: the supervisor decides what happens next.</summary>
    public bool NeedsSupervisor { get; private set; }

    public bool? Fixed { get; private set; }
    public bool? AttitudeSatisfied { get; private set; }
    public bool? ChargedCorrectly { get; private set; }
    public int? Score { get; private set; }
    public string? Comment { get; private set; }
    public DateTime? CompletedAt { get; private set; }
    public string? CompletedByName { get; private set; }

    public IReadOnlyList<CallbackAttempt> Attempts => _attempts;

    /// <summary>"Not fixed" or a score of 5 or below: the repair goes back to the technician.</summary>
    public bool CallsForRework => Fixed == false || Score is <= 5;

    internal static Callback ForRepair(RepairOrder order, string? assigneeId, string? assigneeName, DateTime dueUtc, DateTime nowUtc) => new()
    {
        PropertyId = order.PropertyId,
        Source = CallbackSource.Repair,
        RepairOrderId = order.Id,
        UnitId = order.UnitId,
        CustomerId = order.CustomerId,
        ContactName = order.ReporterName,
        Phone = order.Phone,
        Subject = order.Number,
        AssigneeId = assigneeId,
        AssigneeName = assigneeName,
        CreatedAt = nowUtc,
        DueAt = dueUtc,
        Status = CallbackStatus.Open,
    };

    internal static Callback ForComplaint(Complaints.Complaint complaint, string? assigneeId, string? assigneeName, DateTime dueUtc, DateTime nowUtc) => new()
    {
        PropertyId = complaint.PropertyId,
        Source = CallbackSource.Complaint,
        ComplaintId = complaint.Id,
        UnitId = complaint.UnitId,
        CustomerId = complaint.CustomerId,
        ContactName = complaint.ComplainantName,
        Phone = complaint.Phone,
        Subject = complaint.Number,
        AssigneeId = assigneeId,
        AssigneeName = assigneeName,
        CreatedAt = nowUtc,
        DueAt = dueUtc,
        Status = CallbackStatus.Open,
    };

    /// <summary>新入住回访: the household is asked how moving in went; <see cref="Fixed"/> records whether anything is still outstanding.</summary>
    internal static Callback ForMoveIn(MoveInOut.MoveIn moveIn, string? assigneeId, string? assigneeName, string contactName, string? phone, DateTime dueUtc,
        DateTime nowUtc) => new()
    {
        PropertyId = moveIn.PropertyId,
        Source = CallbackSource.MoveIn,
        MoveInId = moveIn.Id,
        UnitId = moveIn.UnitId,
        CustomerId = moveIn.CustomerId,
        ContactName = Guard.Required(contactName, nameof(ContactName)),
        Phone = Guard.Optional(phone),
        Subject = moveIn.Number,
        AssigneeId = assigneeId,
        AssigneeName = assigneeName,
        CreatedAt = nowUtc,
        DueAt = dueUtc,
        Status = CallbackStatus.Open,
    };

    /// <summary>The supervisor gives the callback to someone else (it stays with them to the end).</summary>
    public void Assign(string userId, string userName, ClockSet clocks)
    {
        RequireOpen();
        AssigneeId = Guard.Required(userId, nameof(AssigneeId));
        AssigneeName = Guard.Required(userName, nameof(AssigneeName));
        NeedsSupervisor = false;
        clocks.Reassign(userId, SlaMilestone.Callback);
    }

    /// <summary>The customer answered. Returns true when the repair must be reopened.</summary>
    public bool RecordReached(bool isFixed, bool attitudeSatisfied, bool? chargedCorrectly, int score, string? comment, Actor by, DateTime nowUtc, ClockSet clocks, RepairOrder? order)
    {
        Reach(isFixed, attitudeSatisfied, chargedCorrectly, score, comment, by, nowUtc, clocks);
        if (order is null)
        {
            return false;
        }

        order.RecordCallback(by, nowUtc, Summary);
        if (CallsForRework)
        {
            order.Reopen(Comment ?? (isFixed ? "dissatisfied" : "not fixed"), by, nowUtc, clocks);
            return true;
        }

        order.Close(by, nowUtc);
        return false;
    }

    /// <summary>The complainant answered. Returns true when the complaint must be (and now is) reopened.</summary>
    public bool RecordReached(bool solved, bool attitudeSatisfied, int score, string? comment, Actor by, DateTime nowUtc, ClockSet clocks, Complaints.Complaint complaint)
    {
        Reach(solved, attitudeSatisfied, null, score, comment, by, nowUtc, clocks);
        complaint.RecordCallback(by, nowUtc, Summary);
        if (CallsForRework)
        {
            complaint.Reopen(Comment ?? (solved ? "dissatisfied" : "not solved"), by, nowUtc, clocks);
            return true;
        }

        return false;
    }

    private string Summary => $"{Score}/10{(Fixed == false ? " ✗" : "")}{(Comment is null ? "" : " " + Comment)}";

    private void Reach(bool isFixed, bool attitudeSatisfied, bool? chargedCorrectly, int score, string? comment, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        RequireOpen();
        if (score is < 1 or > 10)
        {
            throw new DomainException("ScoreOutOfRange", "The score is from 1 to 10.");
        }

        Fixed = isFixed;
        AttitudeSatisfied = attitudeSatisfied;
        ChargedCorrectly = chargedCorrectly;
        Score = score;
        Comment = Guard.Optional(comment);
        Finish(CallbackStatus.Done, CallbackOutcome.Reached, by, nowUtc, clocks);
    }

    /// <summary>Nobody answered. Returns true when the attempts are used up and the supervisor must act.</summary>
    public bool RecordUnreachable(string? note, int maxAttempts, Actor by, DateTime nowUtc)
    {
        RequireOpen();
        AttemptCount++;
        _attempts.Add(new CallbackAttempt(Id, nowUtc, by, CallbackOutcome.Unreachable, Guard.Optional(note)));
        if (AttemptCount >= maxAttempts && !NeedsSupervisor)
        {
            NeedsSupervisor = true;
            return true;
        }

        return false;
    }

    /// <summary>The customer declined to answer: the callback is done and the repair closes.</summary>
    public void RecordRefused(string? note, Actor by, DateTime nowUtc, ClockSet clocks, RepairOrder? order)
    {
        RequireOpen();
        Comment = Guard.Optional(note);
        Finish(CallbackStatus.Refused, CallbackOutcome.Refused, by, nowUtc, clocks);
        order?.RecordCallback(by, nowUtc, "refused");
        order?.Close(by, nowUtc);
    }

    /// <summary>The complainant declined the callback; the complaint stays closed.</summary>
    public void RecordRefused(string? note, Actor by, DateTime nowUtc, ClockSet clocks, Complaints.Complaint complaint)
    {
        RecordRefused(note, by, nowUtc, clocks, (RepairOrder?)null);
        complaint.RecordCallback(by, nowUtc, "refused");
    }

    /// <summary>The repair was reopened before the callback was made: this callback is moot, a new one follows the next completion.</summary>
    public void Withdraw(string reason, Actor by, DateTime nowUtc)
    {
        RequireOpen();
        Comment = Guard.Required(reason, nameof(Comment));
        Status = CallbackStatus.Withdrawn;
        CompletedAt = nowUtc;
        CompletedByName = by.Name;
        NeedsSupervisor = false;
    }

    private void Finish(CallbackStatus status, CallbackOutcome outcome, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        AttemptCount++;
        _attempts.Add(new CallbackAttempt(Id, nowUtc, by, outcome, Comment));
        Status = status;
        CompletedAt = nowUtc;
        CompletedByName = by.Name;
        NeedsSupervisor = false;
        clocks.Meet(SlaMilestone.Callback, nowUtc);
    }

    private void RequireOpen()
    {
        if (Status != CallbackStatus.Open)
        {
            throw new DomainException("CallbackClosed", "The callback is already recorded.");
        }
    }
}

public sealed class CallbackAttempt : IHasOwnHistory
{
    private CallbackAttempt() { }

    internal CallbackAttempt(Guid callbackId, DateTime at, Actor by, CallbackOutcome outcome, string? note)
    {
        CallbackId = callbackId;
        At = at;
        ActorName = by.Name;
        Outcome = outcome;
        Note = note;
    }

    public long Id { get; private set; }
    public Guid CallbackId { get; private set; }
    public DateTime At { get; private set; }
    public string ActorName { get; private set; } = "";
    public CallbackOutcome Outcome { get; private set; }
    public string? Note { get; private set; }
}
