using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.MoveInOut;
using PropertyPortal.Web.Features.Shared;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.MoveOuts;

/// <summary>
/// 迁出 opened at the counter for one of the unit's occupants, under the property's next QC number, with its
/// clock of the property's minutes (002 L40: 30) — through the case seam (<see cref="CaseSteps{TCase}.OpenAsync"/>).
/// </summary>
public sealed class MoveOutIntake(CaseSteps<MoveOut> steps, MoveOutPages pages, PortalDbContext db, TimeProvider time, IStringLocalizer<SharedResource> shared)
{
    public const string NumberKind = "QC";

    public async Task<IntakeResult> OpenAsync(MoveOutForm form, bool formInvalid, Actor actor, CancellationToken ct)
    {
        if (!await pages.WithUnitAsync(form, ct))
        {
            return IntakeResult.NotFound;
        }

        var occupancy = form.OccupancyId is { } oid ? await db.Occupancies.AsNoTracking().FirstOrDefaultAsync(o => o.Id == oid && o.UnitId == form.UnitId, ct) : null;
        if (form.OccupancyId is not null && occupancy is null)
        {
            return IntakeResult.Invalid([new(nameof(form.OccupancyId), shared["Error.NotFound"])]);
        }

        if (formInvalid || occupancy is null)
        {
            return IntakeResult.Invalid([]);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var result = await steps.OpenAsync(occupancy.PropertyId, actor,
            () => CaseNumbers.NextAsync(db.MoveOuts.IgnoreQueryFilters().Where(m => m.PropertyId == occupancy.PropertyId).Select(m => m.Number), NumberKind, now, ct),
            (number, s) => Task.FromResult(new MoveOut(number, occupancy.PropertyId, occupancy.UnitId, occupancy.CustomerId, occupancy.Id, form.MoveOutDate!.Value,
                form.Items!, form.KeysReturned, form.KeyStorage, s.By, s.Now, s.Clocks)), ct);
        return IntakeResult.Of(result, string.Empty);
    }
}
