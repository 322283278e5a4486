using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Sla;

/// <summary>
/// What a clock belongs to, as people see it: the case's number (or a callback's subject) and the page
/// that shows it. The one place a new <see cref="SlaSubject"/> is taught to the queue, the board, the
/// sweep's notifications and the timelines.
/// </summary>
public static class SlaSubjects
{
    public static string? Link(SlaSubject subject, Guid id) => subject switch
    {
        SlaSubject.RepairOrder => $"/Repairs/Details/{id}",
        SlaSubject.Callback => $"/Callbacks/Details/{id}",
        SlaSubject.Complaint => $"/Complaints/Details/{id}",
        SlaSubject.BillingRun => $"/Billing/Details/{id}",
        SlaSubject.Payment => $"/Fees/Payment/{id}",
        SlaSubject.Renovation => $"/Renovations/Details/{id}",
        SlaSubject.MoveOut => $"/MoveOuts/Details/{id}",
        _ => null,
    };

    /// <summary>
    /// Numbers of the cases behind <paramref name="clocks"/>, one query per kind of case. A system job
    /// passes <paramref name="allProperties"/> to read past the user's property filter.
    /// </summary>
    public static async Task<Dictionary<Guid, string>> NumbersAsync(PortalDbContext db, IEnumerable<SlaClock> clocks, bool allProperties, CancellationToken ct)
    {
        var ids = clocks.GroupBy(c => c.Subject).ToDictionary(g => g.Key, g => g.Select(c => c.SubjectId).Distinct().ToList());
        var numbers = new Dictionary<Guid, string>();
        if (ids.TryGetValue(SlaSubject.RepairOrder, out var orders))
        {
            var q = allProperties ? db.RepairOrders.IgnoreQueryFilters() : db.RepairOrders;
            foreach (var o in await q.AsNoTracking().Where(o => orders.Contains(o.Id)).Select(o => new { o.Id, o.Number }).ToListAsync(ct))
            {
                numbers[o.Id] = o.Number;
            }
        }

        if (ids.TryGetValue(SlaSubject.Callback, out var callbacks))
        {
            var q = allProperties ? db.Callbacks.IgnoreQueryFilters() : db.Callbacks;
            foreach (var c in await q.AsNoTracking().Where(c => callbacks.Contains(c.Id)).Select(c => new { c.Id, c.Subject }).ToListAsync(ct))
            {
                numbers[c.Id] = c.Subject;
            }
        }

        if (ids.TryGetValue(SlaSubject.Complaint, out var complaints))
        {
            var q = allProperties ? db.Complaints.IgnoreQueryFilters() : db.Complaints;
            foreach (var c in await q.AsNoTracking().Where(c => complaints.Contains(c.Id)).Select(c => new { c.Id, c.Number }).ToListAsync(ct))
            {
                numbers[c.Id] = c.Number;
            }
        }

        if (ids.TryGetValue(SlaSubject.BillingRun, out var runs))
        {
            var q = allProperties ? db.BillingRuns.IgnoreQueryFilters() : db.BillingRuns;
            foreach (var r in await q.AsNoTracking().Where(r => runs.Contains(r.Id)).Select(r => new { r.Id, r.Period }).ToListAsync(ct))
            {
                numbers[r.Id] = Domain.Fees.BillingPeriod.FromKey(r.Period).ToString();
            }
        }

        if (ids.TryGetValue(SlaSubject.Payment, out var payments))
        {
            var q = allProperties ? db.Payments.IgnoreQueryFilters() : db.Payments;
            foreach (var p in await q.AsNoTracking().Where(p => payments.Contains(p.Id)).Select(p => new { p.Id, p.ReceiptNumber }).ToListAsync(ct))
            {
                numbers[p.Id] = p.ReceiptNumber;
            }
        }

        if (ids.TryGetValue(SlaSubject.Renovation, out var renovations))
        {
            var q = allProperties ? db.Renovations.IgnoreQueryFilters() : db.Renovations;
            foreach (var r in await q.AsNoTracking().Where(r => renovations.Contains(r.Id)).Select(r => new { r.Id, r.Number }).ToListAsync(ct))
            {
                numbers[r.Id] = r.Number;
            }
        }

        if (ids.TryGetValue(SlaSubject.MoveOut, out var moveOuts))
        {
            var q = allProperties ? db.MoveOuts.IgnoreQueryFilters() : db.MoveOuts;
            foreach (var m in await q.AsNoTracking().Where(m => moveOuts.Contains(m.Id)).Select(m => new { m.Id, m.Number }).ToListAsync(ct))
            {
                numbers[m.Id] = m.Number;
            }
        }

        return numbers;
    }
}
