using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Repairs;

namespace PropertyPortal.Domain.Sla;

/// <summary>Who a step of a clock's ladder tells, by role; resolved for the clock's property when the step fires.</summary>
[Flags]
public enum SlaRecipients
{
    None = 0,

    /// <summary>The clock's handler (its assignee).</summary>
    Handler = 1,

    /// <summary>The property's supervisors (assigned to it, or company-wide).</summary>
    Supervisors = 2,

    /// <summary>The managers who see the property.</summary>
    Managers = 4,

    /// <summary>The administrators (only the calendar's clock tells them: they alone load a year's holidays).</summary>
    Admins = 8,
}

/// <summary>
/// One escalation level: so many minutes after the breach (0 = with the breach itself), these people, on
/// this channel. The channel is stored and copied onto each clock; delivery still goes to every channel
/// in Notifications:Channels until per-level channels are wired (only the in-app bell exists).
/// </summary>
public sealed record SlaLadderLevel(int AfterMinutes, SlaRecipients Recipients, string Channel = SlaLadder.InApp);

/// <summary>
/// When the sweep warns and escalates a clock, copied onto it when it starts (so editing the settings
/// never rewrites a running case): the warning point (a share of the time allowed), who hears the warning
/// and the breach, then up to two escalation levels — the supervisors' and the managers' (spec §4:
/// handler → supervisor → manager) — either of which may be absent.
/// </summary>
public sealed record SlaLadder(int WarningPercent, SlaRecipients NoticeTo, SlaLadderLevel? Supervisor, SlaLadderLevel? Manager)
{
    /// <summary>The in-app bell, the one channel built so far (a name in Notifications:Channels).</summary>
    public const string InApp = "InApp";

    /// <summary>A week after the breach: a later escalation is no escalation.</summary>
    public const int MaxAfterMinutes = 7 * 24 * 60;

    /// <summary>What every milestone had before ladders were set per milestone: 80 %, supervisors +15, managers +60.</summary>
    public static readonly SlaLadder Default = new(80, 15, 60);

    /// <summary>The ladder of the property-wide settings: the handler warned, then supervisors and managers after so many minutes.</summary>
    public SlaLadder(int warningPercent, int supervisorAfterMinutes, int managerAfterMinutes)
        : this(warningPercent, SlaRecipients.Handler,
            new SlaLadderLevel(supervisorAfterMinutes, SlaRecipients.Supervisors), new SlaLadderLevel(managerAfterMinutes, SlaRecipients.Managers))
    {
    }

    /// <summary>Refuses a ladder that cannot be run: each rule has its own message (Domain.{Code}).</summary>
    public SlaLadder Validated()
    {
        if (WarningPercent is < 1 or > 99)
        {
            throw new DomainException("SlaLadderWarningPercent", "The warning point is between 1 % and 99 % of the time allowed.");
        }

        if (NoticeTo == SlaRecipients.None)
        {
            throw new DomainException("SlaLadderNoticeNobody", "The warning and the breach must tell somebody.");
        }

        foreach (var level in new[] { Supervisor, Manager })
        {
            if (level is { AfterMinutes: < 0 or > MaxAfterMinutes })
            {
                throw new DomainException("SlaLadderAfterMinutes", "An escalation comes 0 to 10080 minutes after the breach.");
            }

            if (level is not null && string.IsNullOrWhiteSpace(level.Channel))
            {
                throw new DomainException("SlaLadderChannel", "An escalation level needs a channel.");
            }
        }

        if (Supervisor is { } s && !s.Recipients.HasFlag(SlaRecipients.Supervisors))
        {
            throw new DomainException("SlaLadderSupervisorLevel", "The supervisors' level tells the supervisors.");
        }

        if (Manager is { } m && !m.Recipients.HasFlag(SlaRecipients.Managers))
        {
            throw new DomainException("SlaLadderManagerLevel", "The managers' level tells the managers.");
        }

        if (Supervisor is { } first && Manager is { } second && second.AfterMinutes < first.AfterMinutes)
        {
            throw new DomainException("SlaLadderOrder", "The managers are told after the supervisors.");
        }

        return this;
    }

    /// <summary>Milestones of a repair order: their ladder can differ by the order's urgency (a 特急 arrival escalates at once).</summary>
    public static bool VariesByUrgency(SlaMilestone milestone) =>
        milestone is SlaMilestone.WorkOrderIssued or SlaMilestone.PhoneReply or SlaMilestone.OnSite or SlaMilestone.Finished;

    /// <summary>
    /// The ladders a property starts with where the spec (and issue 15) asks for something other than the
    /// property-wide ladder. Every other milestone runs on the property-wide ladder (80 %, +15, +60).
    /// </summary>
    public static IReadOnlyList<(SlaMilestone Milestone, RepairUrgency? Urgency, SlaLadder Ladder)> SeedDefaults { get; } =
    [
        // 特急 (§3.2, 002 L21): on site in 10 minutes; a missed arrival reaches the supervisor at once and the manager 15 minutes later.
        (SlaMilestone.OnSite, RepairUrgency.Emergency,
            new(80, SlaRecipients.Handler, new(0, SlaRecipients.Supervisors), new(15, SlaRecipients.Managers))),

        // 回访 (§3.2, §3.7): a late callback is the supervisor's to chase (as an unreachable one is); the manager is not told.
        (SlaMilestone.Callback, null,
            new(80, SlaRecipients.Handler, new(15, SlaRecipients.Supervisors), null)),

        // 上报 (§3.3, 000 L264): the superiors' acknowledgement is the milestone; a miss tells supervisors and managers with the breach.
        (SlaMilestone.Escalation, null,
            new(80, SlaRecipients.Handler, new(0, SlaRecipients.Supervisors), new(0, SlaRecipients.Managers))),

        // 暂停审批 (§4: pausing is approved): the supervisors are the ones who must decide; the managers hear 15 minutes after the breach.
        (SlaMilestone.PauseApproval, null,
            new(80, SlaRecipients.Supervisors, null, new(15, SlaRecipients.Managers))),

        // 日志审阅 (000 L348): the supervisors sign the day; a day left unsigned is the manager's to see at the breach (issue 15).
        (SlaMilestone.DailyLogReview, null,
            new(80, SlaRecipients.Supervisors, null, new(0, SlaRecipients.Managers))),
        // 年度活动计划 (004 L165–L172): the supervisors draft it, the general manager (or the managers standing in) approves it.
        (SlaMilestone.AnnualPlanDraft, null,
            new(80, SlaRecipients.Handler | SlaRecipients.Supervisors, null, new(0, SlaRecipients.Managers))),
        (SlaMilestone.AnnualPlanApproval, null,
            new(80, SlaRecipients.Handler | SlaRecipients.Managers, null, null)),

        // 策划表 (004 L174–L189): the organiser fills it, the supervisors review and submit it, the general manager approves it.
        (SlaMilestone.EventPlanFilled, null,
            new(80, SlaRecipients.Handler, new(0, SlaRecipients.Supervisors), null)),
        (SlaMilestone.EventPlanSubmitted, null,
            new(80, SlaRecipients.Handler | SlaRecipients.Supervisors, null, new(0, SlaRecipients.Managers))),
        (SlaMilestone.EventPlanApproved, null,
            new(80, SlaRecipients.Handler | SlaRecipients.Managers, null, null)),

        // 公益活动 every half year (004 L51): nobody owns it but the property's supervisors; the managers hear when the half ends without one.
        (SlaMilestone.PublicWelfareHeld, null,
            new(80, SlaRecipients.Supervisors, null, new(0, SlaRecipients.Managers))),

        // 公告 lead time (002 L17, 001 L566): the author posts it; a miss tells the supervisors.
        (SlaMilestone.NoticePublication, null,
            new(80, SlaRecipients.Handler, new(0, SlaRecipients.Supervisors), null)),
    ];

    /// <summary>
    /// The calendar's clock is company-wide work, not a property's: the admins (the only ones who can load a
    /// year) hear the warning and the breach. Not a property's rule, so the ladder page does not offer it.
    /// </summary>
    public static SlaLadder CalendarLoad { get; } = new(80, SlaRecipients.Admins, null, null);
}
