using System.Globalization;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Domain.Services;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Features.Repairs;
using PropertyPortal.Web.Features.Shared;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.Services;

/// <summary>What the service pages show: the register, the catalog to pick from, the intake form, a request with its clocks and timeline, the release slip and the gate's check.</summary>
public sealed class ServicePages(
    PortalDbContext db, CaseClocks caseClocks, StaffDirectory staff, ServiceLimits limits, TimeProvider time, IStringLocalizer<ServicesText> t,
    IStringLocalizer<SharedResource> shared)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>The register: the shared case filters (the category is the service) and the services' own (status, kind, open, text).</summary>
    public IQueryable<ServiceRequest> Filtered(ServiceFilter f)
    {
        var query = db.ServiceRequests.AsNoTracking().Filtered(f, db, Now);
        if (f.Status is { } status)
        {
            query = query.Where(r => r.Status == status);
        }

        if (f.Kind is { } kind)
        {
            query = query.Where(r => r.Kind == kind);
        }

        if (f.Open)
        {
            query = query.Where(r => r.Status == ServiceStatus.PendingApproval || r.Status == ServiceStatus.Accepted || r.Status == ServiceStatus.Approved);
        }

        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var q = f.Q.Trim();
            query = query.Where(r => r.Number == q.ToUpperInvariant() || r.Phone == q || r.RequesterName == q || (r.Description != null && r.Description.Contains(q)));
        }

        return query;
    }

    public IQueryable<ServiceRow> Rows(IQueryable<ServiceRequest> query, int skip, int take)
    {
        var now = Now;
        var running = db.RunningClocks();
        return from r in query.PageOf(skip, take)
               join p in db.Properties on r.PropertyId equals p.Id
               join u in db.Units on r.UnitId equals (Guid?)u.Id into units
               from u in units.DefaultIfEmpty()
               orderby r.ReceivedAt descending, r.Number descending
               let next = running.Where(k => k.SubjectId == r.Id).Min(k => (DateTime?)k.DueAt)
               select new ServiceRow(r.Id, r.Number, p.Name, r.ReceivedAt, r.TypeName, r.Kind, r.RequesterName, u == null ? null : u.Number, r.Status,
                   r.HandlerName, next, next != null && next < now);
    }

    public async Task<ServiceList> ListAsync(ServiceFilter filter, HttpRequest request, bool canIntake, CancellationToken ct)
    {
        var query = Filtered(filter);
        var paging = await query.PagingAsync(request, filter.Page, ct);
        var rows = await Rows(query, paging.Skip, paging.PageSize).ToListAsync(ct);
        var types = (await db.ServiceTypes.AsNoTracking().OrderBy(s => s.SortOrder).Select(s => new { s.Id, s.Name }).ToListAsync(ct))
            .Select(s => new SelectListItem(s.Name, s.Id.ToString(), s.Id == filter.CategoryId)).ToList();
        return new ServiceList(filter, await db.PropertyOptionsAsync(filter.PropertyId, ct), types, rows, paging, canIntake);
    }

    /// <summary>
    /// Step one of intake: the active services, only those for the property's kind when the property is known (from
    /// the contact, unit or household). Null when any of those is not the user's to see.
    /// </summary>
    public async Task<ServicePicker?> PickerAsync(Guid? contactId, Guid? unitId, Guid? customerId, Guid? propertyId, CancellationToken ct)
    {
        string? subject = null;
        if (contactId is { } cid)
        {
            var contact = await db.Contacts.AsNoTracking().Where(c => c.Id == cid).Select(c => new { c.PropertyId, c.Subject }).FirstOrDefaultAsync(ct);
            if (contact is null)
            {
                return null;
            }

            (propertyId, subject) = (contact.PropertyId, contact.Subject);
        }

        if (unitId is { } uid)
        {
            propertyId = await db.Units.Where(u => u.Id == uid).Select(u => (Guid?)u.PropertyId).FirstOrDefaultAsync(ct);
            if (propertyId is null)
            {
                return null;
            }
        }

        if (customerId is { } custId)
        {
            propertyId = await db.Customers.Where(c => c.Id == custId).Select(c => (Guid?)c.PropertyId).FirstOrDefaultAsync(ct);
            if (propertyId is null)
            {
                return null;
            }
        }

        PropertyKind? kind = null;
        if (propertyId is { } pid)
        {
            kind = await db.Properties.Where(p => p.Id == pid).Select(p => (PropertyKind?)p.Kind).FirstOrDefaultAsync(ct);
            if (kind is null)
            {
                return null;
            }
        }

        var types = await db.ServiceTypes.AsNoTracking().Where(s => s.IsActive).OrderBy(s => s.SortOrder).ThenBy(s => s.Name).ToListAsync(ct);
        var choices = types.Where(s => kind is not { } k || s.AppliesTo(k))
            .Select(s => new ServiceChoice(s.Id, s.Name, s.Kind, s.Description, s.TargetKind, s.TargetValue, s.RequiresApproval, s.ChargesFee)).ToList();
        var query = string.Join('&', new[] { ("contactId", contactId), ("unitId", unitId), ("customerId", customerId), ("propertyId", contactId is null && unitId is null && customerId is null ? propertyId : null) }
            .Where(p => p.Item2 is not null).Select(p => $"{p.Item1}={p.Item2}"));
        return new ServicePicker(choices, query, subject);
    }

    /// <summary>
    /// The intake form of a service, prefilled from a contact (转服务请求), a unit or a household, or a free slot of a
    /// resource's day. Null when something is not the user's to see; the request already opened from the contact instead.
    /// </summary>
    public async Task<(ServiceForm? Form, Guid? OpenedAlready)> NewFormAsync(Guid typeId, Guid? contactId, Guid? unitId, Guid? customerId, Guid? propertyId,
        Guid? resourceId, DateOnly? date, TimeOnly? from, CancellationToken ct)
    {
        var form = new ServiceForm
        {
            TypeId = typeId, ContactId = contactId, UnitId = unitId, CustomerId = customerId, PropertyId = propertyId, ReceivedAt = PortalClock.ToLocal(Now),
            ResourceId = resourceId, BookingDate = date ?? PortalClock.Today(time), BookingFrom = from, ReleaseDate = PortalClock.Today(time), CompleteNow = true,
        };
        if (contactId is { } cid)
        {
            var contact = await IntakeCaller.FromContactAsync(db, cid, c => c.ServiceRequestId, ct);
            if (contact is null || contact.OpenedAlready is not null)
            {
                return (null, contact?.OpenedAlready);
            }

            (form.PropertyId, form.UnitId, form.CustomerId, form.RequesterName, form.Phone, form.Description, form.ReceivedAt) =
                (contact.PropertyId, contact.UnitId, contact.CustomerId, contact.Name, contact.Phone, contact.Text, contact.ReceivedAtLocal);
        }

        if (resourceId is { } rid && form.PropertyId is null)
        {
            form.PropertyId = await db.BookableResources.Where(r => r.Id == rid).Select(r => (Guid?)r.PropertyId).FirstOrDefaultAsync(ct);
            if (form.PropertyId is null)
            {
                return (null, null);
            }
        }

        var caller = await IntakeCaller.CompleteAsync(db, time, form.UnitId, new(form.CustomerId, form.RequesterName, form.Phone, form.PropertyId), occupantOfUnit: true, ct);
        if (caller is null)
        {
            return (null, null);
        }

        (form.CustomerId, form.RequesterName, form.Phone, form.PropertyId) = (caller.CustomerId, caller.Name, caller.Phone, caller.PropertyId);

        if (!await WithOptionsAsync(form, ct))
        {
            return (null, null);
        }

        form.Fee = form.Type!.DefaultFee ?? form.SuggestedFee;
        if (form.Type.Kind == ServiceKind.Release)
        {
            form.CompleteNow = false;
        }

        return (form, null);
    }

    /// <summary>
    /// Fills the form's service and options; false when the service, property, unit, household or resource is not the
    /// user's to see, or they do not belong together.
    /// </summary>
    public async Task<bool> WithOptionsAsync(ServiceForm form, CancellationToken ct)
    {
        form.Type = form.TypeId is { } typeId ? await db.ServiceTypes.AsNoTracking().FirstOrDefaultAsync(s => s.Id == typeId, ct) : null;
        if (form.Type is null)
        {
            return false;
        }

        form.PropertyOptions = await db.PropertyOptionsAsync(form.PropertyId, ct);
        if (form.PropertyId is null && form.PropertyOptions.Count == 1)
        {
            form.PropertyId = Guid.Parse(form.PropertyOptions[0].Value);
        }

        if (form.PropertyId is { } pid && form.PropertyOptions.All(o => o.Value != pid.ToString()))
        {
            return false;
        }

        form.PropertyKind = form.PropertyId is { } known ? await db.Properties.Where(p => p.Id == known).Select(p => (PropertyKind?)p.Kind).FirstOrDefaultAsync(ct) : null;
        if (form.UnitId is { } uid)
        {
            var unit = await (from u in db.Units.AsNoTracking()
                              join b in db.Buildings on u.BuildingId equals b.Id
                              where u.Id == uid
                              select new { u.Number, u.PropertyId, Building = b.Name }).FirstOrDefaultAsync(ct);
            if (unit is null || unit.PropertyId != form.PropertyId)
            {
                return false;
            }

            form.UnitLabel = unit.Building + " " + unit.Number;
            form.Lookup ??= form.UnitLabel;
        }

        if (form.CustomerId is { } custId && !await db.Customers.AnyAsync(c => c.Id == custId && c.PropertyId == form.PropertyId, ct))
        {
            return false;
        }

        form.HandlerOptions = await staff.OptionsAsync(form.PropertyId, ct, RoleOf(form.Type.HandlerRole));
        if (form.Type.Kind == ServiceKind.Booking)
        {
            var resources = await db.BookableResources.AsNoTracking()
                .Where(r => r.PropertyId == form.PropertyId && r.Kind == form.Type.ResourceKind && (r.IsActive || r.Id == form.ResourceId))
                .OrderBy(r => r.SortOrder).ThenBy(r => r.Name).ToListAsync(ct);
            if (form.ResourceId is { } rid && resources.All(r => r.Id != rid))
            {
                return false;
            }

            form.ResourceId ??= resources.FirstOrDefault()?.Id;
            form.ResourceOptions = resources.Select(r => new SelectListItem($"{r.Name}{(r.Location is null ? "" : " · " + r.Location)}", r.Id.ToString(), r.Id == form.ResourceId)).ToList();
            var chosen = resources.FirstOrDefault(r => r.Id == form.ResourceId);
            form.SlotTimes = chosen is null ? [] : [.. chosen.DaySlots(), chosen.ClosesAt];
            if (chosen is not null && form.BookingFrom is { } start && form.BookingTo is null)
            {
                form.BookingTo = start.AddMinutes(chosen.SlotMinutes * (chosen.SlotMinutes >= 60 ? 1 : 60 / chosen.SlotMinutes));
                if (form.BookingTo > chosen.ClosesAt || form.BookingTo <= start)
                {
                    form.BookingTo = chosen.ClosesAt;
                }
            }

            // Only suggested for the new form: a fee the desk cleared stays cleared when the form is posted.
            form.SuggestedFee = chosen is not null && form.Type.ChargesFee && form.BookingFrom is { } f && form.BookingTo is { } to && to > f
                ? chosen.FeeFor((int)(to - f).TotalMinutes)
                : null;
        }

        return true;
    }

    /// <summary>The request's page: its clocks, one timeline of its events and the sweep's, its charge, and what the user may do.</summary>
    public async Task<ServiceDetails?> DetailsAsync(Guid id, bool canIntake, bool canApprove, CancellationToken ct)
    {
        var request = await db.ServiceRequests.AsNoTracking().Include(r => r.Events).Include(r => r.Booking).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (request is null)
        {
            return null;
        }

        var now = Now;
        var propertyName = await db.Properties.Where(p => p.Id == request.PropertyId).Select(p => p.Name).FirstAsync(ct);
        var unit = request.UnitId is { } uid
            ? await (from u in db.Units join b in db.Buildings on u.BuildingId equals b.Id where u.Id == uid select new { u.Number, Building = b.Name }).FirstOrDefaultAsync(ct)
            : null;
        var customer = request.CustomerId is { } cid ? await db.Customers.Where(c => c.Id == cid).Select(c => c.Name).FirstOrDefaultAsync(ct) : null;
        var clocks = await caseClocks.ReadForCaseAsync(id, ct);
        var slaEvents = await db.SlaEvents.AsNoTracking().Where(e => e.SubjectId == id).ToListAsync(ct);
        var userIds = clocks.Select(c => c.AssigneeId).OfType<string>().Distinct().ToList();
        var names = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var timeline = request.Events
            .Select(e => new TimelineEntry(e.At, e.ActorName, shared.Enum(e.Kind),
                e.Kind == ServiceEventKind.Charged && decimal.TryParse(e.Note, NumberStyles.Number, CultureInfo.InvariantCulture, out var fee) ? ViewHelpers.Money(fee) : e.Note,
                e.Kind is ServiceEventKind.Cancelled or ServiceEventKind.Rejected or ServiceEventKind.BookingCancelled ? "text-danger" : ""))
            .Concat(slaEvents.Select(e => new TimelineEntry(e.FiredAt, t["Services.System"], $"{shared.Enum(e.Milestone)} · {shared.Enum(e.Kind)}",
                t["Services.DueWas", ViewHelpers.Time(e.Kind == SlaEventKind.Warning ? clocks.FirstOrDefault(c => c.Id == e.ClockId)?.DueAt : e.ScheduledAt)],
                e.Kind == SlaEventKind.Warning ? "text-warning-emphasis" : "text-danger")))
            .OrderByDescending(e => e.At)
            .ToList();

        var key = ServiceSteps.ChargeKey(id);
        var charge = await db.Charges.AsNoTracking().Where(c => c.SourceKey == key)
            .Select(c => new ServiceCharge(c.Id, c.Amount, c.Paid, c.ReversedAt != null)).FirstOrDefaultAsync(ct);
        decimal? suggested = null;
        if (request.ChargesFee && request.IsOpen)
        {
            var type = await db.ServiceTypes.AsNoTracking().FirstAsync(s => s.Id == request.CategoryId, ct);
            suggested = type.DefaultFee;
            if (request.Booking is { } booking)
            {
                suggested = await db.BookableResources.Where(r => r.Id == booking.ResourceId).Select(r => r.HourlyRate).FirstOrDefaultAsync(ct) is { } rate
                    ? Domain.Fees.Money.Round(rate * booking.Minutes / 60m)
                    : suggested;
            }
        }

        IReadOnlyList<HeldItem> held = [];
        if (request.Kind == ServiceKind.LostAndFound && request.IsOpen)
        {
            held = await db.FoundItems.AsNoTracking().Where(f => f.PropertyId == request.PropertyId && f.Status == FoundItemStatus.Held)
                .OrderByDescending(f => f.FoundAt).Take(20)
                .Select(f => new HeldItem(f.Id, f.Number, f.Description, f.FoundAt, f.FoundWhere)).ToListAsync(ct);
        }

        var type2 = await db.ServiceTypes.AsNoTracking().Where(s => s.Id == request.CategoryId).Select(s => s.HandlerRole).FirstAsync(ct);
        return new ServiceDetails(request, propertyName, unit?.Building, unit?.Number, customer,
            clocks.Select(c => ClockView.From(c, now, names)).ToList(), timeline, await staff.OptionsAsync(request.PropertyId, ct, RoleOf(type2)),
            canIntake, canApprove, suggested, charge, held, PortalClock.Today(time), now);
    }

    /// <summary>The release slip: only for an approved (or released) release the user may see.</summary>
    public async Task<ReleaseSlip?> SlipAsync(Guid id, CancellationToken ct)
    {
        var request = await db.ServiceRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id && r.Kind == ServiceKind.Release, ct);
        return request is null ? null : await SlipOfAsync(request, ct);
    }

    /// <summary>门岗核验: the slip of a number typed at the gate, and whether it lets the items out today.</summary>
    public async Task<ReleaseCheck> CheckAsync(string? number, CancellationToken ct)
    {
        var n = number?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(n))
        {
            return new ReleaseCheck(null, null, false, null);
        }

        var request = await db.ServiceRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Number == n && r.Kind == ServiceKind.Release, ct);
        if (request is null)
        {
            return new ReleaseCheck(n, null, false, t["Services.CheckUnknown"]);
        }

        var slip = await SlipOfAsync(request, ct);
        var today = PortalClock.Today(time);
        var why = request.Status switch
        {
            ServiceStatus.Approved when request.ReleaseDate == today => null,
            ServiceStatus.Approved => t["Services.CheckWrongDay", ViewHelpers.Date(request.ReleaseDate)].Value,
            ServiceStatus.Completed => t["Services.CheckUsed", ViewHelpers.Time(request.CompletedAt)].Value,
            _ => t["Services.CheckNotApproved", shared.Enum(request.Status)].Value,
        };
        return new ReleaseCheck(n, slip, why is null, why);
    }

    /// <summary>The resources of the user's properties (one property at a time when they have several), with today's bookings counted.</summary>
    public async Task<ResourceList?> ResourcesAsync(Guid? propertyId, DateOnly? date, CancellationToken ct)
    {
        var properties = await db.PropertyOptionsAsync(propertyId, ct);
        if (propertyId is { } pid && properties.All(p => p.Value != pid.ToString()))
        {
            return null;
        }

        var day = date ?? PortalClock.Today(time);
        var (dayStart, dayEnd) = CaseFilters.ReceivedRange(day, day);
        var resources = db.BookableResources.AsNoTracking().Where(r => r.IsActive && (propertyId == null || r.PropertyId == propertyId));
        var rows = await (from r in resources
                          join p in db.Properties on r.PropertyId equals p.Id
                          orderby p.Code, r.Kind, r.SortOrder, r.Name
                          select new ResourceRow(r.Id, p.Name, r.Kind, r.Name, r.Location, r.SlotMinutes, r.OpensAt, r.ClosesAt, r.HourlyRate,
                              db.Bookings.Count(b => b.ResourceId == r.Id && b.Status == BookingStatus.Booked && b.StartsAt < dayEnd && b.EndsAt > dayStart)))
            .ToListAsync(ct);
        return new ResourceList(propertyId, properties, day, rows);
    }

    /// <summary>A resource's day: each slot free, gone by, or held (by which request); the service that books it, for the free slots' links.</summary>
    public async Task<ResourceDay?> DayAsync(Guid resourceId, DateOnly? date, bool canIntake, CancellationToken ct)
    {
        var resource = await db.BookableResources.AsNoTracking().FirstOrDefaultAsync(r => r.Id == resourceId, ct);
        if (resource is null)
        {
            return null;
        }

        var day = date ?? PortalClock.Today(time);
        var (dayStart, dayEnd) = CaseFilters.ReceivedRange(day, day);
        var bookings = await (from b in db.Bookings.AsNoTracking()
                              join r in db.ServiceRequests on b.RequestId equals r.Id
                              where b.ResourceId == resourceId && b.Status == BookingStatus.Booked && b.StartsAt < dayEnd && b.EndsAt > dayStart
                              select new { b.StartsAt, b.EndsAt, r.Id, r.Number, r.RequesterName }).ToListAsync(ct);
        var now = Now;
        var slots = resource.DaySlots().Select(s =>
        {
            var startUtc = PortalClock.ToUtc(day.ToDateTime(s));
            var held = bookings.FirstOrDefault(b => b.StartsAt <= startUtc && b.EndsAt > startUtc);
            return new SlotView(s, s.AddMinutes(resource.SlotMinutes), startUtc.AddMinutes(resource.SlotMinutes) <= now, held?.Id, held?.Number, held?.RequesterName);
        }).ToList();
        var propertyName = await db.Properties.Where(p => p.Id == resource.PropertyId).Select(p => p.Name).FirstAsync(ct);
        var typeId = await db.ServiceTypes.Where(s => s.IsActive && s.Kind == ServiceKind.Booking && s.ResourceKind == resource.Kind)
            .OrderBy(s => s.SortOrder).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(ct);
        return new ResourceDay(resource, propertyName, day, slots, typeId, canIntake);
    }

    /// <summary>Lost and found: the register, held first, with the items unclaimed past the property's setting marked (and countable).</summary>
    public async Task<FoundItemList?> FoundItemsAsync(Guid? propertyId, FoundItemStatus? status, bool unclaimedOnly, CancellationToken ct)
    {
        var properties = await db.PropertyOptionsAsync(propertyId, ct);
        if (propertyId is { } pid && properties.All(p => p.Value != pid.ToString()))
        {
            return null;
        }

        var items = await (from f in db.FoundItems.AsNoTracking()
                           join p in db.Properties on f.PropertyId equals p.Id
                           where (propertyId == null || f.PropertyId == propertyId) && (status == null || f.Status == status)
                           orderby f.Status, f.FoundAt descending
                           select new { Item = f, PropertyName = p.Name }).Take(500).ToListAsync(ct);
        var settings = await limits.ForAllAsync([.. items.Select(i => i.Item.PropertyId).Distinct()], ct);
        var now = Now;
        var rows = items.Select(i => new FoundItemRow(i.Item.Id, i.Item.Number, i.PropertyName, i.Item.Description, i.Item.FoundAt, i.Item.FoundWhere,
                i.Item.StoredWhere, i.Item.Status, i.Item.IsUnclaimed(now, settings[i.Item.PropertyId].UnclaimedAfterDays)))
            .ToList();
        return new FoundItemList(propertyId, properties, status, unclaimedOnly, unclaimedOnly ? rows.Where(r => r.Unclaimed).ToList() : rows, rows.Count(r => r.Unclaimed));
    }

    public async Task<FoundItemPage?> FoundItemAsync(Guid id, CancellationToken ct)
    {
        var item = await db.FoundItems.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, ct);
        if (item is null)
        {
            return null;
        }

        var days = (await limits.ForAsync(item.PropertyId, ct)).UnclaimedAfterDays;
        var propertyName = await db.Properties.Where(p => p.Id == item.PropertyId).Select(p => p.Name).FirstAsync(ct);
        return new FoundItemPage(item, propertyName, item.IsUnclaimed(Now, days), days);
    }

    public static string RoleOf(ServiceHandlerRole role) => role switch
    {
        ServiceHandlerRole.Steward => Roles.Steward,
        ServiceHandlerRole.Supervisor => Roles.Supervisor,
        ServiceHandlerRole.Technician => Roles.Technician,
        _ => Roles.FrontDesk,
    };

    private async Task<ReleaseSlip?> SlipOfAsync(ServiceRequest request, CancellationToken ct)
    {
        var propertyName = await db.Properties.Where(p => p.Id == request.PropertyId).Select(p => p.Name).FirstAsync(ct);
        var unit = request.UnitId is { } uid
            ? await (from u in db.Units join b in db.Buildings on u.BuildingId equals b.Id where u.Id == uid select new { u.Number, Building = b.Name }).FirstOrDefaultAsync(ct)
            : null;
        var customer = request.CustomerId is { } cid ? await db.Customers.Where(c => c.Id == cid).Select(c => c.Name).FirstOrDefaultAsync(ct) : null;
        return new ReleaseSlip(request, propertyName, unit?.Building, unit?.Number, customer);
    }
}
