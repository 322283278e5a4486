using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Common;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Infrastructure.Mvc;

/// <summary>
/// Base of the portal's controllers: saving a form with the failures a user can cause — a stale
/// form (someone else saved first), a duplicate, a broken business rule — turned into a message in
/// the form instead of an error page. Nothing is saved when any of them happens.
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
    protected async Task<bool> TrySaveAsync(PortalDbContext db, Func<Task> change, string? duplicateField = null)
    {
        try
        {
            await change();
            await db.SaveChangesAsync(HttpContext.RequestAborted);
            return true;
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(string.Empty, DomainMessage(ex));
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, Shared["Error.Concurrency"]);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            ModelState.AddModelError(duplicateField ?? string.Empty, Shared["Error.Duplicate"]);
        }

        db.ChangeTracker.Clear();
        return false;
    }

    /// <summary>How often a clashing case number is drawn again: enough for a batch day's desks all saving at once.</summary>
    private const int NumberAttempts = 10;

    /// <summary>
    /// Saves a new case under the next free number of its property (<paramref name="nextNumber"/>). Desks
    /// drawing the same number at the same moment: the later save hits the unique index and draws again
    /// after a short random pause, up to <see cref="NumberAttempts"/> times. Any other refusal stays in
    /// ModelState, as <see cref="TrySaveAsync"/> leaves it.
    /// </summary>
    /// <param name="beforeRetry">Reloads what <paramref name="create"/> changes on an existing record: a failed save leaves it detached and already changed.</param>
    protected async Task<bool> TrySaveNumberedAsync(PortalDbContext db, Func<Task<string>> nextNumber, Action<string> create, string? duplicateField = null,
        Func<Task>? beforeRetry = null)
    {
        var key = duplicateField ?? string.Empty;
        for (var attempt = 0; attempt < NumberAttempts; attempt++)
        {
            var number = await nextNumber();
            if (await TrySaveAsync(db, () => create(number), duplicateField))
            {
                return true;
            }

            var clash = ModelState.TryGetValue(key, out var entry) && entry.Errors.Any(e => e.ErrorMessage == Shared["Error.Duplicate"].Value);
            if (!clash || attempt == NumberAttempts - 1)
            {
                return false;
            }

            ModelState.Remove(key);

            // Desks that clashed draw again at slightly different moments, not in lockstep.
            await Task.Delay(Random.Shared.Next(5, 25) * (attempt + 1), HttpContext.RequestAborted);
            if (beforeRetry is not null)
            {
                await beforeRetry();
            }
        }

        return false;
    }

    /// <summary>Whether the signed-in user meets <paramref name="policy"/> (for what a page offers beyond its own policy).</summary>
    protected async Task<bool> CanAsync(string policy) =>
        (await HttpContext.RequestServices.GetRequiredService<IAuthorizationService>().AuthorizeAsync(User, policy)).Succeeded;

    protected string DomainMessage(DomainException ex)
    {
        var text = Shared["Domain." + ex.Code];
        return text.ResourceNotFound ? Shared["Domain.Unknown"] : text;
    }

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
