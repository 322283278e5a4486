using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Fees;
using PropertyPortal.Web.Features.Shared;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Fees;

/// <summary>How opening a counter visit ended: the visit (new, or the unit's or the contact's one already open).</summary>
public sealed record CounterOpened(StepResult Step, bool AlreadyOpen);

/// <summary>
/// 柜台办理 (002 L41–L44) through the case seam: a visit is opened from a front-desk contact (its received time
/// is when the customer came) or from the unit's fee account (开始办理: now), and is met by what the customer came
/// for — the payment taken in the ledger's own transaction (<see cref="ServedByPaymentAsync"/>), the enquiry's
/// answer, or the bill reprinted — or recorded as abandoned. One open visit per unit: opening again finds it.
/// </summary>
public sealed class CounterSteps(CaseSteps<CounterVisit> steps, CaseClocks caseClocks, PortalDbContext db, TimeProvider time, IStringLocalizer<FeesText> t)
{
    /// <summary>Case numbers of counter visits: GT20261122-0001 (柜台).</summary>
    public const string NumberPrefix = "GT";

    public async Task<CounterOpened> OpenAsync(Guid unitId, Guid? contactId, CounterVisitKind kind, Actor actor, CancellationToken ct)
    {
        var unit = await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => new { u.Id, u.PropertyId }).FirstOrDefaultAsync(ct);
        var contact = contactId is { } cid ? await db.Contacts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == cid, ct) : null;
        if (unit is null || (contactId is not null && (contact is null || contact.UnitId != unitId)))
        {
            return new(StepResult.NotFound, false);
        }

        var open = await db.CounterVisits.AsNoTracking()
            .Where(v => (v.UnitId == unitId && v.Status == CounterVisitStatus.Open) || (contactId != null && v.ContactId == contactId))
            .OrderByDescending(v => v.Status == CounterVisitStatus.Open).Select(v => new { v.Id, v.Number }).FirstOrDefaultAsync(ct);
        if (open is not null)
        {
            return new(new StepResult(StepStatus.Done, null, open.Id, open.Number), true);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var household = (await UnitLabels.HouseholdsAsync(db, [unitId], PortalClock.Today(time), ct)).GetValueOrDefault(unitId);
        var payer = contact?.CustomerId ?? await db.Occupancies.AsNoTracking()
            .Where(o => o.UnitId == unitId && o.EndDate == null).OrderBy(o => o.Role).Select(o => (Guid?)o.CustomerId).FirstOrDefaultAsync(ct);
        var visitor = contact?.Name ?? household?.Names ?? t["Counter.WalkIn"];
        var step = await steps.OpenAsync(unit.PropertyId, actor,
            () => CaseNumbers.NextAsync(db.CounterVisits.IgnoreQueryFilters().Where(v => v.PropertyId == unit.PropertyId).Select(v => v.Number), NumberPrefix, now, ct),
            (number, s) => Task.FromResult(CounterVisit.Open(number, unit.PropertyId, unitId, payer, contact?.Id, kind, visitor, contact?.ReceivedAt ?? s.Now, s.By, s.Now, s.Clocks)),
            ct);
        return new(step, false);
    }

    /// <summary>查询: the answer given meets the clock.</summary>
    public Task<StepResult> AnswerAsync(StepRequest request, string? answer, CancellationToken ct) =>
        steps.RunAsync(request, (v, s) => v.RecordAnswer(answer ?? "", s.By, s.Now, s.Clocks), ct);

    /// <summary>补打: the bill is produced for printing; the clock is met.</summary>
    public Task<StepResult> ReprintAsync(StepRequest request, CancellationToken ct) =>
        steps.RunAsync(request, (v, s) => v.RecordReprint(s.By, s.Now, s.Clocks), ct);

    /// <summary>The customer left unserved: the reason is recorded and the clock cancelled.</summary>
    public Task<StepResult> AbandonAsync(StepRequest request, string? reason, CancellationToken ct) =>
        steps.RunAsync(request, (v, s) => v.Abandon(reason ?? "", s.By, s.Now, s.Clocks), ct);

    /// <summary>
    /// Called by <see cref="Ledger.TakeAsync"/> inside the payment's transaction: the visit the payment serves is
    /// done and its clock met with the payment's save (a visit of another unit, already closed or not the user's refuses the payment).
    /// </summary>
    public async Task ServedByPaymentAsync(Guid? visitId, Payment payment, Actor by, DateTime nowUtc, CancellationToken ct)
    {
        if (visitId is not { } id)
        {
            return;
        }

        var visit = await db.CounterVisits.Include(v => v.Events).FirstOrDefaultAsync(v => v.Id == id, ct)
            ?? throw new DomainException("CounterVisitClosed", "The counter visit is not open.");
        visit.RecordPayment(payment, by, nowUtc, await caseClocks.ForCaseAsync(visit, ct));
    }
}

/// <summary>A counter visit tells nobody by itself: its clock's warning and breach go through the sweep's ladder.</summary>
public sealed class CounterNotifications : ICaseNotifications<CounterVisit>
{
    public Task<IReadOnlyList<Notice>> ForAsync(CounterVisit c, IReadOnlyList<CaseEvent> fresh, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Notice>>([]);
}
