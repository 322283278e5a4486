using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Fees;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Web.Features.Fees;
using PropertyPortal.Web.Features.Shared;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.Settings;

public sealed class FeeItemForm
{
    [Display(Name = "Field.Name")]
    public string? Name { get; set; }

    [Display(Name = "Field.ChargeKind")]
    public FeeKind Kind { get; set; } = FeeKind.PerArea;

    [Display(Name = "Field.AppliesTo")]
    public UnitType? AppliesTo { get; set; }

    [Display(Name = "Field.Meter")]
    public MeterKind? Meter { get; set; }

    [Display(Name = "Field.Rate")]
    public decimal? Rate { get; set; }

    [Display(Name = "Field.EffectiveFrom")]
    public DateOnly? EffectiveFrom { get; set; }

    [Display(Name = "Field.SortOrder")]
    public int SortOrder { get; set; } = 10;

    [Display(Name = "Field.IsActive")]
    public bool IsActive { get; set; } = true;

    public int Version { get; set; }
}

public sealed class FeeItemFormValidator : AbstractValidator<FeeItemForm>
{
    public FeeItemFormValidator(IStringLocalizer<FeesText> t, IStringLocalizer<SharedResource> shared, DateWindows dates)
    {
        RuleFor(x => x.Name).NotEmpty().MaximumLength(50);
        RuleFor(x => x.Kind).IsInEnum();
        RuleFor(x => x.Meter).NotNull().When(x => x.Kind == FeeKind.Metered).WithMessage(_ => t["Fees.MeterRequired"]);
        RuleFor(x => x.Rate).InclusiveBetween(0, FeeItem.MaxRate).Must(r => r is null || decimal.Round(r.Value, 4) == r.Value);
        RuleFor(x => x.EffectiveFrom).NotNull().When(x => x.Rate is not null);
        RuleFor(x => x.EffectiveFrom).Within(_ => dates.RateStart, shared);
    }
}

public sealed class FeePolicyForm
{
    [Display(Name = "Field.BillingDay")] public int BillingDay { get; set; }
    [Display(Name = "Field.DueDays")] public int DueDays { get; set; }
    [Display(Name = "Field.NoticeDay")] public int NoticeDay { get; set; }
    [Display(Name = "Field.CustodyPercent")] public int CustodyPercent { get; set; }
    [Display(Name = "Field.InvoiceWorkingDays")] public int InvoiceWorkingDays { get; set; }
    [Display(Name = "Field.AutoBilling")] public bool AutoBilling { get; set; }
    [Display(Name = "Field.ReminderAfterDays")] public int ReminderAfterDays { get; set; }
    [Display(Name = "Field.SecondReminderAfterDays")] public int SecondReminderAfterDays { get; set; }
    [Display(Name = "Field.LetterAfterDays")] public int LetterAfterDays { get; set; }
    [Display(Name = "Field.VisitAfterDays")] public int VisitAfterDays { get; set; }
    [Display(Name = "Field.LegalAfterDays")] public int LegalAfterDays { get; set; }
    public int Version { get; set; }

    public static FeePolicyForm From(FeePolicy p) => new()
    {
        BillingDay = p.BillingDay, DueDays = p.DueDays, NoticeDay = p.NoticeDay, CustodyPercent = p.CustodyPercent, InvoiceWorkingDays = p.InvoiceWorkingDays,
        AutoBilling = p.AutoBilling, ReminderAfterDays = p.ReminderAfterDays, SecondReminderAfterDays = p.SecondReminderAfterDays,
        LetterAfterDays = p.LetterAfterDays, VisitAfterDays = p.VisitAfterDays, LegalAfterDays = p.LegalAfterDays, Version = p.Version,
    };
}

public sealed record FeeItemRow(Guid Id, string Name, FeeKind Kind, UnitType? AppliesTo, MeterKind? Meter, decimal? CurrentRate, DateOnly? NextRateFrom, bool IsActive, int SortOrder);

public sealed record FeeSettingsPage(IReadOnlyList<SelectListItem> Properties, Guid PropertyId, IReadOnlyList<FeeItemRow> Items, FeeItemForm NewItem, FeePolicyForm Policy);

public sealed record FeeItemPage(Guid PropertyId, FeeItem Item, FeeItemForm Form);

/// <summary>
/// 收费项目 and the billing/dunning settings of a property (admin). Rates take effect on a date and are
/// never rewritten for a month already billed; items are deactivated, never deleted.
/// </summary>
[Authorize(Policy = Policies.Administration)]
[Route("Settings/Fees/{action=Index}/{id?}")]
public sealed class FeeItemsController(PortalDbContext db, Ledger ledger, ILogger<FeeItemsController> logger) : PortalController
{
    [HttpGet]
    public async Task<IActionResult> Index(Guid? propertyId, CancellationToken ct)
    {
        var properties = await db.PropertyOptionsAsync(propertyId, ct);
        if (properties.Count == 0)
        {
            return NotFound();
        }

        var pid = propertyId is { } p && properties.Any(o => o.Value == p.ToString()) ? p : Guid.Parse(properties[0].Value);
        return View(await PageAsync(pid, null, null, ct));
    }

    private async Task<FeeSettingsPage> PageAsync(Guid propertyId, FeeItemForm? newItem, FeePolicyForm? policy, CancellationToken ct)
    {
        var today = Today;
        var items = await db.FeeItems.AsNoTracking().Include(i => i.Rates).Where(i => i.PropertyId == propertyId)
            .OrderByDescending(i => i.IsActive).ThenBy(i => i.SortOrder).ThenBy(i => i.Name).ToListAsync(ct);
        var rows = items.Select(i => new FeeItemRow(i.Id, i.Name, i.Kind, i.AppliesTo, i.Meter, i.RateOn(today),
            i.Rates.Where(r => r.EffectiveFrom > today).Select(r => (DateOnly?)r.EffectiveFrom).Min(), i.IsActive, i.SortOrder)).ToList();
        return new FeeSettingsPage(await db.PropertyOptionsAsync(propertyId, ct), propertyId, rows,
            newItem ?? new FeeItemForm { EffectiveFrom = new DateOnly(today.Year, today.Month, 1), SortOrder = (items.Count + 1) * 10 },
            policy ?? FeePolicyForm.From(await ledger.PolicyForAsync(propertyId, ct)));
    }

    [HttpPost]
    public async Task<IActionResult> Create(Guid propertyId, FeeItemForm form, CancellationToken ct)
    {
        if (!await db.Properties.AnyAsync(p => p.Id == propertyId, ct))
        {
            return NotFound();
        }

        if (ModelState.IsValid && !await TrySaveAsync(db, () =>
            {
                var item = new FeeItem(propertyId, form.Name!, form.Kind, form.AppliesTo, form.Meter, form.SortOrder);
                if (form.Rate is { } rate)
                {
                    item.SetRate(form.EffectiveFrom!.Value, rate);
                }

                db.FeeItems.Add(item);
            }, nameof(form.Name)))
        {
            return View(nameof(Index), await PageAsync(propertyId, form, null, ct));
        }

        if (!ModelState.IsValid)
        {
            return View(nameof(Index), await PageAsync(propertyId, form, null, ct));
        }

        logger.LogInformation("Fee item {Name} created for {Property} by {User}", form.Name, propertyId, User.Identity?.Name);
        Flash(Shared["Common.Created"]);
        return RedirectToAction(nameof(Index), new { propertyId });
    }

    [HttpPost]
    public async Task<IActionResult> Policy(Guid propertyId, FeePolicyForm form, CancellationToken ct)
    {
        if (!await db.Properties.AnyAsync(p => p.Id == propertyId, ct))
        {
            return NotFound();
        }

        var policy = await db.FeePolicies.FirstOrDefaultAsync(p => p.PropertyId == propertyId, ct);
        if (policy is null)
        {
            policy = new FeePolicy(propertyId);
            db.FeePolicies.Add(policy);
        }
        else
        {
            ExpectVersion(db, policy, form.Version);
        }

        if (!ModelState.IsValid || !await TrySaveAsync(db, () => policy.Update(form.BillingDay, form.DueDays, form.NoticeDay, form.CustodyPercent, form.InvoiceWorkingDays,
                form.AutoBilling, new DunningLadder(form.ReminderAfterDays, form.SecondReminderAfterDays, form.LetterAfterDays, form.VisitAfterDays, form.LegalAfterDays))))
        {
            return View(nameof(Index), await PageAsync(propertyId, null, form, ct));
        }

        Flash(Shared["Common.Saved"]);
        return RedirectToAction(nameof(Index), new { propertyId });
    }

    [HttpGet]
    public async Task<IActionResult> Edit(Guid id, CancellationToken ct)
    {
        var item = await db.FeeItems.AsNoTracking().Include(i => i.Rates).FirstOrDefaultAsync(i => i.Id == id, ct);
        return item is null ? NotFound() : View(new FeeItemPage(item.PropertyId, item, new FeeItemForm
        {
            Name = item.Name, Kind = item.Kind, AppliesTo = item.AppliesTo, Meter = item.Meter, SortOrder = item.SortOrder, IsActive = item.IsActive,
            Version = item.Version, EffectiveFrom = Today,
        }));
    }

    /// <summary>Saves the item's details and, when a rate is given, sets it from its effective date.</summary>
    [HttpPost]
    public async Task<IActionResult> Edit(Guid id, FeeItemForm form, CancellationToken ct)
    {
        var item = await db.FeeItems.Include(i => i.Rates).FirstOrDefaultAsync(i => i.Id == id, ct);
        if (item is null)
        {
            return NotFound();
        }

        form.Kind = item.Kind;
        ExpectVersion(db, item, form.Version);
        if (!ModelState.IsValid || !await TrySaveAsync(db, () =>
            {
                item.Update(form.Name!, form.AppliesTo, form.Meter, form.SortOrder, form.IsActive);
                if (form.Rate is { } rate)
                {
                    var added = item.SetRate(form.EffectiveFrom!.Value, rate);
                    if (db.Entry(added).State == EntityState.Detached)
                    {
                        db.FeeRates.Add(added);
                    }
                }
            }, nameof(form.Name)))
        {
            var fresh = await db.FeeItems.AsNoTracking().Include(i => i.Rates).FirstAsync(i => i.Id == id, ct);
            return View(new FeeItemPage(fresh.PropertyId, fresh, form));
        }

        logger.LogInformation("Fee item {Item} saved by {User} (rate {Rate} from {From})", id, User.Identity?.Name, form.Rate, form.EffectiveFrom);
        Flash(Shared["Common.Saved"]);
        return RedirectToAction(nameof(Index), new { propertyId = item.PropertyId });
    }
}
