using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Fees;
using PropertyPortal.Domain.MoveInOut;
using PropertyPortal.Domain.Renovations;
using PropertyPortal.Web.Features.Reports;
using PropertyPortal.Web.Features.Reports.Sections;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.MoveIns;

/// <summary>
/// Move-outs completed in the month (move-ins have their own section, <see cref="MoveInsReportSection"/>); renovations received, approved and accepted in the month and
/// open at its end; renovation deposits held at the end (paid in before the end, less what was refunded by then).
/// </summary>
public sealed class MoveInOutReportSection(PortalDbContext db, IStringLocalizer<ReportsText> t, IStringLocalizer<SharedResource> l) : SectionBase(t, l)
{
    public override string Key => "moves";

    public override int Order => 60;

    public override async Task<IReadOnlyList<ReportFigure>> FiguresAsync(ReportPeriod period, DateTime nowUtc, CancellationToken ct)
    {
        var (pid, start, to) = (period.PropertyId, period.FromUtc, period.ToUtc);
        var renovations = db.Renovations.AsNoTracking().Where(r => r.PropertyId == pid);
        var deposits = db.Charges.AsNoTracking().Where(c => c.PropertyId == pid && c.Kind == FeeKind.Deposit && c.ReversedAt == null && c.CreatedAt < to);
        var paidIn = await (from a in db.PaymentAllocations.AsNoTracking()
                            join p in db.Payments on a.PaymentId equals p.Id
                            where deposits.Select(d => d.Id).Contains(a.ChargeId) && p.ReceivedAt < to && (p.ReversedAt == null || p.ReversedAt >= to)
                            select a.Amount).ToListAsync(ct);
        var refunded = await deposits.Where(d => d.ClosedAt < to).Select(d => d.Released).ToListAsync(ct);
        return
        [
            F("moveOuts", await db.MoveOuts.AsNoTracking().CountAsync(m => m.PropertyId == pid && m.Status == MoveOutStatus.Completed && m.CompletedAt >= start && m.CompletedAt < to, ct)),
            F("renovationsReceived", await renovations.CountAsync(r => r.ReceivedAt >= start && r.ReceivedAt < to, ct)),
            F("renovationsApproved", await renovations.CountAsync(r => r.DecidedAt >= start && r.DecidedAt < to && r.Status != RenovationStatus.Returned, ct)),
            F("renovationsAccepted", await renovations.CountAsync(r => r.AcceptedAt >= start && r.AcceptedAt < to, ct)),
            F("renovationsOpen", await renovations.CountAsync(r => r.ReceivedAt < to && r.Status != RenovationStatus.Returned && (r.ClosedAt == null || r.ClosedAt >= to), ct)),
            F("depositsHeld", paidIn.Sum() - refunded.Sum(), FigureUnit.Yuan),
        ];
    }
}
