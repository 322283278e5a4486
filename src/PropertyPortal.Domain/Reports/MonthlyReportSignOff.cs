using PropertyPortal.Domain.Common;

namespace PropertyPortal.Domain.Reports;

/// <summary>
/// 月度报告签核: a property's monthly report signed off by its supervisor with a commentary, then countersigned by
/// a manager. The report's figures as they read at the signature are kept in <see cref="Snapshot"/> (JSON written
/// by the report, opaque here): a later correction to the records shows against them as a difference instead of
/// changing the signed report. One per property and month (a unique index refuses a second signature made at the
/// same moment); the countersignature is guarded by <see cref="Entity.Version"/>.
/// </summary>
public sealed class MonthlyReportSignOff : Entity, IPropertyScoped
{
    public const int CommentaryMaxLength = 2000;

    private MonthlyReportSignOff() { }

    private MonthlyReportSignOff(Guid propertyId, int year, int month, string commentary, string snapshot, Actor by, DateTime nowUtc)
    {
        PropertyId = propertyId;
        Year = year;
        Month = month;
        Commentary = commentary;
        Snapshot = snapshot;
        SignedAt = nowUtc;
        SignedById = by.UserId;
        SignedByName = by.Name;
    }

    public Guid PropertyId { get; private set; }
    public int Year { get; private set; }
    public int Month { get; private set; }
    public string Commentary { get; private set; } = "";

    /// <summary>The report's figures at the signature (JSON); never changed afterwards.</summary>
    public string Snapshot { get; private set; } = "";

    public DateTime SignedAt { get; private set; }
    public string? SignedById { get; private set; }
    public string SignedByName { get; private set; } = "";
    public DateTime? CountersignedAt { get; private set; }
    public string? CountersignedById { get; private set; }
    public string? CountersignedByName { get; private set; }

    public bool IsCountersigned => CountersignedAt is not null;

    /// <summary>
    /// Signs the month off. Only a month that has ended can be signed (<paramref name="today"/> is the portal's
    /// China-time date): a month still running has figures that will change.
    /// </summary>
    public static MonthlyReportSignOff Sign(Guid propertyId, int year, int month, string? commentary, string snapshot, Actor by, DateTime nowUtc, DateOnly today)
    {
        if (new DateOnly(year, month, 1).AddMonths(1) > today)
        {
            throw new DomainException("ReportMonthNotOver", "Only a month that has ended can be signed off.");
        }

        var text = Guard.Required(commentary, "Commentary");
        if (text.Length > CommentaryMaxLength)
        {
            throw new DomainException("ReportCommentaryTooLong", "The commentary is too long.");
        }

        return new MonthlyReportSignOff(propertyId, year, month, text, Guard.Required(snapshot, "Snapshot"), by, nowUtc);
    }

    /// <summary>The manager's countersignature: once, and by someone other than the one who signed.</summary>
    public void Countersign(Actor by, DateTime nowUtc)
    {
        if (IsCountersigned)
        {
            throw new DomainException("ReportCountersigned", "The report is already countersigned.");
        }

        if (by.UserId is not null && by.UserId == SignedById)
        {
            throw new DomainException("ReportCountersignSelf", "The one who signed the report cannot countersign it.");
        }

        CountersignedAt = nowUtc;
        CountersignedById = by.UserId;
        CountersignedByName = by.Name;
    }
}
