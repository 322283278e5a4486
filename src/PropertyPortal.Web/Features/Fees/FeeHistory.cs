using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Domain.Fees;
using PropertyPortal.Web.Features.Customers;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.Fees;

/// <summary>The household's monthly bills (付款通知书) in its story, with the balance each one showed.</summary>
public sealed class BillStory(PortalDbContext db, IStringLocalizer<SharedResource> shared) : IHouseholdStorySource
{
    public async Task<IReadOnlyList<StoryEntry>> NewestAsync(Household household, int take, CancellationToken ct)
    {
        var rows = await db.PaymentNotices.AsNoTracking().Where(n => n.CustomerId == household.CustomerId)
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Select(n => new { n.UnitId, n.Period, n.Balance, n.CreatedAt }).Take(take).ToListAsync(ct);
        return rows.Select(r => new StoryEntry(r.CreatedAt, shared["Entity.PaymentNotice"], BillingPeriod.FromKey(r.Period).ToString(),
            ViewHelpers.Money(r.Balance), null, $"/Fees/Account/{r.UnitId}")).ToList();
    }
}

/// <summary>The household's payments (and refunds) in its story, a reversed one struck through.</summary>
public sealed class PaymentStory(PortalDbContext db, IStringLocalizer<SharedResource> shared) : IHouseholdStorySource
{
    public async Task<IReadOnlyList<StoryEntry>> NewestAsync(Household household, int take, CancellationToken ct)
    {
        var rows = await db.Payments.AsNoTracking().Where(p => p.CustomerId == household.CustomerId)
            .OrderByDescending(p => p.ReceivedAt).ThenByDescending(p => p.Id)
            .Select(p => new { p.Id, p.ReceiptNumber, p.ReceivedAt, p.Amount, p.Kind, p.Method, p.CashierName, p.ReversedAt }).Take(take).ToListAsync(ct);
        return rows.Select(r => new StoryEntry(r.ReceivedAt, shared["Entity.Payment"], r.ReceiptNumber.Length > 0 ? r.ReceiptNumber : shared.Enum(r.Kind),
            $"{shared.Enum(r.Kind)} · {shared.Enum(r.Method)} · {ViewHelpers.Money(r.Amount)}", r.CashierName, $"/Fees/Payment/{r.Id}",
            r.ReversedAt is null ? "" : "text-decoration-line-through text-muted")).ToList();
    }
}

/// <summary>The household's dunning steps in its story (提醒, 催缴函, 上门, 法律途径), with what came of each.</summary>
public sealed class DunningStory(PortalDbContext db, IStringLocalizer<SharedResource> shared) : IHouseholdStorySource
{
    public async Task<IReadOnlyList<StoryEntry>> NewestAsync(Household household, int take, CancellationToken ct)
    {
        var rows = await (from s in db.DunningSteps.AsNoTracking()
                          join c in db.DunningCases on s.CaseId equals c.Id
                          where c.CustomerId == household.CustomerId
                          orderby s.CreatedAt descending, s.Id descending
                          select new { s.CreatedAt, s.Stage, s.BalanceAtStart, s.Outcome, s.DoneByName, s.WithdrawnAt, CaseId = c.Id }).Take(take).ToListAsync(ct);
        return rows.Select(r => new StoryEntry(r.CreatedAt, shared["Entity.DunningStep"], shared.Enum(r.Stage),
            r.Outcome is { } outcome ? $"{ViewHelpers.Money(r.BalanceAtStart)} · {outcome}" : ViewHelpers.Money(r.BalanceAtStart), r.DoneByName,
            $"/Dunning/Case/{r.CaseId}", r.WithdrawnAt is null ? "" : "text-muted")).ToList();
    }
}

/// <summary>The household's visits at the fee counter in its story (what they came for, how it ended).</summary>
public sealed class CounterStory(PortalDbContext db, IStringLocalizer<SharedResource> shared) : IHouseholdStorySource
{
    public async Task<IReadOnlyList<StoryEntry>> NewestAsync(Household household, int take, CancellationToken ct)
    {
        var rows = await db.CounterVisits.AsNoTracking().Where(v => v.CustomerId == household.CustomerId)
            .OrderByDescending(v => v.ArrivedAt).ThenByDescending(v => v.Id)
            .Select(v => new { v.Id, v.Number, v.ArrivedAt, v.Kind, v.Status, v.HandlerName }).Take(take).ToListAsync(ct);
        return rows.Select(r => new StoryEntry(r.ArrivedAt, shared["Entity.CounterVisit"], $"{r.Number} · {shared.Enum(r.Kind)}", shared.Enum(r.Status),
            r.HandlerName, $"/Counter/Details/{r.Id}")).ToList();
    }
}
