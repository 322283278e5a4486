using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.MoveInOut;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Web.Features.Shared;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.MoveIns;

/// <summary>How a batch day's booking ended: the batch and how many households, or the form's errors.</summary>
public sealed record BatchBooking(Guid? BatchId, int Households, IReadOnlyList<FieldError> Errors)
{
    public bool Booked => BatchId is not null;
}

/// <summary>
/// 预约: a household's move-in booked for a unit (a new owner registered with it), or a batch day of many units —
/// each move-in opened under the property's next RZ number with its reception clock due at its appointment,
/// through the case seam (<see cref="CaseSteps{TCase}.OpenAsync"/>; a batch through <see cref="CaseClocks"/> and
/// <see cref="Saving"/>, all its move-ins in one save).
/// </summary>
public sealed class MoveInIntake(
    CaseSteps<MoveIn> steps, MoveInPages pages, CaseClocks caseClocks, Saving saving, PortalDbContext db, TimeProvider time, MoveInNotifications notifications,
    IStringLocalizer<MoveInsText> t, IStringLocalizer<SharedResource> shared, ILogger<MoveInIntake> logger)
{
    public const string NumberKind = "RZ";

    /// <param name="form">As posted; its unit label and owners are filled again for a redisplay.</param>
    /// <param name="formInvalid">The form's validator found something (the form is shown again, with the intake's own findings too).</param>
    public async Task<IntakeResult> BookAsync(MoveInForm form, bool formInvalid, Actor actor, CancellationToken ct)
    {
        if (!await pages.WithUnitAsync(form, ct))
        {
            return IntakeResult.NotFound;
        }

        var errors = new List<FieldError>();
        var unit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == form.UnitId, ct);
        var existingId = form.CustomerId is { } cid
            ? await db.Customers.Where(c => c.Id == cid && c.PropertyId == unit.PropertyId).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct)
            : null;
        if (form.CustomerId is not null && existingId is null)
        {
            errors.Add(new(nameof(form.CustomerId), shared["Error.NotFound"]));
        }

        if (await db.MoveIns.Where(MoveIn.Open).AnyAsync(m => m.UnitId == unit.Id, ct))
        {
            errors.Add(new(string.Empty, t["MoveIns.AlreadyOpen"]));
        }

        if (formInvalid || errors.Count > 0)
        {
            return IntakeResult.Invalid(errors);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var result = await steps.OpenAsync(unit.PropertyId, actor, () => NextNumberAsync(unit.PropertyId, now, ct), (number, s) =>
        {
            // A new owner is registered with the booking, in the same save (again on a retry: a failed save drops it).
            var customerId = existingId ?? AddOwner(unit.PropertyId, form).Id;
            return Task.FromResult(new MoveIn(number, unit.PropertyId, unit.Id, customerId, form.Applicant, form.AgentName, PortalClock.ToUtc(form.AppointmentAt!.Value),
                null, form.Custody, s.By, s.Now, s.Clocks));
        }, ct);
        return IntakeResult.Of(result, string.Empty);
    }

    private Customer AddOwner(Guid propertyId, MoveInForm form)
    {
        var owner = new Customer(propertyId, form.Applicant == MoveInApplicant.Company ? CustomerKind.Company : CustomerKind.Person, form.NewName!, form.NewPhone);
        db.Customers.Add(owner);
        return owner;
    }

    private Task<string> NextNumberAsync(Guid propertyId, DateTime nowUtc, CancellationToken ct) =>
        CaseNumbers.NextAsync(db.MoveIns.IgnoreQueryFilters().Where(m => m.PropertyId == propertyId).Select(m => m.Number), NumberKind, nowUtc, ct);

    /// <summary>
    /// 集中入伙: the chosen units of one building booked for one day, a slot per household and desk, each its own
    /// move-in (consecutive numbers) with its reception clock, all in one save.
    /// </summary>
    public async Task<BatchBooking> BookBatchAsync(BatchForm form, bool formInvalid, Actor actor, CancellationToken ct)
    {
        await pages.FillBatchAsync(form, ct);
        var errors = new List<FieldError>();
        var eligible = form.Candidates.Where(c => !c.HasMoveIn).Select(c => c.UnitId).ToHashSet();
        if (form.UnitIds.Any(u => !eligible.Contains(u)))
        {
            errors.Add(new(nameof(form.UnitIds), t["MoveIns.UnitNotEligible"]));
        }

        if (formInvalid || errors.Count > 0)
        {
            return new(null, 0, errors);
        }

        var today = PortalClock.Today(time);
        var unitIds = form.UnitIds.Distinct().ToList();
        var owners = (await db.Occupancies.AsNoTracking()
                .Where(o => unitIds.Contains(o.UnitId) && o.Role == OccupancyRole.Owner && (o.EndDate == null || o.EndDate >= today))
                .OrderBy(o => o.StartDate).Select(o => new { o.UnitId, o.CustomerId }).ToListAsync(ct))
            .GroupBy(o => o.UnitId).ToDictionary(g => g.Key, g => g.First().CustomerId);
        var order = form.Candidates.Where(c => unitIds.Contains(c.UnitId)).Select(c => c.UnitId).ToList();
        var propertyId = form.PropertyId!.Value;
        var context = await caseClocks.ContextForAsync(propertyId, ct);
        var now = time.GetUtcNow().UtcDateTime;
        MoveInBatch? batch = null;
        var saved = await saving.TryNumberedAsync(() => NextNumberAsync(propertyId, now, ct), async number =>
        {
            var slots = MoveInBatch.Schedule(PortalClock.ToUtc(form.Day!.Value.ToDateTime(form.FirstSlot!.Value)), order.Count, form.SlotMinutes, form.Desks);
            var clocks = caseClocks.ForNewCase(context);
            batch = new MoveInBatch(propertyId, form.Name!, form.Day!.Value, actor, now);
            db.MoveInBatches.Add(batch);
            var booked = new List<MoveIn>(order.Count);
            for (var i = 0; i < order.Count; i++)
            {
                booked.Add(new MoveIn(CaseNumbers.Following(number, i), propertyId, order[i], owners[order[i]], MoveInApplicant.Owner, null, slots[i], batch.Id,
                    false, actor, now, clocks));
            }

            db.MoveIns.AddRange(booked);
            await notifications.BookedInBatchAsync(booked, ct);
        }, ct);
        if (!saved.Ok)
        {
            return new(null, 0, [new(saved.Status == SaveStatus.Duplicate ? nameof(form.UnitIds) : string.Empty, saved.Message ?? "")]);
        }

        logger.LogInformation("Move-in batch {Batch} of {Count} units booked by {User}", batch!.Name, order.Count, actor.Name);
        return new(batch.Id, order.Count, []);
    }
}
