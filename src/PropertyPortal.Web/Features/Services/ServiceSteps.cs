using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Services;
using PropertyPortal.Web.Features.Fees;
using PropertyPortal.Web.Features.Shared;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Services;

/// <summary>
/// Every transition of a service request after intake, each one domain method run through the case step runner
/// (<see cref="CaseSteps{TCase}"/>: clocks through the seam, notifications from the new timeline events by
/// <see cref="ServiceNotifications"/>, one save). A fee goes on the unit's account through the <see cref="Ledger"/>
/// in the same save, keyed by the request so it is charged once.
/// </summary>
public sealed class ServiceSteps(CaseSteps<ServiceRequest> steps, PortalDbContext db, StaffDirectory staff, Ledger ledger, TimeProvider time,
    IStringLocalizer<ServicesText> t)
{
    /// <summary>The ledger key of a request's fee: one charge per request, whichever desk or instance completes it.</summary>
    public static string ChargeKey(Guid requestId) => $"S:{requestId:N}";

    private DateOnly Today => PortalClock.Today(time);

    /// <summary>转派 to someone of the role the service's catalog entry names, at the request's property.</summary>
    public async Task<StepResult> AssignAsync(StepRequest request, string? handlerId, CancellationToken ct)
    {
        var row = await (from r in db.ServiceRequests
                         join s in db.ServiceTypes on r.CategoryId equals s.Id
                         where r.Id == request.Id
                         select new { r.PropertyId, s.HandlerRole }).FirstOrDefaultAsync(ct);
        var name = row is null ? null : (await staff.OptionsAsync(row.PropertyId, ct, ServicePages.RoleOf(row.HandlerRole))).FirstOrDefault(o => o.Value == handlerId)?.Text;
        if (row is not null && name is null)
        {
            request = request.WithError(t["Services.NotAHandler"]);
        }

        return await steps.RunAsync(request, (r, s) => r.Assign(handlerId!, name!, s.By, s.Now, s.Clocks), ct);
    }

    /// <summary>批准 (a supervisor of the property): a release is checked again with what the unit owes now.</summary>
    public async Task<StepResult> ApproveAsync(StepRequest request, string? note, CancellationToken ct)
    {
        var unitId = await db.ServiceRequests.Where(r => r.Id == request.Id && r.Kind == ServiceKind.Release).Select(r => r.UnitId).FirstOrDefaultAsync(ct);
        decimal? owed = unitId is { } unit ? await ledger.OutstandingAsync(unit, ct) : null;
        return await steps.RunAsync(request, (r, s) => r.Approve(note, owed, s.By, s.Now, Today, s.Clocks), ct);
    }

    /// <summary>驳回 with the reason; a booking's slots go back.</summary>
    public Task<StepResult> RejectAsync(StepRequest request, string? reason, CancellationToken ct) =>
        steps.RunAsync(request, (r, s) => r.Reject(reason!, s.By, s.Now, s.Clocks), ct, load: WithBooking);

    /// <summary>办结 (a release: 已放行): the fee, when there is one, goes on the unit's account in the same save. Not the desk: only its handler.</summary>
    public Task<StepResult> CompleteAsync(StepRequest request, string? note, decimal? fee, bool desk, CancellationToken ct) =>
        steps.RunAsync(request, async (r, s) =>
        {
            r.Complete(note, fee, s.By, s.Now, Today, s.Clocks);
            if (fee is { } amount)
            {
                await ledger.StageOneOffAsync(r.PropertyId, r.UnitId!.Value, r.CustomerId, amount, $"{r.TypeName} {r.Number}", ChargeKey(r.Id), s.By, ct);
            }
        }, ct, allowed: r => desk || r.HandlerId == request.Actor.UserId);

    /// <summary>取消 with the reason: the clocks stop, a booking's slots go back.</summary>
    public Task<StepResult> CancelAsync(StepRequest request, string? reason, CancellationToken ct) =>
        steps.RunAsync(request, (r, s) => r.Cancel(reason!, s.By, s.Now, s.Clocks), ct, load: WithBooking);

    /// <summary>
    /// 取消预订 of a booking already registered: the slots go back; its fee, while unpaid, is reversed with the same
    /// reason (a paid one stays on the fee account for a supervisor to reverse; the request's page shows it).
    /// </summary>
    public async Task<StepResult> CancelBookingAsync(StepRequest request, string? reason, CancellationToken ct)
    {
        var charge = await ledger.BySourceAsync(ChargeKey(request.Id), ct);
        return await steps.RunAsync(request, (r, s) =>
        {
            r.CancelBooking(reason!, s.By, s.Now);
            if (charge is { IsReversed: false, Paid: 0 } c)
            {
                c.Reverse(reason!, s.By, s.Now);
                r.RecordChargeReversed(t["Services.ChargeReversedNote", c.Amount.ToString("0.00", CultureInfo.InvariantCulture)], s.By, s.Now);
            }
        }, ct, load: WithBooking);
    }

    private static IQueryable<ServiceRequest> WithBooking(IQueryable<ServiceRequest> q) => q.Include(r => r.Booking).ThenInclude(b => b!.Slots);
}
