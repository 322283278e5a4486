using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PropertyPortal.Web.Features.Customers;
using PropertyPortal.Web.Infrastructure.Mvc;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Resources;

namespace PropertyPortal.Web.Features.Contacts;

/// <summary>The household's calls and visits (来访来电) in its story, with what became of each.</summary>
public sealed class ContactStory(PortalDbContext db, IStringLocalizer<SharedResource> shared) : IHouseholdStorySource
{
    public async Task<IReadOnlyList<StoryEntry>> NewestAsync(Household household, int take, CancellationToken ct)
    {
        var rows = await db.Contacts.AsNoTracking().Where(c => c.CustomerId == household.CustomerId)
            .OrderByDescending(c => c.ReceivedAt).ThenByDescending(c => c.Id)
            .Select(c => new { c.Id, c.ReceivedAt, c.Source, c.Subject, c.Outcome, c.LoggedByName }).Take(take).ToListAsync(ct);
        return rows.Select(r => new StoryEntry(r.ReceivedAt, shared["Entity.Contact"], r.Subject, $"{shared.Enum(r.Source)} · {shared.Enum(r.Outcome)}",
            r.LoggedByName, $"/Contacts/Details/{r.Id}")).ToList();
    }
}
