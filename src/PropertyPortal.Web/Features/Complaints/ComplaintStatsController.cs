using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PropertyPortal.Web.Features.Reports;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Mvc;

namespace PropertyPortal.Web.Features.Complaints;

/// <summary>
/// 投诉周统计 (004 L65): what came in during a week (Monday to Sunday, China time) and how it was served — replied
/// within the hour, resolved in time, reopened, satisfaction at the callback — beside the week before and the same
/// week last year. It is the monthly report's complaints section (<see cref="ComplaintsReportSection"/>) run over a
/// week by <see cref="WeeklyReports"/>, for one property or all of the user's; its Excel file is the same workbook.
/// </summary>
[Authorize(Policy = Policies.CaseIntake)]
public sealed class ComplaintStatsController(WeeklyReports weekly, IStringLocalizer<ComplaintsText> t) : PortalController
{
    public async Task<IActionResult> Index(DateOnly? week, Guid? propertyId, CancellationToken ct) =>
        await PageAsync(week, propertyId, ct) is { } page ? View("~/Features/Reports/Weekly.cshtml", page) : NotFound();

    /// <summary>The same week as .xlsx: the section's sheet, Chinese headers, counts as numbers and shares as percentages.</summary>
    public async Task<IActionResult> Export(DateOnly? week, Guid? propertyId, CancellationToken ct) =>
        await PageAsync(week, propertyId, ct) is { } page ? weekly.Export(page) : NotFound();

    private Task<WeeklyPage?> PageAsync(DateOnly? week, Guid? propertyId, CancellationToken ct) =>
        weekly.PageAsync(t["Complaints.WeeklyTitle"], nameof(Index), nameof(Export), ["complaints"], week ?? Today, propertyId, ct);
}
