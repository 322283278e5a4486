using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Fees;
using PropertyPortal.Domain.Notifications;
using PropertyPortal.Web.Features.Notifications;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Fees;

/// <summary>
/// The fee messages households get on their preferred channel: a billing run's payment notice (one per
/// household and unit, with the amount and the due date) and the dunning ladder's two reminders. A run's
/// notices are one bulk batch ("billing:{run}") queued in chunks; queueing again after a crash adds only
/// what is missing (each message's dedup key is unique), and the outbox sends each row at most once.
/// </summary>
public sealed class HouseholdMessages(PortalDbContext db, Notifier notifier, NotificationChannels channels, Ledger ledger, ILogger<HouseholdMessages> logger)
{
    private const int Chunk = 2000;

    public static string BillingBatch(Guid runId) => $"billing:{runId:N}";

    /// <summary>Queues the run's payment notices not queued yet; returns how many were added.</summary>
    public async Task<int> QueuePaymentNoticesAsync(Guid propertyId, Guid runId, BillingPeriod period, CancellationToken ct)
    {
        if (!channels.HouseholdMessaging)
        {
            return 0;
        }

        var batch = BillingBatch(runId);
        var queued = (await db.OutboxMessages.AsNoTracking().Where(m => m.Batch == batch).Select(m => m.DedupKey).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var notices = await (from n in db.PaymentNotices.AsNoTracking()
                             join u in db.Units on n.UnitId equals u.Id
                             where n.RunId == runId && n.CustomerId != null
                             orderby u.Number
                             select new { n.UnitId, CustomerId = n.CustomerId!.Value, n.Balance, u.Number }).ToListAsync(ct);
        var todo = notices.Where(n => !queued.Contains(Key(runId, n.UnitId, n.CustomerId))).ToList();
        if (todo.Count == 0)
        {
            return 0;
        }

        var due = (await ledger.PolicyForAsync(propertyId, ct)).DueDateOf(period).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var month = $"{period.Year}年{period.Month}月";
        var added = 0;
        foreach (var chunk in todo.Chunk(Chunk))
        {
            var contacts = await notifier.HouseholdContactsAsync([.. chunk.Select(n => n.CustomerId)], ct);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            try
            {
                foreach (var n in chunk)
                {
                    if (contacts.TryGetValue(n.CustomerId, out var contact)
                        && notifier.EnqueueToHousehold(contact, Dedup(runId, n.UnitId), NotificationKinds.PaymentNotice,
                            [contact.Name, n.Number, month, Money(n.Balance), due], null, DeliveryPriority.Bulk, batch))
                    {
                        added++;
                    }
                }

                await db.SaveChangesAsync(ct);
            }
            finally
            {
                db.ChangeTracker.Clear();
                db.ChangeTracker.AutoDetectChangesEnabled = true;
            }
        }

        logger.LogInformation("Billing run {RunId}: {Count} payment notices queued for households ({Already} already queued)", runId, added, queued.Count);
        return added;
    }

    /// <summary>
    /// The reminder the ladder just fired, queued in the caller's unsaved change (saved with the step).
    /// Only the two reminder stages message the household; a letter, a visit and a legal referral are people's work.
    /// </summary>
    public async Task QueueRemindersAsync(IReadOnlyList<(DunningCase Case, DunningStage Stage, decimal Balance)> fired, CancellationToken ct)
    {
        var reminders = fired.Where(f => f.Stage is DunningStage.Reminder or DunningStage.SecondReminder && f.Case.CustomerId is not null).ToList();
        if (reminders.Count == 0 || !channels.HouseholdMessaging)
        {
            return;
        }

        var contacts = await notifier.HouseholdContactsAsync([.. reminders.Select(r => r.Case.CustomerId!.Value)], ct);
        var unitIds = reminders.Select(r => r.Case.UnitId).Distinct().ToList();
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Number, ct);
        foreach (var (c, stage, balance) in reminders)
        {
            if (contacts.TryGetValue(c.CustomerId!.Value, out var contact))
            {
                notifier.EnqueueToHousehold(contact, $"dunning:{c.Id:N}:{stage}",
                    stage == DunningStage.Reminder ? NotificationKinds.DunningReminder : NotificationKinds.DunningSecondReminder,
                    [contact.Name, units.GetValueOrDefault(c.UnitId, ""), Money(balance), c.OldestDueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)],
                    null, DeliveryPriority.Bulk, $"dunning:{c.PropertyId:N}");
            }
        }
    }

    private static string Dedup(Guid runId, Guid unitId) => $"billing:{runId:N}:{unitId:N}";

    /// <summary>The row's key as the notifier writes it for this household.</summary>
    private static string Key(Guid runId, Guid unitId, Guid customerId) => $"{Dedup(runId, unitId)}:c{customerId:N}";

    private static string Money(decimal amount) => amount.ToString("#,0.00", CultureInfo.InvariantCulture);
}
