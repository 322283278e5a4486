using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Web.Infrastructure.Export;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Reports;

public sealed record MonthlyPage(MonthlyReport Report, IReadOnlyList<(Guid Id, string Name)> Properties);

/// <summary>月度报告 (§5): one property's month, section by section, beside the previous month and last year.</summary>
[Authorize(Policy = Policies.Supervision)]
public sealed class ReportsController(PortalDbContext db, MonthlyReports reports, IStringLocalizer<ReportsText> t) : PortalController
{
    /// <summary>/Reports/Monthly?property=…&amp;month=yyyy-MM; without them the user's first property and last month.</summary>
    public async Task<IActionResult> Monthly(Guid? property, string? month, CancellationToken ct)
    {
        var properties = await PropertiesAsync(ct);
        var period = Period(property ?? properties.Select(p => p.Id).FirstOrDefault(), month);
        if (period is null)
        {
            return NotFound();
        }

        var report = await reports.BuildAsync(period, ct);
        return report is null ? NotFound() : View(new MonthlyPage(report, properties));
    }

    /// <summary>The same report as .xlsx: one sheet per section, Chinese headers, numbers as numbers (yuan with two decimals, shares as %).</summary>
    public async Task<IActionResult> MonthlyExport(Guid? property, string? month, CancellationToken ct)
    {
        var properties = await PropertiesAsync(ct);
        var period = Period(property ?? properties.Select(p => p.Id).FirstOrDefault(), month);
        var report = period is null ? null : await reports.BuildAsync(period, ct);
        if (report is null)
        {
            return NotFound();
        }

        var headers = new[] { t["Reports.Figure"].Value, report.Period.Text, report.Period.Previous.Text, report.Period.LastYear.Text };
        var sheets = report.Sections.Select(s => new XlsxSheet(t[$"Reports.Section.{s.Key}"], headers,
            s.Lines.Select(l => (IReadOnlyList<object?>)new object?[] { l.Label, Cell(l.Value, l.Unit), Cell(l.Previous, l.Unit), Cell(l.LastYear, l.Unit) }))).ToList();
        using var stream = new MemoryStream();
        XlsxExport.WriteWorkbook(stream, sheets);
        return File(stream.ToArray(), XlsxExport.ContentType, $"{t["Reports.Monthly"]}-{report.PropertyName}-{report.Period.Text}.xlsx");
    }

    private static XlsxNumber? Cell(decimal? value, FigureUnit unit) => value is not { } v ? null : new XlsxNumber(v, unit switch
    {
        FigureUnit.Rate => XlsxFormat.Percent,
        FigureUnit.Yuan or FigureUnit.Score => XlsxFormat.TwoDecimals,
        _ => XlsxFormat.General,
    });

    private async Task<List<(Guid Id, string Name)>> PropertiesAsync(CancellationToken ct) =>
        (await db.Properties.AsNoTracking().OrderBy(p => p.Code).Select(p => new { p.Id, p.Name }).ToListAsync(ct)).Select(p => (p.Id, p.Name)).ToList();

    private ReportPeriod? Period(Guid property, string? month)
    {
        if (month is null)
        {
            var last = Today.AddMonths(-1);
            return new ReportPeriod(property, last.Year, last.Month);
        }

        return ReportPeriod.TryParse(month, property, out var period) ? period : null;
    }
}
