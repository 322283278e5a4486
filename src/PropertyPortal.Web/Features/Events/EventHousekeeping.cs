using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Community;
using PropertyPortal.Web.Features.Notices;
using PropertyPortal.Web.Features.Sla;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Features.Events;

/// <summary>What the hourly community job did.</summary>
public sealed record HousekeepingResult(int PlansOpened, int HalvesOpened, int NoticesWithdrawn);

/// <summary>
/// The community job's work, each part idempotent (a unique row or a versioned step, so a second run or a second
/// instance changes nothing): open next year's annual plan of every active property from the policy's opening day until
/// its approval deadline (its drafting clock starts, the supervisors are told); open the current half year's
/// public-welfare clock; take down expired notices.
/// </summary>
public sealed class EventHousekeeping(
    PortalDbContext db, SlaSettings settings, EventPlanSteps plans, PublicWelfareRule welfare, NoticeExpiry notices, TimeProvider time,
    ILogger<EventHousekeeping> logger)
{
    public async Task<HousekeepingResult> RunAsync(CancellationToken ct)
    {
        var opened = await OpenPlansAsync(ct);
        var halves = await welfare.EnsureHalvesAsync(ct);
        var withdrawn = await notices.RunAsync(ct);
        return new HousekeepingResult(opened, halves, withdrawn);
    }

    private async Task<int> OpenPlansAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var today = PortalClock.Today(time);
        var calendar = await settings.CalendarAsync(ct);
        var properties = await db.Properties.AsNoTracking().Where(p => p.IsActive).Select(p => p.Id).ToListAsync(ct);
        var opened = 0;
        foreach (var property in properties)
        {
            var policy = await settings.PolicyForAsync(property, ct);
            foreach (var year in new[] { today.Year, today.Year + 1 })
            {
                var opens = EventDeadlines.AnnualDue(year, policy.AnnualPlanDraftDay, calendar).AddDays(-policy.AnnualPlanOpensDaysBefore);
                var closes = EventDeadlines.AnnualDue(year, policy.AnnualPlanApprovalDay, calendar);
                if (now < opens || now > closes || await db.AnnualEventPlans.AnyAsync(p => p.PropertyId == property && p.Year == year, ct))
                {
                    continue;
                }

                db.ChangeTracker.Clear();
                var result = await plans.OpenAsync(property, year, Actor.System, ct);
                if (result.Done)
                {
                    opened++;
                    logger.LogInformation("Annual event plan {Number} opened", result.Number);
                }
            }
        }

        return opened;
    }
}
