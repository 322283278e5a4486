using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Callbacks;
using PropertyPortal.Domain.Fees;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Repairs;

/// <summary>
/// Every transition of a repair order after intake, each one domain method run through the case step
/// runner (<see cref="CaseSteps{TCase}"/>: clocks through the seam, notifications from the new timeline
/// events by <see cref="RepairNotifications"/>, one save). <paramref name="desk"/>-only steps are also
/// behind the controller's intake policy; the technician may do the site steps of his own orders.
/// </summary>
public sealed class RepairSteps(CaseSteps<RepairOrder> steps, PortalDbContext db, Shared.StaffDirectory staff, TimeProvider time, IStringLocalizer<RepairsText> t)
{
    /// <summary>派工 / 改派 to one of the property's technicians.</summary>
    public async Task<StepResult> DispatchAsync(StepRequest request, string? technicianId, CancellationToken ct)
    {
        var propertyId = await db.RepairOrders.Where(o => o.Id == request.Id).Select(o => (Guid?)o.PropertyId).FirstOrDefaultAsync(ct);
        var name = (await staff.OptionsAsync(propertyId, ct, Roles.Technician)).FirstOrDefault(o => o.Value == technicianId)?.Text;
        if (technicianId is not null && name is null)
        {
            request = request.WithError(t["Repairs.NotATechnician"]);
        }

        return await steps.RunAsync(request, (o, s) => o.Dispatch(technicianId!, name!, s.By, s.Now, s.Clocks), ct);
    }

    public Task<StepResult> PhoneReplyAsync(StepRequest request, string? note, bool desk, CancellationToken ct) =>
        steps.RunAsync(request, (o, s) => o.RecordPhoneReply(note, s.By, s.Now, s.Clocks), ct, Technician(request, desk));

    public Task<StepResult> OnSiteAsync(StepRequest request, bool desk, CancellationToken ct) =>
        steps.RunAsync(request, (o, s) => o.ArriveOnSite(s.By, s.Now, s.Clocks), ct, Technician(request, desk));

    /// <summary>完工: the callback is scheduled, and a paid repair's charge goes on the unit's fee account in the same save — once per order.</summary>
    public async Task<StepResult> CompleteAsync(StepRequest request, CompleteForm form, bool desk, CancellationToken ct)
    {
        // A reopened order completed again is not charged twice.
        var chargeKey = $"R:{request.Id:N}";
        var charged = await db.Charges.AnyAsync(c => c.SourceKey == chargeKey, ct);
        var today = PortalClock.Today(time);
        return await steps.RunAsync(request, (o, s) =>
        {
            db.Callbacks.Add(o.Complete(form.WorkDone!, form.Materials, form.Charge, form.LeakTestAt is { } leak ? PortalClock.ToUtc(leak) : null, s.By, s.Now, s.Clocks));
            if (!charged && o.Charge is { } amount and > 0 && o.UnitId is { } unit)
            {
                db.Charges.Add(new Charge(o.PropertyId, unit, o.CustomerId, null, FeeKind.OneOff, null, $"有偿维修 {o.Number}", 1, amount, amount, today, chargeKey, s.By, s.Now));
            }
        }, ct, Technician(request, desk));
    }

    public Task<StepResult> CancelAsync(StepRequest request, string? reason, CancellationToken ct) =>
        steps.RunAsync(request, (o, s) => o.Cancel(reason!, s.By, s.Now, s.Clocks), ct);

    /// <summary>返修 from the desk: a callback still open for the order is withdrawn (the next completion makes a new one).</summary>
    public async Task<StepResult> ReopenAsync(StepRequest request, string? reason, CancellationToken ct)
    {
        var openCallback = await db.Callbacks.FirstOrDefaultAsync(c => c.RepairOrderId == request.Id && c.Status == CallbackStatus.Open, ct);
        return await steps.RunAsync(request, (o, s) =>
        {
            o.Reopen(reason!, s.By, s.Now, s.Clocks);
            openCallback?.Withdraw(reason!, s.By, s.Now);
        }, ct);
    }

    /// <summary>催单: recorded on the order; the technician and the property's supervisors are told.</summary>
    public Task<StepResult> ChaseAsync(StepRequest request, string? note, CancellationToken ct) =>
        steps.RunAsync(request, (o, s) => o.Chase(note, s.By, s.Now), ct);

    /// <summary>The agreed time changed (local time as typed); a normal order's on-site clock follows it.</summary>
    public Task<StepResult> AppointmentAsync(StepRequest request, DateTime? appointmentLocal, CancellationToken ct) =>
        steps.RunAsync(request, (o, s) => o.ChangeAppointment(appointmentLocal is { } a ? PortalClock.ToUtc(a) : null, s.By, s.Now, s.Clocks), ct);

    /// <summary>The desk may do it to any order; a technician only to an order dispatched to him.</summary>
    private static Func<RepairOrder, bool> Technician(StepRequest request, bool desk) =>
        o => desk || o.TechnicianId == request.Actor.UserId;
}
