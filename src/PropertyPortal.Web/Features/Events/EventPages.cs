using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Community;
using PropertyPortal.Web.Features.Shared;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.Events;

/// <summary>What the event pages show: the register (and its export), an event with its clocks and timeline, the plan form, the invitation list, the record form.</summary>
public sealed class EventPages(
    PortalDbContext db, CaseTimeline timelines, SlaSettings settings, AudienceSelector audience, EventApprovers approvers, PublicWelfareRule welfare,
    TimeProvider time, IStringLocalizer<EventsText> t, IStringLocalizer<SharedResource> shared)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public IQueryable<CommunityEvent> Filtered(EventFilter f)
    {
        var query = db.CommunityEvents.AsNoTracking();
        if (f.PropertyId is { } pid)
        {
            query = query.Where(e => e.PropertyId == pid);
        }

        if (f.Year is { } year)
        {
            var from = PortalClock.ToUtc(new DateTime(year, 1, 1));
            var to = PortalClock.ToUtc(new DateTime(year + 1, 1, 1));
            query = query.Where(e => e.StartsAt >= from && e.StartsAt < to);
        }

        if (f.Status is { } status)
        {
            query = query.Where(e => e.Status == status);
        }

        if (f.PublicWelfare)
        {
            query = query.Where(e => e.PublicWelfare);
        }

        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var q = f.Q.Trim();
            query = query.Where(e => e.Number == q.ToUpperInvariant() || e.Theme.Contains(q) || e.Place.Contains(q));
        }

        return query;
    }

    public IQueryable<EventRow> Rows(IQueryable<CommunityEvent> query, int skip, int take)
    {
        var now = Now;
        var running = db.RunningClocks();
        return from e in query.OrderByDescending(e => e.StartsAt).ThenByDescending(e => e.Number).Skip(skip).Take(take)
               join p in db.Properties on e.PropertyId equals p.Id
               orderby e.StartsAt descending, e.Number descending
               let next = running.Where(k => k.SubjectId == e.Id).Min(k => (DateTime?)k.DueAt)
               select new EventRow(e.Id, e.Number, p.Name, e.Theme, e.Form, e.StartsAt, e.Place, e.Status, e.PublicWelfare, e.Large, e.AdHoc,
                   e.ExpectedAttendance, e.ActualAttendance, next, next != null && next < now);
    }

    public async Task<EventList> ListAsync(EventFilter filter, HttpRequest request, CancellationToken ct)
    {
        var query = Filtered(filter);
        var total = await query.CountAsync(ct);
        var paging = PageInfo.For(request, Math.Clamp(filter.Page, 1, Math.Max(1, (total + PageInfo.DefaultSize - 1) / PageInfo.DefaultSize)), total);
        var rows = await Rows(query, paging.Skip, paging.PageSize).ToListAsync(ct);
        var year = filter.Year ?? PortalClock.Today(time).Year;
        var plans = await (from p in db.AnnualEventPlans.AsNoTracking()
                           join pr in db.Properties on p.PropertyId equals pr.Id
                           where p.Year == year
                           orderby pr.Code
                           select new PlanSummary(p.Id, p.Number, pr.Name, p.Year, p.Status, p.Rows.Count)).ToListAsync(ct);
        return new EventList(filter, await db.PropertyOptionsAsync(filter.PropertyId, ct), rows, paging, await welfare.AlertsAsync(ct), plans);
    }

    public async Task<EventDetails?> DetailsAsync(Guid id, bool review, bool manager, Decider decider, CancellationToken ct)
    {
        var e = await db.CommunityEvents.AsNoTracking().Include(x => x.Events).Include(x => x.Budget).Include(x => x.Checks).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (e is null)
        {
            return null;
        }

        var now = Now;
        var propertyName = await db.Properties.Where(p => p.Id == e.PropertyId).Select(p => p.Name).FirstAsync(ct);
        var planNumber = e.PlanId is { } planId ? await db.AnnualEventPlans.Where(p => p.Id == planId).Select(p => p.Number).FirstOrDefaultAsync(ct) : null;
        var rowLabel = e.PlanRowId is { } rowId ? await db.AnnualPlanRows.Where(r => r.Id == rowId).Select(r => r.Theme).FirstOrDefaultAsync(ct) : null;
        var history = await timelines.ReadAsync(e, c => Describe((CommunityEventEntry)c), now, ct);
        var photos = await db.Attachments.AsNoTracking().Where(a => a.OwnerType == nameof(CommunityEvent) && a.OwnerId == id).OrderBy(a => a.UploadedAt).ToListAsync(ct);
        var invitations = await db.EventInvitations.AsNoTracking().Where(i => i.EventId == id)
            .GroupBy(i => 1)
            .Select(g => new InvitationTotals(g.Count(), g.Count(i => i.Reply != InvitationReply.NoReply), g.Count(i => i.Reply == InvitationReply.Attending),
                g.Sum(i => i.People ?? 0), g.Count(i => i.AttendedAt != null)))
            .FirstOrDefaultAsync(ct) ?? new InvitationTotals(0, 0, 0, 0, 0);
        var can = new EventPermissions(true, review, manager, await approvers.StandingAsync(e.PropertyId, decider, ct));
        return new EventDetails(e, propertyName, planNumber, rowLabel, history.Clocks, history.Timeline, photos, invitations, can, now);
    }

    /// <summary>A new event's plan form: from a row of an approved annual plan (prefilled from it) or ad hoc; null when the row or property is not the user's.</summary>
    public async Task<EventForm?> NewFormAsync(Guid? propertyId, Guid? planRowId, CancellationToken ct)
    {
        var form = new EventForm { PropertyId = propertyId, PlanRowId = planRowId, ExpectedAttendance = 50 };
        if (planRowId is { } rowId)
        {
            var row = await RowAsync(rowId, ct);
            if (row is null)
            {
                return null;
            }

            (form.PropertyId, form.Theme, form.Format, form.EventContent, form.PublicWelfare) = (row.PropertyId, row.Theme, row.Form, row.Content, row.PublicWelfare);
            var day = row.Date ?? new DateOnly(row.Year, row.Month, 1);
            form.StartsAt = day.ToDateTime(new TimeOnly(9, 30));
            if (row.Budget > 0)
            {
                form.Budget.Add(new BudgetLineInput { BudgetItem = t["Events.RowBudget"], Amount = row.Budget });
            }
        }

        form.DayRoles = t["Events.DayRolesTemplate"];
        return await WithOptionsAsync(form, ct) ? form : null;
    }

    /// <summary>The plan form of an existing event, as saved.</summary>
    public async Task<EventForm?> EditFormAsync(Guid id, CancellationToken ct)
    {
        var e = await db.CommunityEvents.AsNoTracking().Include(x => x.Budget).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (e is null)
        {
            return null;
        }

        var form = new EventForm
        {
            EventId = e.Id, Number = e.Number, PropertyId = e.PropertyId, PlanRowId = e.PlanRowId, Version = e.Version, Theme = e.Theme, Format = e.Form,
            StartsAt = PortalClock.ToLocal(e.StartsAt), EndsAt = e.EndsAt is { } end ? PortalClock.ToLocal(end) : null, Place = e.Place,
            EventContent = e.Content, Schedule = e.Schedule, DepartmentDuties = e.DepartmentDuties, PartnerProposals = e.PartnerProposals,
            EmergencyPlan = e.EmergencyPlan, EvaluationMethod = e.EvaluationMethod, DayRoles = e.DayRoles, PublicWelfare = e.PublicWelfare,
            ExpectedAttendance = e.ExpectedAttendance,
            Budget = [.. e.Budget.OrderBy(b => b.SortOrder).Select(b => new BudgetLineInput { BudgetItem = b.Item, Amount = b.Planned })],
        };
        await WithOptionsAsync(form, ct);
        return form;
    }

    /// <summary>Fills the form's options and blank budget lines; false when the property or the plan row is not the user's (or they do not belong together).</summary>
    public async Task<bool> WithOptionsAsync(EventForm form, CancellationToken ct)
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

        if (form.PlanRowId is { } rowId)
        {
            var row = await RowAsync(rowId, ct);
            if (row is null || row.PropertyId != form.PropertyId)
            {
                return false;
            }

            form.RowLabel = $"{row.Number} · {row.Month}{t["Events.Month"]} · {row.Theme}";
        }

        form.LargeOver = form.PropertyId is { } p ? (await settings.PolicyForAsync(p, ct)).LargeEventAttendance : 0;
        while (form.Budget.Count(b => b.IsBlank) < EventForm.BlankBudgetLines && form.Budget.Count < EventPlanSheet.MaxBudgetLines)
        {
            form.Budget.Add(new BudgetLineInput());
        }

        return true;
    }

    public async Task<InvitationList?> InvitationsAsync(Guid id, InviteForm? form, EventPermissions can, CancellationToken ct)
    {
        var e = await db.CommunityEvents.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (e is null)
        {
            return null;
        }

        var rows = await (from i in db.EventInvitations.AsNoTracking()
                          join c in db.Customers on i.CustomerId equals c.Id
                          join u in db.Units on i.UnitId equals (Guid?)u.Id into units
                          from u in units.DefaultIfEmpty()
                          join b in db.Buildings on u.BuildingId equals b.Id into buildings
                          from b in buildings.DefaultIfEmpty()
                          where i.EventId == id
                          orderby u.Number
                          select new InvitationRow(i.Id, c.Name, c.Phone, u.Number, b.Name, i.Reply, i.People, i.RepliedAt, i.RepliedByName, i.AttendedAt, i.Via, i.Version))
            .ToListAsync(ct);
        form ??= new InviteForm { Version = e.Version };
        form.Audience.WithFilters = true;
        form.Audience.BuildingOptions = await audience.BuildingOptionsAsync(e.PropertyId, form.Audience.BuildingIds, ct);
        var propertyName = await db.Properties.Where(p => p.Id == e.PropertyId).Select(p => p.Name).FirstAsync(ct);
        return new InvitationList(e, propertyName, rows, form, can, Now);
    }

    public async Task<RecordForm?> RecordFormAsync(Guid id, RecordForm? posted, CancellationToken ct)
    {
        var e = await db.CommunityEvents.AsNoTracking().Include(x => x.Budget).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (e is null)
        {
            return null;
        }

        var lines = e.Budget.OrderBy(b => b.SortOrder).ToList();
        var form = posted ?? new RecordForm
        {
            Version = e.Version,
            Actuals = [.. lines.Select(l => new ActualInput { LineId = l.Id, Actual = l.Actual ?? l.Planned })],
        };
        form.Lines = lines;
        while (form.Extra.Count < 3)
        {
            form.Extra.Add(new BudgetLineInput());
        }

        return form;
    }

    private sealed record RowInfo(Guid PropertyId, string Number, int Year, int Month, DateOnly? Date, string Theme, string Form, string Content, decimal Budget, bool PublicWelfare);

    /// <summary>A row of an approved plan (through the property filter).</summary>
    private Task<RowInfo?> RowAsync(Guid rowId, CancellationToken ct) =>
        (from r in db.AnnualPlanRows.AsNoTracking()
         join p in db.AnnualEventPlans on r.PlanId equals p.Id
         where r.Id == rowId && p.Status == AnnualPlanStatus.Approved
         select new RowInfo(r.PropertyId, p.Number, p.Year, r.Month, r.Date, r.Theme, r.Form, r.Content, r.Budget, r.PublicWelfare)).FirstOrDefaultAsync(ct);

    private (string What, string? Note, string Css) Describe(CommunityEventEntry e) => (shared.Enum(e.Kind), e.Kind switch
    {
        CommunityEventAction.Invited => t["Events.InvitedCount", e.Note ?? "0"],
        CommunityEventAction.Recorded => t["Events.AttendanceCount", e.Note ?? "0"],
        CommunityEventAction.Evaluated => t["Events.ScoreNote", e.Note ?? ""],
        CommunityEventAction.ReadinessChecked when e.Note is { } n => ReadinessNote(n),
        CommunityEventAction.PlanEdited when e.Note is "改期" => t["Events.Rescheduled"],
        _ => e.Note,
    }, e.Kind is CommunityEventAction.Cancelled or CommunityEventAction.Returned or CommunityEventAction.EvaluationReturned ? "text-danger" : "");

    /// <summary>"TasksOnSchedule ✗：note" as the page reads it.</summary>
    private string ReadinessNote(string note)
    {
        var name = new string([.. note.TakeWhile(char.IsLetter)]);
        return Enum.TryParse<EventReadinessItem>(name, out var item) ? shared.Enum(item) + note[name.Length..] : note;
    }
}
