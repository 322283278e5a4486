using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Reports;
using PropertyPortal.Web.Infrastructure.Export;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Reports;

/// <summary>The monthly report page: the reading (frozen once signed), the user's properties, and what the user may do with the month.</summary>
public sealed record MonthlyPage(ReportReading Reading, IReadOnlyList<(Guid Id, string Name)> Properties, bool CanSign, bool CanCountersign)
{
    public MonthlyReport Report => Reading.Report;
}

/// <summary>The supervisor's sign-off: the month (property and yyyy-MM) and the commentary.</summary>
public sealed class SignOffForm
{
    public Guid Property { get; set; }

    public string? Month { get; set; }

    public string? Commentary { get; set; }
}

public sealed class SignOffFormValidator : AbstractValidator<SignOffForm>
{
    public SignOffFormValidator(IStringLocalizer<ReportsText> t)
    {
        RuleFor(x => x.Commentary).NotEmpty().WithMessage(_ => t["Reports.CommentaryRequired"])
            .MaximumLength(MonthlyReportSignOff.CommentaryMaxLength).WithMessage(_ => t["Reports.CommentaryTooLong", MonthlyReportSignOff.CommentaryMaxLength]);
    }
}

/// <summary>The manager's countersignature: the month and the sign-off's version the page showed.</summary>
public sealed class CountersignForm
{
    public Guid Property { get; set; }

    public string? Month { get; set; }

    public int Version { get; set; }
}

/// <summary>月度报告 (§5): one property's month, section by section, beside the previous month and last year.</summary>
[Authorize(Policy = Policies.Supervision)]
public sealed class ReportsController(PortalDbContext db, MonthlySignOffs signOffs, ReportsDashboard dashboard, IStringLocalizer<ReportsText> t, ILogger<ReportsController> logger) : PortalController
{
    /// <summary>/Reports?month=yyyy-MM[&amp;property=…]: the user's properties side by side (by default last month), with 12 months of trends.</summary>
    public async Task<IActionResult> Index(string? month, Guid[]? property, CancellationToken ct)
    {
        var period = Period(Guid.Empty, month);
        var page = period is null ? null : await dashboard.BuildAsync(period, property ?? [], ct);
        return page is null ? NotFound() : View(page);
    }

    /// <summary>/Reports/Monthly?property=…&amp;month=yyyy-MM; without them the user's first property and last month.</summary>
    public async Task<IActionResult> Monthly(Guid? property, string? month, CancellationToken ct)
    {
        var properties = await PropertiesAsync(ct);
        var period = Period(property ?? properties.Select(p => p.Id).FirstOrDefault(), month);
        if (period is null)
        {
            return NotFound();
        }

        var page = await PageAsync(period, properties, ct);
        return page is null ? NotFound() : View(page);
    }

    /// <summary>The supervisor signs the month off with a commentary; the report's figures are frozen as they read now.</summary>
    [HttpPost]
    public async Task<IActionResult> Sign(SignOffForm form, CancellationToken ct)
    {
        if (!ReportPeriod.TryParse(form.Month, form.Property, out var period))
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            var result = await signOffs.SignAsync(period, form.Commentary, CurrentActor, ct);
            if (result is null)
            {
                return NotFound();
            }

            if (Saved(result))
            {
                logger.LogInformation("Monthly report of property {PropertyId} for {Month} signed off by {User}", period.PropertyId, period.Text, User.Identity?.Name);
                Flash(t["Reports.SignedFlash"]);
                return RedirectToAction(nameof(Monthly), new { property = period.PropertyId, month = period.Text });
            }
        }

        var page = await PageAsync(period, await PropertiesAsync(ct), ct);
        if (page is null)
        {
            return NotFound();
        }

        ViewData["PostedCommentary"] = form.Commentary;
        return View(nameof(Monthly), page);
    }

    /// <summary>A manager countersigns a signed month (复核).</summary>
    [HttpPost]
    [Authorize(Policy = Policies.ReportCountersign)]
    public async Task<IActionResult> Countersign(CountersignForm form, CancellationToken ct)
    {
        if (!ReportPeriod.TryParse(form.Month, form.Property, out var period))
        {
            return NotFound();
        }

        var result = await signOffs.CountersignAsync(period, form.Version, CurrentActor, ct);
        if (result is null)
        {
            return NotFound();
        }

        if (result.Ok)
        {
            logger.LogInformation("Monthly report of property {PropertyId} for {Month} countersigned by {User}", period.PropertyId, period.Text, User.Identity?.Name);
            Flash(t["Reports.CountersignedFlash"]);
        }
        else
        {
            FlashError(result.Message ?? "");
        }

        return RedirectToAction(nameof(Monthly), new { property = period.PropertyId, month = period.Text });
    }

    /// <summary>The same report as .xlsx: one sheet per section, Chinese headers, numbers as numbers (yuan with two decimals, shares as %).</summary>
    public async Task<IActionResult> MonthlyExport(Guid? property, string? month, CancellationToken ct)
    {
        var properties = await PropertiesAsync(ct);
        var period = Period(property ?? properties.Select(p => p.Id).FirstOrDefault(), month);
        var reading = period is null ? null : await signOffs.ReadAsync(period, ct);
        if (reading is null)
        {
            return NotFound();
        }

        var report = reading.Report;
        var headers = new List<string> { t["Reports.Figure"].Value, report.Period.Text, report.Period.Previous.Text, report.Period.LastYear.Text };
        if (reading.IsSigned)
        {
            // A signed month: the frozen figures, and beside them today's figure where a later correction changed it.
            headers.Add(t["Reports.LiveNow"]);
        }

        var sheets = new List<XlsxSheet>();
        if (reading.SignOff is { } signed)
        {
            sheets.Add(new XlsxSheet(t["Reports.SignOff"], [t["Reports.SignOff"].Value, ""],
            [
                [t["Reports.Property"].Value, report.PropertyName],
                [t["Reports.Month"].Value, report.Period.Text],
                [t["Reports.SignedBy"].Value, $"{signed.SignedByName} {ViewHelpers.Time(signed.SignedAt)}"],
                [t["Reports.CountersignedBy"].Value, signed.CountersignedAt is { } at ? $"{signed.CountersignedByName} {ViewHelpers.Time(at)}" : t["Reports.NotCountersigned"].Value],
                [t["Reports.Commentary"].Value, signed.Commentary],
                [t["Reports.FrozenNote"].Value, ""],
            ]));
        }

        sheets.AddRange(ReportWorkbook.SectionSheets(t, report, headers, reading));
        using var stream = new MemoryStream();
        XlsxExport.WriteWorkbook(stream, sheets);
        return File(stream.ToArray(), XlsxExport.ContentType, $"{t["Reports.Monthly"]}-{report.PropertyName}-{report.Period.Text}.xlsx");
    }

    private async Task<List<(Guid Id, string Name)>> PropertiesAsync(CancellationToken ct) =>
        (await db.Properties.AsNoTracking().OrderBy(p => p.Code).Select(p => new { p.Id, p.Name }).ToListAsync(ct)).Select(p => (p.Id, p.Name)).ToList();

    private async Task<MonthlyPage?> PageAsync(ReportPeriod period, List<(Guid Id, string Name)> properties, CancellationToken ct)
    {
        var reading = await signOffs.ReadAsync(period, ct);
        if (reading is null)
        {
            return null;
        }

        var monthOver = period.EndDate <= Today;
        var canCountersign = reading.SignOff is { CountersignedAt: null } && await CanAsync(Policies.ReportCountersign);
        return new MonthlyPage(reading, properties, monthOver && !reading.IsSigned, canCountersign);
    }

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
