using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Features.Contacts;
using PropertyPortal.Web.Features.Repairs;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.DailyLog;

/// <summary>
/// The daily log's page: a property's China-local day — its contacts, every case opened or closed in it (one source per
/// feature, <see cref="IDailyLogSource"/>), every breach and escalation of any clock named by its case's number and
/// linked to it — with the handover notes, the sign-off and the day's own review clock.
/// </summary>
public sealed class DailyLogPages(PortalDbContext db, IEnumerable<IDailyLogSource> sources, CaseClocks caseClocks, TimeProvider time)
{
    /// <summary>Null when the property is not one of the user's (the query filter decides).</summary>
    public async Task<DailyLogPage?> PageAsync(Guid? propertyId, DateOnly date, bool canSupervise, DateOnly today, CancellationToken ct)
    {
        var properties = await db.Properties.AsNoTracking().OrderBy(p => p.Code).Select(p => new { p.Id, p.Name }).ToListAsync(ct);
        var property = propertyId is { } requested ? properties.FirstOrDefault(p => p.Id == requested) : properties.FirstOrDefault();
        if (property is null)
        {
            return null;
        }

        var pid = property.Id;
        var day = new LocalDay(date);
        var (start, end) = (day.StartUtc, day.EndUtc);
        var contacts = await ContactRows.LoadAsync(db,
            db.Contacts.AsNoTracking().Where(c => c.PropertyId == pid && c.ReceivedAt >= start && c.ReceivedAt < end), int.MaxValue, ct);
        var bySource = contacts.GroupBy(c => c.Source).OrderBy(g => g.Key).Select(g => (g.Key, g.Count())).ToList();

        var opened = new List<DayCase>();
        var closed = new List<DayCase>();
        foreach (var source in sources)
        {
            var cases = await source.ForDayAsync(pid, start, end, ct);
            opened.AddRange(cases.Opened);
            closed.AddRange(cases.Closed);
        }

        var lines = await SlaLinesAsync(pid, start, end, ct);
        var log = await db.DailyLogs.AsNoTracking().Include(l => l.Amendments).FirstOrDefaultAsync(l => l.PropertyId == pid && l.Date == date, ct);
        var amendments = log?.Amendments.OrderBy(a => a.At).Select(a => new AmendmentRow(a.At, a.ActorName, a.Text)).ToList() ?? [];
        var now = time.GetUtcNow().UtcDateTime;
        List<SlaClock> review = log is null ? [] : await caseClocks.ReadAsync([log.Id], ct);
        var options = properties.Select(p => new SelectListItem(p.Name, p.Id.ToString(), p.Id == pid)).ToList();
        return new DailyLogPage(pid, property.Name, date, options, contacts, bySource,
            [.. opened.OrderBy(c => c.At)], [.. closed.OrderBy(c => c.At)],
            lines.Where(l => l.Kind == SlaEventKind.Breach).ToList(), lines.Where(l => l.Kind != SlaEventKind.Breach).ToList(),
            log?.HandoverNotes, log?.Version ?? 0, log?.SignedAt, log?.SignedByName, amendments, canSupervise, date > today)
        {
            Review = review.Select(c => ClockView.From(c, now, new Dictionary<string, string>())).ToList(),
            Now = now,
        };
    }

    /// <summary>
    /// The day's breaches and escalations, each named by its case: a callback's by the repair order, complaint or
    /// move-in it follows up, every other clock by its own case (<see cref="SlaSubjects"/>).
    /// </summary>
    private async Task<List<SlaLine>> SlaLinesAsync(Guid pid, DateTime start, DateTime end, CancellationToken ct)
    {
        SlaEventKind[] kinds = [SlaEventKind.Breach, SlaEventKind.EscalatedToSupervisor, SlaEventKind.EscalatedToManager];
        var events = await db.SlaEvents.AsNoTracking()
            .Where(e => e.PropertyId == pid && e.FiredAt >= start && e.FiredAt < end && kinds.Contains(e.Kind))
            .OrderBy(e => e.FiredAt).ThenBy(e => e.Id)
            .Select(e => new { e.FiredAt, e.Kind, e.Milestone, e.Subject, e.SubjectId })
            .ToListAsync(ct);

        var callbackIds = events.Where(e => e.Subject == SlaSubject.Callback).Select(e => e.SubjectId).Distinct().ToList();
        var callbacks = await db.Callbacks.AsNoTracking().Where(c => callbackIds.Contains(c.Id))
            .Select(c => new { c.Id, c.RepairOrderId, c.ComplaintId, c.MoveInId }).ToDictionaryAsync(c => c.Id, ct);
        (SlaSubject? Subject, Guid Id) CaseOf(SlaSubject subject, Guid id) =>
            subject != SlaSubject.Callback || !callbacks.TryGetValue(id, out var c) ? (subject, id)
            : c.RepairOrderId is { } order ? (SlaSubject.RepairOrder, order)
            : c.ComplaintId is { } complaint ? (SlaSubject.Complaint, complaint)
            : c.MoveInId is { } moveIn ? (null, moveIn)
            : (subject, id);

        var cases = events.Select(e => CaseOf(e.Subject, e.SubjectId)).Distinct().ToList();
        var numbers = await SlaSubjects.NumbersAsync(db, cases.Where(c => c.Subject is not null).Select(c => (c.Subject!.Value, c.Id)), allProperties: false, ct);
        var moveInIds = cases.Where(c => c.Subject is null).Select(c => c.Id).ToList();
        foreach (var m in await db.MoveIns.AsNoTracking().Where(m => moveInIds.Contains(m.Id)).Select(m => new { m.Id, m.Number }).ToListAsync(ct))
        {
            numbers[m.Id] = m.Number;
        }

        return events.Select(e =>
        {
            var (subject, id) = CaseOf(e.Subject, e.SubjectId);
            var link = subject is { } s ? SlaSubjects.Link(s, id) : $"/MoveIns/Details/{id}";
            return new SlaLine(e.FiredAt, e.Kind, e.Milestone, e.Subject, numbers.GetValueOrDefault(id), link);
        }).ToList();
    }
}
