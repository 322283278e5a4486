using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Residents;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Residents;

/// <summary>
/// 住户邀请码 on the payment notices: each household on a printed sheet gets its unused invitation code, made when it has none
/// (a household that already bound a number still gets one: another member may use it). Saved before the sheets are shown.
/// </summary>
public sealed class HouseholdInvitations(PortalDbContext db, TimeProvider time)
{
    public async Task<IReadOnlyDictionary<Guid, string>> ForNoticesAsync(Guid propertyId, IReadOnlyCollection<Guid> customerIds, CancellationToken ct)
    {
        var codes = new Dictionary<Guid, string>();
        foreach (var chunk in customerIds.Distinct().Chunk(1000))
        {
            foreach (var row in await db.HouseholdInvitations.AsNoTracking().Where(i => chunk.Contains(i.CustomerId) && i.UsedAt == null)
                         .Select(i => new { i.CustomerId, i.Code }).ToListAsync(ct))
            {
                codes.TryAdd(row.CustomerId, row.Code);
            }
        }

        var now = time.GetUtcNow().UtcDateTime;
        var made = customerIds.Distinct().Where(id => !codes.ContainsKey(id)).Select(id => new HouseholdInvitation(propertyId, id, now)).ToList();
        if (made.Count > 0)
        {
            db.HouseholdInvitations.AddRange(made);
            await db.SaveChangesAsync(ct);
            made.ForEach(i => codes[i.CustomerId] = i.Code);
        }

        return codes.ToDictionary(c => c.Key, c => c.Value.Length == HouseholdInvitation.Length ? c.Value[..5] + "-" + c.Value[5..] : c.Value);
    }
}
