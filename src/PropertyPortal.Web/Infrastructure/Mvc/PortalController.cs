using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Common;
using PropertyPortal.Web.Features.Shared;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Infrastructure.Mvc;

/// <summary>
/// Base of the portal's controllers: saving a form with the failures a user can cause — a stale
/// form (someone else saved first), a duplicate, a broken business rule — turned into a message in
/// the form instead of an error page (decided by <see cref="Saving"/>), and a case step's
/// <see cref="StepResult"/> turned into a redirect and its message. Nothing is saved when a save fails.
/// </summary>
public abstract class PortalController : Controller
{
    public const string FlashKey = "Flash";
    public const string FlashErrorKey = "FlashError";

    private IStringLocalizer<SharedResource>? _shared;

    protected IStringLocalizer<SharedResource> Shared =>
        _shared ??= HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();

    protected DateTime UtcNow => HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;

    /// <summary>Today on the portal's wall clock (China time).</summary>
    protected DateOnly Today => PortalClock.Today(HttpContext.RequestServices.GetRequiredService<TimeProvider>());

    protected void Flash(string message) => TempData[FlashKey] = message;

    /// <summary>A refusal shown at the top of the next page (for actions posted from a details page).</summary>
    protected void FlashError(string message) => TempData[FlashErrorKey] = message;

    /// <summary>The signed-in user as a timeline shows them.</summary>
    protected Actor CurrentActor => new(
        User.FindFirstValue(ClaimTypes.NameIdentifier),
        User.FindFirstValue(Identity.PortalClaims.DisplayName) ?? User.Identity?.Name ?? "?");

    /// <summary>The model-state errors as one line, for a refusal posted from a page with several forms.</summary>
    protected string ModelStateErrors() =>
        string.Join("；", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).Where(m => m.Length > 0).Distinct());

    /// <summary>Marks the version the user's form was based on; saving fails if the record changed since.</summary>
    protected static void ExpectVersion(PortalDbContext db, Entity entity, int postedVersion) =>
        db.Entry(entity).Property(nameof(Entity.Version)).OriginalValue = postedVersion;

    /// <summary>Runs a domain change and saves it. Returns false, with the reason in ModelState, when it cannot.</summary>
    protected Task<bool> TrySaveAsync(PortalDbContext db, Action? change = null, string? duplicateField = null) =>
        TrySaveAsync(db, () =>
        {
            change?.Invoke();
            return Task.CompletedTask;
        }, duplicateField);

    /// <summary>The same for a change that does its own I/O (a ledger call that saves): what it leaves pending is saved too.</summary>
    protected async Task<bool> TrySaveAsync(PortalDbContext db, Func<Task> change, string? duplicateField = null) =>
        Saved(await SavingFor(db).TryAsync(change, HttpContext.RequestAborted), duplicateField);

    /// <summary>
    /// Saves a new case under the next free number of its property (<see cref="Saving.TryNumberedAsync"/>: a
    /// number drawn at the same moment by another desk is drawn again). Any other refusal stays in ModelState,
    /// as <see cref="TrySaveAsync(PortalDbContext, Action?, string?)"/> leaves it.
    /// </summary>
    /// <param name="beforeRetry">Reloads what <paramref name="create"/> changes on an existing record: a failed save leaves it detached and already changed.</param>
    protected async Task<bool> TrySaveNumberedAsync(PortalDbContext db, Func<Task<string>> nextNumber, Action<string> create, string? duplicateField = null,
        Func<Task>? beforeRetry = null) =>
        Saved(await SavingFor(db).TryNumberedAsync(nextNumber, number =>
        {
            create(number);
            return Task.CompletedTask;
        }, HttpContext.RequestAborted, beforeRetry), duplicateField);

    /// <summary>Whether the save went through; if not, its refusal as a form error: a duplicate beside <paramref name="duplicateField"/>, anything else at the top.</summary>
    protected bool Saved(SaveResult result, string? duplicateField = null)
    {
        if (!result.Ok)
        {
            ModelState.AddModelError(result.Status == SaveStatus.Duplicate ? duplicateField ?? string.Empty : string.Empty, result.Message ?? "");
        }

        return result.Ok;
    }

    /// <summary>The same for a case opened or stepped through the case seam.</summary>
    protected bool Saved(StepResult result, string? duplicateField = null)
    {
        if (!result.Done)
        {
            ModelState.AddModelError(result.Status == StepStatus.Duplicate ? duplicateField ?? string.Empty : string.Empty, result.Message ?? "");
        }

        return result.Done;
    }

    /// <summary>What a case step ended with, as the page shows it: 404, 403, or the details page with its message.</summary>
    protected IActionResult Outcome(StepResult result, Func<StepResult, string> done, IActionResult back)
    {
        switch (result.Status)
        {
            case StepStatus.NotFound:
                return NotFound();
            case StepStatus.Forbidden:
                return Forbid();
            case StepStatus.Done:
                Flash(done(result));
                return back;
            default:
                FlashError(result.Message ?? "");
                return back;
        }
    }

    /// <summary>
    /// How an intake form's post ends: 404 for what the user may not see, the form again (<paramref name="formView"/>,
    /// null for the action's own view) with its messages beside the fields, or the new case's details page with
    /// <paramref name="accepted"/>'s message for its number.
    /// </summary>
    protected IActionResult Opened(IntakeResult result, string? formView, object form, Func<string, string>? accepted)
    {
        if (result.Step.Status == StepStatus.NotFound)
        {
            return NotFound();
        }

        foreach (var error in result.Errors)
        {
            ModelState.AddModelError(error.Field, error.Message);
        }

        if (!result.Opened)
        {
            return View(formView, form);
        }

        if (accepted is not null)
        {
            Flash(accepted(result.Step.Number!));
        }

        return RedirectToAction("Details", new { id = result.Step.CaseId });
    }

    /// <summary>A step on the case <paramref name="id"/> as the user posted it: the form's version, who, and what the form got wrong.</summary>
    protected StepRequest Step(Guid id, int version) =>
        new(id, version, CurrentActor, ModelState.IsValid ? null : ModelStateErrors());

    /// <summary>Whether the signed-in user meets <paramref name="policy"/> (for what a page offers beyond its own policy).</summary>
    protected async Task<bool> CanAsync(string policy) =>
        (await HttpContext.RequestServices.GetRequiredService<IAuthorizationService>().AuthorizeAsync(User, policy)).Succeeded;

    protected string DomainMessage(DomainException ex) => SavingFor(null).DomainMessage(ex);

    /// <summary>The request's <see cref="Saving"/>, over <paramref name="db"/> (the controller's own DbContext is the request's).</summary>
    private Saving SavingFor(PortalDbContext? db) =>
        db is null || ReferenceEquals(db, HttpContext.RequestServices.GetRequiredService<PortalDbContext>())
            ? HttpContext.RequestServices.GetRequiredService<Saving>()
            : new Saving(db, Shared, HttpContext.RequestServices.GetRequiredService<ILogger<Saving>>());

    /// <summary>
    /// For a date an action takes outside a form: false, with the field's message in ModelState, when it lies outside
    /// its window (<see cref="DateWindows"/>; the same message the forms' validators give).
    /// </summary>
    protected bool Within(DateOnly? day, Func<DateWindows, DateWindow> window, string field)
    {
        if (day is not { } d)
        {
            return true;
        }

        var range = window(HttpContext.RequestServices.GetRequiredService<DateWindows>());
        if (range.Contains(d))
        {
            return true;
        }

        ModelState.AddModelError(field, Shared["Validation.DateWindow", ViewHelpers.Date(range.From), ViewHelpers.Date(range.To)]);
        return false;
    }

    /// <summary>A China wall-clock time, judged by its day.</summary>
    protected bool Within(DateTime? local, Func<DateWindows, DateWindow> window, string field) =>
        Within(local is { } l ? DateOnly.FromDateTime(l) : null, window, field);
}
