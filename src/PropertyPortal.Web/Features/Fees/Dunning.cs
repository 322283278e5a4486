using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Fees;
using PropertyPortal.Web.Features.Notifications;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Fees;

/// <summary>
/// The daily step of the dunning ladder over every property: a unit whose oldest unpaid bill is past
/// the reminder wait gets a case; each open case fires the stage that has come due (once: one step per
/// stage, unique in the database); a case whose unit owes nothing overdue any more is settled. The
/// property's stewards are told of new call and visit tasks, the supervisors of letters to send, the
/// managers of legal referrals — one message per property and day, not one per household. The
/// household itself gets each reminder on its preferred channel (SMS, e-mail), saved with the step.
/// </summary>
public sealed class DunningService(PortalDbContext db, Ledger ledger, Notifier notifier, HouseholdMessages messages, TimeProvider time, ILogger<DunningService> logger)
{
    public sealed record Result(int Opened, int Fired, int Settled);

    public async Task<Result> AdvanceAsync(CancellationToken ct)
    {
        var today = PortalClock.Today(time);
        var properties = await db.Properties.AsNoTracking().Select(p => p.Id).ToListAsync(ct);
        var total = new Result(0, 0, 0);
        foreach (var property in properties)
        {
            var r = await AdvancePropertyAsync(property, today, ct);
            total = new Result(total.Opened + r.Opened, total.Fired + r.Fired, total.Settled + r.Settled);
        }

        return total;
    }

    public async Task<Result> AdvancePropertyAsync(Guid propertyId, DateOnly today, CancellationToken ct)
    {
        var policy = await ledger.PolicyForAsync(propertyId, ct);
        var ladder = policy.Ladder;
        var now = time.GetUtcNow().UtcDateTime;
        var overdue = (await db.Charges.AsNoTracking()
                .Where(c => c.PropertyId == propertyId).OverdueOn(today)
                .GroupBy(c => c.UnitId)
                .Select(g => new { UnitId = g.Key, Balance = g.Sum(c => c.Amount - c.Paid), Oldest = g.Min(c => c.DueDate) })
                .ToListAsync(ct))
            .ToDictionary(x => x.UnitId);
        var cases = await db.DunningCases.Include(c => c.Steps).Where(c => c.PropertyId == propertyId && c.State != DunningState.Settled).ToListAsync(ct);
        var byUnit = cases.ToDictionary(c => c.UnitId);
        int opened = 0, fired = 0, settled = 0;
        var firedStages = new List<DunningStage>();
        var firedCases = new List<(DunningCase Case, DunningStage Stage, decimal Balance)>();
        Dictionary<Guid, Guid>? payers = null;

        foreach (var c in cases.Where(c => !overdue.ContainsKey(c.UnitId)))
        {
            c.Settle(now);
            settled++;
        }

        foreach (var (unitId, o) in overdue)
        {
            if (!byUnit.TryGetValue(unitId, out var c))
            {
                if (today < o.Oldest.AddDays(ladder.ReminderAfterDays))
                {
                    continue;
                }

                payers ??= await ledger.PayersAsync(propertyId, today, today, null, ct);
                c = new DunningCase(propertyId, unitId, payers.TryGetValue(unitId, out var payer) ? payer : null, o.Oldest, now);
                db.DunningCases.Add(c);
                opened++;
            }

            if (c.StepDue(today, ladder) is { } stage)
            {
                c.Fire(stage, o.Balance, today, now);
                firedStages.Add(stage);
                firedCases.Add((c, stage, o.Balance));
                fired++;
            }
        }

        if (firedStages.Count > 0)
        {
            await NotifyAsync(propertyId, today, firedStages, ct);
            await messages.QueueRemindersAsync(firedCases, ct);
        }

        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        if (opened + fired + settled > 0)
        {
            logger.LogInformation("Dunning {Property} {Day}: {Opened} opened, {Fired} steps, {Settled} settled", propertyId, today, opened, fired, settled);
        }

        return new Result(opened, fired, settled);
    }

    private async Task NotifyAsync(Guid propertyId, DateOnly today, List<DunningStage> stages, CancellationToken ct)
    {
        var tasks = stages.Count(s => s is DunningStage.Reminder or DunningStage.SecondReminder or DunningStage.Visit);
        if (tasks > 0)
        {
            notifier.Enqueue($"dunning:{propertyId:N}:{today:yyyyMMdd}:tasks", NotificationKinds.DunningTasks, [tasks], "/Dunning", propertyId,
                await notifier.UsersInRoleForPropertyAsync(Roles.Steward, propertyId, ct));
        }

        var letters = stages.Count(s => s == DunningStage.Letter);
        if (letters > 0)
        {
            notifier.Enqueue($"dunning:{propertyId:N}:{today:yyyyMMdd}:letters", NotificationKinds.DunningLetters, [letters], "/Dunning?stage=Letter", propertyId,
                await notifier.SupervisorsOfAsync(propertyId, ct));
        }

        var legal = stages.Count(s => s == DunningStage.Legal);
        if (legal > 0)
        {
            notifier.Enqueue($"dunning:{propertyId:N}:{today:yyyyMMdd}:legal", NotificationKinds.DunningLegal, [legal], "/Dunning?stage=Legal", propertyId,
                await notifier.ManagersOfAsync(propertyId, ct));
        }
    }
}
