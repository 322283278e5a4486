using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace PropertyPortal.Web.Infrastructure.Persistence;

/// <summary>
/// The one way the portal opens an explicit transaction. With the retrying execution strategy
/// (PostgreSQL) EF refuses a transaction begun outside the strategy, because a failure halfway could
/// not be retried; here the whole operation is the unit the strategy retries — a fresh attempt starts
/// with an empty change tracker, so <paramref name="operation"/> must load what it changes itself.
/// Inside a transaction already open (a one-time-key form, ADR 0018) the operation runs under a
/// savepoint instead: its failure undoes its own writes (a receipt number drawn, say) and leaves the
/// outer transaction usable, which on PostgreSQL an error otherwise would not.
/// </summary>
public static class PortalTransactions
{
    public static Task<T> InTransactionAsync<T>(this PortalDbContext db, Func<CancellationToken, Task<T>> operation, CancellationToken ct) =>
        db.InTransactionAsync(operation, static _ => true, ct);

    /// <param name="commit">Whether the outcome is kept; a refusal (false) rolls back what the operation wrote.</param>
    public static async Task<T> InTransactionAsync<T>(this PortalDbContext db, Func<CancellationToken, Task<T>> operation, Func<T, bool> commit, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is { } outer)
        {
            var savepoint = "portal_" + Guid.NewGuid().ToString("N")[..12];
            await outer.CreateSavepointAsync(savepoint, ct);
            T result;
            try
            {
                result = await operation(ct);
            }
            catch
            {
                await RollbackToQuietlyAsync(outer, savepoint);
                throw;
            }

            if (commit(result))
            {
                await outer.ReleaseSavepointAsync(savepoint, ct);
            }
            else
            {
                await outer.RollbackToSavepointAsync(savepoint, ct);
            }

            return result;
        }

        var attempt = 0;
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            if (attempt++ > 0)
            {
                db.ChangeTracker.Clear();
            }

            await using var tx = await db.Database.BeginTransactionAsync(token);
            var result = await operation(token);
            if (commit(result))
            {
                await tx.CommitAsync(token);
            }
            else
            {
                await tx.RollbackAsync(token);
            }

            return result;
        }, ct);
    }

    private static async Task RollbackToQuietlyAsync(IDbContextTransaction tx, string savepoint)
    {
        try
        {
            await tx.RollbackToSavepointAsync(savepoint, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The connection the failure broke cannot roll back either; the caller reports the failure.
        }
    }
}
