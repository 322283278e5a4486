using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Common;
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
        SlaSubject.CustodyUnit => $"/MoveIns/Custody#u-{id}",
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

        async Task AddAsync<T>(SlaSubject subject, IQueryable<T> set, Expression<Func<T, string>> number)
            where T : Entity
        {
            if (!ids.TryGetValue(subject, out var wanted))
            {
                return;
            }

            var q = allProperties ? set.IgnoreQueryFilters() : set;
            var pairs = await q.AsNoTracking().Where(e => wanted.Contains(e.Id))
                .Select(Expression.Lambda<Func<T, KeyValuePair<Guid, string>>>(
                    Expression.New(typeof(KeyValuePair<Guid, string>).GetConstructor([typeof(Guid), typeof(string)])!,
                        Expression.Property(number.Parameters[0], nameof(Entity.Id)), number.Body),
                    number.Parameters))
                .ToListAsync(ct);
            foreach (var (id, text) in pairs)
            {
                numbers[id] = text;
            }
        }

        await AddAsync(SlaSubject.RepairOrder, db.RepairOrders, o => o.Number);
        await AddAsync(SlaSubject.Callback, db.Callbacks, c => c.Subject);
        await AddAsync(SlaSubject.Complaint, db.Complaints, c => c.Number);
        await AddAsync(SlaSubject.Payment, db.Payments, p => p.ReceiptNumber);
        await AddAsync(SlaSubject.Renovation, db.Renovations, r => r.Number);
        await AddAsync(SlaSubject.MoveOut, db.MoveOuts, m => m.Number);
        if (ids.TryGetValue(SlaSubject.BillingRun, out var runs))
        {
            var q = allProperties ? db.BillingRuns.IgnoreQueryFilters() : db.BillingRuns;
            foreach (var r in await q.AsNoTracking().Where(r => runs.Contains(r.Id)).Select(r => new { r.Id, r.Period }).ToListAsync(ct))
            {
                numbers[r.Id] = Domain.Fees.BillingPeriod.FromKey(r.Period).ToString();
            }
        }

        if (ids.TryGetValue(SlaSubject.CustodyUnit, out var units))
        {
            var q = allProperties ? db.Units.IgnoreQueryFilters() : db.Units;
            var rows = await (from u in q.AsNoTracking()
                              join b in db.Buildings.IgnoreQueryFilters() on u.BuildingId equals b.Id
                              where units.Contains(u.Id)
                              select new { u.Id, Building = b.Name, u.Number }).ToListAsync(ct);
            foreach (var u in rows)
            {
                numbers[u.Id] = $"{u.Building} {u.Number}";
            }
        }

        return numbers;
    }
}
