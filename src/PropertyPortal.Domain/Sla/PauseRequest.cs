using PropertyPortal.Domain.Common;

namespace PropertyPortal.Domain.Sla;

/// <summary>Why a handler asks to stop a case's clocks (§3.2: owner not home, waiting for parts; §3.3: customer unreachable; §3.5: the authority).</summary>
public enum PauseReason
{
    /// <summary>业主不在家.</summary>
    OwnerNotHome,

    /// <summary>等待配件.</summary>
    WaitingForParts,

    /// <summary>联系不上客户.</summary>
    CustomerUnreachable,

    /// <summary>等待主管部门审批文件 (a structural renovation).</summary>
    WaitingForAuthority,

    /// <summary>其他 — the note says what.</summary>
    Other,
}

public enum PauseRequestState
{
    /// <summary>待审批: the case's clocks still run; the request runs on its own approval clock.</summary>
    Pending,

    /// <summary>已批准: the case's clocks stopped at the approval instant.</summary>
    Approved,

    /// <summary>已驳回: nothing was paused.</summary>
    Refused,

    /// <summary>已撤回 by the handler before anyone decided.</summary>
    Withdrawn,

    /// <summary>已恢复: the case's clocks run again.</summary>
    Ended,
}

/// <summary>
/// A case whose clocks can be paused on a supervisor's approval: a repair order, a complaint, a renovation.
/// The case keeps the id of its open request (pending or approved), so only one is open at a time and the
/// case's own version catches two requests made at once.
/// </summary>
public interface IPausableCase
{
    Guid Id { get; }

    Guid PropertyId { get; }

    string Number { get; }

    /// <summary>The open request: pending, or approved and not yet resumed.</summary>
    Guid? PauseRequestId { get; }

    /// <summary>The case's clocks are stopped on an approved request.</summary>
    bool IsPaused { get; }

    /// <summary>The reasons a pause may be asked for now; empty when the case cannot be paused in its state.</summary>
    IReadOnlyList<PauseReason> PauseReasonsNow { get; }

    PauseRequest RequestPause(PauseReason reason, string? note, Actor by, DateTime nowUtc, ClockSet clocks);

    void ApprovePause(PauseRequest request, string? note, Actor by, DateTime nowUtc, ClockSet clocks);

    void RefusePause(PauseRequest request, string note, Actor by, DateTime nowUtc, ClockSet clocks);

    void WithdrawPause(PauseRequest request, Actor by, DateTime nowUtc, ClockSet clocks);

    void ResumeFromPause(PauseRequest request, Actor by, DateTime nowUtc, ClockSet clocks);
}

/// <summary>
/// 暂停申请: the handler asks, with a reason, to stop a case's clocks; a supervisor (or manager) of the
/// property — never the one who asked — approves or refuses it with a note, within its own short clock
/// (<see cref="SlaPolicy.PauseApprovalMinutes"/>, milestone <see cref="SlaMilestone.PauseApproval"/>, on
/// the case's subject so it shows and is cancelled with the case's other clocks). The case's clocks stop
/// only on approval, from the approval instant, and run again on resume. Approver and requester are
/// signed-in users (id and name), never typed text.
/// </summary>
public sealed class PauseRequest : Entity, IPropertyScoped
{
    private PauseRequest() { }

    public Guid PropertyId { get; private set; }
    public SlaSubject Subject { get; private set; }
    public Guid SubjectId { get; private set; }

    /// <summary>The case's number when asked (BX…, TS…, ZX…), for lists that show many requests.</summary>
    public string CaseNumber { get; private set; } = "";

    public PauseReason Reason { get; private set; }
    public string? Note { get; private set; }
    public string RequestedById { get; private set; } = "";
    public string RequestedByName { get; private set; } = "";
    public DateTime RequestedAt { get; private set; }
    public PauseRequestState State { get; private set; }
    public string? DecidedById { get; private set; }
    public string? DecidedByName { get; private set; }
    public DateTime? DecidedAt { get; private set; }
    public string? DecisionNote { get; private set; }

    /// <summary>When the clocks ran again (resume) or the handler withdrew the request.</summary>
    public DateTime? EndedAt { get; private set; }

    public string? EndedByName { get; private set; }

    public bool IsOpen => State is PauseRequestState.Pending or PauseRequestState.Approved;

    /// <summary>The reason (and the handler's note) as the case's timeline keeps it: "WaitingForParts: 对讲分机缺货".</summary>
    public string Describe() => Note is null ? Reason.ToString() : $"{Reason}: {Note}";

    /// <summary>Asks to pause <paramref name="@case"/>; the approval clock starts now. Called by the case, which checks its own state first.</summary>
    internal static PauseRequest Ask(IPausableCase @case, SlaSubject subject, PauseReason reason, string? note, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        if (by.UserId is null)
        {
            throw new DomainException("PauseNeedsSignedInUser", "A pause is asked for and decided by signed-in users.");
        }

        if (@case.PauseRequestId is not null)
        {
            throw new DomainException("PauseAlreadyRequested", "The case already has a pause request open.");
        }

        if (!@case.PauseReasonsNow.Contains(reason))
        {
            throw new DomainException("PauseReasonNotAllowed", "This case cannot be paused for this reason in its state.");
        }

        note = Guard.Optional(note);
        if (reason == PauseReason.Other && note is null)
        {
            throw new DomainException("PauseNoteRequired", "Say what the case is waiting for.");
        }

        var request = new PauseRequest
        {
            PropertyId = @case.PropertyId,
            Subject = subject,
            SubjectId = @case.Id,
            CaseNumber = @case.Number,
            Reason = reason,
            Note = note is { Length: > 200 } ? note[..200] : note,
            RequestedById = by.UserId,
            RequestedByName = by.Name,
            RequestedAt = nowUtc,
            State = PauseRequestState.Pending,
        };
        clocks.Start(@case.PropertyId, subject, @case.Id, SlaMilestone.PauseApproval, null,
            SlaTarget.Minutes(clocks.Context.Policy.PauseApprovalMinutes), nowUtc);
        return request;
    }

    /// <summary>Approves: the approval clock is met. The case then pauses its own clocks from <paramref name="nowUtc"/>.</summary>
    internal void Approve(IPausableCase @case, string? note, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        Decide(@case, by);
        State = PauseRequestState.Approved;
        Decided(by, Guard.Optional(note), nowUtc);
        clocks.Meet(SlaMilestone.PauseApproval, nowUtc);
    }

    /// <summary>Refuses, with the reason why: nothing pauses; the approval clock is met (a decision was made).</summary>
    internal void Refuse(IPausableCase @case, string note, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        var why = Guard.Optional(note) ?? throw new DomainException("PauseRefusalNeedsNote", "Say why the pause is refused.");
        Decide(@case, by);
        State = PauseRequestState.Refused;
        Decided(by, why, nowUtc);
        clocks.Meet(SlaMilestone.PauseApproval, nowUtc);
    }

    /// <summary>The handler takes the request back before a decision; its approval clock is cancelled.</summary>
    internal void Withdraw(IPausableCase @case, Actor by, DateTime nowUtc, ClockSet clocks)
    {
        RequireOpenOn(@case, PauseRequestState.Pending);
        State = PauseRequestState.Withdrawn;
        EndedAt = nowUtc;
        EndedByName = by.Name;
        clocks.Cancel(SlaMilestone.PauseApproval);
    }

    /// <summary>The case's clocks run again.</summary>
    internal void End(IPausableCase @case, Actor by, DateTime nowUtc)
    {
        RequireOpenOn(@case, PauseRequestState.Approved);
        State = PauseRequestState.Ended;
        EndedAt = nowUtc;
        EndedByName = by.Name;
    }

    private void Decide(IPausableCase @case, Actor by)
    {
        RequireOpenOn(@case, PauseRequestState.Pending);
        if (by.UserId is null)
        {
            throw new DomainException("PauseNeedsSignedInUser", "A pause is asked for and decided by signed-in users.");
        }

        if (by.UserId == RequestedById)
        {
            throw new DomainException("PauseSelfApproval", "Nobody decides on their own pause request.");
        }
    }

    private void Decided(Actor by, string? note, DateTime nowUtc)
    {
        DecidedById = by.UserId;
        DecidedByName = by.Name;
        DecidedAt = nowUtc;
        DecisionNote = note is { Length: > 200 } ? note[..200] : note;
    }

    private void RequireOpenOn(IPausableCase @case, PauseRequestState state)
    {
        if (@case.Id != SubjectId || @case.PauseRequestId != Id)
        {
            throw new DomainException("PauseRequestLapsed", "The request no longer belongs to an open case.");
        }

        if (State != state)
        {
            throw new DomainException(state == PauseRequestState.Pending ? "PauseAlreadyDecided" : "PauseNotApproved",
                $"The request is {State}, expected {state}.");
        }
    }
}
