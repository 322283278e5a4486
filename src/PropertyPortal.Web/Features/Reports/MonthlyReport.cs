using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Reports;

/// <summary>How a figure reads: a count, a share (0–1, shown as a percentage), yuan, minutes or a score.</summary>
public enum FigureUnit { Count, Rate, Yuan, Minutes, Score }

/// <summary>
/// One line of a report section. <see cref="Key"/> is stable across months (the previous month and last
/// year are matched on it, and a frozen snapshot stores it); <see cref="Label"/> is what a reader sees.
/// A null value means "nothing to measure" (a rate over no cases), shown as —, never as 0.
/// </summary>
public sealed record ReportFigure(string Key, string Label, decimal? Value, FigureUnit Unit);

/// <summary>A case a section points at (the clocks section's ten worst): its number, the page, what happened.</summary>
public sealed record ReportLink(string Number, string? Url, string Note);

/// <summary>A property's month in China time: [From, To) in UTC, and the month as yyyyMM.</summary>
public sealed record ReportPeriod(Guid PropertyId, int Year, int Month)
{
    public DateTime FromUtc => PortalClock.ToUtc(new DateTime(Year, Month, 1));

    public DateTime ToUtc => PortalClock.ToUtc(new DateTime(Year, Month, 1).AddMonths(1));

    public int Yyyymm => Year * 100 + Month;

    /// <summary>The first day of the next month: aging and "held at the end" are measured on it.</summary>
    public DateOnly EndDate => new DateOnly(Year, Month, 1).AddMonths(1);

    public ReportPeriod Previous => Shift(-1);

    public ReportPeriod LastYear => Shift(-12);

    public ReportPeriod Shift(int months)
    {
        var d = new DateOnly(Year, Month, 1).AddMonths(months);
        return this with { Year = d.Year, Month = d.Month };
    }

    public string Text => $"{Year:0000}-{Month:00}";

    /// <summary>The China-time month (yyyyMM) an instant falls in: how a range read in one query is split into months.</summary>
    public static int YyyymmOf(DateTime utc)
    {
        var local = PortalClock.ToLocal(utc);
        return local.Year * 100 + local.Month;
    }

    /// <summary>The <paramref name="months"/> months from this one, for each of <paramref name="properties"/>.</summary>
    public IEnumerable<ReportPeriod> Range(IReadOnlyList<Guid> properties, int months) =>
        properties.SelectMany(p => Enumerable.Range(0, months).Select(i => (this with { PropertyId = p }).Shift(i)));

    public static bool TryParse(string? text, Guid propertyId, out ReportPeriod period)
    {
        period = default!;
        if (!DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) || d.Year < 2000 || d.Year > 2100)
        {
            return false;
        }

        period = new ReportPeriod(propertyId, d.Year, d.Month);
        return true;
    }
}

/// <summary>
/// A feature's part of the monthly report (ADR 0024): each feature registers one, computes its own figures
/// for one property and month from the records it keeps, and knows nothing of the others. A module added
/// later adds its section; the report, the Excel file and the snapshot pick it up.
/// </summary>
public interface IMonthlyReportSection
{
    /// <summary>Stable key ("repairs"): the resource Reports.Section.{Key}, the Excel sheet, the snapshot.</summary>
    string Key { get; }

    /// <summary>Where the section stands in the report.</summary>
    int Order { get; }

    Task<IReadOnlyList<ReportFigure>> FiguresAsync(ReportPeriod period, DateTime nowUtc, CancellationToken ct);

    /// <summary>Cases worth opening from this section (only for the month itself, not the comparisons).</summary>
    Task<IReadOnlyList<ReportLink>> LinksAsync(ReportPeriod period, DateTime nowUtc, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<ReportLink>>([]);

    /// <summary>
    /// The same figures for several properties over <paramref name="months"/> consecutive months from
    /// <paramref name="first"/> (its property is ignored): the dashboard's trends. By default one
    /// <see cref="FiguresAsync"/> per property and month; a section the dashboard reads overrides it to load the
    /// whole range in a few queries and compute each month with the same code.
    /// </summary>
    Task<IReadOnlyDictionary<(Guid PropertyId, int Yyyymm), IReadOnlyList<ReportFigure>>> RangeAsync(
        IReadOnlyList<Guid> properties, ReportPeriod first, int months, DateTime nowUtc, CancellationToken ct) =>
        PerMonthAsync(this, properties, first, months, nowUtc, ct);

    /// <summary>The range read one property and month at a time, for a section that has no batched reading.</summary>
    static async Task<IReadOnlyDictionary<(Guid PropertyId, int Yyyymm), IReadOnlyList<ReportFigure>>> PerMonthAsync(
        IMonthlyReportSection section, IReadOnlyList<Guid> properties, ReportPeriod first, int months, DateTime nowUtc, CancellationToken ct)
    {
        var result = new Dictionary<(Guid, int), IReadOnlyList<ReportFigure>>();
        foreach (var period in first.Range(properties, months))
        {
            result[(period.PropertyId, period.Yyyymm)] = await section.FiguresAsync(period, nowUtc, ct);
        }

        return result;
    }
}

/// <summary>A figure of the month with the same figure a month and a year earlier.</summary>
public sealed record ReportLine(string Key, string Label, FigureUnit Unit, decimal? Value, decimal? Previous, decimal? LastYear);

public sealed record ReportSection(string Key, IReadOnlyList<ReportLine> Lines, IReadOnlyList<ReportLink> Links);

public sealed record MonthlyReport(ReportPeriod Period, string PropertyName, IReadOnlyList<ReportSection> Sections)
{
    public ReportLine? Line(string key) => Sections.SelectMany(s => s.Lines).FirstOrDefault(l => l.Key == key);
}

/// <summary>Runs every registered section for a month, its previous month and the same month last year.</summary>
public sealed class MonthlyReports(PortalDbContext db, IEnumerable<IMonthlyReportSection> sections, TimeProvider time)
{
    /// <summary>The property's report, or null when the property is not this user's (the scope filter hides it).</summary>
    public async Task<MonthlyReport?> BuildAsync(ReportPeriod period, CancellationToken ct, IEnumerable<string>? only = null)
    {
        var name = await db.Properties.AsNoTracking().Where(p => p.Id == period.PropertyId).Select(p => p.Name).FirstOrDefaultAsync(ct);
        if (name is null)
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var result = new List<ReportSection>();
        foreach (var section in sections.Where(s => only is null || only.Contains(s.Key)).OrderBy(s => s.Order))
        {
            // One DbContext: the three months run one after another.
            var current = await section.FiguresAsync(period, now, ct);
            var previous = (await section.FiguresAsync(period.Previous, now, ct)).ToDictionary(f => f.Key, f => f.Value);
            var lastYear = (await section.FiguresAsync(period.LastYear, now, ct)).ToDictionary(f => f.Key, f => f.Value);
            var lines = current.Select(f => new ReportLine(f.Key, f.Label, f.Unit, f.Value, previous.GetValueOrDefault(f.Key), lastYear.GetValueOrDefault(f.Key))).ToList();
            result.Add(new ReportSection(section.Key, lines, await section.LinksAsync(period, now, ct)));
        }

        return new MonthlyReport(period, name, result);
    }
}

/// <summary>On-time figures of a set of clocks, shared by every section that reports milestones.</summary>
public static class ClockFigures
{
    public sealed record ClockRow(Guid SubjectId, SlaMilestone Milestone, SlaClockState State, DateTime StartedAt, DateTime DueAt, int? MinutesEarly);

    /// <summary>
    /// A clock is decided when it was met, or is still open past its due instant (late already). On time =
    /// met with minutes early ≥ 0. Late minutes: of the late met clocks, and of the open ones up to now.
    /// </summary>
    public static (int Decided, int OnTime, IReadOnlyList<int> LateMinutes) Of(IEnumerable<ClockRow> clocks, DateTime nowUtc)
    {
        int decided = 0, onTime = 0;
        var late = new List<int>();
        foreach (var c in clocks)
        {
            if (c.State == SlaClockState.Met)
            {
                decided++;
                if (c.MinutesEarly >= 0)
                {
                    onTime++;
                }
                else
                {
                    late.Add(-(c.MinutesEarly ?? 0));
                }
            }
            else if (c.State is SlaClockState.Running or SlaClockState.Paused && c.DueAt < nowUtc)
            {
                decided++;
                late.Add((int)Math.Ceiling((nowUtc - c.DueAt).TotalMinutes));
            }
        }

        return (decided, onTime, late);
    }

    public static decimal? Rate(int part, int whole) => whole == 0 ? null : Math.Round((decimal)part / whole, 4);

    /// <summary>The nearest-rank percentile (p in 0–100) of the values, null when there are none.</summary>
    public static decimal? Percentile(IReadOnlyList<int> values, int p)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }

    /// <summary>The clock a case counts for a milestone: its first (a reply) or its last (a resolution after a reopen), cancelled ones aside.</summary>
    public static IEnumerable<ClockRow> PickPerCase(IEnumerable<ClockRow> clocks, SlaMilestone milestone, bool last) =>
        clocks.Where(c => c.Milestone == milestone && c.State != SlaClockState.Cancelled)
            .GroupBy(c => c.SubjectId)
            .Select(g => last ? g.OrderBy(c => c.StartedAt).Last() : g.OrderBy(c => c.StartedAt).First());

    public static IQueryable<ClockRow> Rows(IQueryable<SlaClock> clocks) =>
        clocks.Select(c => new ClockRow(c.SubjectId, c.Milestone, c.State, c.StartedAt, c.DueAt, c.MinutesEarly));
}
