using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Common;
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

/// <summary>How long a report's period is: a calendar month (the monthly report) or a week from Monday (the weekly statistics).</summary>
public enum ReportSpan { Month, Week }

/// <summary>
/// A property's month — or week (<see cref="Span"/>, ADR 0024) — in China time: [From, To) in UTC. The month's
/// positional form is the monthly report's; <see cref="Week"/> makes the Monday-to-Sunday period of the weekly pages.
/// <see cref="PropertyId"/> <see cref="Guid.Empty"/> means all of the user's properties (the weekly pages' "all"):
/// a section that serves a weekly page reads its rows through <see cref="Scope{T}"/>, so it counts one property or
/// every property the user's scope filter lets through.
/// </summary>
public sealed record ReportPeriod(Guid PropertyId, int Year, int Month)
{
    public ReportSpan Span { get; init; } = ReportSpan.Month;

    /// <summary>The first day: 1 for a month, the Monday for a week.</summary>
    public int Day { get; init; } = 1;

    public DateOnly StartDate => new(Year, Month, Day);

    /// <summary>The first day after the period (the next month's first, the next Monday): aging and "held at the end" are measured on it.</summary>
    public DateOnly EndDate => Span == ReportSpan.Week ? StartDate.AddDays(7) : StartDate.AddMonths(1);

    public DateTime FromUtc => PortalClock.ToUtc(StartDate.ToDateTime(TimeOnly.MinValue));

    public DateTime ToUtc => PortalClock.ToUtc(EndDate.ToDateTime(TimeOnly.MinValue));

    /// <summary>The month as yyyyMM (a week: the month its Monday falls in) — the dashboard's and the snapshot's key of a month.</summary>
    public int Yyyymm => Year * 100 + Month;

    /// <summary>True for the weekly pages' "all my properties".</summary>
    public bool AllProperties => PropertyId == Guid.Empty;

    public ReportPeriod Previous => Shift(-1);

    /// <summary>The same month a year earlier; for a week the week 52 weeks earlier (the same weekdays).</summary>
    public ReportPeriod LastYear => Shift(Span == ReportSpan.Week ? -52 : -12);

    /// <summary><paramref name="count"/> months (or weeks) later; negative for earlier.</summary>
    public ReportPeriod Shift(int count)
    {
        var d = Span == ReportSpan.Week ? StartDate.AddDays(7 * count) : StartDate.AddMonths(count);
        return this with { Year = d.Year, Month = d.Month, Day = d.Day };
    }

    /// <summary>yyyy-MM for a month; yyyy-MM-dd (the Monday) for a week — what the pages put in their links.</summary>
    public string Text => Span == ReportSpan.Week ? $"{Year:0000}-{Month:00}-{Day:00}" : $"{Year:0000}-{Month:00}";

    /// <summary>The week (Monday to Sunday, China time) holding <paramref name="day"/>, for one property or all (<see cref="Guid.Empty"/>).</summary>
    public static ReportPeriod Week(Guid propertyId, DateOnly day)
    {
        var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        return new ReportPeriod(propertyId, monday.Year, monday.Month) { Span = ReportSpan.Week, Day = monday.Day };
    }

    /// <summary>The rows of the period's property; all rows the scope filter lets through when the period is for all properties.</summary>
    public IQueryable<T> Scope<T>(IQueryable<T> rows) where T : class, IPropertyScoped
    {
        if (AllProperties)
        {
            return rows;
        }

        var row = Expression.Parameter(typeof(T), "row");
        var owner = Expression.Equal(Expression.Property(row, nameof(IPropertyScoped.PropertyId)), Expression.Property(Expression.Constant(this), nameof(PropertyId)));
        return rows.Where(Expression.Lambda<Func<T, bool>>(owner, row));
    }

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

    /// <summary>True when the section reads its rows through <see cref="ReportPeriod.Scope{T}"/>, so it can count all of the user's properties at once (a weekly page's "all").</summary>
    bool CountsAllProperties => false;

    Task<IReadOnlyList<ReportFigure>> FiguresAsync(ReportPeriod period, DateTime nowUtc, CancellationToken ct);

    /// <summary>Cases worth opening from this section (only for the month itself, not the comparisons).</summary>
    Task<IReadOnlyList<ReportLink>> LinksAsync(ReportPeriod period, DateTime nowUtc, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<ReportLink>>([]);

    /// <summary>
    /// The same figures for several properties over <paramref name="months"/> consecutive months from
    /// <paramref name="first"/> (its property is ignored): the dashboard's trends. By default one
    /// <see cref="FiguresAsync"/> per property and month; a section the dashboard reads overrides it to count the
    /// whole range in a few grouped statements, with the same code as the report's month.
    /// <paramref name="only"/> (null: every figure) names the figures the caller needs: the section gives those alone
    /// (<see cref="Only"/>), the same as in the whole report, and may skip the reading behind the others.
    /// </summary>
    Task<IReadOnlyDictionary<(Guid PropertyId, int Yyyymm), IReadOnlyList<ReportFigure>>> RangeAsync(
        IReadOnlyList<Guid> properties, ReportPeriod first, int months, DateTime nowUtc, IReadOnlySet<string>? only, CancellationToken ct) =>
        PerMonthAsync(this, properties, first, months, nowUtc, only, ct);

    /// <summary>The figures <paramref name="only"/> names (all of them when null): what a range read for it gives.</summary>
    static IReadOnlyList<ReportFigure> Only(IEnumerable<ReportFigure> figures, IReadOnlySet<string>? only) =>
        figures.Where(f => only is null || only.Contains(f.Key)).ToList();

    /// <summary>The range read one property and month at a time, for a section that has no batched reading.</summary>
    static async Task<IReadOnlyDictionary<(Guid PropertyId, int Yyyymm), IReadOnlyList<ReportFigure>>> PerMonthAsync(
        IMonthlyReportSection section, IReadOnlyList<Guid> properties, ReportPeriod first, int months, DateTime nowUtc, IReadOnlySet<string>? only, CancellationToken ct)
    {
        var result = new Dictionary<(Guid, int), IReadOnlyList<ReportFigure>>();
        foreach (var period in first.Range(properties, months))
        {
            result[(period.PropertyId, period.Yyyymm)] = Only(await section.FiguresAsync(period, nowUtc, ct), only);
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
    /// <summary>
    /// The property's report for the period (a month, or a week for the weekly pages), or null when the property
    /// is not this user's (the scope filter hides it). For all of the user's properties (<see cref="ReportPeriod.AllProperties"/>)
    /// only sections that count across properties may be asked for; the name is then empty.
    /// </summary>
    public async Task<MonthlyReport?> BuildAsync(ReportPeriod period, CancellationToken ct, IEnumerable<string>? only = null)
    {
        var name = period.AllProperties ? "" : await db.Properties.AsNoTracking().Where(p => p.Id == period.PropertyId).Select(p => p.Name).FirstOrDefaultAsync(ct);
        if (name is null)
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var result = new List<ReportSection>();
        foreach (var section in sections.Where(s => only is null || only.Contains(s.Key)).OrderBy(s => s.Order))
        {
            if (period.AllProperties && !section.CountsAllProperties)
            {
                throw new InvalidOperationException($"The report section '{section.Key}' counts one property at a time.");
            }

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

    /// <summary>
    /// The rule of <see cref="Of"/> counted in the database, for a range of months in one statement: per month (of
    /// <see cref="MonthClock.At"/>, the case's instant), property, milestone and <see cref="MonthClock.Group"/>, the
    /// clocks decided and the ones on time; with <paramref name="lateToo"/>, also the late clocks themselves (few),
    /// whose minutes <see cref="Of"/> gives.
    /// </summary>
    public static async Task<(List<MonthClockCount> Counts, List<MonthClock> Late)> CountAsync(
        IQueryable<MonthClock> clocks, DateTime[] monthEnds, DateTime nowUtc, bool lateToo, CancellationToken ct)
    {
        var rows = clocks.Select(MonthBuckets.Assign<MonthClock>(monthEnds));
        var counts = await rows.GroupBy(r => new { r.Bucket, r.PropertyId, r.Milestone, r.Group })
            .Select(g => new MonthClockCount(g.Key.Bucket, g.Key.PropertyId, g.Key.Milestone, g.Key.Group,
                g.Count(r => r.State == SlaClockState.Met || ((r.State == SlaClockState.Running || r.State == SlaClockState.Paused) && r.DueAt < nowUtc)),
                g.Count(r => r.State == SlaClockState.Met && r.MinutesEarly >= 0)))
            .ToListAsync(ct);
        var late = !lateToo ? [] : await rows.Where(r => (r.State == SlaClockState.Met && !(r.MinutesEarly >= 0))
                || ((r.State == SlaClockState.Running || r.State == SlaClockState.Paused) && r.DueAt < nowUtc))
            .ToListAsync(ct);
        return (counts, late);
    }

    /// <summary>A late clock of <see cref="CountAsync"/> as <see cref="Of"/> reads it.</summary>
    public static ClockRow Row(MonthClock clock) => new(Guid.Empty, clock.Milestone, clock.State, default, clock.DueAt, clock.MinutesEarly);
}

/// <summary>A clock placed in the month of its case's instant (<see cref="At"/>), for <see cref="ClockFigures.CountAsync"/>.</summary>
public sealed class MonthClock : IMonthRow
{
    public Guid PropertyId { get; init; }

    public DateTime At { get; init; }

    public SlaMilestone Milestone { get; init; }

    /// <summary>A further split the section wants (the callbacks of repairs apart from the others); set it (false) when none — every member is read.</summary>
    public bool Group { get; init; }

    public SlaClockState State { get; init; }

    public DateTime DueAt { get; init; }

    public int? MinutesEarly { get; init; }

    public int Bucket { get; init; }
}

/// <summary>Decided and on-time clocks of a month (<see cref="MonthClock.Bucket"/>), property, milestone and group.</summary>
public sealed record MonthClockCount(int Bucket, Guid PropertyId, SlaMilestone Milestone, bool Group, int Decided, int OnTime);
