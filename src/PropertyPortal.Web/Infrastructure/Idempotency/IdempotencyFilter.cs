using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Infrastructure.Idempotency;

/// <summary>
/// On a POST action whose form must take effect once (money, case creation): a repeated submit of
/// the same form — a double click, a retry after a timeout, the same form arriving at another
/// instance — gets the first submit's answer instead of doing it again. The form's one-time key is
/// written by <see cref="IdempotencyKeyTagHelper"/>; the work is done by <see cref="IdempotencyFilter"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class IdempotentAttribute : Attribute, IFilterFactory, IOrderedFilter
{
    public bool IsReusable => true;

    /// <summary>Before other resource filters: the whole of the action, model binding and result run inside the key's transaction.</summary>
    public int Order => -1000;

    public IFilterMetadata CreateInstance(IServiceProvider serviceProvider) => serviceProvider.GetRequiredService<IdempotencyFilter>();
}

/// <summary><c>Idempotency:KeyHours</c> (24): how long a form's answer is kept for a repeated submit.</summary>
public sealed record IdempotencySettings(TimeSpan KeyLifetime)
{
    public static IdempotencySettings From(IConfiguration configuration) =>
        new(TimeSpan.FromHours(Math.Max(0.01, configuration.GetValue("Idempotency:KeyHours", 24.0))));
}

/// <summary>
/// Runs an <see cref="IdempotentAttribute"/> action in one transaction that begins by inserting the
/// form's key (user, key). The first submit holds the key's row until it commits — together with
/// everything the action saved and the redirect it answered — so a second submit of the same key
/// waits at that insert (PostgreSQL: the unique index; SQLite: the write lock) and then finds the
/// row and answers with the same redirect; a submit after the first one finished finds it at once.
/// An answer that is not a redirect (the form again, with a message) keeps no key, so the corrected
/// form can be sent again. An exception rolls everything back, key included: nothing half-saved,
/// and the clerk's retry runs afresh. Outside a transaction reads and saves are retried by the
/// execution strategy; inside this one a transient failure cannot be retried (the action has run),
/// so it becomes the "please retry" page and the clerk's resubmit — same key — is safe.
/// </summary>
public sealed class IdempotencyFilter(IdempotencySettings settings, TimeProvider time, ILogger<IdempotencyFilter> logger) : IAsyncResourceFilter
{
    /// <summary>The hidden field that carries the key.</summary>
    public const string FieldName = "__IdempotencyKey";

    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        var http = context.HttpContext;
        var userId = http.User.FindFirstValue(ClaimTypes.NameIdentifier);
        var key = http.Request.HasFormContentType ? (await http.Request.ReadFormAsync(http.RequestAborted))[FieldName].ToString() : "";
        if (userId is null || !Guid.TryParseExact(key, "N", out _))
        {
            // A form without a key (a page from before this version, a script) is served as it always was.
            await next();
            return;
        }

        var db = http.RequestServices.GetRequiredService<PortalDbContext>();
        var path = http.Request.Path.Value ?? "";
        var earlier = await FindAsync(db, userId, key, http.RequestAborted);
        if (earlier is not null)
        {
            Repeat(context, earlier, path);
            return;
        }

        var taken = await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var now = time.GetUtcNow().UtcDateTime;
            await db.IdempotencyKeys.Where(k => k.UserId == userId && k.Key == key && k.ExpiresAt <= now).ExecuteDeleteAsync(ct);
            db.IdempotencyKeys.Add(new IdempotencyKey { UserId = userId, Key = key, Path = path, CreatedAt = now, ExpiresAt = now + settings.KeyLifetime });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException ex) when (ex.IsUniqueViolation())
            {
                // The same form is being (or has been) handled by another request, which has now committed.
                await tx.RollbackAsync(CancellationToken.None);
                db.ChangeTracker.Clear();
                return true;
            }

            db.ChangeTracker.Clear();
            var executed = await next();
            try
            {
                if (executed.Exception is not null && !executed.ExceptionHandled)
                {
                    // MVC rethrows it after the filters: the error page (or "please retry" for a transient failure).
                    await RollbackQuietlyAsync(tx);
                    return false;
                }

                var location = http.Response.StatusCode is >= 300 and < 400 ? http.Response.Headers.Location.ToString() : "";
                var mine = db.IdempotencyKeys.Where(k => k.UserId == userId && k.Key == key);
                if (location.Length > 0)
                {
                    await mine.ExecuteUpdateAsync(s => s.SetProperty(k => k.Location, location), CancellationToken.None);
                }
                else
                {
                    await mine.ExecuteDeleteAsync(CancellationToken.None);
                }

                // Not the request's token: a clerk who closes the tab must not undo a payment that is done.
                await tx.CommitAsync(CancellationToken.None);
                return false;
            }
            catch (Exception ex) when (TransientFailures.IsTransient(ex))
            {
                // The action has run and cannot run again inside this request: "please retry". Had the commit
                // in fact gone through, the key went with it and the resubmit gets the first answer; if not, it runs afresh.
                throw new DatabaseUnavailableException(ex);
            }
        }, http.RequestAborted);

        if (taken)
        {
            logger.LogInformation("Form {Path} was submitted again (key {Key}) while its first submit was running; answering with the first result", path, key);
            if (await FindAsync(db, userId, key, http.RequestAborted) is { } first)
            {
                Repeat(context, first, path);
            }
            else
            {
                // The other request gave up its key (it answered with the form again): nothing to repeat, try afresh.
                context.Result = new StatusCodeResult(StatusCodes.Status409Conflict);
            }
        }
    }

    /// <summary>A rollback on a connection the failure has already broken fails too; the server has rolled back anyway.</summary>
    private static async Task RollbackQuietlyAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction tx)
    {
        try
        {
            await tx.RollbackAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Nothing to add to the failure being reported.
        }
    }

    private static Task<IdempotencyKey?> FindAsync(PortalDbContext db, string userId, string key, CancellationToken ct)
    {
        return db.IdempotencyKeys.AsNoTracking().FirstOrDefaultAsync(k => k.UserId == userId && k.Key == key && k.Location != null, ct);
    }

    private void Repeat(ResourceExecutingContext context, IdempotencyKey first, string path)
    {
        if (!string.Equals(first.Path, path, StringComparison.OrdinalIgnoreCase))
        {
            // One key, two forms: not a repeat, and not something to run either.
            context.Result = new StatusCodeResult(StatusCodes.Status400BadRequest);
            return;
        }

        var http = context.HttpContext;
        var t = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        var tempData = http.RequestServices.GetRequiredService<ITempDataDictionaryFactory>().GetTempData(http);
        tempData[PortalController.FlashKey] = t["Idempotency.Repeated"].Value;
        logger.LogInformation("Form {Path} submitted again: answered with its first result {Location}", path, first.Location);
        context.Result = new RedirectResult(first.Location!);
    }
}

/// <summary>A transient database failure that can no longer be retried inside the request; answered with the 503 "please retry" page.</summary>
public sealed class DatabaseUnavailableException(Exception inner) : Exception("The database failed transiently after the form's work had started; the user is asked to retry.", inner);
