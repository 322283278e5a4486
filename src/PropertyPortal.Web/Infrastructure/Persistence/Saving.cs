using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Common;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Infrastructure.Persistence;

public enum SaveStatus
{
    Saved,

    /// <summary>A broken business rule (<see cref="DomainException"/>).</summary>
    Refused,

    /// <summary>Someone else saved the record first (the form's version is stale).</summary>
    Conflict,

    /// <summary>A unique index said no (a duplicate, or a case number drawn at the same moment elsewhere).</summary>
    Duplicate,
}

/// <summary>How a save ended, with the message a user reads when it did not.</summary>
public sealed record SaveResult(SaveStatus Status, string? Message = null)
{
    public static readonly SaveResult Saved = new(SaveStatus.Saved);

    public bool Ok => Status == SaveStatus.Saved;
}

/// <summary>
/// Saving a change with the failures a user can cause — a stale form, a duplicate, a broken business
/// rule — turned into a <see cref="SaveResult"/> with a localized message instead of an exception. Nothing
/// is saved when any of them happens: the change tracker is cleared. The one place these outcomes are
/// decided, for controllers (<see cref="PortalController.TrySaveAsync(PortalDbContext, Action?, string?)"/>)
/// and feature services alike.
/// </summary>
public sealed class Saving(PortalDbContext db, IStringLocalizer<SharedResource> shared, ILogger<Saving>? logger = null)
{
    /// <summary>How often a clashing case number is drawn again: enough for a batch day's desks all saving at once.</summary>
    public const int NumberAttempts = 10;

    /// <summary>Runs <paramref name="change"/> (which may do its own I/O) and saves what it leaves pending.</summary>
    public async Task<SaveResult> TryAsync(Func<Task> change, CancellationToken ct)
    {
        SaveResult result;
        try
        {
            await change();
            await db.SaveChangesAsync(ct);
            return SaveResult.Saved;
        }
        catch (DomainException ex)
        {
            result = new(SaveStatus.Refused, DomainMessage(ex));
        }
        catch (DbUpdateConcurrencyException)
        {
            result = new(SaveStatus.Conflict, shared["Error.Concurrency"]);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            result = new(SaveStatus.Duplicate, shared["Error.Duplicate"]);
        }

        db.ChangeTracker.Clear();
        return result;
    }

    public Task<SaveResult> TryAsync(Action change, CancellationToken ct) =>
        TryAsync(() =>
        {
            change();
            return Task.CompletedTask;
        }, ct);

    /// <summary>
    /// Saves a new case under the next free number of its property (<paramref name="nextNumber"/>). Desks
    /// drawing the same number at the same moment: the later save hits the unique index and draws again
    /// after a short random pause, up to <see cref="NumberAttempts"/> times. Any other refusal is returned as it is.
    /// </summary>
    /// <param name="beforeRetry">Reloads what <paramref name="create"/> changes on an existing record: a failed save leaves it detached and already changed.</param>
    public async Task<SaveResult> TryNumberedAsync(Func<Task<string>> nextNumber, Func<string, Task> create, CancellationToken ct, Func<Task>? beforeRetry = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            var number = await nextNumber();
            var result = await TryAsync(() => create(number), ct);
            if (result.Status != SaveStatus.Duplicate || attempt == NumberAttempts - 1)
            {
                return result;
            }

            // An expected clash, not an error (EF's own Error line for it is lowered, ADR 0018).
            logger?.LogInformation("Case number {Number} was taken by another desk at the same moment; drawing the next one (attempt {Attempt} of {Attempts})",
                number, attempt + 2, NumberAttempts);

            // Desks that clashed draw again at slightly different moments, not in lockstep.
            await Task.Delay(Random.Shared.Next(5, 25) * (attempt + 1), ct);
            if (beforeRetry is not null)
            {
                await beforeRetry();
            }
        }
    }

    /// <summary>The user's message for a broken rule: resource <c>Domain.{Code}</c>, or a generic one.</summary>
    public string DomainMessage(DomainException ex)
    {
        var text = shared["Domain." + ex.Code];
        return text.ResourceNotFound ? shared["Domain.Unknown"] : text;
    }
}
