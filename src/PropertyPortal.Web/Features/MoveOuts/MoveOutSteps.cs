using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.MoveInOut;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.MoveOuts;

/// <summary>
/// The move-out's steps through the case step runner (<see cref="CaseSteps{TCase}"/>: the posted version expected,
/// its clock through the seam, one save with what the step changes beside it — the occupancy, the key register,
/// the unit's status). A step that is done carries the message the desk reads in <see cref="StepResult.Message"/>.
/// </summary>
public sealed class MoveOutSteps(CaseSteps<MoveOut> steps, MoveOutPages pages, PortalDbContext db, TimeProvider time, IStringLocalizer<MoveOutsText> t)
{
    /// <summary>
    /// 办结: refused while anything is owed, unless a supervisor (<paramref name="canOverride"/>) gives the reason to
    /// let it go; the household's occupancy ends, the keys go on the office's register, the unit is vacant when no
    /// one else lives there, the clock is met.
    /// </summary>
    public async Task<StepResult> CompleteAsync(StepRequest request, string? overrideReason, bool canOverride, CancellationToken ct)
    {
        var head = await db.MoveOuts.AsNoTracking().Where(m => m.Id == request.Id).Select(m => new { m.UnitId, m.OccupancyId, m.MoveOutDate }).FirstOrDefaultAsync(ct);
        if (head is null)
        {
            return StepResult.NotFound;
        }

        var owed = await pages.OwedAsync(head.UnitId, ct);
        var occupancy = await db.Occupancies.FirstAsync(o => o.Id == head.OccupancyId, ct);
        var unit = await db.Units.FirstAsync(u => u.Id == head.UnitId, ct);
        var others = await db.Occupancies.AnyAsync(o => o.UnitId == head.UnitId && o.Id != head.OccupancyId && (o.EndDate == null || o.EndDate > head.MoveOutDate), ct);
        var today = PortalClock.Today(time);
        var result = await steps.RunAsync(request, (m, s) =>
        {
            m.Complete(owed, overrideReason, canOverride, s.By, s.Now, s.Clocks);
            occupancy.End(m.MoveOutDate < occupancy.StartDate ? occupancy.StartDate : m.MoveOutDate);
            if (m.KeysReturned > 0)
            {
                db.OfficeKeys.Add(new OfficeKey(m.PropertyId, m.UnitId, t["MoveOuts.KeyLabel", m.Number], m.KeysReturned, m.KeyStorage, today));
            }

            if (!others)
            {
                unit.SetStatus(UnitStatus.Vacant);
            }
        }, ct);
        return result.Done ? result with { Message = t["MoveOuts.Completed", result.Number!] } : result;
    }

    public async Task<StepResult> CancelAsync(StepRequest request, CancellationToken ct)
    {
        var result = await steps.RunAsync(request, (m, s) => m.Cancel(s.By, s.Now, s.Clocks), ct);
        return result.Done ? result with { Message = t["MoveOuts.Cancelled", result.Number!] } : result;
    }
}
