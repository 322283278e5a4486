using PropertyPortal.Domain.Common;

namespace PropertyPortal.Domain.Visits;

public enum SurveySampleStatus { Pending, Answered, Declined, Unreachable }

/// <summary>How an answer was taken: by phone or on a visit (004 §七).</summary>
public enum SurveyChannel { Phone, Visit }

/// <summary>
/// One question of the satisfaction questionnaire (客户满意度调查): its text, the category its results are
/// grouped under, and its scale (1 to <see cref="ScaleMax"/>). Data an admin edits, company-wide; a question
/// that was answered is deactivated, never deleted, and each answer keeps the scale it was given on.
/// </summary>
public sealed class SurveyQuestion : Entity
{
    private SurveyQuestion() { }

    public SurveyQuestion(string text, string category, int scaleMax, int sortOrder) => Update(text, category, scaleMax, sortOrder, true);

    public string Text { get; private set; } = "";
    public string Category { get; private set; } = "";
    public int ScaleMax { get; private set; }
    public int SortOrder { get; private set; }
    public bool IsActive { get; private set; }

    public void Update(string text, string category, int scaleMax, int sortOrder, bool isActive)
    {
        if (scaleMax is < 2 or > 10)
        {
            throw new DomainException("SurveyScaleInvalid", "A scale runs from 1 to between 2 and 10.");
        }

        Text = Guard.Required(text, nameof(Text));
        Category = Guard.Required(category, nameof(Category));
        ScaleMax = scaleMax;
        SortOrder = sortOrder;
        IsActive = isActive;
    }
}

/// <summary>
/// 季度满意度调查 (004 §七): a property's survey of one quarter — a sample of at least the setting's share (20 %)
/// of its moved-in households, none of them surveyed before in the same calendar year, drawn once. The draw is
/// recorded (how many households there were, the share, the target) so the figure can be checked later.
/// </summary>
public sealed class Survey : Entity, IPropertyScoped
{
    private readonly List<SurveySample> _samples = [];

    private Survey() { }

    public Guid PropertyId { get; private set; }
    public int Year { get; private set; }
    public int Quarter { get; private set; }
    public int SharePercent { get; private set; }

    /// <summary>Moved-in households of the property when the sample was drawn.</summary>
    public int Households { get; private set; }

    /// <summary>The share of <see cref="Households"/>, rounded up: what the sample should hold.</summary>
    public int Target { get; private set; }

    public DateTime DrawnAt { get; private set; }
    public string DrawnByName { get; private set; } = "";

    public IReadOnlyList<SurveySample> Samples => _samples;

    /// <summary>Fewer households were left to survey this year than the share asks (the sample holds them all).</summary>
    public bool Short => _samples.Count < Target;

    public static int QuarterOf(DateOnly day) => (day.Month - 1) / 3 + 1;

    /// <summary>
    /// Draws the quarter's sample (<see cref="SurveySampler"/>) from the moved-in households, leaving out those
    /// surveyed earlier in the year. Only the current quarter or one already past in the same year can be drawn.
    /// </summary>
    public static Survey Draw(Guid propertyId, int year, int quarter, IReadOnlyCollection<(Guid CustomerId, Guid? UnitId)> movedIn,
        IReadOnlySet<Guid> surveyedThisYear, int sharePercent, Random random, Actor by, DateTime nowUtc, DateOnly today)
    {
        if (quarter is < 1 or > 4 || year != today.Year || quarter > QuarterOf(today))
        {
            throw new DomainException("SurveyQuarterInvalid", "A sample is drawn for this year's current or a past quarter.");
        }

        var units = movedIn.GroupBy(h => h.CustomerId).ToDictionary(g => g.Key, g => g.Select(h => h.UnitId).FirstOrDefault(u => u is not null));
        var draw = SurveySampler.Draw([.. units.Keys], surveyedThisYear, sharePercent, random);
        var survey = new Survey
        {
            PropertyId = propertyId,
            Year = year,
            Quarter = quarter,
            SharePercent = sharePercent,
            Households = units.Count,
            Target = draw.Target,
            DrawnAt = nowUtc,
            DrawnByName = by.Name,
        };
        survey._samples.AddRange(draw.Drawn.Select(id => new SurveySample(survey, id, units[id])));
        return survey;
    }
}

/// <summary>One household of a quarter's sample, and its answers once they are taken.</summary>
public sealed class SurveySample : Entity, IPropertyScoped
{
    private readonly List<SurveyAnswer> _answers = [];

    private SurveySample() { }

    internal SurveySample(Survey survey, Guid customerId, Guid? unitId)
    {
        PropertyId = survey.PropertyId;
        SurveyId = survey.Id;
        Year = survey.Year;
        CustomerId = customerId;
        UnitId = unitId;
        Status = SurveySampleStatus.Pending;
    }

    public Guid PropertyId { get; private set; }
    public Guid SurveyId { get; private set; }
    public Guid CustomerId { get; private set; }
    public Guid? UnitId { get; private set; }

    /// <summary>The calendar year: a household is in at most one sample a year (a unique index says so too).</summary>
    public int Year { get; private set; }

    public SurveySampleStatus Status { get; private set; }
    public SurveyChannel? Channel { get; private set; }
    public DateTime? AnsweredAt { get; private set; }
    public string? AnsweredByName { get; private set; }
    public string? Comment { get; private set; }

    public IReadOnlyList<SurveyAnswer> Answers => _answers;

    /// <summary>
    /// The household's answers, one score per question asked (every active question of the questionnaire), each on
    /// the question's scale. Recorded once: a sample answered is closed.
    /// </summary>
    public void Record(SurveyChannel channel, IReadOnlyList<(SurveyQuestion Question, int Score)> answers, string? comment, Actor by, DateTime nowUtc)
    {
        if (Status != SurveySampleStatus.Pending)
        {
            throw new DomainException("SurveySampleClosed", "This household's survey is already recorded.");
        }

        if (answers.Count == 0 || answers.Select(a => a.Question.Id).Distinct().Count() != answers.Count)
        {
            throw new DomainException("SurveyAnswersIncomplete", "Answer every question once.");
        }

        foreach (var (question, score) in answers)
        {
            if (score < 1 || score > question.ScaleMax)
            {
                throw new DomainException("SurveyScoreOutOfScale", "A score is on its question's scale.");
            }
        }

        Status = SurveySampleStatus.Answered;
        Channel = channel;
        AnsweredAt = nowUtc;
        AnsweredByName = by.Name;
        Comment = Guard.Optional(comment);
        _answers.AddRange(answers.Select(a => new SurveyAnswer(this, a.Question, a.Score)));
    }

    /// <summary>拒访 or 联系不上: closed without answers (the sample keeps the household: no second one is drawn in its place).</summary>
    public void Close(SurveySampleStatus status, string? comment, Actor by, DateTime nowUtc)
    {
        if (Status != SurveySampleStatus.Pending)
        {
            throw new DomainException("SurveySampleClosed", "This household's survey is already recorded.");
        }

        if (status is not (SurveySampleStatus.Declined or SurveySampleStatus.Unreachable))
        {
            throw new DomainException("SurveySampleCloseStatus", "Close a sample as declined or unreachable.");
        }

        Status = status;
        AnsweredAt = nowUtc;
        AnsweredByName = by.Name;
        Comment = Guard.Optional(comment);
    }
}

/// <summary>One score of one answered question, with the scale it was given on.</summary>
public sealed class SurveyAnswer : IPropertyScoped, IHasOwnHistory
{
    private SurveyAnswer() { }

    internal SurveyAnswer(SurveySample sample, SurveyQuestion question, int score)
    {
        PropertyId = sample.PropertyId;
        SampleId = sample.Id;
        QuestionId = question.Id;
        Score = score;
        ScaleMax = question.ScaleMax;
    }

    public long Id { get; private set; }
    public Guid PropertyId { get; private set; }
    public Guid SampleId { get; private set; }
    public Guid QuestionId { get; private set; }
    public int Score { get; private set; }
    public int ScaleMax { get; private set; }

    /// <summary>The score on a 0–100 scale (1 → 0, the top of the scale → 100), so questions on different scales add up.</summary>
    public decimal Points => SurveyScores.Points(Score, ScaleMax);
}

/// <summary>The outcome of a draw: how many the share asks for, and who was drawn.</summary>
public sealed record SurveyDraw(int Target, IReadOnlyList<Guid> Drawn)
{
    public int Shortfall => Math.Max(0, Target - Drawn.Count);
}

/// <summary>
/// 抽样 (004 §七): at least <c>share</c> % of the moved-in households, rounded up, picked at random — never a household
/// already surveyed in the calendar year. When fewer are left than the share asks, every one left is drawn.
/// </summary>
public static class SurveySampler
{
    public static int TargetOf(int households, int sharePercent) =>
        households <= 0 ? 0 : (int)Math.Ceiling(households * (decimal)Math.Clamp(sharePercent, 1, 100) / 100m);

    public static SurveyDraw Draw(IReadOnlyCollection<Guid> movedIn, IReadOnlySet<Guid> surveyedThisYear, int sharePercent, Random random)
    {
        var households = movedIn.Distinct().ToList();
        var target = TargetOf(households.Count, sharePercent);

        // A stable order before shuffling: the same households and the same seed give the same sample.
        var candidates = households.Where(h => !surveyedThisYear.Contains(h)).Order().ToArray();
        random.Shuffle(candidates);
        return new SurveyDraw(target, [.. candidates.Take(target)]);
    }
}

/// <summary>Results of answered surveys on a 0–100 scale: per question, per category, and the overall score the monthly report shows.</summary>
public static class SurveyScores
{
    public static decimal Points(int score, int scaleMax) =>
        scaleMax <= 1 ? 100m : Math.Round((score - 1) * 100m / (scaleMax - 1), 1, MidpointRounding.AwayFromZero);

    /// <summary>The mean of the answers' points, to one decimal; null with no answers.</summary>
    public static decimal? Mean(IEnumerable<(int Score, int ScaleMax)> answers)
    {
        var points = answers.Select(a => Points(a.Score, a.ScaleMax)).ToList();
        return points.Count == 0 ? null : Math.Round(points.Average(), 1, MidpointRounding.AwayFromZero);
    }
}
