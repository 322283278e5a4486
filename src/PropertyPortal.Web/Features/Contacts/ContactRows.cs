using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.FrontDesk;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Contacts;

/// <summary>Contacts as the lists show them (the counter's recent list, the day's list, the daily log), newest first.</summary>
public static class ContactRows
{
    public static async Task<List<ContactRow>> LoadAsync(PortalDbContext db, IQueryable<Contact> query, int take, CancellationToken ct)
    {
        var rows = await (from c in query
                          join p in db.Properties on c.PropertyId equals p.Id
                          join u in db.Units on c.UnitId equals u.Id into units
                          from u in units.DefaultIfEmpty()
                          orderby c.ReceivedAt descending, c.Id descending
                          select new
                          {
                              c.Id, c.ReceivedAt, c.LoggedAt, c.Source, c.Name, c.Phone, UnitNumber = u == null ? null : u.Number, c.CustomerId,
                              c.Subject, c.Outcome, c.OutcomeNote, c.RepairOrderId, c.LoggedByName, PropertyName = p.Name, c.Version,
                          })
            .Take(take)
            .ToListAsync(ct);
        return rows.Select(r => new ContactRow(r.Id, r.ReceivedAt, r.LoggedAt - r.ReceivedAt > Contact.BackdateTolerance, r.Source, r.Name, r.Phone,
                r.UnitNumber, r.CustomerId, r.Subject, r.Outcome, r.OutcomeNote, r.RepairOrderId, r.LoggedByName, r.PropertyName, r.Version))
            .ToList();
    }
}
