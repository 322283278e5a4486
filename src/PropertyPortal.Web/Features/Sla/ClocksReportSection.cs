using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Features.Reports;
using PropertyPortal.Web.Features.Reports.Sections;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.Sla;

/// <summary>
/// The property's clocks in the month: breaches and escalations fired (the sweep's SLA events, by kind of
/// case), and the ten cases whose clocks due in the month were latest (met late, or still open past due).
/// </summary>
public sealed class ClocksReportSection(PortalDbContext db, IStringLocalizer<ReportsText> t, IStringLocalizer<SharedResource> l) : SectionBase(t, l)
{
    public override string Key => "clocks";

    public override int Order => 90;

    public override async Task<IReadOnlyList<ReportFigure>> FiguresAsync(ReportPeriod period, DateTime nowUtc, CancellationToken ct)
    {
        var events = await db.SlaEvents.AsNoTracking()
            .Where(e => e.PropertyId == period.PropertyId && e.FiredAt >= period.FromUtc && e.FiredAt < period.ToUtc && e.Kind != SlaEventKind.Warning)
            .Select(e => new { e.Kind, e.Subject }).ToListAsync(ct);
        var breaches = events.Where(e => e.Kind == SlaEventKind.Breach).ToList();
        return
        [
            F("breaches", breaches.Count),
            .. ByEnum("breachesBy", breaches.Select(e => e.Subject)).Where(f => f.Value > 0),
            F("toSupervisor", events.Count(e => e.Kind == SlaEventKind.EscalatedToSupervisor)),
            F("toManager", events.Count(e => e.Kind == SlaEventKind.EscalatedToManager)),
        ];
    }

    public override async Task<IReadOnlyList<ReportLink>> LinksAsync(ReportPeriod period, DateTime nowUtc, CancellationToken ct)
    {
        var clocks = await db.SlaClocks.AsNoTracking()
            .Where(k => k.PropertyId == period.PropertyId && k.DueAt >= period.FromUtc && k.DueAt < period.ToUtc && k.DueAt < nowUtc
                && ((k.State == SlaClockState.Met && k.MinutesEarly < 0) || k.State == SlaClockState.Running || k.State == SlaClockState.Paused))
            .Select(k => new { k.Subject, k.SubjectId, k.Milestone, k.DueAt, k.State, k.MinutesEarly }).ToListAsync(ct);
        var worst = clocks
            .Select(k => (k.Subject, k.SubjectId, k.Milestone, Late: k.State == SlaClockState.Met ? -k.MinutesEarly!.Value : (int)Math.Ceiling((nowUtc - k.DueAt).TotalMinutes)))
            .OrderByDescending(k => k.Late).ThenBy(k => k.SubjectId).Take(10).ToList();
        var numbers = await SlaSubjects.NumbersAsync(db, worst.Select(k => (k.Subject, k.SubjectId)), false, ct);
        return worst.Select(k => new ReportLink(numbers.GetValueOrDefault(k.SubjectId, L[$"Enum.SlaSubject.{k.Subject}"]), SlaSubjects.Link(k.Subject, k.SubjectId),
            $"{L[$"Enum.SlaMilestone.{k.Milestone}"]} · {k.Late}")).ToList();
    }
}
