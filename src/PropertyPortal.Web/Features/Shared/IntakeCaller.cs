using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.FrontDesk;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Shared;

/// <summary>
/// What a logged contact gives the case form opened from it (转工单, 转投诉, 转服务请求): its property, unit, caller,
/// subject and details as the text, when it came in (local time) and how; <see cref="OpenedAlready"/> is the case the
/// contact was already turned into, if any (the caller then shows that case instead of a second form).
/// </summary>
public sealed record ContactPrefill(
    Guid PropertyId, Guid? UnitId, Guid? CustomerId, string Name, string? Phone, string Text, DateTime ReceivedAtLocal, ContactSource Source, Guid? OpenedAlready);

/// <summary>Who is calling, as an intake form prefills it: the customer picked, their name, phone and property.</summary>
public sealed record IntakeCaller(Guid? CustomerId, string? Name, string? Phone, Guid? PropertyId)
{
    /// <summary>
    /// Completes the caller of a new intake form the same way for every kind of case: a unit picked without a caller
    /// gets the person living there today (tenant before owner); a customer without a name gives their name, phone and
    /// property; the unit's property when nothing else says. Null when the customer picked does not exist (the caller
    /// answers 404). The query filters of <paramref name="db"/> keep other properties' people out.
    /// </summary>
    /// <summary>
    /// The prefill of a case form from contact <paramref name="contactId"/>; <paramref name="opened"/> reads the case of this
    /// kind the contact already has. Null when the contact does not exist or is not the user's to see (query filters).
    /// </summary>
    public static async Task<ContactPrefill?> FromContactAsync(PortalDbContext db, Guid contactId, Func<Contact, Guid?> opened, CancellationToken ct)
    {
        var contact = await db.Contacts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == contactId, ct);
        return contact is null ? null : new ContactPrefill(contact.PropertyId, contact.UnitId, contact.CustomerId, contact.Name, contact.Phone,
            contact.Subject + (contact.Details is null ? "" : "\n" + contact.Details), PortalClock.ToLocal(contact.ReceivedAt), contact.Source, opened(contact));
    }

    public static async Task<IntakeCaller?> CompleteAsync(
        PortalDbContext db, TimeProvider time, Guid? unitId, IntakeCaller given, bool occupantOfUnit, CancellationToken ct)
    {
        var (customerId, name, phone, propertyId) = given;
        if (occupantOfUnit && unitId is { } occupied && customerId is null)
        {
            var today = PortalClock.Today(time);
            customerId = await db.Occupancies.AsNoTracking()
                .Where(o => o.UnitId == occupied && o.StartDate <= today && (o.EndDate == null || o.EndDate >= today))
                .OrderByDescending(o => o.Role).Select(o => (Guid?)o.CustomerId).FirstOrDefaultAsync(ct);
        }

        if (customerId is { } custId && name is null)
        {
            var customer = await db.Customers.AsNoTracking().Where(c => c.Id == custId)
                .Select(c => new { c.Name, c.Phone, c.PropertyId }).FirstOrDefaultAsync(ct);
            if (customer is null)
            {
                return null;
            }

            (name, phone, propertyId) = (customer.Name, customer.Phone, customer.PropertyId);
        }

        if (propertyId is null && unitId is { } forUnit)
        {
            propertyId = await db.Units.Where(u => u.Id == forUnit).Select(u => (Guid?)u.PropertyId).FirstOrDefaultAsync(ct);
        }

        return new IntakeCaller(customerId, name, phone, propertyId);
    }
}
