using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.FrontDesk;
using PropertyPortal.Domain.Registry;
using PropertyPortal.Domain.Services;
using PropertyPortal.Web.Features.Fees;
using PropertyPortal.Web.Features.Shared;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Services;

/// <summary>
/// 受理: a service request from the intake form (from a contact — 转服务请求 — a unit, a household, a free slot, or
/// straight at the desk), opened through the case step runner under the property's next number (FW…, a release FX…),
/// so its clock saves itself and the approval request and the handler are told (<see cref="ServiceNotifications"/>).
/// A booking's slots are checked free first and held by the unique slot index at the save; a release is checked
/// against the unit's occupants and what it owes; done on the spot, its fee goes on the unit's account in the same save.
/// </summary>
public sealed class ServiceIntake(
    CaseSteps<ServiceRequest> steps, ServicePages pages, PortalDbContext db, Ledger ledger, Saving saving, TimeProvider time, IStringLocalizer<ServicesText> t)
{
    /// <param name="form">As posted; its options are filled again for a redisplay.</param>
    /// <param name="formInvalid">The form's validator found something (shown again, with the intake's own findings).</param>
    public async Task<IntakeResult> OpenAsync(ServiceForm form, bool formInvalid, Actor actor, CancellationToken ct)
    {
        if (!await pages.WithOptionsAsync(form, ct))
        {
            return IntakeResult.NotFound;
        }

        var type = form.Type!;
        var errors = new List<FieldError>();
        if (form.PropertyKind is { } kind && !type.AppliesTo(kind))
        {
            errors.Add(new(nameof(form.TypeId), t["Services.NotForProperty"]));
        }

        var contact = await ContactAsync(form, ct);
        if (form.ContactId is not null && (contact is null || contact.PropertyId != form.PropertyId))
        {
            return IntakeResult.NotFound;
        }

        if (form.HandlerId is { Length: > 0 } handler && form.HandlerOptions.All(o => o.Value != handler))
        {
            errors.Add(new(nameof(form.HandlerId), t["Services.NotAHandler"]));
        }

        var charge = type.ChargesFee && form.CompleteNow && !type.RequiresApproval ? form.Fee : null;
        if (charge is not null && form.UnitId is null)
        {
            errors.Add(new(nameof(form.Fee), t["Services.FeeNeedsUnit"]));
        }

        var now = time.GetUtcNow().UtcDateTime;
        var today = PortalClock.Today(time);
        BookableResource? resource = null;
        IReadOnlyList<DateTime> slots = [];
        if (type.Kind == ServiceKind.Booking)
        {
            (resource, slots) = await BookingAsync(form, errors, now, ct);
        }

        ReleaseDetails? release = null;
        if (type.Kind == ServiceKind.Release)
        {
            release = await ReleaseAsync(form, errors, today, ct);
        }

        if (formInvalid || errors.Count > 0)
        {
            return IntakeResult.Invalid(errors);
        }

        var propertyId = form.PropertyId!.Value;
        var prefix = type.Kind == ServiceKind.Release ? "FX" : "FW";
        var result = await steps.OpenAsync(propertyId, actor,
            () => CaseNumbers.NextAsync(db.ServiceRequests.IgnoreQueryFilters().Where(r => r.PropertyId == propertyId).Select(r => r.Number), prefix, now, ct),
            async (number, s) =>
            {
                // Two desks booking the same slot: the loser's save hits the slot index and is drawn again here, where the slot is now taken.
                if (slots.Count > 0 && await SlotsTakenAsync(resource!.Id, slots, ct))
                {
                    throw new DomainException("BookingClash", "The slot was booked meanwhile.");
                }

                var handlerName = form.HandlerOptions.FirstOrDefault(o => o.Value == form.HandlerId)?.Text;
                var request = ServiceRequest.Open(number, new ServiceRequest.Intake(
                    propertyId, type, form.UnitId, form.CustomerId, form.ContactId, form.RequesterName!, form.Phone, form.Description,
                    PortalClock.ToUtc(form.ReceivedAt!.Value), string.IsNullOrEmpty(form.HandlerId) ? null : form.HandlerId, handlerName, resource, slots, release),
                    s.By, s.Now, today, s.Clocks);
                if (form.CompleteNow && !request.RequiresApproval)
                {
                    request.Complete(null, charge, s.By, s.Now, today, s.Clocks);
                    if (charge is { } amount)
                    {
                        await ledger.StageOneOffAsync(propertyId, request.UnitId!.Value, request.CustomerId, amount, $"{type.Name} {number}", ServiceSteps.ChargeKey(request.Id), s.By, ct);
                    }
                }

                contact?.LinkServiceRequest(request.Id);
                return request;
            }, ct,
            beforeRetry: async () => contact = await ContactAsync(form, ct));

        if (!result.Done && result.Status == StepStatus.Refused && result.Message == saving.DomainMessage(new DomainException("BookingClash", "")))
        {
            return new IntakeResult(result, [new FieldError(nameof(form.BookingFrom), result.Message)]);
        }

        return IntakeResult.Of(result, nameof(form.BookingFrom));
    }

    /// <summary>The resource and the slots the form asks for, each refusal beside its field; the slots already held refused here too (the index decides a race).</summary>
    private async Task<(BookableResource?, IReadOnlyList<DateTime>)> BookingAsync(ServiceForm form, List<FieldError> errors, DateTime now, CancellationToken ct)
    {
        var resource = form.ResourceId is { } rid ? await db.BookableResources.AsNoTracking().FirstOrDefaultAsync(r => r.Id == rid, ct) : null;
        if (resource is null)
        {
            errors.Add(new(nameof(form.ResourceId), t["Services.PickResource"]));
            return (null, []);
        }

        if (form.BookingDate is not { } date || form.BookingFrom is not { } from || form.BookingTo is not { } to)
        {
            errors.Add(new(nameof(form.BookingFrom), t["Services.PickTime"]));
            return (resource, []);
        }

        try
        {
            var slots = resource.SlotsFor(date, from, to, PortalClock.Zone, now);
            if (await SlotsTakenAsync(resource.Id, slots, ct))
            {
                errors.Add(new(nameof(form.BookingFrom), saving.DomainMessage(new DomainException("BookingClash", ""))));
            }

            return (resource, slots);
        }
        catch (DomainException ex)
        {
            errors.Add(new(nameof(form.BookingFrom), saving.DomainMessage(ex)));
            return (resource, []);
        }
    }

    /// <summary>What the release's rules need from the registry and the ledger today; a broken rule beside the field it is about.</summary>
    private async Task<ReleaseDetails?> ReleaseAsync(ServiceForm form, List<FieldError> errors, DateOnly today, CancellationToken ct)
    {
        if (form.UnitId is not { } unitId)
        {
            errors.Add(new(nameof(form.Lookup), t["Services.ReleaseNeedsUnit"]));
            return null;
        }

        OccupancyRole? role = form.CustomerId is { } customerId
            ? await db.Occupancies.AsNoTracking()
                .Where(o => o.UnitId == unitId && o.CustomerId == customerId && o.StartDate <= today && (o.EndDate == null || o.EndDate >= today))
                .OrderBy(o => o.Role).Select(o => (OccupancyRole?)o.Role).FirstOrDefaultAsync(ct)
            : null;
        ReleaseRelation? relation = role switch
        {
            OccupancyRole.Owner => ReleaseRelation.Owner,
            OccupancyRole.Tenant => ReleaseRelation.Tenant,
            _ => form.OwnerAuthorisation ? ReleaseRelation.Authorised : null,
        };
        var release = new ReleaseDetails(form.ReleaseItems ?? "", form.CarrierName ?? "", form.CarrierPhone, form.ReleaseDate ?? today, relation,
            form.MovingOut, form.OwnerConsent, await ledger.OutstandingAsync(unitId, ct));
        try
        {
            ReleaseRules.Verify(release, today);
        }
        catch (DomainException ex)
        {
            var field = ex.Code switch
            {
                "ReleaseNoItems" or "ReleaseTooManyItems" => nameof(form.ReleaseItems),
                "Required" => nameof(form.CarrierName),
                "ReleaseDateInPast" => nameof(form.ReleaseDate),
                "ReleaseNotAuthorised" => nameof(form.OwnerAuthorisation),
                "ReleaseMoveOutNeedsConsent" => nameof(form.OwnerConsent),
                _ => "",
            };
            var message = ex.Code == "ReleaseMoveOutNeedsConsent"
                ? t["Services.MoveOutOwes", Infrastructure.Mvc.ViewHelpers.Money(release.Owed)].Value
                : saving.DomainMessage(ex);
            errors.Add(new(field, message));
        }

        return release;
    }

    /// <summary>Whether any of the (consecutive) slots is held: one index range.</summary>
    private Task<bool> SlotsTakenAsync(Guid resourceId, IReadOnlyList<DateTime> slots, CancellationToken ct)
    {
        var (first, last) = (slots[0], slots[^1]);
        return db.BookingSlots.AnyAsync(s => s.ResourceId == resourceId && s.StartsAt >= first && s.StartsAt <= last, ct);
    }

    private async Task<Contact?> ContactAsync(ServiceForm form, CancellationToken ct) =>
        form.ContactId is { } cid ? await db.Contacts.FirstOrDefaultAsync(c => c.Id == cid, ct) : null;
}
