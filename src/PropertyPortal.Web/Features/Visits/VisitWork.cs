using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.FrontDesk;
using PropertyPortal.Domain.Visits;
using PropertyPortal.Web.Features.Shared;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Visits;

/// <summary>The outcome of a visit-page action: done (with the record's id), a refusal to show, or not found.</summary>
public sealed record WorkResult(bool Found, bool Done, string? Message = null, Guid? Id = null, string? Redirect = null)
{
    public static readonly WorkResult NotFound = new(false, false);

    public static WorkResult Refused(string message) => new(true, false, message);
}

/// <summary>
/// What the visit and survey pages change: record a visit (then count the month's quotas), turn a finding into a case
/// (through a front-desk contact, so the repair, complaint or service form opens prefilled as from a call), draw a
/// quarter's sample, record a household's answers or close its sample. Each in one save, refusals as messages.
/// </summary>
public sealed class VisitWork(
    PortalDbContext db, VisitPages pages, VisitQuotas quotas, SurveySampling sampling, Saving saving, TimeProvider time, IStringLocalizer<VisitsText> t,
    ILogger<VisitWork> logger)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>A visit: the steward must work at the property; the month's quotas are set (this month) and counted after it is saved.</summary>
    public async Task<(WorkResult Result, IReadOnlyList<FieldError> Errors)> RecordAsync(VisitForm form, bool formInvalid, Actor actor, CancellationToken ct)
    {
        if (!await pages.WithOptionsAsync(form, ct))
        {
            return (WorkResult.NotFound, []);
        }

        var errors = new List<FieldError>();
        var steward = form.StewardOptions.FirstOrDefault(o => o.Value == form.StewardId);
        if (form.StewardId is { Length: > 0 } && steward is null)
        {
            errors.Add(new(nameof(form.StewardId), t["Visits.NotASteward"]));
        }

        if (formInvalid || errors.Count > 0)
        {
            return (new WorkResult(true, false), errors);
        }

        Visit? visit = null;
        var saved = await saving.TryAsync(() =>
        {
            visit = new Visit(form.PropertyId!.Value, form.CustomerId!.Value, form.UnitId, steward!.Value, steward.Text, form.VisitedOn!.Value, form.Channel,
                form.Topics!, form.FindingLines, actor, Now, PortalClock.Today(time));
            db.Visits.Add(visit);
        }, ct);
        if (!saved.Ok)
        {
            return (WorkResult.Refused(saved.Message!), [new FieldError(saved.Status == SaveStatus.Refused ? nameof(form.VisitedOn) : "", saved.Message!)]);
        }

        logger.LogInformation("Visit {VisitId} to household {CustomerId} by {Steward} recorded by {User}", visit!.Id, visit.CustomerId, visit.StewardName, actor.Name);
        await quotas.EnsureMonthAsync(visit.PropertyId, visit.Period, ct);
        await quotas.CountAsync(visit.PropertyId, visit.Period, ct);
        return (new WorkResult(true, true, null, visit.Id), []);
    }

    /// <summary>
    /// 转报修 / 转投诉 / 转服务: the finding becomes a front-desk contact (source 走访, the household and unit of the visit,
    /// the finding as its subject) and the page to open its case is returned. A finding already followed up opens the
    /// case it became (the form says so when the case exists).
    /// </summary>
    public async Task<WorkResult> FollowUpAsync(Guid findingId, FindingFollowUp kind, int version, Actor actor, CancellationToken ct)
    {
        var finding = await db.VisitFindings.FirstOrDefaultAsync(f => f.Id == findingId, ct);
        if (finding is null || kind == FindingFollowUp.None)
        {
            return WorkResult.NotFound;
        }

        if (finding.ContactId is { } existing)
        {
            return new WorkResult(true, true, null, finding.VisitId, Target(finding.FollowUp, existing));
        }

        var visit = await db.Visits.AsNoTracking().FirstAsync(v => v.Id == finding.VisitId, ct);
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == visit.CustomerId).Select(c => new { c.Name, c.Phone }).FirstAsync(ct);
        db.Entry(finding).Property(nameof(Entity.Version)).OriginalValue = version;
        var now = Now;
        Contact? contact = null;
        var saved = await saving.TryAsync(() =>
        {
            contact = new Contact(visit.PropertyId, now, ContactSource.StewardVisit, visit.UnitId, visit.CustomerId, customer.Name, customer.Phone,
                finding.Text.Length > 200 ? finding.Text[..200] : finding.Text, t["Visits.FindingOf", visit.StewardName, visit.VisitedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)],
                actor, now);
            db.Contacts.Add(contact);
            finding.TurnInto(kind, contact.Id, actor, now);
        }, ct);
        if (!saved.Ok)
        {
            return new WorkResult(true, false, saved.Message, finding.VisitId);
        }

        logger.LogInformation("Finding {FindingId} of visit {VisitId} turned into a {Kind} by {User}", findingId, visit.Id, kind, actor.Name);
        return new WorkResult(true, true, null, visit.Id, Target(kind, contact!.Id));
    }

    /// <summary>抽样: the quarter's sample of the property; a second draw of the same quarter (or a household already drawn this year) is refused by the database.</summary>
    public async Task<WorkResult> DrawAsync(Guid propertyId, int year, int quarter, Actor actor, CancellationToken ct)
    {
        if (!await db.Properties.AnyAsync(p => p.Id == propertyId, ct))
        {
            return WorkResult.NotFound;
        }

        if (await db.Surveys.AnyAsync(s => s.PropertyId == propertyId && s.Year == year && s.Quarter == quarter, ct))
        {
            return WorkResult.Refused(t["Surveys.AlreadyDrawn", year, quarter]);
        }

        Survey? survey = null;
        var saved = await saving.TryAsync(async () => db.Surveys.Add(survey = await sampling.DrawAsync(propertyId, year, quarter, actor, ct)), ct);
        if (!saved.Ok)
        {
            return WorkResult.Refused(saved.Status == SaveStatus.Duplicate ? t["Surveys.AlreadyDrawn", year, quarter] : saved.Message!);
        }

        logger.LogInformation("Survey {Year}Q{Quarter} of property {PropertyId} drawn by {User}: {Drawn} of {Households} households (target {Target})",
            year, quarter, propertyId, actor.Name, survey!.Samples.Count, survey.Households, survey.Target);
        return new WorkResult(true, true, null, survey.Id);
    }

    /// <summary>The household's answers: one score per active question of the questionnaire, each on its scale.</summary>
    public async Task<WorkResult> AnswerAsync(Guid sampleId, AnswerForm form, bool formInvalid, Actor actor, CancellationToken ct)
    {
        var sample = await db.SurveySamples.Include(s => s.Answers).FirstOrDefaultAsync(s => s.Id == sampleId, ct);
        if (sample is null)
        {
            return WorkResult.NotFound;
        }

        var questions = await db.SurveyQuestions.AsNoTracking().Where(q => q.IsActive).OrderBy(q => q.SortOrder).ToListAsync(ct);
        var missing = questions.Where(q => !form.Scores.ContainsKey(q.Id)).ToList();
        if (formInvalid || missing.Count > 0)
        {
            return new WorkResult(true, false, missing.Count > 0 ? t["Surveys.AnswerEvery", string.Join("、", missing.Select(q => q.Text))].Value : null, sample.SurveyId);
        }

        db.Entry(sample).Property(nameof(Entity.Version)).OriginalValue = form.Version;
        var saved = await saving.TryAsync(() => sample.Record(form.Channel, [.. questions.Select(q => (q, form.Scores[q.Id]))], form.Comment, actor, Now), ct);
        return saved.Ok ? new WorkResult(true, true, null, sample.SurveyId) : new WorkResult(true, false, saved.Message, sample.SurveyId);
    }

    /// <summary>拒访 / 联系不上.</summary>
    public async Task<WorkResult> CloseAsync(Guid sampleId, CloseSampleForm form, Actor actor, CancellationToken ct)
    {
        var sample = await db.SurveySamples.FirstOrDefaultAsync(s => s.Id == sampleId, ct);
        if (sample is null)
        {
            return WorkResult.NotFound;
        }

        db.Entry(sample).Property(nameof(Entity.Version)).OriginalValue = form.Version;
        var saved = await saving.TryAsync(() => sample.Close(form.Status, form.Comment, actor, Now), ct);
        return saved.Ok ? new WorkResult(true, true, null, sample.SurveyId) : new WorkResult(true, false, saved.Message, sample.SurveyId);
    }

    private static string Target(FindingFollowUp kind, Guid contactId) => kind switch
    {
        FindingFollowUp.RepairOrder => $"/Repairs/Create?contactId={contactId}",
        FindingFollowUp.Complaint => $"/Complaints/Create?contactId={contactId}",
        _ => $"/Services/Create?contactId={contactId}",
    };
}
