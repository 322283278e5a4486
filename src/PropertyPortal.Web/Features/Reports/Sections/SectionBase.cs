using Microsoft.Extensions.Localization;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.Reports.Sections;

/// <summary>What every section needs to name its figures: keys under its own prefix, labels from ReportsText.</summary>
public abstract class SectionBase(IStringLocalizer<ReportsText> t, IStringLocalizer<SharedResource> l) : IMonthlyReportSection
{
    public abstract string Key { get; }

    public abstract int Order { get; }

    /// <inheritdoc cref="IMonthlyReportSection.CountsAllProperties"/>
    public virtual bool CountsAllProperties => false;

    protected IStringLocalizer<SharedResource> L => l;

    public abstract Task<IReadOnlyList<ReportFigure>> FiguresAsync(ReportPeriod period, DateTime nowUtc, CancellationToken ct);

    public virtual Task<IReadOnlyDictionary<(Guid PropertyId, int Yyyymm), IReadOnlyList<ReportFigure>>> RangeAsync(
        IReadOnlyList<Guid> properties, ReportPeriod first, int months, DateTime nowUtc, IReadOnlySet<string>? only, CancellationToken ct) =>
        IMonthlyReportSection.PerMonthAsync(this, properties, first, months, nowUtc, only, ct);

    /// <summary>True when a range read for <paramref name="only"/> needs a figure whose key starts with "{section}.{name}".</summary>
    protected bool Wants(IReadOnlySet<string>? only, string name) =>
        only is null || only.Any(k => k.StartsWith($"{Key}.{name}", StringComparison.Ordinal));

    public virtual Task<IReadOnlyList<ReportLink>> LinksAsync(ReportPeriod period, DateTime nowUtc, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<ReportLink>>([]);

    /// <summary>A figure keyed "{section}.{name}" (plus ".{arg}" for a breakdown), labelled Reports.F.{section}.{name}.</summary>
    protected ReportFigure F(string name, decimal? value, FigureUnit unit = FigureUnit.Count, string? arg = null) =>
        new(arg is null ? $"{Key}.{name}" : $"{Key}.{name}.{arg}",
            arg is null ? t[$"Reports.F.{Key}.{name}"] : t[$"Reports.F.{Key}.{name}", arg],
            value, unit);

    /// <summary>A breakdown by an enum: one line per value (zeros too), so every month has the same lines.</summary>
    protected IEnumerable<ReportFigure> ByEnum<TEnum>(string name, IEnumerable<TEnum> values) where TEnum : struct, Enum
    {
        var counts = values.GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count());
        return Enum.GetValues<TEnum>().Select(v => new ReportFigure($"{Key}.{name}.{v}", t[$"Reports.F.{Key}.{name}", l[$"Enum.{typeof(TEnum).Name}.{v}"]], counts.GetValueOrDefault(v), FigureUnit.Count));
    }

    /// <summary>A breakdown by a name kept in the data (a category): one line per name that occurs, most first.</summary>
    protected IEnumerable<ReportFigure> ByName(string name, IEnumerable<string> values) =>
        values.GroupBy(v => v).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => F(name, g.Count(), FigureUnit.Count, g.Key));

    /// <summary>On time, median and p90 minutes late for one milestone, from its counts (decided, on time) and the late clocks' minutes.</summary>
    protected IEnumerable<ReportFigure> Milestone(string name, int decided, int onTime, IReadOnlyList<int> late)
    {
        var label = l[$"Enum.SlaMilestone.{name}"];
        yield return F("onTime", ClockFigures.Rate(onTime, decided), FigureUnit.Rate, name) with { Label = t[$"Reports.F.{Key}.onTime", label] };
        yield return F("lateMedian", ClockFigures.Percentile(late, 50), FigureUnit.Minutes, name) with { Label = t[$"Reports.F.{Key}.lateMedian", label] };
        yield return F("lateP90", ClockFigures.Percentile(late, 90), FigureUnit.Minutes, name) with { Label = t[$"Reports.F.{Key}.lateP90", label] };
    }
}
