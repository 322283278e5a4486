using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Features.Events;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Settings;

/// <summary>
/// 活动与公告时限 (系统设置 → 服务时限 → 活动与公告): a property's time limits for community events and notices, each
/// a field of its SLA policy with the seed's default (§3.8–3.9). Clocks copy their due time when they start: an edit
/// applies to plans, events and notices started afterwards.
/// </summary>
[Authorize(Policy = Policies.Administration)]
[Route("Settings/Community/{action=Edit}/{id?}")]
public sealed class CommunitySettingsController(PortalDbContext db, SlaSettings sla, IStringLocalizer<EventsText> t, ILogger<CommunitySettingsController> logger)
    : PortalController
{
    [HttpGet]
    public async Task<IActionResult> Edit(Guid id, CancellationToken ct)
    {
        var name = await db.Properties.AsNoTracking().Where(p => p.Id == id).Select(p => p.Name).FirstOrDefaultAsync(ct);
        if (name is null)
        {
            return NotFound();
        }

        var policy = await sla.PolicyForAsync(id, ct);
        return View(CommunitySettingsForm.From(id, name, policy, db.Entry(policy).State != EntityState.Detached));
    }

    [HttpPost]
    public async Task<IActionResult> Edit(Guid id, CommunitySettingsForm form, CancellationToken ct)
    {
        var name = await db.Properties.AsNoTracking().Where(p => p.Id == id).Select(p => p.Name).FirstOrDefaultAsync(ct);
        if (name is null)
        {
            return NotFound();
        }

        var policy = await sla.PolicyForAsync(id, ct);
        var saved = db.Entry(policy).State != EntityState.Detached;
        (form.PropertyId, form.PropertyName) = (id, name);
        if (ModelState.IsValid && saved && !form.Saved)
        {
            // The form showed the defaults, but someone saved this property's policy meanwhile.
            ModelState.AddModelError(string.Empty, Shared["Error.Concurrency"]);
        }

        if (!ModelState.IsValid)
        {
            return View(form);
        }

        if (saved)
        {
            ExpectVersion(db, policy, form.Version);
        }

        if (!await TrySaveAsync(db, () =>
            {
                policy.UpdateCommunity(form.AnnualPlanDraftDay!.Value, form.AnnualPlanApprovalDay!.Value, form.AnnualPlanOpensDaysBefore!.Value,
                    form.EventPlanFilledDays!.Value, form.EventPlanSubmittedDays!.Value, form.EventPlanApprovedDays!.Value, form.LargeEventAttendance!.Value,
                    form.PublicWelfareAlertMonths!.Value, form.NoticeOutageLeadHours!.Value, form.NoticePestControlLeadDays!.Value, form.NoticeNoEndMonths!.Value,
                    form.NoticeLateRefused);
                if (!saved)
                {
                    db.SlaPolicies.Add(policy);
                }
            }))
        {
            return View(form);
        }

        logger.LogInformation("Community event and notice time limits of property {PropertyId} saved by {User}", id, User.Identity?.Name);
        Flash(t["Settings.Saved"]);
        return RedirectToAction(nameof(Edit), new { id });
    }
}

/// <summary>Numbers are nullable so a cleared field reaches the validator (and its Chinese message) instead of binding to 0.</summary>
public sealed class CommunitySettingsForm
{
    [BindNever]
    public Guid PropertyId { get; set; }

    [BindNever]
    public string PropertyName { get; set; } = "";

    public bool Saved { get; set; }

    public int Version { get; set; }

    [Display(Name = "Field.AnnualPlanDraftDay")]
    public int? AnnualPlanDraftDay { get; set; }

    [Display(Name = "Field.AnnualPlanApprovalDay")]
    public int? AnnualPlanApprovalDay { get; set; }

    [Display(Name = "Field.AnnualPlanOpensDaysBefore")]
    public int? AnnualPlanOpensDaysBefore { get; set; }

    [Display(Name = "Field.EventPlanFilledDays")]
    public int? EventPlanFilledDays { get; set; }

    [Display(Name = "Field.EventPlanSubmittedDays")]
    public int? EventPlanSubmittedDays { get; set; }

    [Display(Name = "Field.EventPlanApprovedDays")]
    public int? EventPlanApprovedDays { get; set; }

    [Display(Name = "Field.LargeEventAttendance")]
    public int? LargeEventAttendance { get; set; }

    [Display(Name = "Field.PublicWelfareAlertMonths")]
    public int? PublicWelfareAlertMonths { get; set; }

    [Display(Name = "Field.NoticeOutageLeadHours")]
    public int? NoticeOutageLeadHours { get; set; }

    [Display(Name = "Field.NoticePestControlLeadDays")]
    public int? NoticePestControlLeadDays { get; set; }

    [Display(Name = "Field.NoticeNoEndMonths")]
    public int? NoticeNoEndMonths { get; set; }

    [Display(Name = "Field.NoticeLateRefused")]
    public bool NoticeLateRefused { get; set; }

    public static CommunitySettingsForm From(Guid propertyId, string name, SlaPolicy p, bool saved) => new()
    {
        PropertyId = propertyId, PropertyName = name, Saved = saved, Version = p.Version,
        AnnualPlanDraftDay = p.AnnualPlanDraftDay, AnnualPlanApprovalDay = p.AnnualPlanApprovalDay, AnnualPlanOpensDaysBefore = p.AnnualPlanOpensDaysBefore,
        EventPlanFilledDays = p.EventPlanFilledDays, EventPlanSubmittedDays = p.EventPlanSubmittedDays, EventPlanApprovedDays = p.EventPlanApprovedDays,
        LargeEventAttendance = p.LargeEventAttendance, PublicWelfareAlertMonths = p.PublicWelfareAlertMonths, NoticeOutageLeadHours = p.NoticeOutageLeadHours,
        NoticePestControlLeadDays = p.NoticePestControlLeadDays, NoticeNoEndMonths = p.NoticeNoEndMonths, NoticeLateRefused = p.NoticeLateRefused,
    };
}

public sealed class CommunitySettingsFormValidator : AbstractValidator<CommunitySettingsForm>
{
    public CommunitySettingsFormValidator(IStringLocalizer<EventsText> t)
    {
        RuleFor(x => x.AnnualPlanDraftDay).NotNull().InclusiveBetween(1, 31);
        RuleFor(x => x.AnnualPlanApprovalDay).NotNull().InclusiveBetween(1, 31);
        RuleFor(x => x.AnnualPlanApprovalDay).GreaterThanOrEqualTo(x => x.AnnualPlanDraftDay).When(x => x.AnnualPlanDraftDay is not null && x.AnnualPlanApprovalDay is not null)
            .WithMessage(_ => t["Settings.ApprovalAfterDraft"]);
        RuleFor(x => x.AnnualPlanOpensDaysBefore).NotNull().InclusiveBetween(1, 120);
        RuleFor(x => x.EventPlanFilledDays).NotNull().InclusiveBetween(1, 90);
        RuleFor(x => x.EventPlanSubmittedDays).NotNull().InclusiveBetween(1, 90);
        RuleFor(x => x.EventPlanApprovedDays).NotNull().InclusiveBetween(1, 90);
        RuleFor(x => x.EventPlanSubmittedDays).LessThanOrEqualTo(x => x.EventPlanFilledDays).When(x => x.EventPlanFilledDays is not null && x.EventPlanSubmittedDays is not null)
            .WithMessage(_ => t["Settings.DaysInOrder"]);
        RuleFor(x => x.EventPlanApprovedDays).LessThanOrEqualTo(x => x.EventPlanSubmittedDays).When(x => x.EventPlanSubmittedDays is not null && x.EventPlanApprovedDays is not null)
            .WithMessage(_ => t["Settings.DaysInOrder"]);
        RuleFor(x => x.LargeEventAttendance).NotNull().InclusiveBetween(1, 100_000);
        RuleFor(x => x.PublicWelfareAlertMonths).NotNull().InclusiveBetween(1, 5);
        RuleFor(x => x.NoticeOutageLeadHours).NotNull().InclusiveBetween(1, 720);
        RuleFor(x => x.NoticePestControlLeadDays).NotNull().InclusiveBetween(1, 30);
        RuleFor(x => x.NoticeNoEndMonths).NotNull().InclusiveBetween(1, 12);
    }
}
