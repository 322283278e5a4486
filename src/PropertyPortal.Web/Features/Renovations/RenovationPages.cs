using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Domain.Renovations;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Features.Shared;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Renovations;

/// <summary>
/// What the renovation pages show: the register, the stewards' patrol list (with each running renovation's
/// patrol clock of the day), a renovation with its clocks, passes, patrols and timeline (also printed as the
/// permit and the acceptance form), a written violation notice, and the application form.
/// </summary>
public sealed class RenovationPages(PortalDbContext db, CaseClocks caseClocks, TimeProvider time)
{
    /// <summary>Closed patrol clocks the case page lists (the latest); open ones are always listed. The rest are counted.</summary>
    public const int PatrolClocksShown = 4;

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task<RenovationList> ListAsync(RenovationFilter filter, HttpRequest request, CancellationToken ct)
    {
        var q = db.Renovations.AsNoTracking();
        if (filter.PropertyId is { } pid)
        {
            q = q.Where(r => r.PropertyId == pid);
        }

        if (filter.Status is { } st)
        {
            q = q.Where(r => r.Status == st);
        }
        else if (filter.Open)
        {
            q = q.Where(r => r.Status != RenovationStatus.Closed && r.Status != RenovationStatus.Cancelled);
        }

        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var text = filter.Q.Trim();
            var number = Unit.NormalizeNumber(text);
            q = q.Where(r => r.Number.Contains(text) || r.ApplicantName.Contains(text) || r.ContractorName.Contains(text) || db.Units.Any(u => u.Id == r.UnitId && u.Number.StartsWith(number)));
        }

        var total = await q.CountAsync(ct);
        var paging = PageInfo.For(request, Math.Clamp(filter.Page, 1, Math.Max(1, (total + PageInfo.DefaultSize - 1) / PageInfo.DefaultSize)), total);
        var page = await q.OrderByDescending(r => r.ReceivedAt).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        var labels = await Fees.UnitLabels.ForAsync(db, page.Select(r => r.UnitId).ToList(), ct);
        var ids = page.Select(r => r.Id).ToList();
        var due = await db.SlaClocks.AsNoTracking().Where(c => c.Subject == SlaSubject.Renovation && ids.Contains(c.SubjectId) && c.State == SlaClockState.Running)
            .GroupBy(c => c.SubjectId).Select(g => new { g.Key, Due = g.Min(c => c.DueAt) }).ToDictionaryAsync(x => x.Key, x => (DateTime?)x.Due, ct);
        var rows = page.Where(r => labels.ContainsKey(r.UnitId)).Select(r =>
        {
            var u = labels[r.UnitId];
            return new RenovationRow(r.Id, r.Number, u.Property, u.Building, u.Number, r.ApplicantName, r.Scope, r.Status, r.StartDate, r.EndDate, r.ReceivedAt, due.GetValueOrDefault(r.Id));
        }).ToList();
        return new RenovationList(filter, await db.PropertyOptionsAsync(filter.PropertyId, ct), rows, paging);
    }

    /// <summary>
    /// 巡查清单: the running works of the user's properties — the open patrol clock first (overdue, then due soonest), then
    /// the least visited today — with today's patrols against the day's windows, and the written notices still due.
    /// </summary>
    public async Task<PatrolList> PatrolsAsync(CancellationToken ct)
    {
        var now = Now;
        var today = PortalClock.Today(time);
        var from = PortalClock.ToUtc(today.ToDateTime(TimeOnly.MinValue));
        var running = await db.Renovations.AsNoTracking()
            .Where(r => r.Status == RenovationStatus.InProgress || r.Status == RenovationStatus.Rectifying || r.Status == RenovationStatus.InspectionBooked)
            .Select(r => new
            {
                r.Id, r.Number, r.UnitId, r.PropertyId, r.ContractorName, r.Status,
                Today = r.Patrols.Count(p => p.At >= from),
                Last = r.Patrols.Max(p => (DateTime?)p.At),
                RectifyBy = r.Patrols.Where(p => p.Violation != null && p.RectifiedAt == null).Min(p => p.RectifyBy),
            }).ToListAsync(ct);
        var ids = running.Select(r => r.Id).ToList();
        var open = await db.SlaClocks.AsNoTracking()
            .Where(c => ids.Contains(c.SubjectId) && c.State == SlaClockState.Running
                && (c.Milestone == SlaMilestone.RenovationPatrol || c.Milestone == SlaMilestone.RenovationViolationNotice))
            .Select(c => new { c.SubjectId, c.Milestone, c.DueAt }).ToListAsync(ct);
        var windows = new Dictionary<Guid, int>();
        foreach (var property in running.Select(r => r.PropertyId).Distinct())
        {
            windows[property] = RenovationPatrolWindows.On(today, await caseClocks.ContextForAsync(property, ct)).Count;
        }

        var labels = await Fees.UnitLabels.ForAsync(db, running.Select(r => r.UnitId).ToList(), ct);
        var rows = running.Where(r => labels.ContainsKey(r.UnitId))
            .Select(r =>
            {
                var patrolDue = open.Where(c => c.SubjectId == r.Id && c.Milestone == SlaMilestone.RenovationPatrol).Min(c => (DateTime?)c.DueAt);
                var noticeDue = open.Where(c => c.SubjectId == r.Id && c.Milestone == SlaMilestone.RenovationViolationNotice).Min(c => (DateTime?)c.DueAt);
                var u = labels[r.UnitId];
                return new PatrolRow(r.Id, r.Number, u.Property, u.Building, u.Number, r.ContractorName, r.Status, r.Today, windows[r.PropertyId], r.Last,
                    r.RectifyBy, patrolDue, noticeDue);
            })
            .OrderBy(r => r.PatrolDueAt ?? DateTime.MaxValue).ThenBy(r => r.PatrolsToday).ThenBy(r => r.LastPatrolAt).ToList();
        return new PatrolList(rows, now);
    }

    public async Task<RenovationDetails?> DetailsAsync(Guid id, CancellationToken ct)
    {
        var r = await db.Renovations.AsNoTracking().Include(x => x.Events).Include(x => x.Passes).Include(x => x.Permits).Include(x => x.Patrols)
            .AsSplitQuery().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (r is null)
        {
            return null;
        }

        var label = (await Fees.UnitLabels.ForAsync(db, [r.UnitId], ct))[r.UnitId];
        var all = await caseClocks.ReadAsync([id], ct);
        var (clocks, patrolSummary) = Shown(all);
        var names = await db.Users.Where(u => clocks.Select(c => c.AssigneeId).Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var photos = await db.Attachments.AsNoTracking().Where(a => a.OwnerId == id || r.Patrols.Select(p => p.Id).Contains(a.OwnerId)).OrderBy(a => a.UploadedAt).ToListAsync(ct);
        var chargeIds = new[] { r.DepositChargeId, r.DebrisChargeId }.OfType<Guid>().ToList();
        var charges = await db.Charges.AsNoTracking().Where(c => chargeIds.Contains(c.Id)).ToListAsync(ct);
        var deposit = charges.FirstOrDefault(c => c.Id == r.DepositChargeId);
        var debris = charges.FirstOrDefault(c => c.Id == r.DebrisChargeId);
        var now = Now;
        return new RenovationDetails(r, label.Property, label.PropertyPhone, label.Building, label.Number,
            clocks.Select(c => Repairs.ClockView.From(c, now, names)).ToList(), now, photos, deposit?.Held, deposit?.Outstanding, debris?.Outstanding,
            deposit is { ClosedAt: not null })
        {
            Patrols = patrolSummary,
        };

        (List<SlaClock> Shown, PatrolSummary Summary) Shown(List<SlaClock> list)
        {
            var patrols = list.Where(c => c.Milestone == SlaMilestone.RenovationPatrol).ToList();
            var closedShown = patrols.Where(c => !c.IsOpen).OrderByDescending(c => c.StartedAt).Take(PatrolClocksShown).ToHashSet();
            var summary = new PatrolSummary(patrols.Count, patrols.Count(c => c.State == SlaClockState.Met && !c.IsBreachedAt(Now)), patrols.Count(c => c.IsBreachedAt(Now)));
            return ([.. list.Where(c => c.Milestone != SlaMilestone.RenovationPatrol || c.IsOpen || closedShown.Contains(c))], summary);
        }
    }

    /// <summary>业主装修违规整改通知书 of one violation, for printing: null when the renovation or the violation is not the user's to see.</summary>
    public async Task<ViolationNotice?> NoticeAsync(Guid id, Guid patrolId, CancellationToken ct)
    {
        var r = await db.Renovations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        var patrol = await db.RenovationPatrols.AsNoTracking().FirstOrDefaultAsync(p => p.Id == patrolId && p.RenovationId == id && p.Violation != null, ct);
        if (r is null || patrol is null)
        {
            return null;
        }

        var label = (await Fees.UnitLabels.ForAsync(db, [r.UnitId], ct))[r.UnitId];
        return new ViolationNotice(r, patrol, label.Property, label.PropertyPhone, label.Building, label.Number);
    }

    /// <summary>A new application for a unit, the household living there filled in; null when the unit is not the user's to see.</summary>
    public async Task<RenovationForm?> NewFormAsync(Guid? unitId, CancellationToken ct)
    {
        var today = PortalClock.Today(time);
        var form = new RenovationForm { UnitId = unitId, StartDate = today.AddDays(3), EndDate = today.AddDays(33) };
        return await WithUnitAsync(form, ct) ? form : null;
    }

    /// <summary>Fills what the form shows beside what was posted (the unit's label, its households); false when the unit is not the user's to see.</summary>
    public async Task<bool> WithUnitAsync(RenovationForm form, CancellationToken ct)
    {
        if (form.UnitId is not { } unitId)
        {
            return false;
        }

        var unit = await Fees.UnitLabels.ForAsync(db, [unitId], ct);
        if (!unit.TryGetValue(unitId, out var label))
        {
            return false;
        }

        var today = PortalClock.Today(time);
        form.UnitLabel = $"{label.Property} {label.Building} {label.Number}";
        var policy = (await caseClocks.ContextForAsync(label.PropertyId, ct)).Policy;
        form.ApprovalDays = Enum.GetValues<RenovationScope>().ToDictionary(s => s, policy.RenovationApprovalWorkingDays);
        var households = await (from o in db.Occupancies.AsNoTracking()
                                join c in db.Customers on o.CustomerId equals c.Id
                                where o.UnitId == unitId && (o.EndDate == null || o.EndDate >= today)
                                orderby o.Role
                                select new { c.Id, c.Name, c.Phone }).ToListAsync(ct);
        form.CustomerId ??= households.FirstOrDefault()?.Id;
        form.ApplicantName ??= households.FirstOrDefault()?.Name;
        form.ApplicantPhone ??= households.FirstOrDefault()?.Phone;
        form.Households = households.Select(h => new SelectListItem(h.Name, h.Id.ToString(), h.Id == form.CustomerId)).ToList();
        if (form.CustomerId is { } cid && households.All(h => h.Id != cid))
        {
            form.CustomerId = null;
        }

        return true;
    }
}
