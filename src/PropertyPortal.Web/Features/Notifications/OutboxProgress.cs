using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Notifications;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Notifications;

/// <summary>Where a bulk send stands: its rows by state (a billing run's page shows it while the SMS go out).</summary>
public sealed record OutboxProgress(string Batch, IReadOnlyDictionary<DeliveryState, int> ByState)
{
    public int Total => ByState.Values.Sum();

    public int Of(DeliveryState state) => ByState.GetValueOrDefault(state);

    /// <summary>Rows that will not change on their own any more (sent, dead, skipped, unknown).</summary>
    public int Finished => OutboxMessage.Finished.Sum(Of);

    public int Pending => Total - Finished;

    public int Percent => Total == 0 ? 100 : (int)(100L * Finished / Total);

    public static async Task<OutboxProgress?> ForBatchAsync(PortalDbContext db, string batch, CancellationToken ct)
    {
        var counts = await db.OutboxMessages.AsNoTracking().Where(m => m.Batch == batch)
            .GroupBy(m => m.State).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return counts.Count == 0 ? null : new OutboxProgress(batch, counts);
    }
}
