using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Reports;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.Reports;

/// <summary>Who signed a month off and who countersigned it, as the report shows them.</summary>
public sealed record SignOffView(string Commentary, DateTime SignedAt, string SignedByName, DateTime? CountersignedAt, string? CountersignedByName, int Version, string? SignedById);

/// <summary>
/// A month's report as it is read: live figures when the month is not signed; once signed, the frozen figures of
/// the snapshot with today's live value of each figure beside it (<see cref="Live"/>), so a correction made after
/// the signature shows as a difference and never replaces the signed figure silently.
/// </summary>
public sealed record ReportReading(MonthlyReport Report, SignOffView? SignOff, IReadOnlyDictionary<string, decimal?>? Live)
{
    public bool IsSigned => SignOff is not null;

    /// <summary>Today's value of a figure of a signed report (null: not measurable now, or the figure is gone).</summary>
    public decimal? LiveOf(string key) => Live?.GetValueOrDefault(key);

    /// <summary>
    /// Whether today's figure differs from the frozen one (never for an unsigned month). A figure today's report no
    /// longer computes (a later version moved it to another section) is not a correction: the frozen value stands alone.
    /// </summary>
    public bool Differs(ReportLine line) => Live is not null && Live.TryGetValue(line.Key, out var live) && live != line.Value;
}

/// <summary>
/// Signing a month's report off (ADR 0026): the supervisor's signature with a commentary freezes the report as it
/// reads at that moment into a snapshot; a manager countersigns. Reading a signed month thaws the snapshot and
/// sets the live figures beside it.
/// </summary>
public sealed class MonthlySignOffs(PortalDbContext db, MonthlyReports reports, Saving saving, TimeProvider time, IStringLocalizer<SharedResource> shared)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>The month as it reads now, or null when the property is not this user's.</summary>
    public async Task<ReportReading?> ReadAsync(ReportPeriod period, CancellationToken ct)
    {
        var live = await reports.BuildAsync(period, ct);
        if (live is null)
        {
            return null;
        }

        var signOff = await FindAsync(period).AsNoTracking().FirstOrDefaultAsync(ct);
        if (signOff is null)
        {
            return new ReportReading(live, null, null);
        }

        var frozen = Thaw(signOff.Snapshot, live);
        var liveValues = live.Sections.SelectMany(s => s.Lines).ToDictionary(l => l.Key, l => l.Value);
        var view = new SignOffView(signOff.Commentary, signOff.SignedAt, signOff.SignedByName, signOff.CountersignedAt, signOff.CountersignedByName, signOff.Version, signOff.SignedById);
        return new ReportReading(frozen, view, liveValues);
    }

    /// <summary>
    /// Signs the month off with the report as it reads now. Null when the property is not this user's; otherwise
    /// how the save ended (refused for a month not yet over or a missing commentary, a duplicate when someone
    /// signed the same month first).
    /// </summary>
    public async Task<SaveResult?> SignAsync(ReportPeriod period, string? commentary, Actor by, CancellationToken ct)
    {
        var report = await reports.BuildAsync(period, ct);
        if (report is null)
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var today = PortalClock.Today(time);
        var result = await saving.TryAsync(async () =>
        {
            if (await FindAsync(period).AnyAsync(ct))
            {
                throw new DomainException("ReportSigned", "The month is already signed off.");
            }

            db.MonthlyReportSignOffs.Add(MonthlyReportSignOff.Sign(period.PropertyId, period.Year, period.Month, commentary, Freeze(report), by, now, today));
        }, ct);

        // Two signatures at the same moment: the unique index refuses the second, with the same words as above.
        return result.Status == SaveStatus.Duplicate ? result with { Message = shared["Domain.ReportSigned"] } : result;
    }

    /// <summary>The manager's countersignature on the sign-off the form was rendered with (<paramref name="version"/>). Null when there is none to see.</summary>
    public async Task<SaveResult?> CountersignAsync(ReportPeriod period, int version, Actor by, CancellationToken ct)
    {
        var signOff = await FindAsync(period).FirstOrDefaultAsync(ct);
        if (signOff is null)
        {
            return null;
        }

        db.Entry(signOff).Property(nameof(Entity.Version)).OriginalValue = version;
        return await saving.TryAsync(() => signOff.Countersign(by, time.GetUtcNow().UtcDateTime), ct);
    }

    private IQueryable<MonthlyReportSignOff> FindAsync(ReportPeriod period) =>
        db.MonthlyReportSignOffs.Where(s => s.PropertyId == period.PropertyId && s.Year == period.Year && s.Month == period.Month);

    /// <summary>The report's sections, lines (with the previous month and last year as they read then) and links, as JSON.</summary>
    public static string Freeze(MonthlyReport report) =>
        JsonSerializer.Serialize(new Snapshot(1, report.PropertyName, report.Sections), Json);

    /// <summary>
    /// The frozen report. A figure that exists only now (a category first used after the signature) is added at the
    /// end of its section with no frozen value, so it shows as a difference too; a section added to the portal after
    /// the signature is not part of the signed report.
    /// </summary>
    public static MonthlyReport Thaw(string snapshot, MonthlyReport live)
    {
        var frozen = JsonSerializer.Deserialize<Snapshot>(snapshot, Json) ?? throw new InvalidOperationException("Empty report snapshot.");
        var liveSections = live.Sections.ToDictionary(s => s.Key);
        var sections = frozen.Sections.Select(s =>
        {
            var known = s.Lines.Select(l => l.Key).ToHashSet();
            var added = liveSections.TryGetValue(s.Key, out var now)
                ? now.Lines.Where(l => !known.Contains(l.Key)).Select(l => l with { Value = null, Previous = null, LastYear = null })
                : [];
            return s with { Lines = [.. s.Lines, .. added] };
        }).ToList();
        return new MonthlyReport(live.Period, frozen.PropertyName, sections);
    }

    private sealed record Snapshot(int Format, string PropertyName, IReadOnlyList<ReportSection> Sections);
}
