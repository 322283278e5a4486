using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Sla;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Shared;

/// <summary>What every case register filters by (repairs, complaints); each adds its own (status, urgency, tier).</summary>
public abstract class CaseFilter
{
    public Guid? PropertyId { get; set; }
    public Guid? CategoryId { get; set; }

    /// <summary>Only cases with an open clock past its due time.</summary>
    public bool Overdue { get; set; }

    /// <summary>Still being worked.</summary>
    public bool Open { get; set; }

    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }

    /// <summary>Case number, phone or name (and the register's own text field).</summary>
    public string? Q { get; set; }

    public int Page { get; set; } = 1;
}

/// <summary>
/// What the case registers and forms share: the user's properties as options, the received-date range,
/// the filters and paging of a register (<see cref="CaseFilter"/>), and its page cut (ADR 0013).
/// </summary>
public static class CaseFilters
{
    /// <summary>A register export stops here: beyond it the user narrows the filter.</summary>
    public const int MaxExportRows = 50_000;

    /// <summary>The properties this user may see, by code (reference data: <see cref="ReferenceNames"/>).</summary>
    public static async Task<IReadOnlyList<SelectListItem>> PropertyOptionsAsync(this PortalDbContext db, Guid? selected, CancellationToken ct) =>
        (await db.PropertyNamesAsync(ct)).Select(p => new SelectListItem(p.Name, p.Id.ToString(), p.Id == selected)).ToList();

    /// <summary>
    /// A register's or form's category options from a list kept in the instance's reference cache (<paramref name="key"/>,
    /// cleared when a <typeparamref name="TCategory"/> is saved): the active ones, the inactive ones too for a register's
    /// filter, and always the one already chosen.
    /// </summary>
    public static async Task<IReadOnlyList<SelectListItem>> CategoryOptionsAsync<TCategory>(this PortalDbContext db, string key,
        Func<IQueryable<TCategory>, IQueryable<CategoryOption>> load, Guid? selected, bool includeInactive, CancellationToken ct)
        where TCategory : class =>
        (await ReferenceNames.Cached(db, key, [typeof(TCategory)], async () => await load(db.Set<TCategory>().AsNoTracking()).ToListAsync(ct)))
            .Where(c => includeInactive || c.IsActive || c.Id == selected)
            .Select(c => new SelectListItem(c.Text, c.Id.ToString(), c.Id == selected)).ToList();

    /// <summary>A from/to pair of China dates as the UTC range [from 00:00, the day after to 00:00).</summary>
    public static (DateTime? FromUtc, DateTime? ToUtc) ReceivedRange(DateOnly? from, DateOnly? to) =>
        (from is { } f ? PortalClock.ToUtc(f.ToDateTime(TimeOnly.MinValue)) : null,
         to is { } t ? PortalClock.ToUtc(t.AddDays(1).ToDateTime(TimeOnly.MinValue)) : null);

    /// <summary>The filters every register has: property, category, received range, and "a running clock is past due".</summary>
    public static IQueryable<T> Filtered<T>(this IQueryable<T> cases, CaseFilter f, PortalDbContext db, DateTime nowUtc) where T : class, IRegisteredCase
    {
        if (f.PropertyId is { } pid)
        {
            cases = cases.Where(c => c.PropertyId == pid);
        }

        if (f.CategoryId is { } cat)
        {
            cases = cases.Where(c => c.CategoryId == cat);
        }

        var (fromUtc, toUtc) = ReceivedRange(f.From, f.To);
        if (fromUtc is { } fromAt)
        {
            cases = cases.Where(c => c.ReceivedAt >= fromAt);
        }

        if (toUtc is { } toAt)
        {
            cases = cases.Where(c => c.ReceivedAt < toAt);
        }

        if (f.Overdue)
        {
            cases = cases.Where(c => db.SlaClocks.Any(k => k.SubjectId == c.Id && k.State == SlaClockState.Running && k.DueAt < nowUtc));
        }

        return cases;
    }

    /// <summary>
    /// One page of a register, newest first, cut from the cases alone (an index walk) before names and next
    /// due times are joined: joined first, the planner read every case of the property and computed its next
    /// due time before sorting (150–450 ms at 200,000 orders, ADR 0013).
    /// </summary>
    public static IQueryable<T> PageOf<T>(this IQueryable<T> cases, int skip, int take) where T : class, IRegisteredCase =>
        cases.OrderByDescending(c => c.ReceivedAt).ThenByDescending(c => c.Number).Skip(skip).Take(take);

    /// <summary>The running clocks a row's next due time is taken from: <c>let next = running.Where(k => k.SubjectId == c.Id).Min(…)</c>.</summary>
    public static IQueryable<SlaClock> RunningClocks(this PortalDbContext db) =>
        db.SlaClocks.Where(k => k.State == SlaClockState.Running);

    /// <summary>Counts the filtered register and clamps the asked page to the pages there are.</summary>
    public static async Task<PageInfo> PagingAsync<T>(this IQueryable<T> cases, HttpRequest request, int page, CancellationToken ct)
    {
        var total = await cases.CountAsync(ct);
        return PageInfo.For(request, Math.Clamp(page, 1, Math.Max(1, (total + PageInfo.DefaultSize - 1) / PageInfo.DefaultSize)), total);
    }
}

/// <summary>A category as a picker shows it, and whether new cases may still take it.</summary>
public sealed record CategoryOption(Guid Id, string Text, bool IsActive);
