using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.FrontDesk;
using PropertyPortal.Web.Features.Reports;
using PropertyPortal.Web.Features.Reports.Sections;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.Contacts;

/// <summary>来访来电 of the month: by channel and by what became of them; answered at the first contact.</summary>
public sealed class ContactsReportSection(PortalDbContext db, IStringLocalizer<ReportsText> t, IStringLocalizer<SharedResource> l) : SectionBase(t, l)
{
    public override string Key => "contacts";

    public override int Order => 10;

    public override async Task<IReadOnlyList<ReportFigure>> FiguresAsync(ReportPeriod period, DateTime nowUtc, CancellationToken ct)
    {
        var rows = await db.Contacts.AsNoTracking()
            .Where(c => c.PropertyId == period.PropertyId && c.ReceivedAt >= period.FromUtc && c.ReceivedAt < period.ToUtc)
            .Select(c => new { c.Source, c.Outcome }).ToListAsync(ct);
        return
        [
            F("total", rows.Count),
            .. ByEnum("source", rows.Select(r => r.Source)),
            .. ByEnum("outcome", rows.Select(r => r.Outcome)),
            F("firstContact", ClockFigures.Rate(rows.Count(r => r.Outcome == ContactOutcome.Answered), rows.Count), FigureUnit.Rate),
        ];
    }
}
