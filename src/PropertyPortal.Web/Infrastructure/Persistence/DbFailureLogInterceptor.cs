using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using PropertyPortal.Domain.Complaints;
using PropertyPortal.Domain.Fees;
using PropertyPortal.Domain.MoveInOut;
using PropertyPortal.Domain.Notifications;
using PropertyPortal.Domain.Renovations;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Infrastructure.Idempotency;

namespace PropertyPortal.Web.Infrastructure.Persistence;

/// <summary>
/// The unique indexes that two desks or two instances are expected to hit at the same moment, and
/// whose violation the code catches and answers (draw the next case number, reload the clock, reuse
/// the other instance's billing run …). The catching code logs the clash at Information with the case;
/// EF's own error for it would only be noise.
/// </summary>
public static class ExpectedClashes
{
    /// <summary>(entity, the index's properties); a primary key is named by its key properties.</summary>
    public static readonly IReadOnlyList<(Type Entity, string[] Properties)> Indexes =
    [
        (typeof(RepairOrder), [nameof(RepairOrder.PropertyId), nameof(RepairOrder.Number)]),
        (typeof(Complaint), [nameof(Complaint.PropertyId), nameof(Complaint.Number)]),
        (typeof(Renovation), [nameof(Renovation.PropertyId), nameof(Renovation.Number)]),
        (typeof(MoveIn), [nameof(MoveIn.PropertyId), nameof(MoveIn.Number)]),
        (typeof(MoveOut), [nameof(MoveOut.PropertyId), nameof(MoveOut.Number)]),
        (typeof(SlaEvent), [nameof(SlaEvent.ClockId), nameof(SlaEvent.Kind)]),
        (typeof(OutboxMessage), [nameof(OutboxMessage.DedupKey)]),
        (typeof(Notification), [nameof(Notification.OutboxMessageId)]),
        (typeof(BillingRun), [nameof(BillingRun.PropertyId), nameof(BillingRun.Period)]),
        (typeof(ReceiptSequence), [nameof(ReceiptSequence.PropertyId)]),
        (typeof(IdempotencyKey), [nameof(IdempotencyKey.UserId), nameof(IdempotencyKey.Key)]),
        (typeof(Features.Fees.PaymentMonthTotal), [nameof(Features.Fees.PaymentMonthTotal.PropertyId), nameof(Features.Fees.PaymentMonthTotal.PaidMonth),
            nameof(Features.Fees.PaymentMonthTotal.Period), nameof(Features.Fees.PaymentMonthTotal.DueDate), nameof(Features.Fees.PaymentMonthTotal.BilledAt)]),
    ];

    private static readonly ConcurrentDictionary<IModel, Names> ByModel = new();

    /// <summary>Whether <paramref name="exception"/> is a unique violation of one of <see cref="Indexes"/>.</summary>
    public static bool IsExpected(IModel model, Exception? exception)
    {
        var names = ByModel.GetOrAdd(model, Resolve);
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } p:
                    return p.ConstraintName is { } constraint && names.Postgres.Contains(constraint);
                case SqliteException { SqliteErrorCode: 19 } s:
                    // "SQLite Error 19: 'UNIQUE constraint failed: RepairOrders.PropertyId, RepairOrders.Number'."
                    var at = s.Message.IndexOf("constraint failed: ", StringComparison.Ordinal);
                    return at >= 0 && names.Sqlite.Contains(s.Message[(at + "constraint failed: ".Length)..].TrimEnd('.', '\''));
            }
        }

        return false;
    }

    private sealed record Names(HashSet<string> Postgres, HashSet<string> Sqlite);

    /// <summary>
    /// The index names as PostgreSQL reports them and the column lists as SQLite reports them, read
    /// from the model — a renamed index or property cannot silently stop matching (a test checks every entry resolves).
    /// </summary>
    public static IReadOnlyList<(string Postgres, string Sqlite)> Resolve(IReadOnlyModel model, bool throwIfMissing)
    {
        var result = new List<(string, string)>();
        foreach (var (type, properties) in Indexes)
        {
            var entity = model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model.");
            var key = entity.FindPrimaryKey() is { } pk && pk.Properties.Select(p => p.Name).SequenceEqual(properties) ? pk : null;
            var index = entity.GetIndexes().FirstOrDefault(i => i.IsUnique && i.Properties.Select(p => p.Name).SequenceEqual(properties));
            if (key is null && index is null)
            {
                if (throwIfMissing)
                {
                    throw new InvalidOperationException($"{type.Name} has no unique index on ({string.Join(", ", properties)}).");
                }

                continue;
            }

            var table = entity.GetTableName()!;
            var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
            var columns = (key?.Properties ?? index!.Properties).Select(p => $"{table}.{p.GetColumnName(store)}");
            result.Add((key is not null ? key.GetName()! : index!.GetDatabaseName()!, string.Join(", ", columns)));
        }

        return result;
    }

    private static Names Resolve(IModel model)
    {
        var all = Resolve(model, throwIfMissing: false);
        return new Names(all.Select(n => n.Postgres).ToHashSet(StringComparer.Ordinal), all.Select(n => n.Sqlite).ToHashSet(StringComparer.Ordinal));
    }
}

/// <summary>
/// Logs a database failure at the level it deserves, once, without burying the real errors: an
/// expected clash (<see cref="ExpectedClashes"/>) at Debug — the code that catches it logs it at
/// Information with the case; a transient failure (connection killed, too many clients) at Warning
/// with its SQLSTATE, no stack trace, as the retrying strategy or the "please retry" page handles it;
/// a refused optimistic-concurrency save at Information; anything else at Error with the exception,
/// as EF would. EF's own SaveChangesFailed and ConnectionError events are lowered to Debug (PersistenceSetup).
/// </summary>
public sealed class DbFailureLogInterceptor(ILogger<DbFailureLogInterceptor> logger) : IDbCommandInterceptor, IDbConnectionInterceptor, ISaveChangesInterceptor
{
    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => CommandFailed(eventData);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        CommandFailed(eventData);
        return Task.CompletedTask;
    }

    /// <summary>Only the transient ones: every other command failure surfaces as a failed save (below), a failed query or an unhandled exception.</summary>
    private void CommandFailed(CommandErrorEventData eventData)
    {
        if (TransientFailures.IsTransient(eventData.Exception))
        {
            logger.LogWarning("Transient database failure {Code} running a command ({Source}): {Message}",
                TransientFailures.Code(eventData.Exception), eventData.CommandSource, eventData.Exception.GetBaseException().Message);
        }
    }

    public void ConnectionFailed(DbConnection connection, ConnectionErrorEventData eventData) => ConnectionFailed(eventData);

    public Task ConnectionFailedAsync(DbConnection connection, ConnectionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ConnectionFailed(eventData);
        return Task.CompletedTask;
    }

    private void ConnectionFailed(ConnectionErrorEventData eventData)
    {
        // EF asks whether a SQLite file exists by opening it read-only; on a first start it does not, as expected.
        if (eventData.Exception is SqliteException { SqliteErrorCode: 14 }
            && new SqliteConnectionStringBuilder(eventData.Connection.ConnectionString).Mode == SqliteOpenMode.ReadOnly)
        {
            logger.LogDebug("No SQLite database at {DataSource} yet", eventData.Connection.DataSource);
            return;
        }

        if (TransientFailures.IsTransient(eventData.Exception))
        {
            logger.LogWarning("Transient database failure {Code} opening a connection to {Database}: {Message}",
                TransientFailures.Code(eventData.Exception), eventData.Connection.Database, eventData.Exception.GetBaseException().Message);
        }
        else
        {
            logger.LogError(eventData.Exception, "Opening a connection to {Database} failed", eventData.Connection.Database);
        }
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => SaveFailed(eventData);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveFailed(eventData);
        return Task.CompletedTask;
    }

    private void SaveFailed(DbContextErrorEventData eventData)
    {
        var exception = eventData.Exception;
        if (eventData.Context is { } context && ExpectedClashes.IsExpected(context.Model, exception))
        {
            logger.LogDebug("Expected clash saving changes: {Message}", exception.GetBaseException().Message);
        }
        else if (TransientFailures.IsTransient(exception))
        {
            // The failed command was logged as a Warning already.
            logger.LogDebug("Saving changes failed transiently: {Message}", exception.GetBaseException().Message);
        }
        else if (exception is DbUpdateConcurrencyException concurrency)
        {
            logger.LogInformation("Save refused: {Entities} changed since it was read (optimistic concurrency)",
                string.Join(", ", concurrency.Entries.Select(e => e.Metadata.ClrType.Name).Distinct()));
        }
        else
        {
            logger.LogError(exception, "An exception occurred in the database while saving changes for context type '{ContextType}'",
                eventData.Context?.GetType().FullName);
        }
    }
}
