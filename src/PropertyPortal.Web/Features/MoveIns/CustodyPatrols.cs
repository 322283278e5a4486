using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.MoveInOut;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Features.Fees;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.MoveIns;

/// <summary>
/// The patrols of units in custody (托管, 000 L208) as SLA clocks on the unit: one running regular patrol clock per
/// unit in custody (every <see cref="SlaPolicy.CustodyPatrolDays"/>), met by each patrol, which starts the next;
/// and, when a supervisor orders it before or after heavy rain, a rain patrol clock per unit
/// (<see cref="SlaPolicy.CustodyRainPatrolHours"/>), met by the unit's next patrol. A unit put into or taken out of
/// custody on its own page is picked up by <see cref="ReconcileAsync"/>, run hourly by the custody job.
/// </summary>
public static class CustodyPatrols
{
    /// <summary>
    /// Starts a regular patrol clock for every unit in custody without one and cancels the patrol clocks (regular
    /// and rain) of units no longer in custody — both through <see cref="CaseClocks"/>, per property.
    /// </summary>
    public static async Task<(int Started, int Cancelled)> ReconcileAsync(PortalDbContext db, SlaSettings sla, DateTime nowUtc, CancellationToken ct)
    {
        var inCustody = await db.Units.Where(u => u.InCustody).Select(u => new { u.Id, u.PropertyId }).ToListAsync(ct);
        var wanted = inCustody.Select(u => u.Id).ToHashSet();
        var caseClocks = new CaseClocks(db, sla);
        var withOpenClocks = await caseClocks.OpenSubjectsAsync(SlaSubject.CustodyUnit, ct);
        var cancelled = 0;
        foreach (var property in withOpenClocks.Where(c => !wanted.Contains(c.SubjectId)).GroupBy(c => c.PropertyId))
        {
            var clocks = await caseClocks.ForSubjectsAsync(property.Key, property.Select(c => c.SubjectId).Distinct().ToList(), ct);
            foreach (var clock in clocks.All.Where(c => c.Subject == SlaSubject.CustodyUnit && c.IsOpen))
            {
                clock.Cancel();
                cancelled++;
            }
        }

        var covered = withOpenClocks.Where(c => c.Milestone == SlaMilestone.CustodyPatrol).Select(c => c.SubjectId).ToHashSet();
        var started = 0;
        foreach (var group in inCustody.Where(u => !covered.Contains(u.Id)).GroupBy(u => u.PropertyId))
        {
            var clocks = await caseClocks.ForNewCaseAsync(group.Key, ct);
            foreach (var unit in group)
            {
                CustodyPatrol.StartWeekly(clocks, unit.PropertyId, unit.Id, nowUtc);
                started++;
            }
        }

        if (started + cancelled > 0)
        {
            await db.SaveChangesAsync(ct);
        }

        return (started, cancelled);
    }
}

/// <summary>
/// The custody page's two steps, run through the subject step runner (<see cref="SubjectSteps"/>: the units' clocks
/// through the seam, one save): a patrol of one unit, and a heavy-rain patrol ordered for a property's units.
/// Who is told is <see cref="MoveInNotifications"/>'s to decide.
/// </summary>
public sealed class CustodySteps(
    SubjectSteps steps, MoveInPages pages, MoveInNotifications notifications, PortalDbContext db, IStringLocalizer<MoveInsText> t)
{
    /// <summary>
    /// A patrol of a unit in custody (what was seen, the meters): meets its regular and rain patrol clocks and starts
    /// the next regular one; a problem or the meters past the property's limits go to its supervisors. Not found
    /// for a unit not in custody or not the user's to see.
    /// </summary>
    public async Task<StepResult> PatrolAsync(Guid unitId, string? finding, bool problem, decimal? water, decimal? electricity, Actor actor, CancellationToken ct)
    {
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId && u.InCustody, ct);
        if (unit is null)
        {
            return StepResult.NotFound;
        }

        if (string.IsNullOrWhiteSpace(finding) || finding.Length > 1000 || water is < 0 or > 100_000_000m || electricity is < 0 or > 100_000_000m)
        {
            return StepResult.Refused(t["MoveIns.PatrolInvalid"]);
        }

        var bases = (await pages.BaseReadingsAsync([unitId], ct)).GetValueOrDefault(unitId);
        var label = (await UnitLabels.ForAsync(db, [unitId], ct))[unitId];
        CustodyPatrol? patrol = null;
        var result = await steps.RunAsync(unit.PropertyId, [unitId], actor, async s =>
        {
            patrol = CustodyPatrol.Record(unit.PropertyId, unitId, finding, problem, water, electricity, bases.Water, bases.Electricity, s.By, s.Now, s.Clocks);
            db.CustodyPatrols.Add(patrol);
            await notifications.PatrolledAsync(patrol, $"{label.Building} {label.Number}", ct);
        }, ct);
        return result.Done ? result with { Message = patrol!.MeterAlarm ? t["MoveIns.PatrolMeterAlarm"] : t["MoveIns.Patrolled"] } : result;
    }

    /// <summary>
    /// 大雨前后巡查: a patrol clock on every unit in custody of the property that has none open, and the stewards told.
    /// The same rain day and phase ordered again is refused (one order each), and no unit gets a second open clock.
    /// Not found for a property that is not the user's.
    /// </summary>
    /// <param name="formInvalid">The form's validator found something: refused, for the form to be shown again with its messages.</param>
    public async Task<StepResult> OrderRainPatrolAsync(RainPatrolForm form, bool formInvalid, Actor actor, CancellationToken ct)
    {
        var property = form.PropertyId is { } pid ? await db.Properties.AsNoTracking().Where(p => p.Id == pid).Select(p => new { p.Id, p.Name }).FirstOrDefaultAsync(ct) : null;
        if (form.PropertyId is not null && property is null)
        {
            return StepResult.NotFound;
        }

        if (formInvalid || property is null)
        {
            return StepResult.Refused(t["MoveIns.RainPropertyRequired"]);
        }

        var units = await db.Units.AsNoTracking().Where(u => u.PropertyId == property.Id && u.InCustody).Select(u => u.Id).ToListAsync(ct);
        RainPatrolOrder? order = null;
        var result = await steps.RunAsync(property.Id, units, actor, async s =>
        {
            order = new RainPatrolOrder(property.Id, form.RainDate!.Value, form.Phase, form.Reason!, s.By, s.Now);
            db.RainPatrolOrders.Add(order);
            order.StartPatrols(units, s.Clocks);
            await notifications.RainPatrolOrderedAsync(order, property.Name, ct);
        }, ct);
        return result.Status switch
        {
            StepStatus.Done => result with { Message = t["MoveIns.RainOrdered", order!.Units, property.Name] },

            // The unique (property, rain day, phase): this rain's patrol was ordered already.
            StepStatus.Duplicate => result with { Status = StepStatus.Refused, Message = t["MoveIns.RainAlreadyOrdered"] },
            _ => result,
        };
    }
}
