using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Visits;
using PropertyPortal.Web.Features.Services;
using PropertyPortal.Web.Features.Shared;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Visits;

/// <summary>What the survey pages show: a property's surveys of a year, a survey's sample and its results per question and category, the answer form.</summary>
public sealed class SurveyPages(PortalDbContext db, ServiceLimits limits, TimeProvider time)
{
    public async Task<SurveyList?> ListAsync(Guid? propertyId, int? year, bool canDraw, CancellationToken ct)
    {
        var properties = await db.PropertyOptionsAsync(propertyId, ct);
        if (propertyId is { } asked && properties.All(p => p.Value != asked.ToString()))
        {
            return null;
        }

        var today = PortalClock.Today(time);
        propertyId ??= properties.Count > 0 ? Guid.Parse(properties[0].Value) : null;
        var y = year is >= 2000 and <= 2100 ? year.Value : today.Year;
        if (propertyId is not { } pid)
        {
            return new SurveyList(null, properties, y, [], Survey.QuarterOf(today), false, 0, 0, 0);
        }

        var surveys = await db.Surveys.AsNoTracking().Where(s => s.PropertyId == pid && s.Year == y).OrderByDescending(s => s.Quarter)
            .Select(s => new
            {
                s.Id, s.Year, s.Quarter, s.Households, s.SharePercent, s.Target, Drawn = s.Samples.Count,
                Answered = s.Samples.Count(x => x.Status == SurveySampleStatus.Answered),
                Closed = s.Samples.Count(x => x.Status == SurveySampleStatus.Declined || x.Status == SurveySampleStatus.Unreachable),
                s.DrawnAt, s.DrawnByName,
            }).ToListAsync(ct);
        var ids = surveys.Select(s => s.Id).ToList();
        var scores = (await (from a in db.SurveyAnswers.AsNoTracking()
                             join x in db.SurveySamples on a.SampleId equals x.Id
                             where ids.Contains(x.SurveyId)
                             select new { x.SurveyId, a.Score, a.ScaleMax }).ToListAsync(ct))
            .GroupBy(a => a.SurveyId).ToDictionary(g => g.Key, g => SurveyScores.Mean(g.Select(a => (a.Score, a.ScaleMax))));
        var movedIn = await db.Occupancies.AsNoTracking().Where(o => o.PropertyId == pid && o.StartDate <= today && (o.EndDate == null || o.EndDate >= today))
            .Select(o => o.CustomerId).Distinct().CountAsync(ct);
        var surveyed = await db.SurveySamples.AsNoTracking().CountAsync(s => s.PropertyId == pid && s.Year == today.Year, ct);
        return new SurveyList(pid, [.. properties.Select(o => new SelectListItem(o.Text, o.Value, o.Value == pid.ToString()))], y,
            [.. surveys.Select(s => new SurveyRow(s.Id, s.Year, s.Quarter, s.Households, s.SharePercent, s.Target, s.Drawn, s.Answered, s.Closed,
                scores.GetValueOrDefault(s.Id), s.DrawnAt, s.DrawnByName))],
            Survey.QuarterOf(today), canDraw, (await limits.ForAsync(pid, ct)).SurveySharePercent, movedIn, surveyed);
    }

    /// <summary>A survey: its sample (who, reached how, the household's score) and its results per question, per category and overall (0–100).</summary>
    public async Task<SurveyDetails?> DetailsAsync(Guid id, CancellationToken ct)
    {
        var survey = await db.Surveys.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (survey is null)
        {
            return null;
        }

        var propertyName = await db.Properties.Where(p => p.Id == survey.PropertyId).Select(p => p.Name).FirstAsync(ct);
        var samples = await SamplesAsync(db.SurveySamples.AsNoTracking().Where(s => s.SurveyId == id), ct);
        var answers = await (from a in db.SurveyAnswers.AsNoTracking()
                             join x in db.SurveySamples on a.SampleId equals x.Id
                             where x.SurveyId == id
                             select new { a.QuestionId, a.Score, a.ScaleMax }).ToListAsync(ct);
        var questionIds = answers.Select(a => a.QuestionId).Distinct().ToList();
        var questions = await db.SurveyQuestions.AsNoTracking().Where(q => q.IsActive || questionIds.Contains(q.Id)).OrderBy(q => q.SortOrder).ToListAsync(ct);
        var perQuestion = questions.Select(q =>
        {
            var mine = answers.Where(a => a.QuestionId == q.Id).ToList();
            return new QuestionResult(q.Id, q.Category, q.Text, q.ScaleMax, mine.Count,
                mine.Count == 0 ? null : Math.Round((decimal)mine.Average(a => a.Score), 2), SurveyScores.Mean(mine.Select(a => (a.Score, a.ScaleMax))));
        }).ToList();
        var categories = questions.GroupBy(q => q.Category).Select(g =>
        {
            var ids = g.Select(q => q.Id).ToHashSet();
            var mine = answers.Where(a => ids.Contains(a.QuestionId)).ToList();
            return new CategoryResult(g.Key, mine.Count, SurveyScores.Mean(mine.Select(a => (a.Score, a.ScaleMax))));
        }).OrderBy(c => c.Points ?? decimal.MaxValue).ToList();
        return new SurveyDetails(survey, propertyName, samples, perQuestion, categories, SurveyScores.Mean(answers.Select(a => (a.Score, a.ScaleMax))));
    }

    /// <summary>The answer form of one household of a sample; null when the sample is not the user's to see.</summary>
    public async Task<AnswerPage?> AnswerAsync(Guid sampleId, AnswerForm? posted, CancellationToken ct)
    {
        var rows = await SamplesAsync(db.SurveySamples.AsNoTracking().Where(s => s.Id == sampleId), ct);
        if (rows.Count == 0)
        {
            return null;
        }

        var survey = await (from x in db.SurveySamples
                            join s in db.Surveys on x.SurveyId equals s.Id
                            join p in db.Properties on s.PropertyId equals p.Id
                            where x.Id == sampleId
                            select new { s.Id, s.Year, s.Quarter, PropertyName = p.Name }).FirstAsync(ct);
        var questions = await db.SurveyQuestions.AsNoTracking().Where(q => q.IsActive).OrderBy(q => q.SortOrder).ToListAsync(ct);
        return new AnswerPage(rows[0], survey.Id, survey.PropertyName, survey.Year, survey.Quarter, questions, posted ?? new AnswerForm { Version = rows[0].Version });
    }

    private async Task<List<SampleRow>> SamplesAsync(IQueryable<SurveySample> samples, CancellationToken ct)
    {
        var rows = await (from x in samples
                          join c in db.Customers on x.CustomerId equals c.Id
                          join u in db.Units on x.UnitId equals (Guid?)u.Id into units
                          from u in units.DefaultIfEmpty()
                          join b in db.Buildings on u.BuildingId equals b.Id into buildings
                          from b in buildings.DefaultIfEmpty()
                          orderby x.Status, b.Name, u.Number
                          select new { x.Id, x.CustomerId, c.Name, c.Phone, Unit = u == null ? null : b.Name + " " + u.Number, x.Status, x.Channel, x.AnsweredAt,
                              x.AnsweredByName, x.Comment, x.Version }).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var scores = (await db.SurveyAnswers.AsNoTracking().Where(a => ids.Contains(a.SampleId)).Select(a => new { a.SampleId, a.Score, a.ScaleMax }).ToListAsync(ct))
            .GroupBy(a => a.SampleId).ToDictionary(g => g.Key, g => SurveyScores.Mean(g.Select(a => (a.Score, a.ScaleMax))));
        return [.. rows.Select(r => new SampleRow(r.Id, r.CustomerId, r.Name, r.Phone, r.Unit, r.Status, r.Channel, r.AnsweredAt, r.AnsweredByName,
            scores.GetValueOrDefault(r.Id), r.Comment, r.Version))];
    }
}
