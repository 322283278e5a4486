using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Community;
using PropertyPortal.Web.Features.Reports;
using PropertyPortal.Web.Features.Reports.Sections;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.Events;

/// <summary>社区活动 held in the month (their record taken: held or beyond) and how many came.</summary>
public sealed class EventsReportSection(PortalDbContext db, IStringLocalizer<ReportsText> t, IStringLocalizer<SharedResource> l) : SectionBase(t, l)
{
    private static readonly CommunityEventStatus[] Held =
        [CommunityEventStatus.Held, CommunityEventStatus.Evaluated, CommunityEventStatus.EvaluationReviewed, CommunityEventStatus.Closed];

    public override string Key => "events";

    public override int Order => 80;

    public override async Task<IReadOnlyList<ReportFigure>> FiguresAsync(ReportPeriod period, DateTime nowUtc, CancellationToken ct)
    {
        var held = await db.CommunityEvents.AsNoTracking()
            .Where(e => e.PropertyId == period.PropertyId && e.StartsAt >= period.FromUtc && e.StartsAt < period.ToUtc && Held.Contains(e.Status))
            .Select(e => new { e.ActualAttendance, e.PublicWelfare }).ToListAsync(ct);
        return
        [
            F("held", held.Count),
            F("publicWelfare", held.Count(e => e.PublicWelfare)),
            F("attendance", held.Sum(e => e.ActualAttendance ?? 0)),
        ];
    }
}
