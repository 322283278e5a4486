using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Visits;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Mvc;

namespace PropertyPortal.Web.Features.Visits;

/// <summary>
/// 走访 (002 L14–L15, L76; 004 §管家2): a month's quotas with their progress bars, the visits, the households the list
/// suggests, recording a visit, a visit with its findings (each one click from a repair, complaint or service request),
/// and a quota with its clock. Each action binds, calls one feature method and redirects.
/// </summary>
[Authorize(Policy = Policies.CaseIntake)]
public sealed class VisitsController(VisitPages pages, VisitWork work, IStringLocalizer<VisitsText> t) : PortalController
{
    [HttpGet]
    public async Task<IActionResult> Index(Guid? propertyId, int? month, CancellationToken ct) =>
        await pages.MonthAsync(propertyId, month, ct) is { } model ? View(model) : NotFound();

    [HttpGet]
    public async Task<IActionResult> Create(Guid? customerId, Guid? propertyId, CancellationToken ct) =>
        await pages.NewFormAsync(customerId, null, propertyId, User.IsInRole(Roles.Steward) ? CurrentActor.UserId : null, ct) is { } form ? View(form) : NotFound();

    [HttpPost]
    public async Task<IActionResult> Create(VisitForm form, CancellationToken ct)
    {
        var (result, errors) = await work.RecordAsync(form, !ModelState.IsValid, CurrentActor, ct);
        if (!result.Found)
        {
            return NotFound();
        }

        errors.ToList().ForEach(e => ModelState.AddModelError(e.Field, e.Message));
        if (!result.Done)
        {
            return View(form);
        }

        Flash(t["Visits.Recorded"]);
        return RedirectToAction(nameof(Details), new { id = result.Id });
    }

    [HttpGet]
    public async Task<IActionResult> Details(Guid id, CancellationToken ct) =>
        await pages.DetailsAsync(id, ct) is { } model ? View(model) : NotFound();

    /// <summary>转报修 / 转投诉 / 转服务: the finding becomes a contact and its case's form opens prefilled.</summary>
    [HttpPost]
    public async Task<IActionResult> FollowUp(Guid id, FindingFollowUp kind, int version, CancellationToken ct)
    {
        var result = await work.FollowUpAsync(id, kind, version, CurrentActor, ct);
        if (!result.Found)
        {
            return NotFound();
        }

        if (!result.Done)
        {
            FlashError(result.Message ?? "");
            return RedirectToAction(nameof(Details), new { id = result.Id });
        }

        return LocalRedirect("~" + result.Redirect);
    }

    /// <summary>A month's quota of the property or a steward, and its clock (where the quota's notices link).</summary>
    [HttpGet]
    public async Task<IActionResult> Quota(Guid id, CancellationToken ct) =>
        await pages.QuotaAsync(id, ct) is { } model ? View(model) : NotFound();
}

/// <summary>
/// 满意度调查 (004 §七): a property's surveys of a year, drawing the quarter's sample (supervisors), the sample with its
/// results per question and category, and recording a household's answers taken by phone or on a visit.
/// </summary>
[Authorize(Policy = Policies.CaseIntake)]
public sealed class SurveysController(SurveyPages pages, VisitWork work, IStringLocalizer<VisitsText> t) : PortalController
{
    [HttpGet]
    public async Task<IActionResult> Index(Guid? propertyId, int? year, CancellationToken ct) =>
        await pages.ListAsync(propertyId, year, await CanAsync(Policies.Supervision), ct) is { } model ? View(model) : NotFound();

    [HttpPost]
    [Authorize(Policy = Policies.Supervision)]
    public async Task<IActionResult> Draw(Guid propertyId, int year, int quarter, CancellationToken ct)
    {
        var result = await work.DrawAsync(propertyId, year, quarter, CurrentActor, ct);
        if (!result.Found)
        {
            return NotFound();
        }

        if (!result.Done)
        {
            FlashError(result.Message ?? "");
            return RedirectToAction(nameof(Index), new { propertyId, year });
        }

        Flash(t["Surveys.Drawn", year, quarter]);
        return RedirectToAction(nameof(Details), new { id = result.Id });
    }

    [HttpGet]
    public async Task<IActionResult> Details(Guid id, CancellationToken ct) =>
        await pages.DetailsAsync(id, ct) is { } model ? View(model) : NotFound();

    [HttpGet]
    public async Task<IActionResult> Answer(Guid id, CancellationToken ct) =>
        await pages.AnswerAsync(id, null, ct) is { } model ? View(model) : NotFound();

    [HttpPost]
    public async Task<IActionResult> Answer(Guid id, AnswerForm form, CancellationToken ct)
    {
        var result = await work.AnswerAsync(id, form, !ModelState.IsValid, CurrentActor, ct);
        if (!result.Found)
        {
            return NotFound();
        }

        if (!result.Done)
        {
            if (result.Message is { } message)
            {
                ModelState.AddModelError(string.Empty, message);
            }

            return await pages.AnswerAsync(id, form, ct) is { } model ? View(model) : NotFound();
        }

        Flash(t["Surveys.Answered"]);
        return RedirectToAction(nameof(Details), new { id = result.Id });
    }

    /// <summary>拒访 / 联系不上.</summary>
    [HttpPost]
    public async Task<IActionResult> Close(Guid id, CloseSampleForm form, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            // A comment too long is said at the top of the answer page it came from; nothing is closed.
            FlashError(ModelStateErrors());
            return RedirectToAction(nameof(Answer), new { id });
        }

        var result = await work.CloseAsync(id, form, CurrentActor, ct);
        if (!result.Found)
        {
            return NotFound();
        }

        if (result.Done)
        {
            Flash(t["Surveys.Closed"]);
        }
        else
        {
            FlashError(result.Message ?? "");
        }

        return RedirectToAction(nameof(Details), new { id = result.Id });
    }
}
