using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Web.Features.Customers;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.Callbacks;

/// <summary>The household's callbacks in its story: every call made (reached, unreachable, refused).</summary>
public sealed class CallbackStory(PortalDbContext db, IStringLocalizer<SharedResource> shared) : IHouseholdStorySource
{
    public async Task<IReadOnlyList<StoryEntry>> NewestAsync(Household household, int take, CancellationToken ct)
    {
        var rows = await (from a in db.CallbackAttempts.AsNoTracking()
                          join c in db.Callbacks on a.CallbackId equals c.Id
                          where c.CustomerId == household.CustomerId
                          orderby a.At descending, a.Id descending
                          select new { a.At, a.Outcome, a.ActorName, c.Id, c.Subject, c.Score }).Take(take).ToListAsync(ct);
        return rows.Select(r => new StoryEntry(r.At, shared["Entity.Callback"], r.Subject,
            r.Score is { } score && r.Outcome == Domain.Callbacks.CallbackOutcome.Reached ? $"{shared.Enum(r.Outcome)} · {score}/10" : shared.Enum(r.Outcome),
            r.ActorName, $"/Callbacks/Details/{r.Id}")).ToList();
    }
}
