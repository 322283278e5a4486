using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Settings;

/// <summary>柜台办理 (002 L41–L44): the counter's limit for a payment, a fee enquiry or a bill reprint.</summary>
public sealed class SlaCounterForm : SlaSectionForm
{
    [Display(Name = "Field.CounterServiceMinutes")]
    public int? CounterServiceMinutes { get; set; }

    public override void Fill(SlaPolicy policy) => CounterServiceMinutes = policy.CounterServiceMinutes;

    public override void ApplyTo(SlaPolicy policy) => policy.UpdateCounter(CounterServiceMinutes!.Value);
}

public sealed class SlaCounterFormValidator : AbstractValidator<SlaCounterForm>
{
    public SlaCounterFormValidator(IStringLocalizer<SettingsText> t) =>
        RuleFor(x => x.CounterServiceMinutes).Cascade(CascadeMode.Stop).NotNull().WithMessage(_ => t["Settings.Required"])
            .InclusiveBetween(1, SlaPolicy.MaxCounterMinutes).WithMessage(_ => t["SlaDesk.CounterMinutesRange", SlaPolicy.MaxCounterMinutes]);
}

/// <summary>The complaint limits the spec gives as "the same day" (000 L264, L270): 0 service days is the same day.</summary>
public sealed class SlaComplaintDaysForm : SlaSectionForm
{
    [Display(Name = "Field.MajorEscalationServiceDays")]
    public int? MajorEscalationServiceDays { get; set; }

    [Display(Name = "Field.ResultNoticeServiceDays")]
    public int? ResultNoticeServiceDays { get; set; }

    public override void Fill(SlaPolicy policy) =>
        (MajorEscalationServiceDays, ResultNoticeServiceDays) = (policy.MajorEscalationServiceDays, policy.ResultNoticeServiceDays);

    public override void ApplyTo(SlaPolicy policy) => policy.UpdateComplaintDays(MajorEscalationServiceDays!.Value, ResultNoticeServiceDays!.Value);
}

public sealed class SlaComplaintDaysFormValidator : AbstractValidator<SlaComplaintDaysForm>
{
    public SlaComplaintDaysFormValidator(IStringLocalizer<SettingsText> t)
    {
        foreach (var field in new System.Linq.Expressions.Expression<Func<SlaComplaintDaysForm, int?>>[] { x => x.MajorEscalationServiceDays, x => x.ResultNoticeServiceDays })
        {
            RuleFor(field).Cascade(CascadeMode.Stop).NotNull().WithMessage(_ => t["Settings.Required"])
                .InclusiveBetween(0, SlaPolicy.MaxServiceDays).WithMessage(_ => t["SlaDesk.ServiceDaysRange", 0, SlaPolicy.MaxServiceDays]);
        }
    }
}

/// <summary>每日查阅 (000 L348): by the close of which service day after it a day's log is signed.</summary>
public sealed class SlaDailyLogForm : SlaSectionForm
{
    [Display(Name = "Field.DailyLogSignOffServiceDays")]
    public int? DailyLogSignOffServiceDays { get; set; }

    public override void Fill(SlaPolicy policy) => DailyLogSignOffServiceDays = policy.DailyLogSignOffServiceDays;

    public override void ApplyTo(SlaPolicy policy) => policy.UpdateDailyLog(DailyLogSignOffServiceDays!.Value);
}

public sealed class SlaDailyLogFormValidator : AbstractValidator<SlaDailyLogForm>
{
    public SlaDailyLogFormValidator(IStringLocalizer<SettingsText> t) =>
        RuleFor(x => x.DailyLogSignOffServiceDays).Cascade(CascadeMode.Stop).NotNull().WithMessage(_ => t["Settings.Required"])
            .InclusiveBetween(1, SlaPolicy.MaxServiceDays).WithMessage(_ => t["SlaDesk.ServiceDaysRange", 1, SlaPolicy.MaxServiceDays]);
}

/// <summary>服务时限 → 柜台办理: <c>/Settings/SlaCounter/Edit/{property}</c>.</summary>
[Authorize(Policy = Policies.Administration)]
[Route("Settings/SlaCounter/{action=Edit}/{id?}")]
public sealed class SlaCounterController(PortalDbContext db, SlaSettings sla, IStringLocalizer<SettingsText> t, ILogger<SlaCounterController> logger)
    : SlaSectionController<SlaCounterForm>(db, sla, logger)
{
    protected override string SavedMessage => t["Sla.Saved"];
}

/// <summary>服务时限 → 投诉当日时限: <c>/Settings/SlaComplaintDays/Edit/{property}</c>.</summary>
[Authorize(Policy = Policies.Administration)]
[Route("Settings/SlaComplaintDays/{action=Edit}/{id?}")]
public sealed class SlaComplaintDaysController(PortalDbContext db, SlaSettings sla, IStringLocalizer<SettingsText> t, ILogger<SlaComplaintDaysController> logger)
    : SlaSectionController<SlaComplaintDaysForm>(db, sla, logger)
{
    protected override string SavedMessage => t["Sla.Saved"];
}

/// <summary>服务时限 → 工作日志审阅: <c>/Settings/SlaDailyLog/Edit/{property}</c>.</summary>
[Authorize(Policy = Policies.Administration)]
[Route("Settings/SlaDailyLog/{action=Edit}/{id?}")]
public sealed class SlaDailyLogController(PortalDbContext db, SlaSettings sla, IStringLocalizer<SettingsText> t, ILogger<SlaDailyLogController> logger)
    : SlaSectionController<SlaDailyLogForm>(db, sla, logger)
{
    protected override string SavedMessage => t["Sla.Saved"];
}
