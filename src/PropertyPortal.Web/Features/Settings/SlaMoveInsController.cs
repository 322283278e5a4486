using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Settings;

/// <summary>
/// 服务时限 → 入住、托管与迁出: a property's move-in, custody and move-out limits — the move-out's counter minutes
/// (002 L40), the custody patrol interval and the heavy-rain patrol's hours (000 L208), the new household's
/// callback in months (002 L13), the grace after a booked move-in (002 L27) and the custody meter limits (000 L208).
/// A section of its own (form, validator, POST) so the other features' sections do not share one big form.
/// A case copies its target when its clock starts: an edit changes only clocks started afterwards.
/// </summary>
[Authorize(Policy = Policies.Administration)]
[Route("Settings/Sla/MoveIns/{id}")]
public sealed class SlaMoveInsController(PortalDbContext db, SlaSettings sla, IStringLocalizer<SettingsText> t, ILogger<SlaMoveInsController> logger)
    : PortalController
{
    private const string ViewPath = "~/Features/Settings/Sla/MoveIns.cshtml";

    [HttpGet]
    public async Task<IActionResult> Edit(Guid id, CancellationToken ct)
    {
        var name = await db.Properties.AsNoTracking().Where(p => p.Id == id).Select(p => p.Name).FirstOrDefaultAsync(ct);
        if (name is null)
        {
            return NotFound();
        }

        var policy = await sla.PolicyForAsync(id, ct);
        return View(ViewPath, MoveInLimitsForm.From(id, name, policy, db.Entry(policy).State != EntityState.Detached));
    }

    [HttpPost]
    public async Task<IActionResult> Edit(Guid id, MoveInLimitsForm form, CancellationToken ct)
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
            return View(ViewPath, form);
        }

        if (saved)
        {
            ExpectVersion(db, policy, form.Version);
        }

        if (!await TrySaveAsync(db, () =>
            {
                form.ApplyTo(policy);
                if (!saved)
                {
                    db.SlaPolicies.Add(policy);
                }
            }))
        {
            return View(ViewPath, form);
        }

        logger.LogInformation("Move-in limits of property {PropertyId} saved by {User}", id, User.Identity?.Name);
        Flash(t["MoveInLimits.Saved"]);
        return RedirectToAction(nameof(Edit), new { id });
    }
}

/// <summary>The move-in, custody and move-out limits of one property. Numbers are nullable so a cleared field reaches the validator's Chinese message.</summary>
public sealed class MoveInLimitsForm
{
    [BindNever]
    public Guid PropertyId { get; set; }

    [BindNever]
    public string PropertyName { get; set; } = "";

    /// <summary>Whether the form was based on a saved policy: one saved by someone else meanwhile is a concurrent edit.</summary>
    public bool Saved { get; set; }

    public int Version { get; set; }

    [Display(Name = "Field.MoveOutMinutes")]
    public int? MoveOutMinutes { get; set; }

    [Display(Name = "Field.MoveInReceptionGraceMinutes")]
    public int? MoveInReceptionGraceMinutes { get; set; }

    [Display(Name = "Field.NewHouseholdCallbackMonths")]
    public int? NewHouseholdCallbackMonths { get; set; }

    [Display(Name = "Field.CustodyPatrolDays")]
    public int? CustodyPatrolDays { get; set; }

    [Display(Name = "Field.CustodyRainPatrolHours")]
    public int? CustodyRainPatrolHours { get; set; }

    [Display(Name = "Field.CustodyWaterLimit")]
    public decimal? CustodyWaterLimit { get; set; }

    [Display(Name = "Field.CustodyElectricityLimit")]
    public decimal? CustodyElectricityLimit { get; set; }

    public static MoveInLimitsForm From(Guid propertyId, string propertyName, SlaPolicy policy, bool saved) => new()
    {
        PropertyId = propertyId, PropertyName = propertyName, Saved = saved, Version = saved ? policy.Version : 0,
        MoveOutMinutes = policy.MoveOutMinutes, MoveInReceptionGraceMinutes = policy.MoveInReceptionGraceMinutes,
        NewHouseholdCallbackMonths = policy.NewHouseholdCallbackMonths, CustodyPatrolDays = policy.CustodyPatrolDays,
        CustodyRainPatrolHours = policy.CustodyRainPatrolHours, CustodyWaterLimit = policy.CustodyWaterLimit,
        CustodyElectricityLimit = policy.CustodyElectricityLimit,
    };

    public void ApplyTo(SlaPolicy policy) =>
        policy.UpdateMoveIns(MoveOutMinutes!.Value, CustodyPatrolDays!.Value, NewHouseholdCallbackMonths!.Value, MoveInReceptionGraceMinutes!.Value,
            CustodyRainPatrolHours!.Value, CustodyWaterLimit!.Value, CustodyElectricityLimit!.Value);
}

/// <summary>The bounds the domain holds (<see cref="SlaPolicy.UpdateMoveIns"/>), with a message beside each field.</summary>
public sealed class MoveInLimitsFormValidator : AbstractValidator<MoveInLimitsForm>
{
    public MoveInLimitsFormValidator(IStringLocalizer<SettingsText> t)
    {
        Required(x => x.MoveOutMinutes).InclusiveBetween(1, SlaLadder.MaxAfterMinutes);
        Required(x => x.MoveInReceptionGraceMinutes).InclusiveBetween(0, 24 * 60);
        Required(x => x.NewHouseholdCallbackMonths).InclusiveBetween(1, 12);
        Required(x => x.CustodyPatrolDays).InclusiveBetween(1, 90);
        Required(x => x.CustodyRainPatrolHours).InclusiveBetween(1, 7 * 24);
        Limit(x => x.CustodyWaterLimit);
        Limit(x => x.CustodyElectricityLimit);

        IRuleBuilderOptions<MoveInLimitsForm, int?> Required(System.Linq.Expressions.Expression<Func<MoveInLimitsForm, int?>> field) =>
            RuleFor(field).Cascade(CascadeMode.Stop).NotNull().WithMessage(_ => t["Settings.Required"]);

        void Limit(System.Linq.Expressions.Expression<Func<MoveInLimitsForm, decimal?>> field) =>
            RuleFor(field).Cascade(CascadeMode.Stop).NotNull().WithMessage(_ => t["Settings.Required"])
                .Must(v => v is > 0 and <= 100_000m && decimal.Round(v.Value, 2) == v).WithMessage(_ => t["MoveInLimits.MeterLimit"]);
    }
}
