using Microsoft.AspNetCore.Mvc.Rendering;
using PropertyPortal.Domain.FrontDesk;
using PropertyPortal.Domain.Visits;

namespace PropertyPortal.Web.Features.Visits;

public sealed record VisitRow(Guid Id, DateOnly VisitedOn, string CustomerName, string? UnitLabel, string StewardName, VisitChannel Channel, string Topics,
    int Findings, int FollowedUp);

/// <summary>The month at a property: the quotas' progress, the visits, the survey's score of the quarter, and the service figures.</summary>
public sealed record VisitMonth(
    Guid? PropertyId, IReadOnlyList<SelectListItem> Properties, int Period, IReadOnlyList<QuotaProgress> Quotas, IReadOnlyList<VisitRow> Visits,
    IReadOnlyList<Suggestion> Suggestions, MonthlyFigures? Figures);

/// <summary>A finding and the case it became (through its contact).</summary>
public sealed record FindingView(Guid Id, int Position, string Text, FindingFollowUp FollowUp, Guid? ContactId, ContactOutcome? Outcome, string? CaseLink,
    string? CaseNumber, int Version);

public sealed record VisitDetails(Visit Visit, string PropertyName, string CustomerName, string? Phone, string? UnitLabel, IReadOnlyList<FindingView> Findings);

/// <summary>One quota and its clock: the page the quota clock's notices link to.</summary>
public sealed record QuotaPage(VisitQuota Quota, string PropertyName, QuotaProgress Progress, IReadOnlyList<VisitRow> Visits,
    IReadOnlyList<Repairs.ClockView> Clocks, DateTime Now);

/// <summary>
/// The figures a month's report takes from the desk's services, the visits and the survey (spec §5: visits against
/// quota; satisfaction): requests taken and done on time, households visited against the property's quota, and the
/// score of the quarter's survey on a 0–100 scale.
/// </summary>
public sealed record MonthlyFigures(int Requests, int RequestsDone, int RequestsOnTime, int RequestsLate, int HouseholdsVisited, int VisitQuota,
    decimal? SurveyScore, int SurveyAnswered, int SurveySample);

public sealed record SurveyRow(Guid Id, int Year, int Quarter, int Households, int SharePercent, int Target, int Drawn, int Answered, int Closed, decimal? Score,
    DateTime DrawnAt, string DrawnByName);

public sealed record SurveyList(Guid? PropertyId, IReadOnlyList<SelectListItem> Properties, int Year, IReadOnlyList<SurveyRow> Surveys, int CurrentQuarter,
    bool CanDraw, int SharePercent, int MovedIn, int SurveyedThisYear);

public sealed record SampleRow(Guid Id, Guid CustomerId, string CustomerName, string? Phone, string? UnitLabel, SurveySampleStatus Status, SurveyChannel? Channel,
    DateTime? AnsweredAt, string? AnsweredByName, decimal? Score, string? Comment, int Version);

public sealed record QuestionResult(Guid QuestionId, string Category, string Text, int ScaleMax, int Answers, decimal? Average, decimal? Points);

public sealed record CategoryResult(string Category, int Answers, decimal? Points);

public sealed record SurveyDetails(Survey Survey, string PropertyName, IReadOnlyList<SampleRow> Samples, IReadOnlyList<QuestionResult> Questions,
    IReadOnlyList<CategoryResult> Categories, decimal? Score);

public sealed record AnswerPage(SampleRow Sample, Guid SurveyId, string PropertyName, int Year, int Quarter, IReadOnlyList<SurveyQuestion> Questions, AnswerForm Form);
