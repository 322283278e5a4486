using PropertyPortal.Domain.Notifications;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Bench.Cluster;

/// <summary>The exactly-once audit of the cluster soak, read from the portal's database after the load.</summary>
internal static class ClusterAudit
{
    /// <summary>How far behind "now" a due clock or outbox row may be before it counts as left behind (a sweep runs every few seconds).</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(30);

    private static PortalDbContext Db(ClusterOptions options) =>
        new PostgresPortalDbContext(new DbContextOptionsBuilder<PostgresPortalDbContext>().UseNpgsql(options.Connection).Options, SystemPropertyScope.Instance);

    /// <summary>Waits (up to --settle-seconds) until nothing is due any more: the last sweep has fired and delivered what the load caused.</summary>
    public static async Task<TimeSpan> SettleAsync(ClusterOptions options)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < options.Settle)
        {
            await using var db = Db(options);
            var now = DateTime.UtcNow.AddSeconds(-10);
            var clocks = await db.SlaClocks.CountAsync(c => c.NextCheckAt != null && c.NextCheckAt <= now);
            var outbox = await db.OutboxMessages.CountAsync(m => (m.State == DeliveryState.Queued || m.State == DeliveryState.Retrying) && m.NextAttemptAt != null && m.NextAttemptAt <= now);
            if (clocks == 0 && outbox == 0)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        return watch.Elapsed;
    }

    public static async Task<bool> RunAsync(ClusterOptions options, Ledgerbook book, DateTime started, Action<string> line)
    {
        await using var db = Db(options);
        var late = DateTime.UtcNow - Slack;
        var ok = true;
        line("| check | found | expected | |");
        line("|---|---:|---:|---|");
        void Check(string what, long found, long expected)
        {
            var pass = found == expected;
            ok &= pass;
            line($"| {what} | {found:N0} | {expected:N0} | {(pass ? "ok" : "**FAIL**")} |");
        }

        void Info(string what, long found) => line($"| {what} | {found:N0} | | |");

        // Clocks: every step fired once, none left behind.
        Info("SLA events fired during the run (warnings, breaches, escalations)", await db.SlaEvents.CountAsync(e => e.FiredAt >= started));
        Check("SLA steps fired more than once", await db.SlaEvents.GroupBy(e => new { e.ClockId, e.Kind }).CountAsync(g => g.Count() > 1), 0);
        Check("SLA clocks due but not swept", await db.SlaClocks.CountAsync(c => c.NextCheckAt != null && c.NextCheckAt <= late), 0);

        // Notifications: queued once per fact and recipient, delivered once.
        Info("notifications queued during the run", await db.OutboxMessages.CountAsync(m => m.CreatedAt >= started));
        Check("outbox rows queued twice (same dedup key)", await db.OutboxMessages.GroupBy(m => m.DedupKey).CountAsync(g => g.Count() > 1), 0);
        Check("outbox rows due but not delivered", await db.OutboxMessages.CountAsync(m => (m.State == DeliveryState.Queued || m.State == DeliveryState.Retrying) && m.NextAttemptAt != null && m.NextAttemptAt <= late), 0);
        Check("outbox rows given up or of unknown fate", await db.OutboxMessages.CountAsync(m => m.State == DeliveryState.Dead || m.State == DeliveryState.Unknown), 0);
        Check("in-app rows delivered without a bell notification",
            await db.OutboxMessages.CountAsync(m => m.Channel == "InApp" && m.State == DeliveryState.Sent && !db.Notifications.Any(n => n.OutboxMessageId == m.Id)), 0);
        Check("bell notifications delivered twice", await db.Notifications.GroupBy(n => n.OutboxMessageId).CountAsync(g => g.Count() > 1), 0);

        // Receipts: per property a gap-free run of numbers, each once, the sequence at its end.
        var receipts = await db.Payments.Where(p => p.Sequence > 0).GroupBy(p => p.PropertyId)
            .Select(g => new { Property = g.Key, Count = g.LongCount(), Distinct = g.Select(p => p.Sequence).Distinct().LongCount(), Min = g.Min(p => p.Sequence), Max = g.Max(p => p.Sequence) })
            .ToListAsync();
        var sequences = await db.ReceiptSequences.ToDictionaryAsync(s => s.PropertyId, s => s.Last);
        Info("payments and refunds with a receipt number (all properties)", receipts.Sum(r => r.Count));
        Check("receipt numbers used twice", receipts.Sum(r => r.Count - r.Distinct), 0);
        Check("receipt numbers missing (gaps)", receipts.Sum(r => r.Max - r.Min + 1 - r.Distinct), 0);
        Check("receipt sequences not at their last number", receipts.Count(r => sequences.GetValueOrDefault(r.Property) != r.Max), 0);

        // The clerks' work: what they were told was done is there, once, where the answer pointed.
        var contacts = await db.Contacts.Where(c => c.Subject.StartsWith("负载来电")).Select(c => c.Subject).ToListAsync();
        var repairs = await db.RepairOrders.Where(o => o.Description.StartsWith("负载报修")).Select(o => new { o.Description, o.Id }).ToListAsync();
        var payments = await db.Payments.Where(p => p.PayerName.StartsWith("负载收款")).Select(p => new { p.PayerName, p.Id }).ToListAsync();
        Check("contacts confirmed to the clerks and not in the database (lost)", book.Contacts.Keys.Count(k => !contacts.Contains(k)), 0);
        Check("contacts saved twice (doubled)", contacts.GroupBy(c => c).Count(g => g.Count() > 1), 0);
        Check("repair orders confirmed and lost", book.Repairs.Keys.Count(k => repairs.All(r => r.Description != k)), 0);
        Check("repair orders saved twice", repairs.GroupBy(r => r.Description).Count(g => g.Count() > 1), 0);
        Check("repair orders whose confirmation pointed elsewhere",
            book.Repairs.Count(b => repairs.FirstOrDefault(r => r.Description == b.Key) is { } r && b.Value != $"/Repairs/Details/{r.Id}"), 0);
        Check("payments confirmed and lost", book.Payments.Keys.Count(k => payments.All(p => p.PayerName != k)), 0);
        Check("payments taken twice", payments.GroupBy(p => p.PayerName).Count(g => g.Count() > 1), 0);
        Check("payments whose receipt pointed elsewhere",
            book.Payments.Count(b => payments.FirstOrDefault(p => p.PayerName == b.Key) is { } p && b.Value != $"/Fees/Receipt/{p.Id}"), 0);
        Info("contacts / repair orders / payments in the database that no clerk saw confirmed", contacts.Distinct().Count(c => !book.Contacts.ContainsKey(c))
            + repairs.Select(r => r.Description).Distinct().Count(d => !book.Repairs.ContainsKey(d)) + payments.Select(p => p.PayerName).Distinct().Count(n => !book.Payments.ContainsKey(n)));
        return ok;
    }
}
