using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Reports;

/// <summary>A headline figure's column: the report's key, its label as the report names it, its unit.</summary>
public sealed record DashboardColumn(string Key, string Label, FigureUnit Unit);

/// <summary>One property's row: its headline figures for the month (by key) and the clocks past due right now.</summary>
public sealed record DashboardRow(Guid PropertyId, string Name, IReadOnlyDictionary<string, decimal?> Figures, int OpenBreaches);

/// <summary>A trend chart: one figure over the months, one line per property (null where there was nothing to measure).</summary>
public sealed record DashboardTrend(string Key, string Label, FigureUnit Unit, IReadOnlyList<(string Property, IReadOnlyList<decimal?> Values)> Series);

public sealed record DashboardPage(string Month, IReadOnlyList<string> Months, IReadOnlyList<DashboardColumn> Columns, IReadOnlyList<DashboardRow> Rows, IReadOnlyList<DashboardTrend> Trends);

/// <summary>
/// 经营看板 (/Reports): the user's properties side by side for a month — the headline rates of the monthly report
/// and the clocks past due now — and twelve months of trends. The figures are the report sections' own
/// (<see cref="IMonthlyReportSection.RangeAsync"/>): each section the dashboard needs counts the whole range of
/// properties and months at once, asked only for the figures shown, so the statement count does not grow with properties × months.
/// </summary>
public sealed class ReportsDashboard(PortalDbContext db, IEnumerable<IMonthlyReportSection> sections, TimeProvider time)
{
    public const int TrendMonths = 12;

    /// <summary>The headline columns, in order: on time per repair milestone, callbacks made, satisfaction, collection rate.</summary>
    public static readonly string[] HeadlineKeys =
    [
        .. Repairs.RepairsReportSection.Milestones.Select(m => $"repairs.onTime.{m}"),
        "callbacks.completion", "callbacks.satisfied", "fees.collectionRate",
    ];

    /// <summary>The trend charts.</summary>
    public static readonly string[] TrendKeys = ["repairs.onTime.Finished", "callbacks.completion", "callbacks.satisfied", "fees.collectionRate"];

    private static readonly string[] SectionKeys = ["repairs", "callbacks", "fees"];

    /// <summary>
    /// What the dashboard asks a section for (<paramref name="sectionKey"/>): its trend figures over the twelve months
    /// to <paramref name="last"/>, and its headline figures that are not also trends over the last month alone (the
    /// repairs milestones but one) — nothing else, so a section reads only what the page shows.
    /// </summary>
    public static IEnumerable<(ReportPeriod First, int Months, IReadOnlySet<string> Keys)> Reads(ReportPeriod last, string sectionKey)
    {
        IReadOnlySet<string> Mine(IEnumerable<string> keys) => keys.Where(k => k.StartsWith(sectionKey + ".", StringComparison.Ordinal)).ToHashSet();
        var (trends, headline) = (Mine(TrendKeys), Mine(HeadlineKeys.Except(TrendKeys)));
        if (trends.Count > 0)
        {
            yield return (last.Shift(-(TrendMonths - 1)), TrendMonths, trends);
        }

        if (headline.Count > 0)
        {
            yield return (last, 1, headline);
        }
    }

    /// <summary>
    /// The dashboard for the month <paramref name="last"/> (yyyy-MM text parsed by the caller) over the user's
    /// properties, or only <paramref name="only"/> of them; null when one asked for is not the user's.
    /// </summary>
    public async Task<DashboardPage?> BuildAsync(ReportPeriod last, IReadOnlyCollection<Guid> only, CancellationToken ct)
    {
        var properties = await db.Properties.AsNoTracking().OrderBy(p => p.Code).Select(p => new { p.Id, p.Name }).ToListAsync(ct);
        if (only.Any(id => properties.All(p => p.Id != id)))
        {
            return null;
        }

        if (only.Count > 0)
        {
            properties = properties.Where(p => only.Contains(p.Id)).ToList();
        }

        var ids = properties.Select(p => p.Id).ToList();
        var now = time.GetUtcNow().UtcDateTime;
        var first = last.Shift(-(TrendMonths - 1));
        var figures = new Dictionary<(Guid, int), List<ReportFigure>>();
        foreach (var section in sections.Where(s => SectionKeys.Contains(s.Key)).OrderBy(s => s.Order))
        {
            foreach (var (from, count, mine) in Reads(last, section.Key))
            {
                foreach (var (key, list) in await section.RangeAsync(ids, from, count, now, mine, ct))
                {
                    if (!figures.TryGetValue(key, out var all))
                    {
                        figures[key] = all = [];
                    }

                    all.AddRange(list);
                }
            }
        }

        ReportFigure? Figure(Guid property, int yyyymm, string key) =>
            figures.TryGetValue((property, yyyymm), out var list) ? list.FirstOrDefault(f => f.Key == key) : null;

        var anyProperty = ids.FirstOrDefault();
        DashboardColumn Column(string key) =>
            Figure(anyProperty, last.Yyyymm, key) is { } f ? new DashboardColumn(key, f.Label, f.Unit) : new DashboardColumn(key, key, FigureUnit.Rate);

        // The clocks past due right now, by property: one grouped query.
        var breaches = await db.SlaClocks.AsNoTracking()
            .Where(c => ids.Contains(c.PropertyId) && (c.State == SlaClockState.Running || c.State == SlaClockState.Paused) && c.DueAt < now)
            .GroupBy(c => c.PropertyId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);

        var months = Enumerable.Range(0, TrendMonths).Select(first.Shift).ToList();
        var rows = properties.Select(p => new DashboardRow(p.Id, p.Name,
            HeadlineKeys.ToDictionary(k => k, k => Figure(p.Id, last.Yyyymm, k)?.Value), breaches.GetValueOrDefault(p.Id))).ToList();
        var trends = TrendKeys.Select(k =>
        {
            var column = Column(k);
            return new DashboardTrend(k, column.Label, column.Unit,
                properties.Select(p => (p.Name, (IReadOnlyList<decimal?>)months.Select(m => Figure(p.Id, m.Yyyymm, k)?.Value).ToList())).ToList());
        }).ToList();
        return new DashboardPage(last.Text, months.Select(m => m.Text).ToList(), HeadlineKeys.Select(Column).ToList(), rows, trends);
    }
}
