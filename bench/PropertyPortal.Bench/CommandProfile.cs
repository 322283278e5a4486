using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PropertyPortal.Bench;

/// <summary>
/// Where a step's time goes, without touching the portal: listens to EF Core's diagnostic events (every
/// context in the process, the portal's included) and sums
/// - per statement kind and table, the time from a command's start to the end of its execution, or for
///   a reader to its disposal (so reading the rows is included), and the commits;
/// - per SaveChanges, its whole time and the part in its statements and commit, filed under the table
///   of its first INSERT (so a run's charge batches and its notice batches are told apart).
/// </summary>
internal sealed partial class CommandProfile : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private static readonly HashSet<string> Events =
    [
        RelationalEventId.CommandExecuting.Name!,
        RelationalEventId.CommandExecuted.Name!,
        RelationalEventId.CommandError.Name!,
        RelationalEventId.DataReaderDisposing.Name!,
        RelationalEventId.TransactionCommitted.Name!,
        CoreEventId.SaveChangesStarting.Name!,
        CoreEventId.SaveChangesCompleted.Name!,
        CoreEventId.SaveChangesFailed.Name!,
    ];

    private readonly ConcurrentDictionary<string, Total> _statements = new();
    private readonly ConcurrentDictionary<string, Total> _saves = new();
    private readonly ConcurrentDictionary<Guid, long> _started = new();
    private readonly ConcurrentDictionary<DbContext, Save> _saving = new();
    private readonly List<IDisposable> _subscriptions = [];
    private readonly IDisposable _all;

    public CommandProfile() => _all = DiagnosticListener.AllListeners.Subscribe(this);

    /// <summary>The sums since the last call, largest first; starts new ones.</summary>
    public Profile Take()
    {
        var statements = _statements.Select(t => new StatementTime(t.Key, t.Value.Count, t.Value.Rows, Ms(t.Value.Ticks)))
            .OrderByDescending(t => t.Ms).ToList();
        var saves = _saves.Select(t => new SaveTime(t.Key, t.Value.Count, Ms(t.Value.Ticks), Ms(t.Value.InnerTicks)))
            .OrderByDescending(t => t.Ms).ToList();
        _statements.Clear();
        _saves.Clear();
        return new Profile(statements, saves);
    }

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
        {
            lock (_subscriptions)
            {
                _subscriptions.Add(listener.Subscribe(this, name => Events.Contains(name)));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        switch (value.Value)
        {
            case DataReaderDisposingEventData r:
                Ended(r.Context, r.CommandId, r.Command.CommandText, r.ReadCount);
                break;
            case CommandExecutedEventData c when c.ExecuteMethod != DbCommandMethod.ExecuteReader:
                Ended(c.Context, c.CommandId, c.Command.CommandText, 0);
                break;
            case CommandErrorEventData e:
                Ended(e.Context, e.CommandId, "failed: " + e.Command.CommandText, 0);
                break;
            case CommandEventData c when value.Key == RelationalEventId.CommandExecuting.Name:
                _started[c.CommandId] = Stopwatch.GetTimestamp();
                break;
            case TransactionEndEventData t:
                Add(_statements, "COMMIT", t.Duration.Ticks, 0, 0);
                if (t.Context is { } committing && _saving.TryGetValue(committing, out var inSave))
                {
                    inSave.InnerTicks += t.Duration.Ticks;
                }

                break;
            case DbContextEventData d when value.Key == CoreEventId.SaveChangesStarting.Name && d.Context is { } context:
                _saving[context] = new Save(Stopwatch.GetTimestamp());
                break;
            case DbContextEventData d when (value.Key == CoreEventId.SaveChangesCompleted.Name || value.Key == CoreEventId.SaveChangesFailed.Name)
                                           && d.Context is { } context && _saving.TryRemove(context, out var save):
                Add(_saves, save.Table ?? "no INSERT", Stopwatch.GetElapsedTime(save.Started).Ticks, 0, save.InnerTicks);
                break;
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        _all.Dispose();
        lock (_subscriptions)
        {
            _subscriptions.ForEach(s => s.Dispose());
        }
    }

    private static double Ms(long ticks) => ticks / (double)TimeSpan.TicksPerMillisecond;

    private void Ended(DbContext? context, Guid commandId, string sql, long rows)
    {
        if (!_started.TryRemove(commandId, out var started))
        {
            return;
        }

        var elapsed = Stopwatch.GetElapsedTime(started).Ticks;
        var kind = Kind(sql);
        Add(_statements, kind, elapsed, rows, 0);
        if (context is not null && _saving.TryGetValue(context, out var save))
        {
            save.InnerTicks += elapsed;
            if (save.Table is null && kind.StartsWith("INSERT ", StringComparison.Ordinal))
            {
                save.Table = kind;
            }
        }
    }

    private static void Add(ConcurrentDictionary<string, Total> totals, string kind, long ticks, long rows, long innerTicks) =>
        totals.AddOrUpdate(kind, _ => new Total(1, rows, ticks, innerTicks),
            (_, t) => new Total(t.Count + 1, t.Rows + rows, t.Ticks + ticks, t.InnerTicks + innerTicks));

    /// <summary>"INSERT PaymentNotices", "SELECT Charges" (the first table after FROM), "UPDATE BillingRuns".</summary>
    private static string Kind(string sql)
    {
        var failed = sql.StartsWith("failed: ", StringComparison.Ordinal);
        var text = (failed ? sql["failed: ".Length..] : sql).TrimStart();
        var verb = text.Split(' ', 2)[0].ToUpperInvariant();
        var table = verb switch
        {
            "INSERT" or "UPDATE" or "DELETE" => TablePattern().Match(text) is { Success: true } m ? m.Groups[1].Value : "?",
            _ => FromPattern().Match(text) is { Success: true } m ? m.Groups[1].Value : "?",
        };
        return $"{(failed ? "failed " : "")}{verb} {table}";
    }

    [GeneratedRegex("\"([A-Za-z]+)\"")]
    private static partial Regex TablePattern();

    [GeneratedRegex("FROM \"([A-Za-z]+)\"")]
    private static partial Regex FromPattern();

    private readonly record struct Total(int Count, long Rows, long Ticks, long InnerTicks);

    /// <summary>A SaveChanges under way on one context (a context saves one thing at a time).</summary>
    private sealed class Save(long started)
    {
        public long Started { get; } = started;
        public string? Table { get; set; }
        public long InnerTicks { get; set; }
    }
}

internal sealed record StatementTime(string Statement, int Commands, long Rows, double Ms);

/// <summary>SaveChanges calls whose first INSERT went to <see cref="Table"/>: their whole time and the part in their statements and commits.</summary>
internal sealed record SaveTime(string Table, int Calls, double Ms, double StatementsMs);

internal sealed record Profile(IReadOnlyList<StatementTime> Statements, IReadOnlyList<SaveTime> Saves);
