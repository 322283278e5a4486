using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;
using PropertyPortal.Web.Features.Shared;
using PropertyPortal.Web.Infrastructure.Export;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Reports;

/// <summary>
/// A weekly statistics page (投诉周统计, 入住周统计): report sections run over a week — Monday to Sunday, China time —
/// beside the week before and the same week a year earlier, for one property or all of the user's.
/// <paramref name="Action"/> and <paramref name="ExportAction"/> are the owning controller's actions the page links to.
/// </summary>
public sealed record WeeklyPage(string Title, string Action, string ExportAction, MonthlyReport Report, IReadOnlyList<SelectListItem> Properties)
{
    public ReportPeriod Week => Report.Period;
}

/// <summary>
/// The weekly pages' one way in (ADR 0024): the same <see cref="MonthlyReports"/> machinery, sections and Excel
/// workbook as the monthly report, over a <see cref="ReportSpan.Week"/> period. A feature's weekly page is its
/// controller's two actions calling <see cref="PageAsync"/> and <see cref="Export"/> with its section's key.
/// </summary>
public sealed class WeeklyReports(MonthlyReports reports, PortalDbContext db, IStringLocalizer<ReportsText> t)
{
    /// <summary>
    /// The week holding <paramref name="day"/>, for <paramref name="propertyId"/> or all of the user's properties (a user with one
    /// property gets that property by name); null when <paramref name="propertyId"/> is not one of the user's properties.
    /// </summary>
    public async Task<WeeklyPage?> PageAsync(string title, string action, string exportAction, IReadOnlyList<string> sections, DateOnly day, Guid? propertyId, CancellationToken ct)
    {
        var properties = await db.PropertyOptionsAsync(propertyId, ct);
        if (propertyId is null && properties is [var only])
        {
            propertyId = Guid.Parse(only.Value);
        }

        var report = await reports.BuildAsync(ReportPeriod.Week(propertyId ?? Guid.Empty, day), ct, sections);
        return report is null ? null : new WeeklyPage(title, action, exportAction, report, properties);
    }

    /// <summary>The page as .xlsx: one sheet per section, the three weeks as columns, numbers as numbers.</summary>
    public FileContentResult Export(WeeklyPage page)
    {
        var week = page.Week;
        var headers = new[] { t["Reports.Figure"].Value, ReportWorkbook.Label(week), ReportWorkbook.Label(week.Previous), ReportWorkbook.Label(week.LastYear) };
        using var stream = new MemoryStream();
        XlsxExport.WriteWorkbook(stream, ReportWorkbook.SectionSheets(t, page.Report, headers).ToList());
        var scope = page.Report.Period.AllProperties ? t["Reports.AllProperties"].Value : page.Report.PropertyName;
        return new FileContentResult(stream.ToArray(), XlsxExport.ContentType) { FileDownloadName = $"{page.Title}-{scope}-{week.Text}.xlsx" };
    }
}

/// <summary>How a report's sections become workbook sheets and column headings — shared by the monthly and the weekly exports.</summary>
public static class ReportWorkbook
{
    /// <summary>A column's heading: yyyy-MM for a month, "yyyy-MM-dd – MM-dd" for a week.</summary>
    public static string Label(ReportPeriod period) =>
        period.Span == ReportSpan.Week ? $"{period.Text} – {period.EndDate.AddDays(-1):MM-dd}" : period.Text;

    /// <summary>
    /// One sheet per section, named by the section; each line's label, the period, the previous one and last year's —
    /// and for a signed report (<paramref name="reading"/>), today's figure where a later correction changed it.
    /// </summary>
    public static IEnumerable<XlsxSheet> SectionSheets(IStringLocalizer<ReportsText> t, MonthlyReport report, IReadOnlyList<string> headers, ReportReading? reading = null) =>
        report.Sections.Select(s => new XlsxSheet(t[$"Reports.Section.{s.Key}"], headers,
            s.Lines.Select(l => (IReadOnlyList<object?>)(reading is { IsSigned: true }
                ? new object?[] { l.Label, Cell(l.Value, l.Unit), Cell(l.Previous, l.Unit), Cell(l.LastYear, l.Unit), reading.Differs(l) ? Cell(reading.LiveOf(l.Key), l.Unit) : null }
                : new object?[] { l.Label, Cell(l.Value, l.Unit), Cell(l.Previous, l.Unit), Cell(l.LastYear, l.Unit) }))));

    /// <summary>A figure as a number cell: shares as %, yuan and scores with two decimals; null (nothing to measure) as an empty cell.</summary>
    public static XlsxNumber? Cell(decimal? value, FigureUnit unit) => value is not { } v ? null : new XlsxNumber(v, unit switch
    {
        FigureUnit.Rate => XlsxFormat.Percent,
        FigureUnit.Yuan or FigureUnit.Score => XlsxFormat.TwoDecimals,
        _ => XlsxFormat.General,
    });
}

/// <summary>One section's table on a report page: the section, the three column headings, and the reading when the report is signed.</summary>
public sealed record ReportSectionView(ReportSection Section, IReadOnlyList<string> Columns, ReportReading? Reading = null);
