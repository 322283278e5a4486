using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Community;
using PropertyPortal.Web.Features.Shared;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Events;

/// <summary>
/// A new community event from its plan form — from a row of the approved annual plan, or ad hoc (the Manager approves
/// it first) — numbered in the property's yearly ledger (CHHY-HD-2026-005) and opened through the case step runner, so
/// its three plan clocks save themselves and the Manager hears of an ad hoc proposal (<see cref="EventNotifications"/>).
/// </summary>
public sealed class EventIntake(CaseSteps<CommunityEvent> steps, EventPages pages, EventApprovers approvers, PortalDbContext db)
{
    public async Task<IntakeResult> OpenAsync(EventForm form, bool formInvalid, Actor actor, CancellationToken ct)
    {
        if (!await pages.WithOptionsAsync(form, ct))
        {
            return IntakeResult.NotFound;
        }

        if (formInvalid)
        {
            return IntakeResult.Invalid([]);
        }

        var propertyId = form.PropertyId!.Value;
        var code = await db.Properties.Where(p => p.Id == propertyId).Select(p => p.Code).FirstAsync(ct);
        var row = form.PlanRowId is { } rowId ? await db.AnnualPlanRows.AsNoTracking().FirstAsync(r => r.Id == rowId, ct) : null;
        var approver = await approvers.SoleGeneralManagerAsync(propertyId, ct);
        var sheet = Sheet(form);
        var year = PortalClock.ToLocal(sheet.StartsAt).Year;
        var result = await steps.OpenAsync(propertyId, actor,
            () => LedgerNumbers.NextAsync(db.CommunityEvents.IgnoreQueryFilters().Where(e => e.PropertyId == propertyId).Select(e => e.Number), code, LedgerNumbers.Event, year, ct),
            (number, s) => Task.FromResult(CommunityEvent.Create(number, propertyId, sheet, row, s.By, s.Now, s.Clocks, approver)), ct);
        return IntakeResult.Of(result, nameof(form.Theme));
    }

    /// <summary>The plan form as the domain takes it (local times to UTC, blank budget lines dropped).</summary>
    public static EventPlanSheet Sheet(EventForm f) => new(
        f.Theme ?? "", f.Format ?? "", PortalClock.ToUtc(f.StartsAt ?? default), f.EndsAt is { } end ? PortalClock.ToUtc(end) : null, f.Place ?? "",
        f.EventContent, f.Schedule, f.DepartmentDuties, f.PartnerProposals, f.EmergencyPlan, f.EvaluationMethod, f.PublicWelfare, f.ExpectedAttendance ?? 0,
        f.DayRoles, [.. f.Lines.Select(l => (l.BudgetItem ?? "", l.Amount ?? 0m))]);
}
