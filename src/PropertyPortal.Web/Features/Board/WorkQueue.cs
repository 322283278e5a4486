using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Board;

/// <summary>An open clock as a queue shows it: which case, which milestone, due when, whose.</summary>
public sealed record QueueItem(
    Guid ClockId, SlaSubject Subject, Guid SubjectId, string Number, string PropertyName, SlaMilestone Milestone,
    DateTime DueAt, SlaClockState State, int Stage, string? AssigneeName, string Link);

/// <summary>
/// Reads open clocks for the front-desk queue and the supervisor's board. Every read is one indexed
/// range — (PropertyId|AssigneeId, State, DueAt) — limited to what a screen shows, then the case
/// numbers and names of just those rows; its cost does not grow with the number of open orders.
/// </summary>
public sealed class WorkQueue(PortalDbContext db)
{
    public const int ScreenRows = 50;

    public Task<IReadOnlyList<QueueItem>> RunningAsync(Guid? propertyId, string? assigneeId, DateTime? dueFrom, DateTime? dueBefore, CancellationToken ct, int take = ScreenRows, SlaSubject? subject = null) =>
        ReadAsync(SlaClockState.Running, propertyId, assigneeId, dueFrom, dueBefore, take, ct, subject);

    public Task<IReadOnlyList<QueueItem>> PausedAsync(Guid? propertyId, string? assigneeId, CancellationToken ct, int take = ScreenRows) =>
        ReadAsync(SlaClockState.Paused, propertyId, assigneeId, null, null, take, ct, null);

    public async Task<int> CountRunningAsync(Guid? propertyId, DateTime? dueFrom, DateTime? dueBefore, CancellationToken ct)
    {
        var q = db.SlaClocks.AsNoTracking().Where(c => c.State == SlaClockState.Running);
        if (propertyId is { } pid)
        {
            q = q.Where(c => c.PropertyId == pid);
        }

        if (dueFrom is { } from)
        {
            q = q.Where(c => c.DueAt >= from);
        }

        if (dueBefore is { } before)
        {
            q = q.Where(c => c.DueAt < before);
        }

        return await q.CountAsync(ct);
    }

    /// <summary>Names and links for a set of clocks (used for SLA events too).</summary>
    public async Task<IReadOnlyList<QueueItem>> DescribeAsync(IReadOnlyList<SlaClock> clocks, CancellationToken ct)
    {
        var numbers = await SlaSubjects.NumbersAsync(db, clocks, allProperties: false, ct);
        var propertyIds = clocks.Select(c => c.PropertyId).Distinct().ToList();
        var properties = await db.Properties.AsNoTracking().Where(p => propertyIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var userIds = clocks.Select(c => c.AssigneeId).OfType<string>().Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return clocks.Select(c => new QueueItem(
                c.Id, c.Subject, c.SubjectId, numbers.GetValueOrDefault(c.SubjectId, "?"), properties.GetValueOrDefault(c.PropertyId, ""),
                c.Milestone, c.DueAt, c.State, c.Stage, c.AssigneeId is { } a ? users.GetValueOrDefault(a) : null,
                SlaSubjects.Link(c.Subject, c.SubjectId) ?? ""))
            .ToList();
    }

    private async Task<IReadOnlyList<QueueItem>> ReadAsync(SlaClockState state, Guid? propertyId, string? assigneeId, DateTime? dueFrom, DateTime? dueBefore, int take, CancellationToken ct, SlaSubject? subject)
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

        if (dueFrom is { } from)
        {
            q = q.Where(c => c.DueAt >= from);
        }

        if (dueBefore is { } before)
        {
            q = q.Where(c => c.DueAt < before);
        }

        var clocks = await q.OrderBy(c => c.DueAt).Take(take).ToListAsync(ct);
        return await DescribeAsync(clocks, ct);
    }
}
