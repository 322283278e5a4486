using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Sla;

namespace PropertyPortal.Web.Features.Settings;

public sealed record SlaPolicyRow(
    Guid PropertyId, string PropertyCode, string PropertyName, bool IsDefault,
    int WorkOrderIssueMinutes, int PhoneReplyMinutes, int EmergencyOnSiteMinutes, int UrgentOnSiteMinutes,
    int WarningPercent, int EscalateSupervisorAfterMinutes, int EscalateManagerAfterMinutes,
    int CallbackSafetyDays, int CallbackLeakDays, int CallbackOtherDays, int CallbackMaxAttempts)
{
    public static SlaPolicyRow From(Guid propertyId, string code, string name, SlaPolicy? saved)
    {
        var p = saved ?? SlaPolicy.CreateDefault(propertyId);
        return new(propertyId, code, name, saved is null, p.WorkOrderIssueMinutes, p.PhoneReplyMinutes, p.EmergencyOnSiteMinutes,
            p.UrgentOnSiteMinutes, p.WarningPercent, p.EscalateSupervisorAfterMinutes, p.EscalateManagerAfterMinutes,
            p.CallbackSafetyDays, p.CallbackLeakDays, p.CallbackOtherDays, p.CallbackMaxAttempts);
    }
}

/// <summary>Numbers are nullable so a cleared field reaches the validator (and its Chinese message) instead of binding to 0.</summary>
public sealed class SlaPolicyForm
{
    [BindNever]
    public Guid PropertyId { get; set; }

    [BindNever]
    public string PropertyName { get; set; } = "";

    /// <summary>The policy id when the property has its own row; null while it runs on the defaults.</summary>
    [BindNever]
    public Guid? PolicyId { get; set; }

    /// <summary>Whether the form was based on a saved row: a row saved by someone else meanwhile is a concurrent edit.</summary>
    public bool Saved { get; set; }

    public int Version { get; set; }

    [Display(Name = "Field.WorkOrderIssueMinutes")]
    public int? WorkOrderIssueMinutes { get; set; }

    [Display(Name = "Field.PhoneReplyMinutes")]
    public int? PhoneReplyMinutes { get; set; }

    [Display(Name = "Field.EmergencyOnSiteMinutes")]
    public int? EmergencyOnSiteMinutes { get; set; }

    [Display(Name = "Field.UrgentOnSiteMinutes")]
    public int? UrgentOnSiteMinutes { get; set; }

    [Display(Name = "Field.WarningPercent")]
    public int? WarningPercent { get; set; }

    [Display(Name = "Field.EscalateSupervisorAfterMinutes")]
    public int? EscalateSupervisorAfterMinutes { get; set; }

    [Display(Name = "Field.EscalateManagerAfterMinutes")]
    public int? EscalateManagerAfterMinutes { get; set; }

    [Display(Name = "Field.CallbackSafetyDays")]
    public int? CallbackSafetyDays { get; set; }

    [Display(Name = "Field.CallbackLeakDays")]
    public int? CallbackLeakDays { get; set; }

    [Display(Name = "Field.CallbackOtherDays")]
    public int? CallbackOtherDays { get; set; }

    [Display(Name = "Field.CallbackMaxAttempts")]
    public int? CallbackMaxAttempts { get; set; }

    [Display(Name = "Field.ComplaintReplyMinutes")]
    public int? ComplaintReplyMinutes { get; set; }

    [Display(Name = "Field.ComplaintWrittenReplyWorkingDays")]
    public int? ComplaintWrittenReplyWorkingDays { get; set; }

    /// <summary>Empty: the written reply is due in working days; set (004 L58: 72): in hours instead.</summary>
    [Display(Name = "Field.ComplaintWrittenReplyHours")]
    public int? ComplaintWrittenReplyHours { get; set; }

    [Display(Name = "Field.ImportantEscalationMinutes")]
    public int? ImportantEscalationMinutes { get; set; }

    [Display(Name = "Field.MajorDefiniteReplyDays")]
    public int? MajorDefiniteReplyDays { get; set; }

    [Display(Name = "Field.MajorResolutionDays")]
    public int? MajorResolutionDays { get; set; }

    [Display(Name = "Field.ImportantResolutionDays")]
    public int? ImportantResolutionDays { get; set; }

    [Display(Name = "Field.MinorResolutionDays")]
    public int? MinorResolutionDays { get; set; }

    [Display(Name = "Field.PlanApprovalWorkingDays")]
    public int? PlanApprovalWorkingDays { get; set; }

    [Display(Name = "Field.ComplaintCallbackDays")]
    public int? ComplaintCallbackDays { get; set; }

    [Display(Name = "Field.RepeatWindowDays")]
    public int? RepeatWindowDays { get; set; }

    public static SlaPolicyForm From(Guid propertyId, string propertyName, SlaPolicy? saved)
    {
        var p = saved ?? SlaPolicy.CreateDefault(propertyId);
        return new()
        {
            PropertyId = propertyId, PropertyName = propertyName, PolicyId = saved?.Id, Saved = saved is not null, Version = saved?.Version ?? 0,
            WorkOrderIssueMinutes = p.WorkOrderIssueMinutes, PhoneReplyMinutes = p.PhoneReplyMinutes,
            EmergencyOnSiteMinutes = p.EmergencyOnSiteMinutes, UrgentOnSiteMinutes = p.UrgentOnSiteMinutes,
            WarningPercent = p.WarningPercent, EscalateSupervisorAfterMinutes = p.EscalateSupervisorAfterMinutes,
            EscalateManagerAfterMinutes = p.EscalateManagerAfterMinutes, CallbackSafetyDays = p.CallbackSafetyDays,
            CallbackLeakDays = p.CallbackLeakDays, CallbackOtherDays = p.CallbackOtherDays, CallbackMaxAttempts = p.CallbackMaxAttempts,
            ComplaintReplyMinutes = p.ComplaintReplyMinutes, ComplaintWrittenReplyWorkingDays = p.ComplaintWrittenReplyWorkingDays,
            ComplaintWrittenReplyHours = p.ComplaintWrittenReplyHours, ImportantEscalationMinutes = p.ImportantEscalationMinutes,
            MajorDefiniteReplyDays = p.MajorDefiniteReplyDays, MajorResolutionDays = p.MajorResolutionDays,
            ImportantResolutionDays = p.ImportantResolutionDays, MinorResolutionDays = p.MinorResolutionDays,
            PlanApprovalWorkingDays = p.PlanApprovalWorkingDays, ComplaintCallbackDays = p.ComplaintCallbackDays, RepeatWindowDays = p.RepeatWindowDays,
        };
    }

    public void ApplyTo(SlaPolicy policy)
    {
        policy.Update(
            WorkOrderIssueMinutes!.Value, PhoneReplyMinutes!.Value, EmergencyOnSiteMinutes!.Value, UrgentOnSiteMinutes!.Value,
            WarningPercent!.Value, EscalateSupervisorAfterMinutes!.Value, EscalateManagerAfterMinutes!.Value,
            CallbackSafetyDays!.Value, CallbackLeakDays!.Value, CallbackOtherDays!.Value, CallbackMaxAttempts!.Value);
        policy.UpdateComplaints(
            ComplaintReplyMinutes!.Value, ComplaintWrittenReplyWorkingDays!.Value, ComplaintWrittenReplyHours, ImportantEscalationMinutes!.Value,
            MajorDefiniteReplyDays!.Value, MajorResolutionDays!.Value, ImportantResolutionDays!.Value, MinorResolutionDays!.Value,
            PlanApprovalWorkingDays!.Value, ComplaintCallbackDays!.Value, RepeatWindowDays!.Value);
    }
}

public sealed class SlaPolicyFormValidator : AbstractValidator<SlaPolicyForm>
{
    /// <summary>A week: a longer clock is no service promise a desk could keep.</summary>
    private const int MaxMinutes = 7 * 24 * 60;

    public SlaPolicyFormValidator(IStringLocalizer<SettingsText> t)
    {
        Minutes(x => x.WorkOrderIssueMinutes, 1);
        Minutes(x => x.PhoneReplyMinutes, 1);
        Minutes(x => x.EmergencyOnSiteMinutes, 1);
        Minutes(x => x.UrgentOnSiteMinutes, 1);
        Minutes(x => x.EscalateSupervisorAfterMinutes, 0);
        Minutes(x => x.EscalateManagerAfterMinutes, 0);
        Required(x => x.WarningPercent).InclusiveBetween(1, 99);
        Required(x => x.CallbackSafetyDays).InclusiveBetween(1, 30);
        Required(x => x.CallbackLeakDays).InclusiveBetween(1, 30);
        Required(x => x.CallbackOtherDays).InclusiveBetween(1, 30);
        Required(x => x.CallbackMaxAttempts).InclusiveBetween(1, 10);
        Minutes(x => x.ComplaintReplyMinutes, 1);
        Minutes(x => x.ImportantEscalationMinutes, 1);
        Required(x => x.ComplaintWrittenReplyWorkingDays).InclusiveBetween(1, 30);
        RuleFor(x => x.ComplaintWrittenReplyHours).InclusiveBetween(1, 720);
        Required(x => x.MajorDefiniteReplyDays).InclusiveBetween(1, 30);
        Required(x => x.MajorResolutionDays).InclusiveBetween(1, 90);
        Required(x => x.ImportantResolutionDays).InclusiveBetween(1, 90);
        Required(x => x.MinorResolutionDays).InclusiveBetween(1, 90);
        Required(x => x.PlanApprovalWorkingDays).InclusiveBetween(1, 30);
        Required(x => x.ComplaintCallbackDays).InclusiveBetween(1, 30);
        Required(x => x.RepeatWindowDays).InclusiveBetween(1, 365);
        RuleFor(x => x.EscalateManagerAfterMinutes)
            .GreaterThanOrEqualTo(x => x.EscalateSupervisorAfterMinutes)
            .When(x => x.EscalateManagerAfterMinutes is not null && x.EscalateSupervisorAfterMinutes is not null)
            .WithMessage(_ => t["Sla.ManagerAfterSupervisor"]);

        void Minutes(System.Linq.Expressions.Expression<Func<SlaPolicyForm, int?>> field, int min) =>
            Required(field).InclusiveBetween(min, MaxMinutes);

        IRuleBuilderOptions<SlaPolicyForm, int?> Required(System.Linq.Expressions.Expression<Func<SlaPolicyForm, int?>> field) =>
            RuleFor(field).Cascade(CascadeMode.Stop).NotNull().WithMessage(_ => t["Settings.Required"]);
    }
}
