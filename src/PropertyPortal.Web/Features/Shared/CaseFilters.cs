using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Shared;

/// <summary>What the case registers and forms share: the user's properties as options, and the received-date range of a filter.</summary>
public static class CaseFilters
{
    /// <summary>The properties this user may see (the query filter applies), by code.</summary>
    public static async Task<IReadOnlyList<SelectListItem>> PropertyOptionsAsync(this PortalDbContext db, Guid? selected, CancellationToken ct) =>
        (await db.Properties.AsNoTracking().OrderBy(p => p.Code).Select(p => new { p.Id, p.Name }).ToListAsync(ct))
            .Select(p => new SelectListItem(p.Name, p.Id.ToString(), p.Id == selected)).ToList();

    /// <summary>A from/to pair of China dates as the UTC range [from 00:00, the day after to 00:00).</summary>
    public static (DateTime? FromUtc, DateTime? ToUtc) ReceivedRange(DateOnly? from, DateOnly? to) =>
        (from is { } f ? PortalClock.ToUtc(f.ToDateTime(TimeOnly.MinValue)) : null,
         to is { } t ? PortalClock.ToUtc(t.AddDays(1).ToDateTime(TimeOnly.MinValue)) : null);
}
