using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Callbacks;
using PropertyPortal.Domain.Complaints;
using PropertyPortal.Domain.Fees;
using PropertyPortal.Domain.FrontDesk;
using PropertyPortal.Domain.MoveInOut;
using PropertyPortal.Domain.Renovations;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Features.Fees;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Home;

/// <summary>One line of a home-page task list: what, for whom, and where to do it.</summary>
public sealed record WorkRow(string Text, string? Detail, string Link, DateTime? DueAt);

/// <summary>A kind of work waiting for the user's role: how many, the first few, and the page that lists them all.</summary>
public sealed record WorkTile(string Kind, int Count, string Link, IReadOnlyList<WorkRow> Rows);

/// <summary>
/// What waits for each role, for its home page: the steward's reminder calls, visits and patrols; the desk's
/// move-ins of the day and applications to check; engineering's renovation reviews; the supervisor's
/// callbacks handed up; the manager's approvals. Clocks already on the user's queue are not repeated here.
/// Everything reads through the property filter, so a user sees only their properties' work.
/// </summary>
public sealed class RoleWork(PortalDbContext db, TimeProvider time)
{
    /// <summary>How many lines a tile shows before "all …".</summary>
    public const int RowsPerTile = 5;

    public async Task<IReadOnlyList<WorkTile>> ForAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        bool Is(string role) => user.IsInRole(role);
        var tiles = new List<WorkTile>();
        if (Is(Roles.Steward))
        {
            tiles.Add(await DunningAsync("Calls", [DunningStage.Reminder, DunningStage.SecondReminder], ct));
            tiles.Add(await DunningAsync("Visits", [DunningStage.Letter, DunningStage.Visit], ct));
            tiles.Add(await CustodyPatrolsAsync(ct));
            tiles.Add(await RenovationPatrolsAsync(ct));
        }

        if (Is(Roles.FrontDesk))
        {
            tiles.Add(await SelfServiceRepairsAsync(ct));
            tiles.Add(await SelfServiceComplaintsAsync(ct));
            tiles.Add(await MoveInsTodayAsync(ct));
            tiles.Add(await RenovationsAsync("ToCheck", RenovationStatus.Submitted, ct));
        }

        if (Is(Roles.Technician) || Is(Roles.Supervisor))
        {
            tiles.Add(await RenovationsAsync("ToEngineer", RenovationStatus.ServiceReviewed, ct));
        }

        if (Is(Roles.Supervisor))
        {
            tiles.Add(await CallbacksHandedUpAsync(ct));
        }

        if (Is(Roles.Manager))
        {
            tiles.Add(await RenovationsAsync("ToApprove", RenovationStatus.EngineeringReviewed, ct));
            tiles.Add(await ComplaintPlansAsync(ct));
            tiles.Add(await DunningAsync("Legal", [DunningStage.Legal], ct));
        }

        return tiles;
    }

    /// <summary>
    /// Each unit's label ("3栋 0301") as a query a tile's statement reads its rows' units from: EF writes it into the tile's SQL
    /// where it is used (a correlated sub-select), so the seven tiles share one definition and still take one statement each.
    /// </summary>
    private IQueryable<UnitName> UnitNames =>
        db.Units.AsNoTracking().Join(db.Buildings, u => u.BuildingId, b => b.Id, (u, b) => new UnitName { Id = u.Id, Label = b.Name + " " + u.Number });

    /// <summary>
    /// A tile in one statement: the first <see cref="RowsPerTile"/> rows of <paramref name="ordered"/> (each with its unit's label
    /// read in the same statement) and the size of <paramref name="all"/> beside each — an uncorrelated count the database works
    /// out once — where a count, a page and a look-up of the units took three.
    /// </summary>
    private static async Task<(int Count, List<T> First)> TileAsync<TAll, T>(IQueryable<TAll> all, IQueryable<T> ordered, CancellationToken ct)
    {
        var first = await ordered.Take(RowsPerTile).Select(x => new { Row = x, Total = all.Count() }).ToListAsync(ct);
        return (first.Count == 0 ? 0 : first[0].Total, first.ConvertAll(f => f.Row));
    }

    private async Task<WorkTile> DunningAsync(string kind, DunningStage[] stages, CancellationToken ct)
    {
        var open = from s in db.DunningSteps.AsNoTracking()
                   join c in db.DunningCases on s.CaseId equals c.Id
                   where s.DoneAt == null && s.WithdrawnAt == null && c.State == DunningState.Active && stages.Contains(s.Stage)
                   select new { c.Id, c.UnitId, s.Stage, s.CreatedOn };
        var (count, first) = await TileAsync(open, open.OrderBy(x => x.CreatedOn).ThenBy(x => x.Id).Select(x => new { x.Id, x.UnitId, Unit = UnitNames.Where(n => n.Id == x.UnitId).Select(n => n.Label).FirstOrDefault() }), ct);
        var people = await UnitLabels.HouseholdsAsync(db, first.Select(x => x.UnitId).ToList(), PortalClock.Today(time), ct);
        var rows = first.Where(x => x.Unit is not null).Select(x => new WorkRow(x.Unit!, people.GetValueOrDefault(x.UnitId)?.Names, $"/Dunning/Case/{x.Id}", null)).ToList();
        var link = stages.Length == 1 ? $"/Dunning?stage={stages[0]}" : "/Dunning";
        return new WorkTile("Dunning" + kind, count, link, rows);
    }

    /// <summary>Units in custody whose weekly patrol falls due by the end of today (or is late).</summary>
    private async Task<WorkTile> CustodyPatrolsAsync(CancellationToken ct)
    {
        var endOfToday = PortalClock.ToUtc(PortalClock.Today(time).AddDays(1).ToDateTime(TimeOnly.MinValue));
        var due = db.SlaClocks.AsNoTracking()
            .Where(c => c.Subject == SlaSubject.CustodyUnit && c.State == SlaClockState.Running && c.DueAt < endOfToday);
        var (count, first) = await TileAsync(due, due.OrderBy(c => c.DueAt).Select(c => new { c.DueAt, Unit = UnitNames.Where(n => n.Id == c.SubjectId).Select(n => n.Label).FirstOrDefault() }), ct);
        var rows = first.Where(x => x.Unit is not null).Select(x => new WorkRow(x.Unit!, null, "/MoveIns/Custody", x.DueAt)).ToList();
        return new WorkTile("CustodyPatrols", count, "/MoveIns/Custody", rows);
    }

    /// <summary>Works on site visited fewer than twice today (004 §五.八③).</summary>
    private async Task<WorkTile> RenovationPatrolsAsync(CancellationToken ct)
    {
        var from = PortalClock.ToUtc(PortalClock.Today(time).ToDateTime(TimeOnly.MinValue));
        var running = db.Renovations.AsNoTracking()
            .Where(r => r.Status == RenovationStatus.InProgress || r.Status == RenovationStatus.Rectifying || r.Status == RenovationStatus.InspectionBooked)
            .Select(r => new { r.Id, r.Number, r.UnitId, r.ContractorName, Today = r.Patrols.Count(p => p.At >= from) })
            .Where(r => r.Today < 2);
        var (count, first) = await TileAsync(running, running.OrderBy(r => r.Today).ThenBy(r => r.Number).Select(r => new { r.Id, r.ContractorName, Unit = UnitNames.Where(n => n.Id == r.UnitId).Select(n => n.Label).FirstOrDefault() }), ct);
        var rows = first.Where(x => x.Unit is not null).Select(x => new WorkRow(x.Unit!, x.ContractorName, $"/Renovations/Details/{x.Id}", null)).ToList();
        return new WorkTile("RenovationPatrols", count, "/Renovations/Patrols", rows);
    }

    /// <summary>
    /// Repairs households reported on their own page (业主自助) that nobody has dispatched yet: their clocks have no clerk, so they
    /// are on no clerk's own queue — every desk of the property sees them here, the earliest running clock first.
    /// </summary>
    private async Task<WorkTile> SelfServiceRepairsAsync(CancellationToken ct)
    {
        var waiting = from o in db.RepairOrders.AsNoTracking()
                      join c in db.Contacts on o.ContactId equals c.Id
                      where c.Source == ContactSource.SelfService && o.Status == RepairStatus.Accepted
                      select new
                      {
                          o.Id, o.UnitId, o.Description, o.ReceivedAt,
                          DueAt = db.SlaClocks.Where(k => k.SubjectId == o.Id && k.State == SlaClockState.Running).Min(k => (DateTime?)k.DueAt),
                      };
        var (count, first) = await TileAsync(waiting, waiting.OrderBy(x => x.DueAt ?? x.ReceivedAt).Select(x => new { x.Id, x.Description, x.DueAt, Unit = UnitNames.Where(n => n.Id == x.UnitId).Select(n => n.Label).FirstOrDefault() }), ct);
        var rows = first.Select(x => new WorkRow(x.Unit ?? "—", Board.CaseSummary.Shorten(x.Description), $"/Repairs/Details/{x.Id}", x.DueAt)).ToList();
        return new WorkTile("SelfService", count, "/?mine=false", rows);
    }

    /// <summary>
    /// Complaints households made on their own page (业主自助) not yet answered: like their repairs, their clocks have no clerk, so every
    /// desk of the property sees them here until someone replies — the reply clock that runs from the submission, earliest first.
    /// </summary>
    private async Task<WorkTile> SelfServiceComplaintsAsync(CancellationToken ct)
    {
        var waiting = from c in db.Complaints.AsNoTracking()
                      join k in db.SlaClocks on c.Id equals k.SubjectId
                      where c.Channel == ComplaintChannel.SelfService && k.Subject == SlaSubject.Complaint && k.Milestone == SlaMilestone.ComplaintReply
                            && k.State == SlaClockState.Running
                      select new { c.Id, c.UnitId, c.Content, k.DueAt };
        var (count, first) = await TileAsync(waiting, waiting.OrderBy(x => x.DueAt).Select(x => new
        {
            x.Id, x.Content, x.DueAt,
            Unit = UnitNames.Where(n => n.Id == x.UnitId).Select(n => n.Label).FirstOrDefault(),
        }), ct);
        var rows = first.Select(x => new WorkRow(x.Unit ?? "—", Board.CaseSummary.Shorten(x.Content), $"/Complaints/Details/{x.Id}", x.DueAt)).ToList();
        return new WorkTile("SelfServiceComplaints", count, "/?mine=false", rows);
    }

    private async Task<WorkTile> MoveInsTodayAsync(CancellationToken ct)
    {
        var today = PortalClock.Today(time);
        var (from, to) = (PortalClock.ToUtc(today.ToDateTime(TimeOnly.MinValue)), PortalClock.ToUtc(today.AddDays(1).ToDateTime(TimeOnly.MinValue)));
        var todays = db.MoveIns.AsNoTracking()
            .Where(m => m.Status == MoveInStatus.InProgress || (m.Status == MoveInStatus.Booked && m.AppointmentAt >= from && m.AppointmentAt < to));
        var (count, first) = await TileAsync(todays, todays.OrderBy(m => m.AppointmentAt).Select(m => new { m.Id, m.Number, m.AppointmentAt, Unit = UnitNames.Where(n => n.Id == m.UnitId).Select(n => n.Label).FirstOrDefault() }), ct);
        var rows = first.Where(x => x.Unit is not null).Select(x => new WorkRow(x.Unit!, x.Number, $"/MoveIns/Details/{x.Id}", x.AppointmentAt)).ToList();
        return new WorkTile("MoveInsToday", count, "/MoveIns", rows);
    }

    private async Task<WorkTile> RenovationsAsync(string kind, RenovationStatus status, CancellationToken ct)
    {
        var waiting = db.Renovations.AsNoTracking().Where(r => r.Status == status);
        var (count, first) = await TileAsync(waiting, waiting.OrderBy(r => r.Number).Select(r => new { r.Id, r.ApplicantName, Unit = UnitNames.Where(n => n.Id == r.UnitId).Select(n => n.Label).FirstOrDefault() }), ct);
        var rows = first.Where(x => x.Unit is not null).Select(x => new WorkRow(x.Unit!, x.ApplicantName, $"/Renovations/Details/{x.Id}", null)).ToList();
        return new WorkTile("Renovations" + kind, count, $"/Renovations?status={status}", rows);
    }

    private async Task<WorkTile> CallbacksHandedUpAsync(CancellationToken ct)
    {
        var handedUp = db.Callbacks.AsNoTracking().Where(c => c.Status == CallbackStatus.Open && c.NeedsSupervisor);
        var (count, first) = await TileAsync(handedUp, handedUp.OrderBy(c => c.DueAt).Select(c => new { c.Id, c.ContactName, c.Subject, c.DueAt }), ct);
        var rows = first.Select(x => new WorkRow(x.ContactName, x.Subject, $"/Callbacks/Details/{x.Id}", x.DueAt)).ToList();
        return new WorkTile("CallbacksHandedUp", count, "/Callbacks?all=true&needsSupervisor=true", rows);
    }

    private async Task<WorkTile> ComplaintPlansAsync(CancellationToken ct)
    {
        var pending = db.Complaints.AsNoTracking().Where(c => c.Status == ComplaintStatus.PlanPendingApproval);
        var (count, first) = await TileAsync(pending, pending.OrderBy(c => c.ReceivedAt).Select(c => new { c.Id, c.Number, c.ComplainantName }), ct);
        var rows = first.Select(x => new WorkRow(x.Number, x.ComplainantName, $"/Complaints/Details/{x.Id}", null)).ToList();
        return new WorkTile("ComplaintPlans", count, $"/Complaints?status={ComplaintStatus.PlanPendingApproval}", rows);
    }
}

/// <summary>A unit and its label, as <see cref="RoleWork"/>'s tiles read it (member-initialised, so EF can filter on it).</summary>
internal sealed class UnitName
{
    public Guid Id { get; init; }

    public string Label { get; init; } = "";
}
