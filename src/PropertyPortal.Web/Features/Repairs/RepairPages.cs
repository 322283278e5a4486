using System.Globalization;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Features.Shared;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.Repairs;

/// <summary>What the repair pages show: the register (and its export), the technician's page, an order with its clocks and timeline, and the intake form.</summary>
public sealed class RepairPages(
    PortalDbContext db, CaseClocks caseClocks, StaffDirectory staff, TimeProvider time, IStringLocalizer<RepairsText> t, IStringLocalizer<SharedResource> shared)
{
    /// <summary>Cards on the technician's phone page; anything beyond waits its turn (most urgent first).</summary>
    public const int MineCards = 30;

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>The register: the shared case filters (<see cref="CaseFilters"/>) and the repairs' own (status, open, urgency, text).</summary>
    public IQueryable<RepairOrder> Filtered(RepairFilter f)
    {
        var query = db.RepairOrders.AsNoTracking().Filtered(f, db, Now);
        if (f.Status is { } status)
        {
            query = query.Where(o => o.Status == status);
        }

        if (f.Open)
        {
            query = query.Where(o => o.Status == RepairStatus.Accepted || o.Status == RepairStatus.Dispatched || o.Status == RepairStatus.OnSite || o.Status == RepairStatus.Paused);
        }

        if (f.Urgency is { } urgency)
        {
            query = query.Where(o => o.Urgency == urgency);
        }

        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var q = f.Q.Trim();
            query = query.Where(o => o.Number == q.ToUpperInvariant() || o.Phone == q || o.ReporterName == q || o.Location.Contains(q));
        }

        return query;
    }

    /// <summary>One page of the register (<see cref="CaseFilters.PageOf{T}"/>) with names and each order's next due time.</summary>
    public IQueryable<RepairRow> Rows(IQueryable<RepairOrder> query, int skip, int take)
    {
        var now = Now;
        var running = db.RunningClocks();
        return from o in query.PageOf(skip, take)
               join p in db.Properties on o.PropertyId equals p.Id
               join c in db.RepairCategories on o.CategoryId equals c.Id
               orderby o.ReceivedAt descending, o.Number descending
               let next = running.Where(k => k.SubjectId == o.Id).Min(k => (DateTime?)k.DueAt)
               select new RepairRow(o.Id, o.Number, p.Name, o.ReceivedAt, o.ReporterName, o.Phone, o.Location, c.Name, o.Urgency, o.Status,
                   o.TechnicianName, o.ChaseCount, next, next != null && next < now);
    }

    public async Task<RepairList> ListAsync(RepairFilter filter, HttpRequest request, bool canIntake, CancellationToken ct)
    {
        var query = Filtered(filter);
        var paging = await query.PagingAsync(request, filter.Page, ct);
        var rows = await Rows(query, paging.Skip, paging.PageSize).ToListAsync(ct);
        return new RepairList(filter, await db.PropertyOptionsAsync(filter.PropertyId, ct), await CategoryOptionsAsync(filter.CategoryId, true, ct),
            rows, paging, canIntake);
    }

    /// <summary>Orders dispatched to <paramref name="me"/>, most urgent clock first: the technician's phone page.</summary>
    public async Task<MyOrders> MineAsync(string? me, CancellationToken ct)
    {
        var mine = db.RepairOrders.AsNoTracking()
            .Where(o => o.TechnicianId == me && (o.Status == RepairStatus.Dispatched || o.Status == RepairStatus.OnSite || o.Status == RepairStatus.Paused));
        var total = await mine.CountAsync(ct);

        // Most urgent first: my running on-site/finish clocks in due order (one index range), then the
        // orders with no running clock (paused) — never every order's clocks.
        var clocks = await db.SlaClocks.AsNoTracking()
            .Where(c => c.AssigneeId == me && c.State == SlaClockState.Running && c.Subject == SlaSubject.RepairOrder
                        && (c.Milestone == SlaMilestone.OnSite || c.Milestone == SlaMilestone.Finished))
            .OrderBy(c => c.DueAt).Take(MineCards * 2)
            .Select(c => new { c.SubjectId, c.DueAt, c.Milestone })
            .ToListAsync(ct);
        var next = clocks.GroupBy(c => c.SubjectId).Take(MineCards).ToDictionary(g => g.Key, g => g.First());
        var ids = next.Keys.ToList();
        var found = await mine.Where(o => ids.Contains(o.Id)).ToListAsync(ct);
        if (found.Count < MineCards)
        {
            found.AddRange(await mine.Where(o => !ids.Contains(o.Id)).OrderBy(o => o.Number).Take(MineCards - found.Count).ToListAsync(ct));
        }

        var orders = found
            .Select(o => (Order: o, Next: next.GetValueOrDefault(o.Id)))
            .OrderBy(x => x.Next?.DueAt ?? DateTime.MaxValue).ThenBy(x => x.Order.Number)
            .Select(x => new MyOrder(x.Order.Id, x.Order.Number, x.Order.Urgency, x.Order.Status, x.Order.Billing, x.Order.Location,
                x.Order.Description, x.Order.ReporterName, x.Order.Phone, x.Order.AppointmentAt, x.Next?.DueAt, x.Next?.Milestone, x.Order.Version,
                x.Order.CallbackRule == CallbackRule.Leak))
            .ToList();
        return new MyOrders(orders, total);
    }

    /// <summary>The order's page: its clocks and its callback's, and one timeline of its events and the sweep's.</summary>
    public async Task<RepairDetails?> DetailsAsync(Guid id, bool canIntake, string? me, CancellationToken ct)
    {
        var order = await db.RepairOrders.AsNoTracking().Include(o => o.Events).FirstOrDefaultAsync(o => o.Id == id, ct);
        if (order is null)
        {
            return null;
        }

        var now = Now;
        var propertyName = await db.Properties.Where(p => p.Id == order.PropertyId).Select(p => p.Name).FirstAsync(ct);
        var category = await db.RepairCategories.Where(c => c.Id == order.CategoryId).Select(c => c.Group + " · " + c.Name).FirstOrDefaultAsync(ct) ?? "";
        var unit = order.UnitId is { } uid ? await db.Units.Where(u => u.Id == uid).Select(u => u.Number).FirstOrDefaultAsync(ct) : null;
        var customer = order.CustomerId is { } cid ? await db.Customers.Where(c => c.Id == cid).Select(c => c.Name).FirstOrDefaultAsync(ct) : null;
        var callback = await db.Callbacks.AsNoTracking().Include(c => c.Attempts).Where(c => c.RepairOrderId == id).OrderByDescending(c => c.CreatedAt).FirstOrDefaultAsync(ct);
        var subjectIds = await caseClocks.SubjectsOfAsync(id, ct);
        var clocks = await caseClocks.ReadAsync(subjectIds, ct);
        var slaEvents = await db.SlaEvents.AsNoTracking().Where(e => subjectIds.Contains(e.SubjectId)).ToListAsync(ct);
        var userIds = clocks.Select(c => c.AssigneeId).OfType<string>().Distinct().ToList();
        var names = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var photos = await db.Attachments.AsNoTracking().Where(a => a.OwnerType == nameof(RepairOrder) && a.OwnerId == id).OrderBy(a => a.UploadedAt).ToListAsync(ct);

        var timeline = order.Events
            .Select(e => new TimelineEntry(e.At, e.ActorName, shared.Enum(e.Kind),
                e.Kind == RepairEventKind.AppointmentChanged && e.Note is not null
                    ? ViewHelpers.Time(DateTime.Parse(e.Note, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal))
                    : e.Note is "backdated" ? t["Repairs.Backdated"] : Pauses.PauseNotes.Readable(e.Kind.ToString(), e.Note, shared),
                e.ToStatus == RepairStatus.Cancelled ? "text-danger" : ""))
            .Concat(slaEvents.Select(e => new TimelineEntry(e.FiredAt, t["Repairs.System"], $"{shared.Enum(e.Milestone)} · {shared.Enum(e.Kind)}",
                t["Repairs.DueWas", ViewHelpers.Time(e.Kind == SlaEventKind.Warning ? clocks.FirstOrDefault(c => c.Id == e.ClockId)?.DueAt : e.ScheduledAt)],
                e.Kind == SlaEventKind.Warning ? "text-warning-emphasis" : "text-danger")))
            .OrderByDescending(e => e.At)
            .ToList();

        return new RepairDetails(order, propertyName, category, unit, customer,
            clocks.Select(c => ClockView.From(c, now, names)).ToList(), timeline, callback, photos,
            await TechnicianOptionsAsync(order.PropertyId, ct), canIntake, order.TechnicianId == me, now);
    }

    /// <summary>The intake form, prefilled from a contact, a complaint, a unit or a customer; null when one of them is not the user's to see.</summary>
    public async Task<(RepairForm? Form, Guid? OrderedAlready)> NewFormAsync(Guid? contactId, Guid? unitId, Guid? customerId, Guid? propertyId, Guid? complaintId,
        CancellationToken ct)
    {
        var form = new RepairForm { ContactId = contactId, UnitId = unitId, CustomerId = customerId, PropertyId = propertyId, ComplaintId = complaintId, ReceivedAt = PortalClock.ToLocal(Now) };
        if (complaintId is { } fromComplaint)
        {
            var complaint = await db.Complaints.AsNoTracking().Where(c => c.Id == fromComplaint)
                .Select(c => new { c.PropertyId, c.ComplainantName, c.Phone, c.Location, c.Content }).FirstOrDefaultAsync(ct);
            if (complaint is null)
            {
                return (null, null);
            }

            (form.PropertyId, form.ReporterName, form.Phone, form.Location, form.Description) =
                (complaint.PropertyId, complaint.ComplainantName, complaint.Phone, complaint.Location, complaint.Content);
        }

        if (contactId is { } cid)
        {
            var contact = await IntakeCaller.FromContactAsync(db, cid, c => c.RepairOrderId, ct);
            if (contact is null || contact.OpenedAlready is not null)
            {
                return (null, contact?.OpenedAlready);
            }

            (form.PropertyId, form.UnitId, form.CustomerId, form.ReporterName, form.Phone, form.Description, form.ReceivedAt) =
                (contact.PropertyId, contact.UnitId, contact.CustomerId, contact.Name, contact.Phone, contact.Text, contact.ReceivedAtLocal);
            form.PhoneReplied = contact.Source == Domain.FrontDesk.ContactSource.Visit;
        }

        var caller = await IntakeCaller.CompleteAsync(db, time, form.UnitId, new(form.CustomerId, form.ReporterName, form.Phone, form.PropertyId), occupantOfUnit: true, ct);
        if (caller is null)
        {
            return (null, null);
        }

        (form.CustomerId, form.ReporterName, form.Phone, form.PropertyId) = (caller.CustomerId, caller.Name, caller.Phone, caller.PropertyId);

        if (!await WithOptionsAsync(form, ct))
        {
            return (null, null);
        }

        // The unit's warranty decides the usual billing (保修/有偿); the clerk may still change it.
        if (form.WarrantyNote is not null && form.UnitId is not null)
        {
            form.Billing = form.WarrantyNote == t["Repairs.InWarranty"] ? RepairBilling.Warranty : RepairBilling.Paid;
        }

        return (form, null);
    }

    /// <summary>Fills the form's options; false when the property, unit or customer is not the user's to see (or do not belong together).</summary>
    public async Task<bool> WithOptionsAsync(RepairForm form, CancellationToken ct)
    {
        form.PropertyOptions = await db.PropertyOptionsAsync(form.PropertyId, ct);
        if (form.PropertyId is null && form.PropertyOptions.Count == 1)
        {
            form.PropertyId = Guid.Parse(form.PropertyOptions[0].Value);
        }

        if (form.PropertyId is { } pid && form.PropertyOptions.All(o => o.Value != pid.ToString()))
        {
            return false;
        }

        if (form.UnitId is { } uid)
        {
            var unit = await db.Units.AsNoTracking().Where(u => u.Id == uid).Select(u => new { u.Number, u.PropertyId, u.WarrantyUntil }).FirstOrDefaultAsync(ct);
            if (unit is null || unit.PropertyId != form.PropertyId)
            {
                return false;
            }

            form.UnitLabel = unit.Number;
            form.Location ??= unit.Number;
            form.WarrantyNote = unit.WarrantyUntil is { } w && w >= PortalClock.Today(time) ? t["Repairs.InWarranty"] : t["Repairs.OutOfWarranty"];
        }

        if (form.CustomerId is { } custId && !await db.Customers.AnyAsync(c => c.Id == custId && c.PropertyId == form.PropertyId, ct))
        {
            return false;
        }

        form.CategoryOptions = await CategoryOptionsAsync(form.CategoryId, false, ct);
        form.TechnicianOptions = await TechnicianOptionsAsync(form.PropertyId, ct);
        return true;
    }

    private Task<IReadOnlyList<SelectListItem>> CategoryOptionsAsync(Guid? selected, bool includeInactive, CancellationToken ct) =>
        db.CategoryOptionsAsync<RepairCategory>("repairs:categories",
            q => q.OrderBy(c => c.SortOrder).ThenBy(c => c.Name).Select(c => new CategoryOption(c.Id, c.Group + " · " + c.Name, c.IsActive)), selected, includeInactive, ct);

    private Task<IReadOnlyList<SelectListItem>> TechnicianOptionsAsync(Guid? propertyId, CancellationToken ct) =>
        staff.OptionsAsync(propertyId, ct, Roles.Technician);
}
