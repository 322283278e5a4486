using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Callbacks;
using PropertyPortal.Domain.Complaints;
using PropertyPortal.Domain.FrontDesk;
using PropertyPortal.Domain.Notifications;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Residents;

/// <summary>The signed-in household as its pages see it: the account, and the units its customer occupies today.</summary>
public sealed record MyHousehold(Guid AccountId, Guid CustomerId, Guid PropertyId, string Name, string Phone, string PropertyName, IReadOnlyList<MyUnit> Units)
{
    public IReadOnlyList<Guid> UnitIds => [.. Units.Select(u => u.Id)];

    /// <summary>Who the case timelines say did it: the household itself, through its own page.</summary>
    public Domain.Common.Actor Actor => new(null, Name + "（住户自助）");
}

public sealed record MyUnit(Guid Id, string Number, Guid BuildingId, string Building);

public sealed record MyCaseRow(Guid Id, string Number, string Category, RepairStatus Status, DateTime ReceivedAt, string Description);

public sealed record MyTimelineEntry(DateTime At, RepairEventKind Kind, string Who, string? Note);

public sealed record MyCase(
    Guid Id, int Version, string Number, string Unit, string Category, string Description, RepairStatus Status, DateTime ReceivedAt,
    DateTime? AppointmentAt, string? TechnicianName, DateTime? ArriveBy, bool Late, int ChaseCount, IReadOnlyList<Guid> Photos,
    IReadOnlyList<MyTimelineEntry> Timeline, Guid? CallbackId, int CallbackVersion)
{
    /// <summary>催单 once the target to be on site (or to finish) has passed.</summary>
    public bool CanChase => Late && Status is RepairStatus.Accepted or RepairStatus.Dispatched or RepairStatus.OnSite;

    /// <summary>A repair nobody has been sent to yet may be withdrawn by the household.</summary>
    public bool CanCancel => Status == RepairStatus.Accepted && TechnicianName is null;

    public bool CanRate => CallbackId is not null;
}

public sealed record MyComplaintRow(Guid Id, string Number, string Category, ComplaintStatus Status, DateTime ReceivedAt);

public sealed record MyComplaintEntry(DateTime At, ComplaintEventKind Kind, string? Text);

/// <summary>A household's complaint as it follows it: the state, the desk's replies, the timeline in plain words.</summary>
public sealed record MyComplaint(
    Guid Id, int Version, string Number, string Unit, string Category, string Content, string? Demand, ComplaintStatus Status, DateTime ReceivedAt,
    DateTime? ReplyBy, DateTime? TargetAt, bool Late, IReadOnlyList<Guid> Photos, IReadOnlyList<MyComplaintEntry> Timeline)
{
    /// <summary>催办 once the running target (the reply, then the result) has passed, until it is closed.</summary>
    public bool CanChase => Late && Status != ComplaintStatus.Closed;
}

/// <summary>A suggestion the household left: a front-desk contact, answered when the desk records its outcome.</summary>
public sealed record MySuggestion(Guid Id, DateTime ReceivedAt, string? Text, ContactOutcome Outcome, string? Answer);

/// <summary>
/// What a household reads on its pages. Every read starts from <see cref="HouseholdAsync"/>: the account (refused when
/// disabled) and the units its customer occupies today — a case, a photo or a bill of any other unit is not found.
/// </summary>
public sealed class ResidentPages(PortalDbContext db, TimeProvider time)
{
    public const int Listed = 50;

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>The signed-in household, or null when the account is gone or disabled, or signed out since this cookie's sign-in (the controller signs it out).</summary>
    public async Task<MyHousehold?> HouseholdAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (user.AccountId() is not { } id)
        {
            return null;
        }

        var account = await (from a in db.ResidentAccounts.AsNoTracking()
                             join p in db.Properties on a.PropertyId equals p.Id
                             where a.Id == id
                             select new { a.Id, a.CustomerId, a.PropertyId, a.Name, a.Phone, Property = p.Name, a.IsDisabled, a.SignedOutAt }).FirstOrDefaultAsync(ct);
        if (account is null || !Domain.Residents.ResidentAccount.SessionValid(account.IsDisabled, account.SignedOutAt, user.SignedInAt()))
        {
            return null;
        }

        var today = PortalClock.Today(time);
        var units = await (from o in db.Occupancies.AsNoTracking()
                           join u in db.Units on o.UnitId equals u.Id
                           join b in db.Buildings on u.BuildingId equals b.Id
                           where o.CustomerId == account.CustomerId && o.StartDate <= today && (o.EndDate == null || o.EndDate >= today)
                           orderby u.Number
                           select new MyUnit(u.Id, u.Number, b.Id, b.Name)).Distinct().ToListAsync(ct);
        return new MyHousehold(account.Id, account.CustomerId, account.PropertyId, account.Name, account.Phone, account.Property, units);
    }

    /// <summary>The household's repairs in the units it lives in now, newest first.</summary>
    public async Task<IReadOnlyList<MyCaseRow>> CasesAsync(MyHousehold home, CancellationToken ct) =>
        await (from o in Orders(home)
               join c in db.RepairCategories on o.CategoryId equals c.Id
               orderby o.ReceivedAt descending
               select new MyCaseRow(o.Id, o.Number, c.Name, o.Status, o.ReceivedAt, o.Description)).Take(Listed).ToListAsync(ct);

    public async Task<MyCase?> CaseAsync(MyHousehold home, Guid id, CancellationToken ct)
    {
        var row = await (from x in Orders(home)
                         join c in db.RepairCategories on x.CategoryId equals c.Id
                         where x.Id == id
                         select new { Order = x, Category = c.Name }).FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }

        var o = row.Order;
        var events = await db.RepairOrderEvents.AsNoTracking().Where(e => e.RepairOrderId == id).OrderBy(e => e.At).ThenBy(e => e.Id)
            .Select(e => new MyTimelineEntry(e.At, e.Kind, e.ActorName, e.Note)).ToListAsync(ct);
        var clocks = await db.SlaClocks.AsNoTracking()
            .Where(c => c.Subject == SlaSubject.RepairOrder && c.SubjectId == id && c.State == SlaClockState.Running
                        && (c.Milestone == SlaMilestone.OnSite || c.Milestone == SlaMilestone.Finished))
            .Select(c => new { c.Milestone, c.DueAt }).ToListAsync(ct);
        var arriveBy = clocks.FirstOrDefault(c => c.Milestone == SlaMilestone.OnSite)?.DueAt;
        var target = arriveBy ?? clocks.FirstOrDefault(c => c.Milestone == SlaMilestone.Finished)?.DueAt;
        var photos = await db.Attachments.AsNoTracking().Where(a => a.OwnerType == nameof(RepairOrder) && a.OwnerId == id)
            .OrderBy(a => a.UploadedAt).Select(a => a.Id).ToListAsync(ct);
        var callback = await db.Callbacks.AsNoTracking().Where(c => c.RepairOrderId == id && c.Status == CallbackStatus.Open)
            .Select(c => new { c.Id, c.Version }).FirstOrDefaultAsync(ct);
        var unit = home.Units.FirstOrDefault(u => u.Id == o.UnitId)?.Number ?? o.Location;
        return new MyCase(o.Id, o.Version, o.Number, unit, row.Category, o.Description, o.Status, o.ReceivedAt, o.AppointmentAt, o.TechnicianName,
            arriveBy, target is { } due && due < Now, o.ChaseCount, photos,
            [.. events.Where(e => e.Kind is not (RepairEventKind.PauseRequested or RepairEventKind.PauseRefused or RepairEventKind.PauseWithdrawn))],
            callback?.Id, callback?.Version ?? 0);
    }

    /// <summary>A photo of one of the household's repairs or complaints; null for any other.</summary>
    public async Task<Attachment?> PhotoAsync(MyHousehold home, Guid id, CancellationToken ct)
    {
        var orders = Orders(home).Select(o => o.Id);
        var complaints = Complaints(home).Select(c => c.Id);
        return await db.Attachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id
            && ((a.OwnerType == nameof(RepairOrder) && orders.Contains(a.OwnerId)) || (a.OwnerType == nameof(Complaint) && complaints.Contains(a.OwnerId))), ct);
    }

    /// <summary>The household's complaints in the units it lives in now, newest first.</summary>
    public async Task<IReadOnlyList<MyComplaintRow>> ComplaintsAsync(MyHousehold home, CancellationToken ct) =>
        await (from x in Complaints(home)
               join c in db.ComplaintCategories on x.CategoryId equals c.Id
               orderby x.ReceivedAt descending
               select new MyComplaintRow(x.Id, x.Number, c.Name, x.Status, x.ReceivedAt)).Take(Listed).ToListAsync(ct);

    public async Task<MyComplaint?> ComplaintAsync(MyHousehold home, Guid id, CancellationToken ct)
    {
        var row = await (from q in Complaints(home)
                         join c in db.ComplaintCategories on q.CategoryId equals c.Id
                         where q.Id == id
                         select new { Complaint = q, Category = c.Name }).FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }

        var x = row.Complaint;
        var events = await db.ComplaintEvents.AsNoTracking().Where(e => e.ComplaintId == id).OrderBy(e => e.At).ThenBy(e => e.Id)
            .Select(e => new { e.At, e.Kind, e.ActorId, e.Note }).ToListAsync(ct);
        var clocks = await db.SlaClocks.AsNoTracking()
            .Where(c => c.Subject == SlaSubject.Complaint && c.SubjectId == id && c.State == SlaClockState.Running && FollowedClocks.Contains(c.Milestone))
            .Select(c => new { c.Milestone, c.DueAt }).ToListAsync(ct);
        var replyBy = clocks.FirstOrDefault(c => c.Milestone == SlaMilestone.ComplaintReply)?.DueAt;
        var target = clocks.Count == 0 ? (DateTime?)null : clocks.Min(c => c.DueAt);
        var photos = await db.Attachments.AsNoTracking().Where(a => a.OwnerType == nameof(Complaint) && a.OwnerId == id)
            .OrderBy(a => a.UploadedAt).Select(a => a.Id).ToListAsync(ct);
        var timeline = events
            .Where(e => ShownToHousehold.Contains(e.Kind) && (e.Kind != ComplaintEventKind.Note || e.ActorId == null))
            .Select(e => new MyComplaintEntry(e.At, e.Kind, e.Kind == ComplaintEventKind.Replied ? ReplyText(e.Note) : null)).ToList();
        var unit = home.Units.FirstOrDefault(u => u.Id == x.UnitId)?.Number ?? x.Location ?? "";
        return new MyComplaint(x.Id, x.Version, x.Number, unit, row.Category, x.Content, x.Demand, x.Status, x.ReceivedAt, replyBy, target,
            target is { } due && due < Now, photos, timeline);
    }

    /// <summary>The household's suggestions (its 业主自助 contacts that became no case), newest first, with the desk's answer once given.</summary>
    public async Task<IReadOnlyList<MySuggestion>> SuggestionsAsync(MyHousehold home, CancellationToken ct)
    {
        var units = home.UnitIds.ToArray();
        return await db.Contacts.AsNoTracking().Where(Contact.HouseholdSuggestion)
            .Where(c => c.CustomerId == home.CustomerId && c.UnitId != null && units.Contains(c.UnitId.Value))
            .OrderByDescending(c => c.ReceivedAt).Take(Listed)
            .Select(c => new MySuggestion(c.Id, c.ReceivedAt, c.Details, c.Outcome, c.OutcomeNote)).ToListAsync(ct);
    }

    /// <summary>The complaint categories a household may choose, in the desk's order.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> ComplaintCategoriesAsync(CancellationToken ct) =>
        (await db.ComplaintCategories.AsNoTracking().Where(c => c.IsActive).OrderBy(c => c.SortOrder).Select(c => new { c.Id, c.Name }).ToListAsync(ct))
        .Select(c => (c.Id, c.Name)).ToList();

    /// <summary>The clocks a household can chase: the reply and the result promised to it.</summary>
    private static readonly SlaMilestone[] FollowedClocks = [SlaMilestone.ComplaintReply, SlaMilestone.WrittenReply, SlaMilestone.DefiniteReply, SlaMilestone.Resolution];

    /// <summary>What of the desk's work the household reads in plain words; internal steps (tiers, plans, transfers, pauses) are not.</summary>
    private static readonly ComplaintEventKind[] ShownToHousehold =
    [
        ComplaintEventKind.Accepted, ComplaintEventKind.Replied, ComplaintEventKind.Assigned, ComplaintEventKind.Note, ComplaintEventKind.CustomerAgreed,
        ComplaintEventKind.RepairOpened, ComplaintEventKind.Resolved, ComplaintEventKind.ResultNotified, ComplaintEventKind.Closed, ComplaintEventKind.Reopened,
    ];

    /// <summary>The reply as given: the timeline note is "{channel}[ ✉]: {text}".</summary>
    private static string? ReplyText(string? note) =>
        note?.IndexOf(": ", StringComparison.Ordinal) is { } at and >= 0 ? note[(at + 2)..] : note;

    /// <summary>The household's complaints: its customer's, in a unit it occupies today.</summary>
    private IQueryable<Complaint> Complaints(MyHousehold home)
    {
        var units = home.UnitIds.ToArray();
        return db.Complaints.AsNoTracking().Where(c => c.CustomerId == home.CustomerId && c.UnitId != null && units.Contains(c.UnitId.Value));
    }

    /// <summary>The repair categories a household may choose, in the desk's order.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> CategoriesAsync(CancellationToken ct) =>
        (await db.RepairCategories.AsNoTracking().Where(c => c.IsActive).OrderBy(c => c.SortOrder).Select(c => new { c.Id, c.Name }).ToListAsync(ct))
        .Select(c => (c.Id, c.Name)).ToList();

    /// <summary>The household's orders: its customer's, in a unit it occupies today.</summary>
    private IQueryable<RepairOrder> Orders(MyHousehold home)
    {
        var units = home.UnitIds.ToArray();
        return db.RepairOrders.AsNoTracking().Where(o => o.CustomerId == home.CustomerId && o.UnitId != null && units.Contains(o.UnitId.Value));
    }
}
