using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Services;
using PropertyPortal.Domain.Visits;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Services;

public sealed record HouseholdServiceRow(Guid Id, string Number, DateTime ReceivedAt, string TypeName, ServiceStatus Status);

public sealed record HouseholdVisitRow(Guid Id, DateOnly VisitedOn, VisitChannel Channel, string StewardName, string Topics, int Findings);

public sealed record HouseholdSurveyRow(Guid SampleId, Guid SurveyId, int Year, int Quarter, SurveySampleStatus Status, DateTime? AnsweredAt, decimal? Score);

public sealed record HouseholdServices(Guid? CustomerId, Guid? UnitId, IReadOnlyList<HouseholdServiceRow> Requests, IReadOnlyList<HouseholdVisitRow> Visits,
    IReadOnlyList<HouseholdSurveyRow> Surveys);

/// <summary>
/// A household's (or a unit's) service requests, stewards' visits and survey answers, newest first, on its page —
/// until the household's whole-story timeline takes them as its sources.
/// <c>@await Component.InvokeAsync("HouseholdServices", new { customerId })</c>.
/// </summary>
public sealed class HouseholdServicesViewComponent(PortalDbContext db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid? customerId = null, Guid? unitId = null)
    {
        var ct = HttpContext.RequestAborted;
        var requests = db.ServiceRequests.AsNoTracking();
        requests = customerId is { } c ? requests.Where(r => r.CustomerId == c) : requests.Where(r => r.UnitId == unitId);
        var requestRows = await requests.OrderByDescending(r => r.ReceivedAt).Take(20)
            .Select(r => new HouseholdServiceRow(r.Id, r.Number, r.ReceivedAt, r.TypeName, r.Status)).ToListAsync(ct);

        var visits = db.Visits.AsNoTracking();
        visits = customerId is { } v ? visits.Where(x => x.CustomerId == v) : visits.Where(x => x.UnitId == unitId);
        var visitRows = await visits.OrderByDescending(x => x.VisitedOn).ThenByDescending(x => x.RecordedAt).Take(20)
            .Select(x => new HouseholdVisitRow(x.Id, x.VisitedOn, x.Channel, x.StewardName, x.Topics, x.Findings.Count)).ToListAsync(ct);

        var samples = db.SurveySamples.AsNoTracking();
        samples = customerId is { } s ? samples.Where(x => x.CustomerId == s) : samples.Where(x => x.UnitId == unitId);
        var sampleRows = await (from x in samples
                                join survey in db.Surveys on x.SurveyId equals survey.Id
                                orderby survey.Year descending, survey.Quarter descending
                                select new { x.Id, x.SurveyId, survey.Year, survey.Quarter, x.Status, x.AnsweredAt })
            .Take(8).ToListAsync(ct);
        var ids = sampleRows.Select(r => r.Id).ToList();
        var answers = (await db.SurveyAnswers.AsNoTracking().Where(a => ids.Contains(a.SampleId)).Select(a => new { a.SampleId, a.Score, a.ScaleMax }).ToListAsync(ct))
            .GroupBy(a => a.SampleId).ToDictionary(g => g.Key, g => SurveyScores.Mean(g.Select(a => (a.Score, a.ScaleMax))));
        var surveyRows = sampleRows.Select(r => new HouseholdSurveyRow(r.Id, r.SurveyId, r.Year, r.Quarter, r.Status, r.AnsweredAt, answers.GetValueOrDefault(r.Id))).ToList();

        return View("~/Features/Services/_HouseholdServices.cshtml", new HouseholdServices(customerId, unitId, requestRows, visitRows, surveyRows));
    }
}
