using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Features.Renovations;

namespace PropertyPortal.Web.Features.Settings;

/// <summary>
/// 装修时限 (系统设置 → 服务时限 → 装修时限): a property's renovation limits — approval by scope, each review step,
/// the inspection, the refund, the written violation notice and the two patrol windows of the day. Numbers are
/// nullable so a cleared field reaches the validator (and its Chinese message) instead of binding to 0.
/// </summary>
public sealed class RenovationLimitsForm
{
    [BindNever]
    public Guid PropertyId { get; set; }

    [BindNever]
    public string PropertyName { get; set; } = "";

    /// <summary>Whether the form was based on a saved row: a row saved by someone else meanwhile is a concurrent edit.</summary>
    public bool Saved { get; set; }

    public int Version { get; set; }

    public int? PartitionWorkingDays { get; set; }

    public int? CentralSystemsWorkingDays { get; set; }

    public int? WholeFloorWorkingDays { get; set; }

    public int? ReviewStepWorkingDays { get; set; }

    public int? InspectionMinutes { get; set; }

    public int? RefundProcessingWorkingDays { get; set; }

    public int? RefundPaymentWorkingDays { get; set; }

    public int? ViolationNoticeHours { get; set; }

    public TimeOnly? PatrolMorningBy { get; set; }

    /// <summary>Empty: the afternoon's patrol is due by the close of the service day.</summary>
    public TimeOnly? PatrolAfternoonBy { get; set; }

    public static RenovationLimitsForm From(Guid propertyId, string propertyName, SlaPolicy policy, bool saved) => new()
    {
        PropertyId = propertyId, PropertyName = propertyName, Saved = saved, Version = saved ? policy.Version : 0,
        PartitionWorkingDays = policy.RenovationPartitionWorkingDays, CentralSystemsWorkingDays = policy.RenovationCentralSystemsWorkingDays,
        WholeFloorWorkingDays = policy.RenovationWholeFloorWorkingDays, ReviewStepWorkingDays = policy.RenovationReviewStepWorkingDays,
        InspectionMinutes = policy.RenovationInspectionMinutes, RefundProcessingWorkingDays = policy.RenovationRefundProcessingWorkingDays,
        RefundPaymentWorkingDays = policy.RenovationRefundPaymentWorkingDays, ViolationNoticeHours = policy.RenovationViolationNoticeHours,
        PatrolMorningBy = policy.RenovationPatrolMorningBy, PatrolAfternoonBy = policy.RenovationPatrolAfternoonBy,
    };

    public void ApplyTo(SlaPolicy policy) =>
        policy.UpdateRenovations(PartitionWorkingDays!.Value, CentralSystemsWorkingDays!.Value, WholeFloorWorkingDays!.Value, ReviewStepWorkingDays!.Value,
            InspectionMinutes!.Value, RefundProcessingWorkingDays!.Value, RefundPaymentWorkingDays!.Value, ViolationNoticeHours!.Value,
            PatrolMorningBy!.Value, PatrolAfternoonBy);
}

public sealed class RenovationLimitsFormValidator : AbstractValidator<RenovationLimitsForm>
{
    public RenovationLimitsFormValidator(IStringLocalizer<RenovationsText> t)
    {
        Between(x => x.PartitionWorkingDays, 1, 30);
        Between(x => x.CentralSystemsWorkingDays, 1, 30);
        Between(x => x.WholeFloorWorkingDays, 1, 30);
        Between(x => x.ReviewStepWorkingDays, 1, 10);
        Between(x => x.InspectionMinutes, 1, 24 * 60);
        Between(x => x.RefundProcessingWorkingDays, 1, 30);
        Between(x => x.RefundPaymentWorkingDays, 1, 30);
        Between(x => x.ViolationNoticeHours, 1, 7 * 24);
        RuleFor(x => x.PatrolMorningBy).NotNull().WithMessage(_ => t["Renovations.Limits.Required"]);
        RuleFor(x => x.PatrolAfternoonBy).Must((form, afternoon) => afternoon > form.PatrolMorningBy)
            .When(x => x.PatrolAfternoonBy is not null && x.PatrolMorningBy is not null)
            .WithMessage(_ => t["Renovations.Limits.AfternoonAfterMorning"]);

        void Between(System.Linq.Expressions.Expression<Func<RenovationLimitsForm, int?>> field, int min, int max) =>
            RuleFor(field).Cascade(CascadeMode.Stop)
                .NotNull().WithMessage(_ => t["Renovations.Limits.Required"])
                .InclusiveBetween(min, max).WithMessage(_ => t["Renovations.Limits.Range", min, max]);
    }
}
