using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Features.Repairs;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.Fees;

/// <summary>The counter visit's page: the visit, its clock, and one timeline of its steps and the sweep's.</summary>
public sealed class CounterPages(PortalDbContext db, CaseClocks caseClocks, TimeProvider time, IStringLocalizer<SharedResource> shared, IStringLocalizer<CounterText> t)
{
    public async Task<CounterVisitPage?> DetailsAsync(Guid id, CancellationToken ct)
    {
        var visit = await db.CounterVisits.AsNoTracking().Include(v => v.Events).FirstOrDefaultAsync(v => v.Id == id, ct);
        if (visit is null)
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var unit = (await UnitLabels.ForAsync(db, [visit.UnitId], ct))[visit.UnitId];
        var receipt = visit.PaymentId is { } pid ? await db.Payments.Where(p => p.Id == pid).Select(p => p.ReceiptNumber).FirstOrDefaultAsync(ct) : null;
        var contact = visit.ContactId is { } cid ? await db.Contacts.Where(c => c.Id == cid).Select(c => c.Subject).FirstOrDefaultAsync(ct) : null;
        var clocks = await caseClocks.ReadAsync([id], ct);
        var slaEvents = await db.SlaEvents.AsNoTracking().Where(e => e.SubjectId == id).ToListAsync(ct);
        var userIds = clocks.Select(c => c.AssigneeId).OfType<string>().Distinct().ToList();
        var names = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var timeline = visit.Events
            .Select(e => new TimelineEntry(e.At, e.ActorName, shared.Enum(e.Kind),
                e.Kind == Domain.Fees.CounterVisitEventKind.Opened && e.Note is { } kind && Enum.TryParse<Domain.Fees.CounterVisitKind>(kind, out var k) ? shared.Enum(k) : e.Note,
                e.Kind == Domain.Fees.CounterVisitEventKind.Abandoned ? "text-danger" : ""))
            .Concat(slaEvents.Select(e => new TimelineEntry(e.FiredAt, t["Counter.System"], $"{shared.Enum(e.Milestone)} · {shared.Enum(e.Kind)}",
                null, e.Kind == SlaEventKind.Warning ? "text-warning-emphasis" : "text-danger")))
            .OrderByDescending(e => e.At)
            .ToList();
        return new CounterVisitPage(visit, unit, receipt, contact, clocks.Select(c => ClockView.From(c, now, names)).ToList(), timeline, now);
    }
}
