using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.Board;

/// <summary>An open clock as a queue shows it: which case, which milestone, due when, whose.</summary>
public sealed record QueueItem(
    Guid ClockId, SlaSubject Subject, Guid SubjectId, string Number, string PropertyName, SlaMilestone Milestone,
    DateTime DueAt, SlaClockState State, int Stage, string? AssigneeName, string Link);

/// <summary>
/// One section of a queue screen: cases with a clock of <see cref="State"/> due in [<see cref="DueFrom"/>, <see cref="DueBefore"/>),
/// soonest first, each once, at most <see cref="Take"/>. A case whose first clock is due before <see cref="DueFrom"/> belongs to the
/// earlier section (overdue), so it is not repeated. The clocks are the assignee's own when one is given, else all of the property's
/// (or of the user's properties).
/// </summary>
public sealed record QueueWindow(SlaClockState State, DateTime? DueFrom, DateTime? DueBefore, SlaSubject? Subject = null, int Take = WorkQueue.ScreenRows);

/// <summary>
/// One case in a queue: its next due milestone (<see cref="Next"/>), the case's other open milestones of the
/// same queue in due order (<see cref="Others"/>, shown on expand) and what the case is about.
/// </summary>
public sealed record QueueRow(QueueItem Next, IReadOnlyList<QueueItem> Others, CaseSummary Case)
{
    /// <summary>The first milestone is overdue: the row is red.</summary>
    public bool Overdue(DateTime now) => Next.State == SlaClockState.Running && Next.DueAt < now;
}

/// <summary>The queue's words for a case: its number, the unit (or the place), the household, the problem.</summary>
public sealed record CaseSummary(string Number, string? Unit, string? Household, string? Problem)
{
    /// <summary>How much of the problem a row shows; the whole text is the cell's title.</summary>
    public const int BriefLength = 20;

    /// <summary>The problem in a few words: one line, at most <see cref="BriefLength"/> characters (…).</summary>
    public string? Brief => Shorten(Problem);

    /// <summary>Any problem text as a row shows it: one line, at most <see cref="BriefLength"/> characters (…).</summary>
    public static string? Shorten(string? text) => text is null ? null : Shorten(text, BriefLength);

    private static string Shorten(string text, int max)
    {
        var line = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var info = new System.Globalization.StringInfo(line);
        return info.LengthInTextElements <= max ? line : info.SubstringByTextElements(0, max) + "…";
    }
}

/// <summary>
/// Reads open clocks for the front-desk queue and the supervisor's board, one row per case. Every read is
/// one indexed range — (PropertyId|AssigneeId, State, DueAt) — limited to what a screen shows, fetched with
/// the queue's other clocks of the same cases in the same statement; then the cases' numbers, units,
/// households and problems, one query per kind of case. Its cost does not grow with the number of open orders.
/// </summary>
public sealed class WorkQueue(PortalDbContext db, IStringLocalizer<SharedResource> shared)
{
    public const int ScreenRows = 50;

    /// <summary>
    /// Clocks read to find a screen of cases: a case rarely has more than this many open at once (a complaint
    /// has at most five), so <c>take × ClocksPerCase</c> clocks due first name at least <c>take</c> cases in practice.
    /// </summary>
    public const int ClocksPerCase = 5;

    /// <summary>How many cases a running section (<see cref="ScreenAsync"/>) due in the window would list with no limit.</summary>
    public Task<int> CountRunningAsync(Guid? propertyId, DateTime? dueFrom, DateTime? dueBefore, CancellationToken ct) =>
        Window(Clocks(SlaClockState.Running, propertyId, null, null), dueFrom, dueBefore).Select(c => c.SubjectId).Distinct().CountAsync(ct);

    /// <summary>Rows for clocks already read (a list of one milestone's clocks): one row per case, in due order.</summary>
    public async Task<IReadOnlyList<QueueRow>> RowsAsync(IReadOnlyList<SlaClock> clocks, CancellationToken ct) =>
        (await RowsAsync([clocks], ct))[0];

    /// <summary>
    /// Rows for several lists of clocks (the sections of one screen) with one look-up of their cases, properties and
    /// assignees for all of them — a screen's statements do not grow with its sections.
    /// </summary>
    private async Task<IReadOnlyList<IReadOnlyList<QueueRow>>> RowsAsync(IReadOnlyList<IReadOnlyList<SlaClock>> lists, CancellationToken ct)
    {
        var all = lists.SelectMany(l => l).DistinctBy(c => c.Id).ToList();
        if (all.Count == 0)
        {
            return [.. lists.Select(_ => (IReadOnlyList<QueueRow>)[])];
        }

        var summaries = await CaseSummaries.ForAsync(db, shared, all, ct);
        var items = (await DescribeAsync(all, summaries.ToDictionary(s => s.Key, s => s.Value.Number), ct)).ToDictionary(i => i.ClockId);
        return [.. lists.Select(l => (IReadOnlyList<QueueRow>)l
            .Select(c => items[c.Id])
            .GroupBy(i => i.SubjectId)
            .Select(g =>
            {
                var ordered = g.OrderBy(i => i.DueAt).ThenBy(i => i.Milestone).ToList();
                return new QueueRow(ordered[0], ordered.Skip(1).ToList(), summaries.GetValueOrDefault(g.Key) ?? new CaseSummary(ordered[0].Number, null, null, null));
            })
            .OrderBy(r => r.Next.DueAt).ThenBy(r => r.Next.Number, StringComparer.Ordinal)
            .ToList())];
    }

    /// <summary>Names and links for a set of clocks (used for SLA events too).</summary>
    public async Task<IReadOnlyList<QueueItem>> DescribeAsync(IReadOnlyList<SlaClock> clocks, CancellationToken ct) =>
        clocks.Count == 0 ? [] : await DescribeAsync(clocks, await SlaSubjects.NumbersAsync(db, clocks, allProperties: false, ct), ct);

    private async Task<IReadOnlyList<QueueItem>> DescribeAsync(IReadOnlyList<SlaClock> clocks, Dictionary<Guid, string> numbers, CancellationToken ct)
    {
        // Names from the instance's cache (no statement on most pages); the clocks were read through the property filters.
        var properties = await db.PropertyNamesByIdAsync(ct);
        var users = clocks.Any(c => c.AssigneeId is not null) ? await db.UserNamesAsync(ct) : new Dictionary<string, string>();
        return clocks.Select(c => new QueueItem(
                c.Id, c.Subject, c.SubjectId, numbers.GetValueOrDefault(c.SubjectId, "?"), properties.GetValueOrDefault(c.PropertyId, ""),
                c.Milestone, c.DueAt, c.State, c.Stage, c.AssigneeId is { } a ? users.GetValueOrDefault(a) : null,
                SlaSubjects.Link(c.Subject, c.SubjectId) ?? ""))
            .ToList();
    }

    /// <summary>
    /// The sections of one screen (the desk's overdue, due-soon and callbacks; the board's overdue, due-soon and paused):
    /// one statement reads the clocks of every section's first cases, then one look-up of the cases behind all of them
    /// (<see cref="RowsAsync(IReadOnlyList{IReadOnlyList{SlaClock}}, CancellationToken)"/>).
    /// </summary>
    public async Task<IReadOnlyList<IReadOnlyList<QueueRow>>> ScreenAsync(Guid? propertyId, string? assigneeId, IReadOnlyList<QueueWindow> windows, CancellationToken ct)
    {
        // The cases of the first clocks of each window (an index range each, limited), as one set: UNION ALL of the windows.
        IQueryable<Guid>? firsts = null;
        foreach (var w in windows)
        {
            var first = Window(Clocks(w.State, propertyId, assigneeId, w.Subject), w.DueFrom, w.DueBefore)
                .OrderBy(c => c.DueAt).Select(c => c.SubjectId).Take(w.Take * ClocksPerCase);
            firsts = firsts is null ? first : firsts.Concat(first);
        }

        // Every clock those cases have, looked up by case (a handful each). The queues' filters stay out of this lookup on
        // purpose: given them, SQLite walks the assignee's whole (State, DueAt) range instead (20 ms against 1 ms for a
        // clerk with 30,000 running clocks).
        var read = firsts is null ? [] : await db.SlaClocks.AsNoTracking().Where(c => firsts.Contains(c.SubjectId)).ToListAsync(ct);
        var lists = windows.Select(w => (IReadOnlyList<SlaClock>)Section(read, w, propertyId, assigneeId)).ToList();
        var rows = await RowsAsync(lists, ct);
        return [.. rows.Select((r, i) => r.Count > windows[i].Take ? r.Take(windows[i].Take).ToList() : r)];
    }

    /// <summary>
    /// One window's clocks out of the clocks read for the whole screen, as its own statement would have read them: the queue's
    /// clocks (state, subject, assignee, property) of the cases of its first <c>Take × ClocksPerCase</c> clocks due in the window
    /// — those cases' whole clock sets were read, so the first clocks found here are the database's first clocks.
    /// </summary>
    private static List<SlaClock> Section(List<SlaClock> read, QueueWindow w, Guid? propertyId, string? assigneeId)
    {
        var queue = read.Where(c => c.State == w.State && (w.Subject is null || c.Subject == w.Subject) && (assigneeId is null || c.AssigneeId == assigneeId)
                                    && (propertyId is null || c.PropertyId == propertyId)).ToList();
        var earlier = w.DueFrom is { } from ? queue.Where(c => c.DueAt < from).Select(c => c.SubjectId).ToHashSet() : [];
        var cases = queue
            .Where(c => (w.DueFrom is null || c.DueAt >= w.DueFrom) && (w.DueBefore is null || c.DueAt < w.DueBefore) && !earlier.Contains(c.SubjectId))
            .OrderBy(c => c.DueAt).Take(w.Take * ClocksPerCase).Select(c => c.SubjectId).ToHashSet();
        return queue.Where(c => cases.Contains(c.SubjectId)).ToList();
    }

    /// <summary>The clocks one queue is made of (<see cref="Section"/> applies the same filters to the cases' clocks read back).</summary>
    private IQueryable<SlaClock> Clocks(SlaClockState state, Guid? propertyId, string? assigneeId, SlaSubject? subject)
    {
        var q = db.SlaClocks.AsNoTracking().Where(c => c.State == state);
        if (subject is { } s)
        {
            q = q.Where(c => c.Subject == s);
        }

        if (assigneeId is not null)
        {
            q = q.Where(c => c.AssigneeId == assigneeId);
        }

        if (propertyId is { } pid)
        {
            q = q.Where(c => c.PropertyId == pid);
        }

        return q;
    }

    /// <summary>Clocks of <paramref name="queue"/> due in the window whose case has none of the queue's clocks due before it.</summary>
    private static IQueryable<SlaClock> Window(IQueryable<SlaClock> queue, DateTime? dueFrom, DateTime? dueBefore)
    {
        var q = queue;
        if (dueFrom is { } from)
        {
            q = q.Where(c => c.DueAt >= from && !queue.Any(o => o.SubjectId == c.SubjectId && o.DueAt < from));
        }

        if (dueBefore is { } before)
        {
            q = q.Where(c => c.DueAt < before);
        }

        return q;
    }
}
