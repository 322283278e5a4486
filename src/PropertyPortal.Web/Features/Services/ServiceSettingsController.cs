using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Services;
using PropertyPortal.Domain.Visits;
using PropertyPortal.Web.Features.Shared;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Services;

/// <summary>
/// 服务设置 (admin): the service catalog (each entry's clock is its promise), the bookable resources per property,
/// the limits per property (visit quotas, the survey's share, days before a found item is unclaimed, how far back a
/// complaint puts a household first on the visit list) and the satisfaction questionnaire. Entries are deactivated,
/// never deleted; a request keeps the clock it was taken with.
/// </summary>
[Authorize(Policy = Policies.Administration)]
[Route("Settings/Services/{action=Index}/{id?}")]
public sealed class ServiceSettingsController(PortalDbContext db, ServiceLimits limits, IStringLocalizer<ServicesText> t, ILogger<ServiceSettingsController> logger)
    : PortalController
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var types = await db.ServiceTypes.AsNoTracking().OrderByDescending(s => s.IsActive).ThenBy(s => s.SortOrder)
            .Select(s => new ServiceTypeRow(s.Id, s.Name, s.Kind, s.TargetKind, s.TargetValue, s.HandlerRole, s.ChargesFee, s.DefaultFee, s.RequiresApproval,
                s.ForResidential, s.ForOffice, s.ForCommercial, s.IsActive))
            .ToListAsync(ct);
        var resources = await (from r in db.BookableResources.AsNoTracking()
                               join p in db.Properties on r.PropertyId equals p.Id
                               orderby p.Code, r.Kind, r.SortOrder
                               select new ResourceRow(r.Id, p.Name, r.Kind, r.Name, r.Location, r.SlotMinutes, r.OpensAt, r.ClosesAt, r.HourlyRate, r.IsActive ? 1 : 0))
            .ToListAsync(ct);
        var properties = await db.Properties.AsNoTracking().OrderBy(p => p.Code).Select(p => new { p.Id, p.Name }).ToListAsync(ct);
        var saved = await db.ServiceSettings.AsNoTracking().Select(s => s.PropertyId).ToListAsync(ct);
        var all = await limits.ForAllAsync([.. properties.Select(p => p.Id)], ct);
        var questions = await db.SurveyQuestions.AsNoTracking().OrderByDescending(q => q.IsActive).ThenBy(q => q.SortOrder).ToListAsync(ct);
        return View(new ServiceSettingsPage(types, resources, [.. properties.Select(p => new LimitsRow(p.Id, p.Name, all[p.Id], saved.Contains(p.Id)))], questions));
    }

    [HttpGet]
    public async Task<IActionResult> CreateType(CancellationToken ct)
    {
        var last = await db.ServiceTypes.MaxAsync(s => (int?)s.SortOrder, ct) ?? 0;
        return View("Type", new ServiceTypeForm { SortOrder = last + 10 });
    }

    [HttpPost]
    public async Task<IActionResult> CreateType(ServiceTypeForm form, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return View("Type", form);
        }

        ServiceType? type = null;
        if (!await TrySaveAsync(db, () =>
            {
                type = new ServiceType("Custom-" + Guid.CreateVersion7().ToString("N")[..12], form.Name!, form.Kind, form.ToTarget(), form.HandlerRole, form.SortOrder!.Value);
                type.Update(form.Name!, form.Description, form.ForResidential, form.ForOffice, form.ForCommercial, form.ToTarget(), form.HandlerRole, form.ChargesFee,
                    form.DefaultFee, form.RequiresApproval, form.ResourceKind, form.SortOrder.Value, form.IsActive);
                db.ServiceTypes.Add(type);
            }, nameof(form.Name)))
        {
            return View("Type", form);
        }

        logger.LogInformation("Service {Name} added to the catalog by {User}", type!.Name, CurrentActor.Name);
        Flash(Shared["Common.Created"]);
        return RedirectToAction(nameof(Index));
    }

    [HttpGet]
    public async Task<IActionResult> EditType(Guid id, CancellationToken ct) =>
        await db.ServiceTypes.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct) is { } type ? View("Type", ServiceTypeForm.From(type)) : NotFound();

    [HttpPost]
    public async Task<IActionResult> EditType(Guid id, ServiceTypeForm form, CancellationToken ct)
    {
        var type = await db.ServiceTypes.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (type is null)
        {
            return NotFound();
        }

        form.Id = id;
        form.Kind = type.Kind;
        if (!ModelState.IsValid)
        {
            return View("Type", form);
        }

        ExpectVersion(db, type, form.Version);
        if (!await TrySaveAsync(db, () => type.Update(form.Name!, form.Description, form.ForResidential, form.ForOffice, form.ForCommercial, form.ToTarget(),
                form.HandlerRole, form.ChargesFee, form.DefaultFee, form.RequiresApproval, form.ResourceKind, form.SortOrder!.Value, form.IsActive), nameof(form.Name)))
        {
            return View("Type", form);
        }

        Flash(Shared["Common.Saved"]);
        return RedirectToAction(nameof(Index));
    }

    [HttpGet]
    public async Task<IActionResult> CreateResource(Guid? propertyId, CancellationToken ct)
    {
        var form = new ResourceForm { PropertyId = propertyId };
        form.PropertyOptions = await db.PropertyOptionsAsync(propertyId, ct);
        return View("Resource", form);
    }

    [HttpPost]
    public async Task<IActionResult> CreateResource(ResourceForm form, CancellationToken ct)
    {
        form.PropertyOptions = await db.PropertyOptionsAsync(form.PropertyId, ct);
        if (form.PropertyId is { } pid && form.PropertyOptions.All(o => o.Value != pid.ToString()))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return View("Resource", form);
        }

        if (!await TrySaveAsync(db, () => db.BookableResources.Add(new BookableResource(form.PropertyId!.Value, form.Kind, form.Name!, form.Location, form.SlotMinutes,
                form.OpensAt!.Value, form.ClosesAt!.Value, form.HourlyRate, form.SortOrder!.Value)), nameof(form.Name)))
        {
            return View("Resource", form);
        }

        Flash(Shared["Common.Created"]);
        return RedirectToAction(nameof(Index));
    }

    [HttpGet]
    public async Task<IActionResult> EditResource(Guid id, CancellationToken ct)
    {
        var resource = await db.BookableResources.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (resource is null)
        {
            return NotFound();
        }

        var form = ResourceForm.From(resource);
        form.PropertyOptions = await db.PropertyOptionsAsync(resource.PropertyId, ct);
        return View("Resource", form);
    }

    [HttpPost]
    public async Task<IActionResult> EditResource(Guid id, ResourceForm form, CancellationToken ct)
    {
        var resource = await db.BookableResources.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (resource is null)
        {
            return NotFound();
        }

        (form.Id, form.PropertyId, form.Kind) = (id, resource.PropertyId, resource.Kind);
        form.PropertyOptions = await db.PropertyOptionsAsync(resource.PropertyId, ct);
        if (!ModelState.IsValid)
        {
            return View("Resource", form);
        }

        ExpectVersion(db, resource, form.Version);
        if (!await TrySaveAsync(db, () => resource.Update(form.Name!, form.Location, form.SlotMinutes, form.OpensAt!.Value, form.ClosesAt!.Value, form.HourlyRate,
                form.SortOrder!.Value, form.IsActive), nameof(form.Name)))
        {
            return View("Resource", form);
        }

        Flash(Shared["Common.Saved"]);
        return RedirectToAction(nameof(Index));
    }

    /// <summary>A property's limits: visit quotas, the survey's share, unclaimed days, the suggestion window.</summary>
    [HttpGet]
    public async Task<IActionResult> Limits(Guid propertyId, CancellationToken ct)
    {
        var name = await db.Properties.Where(p => p.Id == propertyId).Select(p => p.Name).FirstOrDefaultAsync(ct);
        return name is null ? NotFound() : View(LimitsForm.From(await limits.ForAsync(propertyId, ct), name));
    }

    [HttpPost]
    public async Task<IActionResult> Limits(LimitsForm form, CancellationToken ct)
    {
        form.PropertyName = await db.Properties.Where(p => p.Id == form.PropertyId).Select(p => p.Name).FirstOrDefaultAsync(ct);
        if (form.PropertyName is null)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return View(form);
        }

        var settings = await limits.ForAsync(form.PropertyId, ct);
        if (db.Entry(settings).State == EntityState.Detached)
        {
            db.ServiceSettings.Add(settings);
        }
        else
        {
            ExpectVersion(db, settings, form.Version);
        }

        if (!await TrySaveAsync(db, () => settings.Update(form.VisitsPerProperty!.Value, form.VisitsPerSteward!.Value, form.SurveySharePercent!.Value,
                form.UnclaimedAfterDays!.Value, form.SuggestionWindowDays!.Value)))
        {
            return View(form);
        }

        logger.LogInformation("Service limits of property {PropertyId} saved by {User}", form.PropertyId, CurrentActor.Name);
        Flash(t["Services.LimitsSaved", form.PropertyName]);
        return RedirectToAction(nameof(Index));
    }

    [HttpGet]
    public async Task<IActionResult> CreateQuestion(CancellationToken ct)
    {
        var last = await db.SurveyQuestions.MaxAsync(q => (int?)q.SortOrder, ct) ?? 0;
        return View("Question", new QuestionForm { SortOrder = last + 10 });
    }

    [HttpPost]
    public async Task<IActionResult> CreateQuestion(QuestionForm form, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return View("Question", form);
        }

        if (!await TrySaveAsync(db, () =>
            {
                var question = new SurveyQuestion(form.Text!, form.Category!, form.ScaleMax!.Value, form.SortOrder!.Value);
                question.Update(form.Text!, form.Category!, form.ScaleMax.Value, form.SortOrder.Value, form.IsActive);
                db.SurveyQuestions.Add(question);
            }))
        {
            return View("Question", form);
        }

        Flash(Shared["Common.Created"]);
        return RedirectToAction(nameof(Index));
    }

    [HttpGet]
    public async Task<IActionResult> EditQuestion(Guid id, CancellationToken ct) =>
        await db.SurveyQuestions.AsNoTracking().FirstOrDefaultAsync(q => q.Id == id, ct) is { } q ? View("Question", QuestionForm.From(q)) : NotFound();

    [HttpPost]
    public async Task<IActionResult> EditQuestion(Guid id, QuestionForm form, CancellationToken ct)
    {
        var question = await db.SurveyQuestions.FirstOrDefaultAsync(q => q.Id == id, ct);
        if (question is null)
        {
            return NotFound();
        }

        form.Id = id;
        if (!ModelState.IsValid)
        {
            return View("Question", form);
        }

        // A question already answered keeps its scale: the answers were given on it.
        if (form.ScaleMax != question.ScaleMax && await db.SurveyAnswers.AnyAsync(a => a.QuestionId == id, ct))
        {
            ModelState.AddModelError(nameof(form.ScaleMax), t["Services.ScaleAnswered"]);
            return View("Question", form);
        }

        ExpectVersion(db, question, form.Version);
        if (!await TrySaveAsync(db, () => question.Update(form.Text!, form.Category!, form.ScaleMax!.Value, form.SortOrder!.Value, form.IsActive)))
        {
            return View("Question", form);
        }

        Flash(Shared["Common.Saved"]);
        return RedirectToAction(nameof(Index));
    }
}
