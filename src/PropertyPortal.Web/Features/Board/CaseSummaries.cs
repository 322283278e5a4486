using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Board;

/// <summary>
/// What a queue row says about its case: number, unit (building and room, or the place written on the case),
/// household (the registered customer, else the name the caller gave) and the problem. One query per kind of
/// case on screen, through the property filter, with the unit, building and customer joined in the same
/// statement. A kind taught to <see cref="SlaSubjects"/> but not here shows its number and its kind's name.
/// </summary>
internal static class CaseSummaries
{
    public static async Task<Dictionary<Guid, CaseSummary>> ForAsync(PortalDbContext db, IStringLocalizer shared, IReadOnlyList<SlaClock> clocks, CancellationToken ct)
    {
        var ids = clocks.GroupBy(c => c.Subject).ToDictionary(g => g.Key, g => g.Select(c => c.SubjectId).Distinct().ToList());
        var found = new Dictionary<Guid, CaseSummary>();

        async Task AddAsync(SlaSubject subject, Func<List<Guid>, IQueryable<Head>> heads)
        {
            if (!ids.Remove(subject, out var wanted))
            {
                return;
            }

            foreach (var r in await Complete(db, heads(wanted)).ToListAsync(ct))
            {
                var unit = r.UnitNumber is null ? r.Place : $"{r.Building} {r.UnitNumber}";
                found[r.Id] = new CaseSummary(r.Number, Blank(unit), Blank(r.CustomerName ?? r.Person), Blank(r.Problem) ?? shared.Enum(subject));
            }
        }

        await AddAsync(SlaSubject.RepairOrder, w => db.RepairOrders.Where(o => w.Contains(o.Id)).Select(o => new Head
        {
            Id = o.Id, Number = o.Number, UnitId = o.UnitId, CustomerId = o.CustomerId, Place = o.Location, Person = o.ReporterName, Problem = o.Description,
        }));
        await AddAsync(SlaSubject.Complaint, w => db.Complaints.Where(c => w.Contains(c.Id)).Select(c => new Head
        {
            Id = c.Id, Number = c.Number, UnitId = c.UnitId, CustomerId = c.CustomerId, Place = c.Location, Person = c.ComplainantName, Problem = c.Content,
        }));

        // A callback is about the case it follows up: the repair's description or the complaint's content.
        await AddAsync(SlaSubject.Callback, w =>
            from cb in db.Callbacks
            where w.Contains(cb.Id)
            join o in db.RepairOrders on cb.RepairOrderId equals o.Id into orders
            from o in orders.DefaultIfEmpty()
            join c in db.Complaints on cb.ComplaintId equals c.Id into complaints
            from c in complaints.DefaultIfEmpty()
            select new Head
            {
                Id = cb.Id, Number = cb.Subject, UnitId = cb.UnitId, CustomerId = cb.CustomerId, Place = o == null ? null : o.Location, Person = cb.ContactName,
                Problem = o != null ? o.Description : c != null ? c.Content : null,
            });
        await AddAsync(SlaSubject.Renovation, w => db.Renovations.Where(r => w.Contains(r.Id)).Select(r => new Head
        {
            Id = r.Id, Number = r.Number, UnitId = r.UnitId, CustomerId = r.CustomerId, Person = r.ApplicantName, Problem = r.Description,
        }));
        await AddAsync(SlaSubject.MoveIn, w => db.MoveIns.Where(m => w.Contains(m.Id)).Select(m => new Head
        {
            Id = m.Id, Number = m.Number, UnitId = m.UnitId, CustomerId = m.CustomerId,
        }));
        await AddAsync(SlaSubject.MoveOut, w => db.MoveOuts.Where(m => w.Contains(m.Id)).Select(m => new Head
        {
            Id = m.Id, Number = m.Number, UnitId = m.UnitId, CustomerId = m.CustomerId, Problem = m.Items,
        }));
        await AddAsync(SlaSubject.CounterVisit, w => db.CounterVisits.Where(v => w.Contains(v.Id)).Select(v => new Head
        {
            Id = v.Id, Number = v.Number, UnitId = v.UnitId, CustomerId = v.CustomerId, Person = v.VisitorName,
        }));
        await AddAsync(SlaSubject.Payment, w => db.Payments.Where(p => w.Contains(p.Id)).Select(p => new Head
        {
            Id = p.Id, Number = p.ReceiptNumber, UnitId = p.UnitId, CustomerId = p.CustomerId, Person = p.PayerName,
        }));

        // A service request says what was asked for: the desk's description, else the catalog entry's name (会议室预订).
        await AddAsync(SlaSubject.ServiceRequest, w => db.ServiceRequests.Where(r => w.Contains(r.Id)).Select(r => new Head
        {
            Id = r.Id, Number = r.Number, UnitId = r.UnitId, CustomerId = r.CustomerId, Person = r.RequesterName,
            Problem = r.Description != null && r.Description != "" ? r.Description : r.TypeName,
        }));

        // Community work: the event's place and theme, the notice's title; no single household.
        await AddAsync(SlaSubject.CommunityEvent, w => db.CommunityEvents.Where(e => w.Contains(e.Id)).Select(e => new Head
        {
            Id = e.Id, Number = e.Number, UnitId = null, CustomerId = null, Place = e.Place, Problem = e.Theme,
        }));
        await AddAsync(SlaSubject.PublicNotice, w => db.PublicNotices.Where(n => w.Contains(n.Id)).Select(n => new Head
        {
            Id = n.Id, Number = n.Number, UnitId = null, CustomerId = null, Problem = n.Title,
        }));

        // Billing runs, daily logs, calendar years, annual plans, units in custody: no household, the number says it all.
        var rest = clocks.Where(c => ids.ContainsKey(c.Subject)).ToList();
        if (rest.Count > 0)
        {
            foreach (var (id, number) in await SlaSubjects.NumbersAsync(db, rest, allProperties: false, ct))
            {
                found[id] = new CaseSummary(number, null, null, shared.Enum(rest.First(c => c.SubjectId == id).Subject));
            }
        }

        return found;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    /// <summary>The case's unit with its building, and its registered customer: left joins in the case's own statement.</summary>
    private static IQueryable<Line> Complete(PortalDbContext db, IQueryable<Head> heads) =>
        from h in heads
        join u in (from u in db.Units join b in db.Buildings on u.BuildingId equals b.Id select new UnitName { Id = u.Id, Building = b.Name, Number = u.Number })
            on h.UnitId equals u.Id into units
        from u in units.DefaultIfEmpty()
        join c in db.Customers on h.CustomerId equals c.Id into customers
        from c in customers.DefaultIfEmpty()
        select new Line
        {
            Id = h.Id, Number = h.Number, Place = h.Place, Person = h.Person, Problem = h.Problem,
            Building = u == null ? null : u.Building, UnitNumber = u == null ? null : u.Number, CustomerName = c == null ? null : c.Name,
        };

    private sealed class Head
    {
        public Guid Id { get; init; }

        public string Number { get; init; } = "";

        public Guid? UnitId { get; init; }

        public Guid? CustomerId { get; init; }

        public string? Place { get; init; }

        public string? Person { get; init; }

        public string? Problem { get; init; }
    }

    private sealed class UnitName
    {
        public Guid Id { get; init; }

        public string Building { get; init; } = "";

        public string Number { get; init; } = "";
    }

    private sealed class Line
    {
        public Guid Id { get; init; }

        public string Number { get; init; } = "";

        public string? Place { get; init; }

        public string? Person { get; init; }

        public string? Problem { get; init; }

        public string? Building { get; init; }

        public string? UnitNumber { get; init; }

        public string? CustomerName { get; init; }
    }
}
