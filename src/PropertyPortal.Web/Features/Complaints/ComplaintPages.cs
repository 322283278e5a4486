using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Complaints;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Features.Shared;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.Complaints;

/// <summary>What the complaint pages show: the register (and its export), a complaint with its clocks and timeline, and the intake form.</summary>
public sealed class ComplaintPages(
    PortalDbContext db, CaseClocks caseClocks, StaffDirectory staff, TimeProvider time, IStringLocalizer<ComplaintsText> t, IStringLocalizer<SharedResource> shared)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>The register: the shared case filters (<see cref="CaseFilters"/>) and the complaints' own (status, open, tier, text).</summary>
    public IQueryable<Complaint> Filtered(ComplaintFilter f)
    {
        var query = db.Complaints.AsNoTracking().Filtered(f, db, Now);
        if (f.Status is { } status)
        {
            query = query.Where(c => c.Status == status);
        }

        if (f.Open)
        {
            query = query.Where(c => c.Status != ComplaintStatus.Closed);
        }

        if (f.Tier is { } tier)
        {
            query = query.Where(c => c.Tier == tier);
        }

        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var q = f.Q.Trim();
            query = query.Where(c => c.Number == q.ToUpperInvariant() || c.Phone == q || c.ComplainantName == q || c.Content.Contains(q));
        }

        return query;
    }

    /// <summary>One page of the register (<see cref="CaseFilters.PageOf{T}"/>) with names and each complaint's next due time.</summary>
    public IQueryable<ComplaintRow> Rows(IQueryable<Complaint> query, int skip, int take)
    {
        var now = Now;
        var running = db.RunningClocks();
        return from c in query.PageOf(skip, take)
               join p in db.Properties on c.PropertyId equals p.Id
               join k in db.ComplaintCategories on c.CategoryId equals k.Id
               orderby c.ReceivedAt descending, c.Number descending
               let next = running.Where(x => x.SubjectId == c.Id).Min(x => (DateTime?)x.DueAt)
               select new ComplaintRow(c.Id, c.Number, p.Name, c.ReceivedAt, c.ComplainantName, c.Phone, k.Name, c.Tier, c.Status, c.IsValid,
                   c.OngoingHarm && c.HarmStoppedAt == null, c.IsRepeat, c.OwnerName, next, next != null && next < now);
    }

    public async Task<ComplaintList> ListAsync(ComplaintFilter filter, HttpRequest request, CancellationToken ct)
    {
        var query = Filtered(filter);
        var paging = await query.PagingAsync(request, filter.Page, ct);
        var rows = await Rows(query, paging.Skip, paging.PageSize).ToListAsync(ct);
        return new ComplaintList(filter, await db.PropertyOptionsAsync(filter.PropertyId, ct), await CategoryOptionsAsync(filter.CategoryId, true, ct),
            rows, paging, true);
    }

    /// <summary>The complaint's page: its clocks, its repairs and callback, and one timeline of its events and the sweep's.</summary>
    public async Task<ComplaintDetails?> DetailsAsync(Guid id, bool canSupervise, bool isManager, string? me, CancellationToken ct)
    {
        var c = await db.Complaints.AsNoTracking().Include(x => x.Events).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
        {
            return null;
        }

        var propertyName = await db.Properties.Where(p => p.Id == c.PropertyId).Select(p => p.Name).FirstAsync(ct);
        var category = await db.ComplaintCategories.Where(x => x.Id == c.CategoryId).Select(x => x.Name).FirstOrDefaultAsync(ct) ?? "";
        var unit = c.UnitId is { } uid ? await db.Units.Where(u => u.Id == uid).Select(u => u.Number).FirstOrDefaultAsync(ct) : null;
        var clocks = await caseClocks.ReadAsync([id], ct);
        var slaEvents = await db.SlaEvents.AsNoTracking().Where(e => e.SubjectId == id).ToListAsync(ct);
        var userIds = clocks.Select(k => k.AssigneeId).OfType<string>().Distinct().ToList();
        var names = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var now = Now;
        var repairs = (await db.RepairOrders.AsNoTracking().Where(o => o.ComplaintId == id).OrderBy(o => o.ReceivedAt)
                .Select(o => new { o.Id, o.Number, o.Status }).ToListAsync(ct))
            .Select(o => (o.Id, o.Number, shared.Enum(o.Status))).ToList();
        var callbackId = await db.Callbacks.Where(x => x.ComplaintId == id).OrderByDescending(x => x.CreatedAt).Select(x => (Guid?)x.Id).FirstOrDefaultAsync(ct);
        var timeline = c.Events
            .Select(e => new Repairs.TimelineEntry(e.At, e.ActorName, shared.Enum(e.Kind), e.Note is "backdated" ? t["Complaints.Backdated"] : Readable(e.Kind, e.Note),
                e.Kind is ComplaintEventKind.Reopened or ComplaintEventKind.MarkedInvalid ? "text-danger" : ""))
            .Concat(slaEvents.Select(e => new Repairs.TimelineEntry(e.FiredAt, t["Complaints.System"], $"{shared.Enum(e.Milestone)} · {shared.Enum(e.Kind)}", null,
                e.Kind == SlaEventKind.Warning ? "text-warning-emphasis" : "text-danger")))
            .OrderByDescending(e => e.At)
            .ToList();
        var photos = await db.Attachments.AsNoTracking().Where(a => a.OwnerType == nameof(Complaint) && a.OwnerId == id).OrderBy(a => a.UploadedAt).ToListAsync(ct);
        return new ComplaintDetails(c, propertyName, category, unit, now, photos,
            clocks.Select(k => Repairs.ClockView.From(k, now, names)).ToList(), timeline, repairs, callbackId,
            await staff.OptionsAsync(c.PropertyId, ct, Roles.FrontDesk, Roles.Steward, Roles.Supervisor, Roles.Manager, Roles.Technician),
            true, canSupervise, isManager, c.OwnerId == me);
    }

    /// <summary>The intake form, prefilled from a contact, a customer or a unit; null when one of them is not the user's to see.</summary>
    public async Task<(ComplaintForm? Form, Guid? ComplaintAlready)> NewFormAsync(Guid? contactId, Guid? unitId, Guid? customerId, Guid? propertyId, CancellationToken ct)
    {
        var form = new ComplaintForm { ContactId = contactId, UnitId = unitId, CustomerId = customerId, PropertyId = propertyId, ReceivedAt = PortalClock.ToLocal(Now) };
        if (contactId is { } cid)
        {
            var contact = await IntakeCaller.FromContactAsync(db, cid, c => c.ComplaintId, ct);
            if (contact is null || contact.OpenedAlready is not null)
            {
                return (null, contact?.OpenedAlready);
            }

            (form.PropertyId, form.UnitId, form.CustomerId, form.ComplainantName, form.Phone, form.Content, form.ReceivedAt) =
                (contact.PropertyId, contact.UnitId, contact.CustomerId, contact.Name, contact.Phone, contact.Text, contact.ReceivedAtLocal);
            form.Channel = contact.Source == Domain.FrontDesk.ContactSource.Visit ? ComplaintChannel.Visit : ComplaintChannel.Phone;
        }

        var caller = await IntakeCaller.CompleteAsync(db, time, form.UnitId, new(form.CustomerId, form.ComplainantName, form.Phone, form.PropertyId), occupantOfUnit: false, ct);
        if (caller is null)
        {
            return (null, null);
        }

        (form.CustomerId, form.ComplainantName, form.Phone, form.PropertyId) = (caller.CustomerId, caller.Name, caller.Phone, caller.PropertyId);

        return (await WithOptionsAsync(form, ct) ? form : null, null);
    }

    /// <summary>Fills the form's options; false when the property or unit is not the user's to see (or they do not belong together).</summary>
    public async Task<bool> WithOptionsAsync(ComplaintForm form, CancellationToken ct)
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
            var unit = await db.Units.AsNoTracking().Where(u => u.Id == uid).Select(u => new { u.Number, u.PropertyId }).FirstOrDefaultAsync(ct);
            if (unit is null || (form.PropertyId is { } p && unit.PropertyId != p))
            {
                return false;
            }

            form.UnitLabel = unit.Number;
            form.Location ??= unit.Number;
        }

        form.CategoryOptions = await CategoryOptionsAsync(form.CategoryId, false, ct);
        return true;
    }

    /// <summary>The domain writes channels and tiers into notes by their code names; people read them in their language.</summary>
    private string? Readable(ComplaintEventKind kind, string? note)
    {
        if (kind is ComplaintEventKind.PauseRequested or ComplaintEventKind.Paused)
        {
            return Pauses.PauseNotes.Readable(kind.ToString(), note, shared);
        }

        if (note is null)
        {
            return null;
        }

        if (kind is ComplaintEventKind.Replied or ComplaintEventKind.CustomerAgreed or ComplaintEventKind.ResultNotified)
        {
            foreach (var channel in Enum.GetValues<ReplyChannel>())
            {
                if (note.StartsWith(channel.ToString(), StringComparison.Ordinal))
                {
                    return shared.Enum(channel) + note[channel.ToString().Length..];
                }
            }
        }

        if (kind == ComplaintEventKind.Retiered)
        {
            foreach (var tier in Enum.GetValues<ComplaintTier>())
            {
                note = note.Replace(tier + " ", shared.Enum(tier) + " ", StringComparison.Ordinal).Replace(" " + tier + ":", " " + shared.Enum(tier) + ":", StringComparison.Ordinal);
            }
        }

        return note;
    }

    private Task<IReadOnlyList<SelectListItem>> CategoryOptionsAsync(Guid? selected, bool includeInactive, CancellationToken ct) =>
        db.CategoryOptionsAsync<ComplaintCategory>("complaints:categories",
            q => q.OrderBy(c => c.SortOrder).ThenBy(c => c.Name).Select(c => new CategoryOption(c.Id, c.Name, c.IsActive)), selected, includeInactive, ct);
}
