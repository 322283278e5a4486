using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Services;
using PropertyPortal.Domain.Visits;
using PropertyPortal.Web.Features.Reports;
using PropertyPortal.Web.Features.Reports.Sections;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.Visits;

/// <summary>
/// Service requests received and completed in the month; steward visits made against the property's quota for
/// the month; the mean survey score (as a share of each question's scale) of the answers given in the month.
/// </summary>
public sealed class ServicesReportSection(PortalDbContext db, IStringLocalizer<ReportsText> t, IStringLocalizer<SharedResource> l) : SectionBase(t, l)
{
    public override string Key => "services";

    public override int Order => 50;

    public override async Task<IReadOnlyList<ReportFigure>> FiguresAsync(ReportPeriod period, DateTime nowUtc, CancellationToken ct)
    {
        var (pid, start, to) = (period.PropertyId, period.FromUtc, period.ToUtc);
        var requests = db.ServiceRequests.AsNoTracking().Where(r => r.PropertyId == pid);
        var first = new DateOnly(period.Year, period.Month, 1);
        var visits = await db.Visits.AsNoTracking().CountAsync(v => v.PropertyId == pid && v.VisitedOn >= first && v.VisitedOn < period.EndDate, ct);
        var quota = await db.VisitQuotas.AsNoTracking().Where(q => q.PropertyId == pid && q.Period == period.Yyyymm && q.Key == VisitQuota.PropertyKey)
            .Select(q => (int?)q.Target).FirstOrDefaultAsync(ct);
        var answers = await (from a in db.SurveyAnswers.AsNoTracking()
                             join s in db.SurveySamples on a.SampleId equals s.Id
                             where s.PropertyId == pid && s.AnsweredAt >= start && s.AnsweredAt < to && a.ScaleMax > 0
                             select new { a.Score, a.ScaleMax }).ToListAsync(ct);
        return
        [
            F("received", await requests.CountAsync(r => r.ReceivedAt >= start && r.ReceivedAt < to, ct)),
            F("completed", await requests.CountAsync(r => r.Status == ServiceStatus.Completed && r.CompletedAt >= start && r.CompletedAt < to, ct)),
            F("visits", visits),
            F("visitQuota", quota),
            F("visitShare", quota is > 0 ? ClockFigures.Rate(visits, quota.Value) : null, FigureUnit.Rate),
            F("surveyAnswers", answers.Count),
            F("surveyScore", answers.Count == 0 ? null : Math.Round(answers.Average(a => (decimal)a.Score / a.ScaleMax), 4), FigureUnit.Rate),
        ];
    }
}
