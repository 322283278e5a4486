using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.Domain.Sla;

namespace PropertyPortal.Web.Features.Settings;

/// <summary>
/// 升级阶梯: a property's ladders per milestone and the pause-approval time, edited on one page. Numbers are
/// nullable so a cleared field reaches the validator (and its Chinese message) instead of binding to 0.
/// </summary>
public sealed class SlaLaddersForm
{
    [BindNever]
    public Guid PropertyId { get; set; }

    [BindNever]
    public string PropertyName { get; set; } = "";

    /// <summary>The property-wide ladder, shown as what milestones without a row run on.</summary>
    [BindNever]
    public SlaLadder PropertyWide { get; set; } = SlaLadder.Default;

    [BindNever]
    public IReadOnlyList<string> Channels { get; set; } = [SlaLadder.InApp];

    [BindNever]
    public Guid? PolicyId { get; set; }

    /// <summary>Whether the form was based on a saved policy: one saved by someone else meanwhile is a concurrent edit.</summary>
    public bool Saved { get; set; }

    public int Version { get; set; }

    [Display(Name = "Field.PauseApprovalMinutes")]
    public int? PauseApprovalMinutes { get; set; }

    public List<SlaLadderRow> Rows { get; set; } = [];

    public static SlaLaddersForm From(Guid propertyId, string propertyName, SlaPolicy policy, bool saved, IReadOnlyList<string> channels) => new()
    {
        PropertyId = propertyId, PropertyName = propertyName, PropertyWide = policy.Ladder, Channels = channels, PolicyId = saved ? policy.Id : null,
        Saved = saved, Version = saved ? policy.Version : 0, PauseApprovalMinutes = policy.PauseApprovalMinutes,
        Rows = [.. policy.Ladders.OrderBy(r => r.Milestone).ThenBy(r => r.Urgency).Select(r => SlaLadderRow.From(r.Milestone, r.Urgency, r.Ladder)), SlaLadderRow.Blank()],
    };

    /// <summary>The rows to keep: not removed, and not the blank row left for a new milestone.</summary>
    public IEnumerable<SlaLadderRow> Kept => Rows.Where(r => !r.Remove && r.Milestone is not null);

    public IReadOnlyList<(SlaMilestone Milestone, RepairUrgency? Urgency, SlaLadder Ladder)> Rules() =>
        Kept.Select(r => (r.Milestone!.Value, r.Urgency, r.ToLadder())).ToList();
}

/// <summary>One milestone's ladder: the warning, who hears warning and breach, and the two escalation levels, each optional.</summary>
public sealed class SlaLadderRow
{
    [Display(Name = "Field.Milestone")]
    public SlaMilestone? Milestone { get; set; }

    [Display(Name = "Field.Urgency")]
    public RepairUrgency? Urgency { get; set; }

    [Display(Name = "Field.WarningPercent")]
    public int? WarningPercent { get; set; }

    public bool NoticeHandler { get; set; }
    public bool NoticeSupervisors { get; set; }
    public bool NoticeManagers { get; set; }

    /// <summary>The supervisors' level is on this ladder. (Checkboxes default to false: an unticked box posts nothing.)</summary>
    public bool SupervisorLevel { get; set; }

    [Display(Name = "Field.EscalateSupervisorAfterMinutes")]
    public int? SupervisorAfterMinutes { get; set; }

    public bool SupervisorToHandler { get; set; }
    public bool SupervisorToSupervisors { get; set; }
    public bool SupervisorToManagers { get; set; }
    public string? SupervisorChannel { get; set; }

    /// <summary>The managers' level is on this ladder.</summary>
    public bool ManagerLevel { get; set; }

    [Display(Name = "Field.EscalateManagerAfterMinutes")]
    public int? ManagerAfterMinutes { get; set; }

    public bool ManagerToHandler { get; set; }
    public bool ManagerToSupervisors { get; set; }
    public bool ManagerToManagers { get; set; }
    public string? ManagerChannel { get; set; }

    /// <summary>Delete this milestone's ladder: it runs on the property-wide one again.</summary>
    public bool Remove { get; set; }

    public SlaRecipients NoticeTo => Who(NoticeHandler, NoticeSupervisors, NoticeManagers);
    public SlaRecipients SupervisorRecipients => Who(SupervisorToHandler, SupervisorToSupervisors, SupervisorToManagers);
    public SlaRecipients ManagerRecipients => Who(ManagerToHandler, ManagerToSupervisors, ManagerToManagers);

    /// <summary>The blank row for a new milestone, filled in as the property-wide default ladder.</summary>
    public static SlaLadderRow Blank() => From(null, null, SlaLadder.Default);

    public static SlaLadderRow From(SlaMilestone? milestone, RepairUrgency? urgency, SlaLadder ladder) => new()
    {
        Milestone = milestone, Urgency = urgency, WarningPercent = ladder.WarningPercent,
        NoticeHandler = ladder.NoticeTo.HasFlag(SlaRecipients.Handler), NoticeSupervisors = ladder.NoticeTo.HasFlag(SlaRecipients.Supervisors),
        NoticeManagers = ladder.NoticeTo.HasFlag(SlaRecipients.Managers),
        SupervisorLevel = ladder.Supervisor is not null, SupervisorAfterMinutes = ladder.Supervisor?.AfterMinutes,
        SupervisorToHandler = ladder.Supervisor?.Recipients.HasFlag(SlaRecipients.Handler) ?? false,
        SupervisorToSupervisors = ladder.Supervisor?.Recipients.HasFlag(SlaRecipients.Supervisors) ?? true,
        SupervisorToManagers = ladder.Supervisor?.Recipients.HasFlag(SlaRecipients.Managers) ?? false,
        SupervisorChannel = ladder.Supervisor?.Channel ?? SlaLadder.InApp,
        ManagerLevel = ladder.Manager is not null, ManagerAfterMinutes = ladder.Manager?.AfterMinutes,
        ManagerToHandler = ladder.Manager?.Recipients.HasFlag(SlaRecipients.Handler) ?? false,
        ManagerToSupervisors = ladder.Manager?.Recipients.HasFlag(SlaRecipients.Supervisors) ?? false,
        ManagerToManagers = ladder.Manager?.Recipients.HasFlag(SlaRecipients.Managers) ?? true,
        ManagerChannel = ladder.Manager?.Channel ?? SlaLadder.InApp,
    };

    public SlaLadder ToLadder() => new(WarningPercent ?? 0, NoticeTo,
        SupervisorLevel ? new SlaLadderLevel(SupervisorAfterMinutes ?? 0, SupervisorRecipients, SupervisorChannel ?? SlaLadder.InApp) : null,
        ManagerLevel ? new SlaLadderLevel(ManagerAfterMinutes ?? 0, ManagerRecipients, ManagerChannel ?? SlaLadder.InApp) : null);

    private static SlaRecipients Who(bool handler, bool supervisors, bool managers) =>
        (handler ? SlaRecipients.Handler : SlaRecipients.None) | (supervisors ? SlaRecipients.Supervisors : SlaRecipients.None)
        | (managers ? SlaRecipients.Managers : SlaRecipients.None);
}

public sealed class SlaLaddersFormValidator : AbstractValidator<SlaLaddersForm>
{
    public SlaLaddersFormValidator(IStringLocalizer<SettingsText> t, Notifications.NotificationChannels enabled)
    {
        IReadOnlyCollection<string> channels = [SlaLadder.InApp, .. enabled.Enabled];
        RuleFor(x => x.PauseApprovalMinutes).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage(_ => t["Settings.Required"])
            .InclusiveBetween(1, SlaLadder.MaxAfterMinutes);

        // A removed row, or the blank row left for a new milestone, is not checked.
        RuleForEach(x => x.Rows).Where(r => !r.Remove && r.Milestone is not null).ChildRules(row =>
        {
            row.RuleFor(r => r.Urgency).Null().When(r => r.Milestone is { } m && !SlaLadder.VariesByUrgency(m))
                .WithMessage(_ => t["Ladders.UrgencyOnlyRepairs"]);
            row.RuleFor(r => r.WarningPercent).Cascade(CascadeMode.Stop)
                .NotNull().WithMessage(_ => t["Settings.Required"])
                .InclusiveBetween(1, 99).WithMessage(_ => t["Ladders.WarningPercent"]);
            row.RuleFor(r => r.NoticeTo).NotEqual(SlaRecipients.None).OverridePropertyName(nameof(SlaLadderRow.NoticeHandler))
                .WithMessage(_ => t["Ladders.NoticeNobody"]);
            row.RuleFor(r => r.SupervisorAfterMinutes).Cascade(CascadeMode.Stop)
                .NotNull().WithMessage(_ => t["Settings.Required"])
                .InclusiveBetween(0, SlaLadder.MaxAfterMinutes).WithMessage(_ => t["Ladders.AfterMinutes"])
                .When(r => r.SupervisorLevel);
            row.RuleFor(r => r.SupervisorToSupervisors).Equal(true).When(r => r.SupervisorLevel)
                .WithMessage(_ => t["Ladders.SupervisorLevelTellsSupervisors"]);
            row.RuleFor(r => r.SupervisorChannel).Must(c => c is not null && channels.Contains(c)).When(r => r.SupervisorLevel)
                .WithMessage(_ => t["Ladders.UnknownChannel"]);
            row.RuleFor(r => r.ManagerAfterMinutes).Cascade(CascadeMode.Stop)
                .NotNull().WithMessage(_ => t["Settings.Required"])
                .InclusiveBetween(0, SlaLadder.MaxAfterMinutes).WithMessage(_ => t["Ladders.AfterMinutes"])
                .When(r => r.ManagerLevel);
            row.RuleFor(r => r.ManagerToManagers).Equal(true).When(r => r.ManagerLevel)
                .WithMessage(_ => t["Ladders.ManagerLevelTellsManagers"]);
            row.RuleFor(r => r.ManagerChannel).Must(c => c is not null && channels.Contains(c)).When(r => r.ManagerLevel)
                .WithMessage(_ => t["Ladders.UnknownChannel"]);
            row.RuleFor(r => r.ManagerAfterMinutes).GreaterThanOrEqualTo(r => r.SupervisorAfterMinutes)
                .When(r => r.SupervisorLevel && r.ManagerLevel && r.SupervisorAfterMinutes is not null && r.ManagerAfterMinutes is not null)
                .WithMessage(_ => t["Ladders.ManagerAfterSupervisor"]);
        });

        // The same milestone (and urgency) twice: the later row names the clash.
        RuleFor(x => x).Custom((form, context) =>
        {
            for (var i = 0; i < form.Rows.Count; i++)
            {
                var row = form.Rows[i];
                if (!row.Remove && row.Milestone is not null
                    && form.Rows.Take(i).Any(r => !r.Remove && r.Milestone == row.Milestone && r.Urgency == row.Urgency))
                {
                    context.AddFailure($"Rows[{i}].{nameof(SlaLadderRow.Milestone)}", t["Ladders.Duplicate"]);
                }
            }
        });
    }
}
