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
        SlaSubject.ServiceRequest => $"/Services/Details/{id}",
        SlaSubject.VisitQuota => $"/Visits/Quota/{id}",
        SlaSubject.MoveIn => $"/MoveIns/Details/{id}",
        SlaSubject.CounterVisit => $"/Counter/Details/{id}",
        SlaSubject.DailyLog => $"/DailyLog/Day/{id}",
        SlaSubject.CalendarYear => CalendarYearDuty.YearOf(id) is { } year ? $"/Settings/Calendar/Load?year={year}" : "/Settings/Calendar",
        SlaSubject.AnnualEventPlan => $"/EventPlans/Details/{id}",
        SlaSubject.CommunityEvent => $"/Events/Details/{id}",
        SlaSubject.PublicWelfareHalf => "/Events",
        SlaSubject.PublicNotice => $"/Notices/Details/{id}",
        _ => null,
    };

    /// <summary>
    /// Numbers of the cases behind <paramref name="clocks"/>, one query per kind of case. A system job
    /// passes <paramref name="allProperties"/> to read past the user's property filter.
    /// </summary>
    public static Task<Dictionary<Guid, string>> NumbersAsync(PortalDbContext db, IEnumerable<SlaClock> clocks, bool allProperties, CancellationToken ct) =>
        NumbersAsync(db, clocks.Select(c => (c.Subject, c.SubjectId)), allProperties, ct);

    /// <summary>The same for subjects named without their clock (the SLA events of a day).</summary>
    public static async Task<Dictionary<Guid, string>> NumbersAsync(PortalDbContext db, IEnumerable<(SlaSubject Subject, Guid Id)> subjects, bool allProperties,
        CancellationToken ct)
    {
        var ids = subjects.GroupBy(c => c.Subject).ToDictionary(g => g.Key, g => g.Select(c => c.Id).Distinct().ToList());
        var numbers = new Dictionary<Guid, string>();

        async Task AddAsync<T>(SlaSubject subject, IQueryable<T> set, Expression<Func<T, SubjectNumber>> number)
            where T : Entity
        {
            if (ids.TryGetValue(subject, out var wanted))
            {
                var q = allProperties ? set.IgnoreQueryFilters() : set;
                foreach (var n in await q.AsNoTracking().Where(e => wanted.Contains(e.Id)).Select(number).ToListAsync(ct))
                {
                    numbers[n.Id] = n.Number;
                }
            }
        }

        await AddAsync(SlaSubject.RepairOrder, db.RepairOrders, o => new SubjectNumber(o.Id, o.Number));
        await AddAsync(SlaSubject.Callback, db.Callbacks, c => new SubjectNumber(c.Id, c.Subject));
        await AddAsync(SlaSubject.Complaint, db.Complaints, c => new SubjectNumber(c.Id, c.Number));
        await AddAsync(SlaSubject.Payment, db.Payments, p => new SubjectNumber(p.Id, p.ReceiptNumber));
        await AddAsync(SlaSubject.Renovation, db.Renovations, r => new SubjectNumber(r.Id, r.Number));
        await AddAsync(SlaSubject.MoveOut, db.MoveOuts, m => new SubjectNumber(m.Id, m.Number));
        await AddAsync(SlaSubject.MoveIn, db.MoveIns, m => new SubjectNumber(m.Id, m.Number));
        await AddAsync(SlaSubject.CounterVisit, db.CounterVisits, v => new SubjectNumber(v.Id, v.Number));
        if (ids.TryGetValue(SlaSubject.DailyLog, out var logs))
        {
            var q = allProperties ? db.DailyLogs.IgnoreQueryFilters() : db.DailyLogs;
            foreach (var l in await q.AsNoTracking().Where(l => logs.Contains(l.Id)).Select(l => new { l.Id, l.Date }).ToListAsync(ct))
            {
                numbers[l.Id] = l.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        foreach (var year in ids.GetValueOrDefault(SlaSubject.CalendarYear) ?? [])
        {
            numbers[year] = CalendarYearDuty.YearOf(year)?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?";
        }
        await AddAsync(SlaSubject.AnnualEventPlan, db.AnnualEventPlans, p => new SubjectNumber(p.Id, p.Number));
        await AddAsync(SlaSubject.CommunityEvent, db.CommunityEvents, e => new SubjectNumber(e.Id, e.Number));
        await AddAsync(SlaSubject.PublicNotice, db.PublicNotices, n => new SubjectNumber(n.Id, n.Number));
        await AddAsync(SlaSubject.ServiceRequest, db.ServiceRequests, r => new SubjectNumber(r.Id, r.Number));
        if (ids.TryGetValue(SlaSubject.VisitQuota, out var quotas))
        {
            var q = allProperties ? db.VisitQuotas.IgnoreQueryFilters() : db.VisitQuotas;
            foreach (var v in await q.AsNoTracking().Where(v => quotas.Contains(v.Id)).Select(v => new { v.Id, v.Period, v.StewardName }).ToListAsync(ct))
            {
                numbers[v.Id] = $"{v.Period / 100}-{v.Period % 100:00}" + (v.StewardName is null ? "" : " " + v.StewardName);
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

        if (ids.TryGetValue(SlaSubject.PublicWelfareHalf, out var halves))
        {
            var q = allProperties ? db.PublicWelfareHalves.IgnoreQueryFilters() : db.PublicWelfareHalves;
            foreach (var h in await q.AsNoTracking().Where(h => halves.Contains(h.Id)).Select(h => new { h.Id, h.Year, h.Half }).ToListAsync(ct))
            {
                numbers[h.Id] = $"GY-{h.Year}-H{h.Half}";
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

    private sealed record SubjectNumber(Guid Id, string Number);
}
